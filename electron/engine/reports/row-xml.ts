/**
 * One worksheet row as SpreadsheetML, written the way exceljs writes it (same cell markup, same
 * escaping, same style registry), without building exceljs's row and cell objects and an XML
 * stream per row. That machinery was about half of an export's CPU time. Only the value shapes
 * the report builder produces are accepted: text, numbers, dates and formulas with a cached
 * text or number result (yes/no is written as words, so there are no boolean cells).
 */
import ExcelJS from 'exceljs';
import type { CellValue, Style } from 'exceljs';

/** The part of exceljs's style registry a row needs: a style's index in styles.xml. */
export interface StyleRegistry {
  addStyleModel(style: Partial<Style>, cellType: ExcelJS.ValueType): number;
}

/** Characters XML text may not hold as-is: escaped, or dropped where XML 1.0 forbids them. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex
const ESCAPES = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

export function xmlText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, (c) => ENTITY[c] ?? '') : text;
}

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day zero (1900 system) to 1970-01-01. */
const EPOCH_1970 = 25_569;

/** A cell-less style per value type, for cells without a style (exceljs caches by object). */
const NO_STYLE = new Map<ExcelJS.ValueType, Partial<Style>>();

export class RowXml {
  private readonly styleIds = new Map<Partial<Style>, Map<ExcelJS.ValueType, number>>();
  private readonly letters: string[];

  constructor(
    private readonly registry: StyleRegistry,
    columnLetters: readonly string[],
  ) {
    this.letters = [...columnLetters];
  }

  /**
   * `<row>` for row number `r` (1-based). `fallback[i]` is the style of column i, used for
   * cells that come without one (as exceljs does with column styles).
   */
  render(
    r: number,
    values: readonly (CellValue | undefined)[],
    styles: readonly (Partial<Style> | undefined)[],
    fallback: readonly (Partial<Style> | undefined)[],
  ): string {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === undefined || value === null) continue;
      const letter = this.letters[i];
      if (letter === undefined) throw new RangeError(`row ${r} has more cells than columns`);
      const ref = `${letter}${r}`;
      if (typeof value === 'string') {
        xml += `<c r="${ref}"${this.s(styles[i] ?? fallback[i], ExcelJS.ValueType.String)} t="str"><v>${xmlText(value)}</v></c>`;
      } else if (typeof value === 'number') {
        xml += `<c r="${ref}"${this.s(styles[i] ?? fallback[i], ExcelJS.ValueType.Number)}><v>${value}</v></c>`;
      } else if (value instanceof Date) {
        const serial = EPOCH_1970 + value.getTime() / MS_PER_DAY;
        xml += `<c r="${ref}"${this.s(styles[i] ?? fallback[i], ExcelJS.ValueType.Date)}><v>${serial}</v></c>`;
      } else if (typeof value === 'object' && 'formula' in value && !('sharedFormula' in value)) {
        const result: unknown = value.result;
        const f = `<f>${xmlText(value.formula)}</f>`;
        if (typeof result === 'string') {
          xml += `<c r="${ref}"${this.s(styles[i] ?? fallback[i], ExcelJS.ValueType.String)} t="str">${f}<v>${xmlText(result)}</v></c>`;
        } else if (typeof result === 'number') {
          xml += `<c r="${ref}"${this.s(styles[i] ?? fallback[i], ExcelJS.ValueType.Number)}>${f}<v>${result}</v></c>`;
        } else if (result === undefined || result === null) {
          xml += `<c r="${ref}"${this.s(styles[i] ?? fallback[i], ExcelJS.ValueType.Null)}>${f}</c>`;
        } else {
          throw new TypeError(`row ${r}, cell ${ref}: unsupported formula result`);
        }
      } else {
        throw new TypeError(`row ${r}, cell ${ref}: unsupported cell value`);
      }
    }
    return `${xml}</row>`;
  }

  /** ` s="N"` for a style (nothing for the default style 0), registered once per object and type. */
  private s(style: Partial<Style> | undefined, type: ExcelJS.ValueType): string {
    const key = style ?? noStyle(type);
    let byType = this.styleIds.get(key);
    if (!byType) this.styleIds.set(key, (byType = new Map()));
    let id = byType.get(type);
    if (id === undefined) {
      id = this.registry.addStyleModel(key, type);
      byType.set(type, id);
    }
    return id ? ` s="${id}"` : '';
  }
}

function noStyle(type: ExcelJS.ValueType): Partial<Style> {
  let style = NO_STYLE.get(type);
  if (!style) NO_STYLE.set(type, (style = {}));
  return style;
}
