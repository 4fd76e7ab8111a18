/**
 * ADVANCE.AI sandbox: the token endpoint (checks the signature and the ±300 s timestamp window)
 * and get-result, on 127.0.0.1, plus control endpoints to create sessions and read the journal.
 * Outcome markers and endpoints are described in README.md beside this file.
 *
 * Billing: ADVANCE.AI charges when a session is created on its side (generate-url), not when a
 * result is read. The sandbox therefore records each session created through it as one billing
 * entry with resultId = signatureId; reading results never bills.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RunningSandbox } from '../types.ts';
import { GET_RESULT_PATH, TOKEN_PATH } from './endpoints.ts';
import { createBillingJournal, header, openJsonLinesState, startKitServer, type KitOptions, type KitReply, type KitRequest } from './sandbox-kit.ts';
import { buildResultData, formatOutcome, parseOutcome, type AdvanceAiOutcome } from './sandbox-data.ts';
import { MAX_TOKEN_PERIOD_S, MIN_TOKEN_PERIOD_S, tokenSignature } from './token.ts';
import { ADVANCE_AI_SERVICE } from './normalize.ts';

export interface AdvanceAiSandboxOptions extends KitOptions {
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

interface Session {
  signatureId: string;
  outcome: AdvanceAiOutcome;
  createdAt: number;
}

const TIMESTAMP_WINDOW_MS = 300_000;
const SIGNATURE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function envelope(code: string, message: string, data: unknown = null): Record<string, unknown> {
  return { code, message, data, extra: null, transactionId: randomBytes(8).toString('hex'), pricingStrategy: 'FREE' };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function digits(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
  return null;
}

export async function startAdvanceAiSandbox(options: AdvanceAiSandboxOptions = {}): Promise<AdvanceAiSandbox> {
  const accessKey = options.apiKey ?? 'sandbox-access-key';
  const secretKey = options.secretKey ?? 'sandbox-secret-key';
  const clock = options.clock ?? Date.now;
  const stepMs = Math.max(0, options.stepMs ?? 1500);
  const state = openJsonLinesState(options.stateFile, options.log);
  const billing = createBillingJournal(state);
  const sessions = new Map<string, Session>();
  /** token → expiry (clock ms). Tokens are never persisted: a restart revokes them. */
  const tokens = new Map<string, number>();
  const stats = { tokenRequests: 0, tokensIssued: 0, resultRequests: 0 };
  let origin = '';

  for (const r of state.records) {
    const rec = r as { t?: unknown; signatureId?: unknown; outcome?: unknown; createdAt?: unknown };
    const outcome = parseOutcome(rec.outcome);
    if (rec.t === 'session' && typeof rec.signatureId === 'string' && outcome && typeof rec.createdAt === 'number') {
      sessions.set(rec.signatureId, { signatureId: rec.signatureId, outcome, createdAt: rec.createdAt });
    }
  }

  const create = (outcomeText: unknown, wantedId?: string): { ok: true; session: Session } | { ok: false; status: number; message: string } => {
    const outcome = parseOutcome(outcomeText);
    if (!outcome) return { ok: false, status: 400, message: `unknown outcome ${JSON.stringify(outcomeText)}` };
    if (wantedId !== undefined && !SIGNATURE_ID.test(wantedId)) return { ok: false, status: 400, message: 'signatureId must be 1–64 letters, digits, _ or -' };
    if (wantedId !== undefined && sessions.has(wantedId)) return { ok: false, status: 409, message: 'signatureId already exists' };
    if (options.credits !== undefined && billing.entries.length >= options.credits) return { ok: false, status: 402, message: 'INSUFFICIENT_BALANCE' };
    const session: Session = { signatureId: wantedId ?? randomBytes(8).toString('hex'), outcome, createdAt: clock() };
    sessions.set(session.signatureId, session);
    state.append({ t: 'session', signatureId: session.signatureId, outcome: formatOutcome(outcome), createdAt: session.createdAt });
    billing.record(ADVANCE_AI_SERVICE, session.signatureId, new Date(session.createdAt).toISOString());
    return { ok: true, session };
  };

  const tokenEndpoint = (req: KitRequest): KitReply => {
    stats.tokenRequests++;
    const body = req.json;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400, body: envelope('CLIENT_ERROR', 'HTTP 400 - Bad Request') };
    const b = body as Record<string, unknown>;
    const timestamp = digits(b.timestamp);
    if (typeof b.accessKey !== 'string' || !b.accessKey || typeof b.signature !== 'string' || !b.signature || b.timestamp === undefined) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'Parameter should not be empty') };
    }
    if (timestamp === null || timestamp.length !== 13 || Math.abs(clock() - Number(timestamp)) > TIMESTAMP_WINDOW_MS) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'Timestamp error') };
    }
    const expected = tokenSignature(accessKey, secretKey, timestamp);
    if (!same(b.accessKey, accessKey) || !same(b.signature.toLowerCase(), expected)) {
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

  const getResult = (req: KitRequest): KitReply => {
    stats.resultRequests++;
    const token = header(req.headers, 'x-access-token');
    const expiry = token ? tokens.get(token) : undefined;
    if (expiry === undefined || clock() >= expiry) return { status: 401, body: envelope('IAM_FAILED', 'Access denied') };
    const b = req.json as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object' || typeof b.signatureId !== 'string' || !b.signatureId.trim()) {
      return { status: 200, body: envelope('PARAMETER_ERROR', 'signatureId should not be empty') };
    }
    const imageType = b.returnImageType === undefined ? 'URL' : b.returnImageType;
    if (imageType !== 'URL' && imageType !== 'BASE64') return { status: 200, body: envelope('PARAMETER_ERROR', 'returnImageType is invalid') };
    if (!SIGNATURE_ID.test(b.signatureId)) return { status: 200, body: envelope('PARAMETER_ERROR', 'signatureId is invalid') };
    const session = sessions.get(b.signatureId);
    if (!session) return { status: 200, body: envelope('SIGNATURE_NOT_EXIST', 'This signatureId is not exist.') };
    if (session.outcome.kind === 'SERVER_ERROR') return { status: 200, body: envelope('ERROR', 'Server error.') };
    const data = buildResultData({ signatureId: session.signatureId, outcome: session.outcome, createdAt: session.createdAt, now: clock(), stepMs, imageType, origin });
    return { status: 200, body: envelope('SUCCESS', 'OK', data) };
  };

  const control = (req: KitRequest): KitReply => {
    if (req.path.endsWith('/__sandbox/billing') && req.method === 'GET') return { status: 200, body: { creates: billing.entries } };
    if (req.path.endsWith('/__sandbox/stats') && req.method === 'GET') return { status: 200, body: { ...stats, liveTokens: tokens.size } };
    if (req.path.endsWith('/__sandbox/revoke-tokens') && req.method === 'POST') {
      tokens.clear();
      return { status: 200, body: { revoked: true } };
    }
    if (req.path.endsWith('/__sandbox/sessions')) {
      if (req.method === 'GET') {
        return { status: 200, body: { sessions: [...sessions.values()].map((s) => ({ signatureId: s.signatureId, outcome: formatOutcome(s.outcome), createdAt: new Date(s.createdAt).toISOString() })) } };
      }
      if (req.method === 'POST') {
        const b = (req.json ?? (req.text.trim() === '' ? {} : null)) as Record<string, unknown> | null;
        if (!b || typeof b !== 'object' || Array.isArray(b)) return { status: 400, body: { message: 'body must be a JSON object {outcome}' } };
        if (b.signatureId !== undefined && typeof b.signatureId !== 'string') return { status: 400, body: { message: 'signatureId must be a string' } };
        const made = create(b.outcome, b.signatureId as string | undefined);
        if (!made.ok) return { status: made.status, body: { message: made.message } };
        return { status: 201, body: { signatureId: made.session.signatureId, outcome: formatOutcome(made.session.outcome) } };
      }
    }
    return { status: 404, body: { message: 'no such sandbox endpoint' } };
  };

  const server = await startKitServer(options, (req) => {
    if (req.path.includes('/__sandbox/')) return control(req);
    const isToken = req.path.endsWith(TOKEN_PATH);
    const isResult = req.path.endsWith(GET_RESULT_PATH);
    if (!isToken && !isResult) return { status: 404, body: envelope('NOT_FOUND', 'no such endpoint') };
    if (req.method !== 'POST') return { status: 405, body: envelope('CLIENT_ERROR', 'method not allowed') };
    return isToken ? tokenEndpoint(req) : getResult(req);
  });
  origin = server.origin;

  for (const s of options.sessions ?? []) {
    if (sessions.has(s.signatureId)) continue;
    const made = create(s.outcome, s.signatureId);
    if (!made.ok) {
      await server.close();
      throw new Error(`sandbox session ${s.signatureId}: ${made.message}`);
    }
  }

  return {
    url: server.origin,
    apiKey: accessKey,
    accessKey,
    secretKey,
    journal: () => [...billing.entries],
    close: () => server.close(),
    createSession(outcome?: string): string {
      const made = create(outcome);
      if (!made.ok) throw new Error(`cannot create sandbox session: ${made.message}`);
      return made.session.signatureId;
    },
  };
}
