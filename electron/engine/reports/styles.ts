/**
 * Cell styles of a report, one shared object per (kind, tone).
 *
 * Sharing matters for speed: exceljs recognises a style object it has seen before by identity and
 * skips re-serialising it, which is most of the per-cell cost on a million rows.
 *
 * Number formats per language: dates carry a locale tag ([$-409] English, [$-421] Indonesian) so
 * month names follow the report's language whatever the reader's Excel is set to. Digit grouping
 * and the decimal mark are not part of a format code in a workbook: Excel and LibreOffice draw
 * them from the reader's regional settings (1,234.50 in English, 1.234,50 in Indonesian), which is
 * what a reader expects, so the numeric codes are the same in both languages.
 */
import type { Style } from 'exceljs';
import type { Lang } from '../../../shared/i18n/index.ts';

export interface NumberFormats {
  dateTime: string;
  date: string;
  integer: string;
  decimal: string;
  credits: string;
  text: string;
}

export const NUMBER_FORMATS: Record<Lang, NumberFormats> = {
  en: {
    dateTime: '[$-409]dd mmm yyyy hh:mm',
    date: '[$-409]dd mmm yyyy',
    integer: '#,##0',
    decimal: 'General',
    credits: '#,##0.00',
    text: '@',
  },
  id: {
    dateTime: '[$-421]dd mmm yyyy hh:mm',
    date: '[$-421]dd mmm yyyy',
    integer: '#,##0',
    decimal: 'General',
    credits: '#,##0.00',
    text: '@',
  },
};

export type Tone = 'good' | 'bad' | 'warn' | 'muted';

/** Excel's own "Good / Bad / Neutral" cell-style colours, familiar to every Excel user. */
const TONE_COLOURS: Record<Tone, { fill: string; font: string }> = {
  good: { fill: 'FFC6EFCE', font: 'FF006100' },
  bad: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  warn: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  muted: { fill: 'FFEDEDED', font: 'FF404040' },
};

export type StyleKind =
  'text' | 'code' | 'status' | 'integer' | 'decimal' | 'credits' | 'datetime' | 'date' | 'link';

export interface StyleBook {
  readonly formats: NumberFormats;
  readonly header: Partial<Style>;
  get(kind: StyleKind, tone?: Tone | null): Partial<Style>;
}

export function createStyleBook(lang: Lang): StyleBook {
  const formats = NUMBER_FORMATS[lang];
  const top = { vertical: 'top' } as const;
  const base: Record<StyleKind, Partial<Style>> = {
    text: { alignment: top },
    code: { numFmt: formats.text, alignment: top },
    status: { alignment: top },
    integer: { numFmt: formats.integer, alignment: top },
    decimal: { numFmt: formats.decimal, alignment: top },
    credits: { numFmt: formats.credits, alignment: top },
    datetime: { numFmt: formats.dateTime, alignment: top },
    date: { numFmt: formats.date, alignment: top },
    link: { font: { color: { argb: 'FF0563C1' }, underline: true }, alignment: top },
  };
  const toned = new Map<string, Partial<Style>>();
  for (const kind of Object.keys(base) as StyleKind[]) {
    for (const tone of Object.keys(TONE_COLOURS) as Tone[]) {
      const c = TONE_COLOURS[tone];
      toned.set(`${kind}:${tone}`, {
        ...base[kind],
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill } },
        font: { color: { argb: c.font } },
      });
    }
  }
  const header: Partial<Style> = {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
    border: { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } },
    alignment: { vertical: 'middle', wrapText: true },
  };
  return {
    formats,
    header,
    get(kind, tone) {
      return (tone && toned.get(`${kind}:${tone}`)) || base[kind];
    },
  };
}

/** Colour of a decision, check outcome, review state, run status or stage; null = no colour. */
export function toneOf(value: string | null | undefined): Tone | null {
  switch (value) {
    case 'APPROVED':
    case 'PASS':
    case 'RESOLVED_APPROVED':
    case 'DONE':
      return 'good';
    case 'DECLINED':
    case 'FAIL':
    case 'ERROR':
    case 'RESOLVED_DECLINED':
    case 'FAILED':
    case 'BLOCKED':
      return 'bad';
    case 'REVIEW':
    case 'INCONCLUSIVE':
    case 'REQUIRED':
    case 'IN_REVIEW':
    case 'IN_DOUBT':
    case 'ON_HOLD':
    case 'EXPIRED':
      return 'warn';
    case 'CANCELLED':
    case 'NOT_RUN':
      return 'muted';
    default:
      return null;
  }
}
