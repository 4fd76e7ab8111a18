/**
 * The one error classifier. Every failure of a provider call is turned into exactly one
 * disposition, and the runner applies it; no other code decides what an error means.
 *
 *   unreachable                     → offline: nothing attempted, the attempt is refunded, probe
 *   create answered ambiguously     → in doubt: look it up at the provider before anything else
 *   network / timeout / 5xx (reads) → retry with capped exponential backoff and full jitter
 *   429, 503 + Retry-After          → rate limited: pause the provider until then, refund
 *   401 / 403 / auth codes          → pause the provider and alert; refund
 *   no credit / quota               → pause the provider with a banner; refund
 *   provider saw it before          → a person decides (nothing was billed)
 *   other 4xx, protocol             → a person, with the provider's message
 * Retries live within a time budget (days, counted from the first failure of a streak), not a
 * count: a branch can be offline for days without anything being given up.
 */
import { ProviderError, type ProviderOp } from '../providers/errors.ts';

export type Disposition =
  | { kind: 'offline'; message: string }
  | { kind: 'in_doubt'; delayMs: number; message: string }
  | { kind: 'retry'; delayMs: number; message: string }
  | { kind: 'rate_limited'; untilMs: number; message: string }
  | { kind: 'auth'; message: string }
  | { kind: 'billing'; message: string }
  | { kind: 'duplicate'; message: string }
  | { kind: 'permanent'; message: string; code: string }
  | { kind: 'give_up'; message: string };

export interface ClassifyContext {
  op: ProviderOp;
  now: number;
  /** Consecutive failures in the current streak (0 for the first). */
  failures: number;
  /** When the current failure streak started (null when this is its first failure). */
  streakSince: number | null;
  random?: () => number;
  policy?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** How long a streak of transient failures may last before a person is asked. */
  budgetMs: number;
  /** Pause when a 429 carries no Retry-After. */
  defaultRateLimitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 5_000,
  capMs: 15 * 60_000,
  budgetMs: 3 * 24 * 3600_000,
  defaultRateLimitMs: 30_000,
};

const AUTH_CODES = new Set([
  'UNAUTHORIZED',
  'INVALID_API_KEY',
  'API_KEY_EXPIRED',
  'TOKEN_EXPIRED',
  'INVALID_TOKEN',
  'INVALID_CREDENTIALS',
  'AUTH-0002',
  'API-0401',
  'ACCOUNT_DISABLED',
]);
const BILLING_CODES = new Set([
  'INSUFFICIENT_BALANCE',
  'QUOTA_EXCEEDED',
  'INSUFFICIENT_CREDITS',
  'INSUFFICIENT_CREDIT',
  'PAYMENT_REQUIRED',
]);
const TIMEOUT_CODES = new Set(['REQUEST_TIMEOUT']);

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^n)]. */
export function backoffMs(
  failures: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures, 30));
  return Math.floor(random() * ceiling);
}

export function classify(err: unknown, ctx: ClassifyContext): Disposition {
  const policy = { ...DEFAULT_RETRY_POLICY, ...ctx.policy };
  const random = ctx.random ?? Math.random;
  const transient = (message: string): Disposition => {
    const since = ctx.streakSince ?? ctx.now;
    if (ctx.now - since >= policy.budgetMs) {
      return {
        kind: 'give_up',
        message: `${message}; still failing after ${Math.round((ctx.now - since) / 3600_000)} h, so a person should look at it`,
      };
    }
    const delayMs = Math.max(1000, backoffMs(ctx.failures, policy, random));
    return ctx.op === 'create'
      ? { kind: 'in_doubt', delayMs, message }
      : { kind: 'retry', delayMs, message };
  };

  if (!(err instanceof ProviderError)) {
    return transient(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  }
  const code = err.vendorCode?.toUpperCase() ?? null;
  switch (err.kind) {
    case 'unreachable':
      return { kind: 'offline', message: err.message };
    case 'duplicate':
      return { kind: 'duplicate', message: err.message };
    case 'protocol':
      return { kind: 'permanent', message: err.message, code: code ?? 'PROVIDER_PROTOCOL' };
    case 'timeout':
    case 'connection':
      return transient(err.message);
    case 'http': {
      const status = err.status ?? 0;
      if (code && BILLING_CODES.has(code)) return { kind: 'billing', message: err.message };
      if (status === 429 || (status === 503 && err.retryAfterMs !== null)) {
        return {
          kind: 'rate_limited',
          untilMs: ctx.now + (err.retryAfterMs ?? policy.defaultRateLimitMs),
          message: err.message,
        };
      }
      if (status === 402) return { kind: 'billing', message: err.message };
      if (status === 401 || status === 403 || (code && AUTH_CODES.has(code)))
        return { kind: 'auth', message: err.message };
      if (status === 408 || status >= 500 || (code && TIMEOUT_CODES.has(code)))
        return transient(err.message);
      return { kind: 'permanent', message: err.message, code: code ?? `HTTP_${status}` };
    }
  }
}
