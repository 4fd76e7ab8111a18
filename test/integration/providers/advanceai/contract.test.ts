/**
 * The ADVANCE.AI adapter against its sandbox over real loopback HTTP: token signing, caching and
 * expiry, every outcome path, not-found ids, error mapping into ProviderError, billing journal,
 * state file, bad input, and secrets never reaching raw payloads or logs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CanonicalVerification,
  type CheckType,
  type Decision,
  type RunStatus,
} from '../../../../shared/model.ts';
import { ProviderError } from '../../../../electron/engine/providers/errors.ts';
import type {
  PollTarget,
  ProviderAdapter,
  ProviderConfig,
} from '../../../../electron/engine/providers/types.ts';
import {
  createAdvanceAiAdapter,
  startAdvanceAiSandbox,
  tokenSignature,
  type AdvanceAiSandbox,
} from '../../../../electron/engine/providers/advanceai/index.ts';
import { tmpDir } from '../../../helpers/tmp.ts';
import { testContext, type TestContext } from '../../../helpers/provider-context.ts';

const TOKEN_URL = '/openapi/auth/ticket/v1/generate-token';
const RESULT_URL = '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result';

function adapterFor(
  sandbox: { url: string; accessKey: string; secretKey: string },
  extra: Partial<ProviderConfig> = {},
): ProviderAdapter {
  return createAdvanceAiAdapter({
    name: 'advanceai',
    baseUrl: sandbox.url,
    credentials: { accessKey: sandbox.accessKey, secretKey: sandbox.secretKey },
    options: {},
    sandbox: true,
    timeoutMs: 5000,
    ...extra,
  });
}

function target(externalId: string, verificationId = 1): PollTarget {
  return { verificationId, externalId, externalGroup: null };
}

async function pollOne(adapter: ProviderAdapter, id: string, ctx: TestContext) {
  const map = await adapter.poll([target(id)], ctx);
  const snap = map.get(id);
  if (!snap) throw new Error(`no snapshot for ${id}`);
  CanonicalVerification.parse(snap.result);
  return snap;
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ProviderError) return err;
    throw err;
  }
  throw new Error('expected a ProviderError');
}

async function stats(
  sandbox: AdvanceAiSandbox,
): Promise<{ tokenRequests: number; tokensIssued: number; resultRequests: number }> {
  return (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as never;
}

async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('ADVANCE.AI adapter ↔ sandbox', () => {
  let sandbox: AdvanceAiSandbox;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    sandbox = await startAdvanceAiSandbox({
      stepMs: 0,
      apiKey: 'ak-test-123',
      secretKey: 'sk-test-very-secret',
    });
    adapter = adapterFor(sandbox);
  });
  afterAll(() => sandbox.close());

  it('declares a result-import provider', () => {
    expect(adapter.name).toBe('advanceai');
    expect(adapter.capabilities).toEqual({
      create: false,
      lookup: false,
      batchPoll: false,
      actions: [],
    });
  });

  interface OutcomeRow {
    outcome: string;
    runStatus: RunStatus;
    decision: Decision;
    reason: string | null;
    failed?: CheckType;
  }
  const OUTCOMES: OutcomeRow[] = [
    { outcome: 'PASS', runStatus: 'COMPLETED', decision: 'APPROVED', reason: null },
    {
      outcome: 'FAIL',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'LIVENESS_FAILED',
      failed: 'LIVENESS',
    },
    {
      outcome: 'FAIL:SIMILARITY_FAILED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'FACE_MISMATCH',
      failed: 'FACE_MATCH',
    },
    {
      outcome: 'FAIL:ID_FORGERY_DETECTED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'DOC_TAMPERED',
      failed: 'DOC_AUTHENTICITY',
    },
    {
      outcome: 'FAIL:RISK_STRATEGY_HIT',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'RISK_RULE_HIT',
      failed: 'RISK_RULES',
    },
    {
      outcome: 'FAIL:AGE_VERIFICATION_FAILED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'UNDERAGE',
      failed: 'AGE',
    },
    {
      outcome: 'FAIL:DOC_EXPIRED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'DOC_EXPIRED',
      failed: 'DOC_EXPIRY',
    },
    {
      outcome: 'FAIL:OCR_FIELD_INVALID',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'OCR_FAILED',
      failed: 'DOC_OCR',
    },
    {
      outcome: 'FAIL:NATIONALITY_COMPLIANCE_FAILED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'NATIONALITY_NOT_ALLOWED',
      failed: 'RISK_RULES',
    },
    {
      outcome: 'INCOMPLETE',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'DOC_IMAGE_UNUSABLE',
      failed: 'DOC_QUALITY',
    },
    {
      outcome: 'INCOMPLETE:NO_SUPPORTED_CARD',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'DOC_TYPE_UNSUPPORTED',
    },
    {
      outcome: 'INCOMPLETE:CARD_TYPE_MISMATCH',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'DOC_TYPE_MISMATCH',
    },
    {
      outcome: 'INCOMPLETE:CARD_INFO_MISMATCH',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'DOC_SIDES_INCONSISTENT',
      failed: 'DATA_MATCH',
    },
    {
      outcome: 'INCOMPLETE:OCR_NO_RESULT',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'OCR_FAILED',
      failed: 'DOC_OCR',
    },
    {
      outcome: 'INCOMPLETE:RETRY_COUNT_REACH_MAX',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'MAX_ATTEMPTS',
    },
    {
      outcome: 'INCOMPLETE:FACE_QUALITY_TOO_POOR',
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      reason: 'FACE_IMAGE_UNUSABLE',
    },
    {
      outcome: 'INCOMPLETE:USER_TIMEOUT',
      runStatus: 'EXPIRED',
      decision: 'INCONCLUSIVE',
      reason: 'USER_TIMEOUT',
    },
    {
      outcome: 'INCOMPLETE:PARAMETER_ERROR',
      runStatus: 'FAILED',
      decision: 'PENDING',
      reason: 'VENDOR_ERROR',
    },
    {
      outcome: 'INCOMPLETE:ERROR',
      runStatus: 'FAILED',
      decision: 'PENDING',
      reason: 'VENDOR_ERROR',
    },
    {
      outcome: 'FAIL:SOMETHING_UNDOCUMENTED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reason: 'UNKNOWN_VENDOR_VALUE',
    },
    { outcome: 'PENDING', runStatus: 'PROCESSING', decision: 'PENDING', reason: null },
    { outcome: 'ABANDONED', runStatus: 'AWAITING_INPUT', decision: 'PENDING', reason: null },
  ];

  it('polls every outcome path in one call and maps it', async () => {
    const ctx = testContext();
    const ids = OUTCOMES.map((row) => sandbox.createSession(row.outcome));
    const map = await adapter.poll(
      ids.map((id, i) => target(id, i)),
      ctx,
    );
    expect(map.size).toBe(OUTCOMES.length);
    OUTCOMES.forEach((row, i) => {
      const snap = map.get(ids[i]!)!;
      const r = CanonicalVerification.parse(snap.result);
      expect({ outcome: row.outcome, runStatus: r.runStatus, decision: r.decision }).toEqual({
        outcome: row.outcome,
        runStatus: row.runStatus,
        decision: row.decision,
      });
      expect(r.reasons[0]?.code ?? null).toBe(row.reason);
      if (row.failed) expect(r.checks.find((c) => c.type === row.failed)?.outcome).toBe('FAIL');
      expect(snap.externalId).toBe(ids[i]);
      expect(r.externalId).toBe(ids[i]);
      expect(r.environment).toBe('SANDBOX');
      expect(snap.credits).toBeNull();
    });
    const pass = map.get(ids[0]!)!.result;
    expect(pass.extracted.person).toMatchObject({
      nik: '3171014708900003',
      birthDate: '1990-08-07',
      gender: 'F',
    });
  });

  it('an unknown signatureId gives a FAILED snapshot with NOT_FOUND (not a missing map entry)', async () => {
    const ctx = testContext();
    const snap = await pollOne(adapter, 'deadbeef00000000', ctx);
    expect([snap.result.runStatus, snap.result.decision]).toEqual(['FAILED', 'PENDING']);
    expect(snap.result.reasons[0]).toMatchObject({
      code: 'NOT_FOUND',
      vendorCode: 'SIGNATURE_NOT_EXIST',
    });
    expect(ctx.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it("a malformed id is that row's problem: no request, the other rows still answer", async () => {
    const before = (await stats(sandbox)).resultRequests;
    const good = sandbox.createSession('PASS');
    const map = await adapter.poll([target('has spaces/and slashes'), target(good)], testContext());
    expect(map.get('has spaces/and slashes')?.result.reasons[0]?.code).toBe('INVALID_REFERENCE');
    expect(map.get(good)?.result.decision).toBe('APPROVED');
    expect((await stats(sandbox)).resultRequests - before).toBe(1);
  });

  it('code ERROR from get-result is a retryable ProviderError (status 503, vendorCode ERROR)', async () => {
    const id = sandbox.createSession('SERVER_ERROR');
    const err = await caught(adapter.poll([target(id)], testContext()));
    expect([err.kind, err.op, err.status, err.vendorCode]).toEqual(['http', 'poll', 503, 'ERROR']);
  });

  it('submit, lookup and act say this provider only imports results', async () => {
    const ctx = testContext();
    const submit = await caught(adapter.submit({} as never, ctx));
    expect([submit.kind, submit.op]).toEqual(['protocol', 'create']);
    expect(submit.message).toMatch(/signatureId/);
    const lookup = await adapter.lookup({} as never, ctx);
    expect(lookup.kind).toBe('unknown');
    const act = await caught(adapter.act('approve', target('x'), { actor: 'clerk' }, ctx));
    expect([act.kind, act.op]).toEqual(['protocol', 'action']);
  });

  it('normalize() is the same pure mapping the poll used', () => {
    const r = adapter.normalize({
      code: 'SUCCESS',
      data: { overallResult: 'FAIL', errorCode: 'DOC_EXPIRED' },
    });
    expect(r.decision).toBe('DECLINED');
  });

  it('BASE64 images never reach the stored raw payload; secrets never reach raw or logs', async () => {
    const b64 = adapterFor(sandbox, { options: { returnImageType: 'BASE64' } });
    const ctx = testContext();
    const id = sandbox.createSession('PASS');
    const snap = await pollOne(b64, id, ctx);
    const raw = JSON.stringify(snap.raw);
    expect(raw).toContain('[base64 omitted');
    expect(raw.length).toBeLessThan(20_000);
    const everything =
      raw +
      JSON.stringify(snap.result) +
      JSON.stringify(ctx.lines) +
      JSON.stringify([...ctx.store.values()]);
    expect(everything).not.toContain('sk-test-very-secret');
    expect(everything).not.toMatch(/sbx-[0-9a-f]{48}/);
  });

  it('the probe obtains a token', async () => {
    const before = (await stats(sandbox)).tokensIssued;
    await adapter.probe(testContext());
    expect((await stats(sandbox)).tokensIssued).toBe(before + 1);
  });
});

describe('ADVANCE.AI token endpoint and client token handling', () => {
  const clock = { now: Date.UTC(2025, 0, 1, 8, 0, 0) };
  let sandbox: AdvanceAiSandbox;

  beforeAll(async () => {
    sandbox = await startAdvanceAiSandbox({ stepMs: 1000, clock: () => clock.now });
  });
  afterAll(() => sandbox.close());

  const tokenBody = (offsetMs: number, overrides: Record<string, unknown> = {}) => {
    const timestamp = String(clock.now + offsetMs);
    return {
      accessKey: sandbox.accessKey,
      timestamp,
      signature: tokenSignature(sandbox.accessKey, sandbox.secretKey, timestamp),
      periodSecond: 120,
      ...overrides,
    };
  };

  it.each([
    ['a correct request', 'SUCCESS', 'OK', 0, {}],
    ['a timestamp 299 s behind', 'SUCCESS', 'OK', -299_000, {}],
    ['a timestamp 299 s ahead', 'SUCCESS', 'OK', 299_000, {}],
    ['a timestamp 301 s behind', 'PARAMETER_ERROR', 'Timestamp error', -301_000, {}],
    ['a timestamp 301 s ahead', 'PARAMETER_ERROR', 'Timestamp error', 301_000, {}],
    [
      'a 10-digit (seconds) timestamp',
      'PARAMETER_ERROR',
      'Timestamp error',
      0,
      { timestamp: '1735718400' },
    ],
    ['a wrong signature', 'PARAMETER_ERROR', 'Signature error', 0, { signature: 'ab'.repeat(32) }],
    [
      'an HMAC instead of a plain hash',
      'PARAMETER_ERROR',
      'Signature error',
      0,
      { signature: 'cd'.repeat(32) },
    ],
    [
      'an unknown access key',
      'PARAMETER_ERROR',
      'Signature error',
      0,
      { accessKey: 'someone-else' },
    ],
    [
      'a missing signature',
      'PARAMETER_ERROR',
      'Parameter should not be empty',
      0,
      { signature: '' },
    ],
    ['periodSecond 59', 'PARAMETER_ERROR', 'periodSecond out of range', 0, { periodSecond: 59 }],
  ])('%s → %s (%s)', async (_label, code, message, offset, overrides) => {
    const { status, json } = await postJson(
      `${sandbox.url}${TOKEN_URL}`,
      tokenBody(offset, overrides),
    );
    expect(status).toBe(200);
    expect([json.code, json.message]).toEqual([code, message]);
    if (code === 'SUCCESS') {
      const data = json.data as { token: string; expiredTime: number };
      expect(data.token).toMatch(/^sbx-/);
      expect(data.expiredTime).toBe(clock.now + 120_000);
    }
  });

  it('the signature covers the timestamp: a signature for another timestamp is refused', async () => {
    const body = tokenBody(0);
    const { json } = await postJson(`${sandbox.url}${TOKEN_URL}`, {
      ...body,
      timestamp: String(Number(body.timestamp) + 1),
    });
    expect(json.code).toBe('PARAMETER_ERROR');
  });

  it('caches the token until 60 s before expiredTime, then fetches a new one', async () => {
    const ctx = testContext({ clock });
    const adapter = adapterFor(sandbox, { options: { tokenPeriodSeconds: 120 } });
    const id = sandbox.createSession('PASS');
    const start = (await stats(sandbox)).tokensIssued;
    await pollOne(adapter, id, ctx);
    await pollOne(adapter, id, ctx);
    expect((await stats(sandbox)).tokensIssued - start).toBe(1);
    clock.now += 59_000;
    await pollOne(adapter, id, ctx);
    expect((await stats(sandbox)).tokensIssued - start).toBe(1);
    clock.now += 2_000;
    await pollOne(adapter, id, ctx);
    expect((await stats(sandbox)).tokensIssued - start).toBe(2);
  });

  it('concurrent polls share one token request', async () => {
    const ctx = testContext({ clock });
    const adapter = adapterFor(sandbox, { concurrency: 4 });
    const ids = ['PASS', 'PASS', 'FAIL', 'FAIL'].map((o) => sandbox.createSession(o));
    const start = (await stats(sandbox)).tokenRequests;
    await adapter.poll(
      ids.map((id, i) => target(id, i)),
      ctx,
    );
    expect((await stats(sandbox)).tokenRequests - start).toBe(1);
  });

  it('a token revoked by the vendor before its expiry is replaced once and the poll succeeds', async () => {
    const ctx = testContext({ clock });
    const adapter = adapterFor(sandbox);
    const id = sandbox.createSession('PASS');
    await pollOne(adapter, id, ctx);
    await fetch(`${sandbox.url}/__sandbox/revoke-tokens`, { method: 'POST' });
    const start = (await stats(sandbox)).tokensIssued;
    expect((await pollOne(adapter, id, ctx)).result.runStatus).toBe('AWAITING_INPUT');
    expect((await stats(sandbox)).tokensIssued - start).toBe(1);
  });

  it('results advance with time: collecting → processing → outcome', async () => {
    const ctx = testContext({ clock });
    const adapter = adapterFor(sandbox);
    const id = sandbox.createSession('FAIL:SIMILARITY_FAILED');
    expect((await pollOne(adapter, id, ctx)).result.runStatus).toBe('AWAITING_INPUT');
    clock.now += 1000;
    const processing = (await pollOne(adapter, id, ctx)).result;
    expect([processing.runStatus, processing.decision]).toEqual(['PROCESSING', 'PENDING']);
    expect(processing.checks.find((c) => c.type === 'FACE_MATCH')?.outcome).toBe('PENDING');
    clock.now += 1000;
    const done = (await pollOne(adapter, id, ctx)).result;
    expect([done.runStatus, done.decision, done.reasons[0]?.code]).toEqual([
      'COMPLETED',
      'DECLINED',
      'FACE_MISMATCH',
    ]);
  });

  it('wrong secret key → 401 with the vendor code, so the queue pauses for credentials', async () => {
    const adapter = adapterFor({ ...sandbox, secretKey: 'not-the-secret' });
    const err = await caught(adapter.probe(testContext({ clock })));
    expect([err.kind, err.op, err.status, err.vendorCode]).toEqual([
      'http',
      'probe',
      401,
      'PARAMETER_ERROR',
    ]);
    expect(err.message).not.toContain('not-the-secret');
  });

  it('a skewed clock is reported as a credentials/clock problem', async () => {
    const skewed = { now: clock.now + 10 * 60_000 };
    const err = await caught(adapterFor(sandbox).probe(testContext({ clock: skewed })));
    expect([err.status, err.vendorCode]).toEqual([401, 'PARAMETER_ERROR']);
    expect(err.message).toMatch(/clock/);
  });

  it('missing credentials fail before any request', async () => {
    const adapter = createAdvanceAiAdapter({
      name: 'advanceai',
      baseUrl: sandbox.url,
      credentials: {},
      options: {},
      sandbox: true,
    });
    const before = (await stats(sandbox)).tokenRequests;
    const err = await caught(adapter.poll([target('abc')], testContext({ clock })));
    expect([err.status, err.vendorCode]).toEqual([401, 'MISSING_CREDENTIALS']);
    expect((await stats(sandbox)).tokenRequests).toBe(before);
  });

  it('an "accessKey:secretKey" apiKey works like the two credentials', async () => {
    const adapter = createAdvanceAiAdapter({
      name: 'advanceai',
      baseUrl: sandbox.url,
      credentials: { apiKey: `${sandbox.accessKey}:${sandbox.secretKey}` },
      options: {},
      sandbox: true,
    });
    await expect(adapter.probe(testContext({ clock }))).resolves.toBeUndefined();
  });
});

describe('ADVANCE.AI transport failures', () => {
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    stop = null;
  });

  it('a vendor that refuses even a fresh token → 401 after exactly one retry', async () => {
    let tokenCalls = 0;
    let resultCalls = 0;
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url?.endsWith(TOKEN_URL)) {
          tokenCalls++;
          res.end(
            JSON.stringify({
              code: 'SUCCESS',
              message: 'OK',
              data: { token: `t${tokenCalls}`, expiredTime: Date.now() + 3_600_000 },
            }),
          );
        } else {
          resultCalls++;
          res.statusCode = 401;
          res.end(JSON.stringify({ code: 'IAM_FAILED', message: 'Access denied', data: null }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stop = () => new Promise((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const adapter = adapterFor({ url, accessKey: 'a', secretKey: 'b' });
    const err = await caught(adapter.poll([target('abc123')], testContext()));
    expect([err.kind, err.status, err.vendorCode]).toEqual(['http', 401, 'IAM_FAILED']);
    expect([tokenCalls, resultCalls]).toEqual([2, 2]);
  });

  it('429 carries Retry-After in ms and rate-limit headers reach the queue', async () => {
    const sandbox = await startAdvanceAiSandbox({ stepMs: 0, rateLimit: 1 });
    stop = () => sandbox.close();
    const ctx = testContext();
    const adapter = adapterFor(sandbox);
    // The token request uses the one request this second allows; get-result meets the limit.
    const err = await caught(adapter.poll([target(sandbox.createSession('PASS'))], ctx));
    expect([err.kind, err.status, err.retryAfterMs]).toEqual(['http', 429, 1000]);
    expect(ctx.hints[0]).toMatchObject({ remaining: 0 });
  });

  it('faults map to 5xx / connection / timeout ProviderErrors', async () => {
    const sandbox = await startAdvanceAiSandbox({ stepMs: 0, faultRate: 1, seed: 7, slowMs: 400 });
    stop = () => sandbox.close();
    const adapter = adapterFor(sandbox, { timeoutMs: 150 });
    const seen = new Set<string>();
    for (let i = 0; i < 30 && seen.size < 5; i++) {
      const err = await caught(adapter.probe(testContext()));
      expect(err.op).toBe('probe');
      seen.add(err.kind === 'http' ? `http:${err.status}` : err.kind);
    }
    expect([...seen].sort()).toEqual(['connection', 'http:500', 'http:502', 'http:503', 'timeout']);
  });

  it('an unreachable host is "unreachable" (nothing was delivered)', async () => {
    const sandbox = await startAdvanceAiSandbox({});
    const url = sandbox.url;
    await sandbox.close();
    const err = await caught(
      adapterFor({ url, accessKey: 'a', secretKey: 'b' }).probe(testContext()),
    );
    expect(err.kind).toBe('unreachable');
    expect(err.maybeDelivered).toBe(false);
  });
});

describe('ADVANCE.AI sandbox control, billing and state', () => {
  const tmp = tmpDir('cd-advanceai-');
  afterAll(() => tmp.cleanup());

  it('bills each session created through it (createSession, POST, sessions option) and never on reads', async () => {
    const sandbox = await startAdvanceAiSandbox({
      stepMs: 0,
      sessions: [{ signatureId: 'preset01', outcome: 'PASS' }],
    });
    try {
      const a = sandbox.createSession('FAIL');
      const posted = await postJson(`${sandbox.url}/__sandbox/sessions`, {
        outcome: 'INCOMPLETE:USER_TIMEOUT',
      });
      expect(posted.status).toBe(201);
      const b = posted.json.signatureId as string;
      await adapterFor(sandbox).poll([target('preset01'), target(a), target(b)], testContext());
      const billing = (await (await fetch(`${sandbox.url}/__sandbox/billing`)).json()) as {
        creates: { id: string; resultId: string; service: string; sha256s: string[]; at: string }[];
      };
      expect(billing.creates.map((e) => e.resultId)).toEqual(['preset01', a, b]);
      expect(billing.creates[0]).toMatchObject({ service: 'ekyc-h5', sha256s: [] });
      expect(sandbox.journal()).toEqual(billing.creates);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses bad session requests without crashing', async () => {
    const sandbox = await startAdvanceAiSandbox({ credits: 1 });
    try {
      expect(
        (await postJson(`${sandbox.url}/__sandbox/sessions`, { outcome: 'MAYBE' })).status,
      ).toBe(400);
      expect((await postJson(`${sandbox.url}/__sandbox/sessions`, '{not json')).status).toBe(400);
      expect(
        (
          await postJson(`${sandbox.url}/__sandbox/sessions`, {
            outcome: 'PASS',
            signatureId: 'bad id!',
          })
        ).status,
      ).toBe(400);
      expect((await postJson(`${sandbox.url}/__sandbox/sessions`, {})).status).toBe(201);
      expect(
        (await postJson(`${sandbox.url}/__sandbox/sessions`, { outcome: 'PASS' })).json.message,
      ).toBe('INSUFFICIENT_BALANCE');
      expect(() => sandbox.createSession('NOPE')).toThrow(/unknown outcome/);
      expect((await postJson(`${sandbox.url}${TOKEN_URL}`, '[1,2')).status).toBe(400);
      expect((await postJson(`${sandbox.url}${RESULT_URL}`, { signatureId: 'x' })).status).toBe(
        401,
      );
      expect((await fetch(`${sandbox.url}${TOKEN_URL}`)).status).toBe(405);
      expect((await fetch(`${sandbox.url}/nowhere`)).status).toBe(404);
      const huge = await fetch(`${sandbox.url}${TOKEN_URL}`, {
        method: 'POST',
        body: 'x'.repeat(1_100_000),
      });
      expect(huge.status).toBe(413);
      // Still alive.
      expect((await fetch(`${sandbox.url}/__sandbox/billing`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps sessions and billing in the state file across restarts and skips a torn line', async () => {
    const stateFile = join(tmp.dir, 'sub', 'advanceai.jsonl');
    const first = await startAdvanceAiSandbox({ stepMs: 0, stateFile });
    const id = first.createSession('FAIL:DOC_EXPIRED');
    await first.close();
    appendFileSync(stateFile, '{"t":"session","signatureId":"torn');
    const second = await startAdvanceAiSandbox({
      stepMs: 0,
      stateFile,
      sessions: [{ signatureId: id, outcome: 'PASS' }],
    });
    try {
      const snap = await pollOne(adapterFor(second), id, testContext());
      expect(snap.result.reasons[0]?.code).toBe('DOC_EXPIRED');
      expect(second.journal().map((e) => e.resultId)).toEqual([id]);
    } finally {
      await second.close();
    }
  });
});
