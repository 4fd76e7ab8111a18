/**
 * AnyCheck webhook signatures. The vendor documents HMAC-SHA256 with a timestamp and a 5-minute
 * replay window but not the header names or the signed string, so CheckDesk fixes one scheme and
 * accepts its common spellings:
 *
 *   X-AnyCheck-Timestamp: <unix seconds>            (ms and ISO-8601 are accepted too)
 *   X-AnyCheck-Signature: <hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The signature may carry a `sha256=` / `v1=` prefix, or both values may come in one header as
 * `t=<timestamp>,v1=<hex>`. `X-Webhook-*` and `X-Signature` / `X-Timestamp` are read as well.
 * Always verify the raw bytes as received, before any JSON parsing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;
export const SIGNATURE_HEADER = 'x-anycheck-signature';
export const TIMESTAMP_HEADER = 'x-anycheck-timestamp';

const SIGNATURE_HEADERS = [SIGNATURE_HEADER, 'x-webhook-signature', 'x-signature'];
const TIMESTAMP_HEADERS = [TIMESTAMP_HEADER, 'x-webhook-timestamp', 'x-timestamp'];

function header(
  headers: Record<string, string | undefined>,
  names: readonly string[],
): string | null {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const n of names) {
    const v = lower.get(n);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}

/** Epoch ms of a timestamp header value, or null. */
function timestampMs(value: string): number | null {
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return n > 1e11 ? n : n * 1000;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

export function signAnyCheckWebhook(rawBody: string, secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

export function verifyAnyCheckWebhook(input: {
  rawBody: string;
  headers: Record<string, string | undefined>;
  secret: string;
  now: number;
  toleranceMs?: number;
}): { ok: true } | { ok: false; reason: string } {
  if (!input.secret) return { ok: false, reason: 'no webhook secret is configured' };
  let signature = header(input.headers, SIGNATURE_HEADERS);
  let timestamp = header(input.headers, TIMESTAMP_HEADERS);
  if (signature && /(^|,)\s*t=/.test(signature)) {
    const parts = new Map(
      signature.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]),
    );
    timestamp = parts.get('t') ?? timestamp;
    signature = parts.get('v1') ?? parts.get('sha256') ?? null;
  }
  if (!signature) return { ok: false, reason: 'the delivery has no signature header' };
  if (!timestamp) return { ok: false, reason: 'the delivery has no timestamp header' };
  const at = timestampMs(timestamp);
  if (at === null) return { ok: false, reason: 'the timestamp header cannot be read' };
  const tolerance = input.toleranceMs ?? WEBHOOK_TOLERANCE_MS;
  if (Math.abs(input.now - at) > tolerance)
    return { ok: false, reason: 'the delivery is outside the replay window' };
  const hex = signature.replace(/^(sha256|v1)=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex))
    return { ok: false, reason: 'the signature is not a hex SHA-256 HMAC' };
  const expected = Buffer.from(signAnyCheckWebhook(input.rawBody, input.secret, timestamp), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hex, 'hex')))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
