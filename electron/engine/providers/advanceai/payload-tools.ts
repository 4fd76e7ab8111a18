/**
 * Tolerant readers for vendor payloads. Vendor examples and real answers disagree on key
 * spelling (`overallResult` / `overResult`, `docResult` / `ocrResult`), letter case and number
 * types, so lookups here ignore case, `_` and `-`, and coercions return null instead of throwing:
 * `normalize` must never throw on odd input.
 *
 * Generic on purpose: the AiPrise adapter uses these too.
 */
import type { CheckOutcome, Reason } from '../../../../shared/model.ts';
import { redact } from '../../../../shared/redact.ts';

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

/** A trimmed non-empty string, numbers as text; anything else is null. */
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

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function isoDate(year: number, month: number, day: number): string | null {
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
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s*(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3).toUpperCase()) + 1;
    return month > 0 ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toUpperCase()) + 1;
    return month > 0 ? isoDate(Number(m[3]), month, Number(m[1])) : null;
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

/** Flat scalar for Extracted.fields; objects and arrays of scalars are flattened to text. */
export function scalar(value: unknown): string | number | boolean | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.join(', ');
  }
  return undefined;
}

/** Reasons without duplicates (same code + vendor code), first occurrence kept. */
export function dedupeReasons(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const r of reasons) {
    const key = `${r.code}\u0000${r.vendorCode ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** Outcome order for "which check result is the worst": FAIL beats REVIEW beats ERROR … */
const OUTCOME_RANK: Record<CheckOutcome, number> = {
  FAIL: 6,
  REVIEW: 5,
  ERROR: 4,
  PENDING: 3,
  PASS: 2,
  INFO: 1,
  NOT_RUN: 0,
};

export function worstOutcome(outcomes: readonly CheckOutcome[]): CheckOutcome | null {
  let worst: CheckOutcome | null = null;
  for (const o of outcomes) if (worst === null || OUTCOME_RANK[o] > OUTCOME_RANK[worst]) worst = o;
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Stored raw payloads

/** Strings this long that look like base64 are image bytes (returnImageType BASE64): never stored. */
const BASE64_MIN = 512;
const BASE64 = /^(data:[\w/+.-]+;base64,)?[A-Za-z0-9+/\r\n]+={0,2}$/;
/** Query parameters that carry credentials (callback auth tokens, presigned-URL signatures). */
const SECRET_QUERY = /token|key|secret|sig|auth|pass|credential/i;

function scrubUrl(text: string): string {
  if (!/^https?:\/\//i.test(text) || !text.includes('?')) return text;
  try {
    const url = new URL(text);
    let changed = false;
    for (const name of [...url.searchParams.keys()]) {
      if (SECRET_QUERY.test(name)) {
        url.searchParams.set(name, 'redacted');
        changed = true;
      }
    }
    return changed ? url.toString() : text;
  } catch {
    return text;
  }
}

function stripHeavy(value: unknown, depth: number): unknown {
  if (depth > 40) return null;
  if (typeof value === 'string') {
    if (value.length >= BASE64_MIN && BASE64.test(value.slice(0, 4096)) && BASE64.test(value)) {
      return `[base64 omitted: ${value.length} chars]`;
    }
    return scrubUrl(value);
  }
  if (Array.isArray(value)) return value.map((v) => stripHeavy(v, depth + 1));
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripHeavy(v, depth + 1);
    return out;
  }
  return value;
}

/**
 * What may be stored beside the canonical result: secret-looking keys redacted, base64 image
 * bytes dropped, credential query parameters in URLs masked.
 */
export function sanitizeRaw(payload: unknown): unknown {
  return redact(stripHeavy(payload, 0));
}
