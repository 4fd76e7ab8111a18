/**
 * ProviderError: the one shape in which an adapter reports failure. It carries the facts the
 * queue's classifier needs and nothing vendor-specific beyond the vendor's own code.
 */

export type ProviderOp = 'probe' | 'upload' | 'create' | 'poll' | 'lookup' | 'action';

export type ProviderErrorKind =
  /** Could not reach the provider at all (refused, DNS, unreachable): the request was not delivered. */
  | 'unreachable'
  /** The connection broke after the request may have been delivered (reset, socket closed). */
  | 'connection'
  /** No answer in time; the request may have been processed. */
  | 'timeout'
  /** The provider answered with a non-success status. */
  | 'http'
  /** The provider answered with something we cannot understand. */
  | 'protocol'
  /**
   * The provider reports it already verified these documents outside this case (e.g. another
   * branch or its dashboard): a person decides whether to pay again. Not billed.
   */
  | 'duplicate';

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  op: ProviderOp;
  provider: string;
  message: string;
  status?: number;
  /** The vendor's error code (AnyCheck `error_code`, FrankieOne `errorCode` …). */
  vendorCode?: string | null;
  /** Retry-After (or a rate-limit reset header) converted to milliseconds from now. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly op: ProviderOp;
  readonly provider: string;
  readonly status: number | null;
  readonly vendorCode: string | null;
  readonly retryAfterMs: number | null;

  constructor(init: ProviderErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.op = init.op;
    this.provider = init.provider;
    this.status = init.status ?? null;
    this.vendorCode = init.vendorCode ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** Whether the request may have reached the provider (so a create may have been billed). */
  get maybeDelivered(): boolean {
    return this.kind !== 'unreachable' && this.kind !== 'duplicate';
  }
}

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds
 * from `now`, or null when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** X-RateLimit-Reset as epoch seconds (or seconds-from-now when small). */
export function parseRateLimitReset(value: string | null | undefined, now: number): number | null {
  if (value == null || !/^\d+(\.\d+)?$/.test(value.trim())) return null;
  const n = Number(value);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return n * 1000;
}
