/**
 * AiPrise sandbox: the user-verification-result endpoint behind `X-API-KEY`, on 127.0.0.1, plus
 * control endpoints to create sessions and read the journal. Outcomes and endpoints are described
 * in README.md beside this file.
 *
 * Billing: AiPrise charges for a verification session when it is created on its side, not when a
 * result is read. The sandbox therefore records each session created through it as one billing
 * entry with resultId = verification_session_id; reading results never bills.
 *
 * HTTP 208 ("already reported"): once a session's final result has been delivered, later reads
 * of the same session answer 208 with the same body, so clients meet the status as they may in
 * production.
 */
import { randomUUID } from 'node:crypto';
import { SessionBook, startImportSandbox } from '../kit/import-sandbox.ts';
import { headerValue, sameSecret } from '../kit/sandbox-http.ts';
import type { SandboxAnswer, SandboxRequest, SandboxServerOptions } from '../kit/sandbox-server.ts';
import type { RunningSandbox } from '../types.ts';
import { RESULT_PATH } from './adapter.ts';
import {
  buildAiPriseResult,
  parseAiPriseOutcome,
  SANDBOX_TEMPLATE_ID,
  type AiPriseOutcome,
} from './sandbox-data.ts';

export interface AiPriseSandboxOptions extends SandboxServerOptions {
  sessions?: { sessionId: string; outcome: string }[];
  /** Age at which a session moves from NOT_STARTED to RUNNING, and again to its outcome (default 1500 ms). */
  stepMs?: number;
  /** The sandbox's clock (tests move time without sleeping). Default Date.now. */
  clock?: () => number;
}

export interface AiPriseSandbox extends RunningSandbox {
  createSession(outcome?: string): string;
}

const DEFAULT_API_KEY = 'sandbox-aiprise-key';
const API_PREFIX = '/api/v1';
/** The vendor's requests carry no bodies worth more than 1 MiB. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function startAiPriseSandbox(
  options: AiPriseSandboxOptions = {},
): Promise<AiPriseSandbox> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const clock = options.clock ?? Date.now;
  const stepMs = Math.max(0, options.stepMs ?? 1500);
  const book = new SessionBook<AiPriseOutcome>({
    idName: 'sessionId',
    idMaxLength: 128,
    newId: () => randomUUID(),
    parseOutcome: parseAiPriseOutcome,
    formatOutcome: (outcome) => outcome,
    service: `template:${SANDBOX_TEMPLATE_ID}`,
    clock,
    createdFields: (id) => ({ verification_session_id: id }),
  });
  /** Sessions whose final result was already delivered once (next reads answer 208). */
  const delivered = new Set<string>();
  const stats = { resultRequests: 0 };

  const getResult = (req: SandboxRequest, sessionId: string): SandboxAnswer => {
    stats.resultRequests++;
    const key = headerValue(req.headers, 'x-api-key');
    if (!key || !sameSecret(key, apiKey)) return { status: 401, body: { message: 'Unauthorized' } };
    if (!book.validId(sessionId))
      return { status: 400, body: { message: 'Invalid verification session id' } };
    const session = book.sessions.get(sessionId);
    if (!session) return { status: 404, body: { message: 'Verification session not found' } };
    const { body, final } = buildAiPriseResult({
      sessionId,
      outcome: session.outcome,
      createdAt: session.createdAt,
      now: clock(),
      stepMs,
    });
    if (!final) return { status: 200, body };
    const again = delivered.has(sessionId);
    delivered.add(sessionId);
    return { status: again ? 208 : 200, body };
  };

  const seed = (options.sessions ?? []).map((s) => ({ id: s.sessionId, outcome: s.outcome }));
  const running = await startImportSandbox(options, book, seed, {
    provider: 'aiprise',
    defaultApiKey: DEFAULT_API_KEY,
    maxBodyBytes: MAX_BODY_BYTES,
    slowMs: 2000,
    error: (status, message) => ({ status, body: { message } }),
    control: (req) =>
      req.path === '/__sandbox/stats' && req.method === 'GET' ? { status: 200, body: stats } : null,
    handle(req) {
      const at = req.path.indexOf(RESULT_PATH);
      if (at < 0) return { status: 404, body: { message: 'Not found' } };
      if (req.method !== 'GET') return { status: 405, body: { message: 'Method not allowed' } };
      let sessionId: string;
      try {
        sessionId = decodeURIComponent(req.path.slice(at + RESULT_PATH.length));
      } catch {
        return { status: 400, body: { message: 'Invalid verification session id' } };
      }
      return getResult(req, sessionId);
    },
  });

  // The adapter's base URL; control endpoints answer under it and at the server root alike.
  return { ...running, url: `${running.url}${API_PREFIX}` };
}
