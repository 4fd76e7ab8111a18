/**
 * ADVANCE.AI sandbox: the token endpoint (checks the signature and the ±300 s timestamp window)
 * and get-result, on 127.0.0.1, plus control endpoints to create sessions and read the journal.
 * Outcome markers and endpoints are described in README.md beside this file.
 *
 * Billing: ADVANCE.AI charges when a session is created on its side (generate-url), not when a
 * result is read. The sandbox therefore records each session created through it as one billing
 * entry with resultId = signatureId; reading results never bills.
 */
import { randomBytes } from 'node:crypto';
import { SessionBook, startImportSandbox } from '../kit/import-sandbox.ts';
import { headerValue, sameSecret } from '../kit/sandbox-http.ts';
import type { SandboxAnswer, SandboxRequest, SandboxServerOptions } from '../kit/sandbox-server.ts';
import type { RunningSandbox } from '../types.ts';
import { GET_RESULT_PATH, TOKEN_PATH } from './endpoints.ts';
import { ADVANCE_AI_SERVICE } from './normalize.ts';
import {
  buildResultData,
  formatOutcome,
  parseOutcome,
  type AdvanceAiOutcome,
} from './sandbox-data.ts';
import { MAX_TOKEN_PERIOD_S, MIN_TOKEN_PERIOD_S, tokenSignature } from './token.ts';

export interface AdvanceAiSandboxOptions extends SandboxServerOptions {
  sessions?: { signatureId: string; outcome: string }[];
  /** The secret key paired with `apiKey` (the access key). Default 'sandbox-secret-key'. */
  secretKey?: string;
  /** Age at which a session moves from collecting to processing, and again to its outcome (default 1500 ms). */
  stepMs?: number;
  /** The sandbox's clock (tests move time without sleeping). Default Date.now. */
  clock?: () => number;
}

export interface AdvanceAiSandbox extends RunningSandbox {
  accessKey: string;
  secretKey: string;
  createSession(outcome?: string): string;
}

const DEFAULT_ACCESS_KEY = 'sandbox-access-key';
const TIMESTAMP_WINDOW_MS = 300_000;
/** The vendor's JSON bodies are small; 1 MiB is plenty. */
const MAX_BODY_BYTES = 1024 * 1024;

function envelope(code: string, message: string, data: unknown = null): Record<string, unknown> {
  return {
    code,
    message,
    data,
    extra: null,
    transactionId: randomBytes(8).toString('hex'),
    pricingStrategy: 'FREE',
  };
}

function digits(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
  return null;
}

export async function startAdvanceAiSandbox(
  options: AdvanceAiSandboxOptions = {},
): Promise<AdvanceAiSandbox> {
  const accessKey = options.apiKey ?? DEFAULT_ACCESS_KEY;
  const secretKey = options.secretKey ?? 'sandbox-secret-key';
  const clock = options.clock ?? Date.now;
  const stepMs = Math.max(0, options.stepMs ?? 1500);
  const book = new SessionBook<AdvanceAiOutcome>({
    idName: 'signatureId',
    idMaxLength: 64,
    newId: () => randomBytes(8).toString('hex'),
    parseOutcome,
    formatOutcome,
    service: ADVANCE_AI_SERVICE,
    clock,
  });
  /** token → expiry (clock ms). Tokens are never persisted: a restart revokes them. */
  const tokens = new Map<string, number>();
  const stats = { tokenRequests: 0, tokensIssued: 0, resultRequests: 0 };
  let origin = '';

  const tokenEndpoint = (req: SandboxRequest): SandboxAnswer => {
    stats.tokenRequests++;
    const body = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return { status: 400, body: envelope('CLIENT_ERROR', 'HTTP 400 - Bad Request') };
    const b = body as Record<string, unknown>;
    const timestamp = digits(b.timestamp);
    if (
      typeof b.accessKey !== 'string' ||
      !b.accessKey ||
      typeof b.signature !== 'string' ||
      !b.signature ||
      b.timestamp === undefined
    ) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'Parameter should not be empty') };
    }
    if (
      timestamp === null ||
      timestamp.length !== 13 ||
      Math.abs(clock() - Number(timestamp)) > TIMESTAMP_WINDOW_MS
    ) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'Timestamp error') };
    }
    const expected = tokenSignature(accessKey, secretKey, timestamp);
    if (!sameSecret(b.accessKey, accessKey) || !sameSecret(b.signature.toLowerCase(), expected)) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'Signature error') };
    }
    let period = 3600;
    if (b.periodSecond !== undefined && b.periodSecond !== null && b.periodSecond !== '') {
      const p = digits(b.periodSecond);
      if (p === null || Number(p) < MIN_TOKEN_PERIOD_S || Number(p) > MAX_TOKEN_PERIOD_S) {
        return { status: 200, body: envelope('PARAMETER_ERROR', 'periodSecond out of range') };
      }
      period = Number(p);
    }
    const token = `sbx-${randomBytes(24).toString('hex')}`;
    const expiredTime = clock() + period * 1000;
    tokens.set(token, expiredTime);
    stats.tokensIssued++;
    return { status: 200, body: envelope('SUCCESS', 'OK', { token, expiredTime }) };
  };

  const getResult = (req: SandboxRequest): SandboxAnswer => {
    stats.resultRequests++;
    const token = headerValue(req.headers, 'x-access-token');
    const expiry = token ? tokens.get(token) : undefined;
    if (expiry === undefined || clock() >= expiry)
      return { status: 401, body: envelope('IAM_FAILED', 'Access denied') };
    const b = req.body as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object' || typeof b.signatureId !== 'string' || !b.signatureId.trim()) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'signatureId should not be empty') };
    }
    const imageType = b.returnImageType === undefined ? 'URL' : b.returnImageType;
    if (imageType !== 'URL' && imageType !== 'BASE64')
      return { status: 200, body: envelope('PARAMETER_ERROR', 'returnImageType is invalid') };
    if (!book.validId(b.signatureId))
      return { status: 200, body: envelope('PARAMETER_ERROR', 'signatureId is invalid') };
    const session = book.sessions.get(b.signatureId);
    if (!session)
      return {
        status: 200,
        body: envelope('SIGNATURE_NOT_EXIST', 'This signatureId is not exist.'),
      };
    if (session.outcome.kind === 'SERVER_ERROR')
      return { status: 200, body: envelope('ERROR', 'Server error.') };
    const data = buildResultData({
      signatureId: session.id,
      outcome: session.outcome,
      createdAt: session.createdAt,
      now: clock(),
      stepMs,
      imageType,
      origin,
    });
    return { status: 200, body: envelope('SUCCESS', 'OK', data) };
  };

  const control = (req: SandboxRequest): SandboxAnswer | null => {
    if (req.path === '/__sandbox/stats' && req.method === 'GET')
      return { status: 200, body: { ...stats, liveTokens: tokens.size } };
    if (req.path === '/__sandbox/revoke-tokens' && req.method === 'POST') {
      tokens.clear();
      return { status: 200, body: { revoked: true } };
    }
    return null;
  };

  const seed = (options.sessions ?? []).map((s) => ({ id: s.signatureId, outcome: s.outcome }));
  const running = await startImportSandbox(options, book, seed, {
    provider: 'advanceai',
    defaultApiKey: DEFAULT_ACCESS_KEY,
    maxBodyBytes: MAX_BODY_BYTES,
    slowMs: 2000,
    // The token endpoint answers malformed JSON like the vendor; everything else the plumbing says is plain.
    error: (status, message) =>
      status === 400
        ? { status, body: envelope('CLIENT_ERROR', 'HTTP 400 - Bad Request') }
        : { status, body: { message } },
    listening(url) {
      origin = url;
    },
    control,
    handle(req) {
      const isToken = req.path.endsWith(TOKEN_PATH);
      const isResult = req.path.endsWith(GET_RESULT_PATH);
      if (!isToken && !isResult)
        return { status: 404, body: envelope('NOT_FOUND', 'no such endpoint') };
      if (req.method !== 'POST')
        return { status: 405, body: envelope('CLIENT_ERROR', 'method not allowed') };
      return isToken ? tokenEndpoint(req) : getResult(req);
    },
  });

  return { ...running, accessKey, secretKey };
}
