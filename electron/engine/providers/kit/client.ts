/**
 * What every adapter's HTTP client repeats: option readers, the "not configured" and "cannot read
 * the answer" errors, and one request through providers/http.ts that passes the vendor's
 * rate-limit headers on to the queue.
 */
import { parseRateLimitReset, ProviderError, type ProviderOp } from '../errors.ts';
import { httpRequest, type HttpRequest, type HttpResponse } from '../http.ts';
import type { ProviderConfig, ProviderContext } from '../types.ts';
import { num } from './payload.ts';

/** A non-empty string option, trimmed; null otherwise. */
export function optionString(config: Pick<ProviderConfig, 'options'>, name: string): string | null {
  const value = config.options[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A finite number option (numbers, or numeric text); null otherwise. */
export function optionNumber(config: Pick<ProviderConfig, 'options'>, name: string): number | null {
  return num(config.options[name]);
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Credentials missing locally: reported like the vendor's own 401 (nothing was sent) so the queue
 * pauses the provider and asks a person for them.
 */
export function missingCredentials(
  provider: string,
  op: ProviderOp,
  vendorCode: string,
  message: string,
): ProviderError {
  return new ProviderError({ kind: 'http', op, provider, status: 401, vendorCode, message });
}

/** An answer (or a configuration) CheckDesk cannot use. */
export function protocolError(
  provider: string,
  op: ProviderOp,
  message: string,
  extra: { status?: number; vendorCode?: string | null; cause?: unknown } = {},
): ProviderError {
  return new ProviderError({ kind: 'protocol', op, provider, message, ...extra });
}

/** Passes X-RateLimit-Remaining / Reset on to the queue when the vendor sends them. */
export function reportRateLimit(res: HttpResponse, ctx: ProviderContext): void {
  const remaining = res.headers.get('x-ratelimit-remaining');
  if (remaining === null || !/^\d+$/.test(remaining.trim())) return;
  ctx.rateLimitHint(
    Number(remaining),
    parseRateLimitReset(res.headers.get('x-ratelimit-reset'), ctx.now()),
  );
}

/** One request under the context's abort signal; the rate-limit headers of its answer reach the queue. */
export async function exchange(
  req: Omit<HttpRequest, 'signal'>,
  ctx: ProviderContext,
): Promise<HttpResponse> {
  const res = await httpRequest({ ...req, signal: ctx.signal });
  reportRateLimit(res, ctx);
  return res;
}

/** What a provider's request needs besides its URL and headers. */
export interface SenderCall {
  op: ProviderOp;
  method: HttpRequest['method'];
  body?: unknown;
  /** Defaults to the sender's timeout (uploads ask for more). */
  timeoutMs?: number;
}

/**
 * A provider's request function: nothing is sent without credentials (`credentialsMissing`), the
 * answer's rate-limit headers reach the queue, and a non-2xx answer becomes the provider's
 * ProviderError (`failure`).
 */
export function createSender<Call extends SenderCall>(spec: {
  provider: string;
  timeoutMs: number;
  /** The error to throw when credentials are missing; null when they are there. */
  credentialsMissing(op: ProviderOp): ProviderError | null;
  url(call: Call): string;
  headers(call: Call): Record<string, string>;
  failure(op: ProviderOp, res: HttpResponse, ctx: ProviderContext): ProviderError;
}): (call: Call, ctx: ProviderContext) => Promise<HttpResponse> {
  return async (call, ctx) => {
    const missing = spec.credentialsMissing(call.op);
    if (missing) throw missing;
    const res = await exchange(
      {
        provider: spec.provider,
        op: call.op,
        method: call.method,
        url: spec.url(call),
        headers: spec.headers(call),
        body: call.body,
        timeoutMs: call.timeoutMs ?? spec.timeoutMs,
      },
      ctx,
    );
    if (!isSuccess(res.status)) throw spec.failure(call.op, res, ctx);
    return res;
  };
}

/** The start of an answer's text for an error message, or "HTTP <status>" when it has none. */
export function answerSnippet(res: HttpResponse): string {
  return res.text.slice(0, 200) || `HTTP ${res.status}`;
}

/**
 * A clean-up request after a failed submission (cancel a draft, delete an entity): its own
 * failure must not hide the error that made it necessary, so it is logged, never thrown.
 */
export async function bestEffort(
  ctx: ProviderContext,
  work: () => Promise<unknown>,
  log: { done: string; failed: string; fields: Record<string, unknown> },
): Promise<void> {
  try {
    await work();
    ctx.log.info(log.done, log.fields);
  } catch (err) {
    ctx.log.warn(log.failed, {
      ...log.fields,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
