/**
 * Contract tests: the Colleckt adapter against the Colleckt sandbox, over real loopback HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCollecktAdapter,
  startCollecktSandbox,
  type CollecktAdapter,
} from '../../../../electron/engine/providers/colleckt/index.ts';
import { ProviderError } from '../../../../electron/engine/providers/errors.ts';
import type {
  ProviderAction,
  ProviderSnapshot,
  RunningSandbox,
  SandboxOptions,
  SubmissionRequest,
} from '../../../../electron/engine/providers/types.ts';
import { until } from '../../../helpers/tmp.ts';
import { pollUntil, SETTLE_TIMEOUT_MS } from '../settle.ts';
import { testContext, type TestContext } from '../../../helpers/provider-context.ts';
import { writeDoc, type DocSpec } from './files.ts';

let dir: string;
let sandbox: RunningSandbox;
let ctx: TestContext;
let seq = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  sandbox = await startCollecktSandbox({ apiKey: 'tok-colleckt-secret-123', ...options });
  return sandbox;
}

function adapter(
  overrides: Partial<Parameters<typeof createCollecktAdapter>[0]> = {},
): CollecktAdapter {
  return createCollecktAdapter({
    name: 'colleckt',
    baseUrl: sandbox.url,
    credentials: { token: sandbox.apiKey },
    options: {},
    sandbox: true,
    timeoutMs: 5_000,
    ...overrides,
  });
}

function request(docs: DocSpec[], extra: Partial<SubmissionRequest> = {}): SubmissionRequest {
  seq += 1;
  return {
    verificationId: seq,
    idempotencyKey: `idem-${seq}-${Math.random().toString(36).slice(2)}`,
    generation: 1,
    caseKey: `APP-2024-${String(seq).padStart(4, '0')}`,
    groupRef: null,
    inboxLabel: 'Inbox',
    service: 'usps1583',
    config: {},
    documents: docs.map((d) => writeDoc(dir, d)),
    expected: {
      name: 'Siti Nurhaliza Rahman',
      nik: '3174095708900002',
      birthDate: '17-08-1990',
      address: 'Jl. Melati No. 5',
    },
    externalId: null,
    knownExternalIds: [],
    force: false,
    ...extra,
  };
}

const STANDARD: DocSpec[] = [
  { field: 'photo_id' },
  { field: 'photo_id_back' },
  { field: 'proof_of_address', kind: 'BANK_STATEMENT', format: 'pdf' },
];

function withMarker(marker: string): DocSpec[] {
  return [
    { field: 'photo_id', content: marker },
    { field: 'proof_of_address', kind: 'BANK_STATEMENT', format: 'pdf' },
  ];
}

interface V {
  id: string;
  status_label: string;
  history: unknown[];
}
interface One {
  data: V;
}
interface List {
  data: V[];
  meta: { total: number };
}

async function raw<T>(
  method: string,
  urlPath: string,
  body?: unknown,
  token = sandbox.apiKey,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sandbox.url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

async function armFault(kind: string, match: string): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    body: JSON.stringify({ kind, match }),
  });
  expect(res.status).toBe(201);
}

async function pollOne(a: CollecktAdapter, snap: ProviderSnapshot): Promise<ProviderSnapshot> {
  const map = await a.poll(
    [{ verificationId: 1, externalId: snap.externalId, externalGroup: snap.externalGroup }],
    ctx,
  );
  const got = map.get(snap.externalId);
  if (!got) throw new Error('poll lost the verification');
  return got;
}

async function caught(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

beforeEach(() => {
  ctx = testContext();
});
afterEach(async () => {
  await sandbox?.close();
});

describe('Colleckt adapter ↔ sandbox: submission and status paths', () => {
  it('creates, uploads each side, submits (billed once) and polls to Approved', async () => {
    await start();
    const a = adapter();
    await a.probe(ctx);
    const req = request(STANDARD);
    const snap = await a.submit(req, ctx);
    expect(snap.externalId).toMatch(/^ver_/);
    expect(snap.externalGroup).toBe('usps1583');
    expect(snap.result.runStatus).toBe('PROCESSING');
    expect(snap.result.decision).toBe('PENDING');

    const journal = sandbox.journal();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({
      id: snap.externalId,
      service: 'usps1583',
      resultId: req.caseKey,
    });
    expect([...journal[0]!.sha256s].sort()).toEqual(req.documents.map((d) => d.sha256).sort());

    const done = await pollUntil(a, snap, ctx);
    expect(done.result).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'APPROVED',
      review: 'NONE',
      vendorStatus: 'Approved',
      vendorDecision: 'Approved',
    });
    const types = done.result.checks.map((c) => `${c.name}:${c.type}:${c.outcome}`).sort();
    expect(types).toEqual([
      'photo_id:DATA_MATCH:PASS',
      'photo_id:DOC_AUTHENTICITY:PASS',
      'photo_id:DOC_OCR:PASS',
      'proof_of_address:ADDRESS_PROOF:PASS',
      'proof_of_address:DATA_MATCH:PASS',
    ]);
    expect(done.result.extracted.person).toMatchObject({
      givenName: 'Siti Nurhaliza',
      familyName: 'Rahman',
      birthDate: '1990-08-17',
    });
    expect(done.result.extracted.document).toMatchObject({
      number: '3174095708900002',
      issuingCountry: 'IDN',
    });
    expect(done.history?.map((h) => `${h.from}->${h.to}`)).toEqual([
      'null->Started',
      'Started->Submitted',
      'Submitted->Approved',
    ]);
    expect(sandbox.journal()).toHaveLength(1);
  });

  it('reports Submitted with pending checks while the pipeline runs', async () => {
    await start();
    const a = adapter();
    const snap = await a.submit(request(withMarker('CDX-SLOW')), ctx);
    const midway = await pollOne(a, snap);
    expect(midway.result).toMatchObject({
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      vendorStatus: 'Submitted',
    });
    expect(midway.result.checks.length).toBeGreaterThan(0);
    expect(midway.result.checks.every((c) => c.outcome === 'PENDING')).toBe(true);
  });

  it.each([
    [
      'CDX-REJECTED',
      { runStatus: 'COMPLETED', decision: 'DECLINED', review: 'NONE', vendorStatus: 'Rejected' },
      'FAIL',
    ],
    [
      'CDX-DOUBLE_CHECK',
      {
        runStatus: 'COMPLETED',
        decision: 'REVIEW',
        review: 'REQUIRED',
        vendorStatus: 'Double Check',
      },
      'REVIEW',
    ],
    [
      'CDX-REVIEW',
      {
        runStatus: 'COMPLETED',
        decision: 'REVIEW',
        review: 'REQUIRED',
        vendorStatus: 'Double Check',
      },
      'REVIEW',
    ],
    [
      'CDX-EXPIRED',
      { runStatus: 'EXPIRED', decision: 'INCONCLUSIVE', review: 'NONE', vendorStatus: 'Expired' },
      'NOT_RUN',
    ],
  ] as const)('marker %s drives the outcome', async (marker, expected, photoOutcome) => {
    await start();
    const a = adapter();
    const snap = await a.submit(request(withMarker(marker)), ctx);
    const done = await pollUntil(a, snap, ctx);
    expect(done.result).toMatchObject(expected);
    expect(
      done.result.checks.find((c) => c.name === 'photo_id' && c.type === 'DOC_AUTHENTICITY')
        ?.outcome,
    ).toBe(photoOutcome);
  });

  it('the identity flow needs only the photo ID and carries a selfie into FACE_MATCH', async () => {
    await start();
    const a = adapter();
    const snap = await a.submit(
      request(
        [
          { field: 'photo_id', format: 'png' },
          { field: 'selfie', kind: 'SELFIE' },
        ],
        { service: 'identity' },
      ),
      ctx,
    );
    expect(snap.externalGroup).toBe('identity');
    const done = await pollUntil(a, snap, ctx);
    expect(done.result.decision).toBe('APPROVED');
    expect(done.result.checks.find((c) => c.type === 'FACE_MATCH')?.outcome).toBe('PASS');
  });

  it('a target unknown to Colleckt is missing from the poll answer', async () => {
    await start();
    const map = await adapter().poll(
      [{ verificationId: 1, externalId: 'ver_doesnotexist', externalGroup: 'usps1583' }],
      ctx,
    );
    expect(map.size).toBe(0);
  });
});

describe('Colleckt documents are checked before anything is sent', () => {
  it.each([
    [
      'an unknown field',
      [{ field: 'ktp_file' }, { field: 'proof_of_address' }],
      /no document slot "ktp_file"/,
    ],
    [
      'two documents of one type',
      [{ field: 'photo_id' }, { field: 'photo_id' }, { field: 'proof_of_address' }],
      /one document per type/,
    ],
    [
      'a back without a front',
      [{ field: 'photo_id_back' }, { field: 'proof_of_address' }],
      /without its front/,
    ],
    ['a missing proof of address', [{ field: 'photo_id' }], /needs proof_of_address/],
    [
      'a GIF',
      [{ field: 'photo_id', format: 'gif' }, { field: 'proof_of_address' }],
      /accepts JPEG, PNG, PDF/,
    ],
    [
      'a file over 10 MB',
      [{ field: 'photo_id', size: 10 * 1024 * 1024 + 1 }, { field: 'proof_of_address' }],
      /at most 10 MB/,
    ],
  ] as [string, DocSpec[], RegExp][])('refuses %s', async (_label, docs, message) => {
    await start();
    const err = await caught(adapter().submit(request(docs), ctx));
    expect(err).toMatchObject({ kind: 'protocol', op: 'upload' });
    expect(err.message).toMatch(message);
    expect((await raw<List>('GET', '/api/v1/usps1583/verifications')).json.meta.total).toBe(0);
    expect(sandbox.journal()).toHaveLength(0);
  });

  it('refuses a file whose bytes no longer match its fingerprint', async () => {
    await start();
    const req = request(STANDARD);
    fs.appendFileSync(req.documents[0]!.path, 'tampered');
    const err = await caught(adapter().submit(req, ctx));
    expect(err).toMatchObject({ kind: 'protocol', op: 'upload' });
    expect(err.message).toMatch(/changed/);
  });
});

/** Puts a fresh verification into the requested status (as the sandbox numbers them). */
async function inStatus(a: CollecktAdapter, status: number): Promise<{ id: string; flow: string }> {
  if (status === 1) {
    const created = await raw<One>('POST', '/api/v1/usps1583/verifications', {
      vendor_reference: 'X',
      vendor_state: 'draft',
    });
    return { id: created.json.data.id, flow: 'usps1583' };
  }
  const marker =
    {
      2: 'CDX-SLOW',
      3: '',
      4: 'CDX-REJECTED',
      5: 'CDX-DOUBLE_CHECK',
      6: 'CDX-EXPIRED',
      7: 'CDX-SLOW',
      8: 'CDX-SLOW',
    }[status] ?? '';
  const snap = await a.submit(request(withMarker(marker)), ctx);
  if (status === 7)
    await raw('POST', `/api/v1/usps1583/verifications/${snap.externalId}/cancel`, {});
  if (status === 8) await raw('POST', `/api/v1/usps1583/verifications/${snap.externalId}/hold`, {});
  return { id: snap.externalId, flow: 'usps1583' };
}

const ALLOWED: Record<string, number[]> = {
  approve: [2, 5],
  reject: [2, 5],
  hold: [1, 2, 5],
  resume: [8],
  cancel: [1, 2, 8, 5],
  resubmit: [4],
};
const LABEL: Record<number, string> = {
  1: 'Started',
  2: 'Submitted',
  3: 'Approved',
  4: 'Rejected',
  5: 'Double Check',
  6: 'Expired',
  7: 'Canceled',
  8: 'Hold',
};
const RESULT: Record<string, (from: number) => string> = {
  approve: () => 'Approved',
  reject: () => 'Rejected',
  hold: () => 'Hold',
  resume: () => 'Submitted',
  cancel: () => 'Canceled',
  resubmit: () => 'Started',
};

describe('Colleckt actions: allowed and refused source states', () => {
  it('enforces the documented source states for every action before calling', async () => {
    await start();
    const a = adapter();
    const cases: { action: string; from: number; target: { id: string; flow: string } }[] = [];
    for (const action of Object.keys(ALLOWED)) {
      for (const from of [1, 2, 3, 4, 5, 6, 7, 8])
        cases.push({ action, from, target: await inStatus(a, from) });
    }
    for (const { action, from, target } of cases) {
      // Targets that go through the pipeline reach their status once processing is done.
      const before = await until(
        async () => {
          const v = (await raw<One>('GET', `/api/v1/${target.flow}/verifications/${target.id}`))
            .json.data;
          return v.status_label === LABEL[from] ? v : null;
        },
        { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 25, what: `${target.id} to be ${LABEL[from]}` },
      );
      expect(before.status_label).toBe(LABEL[from]);
      const input = { reason: 'Checked by hand', actor: 'alice' };
      const call = a.act(
        action as ProviderAction,
        { verificationId: 1, externalId: target.id, externalGroup: target.flow },
        input,
        ctx,
      );
      if (ALLOWED[action]!.includes(from)) {
        const snap = await call;
        expect(snap.result.vendorStatus, `${action} from ${LABEL[from]}`).toBe(
          RESULT[action]!(from),
        );
        expect(snap.history?.at(-1)).toMatchObject({
          from: LABEL[from],
          to: RESULT[action]!(from),
          actor: 'alice',
        });
      } else {
        const err = await caught(call);
        expect(err, `${action} from ${LABEL[from]}`).toMatchObject({
          kind: 'protocol',
          op: 'action',
        });
        expect(err.message).toContain(LABEL[from]);
        const after = (await raw<One>('GET', `/api/v1/${target.flow}/verifications/${target.id}`))
          .json.data;
        expect(after.history).toHaveLength(before.history.length);
      }
    }
  });

  it('reject needs a reason; unsupported actions are refused', async () => {
    await start();
    const a = adapter();
    const target = await inStatus(a, 2);
    const t = { verificationId: 1, externalId: target.id, externalGroup: target.flow };
    expect(await caught(a.act('reject', t, { actor: 'alice' }, ctx))).toMatchObject({
      kind: 'protocol',
      op: 'action',
    });
    expect(await caught(a.act('confirm_fraud', t, { actor: 'alice' }, ctx))).toMatchObject({
      kind: 'protocol',
      op: 'action',
    });
  });

  it('hold keeps the previous decision, resume returns to it, a manual approve resolves the review', async () => {
    await start();
    const a = adapter();
    const snap = await a.submit(request(withMarker('CDX-DOUBLE_CHECK')), ctx);
    await pollUntil(a, snap, ctx);
    const t = { verificationId: 1, externalId: snap.externalId, externalGroup: snap.externalGroup };
    const held = await a.act('hold', t, { actor: 'bob', reason: 'waiting for the branch' }, ctx);
    expect(held.result).toMatchObject({
      runStatus: 'ON_HOLD',
      decision: 'REVIEW',
      review: 'REQUIRED',
      vendorStatus: 'Hold',
      vendorDecision: 'Double Check',
    });
    const resumed = await a.act('resume', t, { actor: 'bob' }, ctx);
    expect(resumed.result).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'REVIEW',
      vendorStatus: 'Double Check',
    });
    const approved = await a.act(
      'approve',
      t,
      { actor: 'carol', reason: 'KTP checked against the original' },
      ctx,
    );
    expect(approved.result).toMatchObject({ decision: 'APPROVED', review: 'RESOLVED_APPROVED' });
    expect(approved.history?.at(-1)).toMatchObject({
      from: 'Double Check',
      to: 'Approved',
      actor: 'carol',
      comment: 'KTP checked against the original',
    });
  });

  it('resubmit with the case documents replaces the rejected one and bills the re-run', async () => {
    await start();
    const a = adapter();
    const first = request(withMarker('CDX-REJECTED'));
    const snap = await a.submit(first, ctx);
    await pollUntil(a, snap, ctx);
    const t = { verificationId: 1, externalId: snap.externalId, externalGroup: snap.externalGroup };
    const fixed = request([
      { field: 'photo_id' },
      { field: 'proof_of_address', kind: 'BANK_STATEMENT', format: 'pdf' },
    ]);
    const again = await a.act('resubmit', t, { actor: 'dina', request: fixed }, ctx);
    expect(again.result.runStatus).toBe('PROCESSING');
    expect(sandbox.journal()).toHaveLength(2);
    expect((await pollUntil(a, again, ctx)).result.decision).toBe('APPROVED');
  });
});

describe('Colleckt lookup and in-doubt reconciliation', () => {
  it('finds a submitted verification by vendor_reference + vendor_state across pages, else absent', async () => {
    await start();
    const a = adapter();
    const req = request(STANDARD);
    const snap = await a.submit(req, ctx);
    // Push it off the first page (15 per page, newest first).
    for (let i = 0; i < 17; i++)
      await raw('POST', '/api/v1/usps1583/verifications', { vendor_reference: `OTHER-${i}` });
    const found = await a.lookup(req, ctx);
    expect(found.kind).toBe('found');
    expect(found.kind === 'found' && found.externalId).toBe(snap.externalId);
    expect((await a.lookup({ ...req, idempotencyKey: 'never-used' }, ctx)).kind).toBe('absent');
    expect((await a.lookup({ ...req, knownExternalIds: [snap.externalId] }, ctx)).kind).toBe(
      'absent',
    );
  });

  it('stops with "unknown" when it cannot read every page', async () => {
    await start();
    for (let i = 0; i < 16; i++)
      await raw('POST', '/api/v1/usps1583/verifications', { vendor_reference: `OTHER-${i}` });
    const out = await adapter({ options: { lookupMaxPages: 1 } }).lookup(request(STANDARD), ctx);
    expect(out.kind).toBe('unknown');
  });

  it('reset after the submit committed → connection/create; lookup adopts it; billed once', async () => {
    await start();
    const a = adapter();
    const req = request(STANDARD);
    await armFault('reset', '/submit');
    const err = await caught(a.submit(req, ctx));
    expect(err).toMatchObject({ kind: 'connection', op: 'create' });
    expect(err.maybeDelivered).toBe(true);
    const found = await a.lookup(req, ctx);
    expect(found.kind).toBe('found');
    expect(found.kind === 'found' && found.result.runStatus).toBe('PROCESSING');
    expect(sandbox.journal()).toHaveLength(1);
  });

  it('a 503 before the submit committed leaves only an unbilled draft: lookup says absent', async () => {
    await start();
    const a = adapter();
    const req = request(STANDARD);
    await armFault('503', '/submit');
    const err = await caught(a.submit(req, ctx));
    expect(err).toMatchObject({ kind: 'http', op: 'create', status: 503 });
    expect(sandbox.journal()).toHaveLength(0);
    expect((await a.lookup(req, ctx)).kind).toBe('absent');
  });

  it('an upload failure is op "upload" and cancels the draft', async () => {
    await start();
    const a = adapter();
    await armFault('500', '/documents');
    const err = await caught(a.submit(request(STANDARD), ctx));
    expect(err).toMatchObject({ kind: 'http', op: 'upload', status: 500 });
    const list = (await raw<List>('GET', '/api/v1/usps1583/verifications')).json.data;
    expect(list.map((v) => v.status_label)).toEqual(['Canceled']);
  });

  it('continues an unsubmitted draft it already owns instead of creating another', async () => {
    await start();
    const a = adapter();
    const draft = await raw<One>('POST', '/api/v1/usps1583/verifications', {
      vendor_reference: 'APP',
      vendor_state: 'k',
    });
    const snap = await a.submit(request(STANDARD, { externalId: draft.json.data.id }), ctx);
    expect(snap.externalId).toBe(draft.json.data.id);
    expect((await raw<List>('GET', '/api/v1/usps1583/verifications')).json.meta.total).toBe(1);
    expect(sandbox.journal()).toHaveLength(1);
  });
});

describe('Colleckt errors, limits and secrets', () => {
  it('maps a wrong token to 401 and a missing token to a 401-like error', async () => {
    await start();
    const wrong = await caught(adapter({ credentials: { token: 'not-the-token' } }).probe(ctx));
    expect(wrong).toMatchObject({ kind: 'http', op: 'probe', status: 401 });
    const none = await caught(adapter({ credentials: {} }).probe(ctx));
    expect(none).toMatchObject({ status: 401, vendorCode: 'MISSING_TOKEN' });
  });

  it('maps 429 with Retry-After and reports rate-limit headers', async () => {
    await start({ rateLimit: 2 });
    const a = adapter();
    const errors: ProviderError[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await a.probe(ctx);
      } catch (err) {
        errors.push(err as ProviderError);
      }
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ kind: 'http', status: 429 });
    expect(errors[0]!.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(ctx.hints.length).toBeGreaterThan(0);
    expect(ctx.hints[0]!.remaining).toBeLessThanOrEqual(1);
  });

  it('answers 402 INSUFFICIENT_BALANCE at submit when the credits are spent', async () => {
    await start({ credits: 1 });
    const a = adapter();
    await a.submit(request(STANDARD), ctx);
    const err = await caught(a.submit(request(STANDARD), ctx));
    expect(err).toMatchObject({
      kind: 'http',
      op: 'create',
      status: 402,
      vendorCode: 'INSUFFICIENT_BALANCE',
    });
    expect(sandbox.journal()).toHaveLength(1);
  });

  it('never puts the token into raw payloads or logs', async () => {
    await start();
    const a = adapter();
    const snap = await a.submit(request(STANDARD), ctx);
    await a.probe(ctx).catch(() => undefined);
    await caught(adapter({ credentials: { token: 'wrong-token-abcdef' } }).probe(ctx));
    const everything = JSON.stringify([snap, ctx.lines]);
    expect(everything).not.toContain(sandbox.apiKey);
    expect(ctx.lines.some((l) => l.message.includes('submitted'))).toBe(true);
  });

  it('warns before the 180-day token expiry, from the probe too', async () => {
    await start();
    const day = 24 * 3600 * 1000;
    const created = Date.parse('2025-01-01T00:00:00Z');
    const a = adapter({ options: { tokenCreatedAt: '2025-01-01T00:00:00Z' } });
    expect(a.tokenExpiryWarning(created + 100 * day)).toBeNull();
    expect(a.tokenExpiryWarning(created + 167 * day)).toMatch(
      /expires in 13 days \(on 2025-06-30\)/,
    );
    expect(a.tokenExpiryWarning(created + 179.5 * day)).toMatch(/expires in 1 day\b/);
    expect(a.tokenExpiryWarning(created + 181 * day)).toMatch(/expired on 2025-06-30/);
    expect(adapter().tokenExpiryWarning(Date.now())).toBeNull();
    const probing = testContext({ at: created + 170 * day });
    await a.probe(probing);
    expect(
      probing.lines
        .filter((l) => l.level === 'warn')
        .map((l) => l.message)
        .join(),
    ).toMatch(/expires in 10 days/);
  });
});

describe('Colleckt sandbox robustness and persistence', () => {
  it('refuses bad JSON, oversized bodies and unknown routes without crashing', async () => {
    await start();
    const bad = await fetch(`${sandbox.url}/api/v1/usps1583/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
      body: '{"vendor_reference": ',
    });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${sandbox.url}/api/v1/usps1583/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
      body: Buffer.alloc(17 * 1024 * 1024, 0x61),
    });
    expect(huge.status).toBe(413);
    expect((await raw('GET', '/api/v1/usps1583/nothing-here')).status).toBe(404);
    expect((await raw('GET', '/api/v1/usps1583/verifications')).status).toBe(200);
  });

  it('keeps verifications and the billing journal across restarts (state file)', async () => {
    const stateFile = path.join(dir, `colleckt-${Date.now()}.jsonl`);
    await start({ stateFile });
    const snap = await adapter().submit(request(STANDARD), ctx);
    await sandbox.close();
    await start({ stateFile });
    expect(sandbox.journal()).toHaveLength(1);
    // The restarted sandbox carries on where the first one stopped.
    const polled = await pollUntil(adapter(), snap, ctx);
    expect(polled.result.decision).toBe('APPROVED');
    fs.appendFileSync(stateFile, '{"k":"state","v":{"kind":"verif'); // a torn last line
    await sandbox.close();
    await start({ stateFile });
    expect((await pollOne(adapter(), snap)).result.decision).toBe('APPROVED');
  });

  it('injects seeded faults reproducibly', async () => {
    const statuses = async (): Promise<string[]> => {
      await start({ faultRate: 0.5, seed: 7 });
      const out: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${sandbox.url}/api/v1/usps1583/verifications?page=1`, {
          headers: { authorization: `Bearer ${sandbox.apiKey}` },
        })
          .then((r) => String(r.status))
          .catch(() => 'reset');
        out.push(res);
      }
      await sandbox.close();
      return out;
    };
    const first = await statuses();
    const second = await statuses();
    expect(first).toEqual(second);
    expect(first.some((s) => s !== '200')).toBe(true);
    expect(first.some((s) => s === '200')).toBe(true);
    await start();
  });
});
