/**
 * Tolerant readers for vendor payloads: `normalize` must never throw, and the vendors' own
 * examples disagree on key case, number-vs-string values and wrapping. Every coercion here
 * returns null (or an empty array) instead of throwing.
 *
 * Provider-neutral: the FrankieOne adapter imports this folder too. It lives here only because
 * no shared provider folder exists yet; it belongs in providers/kit/.
 */
import type { Reason, Severity } from '../../../../../shared/model.ts';

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

/** First value present under one of the spellings; exact keys win over case/underscore-insensitive ones. */
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

/** A trimmed non-empty string; finite numbers as text. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
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

/** ISO timestamp from an ISO string or epoch seconds/milliseconds; null otherwise. */
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

export function reason(
  code: string,
  message: string,
  severity: Severity,
  vendorCode: string | null = null,
  retryable?: boolean,
): Reason {
  const out: Reason = { code, vendorCode, message, severity };
  if (retryable !== undefined) out.retryable = retryable;
  return out;
}

/** The reason every adapter attaches when the vendor sends a value no mapping table knows. */
export function unknownValue(what: string, value: string): Reason {
  return reason(
    'UNKNOWN_VENDOR_VALUE',
    `Unknown ${what} "${value}": a person must look at this result.`,
    'WARNING',
    value,
  );
}

/** Keeps the first reason per (code, vendorCode): the same vendor code often repeats per document. */
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
