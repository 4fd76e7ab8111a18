/**
 * Secrets never reach logs, the ledger, reports or snapshots. Vendor payloads echo API keys
 * (AnyCheck returns `api_key` in every verification object), tokens and passwords; everything
 * stored or logged goes through `redact` first.
 */

const SECRET_KEY =
  /^(api[_-]?key|apikey|x-api-key|authorization|access[_-]?token|refresh[_-]?token|token|secret|secret[_-]?key|webhook[_-]?secret|webhook[_-]?relay[_-]?token|password|passwd|file[_-]?passwords?|signature|access[_-]?key|x-access-token|client[_-]?secret)$/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Deep copy with secret-looking keys replaced; safe on cycles and huge arrays (bounded depth). */
export function redact<T>(value: T, depth = 0): T {
  if (depth > 30 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      isSecretKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redact(v, depth + 1);
  }
  return out as T;
}

/** Masks a credential for display: first 3 and last 4 characters at most, never the middle. */
export function maskSecret(secret: string | null | undefined): string | null {
  if (!secret) return null;
  if (secret.length <= 8) return '••••';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}

/** Removes known secret values from free text (error messages that echo a request). */
export function scrubText(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}
