/**
 * Tolerant readers for vendor payloads. Vendor examples and real answers disagree on key spelling
 * (`overallResult` / `overResult`, `status` / `status_label`), letter case, number-vs-string values
 * and wrapping, so lookups here ignore case, `_`, `-` and spaces, and every coercion returns null
 * (or an empty array) instead of throwing: `normalize` must never throw on odd input.
 */

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asObj(value: unknown): Obj | null {
  return isObj(value) ? value : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function looseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** First present (not undefined) value among the given key spellings; exact match wins over loose. */
export function field(obj: Obj | null | undefined, ...names: string[]): unknown {
  if (!obj) return undefined;
  for (const name of names) {
    if (obj[name] !== undefined) return obj[name];
  }
  const wanted = new Set(names.map(looseKey));
  for (const [key, value] of Object.entries(obj)) {
    if (value !== undefined && wanted.has(looseKey(key))) return value;
  }
  return undefined;
}

/** Like `field`, but skips keys whose value is null so a later spelling can still answer. */
export function firstNonNull(obj: Obj | null | undefined, ...names: string[]): unknown {
  for (const name of names) {
    const value = field(obj, name);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** A trimmed non-empty string, finite numbers as text; anything else is null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Upper-case enum value, or null. Vendors send `pass`, `Pass` and `PASS` for the same thing. */
export function enumValue(value: unknown): string | null {
  const s = str(value);
  return s === null ? null : s.toUpperCase();
}

/**
 * An enum value in one canonical spelling: upper case, runs of spaces/hyphens as `_`.
 * `double-check`, `Double Check` and `DOUBLE_CHECK` all become `DOUBLE_CHECK`.
 */
export function enumKey(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  return s.toUpperCase().replace(/[\s-]+/g, '_');
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes') return true;
    if (v === 'false' || v === 'no') return false;
  }
  return null;
}

/** Peels `{data: {...}}` envelopes (Laravel resources, some webhook relays); at most three levels. */
export function unwrapData(value: unknown): unknown {
  let current = value;
  for (let i = 0; i < 3; i++) {
    const obj = asObj(current);
    if (!obj) return current;
    const keys = Object.keys(obj);
    const inner = obj['data'];
    if (
      isObj(inner) &&
      keys.every((k) => k === 'data' || k === 'meta' || k === 'links' || k === 'requestId')
    ) {
      current = inner;
      continue;
    }
    return current;
  }
  return current;
}

/**
 * Epoch milliseconds (number or digit string) → ISO-8601 UTC. Values below 1e11 are taken as
 * seconds: no verification happened in 1973, but second-resolution timestamps are common.
 */
export function epochToIso(value: unknown): string | null {
  const n = num(value);
  if (n === null || n <= 0) return null;
  const ms = n < 1e11 ? n * 1000 : n;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO timestamp from an ISO string or epoch seconds/milliseconds (above 1e8); null otherwise. */
export function isoTime(value: unknown): string | null {
  const n = num(value);
  if (n !== null && n > 1e8) {
    const ms = n > 1e11 ? n : n * 1000;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const s = str(value);
  if (s === null) return null;
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Vendor dates → YYYY-MM-DD. Accepts YYYY-MM-DD, YYYY/MM/DD, DD-MM-YYYY, DD/MM/YYYY and
 * "OCTOBER 28,1977"-style month names. Returns null when the text is not a date we can read.
 */
export function toIsoDate(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return calendarDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s*(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3).toUpperCase()) + 1;
    return month > 0 ? calendarDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toUpperCase()) + 1;
    return month > 0 ? calendarDate(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

/** A date as ISO when readable, the vendor's text otherwise (a clerk still sees something). */
export function dateOrRaw(value: unknown): string | null {
  return toIsoDate(value) ?? str(value);
}

/** M / F where the vendor's wording is recognisable (English and Indonesian), else the raw text. */
export function normalizeGender(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  const v = s.toUpperCase();
  if (['M', 'MALE', 'MAN', 'LAKI-LAKI', 'LAKI LAKI', 'PRIA', 'L'].includes(v)) return 'M';
  if (['F', 'FEMALE', 'WOMAN', 'PEREMPUAN', 'WANITA', 'P', 'W'].includes(v)) return 'F';
  return s;
}

export function joinNames(...parts: unknown[]): string | null {
  const names = parts.map(str).filter((p): p is string => p !== null);
  return names.length > 0 ? names.join(' ') : null;
}

/** Flat scalar for Extracted.fields; arrays of scalars are flattened to text, objects are not. */
export function scalar(value: unknown): string | number | boolean | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.join(', ');
  }
  return undefined;
}

/** The object without its null/undefined entries; undefined when nothing is left. */
export function compact<T extends Record<string, unknown>>(obj: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? (out as T) : undefined;
}

/** Adds `value` to `fields` as a flat scalar, unless it is not a scalar or is empty. */
export function putScalar(
  fields: Record<string, string | number | boolean | null>,
  key: string,
  value: unknown,
): void {
  const s = scalar(value);
  if (s !== undefined && s !== null && s !== '') fields[key] = s;
}

/** The object itself, or an empty one for anything else (request bodies a sandbox reads). */
export function asRecord(value: unknown): Obj {
  return asObj(value) ?? {};
}

/** A trimmed non-empty string; numbers and everything else are null (unlike `str`). */
export function textValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
