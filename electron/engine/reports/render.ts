/**
 * Turns a column's raw value into (a) a typed, localised, injection-safe spreadsheet cell with a
 * shared style, and (b) the machine value the JSON export carries.
 */
import type { CellValue, Style } from 'exceljs';
import { reasonText, yesNo, type Lang } from '../../../shared/i18n/index.ts';
import type { Reason } from '../../../shared/model.ts';
import { classifyField, linkFormula, safeText, StoreLocator } from './cells.ts';
import type { Column, LinkRef } from './columns.ts';
import { toneOf, type StyleBook } from './styles.ts';
import { calendarDate, isoInstant, type WallClock } from './wall-clock.ts';

export interface RenderContext {
  lang: Lang;
  styles: StyleBook;
  clock: WallClock;
  /** Data folder; stored document paths are relative to it. */
  dataDir: string;
}

const isDate = (t: string): boolean => calendarDate(t) !== null;
const isInstant = (t: string): boolean => isoInstant(t) !== null;

function asText(raw: unknown): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  return typeof raw === 'string' ? raw : String(raw);
}

function asNumber(raw: unknown): number | null {
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
}

function asLink(raw: unknown): LinkRef | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<LinkRef>;
  return typeof r.storePath === 'string' && typeof r.fileName === 'string'
    ? { storePath: r.storePath, fileName: r.fileName }
    : null;
}

function reasonsOf(raw: unknown): Reason[] {
  return Array.isArray(raw)
    ? (raw as Reason[]).filter((r) => r && typeof r === 'object' && typeof r.code === 'string')
    : [];
}

/** Labels repeat endlessly down a column (a handful of statuses); look each up once. */
const LABEL_CACHE_MAX = 2048;

export class CellRenderer {
  private readonly store: StoreLocator;
  private readonly labels = new WeakMap<object, Map<string, string>>();

  constructor(private readonly ctx: RenderContext) {
    this.store = new StoreLocator(ctx.dataDir);
  }

  /** Writes the cell of `column` for `raw` into position `i` of the row buffers. */
  cell<R>(
    column: Column<R>,
    raw: unknown,
    values: (CellValue | undefined)[],
    styles: (Partial<Style> | undefined)[],
    i: number,
  ): void {
    const { lang, styles: book } = this.ctx;
    values[i] = undefined;
    styles[i] = undefined;
    switch (column.kind) {
      case 'text':
      case 'code': {
        const text = asText(raw);
        if (text === null) return;
        values[i] = safeText(text);
        styles[i] = book.get(column.kind);
        return;
      }
      case 'status': {
        const code = asText(raw);
        if (code === null) return;
        values[i] = this.labelled(column, code);
        styles[i] = book.get('status', column.toned ? toneOf(code) : null);
        return;
      }
      case 'integer':
      case 'decimal':
      case 'credits': {
        const n = asNumber(raw);
        if (n === null) return;
        values[i] = n;
        styles[i] = book.get(column.kind);
        return;
      }
      case 'datetime': {
        const ms = asNumber(raw);
        if (ms === null) return;
        values[i] = this.ctx.clock.excelDate(ms);
        styles[i] = book.get('datetime');
        return;
      }
      case 'date': {
        const text = asText(raw);
        if (text === null) return;
        const date = calendarDate(text);
        values[i] = date ?? safeText(text);
        styles[i] = book.get(date ? 'date' : 'text');
        return;
      }
      case 'link': {
        const link = asLink(raw);
        if (!link) return;
        const formula = linkFormula(this.store.locate(link.storePath).url, link.fileName);
        values[i] = formula ?? safeText(link.fileName);
        styles[i] = book.get(formula ? 'link' : 'text');
        return;
      }
      case 'yesno': {
        if (typeof raw !== 'boolean') return;
        values[i] = yesNo(lang, raw);
        styles[i] = book.get('text');
        return;
      }
      case 'list': {
        if (!Array.isArray(raw) || raw.length === 0) return;
        const items = raw as unknown[];
        values[i] =
          items.length === 1
            ? this.labelled(column, String(items[0]))
            : safeText(items.map((v) => this.labelled(column, String(v))).join(', '));
        styles[i] = book.get('text');
        return;
      }
      case 'reasons': {
        const reasons = reasonsOf(raw);
        if (reasons.length === 0) return;
        values[i] = safeText(reasons.map((r) => reasonText(lang, r.code, r.message)).join('; '));
        styles[i] = book.get('text');
        return;
      }
      case 'value': {
        const f = classifyField(column.fieldName ?? column.key, raw, isDate, isInstant);
        switch (f.kind) {
          case 'empty':
            return;
          case 'text':
          case 'code':
            values[i] = safeText(f.text);
            styles[i] = book.get(f.kind);
            return;
          case 'number':
            values[i] = f.value;
            styles[i] = book.get('decimal');
            return;
          case 'boolean':
            values[i] = yesNo(lang, f.value);
            styles[i] = book.get('text');
            return;
          case 'date':
            values[i] = calendarDate(f.text) ?? safeText(f.text);
            styles[i] = book.get('date');
            return;
          case 'instant': {
            const ms = isoInstant(f.text);
            values[i] = ms === null ? safeText(f.text) : this.ctx.clock.excelDate(ms);
            styles[i] = book.get(ms === null ? 'text' : 'datetime');
            return;
          }
        }
      }
    }
  }

  /** The column's label for `code`, made safe for a cell (labels are ours, codes may not be). */
  private labelled<R>(column: Column<R>, code: string): string {
    let cache = this.labels.get(column);
    if (!cache) {
      cache = new Map();
      this.labels.set(column, cache);
    }
    let text = cache.get(code);
    if (text === undefined) {
      text = safeText(column.labelOf ? column.labelOf(this.ctx.lang, code) : code);
      if (cache.size < LABEL_CACHE_MAX) cache.set(code, text);
    }
    return text;
  }

  /** The machine value of the same cell: canonical codes, ISO times, arrays; null when empty. */
  json<R>(column: Column<R>, raw: unknown): unknown {
    switch (column.kind) {
      case 'datetime': {
        const ms = asNumber(raw);
        return ms === null ? null : this.ctx.clock.iso(ms);
      }
      case 'link': {
        const link = asLink(raw);
        return link ? { file: link.fileName, path: this.store.locate(link.storePath).path } : null;
      }
      case 'reasons':
        return reasonsOf(raw).map((r) => ({
          code: r.code,
          vendorCode: r.vendorCode ?? null,
          message: r.message,
          severity: r.severity,
        }));
      case 'list':
        return Array.isArray(raw) ? raw : [];
      default:
        return raw === undefined || raw === '' ? null : raw;
    }
  }
}
