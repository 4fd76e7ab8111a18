/**
 * AiPrise callback authentication: `X-HMAC-SIGNATURE` carries the lowercase hex HMAC-SHA256 of
 * the raw request body keyed with the account's API key. Verify on the exact bytes received
 * (re-serialised JSON would not match) and compare in constant time.
 *
 * There is no timestamp in the scheme, so a valid callback can be replayed: callers must treat
 * callbacks as hints and re-fetch the result, deduplicating on verification_session_id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const AIPRISE_SIGNATURE_HEADER = 'x-hmac-signature';

export function signAiPriseCallback(rawBody: string | Buffer, apiKey: string): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return createHmac('sha256', apiKey).update(body).digest('hex');
}

export function verifyAiPriseCallback(
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  apiKey: string,
): boolean {
  if (typeof signatureHeader !== 'string' || typeof apiKey !== 'string' || apiKey.length === 0)
    return false;
  if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) return false;
  const given = signatureHeader.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = Buffer.from(signAiPriseCallback(rawBody, apiKey), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
