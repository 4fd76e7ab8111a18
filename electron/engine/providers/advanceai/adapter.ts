/**
 * ADVANCE.AI eKYC as a result-import provider: the applicant went through ADVANCE.AI's own H5
 * flow; CheckDesk receives the `signatureId`s (from an imported sheet) and collects, normalises
 * and shows the results. One get-result request per id (the vendor has no batch endpoint).
 */
import { z } from 'zod';
import { ProviderError, type ProviderOp } from '../errors.ts';
import { httpError, type HttpResponse } from '../http.ts';
import { exchange, isSuccess, missingCredentials, protocolError } from '../kit/client.ts';
import { importedSnapshot, importOnlyMethods } from '../kit/import-provider.ts';
import { sanitizeRaw } from '../kit/raw.ts';
import type {
  PollTarget,
  ProviderAdapter,
  ProviderConfig,
  ProviderContext,
  ProviderSnapshot,
} from '../types.ts';
import { GET_RESULT_PATH, resolveBaseUrl } from './endpoints.ts';
import { normalizeAdvanceAi, notFoundResult, unusableReferenceResult } from './normalize.ts';
import { clampTokenPeriod, createTokenSource, type TokenSource } from './token.ts';

const PROVIDER = 'advanceai';
const LABEL = 'ADVANCE.AI';
const RETURN_IMAGE_TYPES = ['URL', 'BASE64'] as const;
/** The vendor's ids are short hex/alphanumeric strings (transaction ids are at most 64 chars). */
const VALID_SIGNATURE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The envelope every ADVANCE.AI answer comes in; `data` is read by normalize. */
const Envelope = z.object({
  code: z.string(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

/** Codes (or HTTP statuses) with which the vendor refuses an access token. Refresh once, then stop. */
const TOKEN_REFUSED_CODES = new Set([
  'IAM_FAILED',
  'UNAUTHORIZED',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'INVALID_TOKEN',
  'ACCESS_DENIED',
]);

interface Credentials {
  accessKey: string;
  secretKey: string;
}

/**
 * `accessKey` + `secretKey`; for the CLI's single-variable convention an `apiKey` of the form
 * "accessKey:secretKey" is accepted too.
 */
function readCredentials(credentials: Record<string, string>): Credentials | null {
  const accessKey = credentials.accessKey?.trim();
  const secretKey = credentials.secretKey?.trim();
  if (accessKey && secretKey) return { accessKey, secretKey };
  const combined = credentials.apiKey?.trim();
  const cut = combined ? combined.indexOf(':') : -1;
  if (combined && cut > 0 && cut < combined.length - 1)
    return { accessKey: combined.slice(0, cut), secretKey: combined.slice(cut + 1) };
  return null;
}

export function createAdvanceAiAdapter(config: ProviderConfig): ProviderAdapter {
  const timeoutMs = config.timeoutMs ?? 30_000;
  const base = resolveBaseUrl(config.baseUrl, config.options.region);
  const credentials = readCredentials(config.credentials);
  const imageTypeOption = String(config.options.returnImageType ?? 'URL').toUpperCase();
  const returnImageType = (RETURN_IMAGE_TYPES as readonly string[]).includes(imageTypeOption)
    ? imageTypeOption
    : 'URL';
  const concurrency = Math.max(1, config.concurrency ?? 2);
  const environment = config.sandbox ? 'SANDBOX' : 'PRODUCTION';

  let tokens: TokenSource | null = null;
  /** Everything a request needs, or the configuration error every method reports. */
  const ready = (op: ProviderOp): { baseUrl: string; tokens: TokenSource } => {
    if ('error' in base) throw protocolError(PROVIDER, op, base.error);
    if (!credentials)
      throw missingCredentials(
        PROVIDER,
        op,
        'MISSING_CREDENTIALS',
        'ADVANCE.AI needs credentials accessKey and secretKey (no request was sent)',
      );
    tokens ??= createTokenSource({
      baseUrl: base.url,
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
      periodSeconds: clampTokenPeriod(config.options.tokenPeriodSeconds),
      timeoutMs,
    });
    return { baseUrl: base.url, tokens };
  };

  const vendorCodeOf = (res: HttpResponse): string | null => {
    const parsed = Envelope.safeParse(res.json);
    return parsed.success ? parsed.data.code.toUpperCase() : null;
  };

  const tokenRefused = (res: HttpResponse): boolean => {
    if (res.status === 401 || res.status === 403) return true;
    const code = vendorCodeOf(res);
    return code !== null && TOKEN_REFUSED_CODES.has(code);
  };

  const getResult = async (
    signatureId: string,
    ctx: ProviderContext,
    op: ProviderOp,
  ): Promise<HttpResponse> => {
    const { baseUrl, tokens: source } = ready(op);
    let retriedWithFreshToken = false;
    for (;;) {
      const token = await source.get(ctx, op);
      const res = await exchange(
        {
          provider: PROVIDER,
          op,
          method: 'POST',
          url: `${baseUrl}${GET_RESULT_PATH}`,
          headers: { 'X-ACCESS-TOKEN': token },
          body: { signatureId, returnImageType },
          timeoutMs,
        },
        ctx,
      );
      if (tokenRefused(res)) {
        source.invalidate(token);
        // A cached token can be revoked before its expiry: one fresh token, then the refusal stands.
        if (!retriedWithFreshToken) {
          retriedWithFreshToken = true;
          ctx.log.info('ADVANCE.AI refused the access token; requesting a new one', {
            status: res.status,
          });
          continue;
        }
        const code = vendorCodeOf(res);
        throw new ProviderError({
          kind: 'http',
          op,
          provider: PROVIDER,
          status: res.status === 403 ? 403 : 401,
          vendorCode: code,
          message: `ADVANCE.AI refused a freshly issued access token (HTTP ${res.status}${code ? `, ${code}` : ''})`,
        });
      }
      return res;
    }
  };

  const unusable = (
    target: PollTarget,
    code: string,
    vendorCode: string | null,
    message: string,
    raw: unknown,
  ): ProviderSnapshot =>
    importedSnapshot(
      target,
      { ...unusableReferenceResult(code, vendorCode, message, target.externalId), environment },
      raw,
    );

  const snapshotFor = async (
    target: PollTarget,
    ctx: ProviderContext,
    op: ProviderOp,
  ): Promise<ProviderSnapshot> => {
    // A bad id from the sheet is that row's problem; it must not stop the other rows' polls.
    if (!VALID_SIGNATURE_ID.test(target.externalId)) {
      return unusable(
        target,
        'INVALID_REFERENCE',
        null,
        'This is not a usable ADVANCE.AI signatureId; check the id in the imported sheet',
        null,
      );
    }
    const res = await getResult(target.externalId, ctx, op);
    const code = vendorCodeOf(res);
    if (!isSuccess(res.status)) {
      throw httpError(
        { provider: PROVIDER, op },
        res,
        `ADVANCE.AI get-result failed (HTTP ${res.status}${code ? `, ${code}` : ''})`,
        code,
        ctx.now(),
      );
    }
    if (code === null) {
      throw protocolError(
        PROVIDER,
        op,
        'ADVANCE.AI get-result answered without a readable envelope',
        { status: res.status },
      );
    }
    const raw = sanitizeRaw(res.json);
    if (code === 'SIGNATURE_NOT_EXIST') {
      ctx.log.warn('ADVANCE.AI does not know this signatureId', {
        verificationId: target.verificationId,
      });
      return importedSnapshot(
        target,
        { ...notFoundResult(code, target.externalId), environment },
        raw,
      );
    }
    if (code === 'PARAMETER_ERROR') {
      // Every other parameter is CheckDesk's own and fixed, so the vendor is refusing the id.
      return unusable(
        target,
        'INVALID_REFERENCE',
        code,
        'ADVANCE.AI refused this signatureId as malformed; check the id in the imported sheet',
        raw,
      );
    }
    if (code === 'ERROR') {
      // The vendor's own "server error" in a 200 answer: transient, so reported like a 5xx.
      throw new ProviderError({
        kind: 'http',
        op,
        provider: PROVIDER,
        status: 503,
        vendorCode: code,
        message: 'ADVANCE.AI reported a server error (code ERROR); try again later',
      });
    }
    // SUCCESS, or an undocumented code that normalize turns into REVIEW with UNKNOWN_VENDOR_VALUE.
    const result = normalizeAdvanceAi(res.json);
    return importedSnapshot(
      target,
      { ...result, externalId: result.externalId ?? target.externalId, environment },
      raw,
    );
  };

  return {
    name: PROVIDER,
    capabilities: { create: false, lookup: false, batchPoll: false, actions: [] },
    // H5 sessions run up to an hour; the vendor asks fallback pollers to wait >= 10 minutes.
    polling: { firstAfterMs: 30_000, maxIntervalMs: 600_000 },

    async probe(ctx) {
      // A newly issued token proves reachability and that the keys and the clock are right.
      await ready('probe').tokens.get(ctx, 'probe', true);
    },

    ...importOnlyMethods({
      provider: PROVIDER,
      label: LABEL,
      idName: 'signatureId',
      concurrency,
      snapshotFor,
      normalize: normalizeAdvanceAi,
    }),
  };
}
