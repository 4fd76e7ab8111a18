/**
 * AiPrise as a result-import provider: the applicant went through AiPrise's own hosted flow or
 * SDK; CheckDesk receives the `verification_session_id`s (from an imported sheet) and collects,
 * normalises and shows the results. One GET per session (no batch endpoint is documented).
 */
import { ProviderError, type ProviderOp } from '../errors.ts';
import { httpError, httpRequest, type HttpResponse } from '../http.ts';
import type { PollTarget, ProviderAdapter, ProviderConfig, ProviderContext, ProviderSnapshot } from '../types.ts';
import { forEachLimited, importOnlyLookup, importOnlySubmitError, reportRateLimit, unsupportedActionError } from '../advanceai/import-provider.ts';
import { asObj, field, isObj, sanitizeRaw, str } from '../advanceai/payload-tools.ts';
import { normalizeAiPrise } from './normalize.ts';

const PROVIDER = 'aiprise';
const LABEL = 'AiPrise';
export const RESULT_PATH = '/verify/get_user_verification_result/';

/** Sandbox host is documented; the production host is inferred from it (providers.md §6.1). */
const ENVIRONMENT_BASES: Readonly<Record<string, string>> = {
  sandbox: 'https://api-sandbox.aiprise.com/api/v1',
  production: 'https://api.aiprise.com/api/v1',
};

/** Session ids are UUID-like; anything else cannot be put into the URL path safely. */
const VALID_SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Used by probe: an id that exists nowhere, so the answer only says whether the key works. */
const PROBE_SESSION_ID = 'checkdesk-probe-00000000';

function resolveBase(config: ProviderConfig): { url: string } | { error: string } {
  const explicit = config.baseUrl.trim();
  if (explicit.length > 0) {
    try {
      const url = new URL(explicit);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `AiPrise base URL must be http(s): ${explicit}` };
      return { url: explicit.replace(/\/+$/, '') };
    } catch {
      return { error: `AiPrise base URL is not a URL: ${explicit}` };
    }
  }
  const env = String(config.options.environment ?? 'production').toLowerCase();
  const url = ENVIRONMENT_BASES[env];
  return url ? { url } : { error: `unknown AiPrise environment "${env}" (sandbox or production)` };
}

function messageOf(res: HttpResponse): string | null {
  return str(field(asObj(res.json), 'message'));
}

/** A result body, as opposed to `{message}` error bodies. */
function isResultBody(json: unknown): boolean {
  return isObj(json) && ['status', 'aiprise_summary', 'verification_session_id'].some((k) => json[k] !== undefined);
}

export function createAiPriseAdapter(config: ProviderConfig): ProviderAdapter {
  const timeoutMs = config.timeoutMs ?? 30_000;
  const base = resolveBase(config);
  const apiKey = config.credentials.apiKey?.trim() ?? '';
  const concurrency = Math.max(1, config.concurrency ?? 2);

  const ready = (op: ProviderOp): string => {
    if ('error' in base) throw new ProviderError({ kind: 'protocol', op, provider: PROVIDER, message: base.error });
    if (!apiKey) {
      // Reported as 401 so the queue pauses the provider and asks for the key; nothing was sent.
      throw new ProviderError({ kind: 'http', op, provider: PROVIDER, status: 401, vendorCode: 'MISSING_CREDENTIALS', message: 'AiPrise needs the credential apiKey (no request was sent)' });
    }
    return base.url;
  };

  const fetchResult = async (sessionId: string, ctx: ProviderContext, op: ProviderOp): Promise<HttpResponse> => {
    const baseUrl = ready(op);
    const res = await httpRequest({
      provider: PROVIDER,
      op,
      method: 'GET',
      url: `${baseUrl}${RESULT_PATH}${encodeURIComponent(sessionId)}`,
      headers: { 'X-API-KEY': apiKey },
      timeoutMs,
      signal: ctx.signal,
    });
    reportRateLimit(res, ctx);
    return res;
  };

  const missing = (target: PollTarget, code: string, message: string, raw: unknown): ProviderSnapshot => ({
    externalId: target.externalId,
    externalGroup: target.externalGroup,
    result: {
      provider: PROVIDER,
      runStatus: 'FAILED',
      decision: 'PENDING',
      review: 'NONE',
      vendorStatus: null,
      vendorDecision: null,
      reasons: [{ code, vendorCode: code === 'NOT_FOUND' ? '404' : null, message, severity: 'ERROR' }],
      checks: [],
      extracted: {},
      externalId: target.externalId,
      retryable: false,
      environment: config.sandbox ? 'SANDBOX' : null,
    },
    raw,
    credits: null,
  });

  const snapshotFor = async (target: PollTarget, ctx: ProviderContext, op: ProviderOp): Promise<ProviderSnapshot> => {
    // A bad id from the sheet is that row's problem; it must not stop the other rows' polls.
    if (!VALID_SESSION_ID.test(target.externalId)) {
      return missing(target, 'INVALID_REFERENCE', 'This is not a usable AiPrise verification_session_id; check the id in the imported sheet', null);
    }
    const res = await fetchResult(target.externalId, ctx, op);
    if (res.status === 404) {
      // The session is unknown to AiPrise: shown to the clerk as a FAILED row, not silently dropped.
      ctx.log.warn('AiPrise does not know this verification session', { verificationId: target.verificationId });
      return missing(target, 'NOT_FOUND', 'AiPrise has no verification session with this id; check the id in the imported sheet', sanitizeRaw(res.json ?? null));
    }
    // 208 "already reported": the same session id was read before; the body is still the result.
    if (res.status !== 200 && res.status !== 208) {
      const message = messageOf(res);
      throw httpError({ provider: PROVIDER, op }, res, `AiPrise result request failed (HTTP ${res.status}${message ? `: ${message}` : ''})`, message, ctx.now());
    }
    if (!isResultBody(res.json)) {
      throw new ProviderError({ kind: 'protocol', op, provider: PROVIDER, status: res.status, message: `AiPrise answered HTTP ${res.status} without a verification result` });
    }
    const result = normalizeAiPrise(res.json);
    return {
      externalId: target.externalId,
      externalGroup: target.externalGroup,
      result: { ...result, externalId: result.externalId ?? target.externalId },
      raw: sanitizeRaw(res.json),
      credits: null,
    };
  };

  return {
    name: PROVIDER,
    capabilities: { create: false, lookup: false, batchPoll: false, actions: [] },
    // Hosted sessions stay open for up to 24 h; decisions may also come later from manual review.
    polling: { firstAfterMs: 30_000, maxIntervalMs: 900_000 },

    async probe(ctx) {
      // No status endpoint is documented: ask for a session that does not exist. 404 (or 400)
      // means reachable and the key accepted; 401/403/429/5xx pass through as errors.
      const res = await fetchResult(PROBE_SESSION_ID, ctx, 'probe');
      if ((res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 400) return;
      const message = messageOf(res);
      throw httpError({ provider: PROVIDER, op: 'probe' }, res, `AiPrise probe failed (HTTP ${res.status}${message ? `: ${message}` : ''})`, message, ctx.now());
    },

    async submit() {
      throw importOnlySubmitError(PROVIDER, LABEL, 'verification_session_id');
    },

    async lookup() {
      return importOnlyLookup(LABEL, 'verification_session_id');
    },

    async poll(targets, ctx) {
      const out = new Map<string, ProviderSnapshot>();
      await forEachLimited(targets, concurrency, async (target) => {
        out.set(target.externalId, await snapshotFor(target, ctx, 'poll'));
      });
      return out;
    },

    async act(action) {
      throw unsupportedActionError(PROVIDER, LABEL, action);
    },

    normalize(payload) {
      return normalizeAiPrise(payload);
    },
  };
}
