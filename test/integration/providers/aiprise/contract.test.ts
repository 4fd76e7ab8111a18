/**
 * The AiPrise adapter against its sandbox over real loopback HTTP: every outcome path, results
 * advancing with time, HTTP 208, missing sessions, error mapping into ProviderError, billing
 * journal, state file, bad input, and the API key never reaching raw payloads or logs.
 */
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
  createAiPriseAdapter,
  startAiPriseSandbox,
  type AiPriseSandbox,
} from '../../../../electron/engine/providers/aiprise/index.ts';
import { tmpDir } from '../../../helpers/tmp.ts';
import { testContext, type TestContext } from '../../../helpers/provider-context.ts';

const RESULT_PATH = '/verify/get_user_verification_result/';

function adapterFor(
  sandbox: { url: string; apiKey: string },
  extra: Partial<ProviderConfig> = {},
): ProviderAdapter {
  return createAiPriseAdapter({
    name: 'aiprise',
    baseUrl: sandbox.url,
    credentials: { apiKey: sandbox.apiKey },
    options: {},
    sandbox: true,
    timeoutMs: 5000,
    ...extra,
  });
}

function target(externalId: string, verificationId = 1): PollTarget {
  return { verificationId, externalId, externalGroup: 'batch-7' };
}

async function pollOne(adapter: ProviderAdapter, id: string, ctx: TestContext) {
  const snap = (await adapter.poll([target(id)], ctx)).get(id);
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

async function rawGet(
  sandbox: AiPriseSandbox,
  id: string,
  key = sandbox.apiKey,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}${RESULT_PATH}${encodeURIComponent(id)}`, {
    headers: { 'X-API-KEY': key },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('AiPrise adapter ↔ sandbox', () => {
  let sandbox: AiPriseSandbox;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    sandbox = await startAiPriseSandbox({ stepMs: 0, apiKey: 'ap-key-0123456789-secret' });
    adapter = adapterFor(sandbox);
  });
  afterAll(() => sandbox.close());

  it('declares a result-import provider', () => {
    expect(adapter.name).toBe('aiprise');
    expect(adapter.capabilities).toEqual({
      create: false,
      lookup: false,
      batchPoll: false,
      actions: [],
    });
  });

  const OUTCOMES: {
    outcome: string;
    runStatus: RunStatus;
    decision: Decision;
    reasons: string[];
    check?: [CheckType, string];
  }[] = [
    {
      outcome: 'APPROVED',
      runStatus: 'COMPLETED',
      decision: 'APPROVED',
      reasons: [],
      check: ['ADDRESS_PROOF', 'PASS'],
    },
    {
      outcome: 'DECLINED',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      reasons: ['DOC_REJECTED', 'GOV_DB_MISMATCH', 'FIELD_MISMATCH', 'FACE_MISMATCH'],
      check: ['FACE_MATCH', 'FAIL'],
    },
    {
      outcome: 'REVIEW',
      runStatus: 'COMPLETED',
      decision: 'REVIEW',
      reasons: ['AML_PEP', 'AML_ADVERSE_MEDIA', 'DOC_RISK_INDICATOR', 'VPN_DETECTED'],
      check: ['AML_SCREENING', 'REVIEW'],
    },
    {
      outcome: 'UNKNOWN',
      runStatus: 'FAILED',
      decision: 'PENDING',
      reasons: ['INPUT_DATA_INVALID'],
    },
    {
      outcome: 'PENDING',
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      reasons: [],
      check: ['AML_SCREENING', 'PENDING'],
    },
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
      expect({
        outcome: row.outcome,
        runStatus: r.runStatus,
        decision: r.decision,
        reasons: r.reasons.map((x) => x.code),
      }).toEqual({
        outcome: row.outcome,
        runStatus: row.runStatus,
        decision: row.decision,
        reasons: row.reasons,
      });
      if (row.check)
        expect(r.checks.find((c) => c.type === row.check![0])?.outcome).toBe(row.check[1]);
      expect([snap.externalId, snap.externalGroup, r.externalId, r.environment]).toEqual([
        ids[i],
        'batch-7',
        ids[i],
        'SANDBOX',
      ]);
    });
    const approved = map.get(ids[0]!)!.result;
    expect(approved.extracted.person).toMatchObject({
      nik: '3171014708900003',
      fullName: 'SITI RAHAYU',
    });
    expect(approved.extracted.document?.issuingCountry).toBe('IDN');
    expect(approved.review).toBe('NONE');
    expect(map.get(ids[2]!)!.result.review).toBe('REQUIRED');
  });

  it('HTTP 208 (the same session read again) is a normal answer', async () => {
    const id = sandbox.createSession('DECLINED');
    const ctx = testContext();
    expect((await rawGet(sandbox, id)).status).toBe(200);
    expect((await rawGet(sandbox, id)).status).toBe(208);
    const snap = await pollOne(adapter, id, ctx);
    expect(snap.result.decision).toBe('DECLINED');
  });

  it('an unknown session (404) gives a FAILED snapshot with NOT_FOUND', async () => {
    const ctx = testContext();
    const snap = await pollOne(adapter, '00000000-0000-4000-8000-000000000000', ctx);
    expect([snap.result.runStatus, snap.result.decision]).toEqual(['FAILED', 'PENDING']);
    expect(snap.result.reasons[0]).toMatchObject({ code: 'NOT_FOUND', severity: 'ERROR' });
    expect(ctx.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it("a malformed id is that row's problem: the other rows still answer", async () => {
    const good = sandbox.createSession('APPROVED');
    const map = await adapter.poll([target('../../etc/passwd'), target(good)], testContext());
    expect(map.get('../../etc/passwd')?.result.reasons[0]?.code).toBe('INVALID_REFERENCE');
    expect(map.get(good)?.result.decision).toBe('APPROVED');
  });

  it('submit, lookup and act say this provider only imports results', async () => {
    const ctx = testContext();
    const submit = await caught(adapter.submit({} as never, ctx));
    expect([submit.kind, submit.op]).toEqual(['protocol', 'create']);
    expect(submit.message).toMatch(/verification_session_id/);
    expect((await adapter.lookup({} as never, ctx)).kind).toBe('unknown');
    const act = await caught(
      adapter.act('reject', target('x'), { actor: 'clerk', reason: 'no' }, ctx),
    );
    expect([act.kind, act.op]).toEqual(['protocol', 'action']);
  });

  it('probe succeeds with the right key; a wrong key is a 401 with the vendor message', async () => {
    await expect(adapter.probe(testContext())).resolves.toBeUndefined();
    const err = await caught(
      adapterFor({ url: sandbox.url, apiKey: 'wrong-key' }).probe(testContext()),
    );
    expect([err.kind, err.op, err.status, err.vendorCode]).toEqual([
      'http',
      'probe',
      401,
      'Unauthorized',
    ]);
    const pollErr = await caught(
      adapterFor({ url: sandbox.url, apiKey: 'wrong-key' }).poll(
        [target(sandbox.createSession())],
        testContext(),
      ),
    );
    expect([pollErr.op, pollErr.status]).toEqual(['poll', 401]);
  });

  it('missing credentials fail before any request', async () => {
    const err = await caught(
      createAiPriseAdapter({
        name: 'aiprise',
        baseUrl: sandbox.url,
        credentials: {},
        options: {},
        sandbox: true,
      }).probe(testContext()),
    );
    expect([err.status, err.vendorCode]).toEqual([401, 'MISSING_CREDENTIALS']);
  });

  it('the API key never reaches raw payloads, results or logs', async () => {
    const ctx = testContext();
    const ids = ['APPROVED', 'REVIEW'].map((o) => sandbox.createSession(o));
    const map = await adapter.poll(
      ids.map((id) => target(id)),
      ctx,
    );
    const everything =
      JSON.stringify([...map.values()]) +
      JSON.stringify(ctx.lines) +
      JSON.stringify([...ctx.store.values()]);
    expect(everything).not.toContain('ap-key-0123456789-secret');
  });
});

describe('AiPrise results over time', () => {
  const clock = { now: Date.UTC(2025, 5, 1, 3, 0, 0) };
  let sandbox: AiPriseSandbox;
  beforeAll(async () => {
    sandbox = await startAiPriseSandbox({ stepMs: 1000, clock: () => clock.now });
  });
  afterAll(() => sandbox.close());

  it('NOT_STARTED → RUNNING → outcome, computed on read', async () => {
    const adapter = adapterFor(sandbox);
    const ctx = testContext({ clock });
    const id = sandbox.createSession('REVIEW');
    const first = (await pollOne(adapter, id, ctx)).result;
    expect([first.runStatus, first.decision, first.vendorStatus]).toEqual([
      'AWAITING_INPUT',
      'PENDING',
      'NOT_STARTED',
    ]);
    clock.now += 1000;
    const second = (await pollOne(adapter, id, ctx)).result;
    expect([second.runStatus, second.decision, second.vendorStatus]).toEqual([
      'PROCESSING',
      'PENDING',
      'RUNNING',
    ]);
    expect(second.checks.find((c) => c.type === 'DOC_AUTHENTICITY')?.outcome).toBe('PENDING');
    clock.now += 1000;
    const third = (await pollOne(adapter, id, ctx)).result;
    expect([third.runStatus, third.decision, third.review]).toEqual([
      'COMPLETED',
      'REVIEW',
      'REQUIRED',
    ]);
    expect(third.timestamps?.created).toBe(new Date(clock.now - 2000).toISOString());
  });
});

describe('AiPrise transport failures', () => {
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    stop = null;
  });

  it('429 carries Retry-After in ms and rate-limit headers reach the queue', async () => {
    const sandbox = await startAiPriseSandbox({ stepMs: 0, rateLimit: 1 });
    stop = () => sandbox.close();
    const ctx = testContext();
    const adapter = adapterFor(sandbox);
    const ids = [sandbox.createSession(), sandbox.createSession()];
    const err = await caught(
      adapter.poll(
        ids.map((id) => target(id)),
        ctx,
      ),
    );
    expect([err.kind, err.status, err.retryAfterMs, err.vendorCode]).toEqual([
      'http',
      429,
      1000,
      'Too many requests',
    ]);
    expect(ctx.hints[0]).toMatchObject({ remaining: 0 });
  });

  it('faults map to 5xx / connection / timeout ProviderErrors', async () => {
    const sandbox = await startAiPriseSandbox({ stepMs: 0, faultRate: 1, seed: 11, slowMs: 400 });
    stop = () => sandbox.close();
    const adapter = adapterFor(sandbox, { timeoutMs: 150 });
    const id = sandbox.createSession();
    const seen = new Set<string>();
    for (let i = 0; i < 30 && seen.size < 5; i++) {
      const err = await caught(adapter.poll([target(id)], testContext()));
      expect(err.op).toBe('poll');
      seen.add(err.kind === 'http' ? `http:${err.status}` : err.kind);
    }
    expect([...seen].sort()).toEqual(['connection', 'http:500', 'http:502', 'http:503', 'timeout']);
  });

  it('an unreachable host is "unreachable"', async () => {
    const sandbox = await startAiPriseSandbox({});
    const url = sandbox.url;
    await sandbox.close();
    const err = await caught(adapterFor({ url, apiKey: 'k' }).probe(testContext()));
    expect([err.kind, err.maybeDelivered]).toEqual(['unreachable', false]);
  });
});

describe('AiPrise sandbox control, billing and state', () => {
  const tmp = tmpDir('cd-aiprise-');
  afterAll(() => tmp.cleanup());

  it('bills each session created through it and never on reads', async () => {
    const sandbox = await startAiPriseSandbox({
      stepMs: 0,
      sessions: [{ sessionId: 'preset-session-1', outcome: 'DECLINED' }],
    });
    try {
      const a = sandbox.createSession('APPROVED');
      const res = await fetch(`${sandbox.url}/__sandbox/sessions`, {
        method: 'POST',
        body: JSON.stringify({ outcome: 'review' }),
      });
      expect(res.status).toBe(201);
      const b = ((await res.json()) as { sessionId: string }).sessionId;
      await adapterFor(sandbox).poll(
        [target('preset-session-1'), target(a), target(b)],
        testContext(),
      );
      // The journal answers at the server root as well as under the API prefix.
      const root = sandbox.url.replace(/\/api\/v1$/, '');
      const billing = (await (await fetch(`${root}/__sandbox/billing`)).json()) as {
        creates: { resultId: string; service: string }[];
      };
      expect(billing.creates.map((e) => e.resultId)).toEqual(['preset-session-1', a, b]);
      expect(billing.creates[0]?.service).toMatch(/^template:/);
      expect(sandbox.journal()).toEqual(billing.creates);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses bad input without crashing', async () => {
    const sandbox = await startAiPriseSandbox({ credits: 1 });
    try {
      const post = (body: string) =>
        fetch(`${sandbox.url}/__sandbox/sessions`, { method: 'POST', body });
      expect((await post('{"outcome":"MAYBE"}')).status).toBe(400);
      expect((await post('not json')).status).toBe(400);
      expect((await post('{"outcome":"APPROVED","sessionId":"a/b"}')).status).toBe(400);
      expect((await post('')).status).toBe(201);
      expect((await post('{}')).status).toBe(402);
      expect(() => sandbox.createSession('NOPE')).toThrow(/unknown outcome/);
      expect((await rawGet(sandbox, 'x', '')).status).toBe(401);
      expect(
        (
          await fetch(`${sandbox.url}${RESULT_PATH}%E0%A4%A`, {
            headers: { 'X-API-KEY': sandbox.apiKey },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await fetch(`${sandbox.url}${RESULT_PATH}abc`, {
            method: 'POST',
            headers: { 'X-API-KEY': sandbox.apiKey },
          })
        ).status,
      ).toBe(405);
      expect((await fetch(`${sandbox.url}/elsewhere`)).status).toBe(404);
      expect(
        (
          await fetch(`${sandbox.url}${RESULT_PATH}abc`, {
            method: 'PUT',
            body: 'x'.repeat(1_100_000),
          })
        ).status,
      ).toBe(413);
      expect((await fetch(`${sandbox.url}/__sandbox/billing`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps sessions in the state file across restarts and skips a torn line', async () => {
    const stateFile = join(tmp.dir, 'aiprise.jsonl');
    const first = await startAiPriseSandbox({ stepMs: 0, stateFile });
    const id = first.createSession('UNKNOWN');
    await first.close();
    appendFileSync(stateFile, '{"t":"ses');
    const second = await startAiPriseSandbox({ stepMs: 0, stateFile });
    const later = second.createSession('APPROVED');
    try {
      const map = await adapterFor(second).poll([target(id), target(later)], testContext());
      expect(map.get(id)?.result.runStatus).toBe('FAILED');
      expect(map.get(later)?.result.decision).toBe('APPROVED');
      expect(second.journal().map((e) => e.resultId)).toEqual([id, later]);
    } finally {
      await second.close();
    }
    const third = await startAiPriseSandbox({ stepMs: 0, stateFile });
    try {
      expect(third.journal().map((e) => e.resultId)).toEqual([id, later]);
      expect((await pollOne(adapterFor(third), later, testContext())).result.decision).toBe(
        'APPROVED',
      );
    } finally {
      await third.close();
    }
  });
});
