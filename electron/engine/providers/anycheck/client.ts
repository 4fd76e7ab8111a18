/**
 * One AnyCheck request: authentication (API key, or JWT login with one refresh on TOKEN_EXPIRED),
 * rate-limit hints from every answer, vendor error codes into ProviderError, and log lines that
 * carry no secret. Everything goes through providers/http.ts.
 */
import type { z } from 'zod';
import { scrubText } from '../../../../shared/redact.ts';
import { ProviderError, type ProviderOp } from '../errors.ts';
import { httpError, type HttpRequest, type HttpResponse } from '../http.ts';
import {
  exchange,
  isSuccess,
  missingCredentials,
  protocolError as kitProtocolError,
} from '../kit/client.ts';
import { fillPath } from '../kit/paths.ts';
import type { ProviderConfig, ProviderContext } from '../types.ts';
import { resolvePaths, type EndpointName, type EndpointPaths } from './paths.ts';
import { unwrapEnvelope, vendorErrorOf, WireTokens } from './wire.ts';

export const PROVIDER = 'anycheck';
const DEFAULT_TIMEOUT_MS = 30_000;

export interface CallSpec<T> {
  op: ProviderOp;
  method: HttpRequest['method'];
  endpoint: EndpointName;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Uploads and exports: four times the normal timeout. */
  long?: boolean;
  /** 'buffer' keeps the answer's bytes in `res.body` (files); see providers/http.ts. */
  responseType?: HttpRequest['responseType'];
  /** The Accept header (default application/json). */
  accept?: string;
  schema?: z.ZodType<T>;
  /** A short phrase for messages, e.g. "create the verification". */
  what: string;
}

export function protocolError(
  op: ProviderOp,
  message: string,
  vendorCode: string | null = null,
  cause?: unknown,
): ProviderError {
  return kitProtocolError(PROVIDER, op, message, { vendorCode, cause });
}

export class AnyCheckClient {
  readonly paths: EndpointPaths;
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly secrets: string[];
  private tokens: { access: string; refresh: string | null } | null = null;
  private login: Promise<void> | null = null;

  constructor(private readonly config: ProviderConfig) {
    this.paths = resolvePaths(config.options);
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.secrets = Object.values(config.credentials).filter(
      (s) => typeof s === 'string' && s.length >= 4,
    );
  }

  /** Removes every credential (and token) from a text that may echo a request. */
  scrub(text: string): string {
    return scrubText(text, [...this.secrets, this.tokens?.access, this.tokens?.refresh]);
  }

  private get apiKey(): string | null {
    return this.config.credentials.apiKey || null;
  }

  private get usesJwt(): boolean {
    return !this.apiKey && !!this.config.credentials.email && !!this.config.credentials.password;
  }

  private url(spec: Pick<CallSpec<unknown>, 'endpoint' | 'params' | 'query'>): string {
    const path = fillPath(this.paths[spec.endpoint], spec.params, 'throw');
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {}))
      if (v !== undefined) query.set(k, String(v));
    const qs = query.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  private async authHeaders(ctx: ProviderContext, op: ProviderOp): Promise<Record<string, string>> {
    if (this.apiKey) return { 'x-api-key': this.apiKey };
    if (!this.usesJwt)
      throw missingCredentials(
        PROVIDER,
        op,
        'UNAUTHORIZED',
        'No AnyCheck API key (or e-mail and password) is configured.',
      );
    if (!this.tokens) await this.signIn(ctx, op);
    return { authorization: `Bearer ${this.tokens!.access}` };
  }

  private signIn(ctx: ProviderContext, op: ProviderOp): Promise<void> {
    // One login at a time: concurrent requests wait for the same tokens.
    this.login ??= (async () => {
      try {
        const { email, password } = this.config.credentials;
        const { data } = await this.raw(
          ctx,
          {
            op,
            method: 'POST',
            endpoint: 'login',
            body: { email, password },
            schema: WireTokens,
            what: 'sign in',
          },
          {},
        );
        this.tokens = { access: data.access_token, refresh: data.refresh_token ?? null };
      } finally {
        this.login = null;
      }
    })();
    return this.login;
  }

  private async refreshTokens(ctx: ProviderContext, op: ProviderOp): Promise<void> {
    const refresh = this.tokens?.refresh;
    this.tokens = null;
    if (refresh) {
      try {
        const { data } = await this.raw(
          ctx,
          {
            op,
            method: 'POST',
            endpoint: 'refresh',
            body: { refresh_token: refresh },
            schema: WireTokens,
            what: 'refresh the session',
          },
          {},
        );
        this.tokens = { access: data.access_token, refresh: data.refresh_token ?? refresh };
        return;
      } catch (err) {
        ctx.log.warn('anycheck token refresh failed; signing in again', {
          status: err instanceof ProviderError ? err.status : null,
        });
      }
    }
    await this.signIn(ctx, op);
  }

  /** Authenticated request; a JWT that expired is refreshed once and the request repeated. */
  async call<T = unknown>(
    ctx: ProviderContext,
    spec: CallSpec<T>,
  ): Promise<{ res: HttpResponse; data: T }> {
    const headers = await this.authHeaders(ctx, spec.op);
    try {
      return await this.raw(ctx, spec, headers);
    } catch (err) {
      // 401 means the request was refused before any work, so repeating it cannot double-bill.
      if (
        this.usesJwt &&
        err instanceof ProviderError &&
        err.status === 401 &&
        (err.vendorCode === 'TOKEN_EXPIRED' || err.vendorCode === 'INVALID_TOKEN')
      ) {
        await this.refreshTokens(ctx, spec.op);
        return this.raw(ctx, spec, await this.authHeaders(ctx, spec.op));
      }
      throw err;
    }
  }

  private async raw<T>(
    ctx: ProviderContext,
    spec: CallSpec<T>,
    headers: Record<string, string>,
  ): Promise<{ res: HttpResponse; data: T }> {
    const started = Date.now();
    const path = this.paths[spec.endpoint];
    let res: HttpResponse;
    try {
      res = await exchange(
        {
          provider: PROVIDER,
          op: spec.op,
          method: spec.method,
          url: this.url(spec),
          headers: spec.accept ? { ...headers, accept: spec.accept } : headers,
          body: spec.body,
          timeoutMs: this.timeoutMs * (spec.long ? 4 : 1),
          responseType: spec.responseType,
        },
        ctx,
      );
    } catch (err) {
      if (err instanceof ProviderError) {
        ctx.log.warn(`anycheck ${spec.method} ${path} failed`, {
          op: spec.op,
          kind: err.kind,
          ms: Date.now() - started,
        });
      }
      throw err;
    }
    const { code, message } =
      res.status >= 300 ? vendorErrorOf(res.json) : { code: null, message: null };
    ctx.log.info(`anycheck ${spec.method} ${path} ${res.status}`, {
      op: spec.op,
      status: res.status,
      vendorCode: code,
      ms: Date.now() - started,
    });
    if (!isSuccess(res.status)) {
      const text = this.scrub(
        `AnyCheck could not ${spec.what}: HTTP ${res.status}${code ? ` ${code}` : ''}${message ? ` — ${message}` : ''}`,
      );
      throw httpError({ provider: PROVIDER, op: spec.op }, res, text, code, ctx.now());
    }
    const body = unwrapEnvelope(res.json);
    if (!spec.schema) return { res, data: body as T };
    const parsed = spec.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw protocolError(
        spec.op,
        `AnyCheck answered "${spec.what}" with a body CheckDesk cannot read (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not JSON'}).`,
        null,
        parsed.error,
      );
    }
    return { res, data: parsed.data };
  }
}
