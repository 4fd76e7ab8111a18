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
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { RunningSandbox } from '../types.ts';
import { createBillingJournal, header, openJsonLinesState, startKitServer, type KitOptions, type KitReply, type KitRequest } from '../advanceai/sandbox-kit.ts';
import { RESULT_PATH } from './adapter.ts';
import { buildAiPriseResult, parseAiPriseOutcome, SANDBOX_TEMPLATE_ID, type AiPriseOutcome } from './sandbox-data.ts';

export interface AiPriseSandboxOptions extends KitOptions {
  sessions?: { sessionId: string; outcome: string }[];
  /** Age at which a session moves from NOT_STARTED to RUNNING, and again to its outcome (default 1500 ms). */
  stepMs?: number;
  /** The sandbox's clock (tests move time without sleeping). Default Date.now. */
  clock?: () => number;
}

export interface AiPriseSandbox extends RunningSandbox {
  createSession(outcome?: string): string;
}

interface Session {
  sessionId: string;
  outcome: AiPriseOutcome;
  createdAt: number;
}

const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;
const API_PREFIX = '/api/v1';

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startAiPriseSandbox(options: AiPriseSandboxOptions = {}): Promise<AiPriseSandbox> {
  const apiKey = options.apiKey ?? 'sandbox-aiprise-key';
  const clock = options.clock ?? Date.now;
  const stepMs = Math.max(0, options.stepMs ?? 1500);
  const state = openJsonLinesState(options.stateFile, options.log);
  const billing = createBillingJournal(state);
  const sessions = new Map<string, Session>();
  /** Sessions whose final result was already delivered once (next reads answer 208). */
  const delivered = new Set<string>();
  const stats = { resultRequests: 0 };

  for (const r of state.records) {
    const rec = r as { t?: unknown; sessionId?: unknown; outcome?: unknown; createdAt?: unknown };
    const outcome = parseAiPriseOutcome(rec.outcome);
    if (rec.t === 'session' && typeof rec.sessionId === 'string' && outcome && typeof rec.createdAt === 'number') {
      sessions.set(rec.sessionId, { sessionId: rec.sessionId, outcome, createdAt: rec.createdAt });
    }
  }

  const create = (outcomeText: unknown, wantedId?: string): { ok: true; session: Session } | { ok: false; status: number; message: string } => {
    const outcome = parseAiPriseOutcome(outcomeText);
    if (!outcome) return { ok: false, status: 400, message: `unknown outcome ${JSON.stringify(outcomeText)}` };
    if (wantedId !== undefined && !SESSION_ID.test(wantedId)) return { ok: false, status: 400, message: 'sessionId must be 1–128 letters, digits, _ or -' };
    if (wantedId !== undefined && sessions.has(wantedId)) return { ok: false, status: 409, message: 'sessionId already exists' };
    if (options.credits !== undefined && billing.entries.length >= options.credits) return { ok: false, status: 402, message: 'INSUFFICIENT_BALANCE' };
    const session: Session = { sessionId: wantedId ?? randomUUID(), outcome, createdAt: clock() };
    sessions.set(session.sessionId, session);
    state.append({ t: 'session', sessionId: session.sessionId, outcome, createdAt: session.createdAt });
    billing.record(`template:${SANDBOX_TEMPLATE_ID}`, session.sessionId, new Date(session.createdAt).toISOString());
    return { ok: true, session };
  };

  const getResult = (req: KitRequest, sessionId: string): KitReply => {
    stats.resultRequests++;
    const key = header(req.headers, 'x-api-key');
    if (!key || !sameKey(key, apiKey)) return { status: 401, body: { message: 'Unauthorized' } };
    if (!SESSION_ID.test(sessionId)) return { status: 400, body: { message: 'Invalid verification session id' } };
    const session = sessions.get(sessionId);
    if (!session) return { status: 404, body: { message: 'Verification session not found' } };
    const { body, final } = buildAiPriseResult({ sessionId, outcome: session.outcome, createdAt: session.createdAt, now: clock(), stepMs });
    if (!final) return { status: 200, body };
    const again = delivered.has(sessionId);
    delivered.add(sessionId);
    return { status: again ? 208 : 200, body };
  };

  const control = (req: KitRequest): KitReply => {
    if (req.path.endsWith('/__sandbox/billing') && req.method === 'GET') return { status: 200, body: { creates: billing.entries } };
    if (req.path.endsWith('/__sandbox/stats') && req.method === 'GET') return { status: 200, body: stats };
    if (req.path.endsWith('/__sandbox/sessions')) {
      if (req.method === 'GET') {
        return { status: 200, body: { sessions: [...sessions.values()].map((s) => ({ sessionId: s.sessionId, outcome: s.outcome, createdAt: new Date(s.createdAt).toISOString() })) } };
      }
      if (req.method === 'POST') {
        const b = (req.json ?? (req.text.trim() === '' ? {} : null)) as Record<string, unknown> | null;
        if (!b || typeof b !== 'object' || Array.isArray(b)) return { status: 400, body: { message: 'body must be a JSON object {outcome}' } };
        if (b.sessionId !== undefined && typeof b.sessionId !== 'string') return { status: 400, body: { message: 'sessionId must be a string' } };
        const made = create(b.outcome, b.sessionId as string | undefined);
        if (!made.ok) return { status: made.status, body: { message: made.message } };
        return { status: 201, body: { sessionId: made.session.sessionId, verification_session_id: made.session.sessionId, outcome: made.session.outcome } };
      }
    }
    return { status: 404, body: { message: 'no such sandbox endpoint' } };
  };

  const server = await startKitServer(options, (req) => {
    if (req.path.includes('/__sandbox/')) return control(req);
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
  });

  for (const s of options.sessions ?? []) {
    if (sessions.has(s.sessionId)) continue;
    const made = create(s.outcome, s.sessionId);
    if (!made.ok) {
      await server.close();
      throw new Error(`sandbox session ${s.sessionId}: ${made.message}`);
    }
  }

  return {
    // The adapter's base URL; control endpoints answer under it and at the server root alike.
    url: `${server.origin}${API_PREFIX}`,
    apiKey,
    journal: () => [...billing.entries],
    close: () => server.close(),
    createSession(outcome?: string): string {
      const made = create(outcome);
      if (!made.ok) throw new Error(`cannot create sandbox session: ${made.message}`);
      return made.session.sessionId;
    },
  };
}
