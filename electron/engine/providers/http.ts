/**
 * The only HTTP client vendors are reached through. It turns transport failures into
 * ProviderErrors that say whether the request may have been delivered — the fact that decides
 * between "retry" and "in doubt" for a billable create.
 */
import { parseRateLimitReset, parseRetryAfter, ProviderError, type ProviderOp } from './errors.ts';

/** Codes meaning the request never left (or never reached a listening server). */
const NOT_DELIVERED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

export interface HttpRequest {
  provider: string;
  op: ProviderOp;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; FormData and strings as they are. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * 'text' (default): the body is read as text and parsed as JSON when it is JSON. 'buffer': the
   * body is kept as bytes in `body` (files such as an xlsx export); `text`/`json` are only filled
   * when the answer declares a JSON or text content type (error answers), and are '' / undefined
   * otherwise, so binary bytes never end up in a message.
   */
  responseType?: 'text' | 'buffer';
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** The raw body, with `responseType: 'buffer'` only. */
  body?: Buffer;
}

/** Content types whose bytes are text worth reading (JSON error answers, plain text). */
const TEXTUAL = /^\s*(text\/|application\/([\w.+-]*\+)?json\b)/i;

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function transportError(req: HttpRequest, err: unknown, phase: 'connect' | 'body'): ProviderError {
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || (name === 'AbortError' && !req.signal?.aborted)) {
    return new ProviderError({
      kind: 'timeout',
      op: req.op,
      provider: req.provider,
      message: `${req.provider} did not answer in time`,
      cause: err,
    });
  }
  const code = errorCode(err);
  if (phase === 'connect' && code && NOT_DELIVERED.has(code)) {
    return new ProviderError({
      kind: 'unreachable',
      op: req.op,
      provider: req.provider,
      message: `${req.provider} is unreachable (${code})`,
      cause: err,
    });
  }
  return new ProviderError({
    kind: 'connection',
    op: req.op,
    provider: req.provider,
    message: `the connection to ${req.provider} broke${code ? ` (${code})` : ''}`,
    cause: err,
  });
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: RequestInit['body'];
  if (req.body === undefined || req.body === null) body = undefined;
  else if (
    typeof req.body === 'string' ||
    req.body instanceof FormData ||
    req.body instanceof URLSearchParams
  ) {
    body = req.body as RequestInit['body'];
  } else {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers, body, signal, redirect: 'error' });
  } catch (err) {
    throw transportError(req, err, 'connect');
  }
  let text = '';
  let buffer: Buffer | undefined;
  try {
    if (req.responseType === 'buffer') {
      buffer = Buffer.from(await res.arrayBuffer());
      if (TEXTUAL.test(res.headers.get('content-type') ?? '')) text = buffer.toString('utf8');
    } else {
      text = await res.text();
    }
  } catch (err) {
    throw transportError(req, err, 'body');
  }
  let json: unknown;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return buffer === undefined
    ? { status: res.status, headers: res.headers, text, json }
    : { status: res.status, headers: res.headers, text, json, body: buffer };
}

/** Builds the ProviderError for a non-success answer, reading Retry-After / X-RateLimit-Reset. */
export function httpError(
  req: Pick<HttpRequest, 'provider' | 'op'>,
  res: HttpResponse,
  message: string,
  vendorCode: string | null,
  now: number,
): ProviderError {
  let retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
  if (retryAfterMs === null && res.status === 429) {
    retryAfterMs = parseRateLimitReset(res.headers.get('x-ratelimit-reset'), now);
  }
  return new ProviderError({
    kind: 'http',
    op: req.op,
    provider: req.provider,
    status: res.status,
    vendorCode,
    retryAfterMs,
    message,
  });
}
