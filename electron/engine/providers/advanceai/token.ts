/**
 * ADVANCE.AI access tokens. The token endpoint takes the access key, a 13-digit millisecond
 * timestamp and a plain SHA-256 (not an HMAC) over accessKey + secretKey + timestamp; it answers
 * with a token and its expiry. A token is a credential: it lives in this process's memory only,
 * never in the provider cache, the ledger or a log line.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ProviderError, type ProviderOp } from '../errors.ts';
import { httpError } from '../http.ts';
import { exchange, isSuccess, protocolError } from '../kit/client.ts';
import type { ProviderContext } from '../types.ts';
import { TOKEN_PATH } from './endpoints.ts';

const PROVIDER = 'advanceai';
/** Refresh this long before the vendor's expiry so a request never leaves with a dying token. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
export const DEFAULT_TOKEN_PERIOD_S = 3600;
export const MIN_TOKEN_PERIOD_S = 60;
export const MAX_TOKEN_PERIOD_S = 86_400;

export function tokenSignature(accessKey: string, secretKey: string, timestamp: string): string {
  return createHash('sha256').update(`${accessKey}${secretKey}${timestamp}`, 'utf8').digest('hex');
}

export function clampTokenPeriod(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return DEFAULT_TOKEN_PERIOD_S;
  return Math.min(MAX_TOKEN_PERIOD_S, Math.max(MIN_TOKEN_PERIOD_S, Math.round(n)));
}

const TokenAnswer = z.object({
  code: z.string(),
  message: z.string().nullish(),
  data: z
    .object({
      token: z.string().min(1),
      expiredTime: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
    })
    .nullish(),
});

/**
 * Token-endpoint codes that mean the credentials or the clock are wrong. The endpoint answers
 * them with HTTP 200; they are reported as 401/403 so the queue pauses the provider and tells a
 * person instead of retrying forever.
 */
const AUTH_CODES: Readonly<Record<string, number>> = {
  PARAMETER_ERROR: 401,
  ACCOUNT_DISABLED: 403,
  CLIENT_ERROR: 401,
};

export interface TokenSource {
  /** A valid token, from memory or (when `fresh`, or none is valid) newly issued. */
  get(ctx: ProviderContext, op: ProviderOp, fresh?: boolean): Promise<string>;
  /** Forget the cached token (the vendor refused it). */
  invalidate(token: string): void;
}

interface CachedToken {
  token: string;
  /** ctx.now() value after which the token is no longer used. */
  useUntil: number;
}

export function createTokenSource(options: {
  baseUrl: string;
  accessKey: string;
  secretKey: string;
  periodSeconds: number;
  timeoutMs: number;
}): TokenSource {
  let cached: CachedToken | null = null;
  let inFlight: Promise<CachedToken> | null = null;

  const issue = async (ctx: ProviderContext, op: ProviderOp): Promise<CachedToken> => {
    const now = ctx.now();
    const timestamp = String(Math.floor(now));
    const req = { provider: PROVIDER, op } as const;
    const res = await exchange(
      {
        ...req,
        method: 'POST',
        url: `${options.baseUrl}${TOKEN_PATH}`,
        body: {
          accessKey: options.accessKey,
          timestamp,
          signature: tokenSignature(options.accessKey, options.secretKey, timestamp),
          periodSecond: String(options.periodSeconds),
        },
        timeoutMs: options.timeoutMs,
      },
      ctx,
    );
    const parsed = TokenAnswer.safeParse(res.json);
    const code = parsed.success ? parsed.data.code.toUpperCase() : null;
    if (!isSuccess(res.status)) {
      throw httpError(
        req,
        res,
        `ADVANCE.AI refused the token request (HTTP ${res.status}${code ? `, ${code}` : ''})`,
        code,
        ctx.now(),
      );
    }
    if (!parsed.success) {
      throw protocolError(
        PROVIDER,
        op,
        'ADVANCE.AI answered the token request with an unreadable body',
        { status: res.status },
      );
    }
    const answer = parsed.data;
    if (code === 'SUCCESS' && answer.data) {
      const expiresAt = answer.data.expiredTime ?? now + options.periodSeconds * 1000;
      return { token: answer.data.token, useUntil: expiresAt - TOKEN_REFRESH_MARGIN_MS };
    }
    const detail = answer.message ? `: ${answer.message}` : '';
    throw new ProviderError({
      kind: 'http',
      op,
      provider: PROVIDER,
      status:
        code !== null && AUTH_CODES[code] !== undefined
          ? AUTH_CODES[code]
          : res.status >= 400
            ? res.status
            : 502,
      vendorCode: code,
      message:
        code === 'PARAMETER_ERROR'
          ? `ADVANCE.AI refused the access key, secret key or clock${detail} (check the keys and that this computer's clock is right)`
          : `ADVANCE.AI did not issue a token (${code ?? 'no code'}${detail})`,
    });
  };

  return {
    async get(ctx, op, fresh = false) {
      if (!fresh && cached && ctx.now() < cached.useUntil) return cached.token;
      // Concurrent polls share one token request instead of each asking for a token.
      inFlight ??= issue(ctx, op).finally(() => {
        inFlight = null;
      });
      cached = await inFlight;
      return cached.token;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
