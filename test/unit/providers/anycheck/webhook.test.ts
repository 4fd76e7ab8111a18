import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signAnyCheckWebhook,
  verifyAnyCheckWebhook,
} from '../../../../electron/engine/providers/anycheck/index.ts';

const SECRET = 'whsec_0123456789abcdef0123456789abcdef';
const BODY = JSON.stringify({
  event: 'verification.status_changed',
  timestamp: '2025-10-14T13:12:58Z',
  id: 'v1',
  status: 'COMPLETED',
});
const NOW = Date.UTC(2025, 9, 14, 13, 13, 0);
const TS = String(Math.floor(NOW / 1000));

function headers(timestamp = TS, body = BODY, secret = SECRET): Record<string, string> {
  return {
    'X-AnyCheck-Timestamp': timestamp,
    'X-AnyCheck-Signature': signAnyCheckWebhook(body, secret, timestamp),
  };
}

describe('verifyAnyCheckWebhook', () => {
  it('accepts a delivery signed with HMAC-SHA256 over "<timestamp>.<raw body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${TS}.${BODY}`).digest('hex');
    expect(headers()['X-AnyCheck-Signature']).toBe(expected);
    expect(
      verifyAnyCheckWebhook({ rawBody: BODY, headers: headers(), secret: SECRET, now: NOW }),
    ).toEqual({ ok: true });
  });

  it('rejects a changed body, a wrong secret and a garbled signature', () => {
    const h = headers();
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY.replace('COMPLETED', 'FAILED'),
        headers: h,
        secret: SECRET,
        now: NOW,
      }),
    ).toEqual({ ok: false, reason: 'the signature does not match' });
    expect(
      verifyAnyCheckWebhook({ rawBody: BODY, headers: h, secret: `${SECRET}x`, now: NOW }).ok,
    ).toBe(false);
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: { ...h, 'X-AnyCheck-Signature': 'zz' },
        secret: SECRET,
        now: NOW,
      }),
    ).toEqual({ ok: false, reason: 'the signature is not a hex SHA-256 HMAC' });
  });

  it('enforces the 5-minute replay window both ways, edges included', () => {
    const at = (offsetMs: number) =>
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: headers(String((NOW + offsetMs) / 1000)),
        secret: SECRET,
        now: NOW,
      });
    expect(at(-300_000).ok).toBe(true);
    expect(at(300_000).ok).toBe(true);
    expect(at(-301_000)).toEqual({
      ok: false,
      reason: 'the delivery is outside the replay window',
    });
    expect(at(301_000).ok).toBe(false);
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: headers(String(Math.floor((NOW - 60_000) / 1000))),
        secret: SECRET,
        now: NOW,
        toleranceMs: 30_000,
      }).ok,
    ).toBe(false);
  });

  it('reads header names case-insensitively, the t=…,v1=… form, prefixes, and ms or ISO timestamps', () => {
    const sig = signAnyCheckWebhook(BODY, SECRET, TS);
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: { 'x-webhook-signature': `sha256=${sig}`, 'x-webhook-timestamp': TS },
        secret: SECRET,
        now: NOW,
      }).ok,
    ).toBe(true);
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: { 'X-ANYCHECK-SIGNATURE': `t=${TS},v1=${sig}` },
        secret: SECRET,
        now: NOW,
      }).ok,
    ).toBe(true);
    const ms = String(NOW);
    expect(
      verifyAnyCheckWebhook({ rawBody: BODY, headers: headers(ms), secret: SECRET, now: NOW }).ok,
    ).toBe(true);
    const iso = new Date(NOW).toISOString();
    expect(
      verifyAnyCheckWebhook({ rawBody: BODY, headers: headers(iso), secret: SECRET, now: NOW }).ok,
    ).toBe(true);
  });

  it('explains what is missing', () => {
    expect(verifyAnyCheckWebhook({ rawBody: BODY, headers: {}, secret: SECRET, now: NOW })).toEqual(
      { ok: false, reason: 'the delivery has no signature header' },
    );
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: { 'x-anycheck-signature': 'ab' },
        secret: SECRET,
        now: NOW,
      }),
    ).toEqual({ ok: false, reason: 'the delivery has no timestamp header' });
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: { ...headers(), 'X-AnyCheck-Timestamp': 'yesterday' },
        secret: SECRET,
        now: NOW,
      }),
    ).toEqual({ ok: false, reason: 'the timestamp header cannot be read' });
    expect(
      verifyAnyCheckWebhook({ rawBody: BODY, headers: headers(), secret: '', now: NOW }),
    ).toEqual({ ok: false, reason: 'no webhook secret is configured' });
    expect(
      verifyAnyCheckWebhook({
        rawBody: BODY,
        headers: { ...headers(), 'X-AnyCheck-Signature': undefined as unknown as string },
        secret: SECRET,
        now: NOW,
      }).ok,
    ).toBe(false);
  });
});
