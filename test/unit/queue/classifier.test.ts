import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  classify,
  DEFAULT_RETRY_POLICY,
} from '../../../electron/engine/queue/classifier.ts';
import {
  parseRetryAfter,
  ProviderError,
  type ProviderErrorInit,
} from '../../../electron/engine/providers/errors.ts';

const NOW = Date.UTC(2026, 10, 27, 8, 0, 0);
const err = (init: Partial<ProviderErrorInit>) =>
  new ProviderError({ kind: 'http', op: 'create', provider: 'anycheck', message: 'boom', ...init });
const ctx = (
  op: ProviderErrorInit['op'] = 'create',
  extra: Partial<Parameters<typeof classify>[1]> = {},
) => ({ op, now: NOW, failures: 0, streakSince: null, random: () => 0.5, ...extra });

describe('the error classifier', () => {
  it('treats an unreachable provider as offline, never as a failed attempt', () => {
    expect(classify(err({ kind: 'unreachable' }), ctx()).kind).toBe('offline');
    expect(classify(err({ kind: 'unreachable', op: 'poll' }), ctx('poll')).kind).toBe('offline');
  });

  it('puts an ambiguous create in doubt (timeouts, resets, 5xx) but retries reads', () => {
    for (const e of [
      err({ kind: 'timeout' }),
      err({ kind: 'connection' }),
      err({ status: 500 }),
      err({ status: 502 }),
      err({ status: 504 }),
      err({ status: 503 }),
    ]) {
      expect(classify(e, ctx('create')).kind).toBe('in_doubt');
      expect(classify(e, ctx('poll')).kind).toBe('retry');
      expect(classify(e, ctx('upload')).kind).toBe('retry');
    }
    expect(classify(err({ status: 400, vendorCode: 'REQUEST_TIMEOUT' }), ctx('create')).kind).toBe(
      'in_doubt',
    );
    expect(classify(err({ status: 408 }), ctx('lookup')).kind).toBe('retry');
  });

  it('pauses the provider on 429, and on 503 with Retry-After, until the time given', () => {
    const seconds = classify(err({ status: 429, retryAfterMs: 7000 }), ctx());
    expect(seconds).toEqual({ kind: 'rate_limited', untilMs: NOW + 7000, message: 'boom' });
    const unavailable = classify(err({ status: 503, retryAfterMs: 60_000 }), ctx());
    expect(unavailable).toMatchObject({ kind: 'rate_limited', untilMs: NOW + 60_000 });
    const noHeader = classify(err({ status: 429 }), ctx());
    expect(noHeader).toMatchObject({
      kind: 'rate_limited',
      untilMs: NOW + DEFAULT_RETRY_POLICY.defaultRateLimitMs,
    });
  });

  it('parses Retry-After in both forms', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('pauses for credentials and for credit, and refuses to guess on other client errors', () => {
    expect(classify(err({ status: 401 }), ctx()).kind).toBe('auth');
    expect(classify(err({ status: 403, vendorCode: 'INVALID_API_KEY' }), ctx()).kind).toBe('auth');
    expect(classify(err({ status: 400, vendorCode: 'TOKEN_EXPIRED' }), ctx()).kind).toBe('auth');
    expect(classify(err({ status: 403, vendorCode: 'INSUFFICIENT_BALANCE' }), ctx()).kind).toBe(
      'billing',
    );
    expect(classify(err({ status: 429, vendorCode: 'QUOTA_EXCEEDED' }), ctx()).kind).toBe(
      'billing',
    );
    expect(classify(err({ status: 402 }), ctx()).kind).toBe('billing');
    expect(classify(err({ status: 422, vendorCode: 'INVALID_VALUE' }), ctx())).toMatchObject({
      kind: 'permanent',
      code: 'INVALID_VALUE',
    });
    expect(classify(err({ status: 404 }), ctx('poll'))).toMatchObject({
      kind: 'permanent',
      code: 'HTTP_404',
    });
    expect(classify(err({ kind: 'protocol' }), ctx()).kind).toBe('permanent');
    expect(classify(err({ kind: 'duplicate' }), ctx()).kind).toBe('duplicate');
  });

  it('gives up only when a failure streak outlasts the time budget, not after a count', () => {
    const day = 24 * 3600_000;
    expect(
      classify(err({ status: 500 }), ctx('poll', { failures: 500, streakSince: NOW - day })).kind,
    ).toBe('retry');
    expect(
      classify(err({ status: 500 }), ctx('poll', { failures: 3, streakSince: NOW - 4 * day })).kind,
    ).toBe('give_up');
    expect(classify(new Error('bug'), ctx('poll')).kind).toBe('retry');
  });

  it('backs off exponentially with full jitter, capped', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(backoffMs(0, p, () => 0.999)).toBeLessThan(p.baseMs);
    expect(backoffMs(3, p, () => 0.999)).toBeGreaterThan(p.baseMs * 7);
    expect(backoffMs(40, p, () => 0.999)).toBeLessThanOrEqual(p.capMs);
    expect(backoffMs(10, p, () => 0)).toBe(0);
    const samples = Array.from({ length: 200 }, () => backoffMs(5, p));
    expect(new Set(samples).size).toBeGreaterThan(150); // jitter spreads retries out
  });
});
