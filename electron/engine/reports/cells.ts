/**
 * What may go into a cell. Everything that reaches a report from outside CheckDesk (OCR text,
 * vendor fields, file names, what an applicant typed on a form) is treated as hostile:
 *
 * - Formula injection: a string starting with = + - @ (or tab / CR) is a formula to Excel and
 *   LibreOffice once someone edits the cell or saves the sheet as CSV. Such text gets a leading
 *   apostrophe, which both programs show as a plain character and never evaluate.
 * - XML: characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates) would make the whole
 *   workbook unreadable; they are dropped.
 * - Excel keeps at most 32,767 characters per cell; longer text is cut with a visible marker.
 * - Numbers: Excel keeps 15 significant digits, so identifiers (NIK, NPWP, account numbers) stay
 *   text, and so does any digit string longer than 11 digits.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAX_CELL_CHARS = 32_767;
const TRUNCATED = ' …[truncated]';

const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what must go
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Characters that start a formula; full-width forms included because some spreadsheets fold them. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Drops characters XML cannot carry and cuts text Excel cannot hold. */
export function cleanText(text: string): string {
  let out = text.replace(INVALID_XML, '');
  if (out.length > MAX_CELL_CHARS)
    out = out.slice(0, MAX_CELL_CHARS - TRUNCATED.length - 1) + TRUNCATED;
  return out;
}

/** True when a spreadsheet could read `text` as a formula. */
export function looksLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  const first = text[0]!;
  if (first === '\t' || first === '\r') return true;
  const trimmed = text.trimStart();
  return trimmed.length > 0 && FORMULA_START.has(trimmed[0]!);
}

/** Text that is safe to put in a cell: cleaned, and formula-looking text prefixed with `'`. */
export function safeText(text: string): string {
  const clean = cleanText(text);
  if (!looksLikeFormula(clean)) return clean;
  return clean.length >= MAX_CELL_CHARS ? `'${clean.slice(0, MAX_CELL_CHARS - 1)}` : `'${clean}`;
}

const ID_TOKENS = new Set([
  'nik',
  'nkk',
  'kk',
  'npwp',
  'nib',
  'nop',
  'id',
  'ids',
  'ref',
  'reference',
  'no',
  'nomor',
  'nomer',
  'number',
  'num',
  'nr',
  'account',
  'acct',
  'rekening',
  'norek',
  'iban',
  'card',
  'kartu',
  'phone',
  'telp',
  'telepon',
  'hp',
  'msisdn',
  'mobile',
  'policy',
  'polis',
  'plate',
  'nopol',
  'chassis',
  'rangka',
  'engine',
  'mesin',
  'vin',
  'bpkb',
  'stnk',
  'passport',
  'paspor',
  'certificate',
  'sertifikat',
  'serial',
  'seri',
  'code',
  'kode',
  'postal',
  'postcode',
  'zip',
  'pos',
  'registration',
  'registrasi',
  'uuid',
  'sha256',
  'hash',
]);

function keyTokens(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const identifierKeys = new Map<string, boolean>();

/** A field whose name says it holds an identifier (nik, no_rekening, accountNumber, …). */
export function isIdentifierKey(key: string): boolean {
  let known = identifierKeys.get(key);
  if (known === undefined) {
    known = keyTokens(key).some((t) => ID_TOKENS.has(t));
    // Field names come from providers: a handful per service, but never let the memo grow unbounded.
    if (identifierKeys.size > 10_000) identifierKeys.clear();
    identifierKeys.set(key, known);
  }
  return known;
}

/** Plain decimal number of at most 11 integer digits, no leading zero: safe to store as a number. */
const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,10})(\.\d{1,6})?$/;

export type FieldCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; text: string }
  | { kind: 'instant'; text: string }
  | { kind: 'boolean'; value: boolean };

/**
 * How a value the provider returned should be written. Identifiers keep every digit as text;
 * plain numbers become numbers; calendar dates and zoned timestamps become real dates (resolved by
 * the caller); everything else is text.
 */
export function classifyField(
  key: string,
  value: unknown,
  isDate: (t: string) => boolean,
  isInstant: (t: string) => boolean,
): FieldCell {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  const identifier = isIdentifierKey(key);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'text', text: String(value) };
    if (identifier && Number.isInteger(value)) return { kind: 'code', text: String(value) };
    // Beyond 15 significant digits Excel would silently round; keep what we have as text.
    if (Math.abs(value) >= 1e15) return { kind: 'code', text: String(value) };
    return { kind: 'number', value };
  }
  if (typeof value === 'string') {
    if (identifier) return { kind: 'code', text: value };
    if (isDate(value)) return { kind: 'date', text: value };
    if (isInstant(value)) return { kind: 'instant', text: value };
    if (PLAIN_NUMBER.test(value)) return { kind: 'number', value: Number(value) };
    return { kind: 'text', text: value };
  }
  // Objects and arrays are not expected in `fields`; show them rather than drop them.
  return { kind: 'text', text: JSON.stringify(value) };
}

/** Excel limits a text literal inside a formula to 255 characters. */
const FORMULA_LITERAL_MAX = 255;

function formulaLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export interface LinkCell {
  formula: string;
  result: string;
}

/**
 * A HYPERLINK formula to a stored file (given as a file:// URL), or null when the URL is too long
 * for a formula.
 *
 * Why a formula and not a cell hyperlink: cell hyperlinks are relationship entries that exceljs
 * keeps in memory and writes as a separate zip entry buffered until the sheet ends, and Excel
 * accepts at most 65,530 per sheet. A formula costs nothing extra per row. The display text is a
 * string literal inside the formula (quotes doubled), so it can never be evaluated.
 */
export function linkFormula(fileUrl: string, displayText: string): LinkCell | null {
  if (fileUrl.length > FORMULA_LITERAL_MAX) return null;
  let text = safeText(displayText);
  if (text.length > FORMULA_LITERAL_MAX) text = text.slice(0, FORMULA_LITERAL_MAX - 1) + '…';
  return { formula: `HYPERLINK(${formulaLiteral(fileUrl)},${formulaLiteral(text)})`, result: text };
}

/**
 * Absolute paths and file:// URLs of stored documents. The data folder's URL is computed once;
 * per row only the relative segments are encoded (path.resolve + pathToFileURL per row showed up
 * in profiles of million-row exports).
 */
const PLAIN_STORE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export class StoreLocator {
  private readonly dir: string;
  private readonly dirUrl: string;

  constructor(dataDir: string) {
    this.dir = path.resolve(dataDir);
    this.dirUrl = pathToFileURL(this.dir + path.sep).href;
  }

  locate(storePath: string): { path: string; url: string } {
    // The store names files by hash: plain ASCII needs no encoding at all.
    if (PLAIN_STORE_PATH.test(storePath)) {
      return {
        path:
          this.dir +
          path.sep +
          (path.sep === '/' ? storePath : storePath.replaceAll('/', path.sep)),
        url: this.dirUrl + storePath,
      };
    }
    const segments = storePath.split(/[\\/]+/);
    if (path.isAbsolute(storePath) || segments.some((s) => s === '' || s === '.' || s === '..')) {
      const abs = path.resolve(this.dir, storePath);
      return { path: abs, url: pathToFileURL(abs).href };
    }
    return {
      path: this.dir + path.sep + segments.join(path.sep),
      url: this.dirUrl + segments.map(encodeURIComponent).join('/'),
    };
  }
}

/** The last segment of a stored relative path (`APP-1/ktp.jpg` → `ktp.jpg`). */
export function baseName(relPath: string): string {
  const parts = relPath.split(/[\\/]/);
  return parts[parts.length - 1] || relPath;
}
