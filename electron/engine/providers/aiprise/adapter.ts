/**
 * AiPrise as a result-import provider: the applicant went through AiPrise's own hosted flow or
 * SDK; CheckDesk receives the `verification_session_id`s (from an imported sheet) and collects,
 * normalises and shows the results. One GET per session (no batch endpoint is documented).
 */
import type { ProviderOp } from '../errors.ts';
import { httpError, type HttpResponse } from '../http.ts';
import { exchange, missingCredentials, protocolError } from '../kit/client.ts';
import { explicitBaseUrl, importedSnapshot, importOnlyMethods } from '../kit/import-provider.ts';
import { asObj, field, isObj, str } from '../kit/payload.ts';
import { sanitizeRaw } from '../kit/raw.ts';
import { reason } from '../kit/reasons.ts';
import { failedReferenceResult } from '../kit/results.ts';
import type {
  PollTarget,
  ProviderAdapter,
  ProviderConfig,
  ProviderContext,
  ProviderSnapshot,
} from '../types.ts';
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
  const explicit = explicitBaseUrl(LABEL, config.baseUrl);
  if (explicit) return explicit;
  const env = String(config.options.environment ?? 'production').toLowerCase();
  const url = ENVIRONMENT_BASES[env];
  return url ? { url } : { error: `unknown AiPrise environment "${env}" (sandbox or production)` };
}

function messageOf(res: HttpResponse): string | null {
  return str(field(asObj(res.json), 'message'));
}

/** A result body, as opposed to `{message}` error bodies. */
function isResultBody(json: unknown): boolean {
  return (
    isObj(json) &&
    ['status', 'aiprise_summary', 'verification_session_id'].some((k) => json[k] !== undefined)
  );
}

export function createAiPriseAdapter(config: ProviderConfig): ProviderAdapter {
  const timeoutMs = config.timeoutMs ?? 30_000;
  const base = resolveBase(config);
  const apiKey = config.credentials.apiKey?.trim() ?? '';
  const concurrency = Math.max(1, config.concurrency ?? 2);

  const ready = (op: ProviderOp): string => {
    if ('error' in base) throw protocolError(PROVIDER, op, base.error);
    if (!apiKey)
      throw missingCredentials(
        PROVIDER,
        op,
        'MISSING_CREDENTIALS',
        'AiPrise needs the credential apiKey (no request was sent)',
      );
    return base.url;
  };

  const fetchResult = async (
    sessionId: string,
    ctx: ProviderContext,
    op: ProviderOp,
  ): Promise<HttpResponse> => {
    const baseUrl = ready(op);
    return exchange(
      {
        provider: PROVIDER,
        op,
        method: 'GET',
        url: `${baseUrl}${RESULT_PATH}${encodeURIComponent(sessionId)}`,
        headers: { 'X-API-KEY': apiKey },
        timeoutMs,
      },
      ctx,
    );
  };

  const missing = (
    target: PollTarget,
    code: string,
    message: string,
    raw: unknown,
  ): ProviderSnapshot => {
    const why = reason(code, message, 'ERROR', code === 'NOT_FOUND' ? '404' : null);
    return importedSnapshot(
      target,
      {
        ...failedReferenceResult(PROVIDER, target.externalId, why, null),
        environment: config.sandbox ? 'SANDBOX' : null,
      },
      raw,
    );
  };

  const snapshotFor = async (
    target: PollTarget,
    ctx: ProviderContext,
    op: ProviderOp,
  ): Promise<ProviderSnapshot> => {
    // A bad id from the sheet is that row's problem; it must not stop the other rows' polls.
    if (!VALID_SESSION_ID.test(target.externalId)) {
      return missing(
        target,
        'INVALID_REFERENCE',
        'This is not a usable AiPrise verification_session_id; check the id in the imported sheet',
        null,
      );
    }
    const res = await fetchResult(target.externalId, ctx, op);
    if (res.status === 404) {
      // The session is unknown to AiPrise: shown to the clerk as a FAILED row, not silently dropped.
      ctx.log.warn('AiPrise does not know this verification session', {
        verificationId: target.verificationId,
      });
      return missing(
        target,
        'NOT_FOUND',
        'AiPrise has no verification session with this id; check the id in the imported sheet',
        sanitizeRaw(res.json ?? null),
      );
    }
    // 208 "already reported": the same session id was read before; the body is still the result.
    if (res.status !== 200 && res.status !== 208) {
      const message = messageOf(res);
      throw httpError(
        { provider: PROVIDER, op },
        res,
        `AiPrise result request failed (HTTP ${res.status}${message ? `: ${message}` : ''})`,
        message,
        ctx.now(),
      );
    }
    if (!isResultBody(res.json)) {
      throw protocolError(
        PROVIDER,
        op,
        `AiPrise answered HTTP ${res.status} without a verification result`,
        { status: res.status },
      );
    }
    const result = normalizeAiPrise(res.json);
    return importedSnapshot(
      target,
      { ...result, externalId: result.externalId ?? target.externalId },
      sanitizeRaw(res.json),
    );
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
      if ((res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 400)
        return;
      const message = messageOf(res);
      throw httpError(
        { provider: PROVIDER, op: 'probe' },
        res,
        `AiPrise probe failed (HTTP ${res.status}${message ? `: ${message}` : ''})`,
        message,
        ctx.now(),
      );
    },

    ...importOnlyMethods({
      provider: PROVIDER,
      label: LABEL,
      idName: 'verification_session_id',
      concurrency,
      snapshotFor,
      normalize: normalizeAiPrise,
    }),
  };
}
