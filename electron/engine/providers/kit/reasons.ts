/** Building canonical reasons the same way in every adapter. */
import type { Reason, Severity } from '../../../../shared/model.ts';

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

/** The reason Colleckt and FrankieOne attach when the vendor sends a value no mapping table knows. */
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
