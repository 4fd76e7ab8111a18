/**
 * What may be stored of a vendor payload beside the canonical result: secret-looking keys
 * redacted (shared/redact.ts), base64 image bytes dropped, credential query parameters in URLs
 * masked.
 */
import { redact } from '../../../../shared/redact.ts';
import { isObj, type Obj } from './payload.ts';

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

export function sanitizeRaw(payload: unknown): unknown {
  return redact(stripHeavy(payload, 0));
}
