/**
 * Contract tests: the FrankieOne adapter against the FrankieOne sandbox, over real loopback HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalVerification } from '../../../../shared/model.ts';
import { ProviderError } from '../../../../electron/engine/providers/errors.ts';
import {
  createFrankieOneAdapter,
  startFrankieOneSandbox,
} from '../../../../electron/engine/providers/frankieone/index.ts';
import type {
  ProviderAdapter,
  ProviderConfig,
  ProviderSnapshot,
  RunningSandbox,
  SandboxOptions,
  SubmissionRequest,
} from '../../../../electron/engine/providers/types.ts';
import { writeDoc, type DocSpec } from '../colleckt/files.ts';
import { pollUntil } from '../settle.ts';
import { testContext, type TestContext } from '../../../helpers/provider-context.ts';

const CUSTOMER = '12345678-aaaa-bbbb-cccc-123456789012';
let dir: string;
let seq = 0;
const open: RunningSandbox[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-'));
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sb = await startFrankieOneSandbox({ apiKey: 'fk-secret-api-key-987', ...options });
  open.push(sb);
  return sb;
}

function adapter(sb: RunningSandbox, overrides: Partial<ProviderConfig> = {}): ProviderAdapter {
  return createFrankieOneAdapter({
    name: 'frankieone',
    baseUrl: sb.url,
    credentials: { apiKey: sb.apiKey, customerId: CUSTOMER },
    options: { channel: 'checkdesk-test' },
    sandbox: true,
    timeoutMs: 5_000,
    ...overrides,
  });
}

const IDV: DocSpec[] = [
  { field: 'id_front' },
  { field: 'id_back', format: 'png' },
  { field: 'selfie', kind: 'SELFIE' },
];

function withMarker(marker: string, selfie = true): DocSpec[] {
  return [
    { field: 'id_front', content: marker },
    ...(selfie ? [{ field: 'selfie', kind: 'SELFIE' as const }] : []),
  ];
}

function request(docs: DocSpec[], extra: Partial<SubmissionRequest> = {}): SubmissionRequest {
  seq += 1;
  return {
    verificationId: seq,
    idempotencyKey: `fk-idem-${seq}-${Math.random().toString(36).slice(2)}`,
    generation: 1,
    caseKey: `APP-FK-${seq}`,
    groupRef: null,
    inboxLabel: 'Inbox',
    service: 'idv',
    config: {},
    documents: docs.map((d) => writeDoc(dir, d)),
    expected: {
      name: 'Budi Santoso',
      nik: '3171021203850004',
      birthDate: '1985-03-12',
      gender: 'M',
    },
    externalId: null,
    knownExternalIds: [],
    force: false,
    ...extra,
  };
}

async function pollOne(
  a: ProviderAdapter,
  snap: ProviderSnapshot,
  ctx: TestContext,
): Promise<ProviderSnapshot> {
  const got = (
    await a.poll(
      [{ verificationId: 1, externalId: snap.externalId, externalGroup: snap.externalGroup }],
      ctx,
    )
  ).get(snap.externalId);
  if (!got) throw new Error('poll lost the entity');
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

async function armFault(sb: RunningSandbox, kind: string, match: string): Promise<void> {
  const res = await fetch(`${sb.url}/__sandbox/faults`, {
    method: 'POST',
    body: JSON.stringify({ kind, match }),
  });
  expect(res.status).toBe(201);
}

async function countEntities(sb: RunningSandbox, term: string): Promise<number> {
  const res = await fetch(`${sb.url}/v2/search/serviceprofiles`, {
    method: 'POST',
    headers: {
      api_key: sb.apiKey,
      'X-Frankie-CustomerID': CUSTOMER,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ search: { type: 'FUZZY', terms: [{ term, field: 'NAME' }] } }),
  });
  return ((await res.json()) as { meta: { total: number } }).meta.total;
}

function check(
  result: CanonicalVerification,
  type: string,
): { outcome: string; score?: number | null } | undefined {
  const c = result.checks.find((x) => x.type === type);
  return c && { outcome: c.outcome, score: c.score?.normalized ?? null };
}

describe('FrankieOne IDV: every status path from the sandbox markers', () => {
  let sb: RunningSandbox;
  let a: ProviderAdapter;
  const ctx = testContext();
  const submitted = new Map<string, { snap: ProviderSnapshot; req: SubmissionRequest }>();
  const early = new Map<string, ProviderSnapshot>();

  const CASES: [
    string,
    DocSpec[],
    Partial<CanonicalVerification>,
    (r: CanonicalVerification) => void,
  ][] = [
    [
      'clean',
      IDV,
      { runStatus: 'COMPLETED', decision: 'APPROVED', review: 'NONE', vendorStatus: 'COMPLETE' },
      (r) => {
        expect(check(r, 'FACE_MATCH')).toEqual({ outcome: 'PASS', score: 0.94 });
        expect(check(r, 'LIVENESS')?.outcome).toBe('PASS');
        expect(check(r, 'DOC_AUTHENTICITY')?.outcome).toBe('PASS');
        expect(check(r, 'DOC_OCR')?.outcome).toBe('PASS');
        expect(check(r, 'DATA_MATCH')?.outcome).toBe('PASS');
        expect(r.extracted.person).toMatchObject({
          givenName: 'Budi',
          familyName: 'Santoso',
          birthDate: '1985-03-12',
          nik: '3171021203850004',
        });
      },
    ],
    [
      'CDX-REJECTED',
      withMarker('CDX-REJECTED'),
      { runStatus: 'COMPLETED', decision: 'DECLINED' },
      (r) => expect(check(r, 'FACE_MATCH')).toEqual({ outcome: 'FAIL', score: 0.18 }),
    ],
    [
      'CDX-REVIEW',
      withMarker('CDX-REVIEW'),
      { runStatus: 'COMPLETED', decision: 'REVIEW', review: 'REQUIRED' },
      (r) => expect(check(r, 'DOC_AUTHENTICITY')?.outcome).toBe('REVIEW'),
    ],
    [
      'CDX-EXPIRED',
      withMarker('CDX-EXPIRED'),
      { runStatus: 'COMPLETED', decision: 'REVIEW' },
      (r) => expect(r.reasons.map((x) => x.code)).toContain('CHECK_ERROR'),
    ],
    [
      'CDX-FAIL',
      withMarker('CDX-FAIL'),
      {
        runStatus: 'FAILED',
        decision: 'PENDING',
        vendorStatus: 'PROVIDER_OFFLINE',
        retryable: true,
      },
      (r) => expect(r.reasons[0]?.code).toBe('PROVIDER_UNAVAILABLE'),
    ],
    [
      'CDX-TOO_LARGE',
      withMarker('CDX-TOO_LARGE'),
      { runStatus: 'FAILED', vendorStatus: 'DOCUMENT_INVALID_EXCEEDED_SIZE_LIMIT' },
      (r) => expect(r.reasons[0]?.code).toBe('FILE_TOO_LARGE'),
    ],
    [
      'CDX-BAD_FORMAT',
      withMarker('CDX-BAD_FORMAT'),
      { runStatus: 'FAILED', vendorStatus: 'DOCUMENT_INVALID_INCORRECT_FILE_FORMAT' },
      (r) => expect(r.reasons[0]?.code).toBe('FILE_FORMAT_UNSUPPORTED'),
    ],
    [
      'CDX-BAD_DATA',
      withMarker('CDX-BAD_DATA'),
      { runStatus: 'COMPLETED', decision: 'REVIEW' },
      (r) => expect(r.reasons.map((x) => x.code)).toContain('INPUT_DATA_INVALID'),
    ],
    [
      'CDX-AML_HIT',
      withMarker('CDX-AML_HIT'),
      { runStatus: 'COMPLETED', decision: 'REVIEW' },
      (r) => expect(check(r, 'AML_SCREENING')?.outcome).toBe('REVIEW'),
    ],
    [
      'CDX-DOWNLOAD_FAIL',
      withMarker('CDX-DOWNLOAD_FAIL'),
      { runStatus: 'COMPLETED', decision: 'APPROVED' },
      () => undefined,
    ],
    [
      'no selfie',
      withMarker('', false),
      { runStatus: 'AWAITING_INPUT', decision: 'PENDING', vendorStatus: 'WAITING_SELFIE_UPLOAD' },
      (r) => expect(r.reasons[0]?.code).toBe('SELFIE_MISSING'),
    ],
  ];

  beforeAll(async () => {
    sb = await start();
    a = adapter(sb);
    await a.probe(ctx);
    for (const [name, docs] of CASES) {
      const req = request(docs);
      const snap = await a.submit(req, ctx);
      submitted.set(name, { snap, req });
    }
    // CDX-SLOW keeps these in flight for 30 s, so what they show cannot depend on test speed.
    for (const [name, marker] of [
      ['slow', 'CDX-SLOW'],
      ['slow download', 'CDX-SLOW CDX-DOWNLOAD_FAIL'],
    ] as const) {
      const snap = await a.submit(request(withMarker(marker)), ctx);
      early.set(name, await pollOne(a, snap, ctx));
    }
  });

  it('submits: entity id as externalId and group, one billing per process call', () => {
    const journal = sb.journal();
    expect(journal).toHaveLength(CASES.length + 2);
    const clean = submitted.get('clean')!;
    expect(clean.snap.externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(clean.snap.externalGroup).toBe(clean.snap.externalId);
    expect(clean.snap.result).toMatchObject({
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      vendorStatus: 'IN_PROGRESS',
    });
    const entry = journal.find((e) => e.resultId === clean.snap.externalId)!;
    expect(entry.service).toBe('idv');
    expect([...entry.sha256s].sort()).toEqual(clean.req.documents.map((d) => d.sha256).sort());
  });

  it('reports the in-flight statuses before the provider finishes', () => {
    expect(early.get('slow')!.result).toMatchObject({
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      vendorStatus: 'IN_PROGRESS',
    });
    const downloading = early.get('slow download')!.result;
    expect(downloading).toMatchObject({
      runStatus: 'PROCESSING',
      vendorStatus: 'CHECK_PROCESSING_DOWNLOAD_FAIL',
    });
    expect(downloading.reasons[0]).toMatchObject({
      code: 'PROVIDER_IMAGE_DOWNLOAD_RETRYING',
      severity: 'INFO',
    });
  });

  it.each(CASES.map(([name, , expected, extra]) => [name, expected, extra] as const))(
    '%s',
    async (name, expected, extra) => {
      const done = await pollUntil(a, submitted.get(name)!.snap, ctx);
      expect(done.result).toMatchObject(expected);
      extra(done.result);
    },
  );

  it('finds a processed entity by its external reference, else absent', async () => {
    const { snap, req } = submitted.get('clean')!;
    await pollUntil(a, snap, ctx); // only a processed entity counts as sent
    const fresh = testContext(); // no cached token or service: lookup must manage without them
    const found = await a.lookup(req, fresh);
    expect(found.kind).toBe('found');
    expect(found.kind === 'found' && found.externalId).toBe(snap.externalId);
    expect(found.kind === 'found' && found.result.decision).toBe('APPROVED');
    expect((await a.lookup({ ...req, idempotencyKey: 'not-a-key' }, fresh)).kind).toBe('absent');
    expect((await a.lookup({ ...req, knownExternalIds: [snap.externalId] }, fresh)).kind).toBe(
      'absent',
    );
  });

  it('a target unknown to FrankieOne is missing from the poll answer', async () => {
    const map = await a.poll(
      [
        {
          verificationId: 1,
          externalId: '00000000-0000-0000-0000-000000000000',
          externalGroup: null,
        },
      ],
      ctx,
    );
    expect(map.size).toBe(0);
  });

  it('never puts the API key or customer id into raw payloads or logs', () => {
    const everything = JSON.stringify([[...submitted.values()].map((s) => s.snap), ctx.lines]);
    expect(everything).not.toContain(sb.apiKey);
    expect(everything).not.toContain(CUSTOMER);
    expect(ctx.lines.some((l) => l.message.includes('IDV process started'))).toBe(true);
  });

  it('carries out no review actions', async () => {
    const { snap } = submitted.get('clean')!;
    const err = await caught(
      a.act(
        'approve',
        { verificationId: 1, externalId: snap.externalId, externalGroup: snap.externalGroup },
        { actor: 'x' },
        ctx,
      ),
    );
    expect(err).toMatchObject({ kind: 'protocol', op: 'action' });
  });
});

describe('FrankieOne workflows', () => {
  it.each([
    [
      'clean',
      '',
      {
        runStatus: 'COMPLETED',
        decision: 'APPROVED',
        vendorStatus: 'COMPLETED',
        vendorDecision: 'PASS',
      },
      'LOW',
    ],
    [
      'CDX-REJECTED',
      'CDX-REJECTED',
      { runStatus: 'COMPLETED', decision: 'DECLINED', vendorDecision: 'FAIL' },
      'HIGH',
    ],
    [
      'CDX-REVIEW',
      'CDX-REVIEW',
      { runStatus: 'COMPLETED', decision: 'REVIEW', review: 'REQUIRED' },
      'MEDIUM',
    ],
    [
      'CDX-EXPIRED',
      'CDX-EXPIRED',
      { runStatus: 'FAILED', decision: 'PENDING', vendorStatus: 'TIMEOUT', retryable: true },
      'UNKNOWN',
    ],
    ['CDX-FAIL', 'CDX-FAIL', { runStatus: 'FAILED', vendorStatus: 'ERROR' }, 'UNKNOWN'],
  ] as const)('%s', async (_name, marker, expected, riskLevel) => {
    const sb = await start();
    const a = adapter(sb);
    const ctx = testContext();
    const req = request(withMarker(marker), { service: 'workflow:KYC/cdx-onboarding' });
    const snap = await a.submit(req, ctx);
    expect(snap.result).toMatchObject({ runStatus: 'PROCESSING', decision: 'PENDING' });
    expect(sb.journal()).toEqual([
      expect.objectContaining({
        service: 'workflow:KYC/cdx-onboarding',
        resultId: snap.externalId,
      }),
    ]);
    const done = await pollUntil(a, snap, ctx);
    expect(done.result).toMatchObject(expected);
    expect(done.result.checks.find((c) => c.name === 'workflow-risk')?.score?.level).toBe(
      riskLevel,
    );
    if (marker === 'CDX-REJECTED')
      expect(done.result.reasons.map((r) => r.code)).toContain('DOCUMENT_COMPARISON');
    const found = await a.lookup(req, testContext());
    expect(found.kind).toBe('found');
  });

  it('refuses a malformed workflow service before sending anything', async () => {
    const sb = await start();
    const err = await caught(
      adapter(sb).submit(request(IDV, { service: 'workflow:only-one-part' }), testContext()),
    );
    expect(err).toMatchObject({ kind: 'protocol', op: 'upload' });
    expect(sb.journal()).toHaveLength(0);
  });
});

describe('FrankieOne in-doubt reconciliation and errors', () => {
  let sb: RunningSandbox;
  afterEach(async () => {
    await sb.close();
  });

  it('reset after the IDV process committed → connection/create; lookup adopts it; billed once', async () => {
    sb = await start();
    const a = adapter(sb);
    const req = request(IDV);
    await armFault(sb, 'reset', '/actions/idv/process');
    const err = await caught(a.submit(req, testContext()));
    expect(err).toMatchObject({ kind: 'connection', op: 'create' });
    const found = await a.lookup(req, testContext());
    expect(found.kind).toBe('found');
    expect(sb.journal()).toHaveLength(1);
    expect(found.kind === 'found' && found.externalId).toBe(sb.journal()[0]!.resultId);
  });

  it('a 503 before the process committed: nothing billed, lookup says absent', async () => {
    sb = await start();
    const a = adapter(sb);
    const req = request(IDV);
    await armFault(sb, '503', '/actions/idv/process');
    const err = await caught(a.submit(req, testContext()));
    expect(err).toMatchObject({ kind: 'http', op: 'create', status: 503, vendorCode: 'SYS-0503' });
    expect(sb.journal()).toHaveLength(0);
    expect((await a.lookup(req, testContext())).kind).toBe('absent');
  });

  it('an upload failure is op "upload" and deletes the unprocessed entity', async () => {
    sb = await start();
    const a = adapter(sb);
    await armFault(sb, '500', '/documents');
    const ctx = testContext();
    const err = await caught(a.submit(request(IDV), ctx));
    expect(err).toMatchObject({ kind: 'http', op: 'upload', status: 500 });
    expect(await countEntities(sb, 'Santoso')).toBe(0);
    expect(ctx.lines.some((l) => l.message.includes('deleted unprocessed entity'))).toBe(true);
  });

  it('maps auth failures, trimming the trailing comma of the vendor code', async () => {
    sb = await start();
    const wrong = await caught(
      adapter(sb, { credentials: { apiKey: 'nope-nope-nope', customerId: CUSTOMER } }).probe(
        testContext(),
      ),
    );
    expect(wrong).toMatchObject({
      kind: 'http',
      op: 'probe',
      status: 401,
      vendorCode: 'AUTH-0002',
    });
    expect(wrong.message).not.toContain('nope-nope-nope');
    const missing = await caught(
      adapter(sb, { credentials: { apiKey: sb.apiKey }, sandbox: false }).probe(testContext()),
    );
    expect(missing).toMatchObject({ status: 401, vendorCode: 'MISSING_CREDENTIALS' });
    // CheckDesk's own sandbox needs no customer id.
    await adapter(sb, { credentials: { apiKey: sb.apiKey } }).probe(testContext());
  });

  it('maps 429 with Retry-After and reports rate-limit headers', async () => {
    sb = await start({ rateLimit: 2 });
    const a = adapter(sb);
    const ctx = testContext();
    const errors: ProviderError[] = [];
    for (let i = 0; i < 6; i++) await a.probe(ctx).catch((err: ProviderError) => errors.push(err));
    expect(errors[0]).toMatchObject({ kind: 'http', status: 429, vendorCode: 'API-0429' });
    expect(errors[0]!.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(ctx.hints.length).toBeGreaterThan(0);
  });

  it('answers 402 when the credits are spent', async () => {
    sb = await start({ credits: 1 });
    const a = adapter(sb);
    await a.submit(request(IDV), testContext());
    const err = await caught(a.submit(request(IDV), testContext()));
    expect(err).toMatchObject({ kind: 'http', op: 'create', status: 402, vendorCode: 'API-0402' });
    expect(sb.journal()).toHaveLength(1);
  });

  it.each([
    ['a PDF', [{ field: 'id_front', format: 'pdf' }], /accepts JPEG, PNG/],
    ['no front', [{ field: 'selfie' }], /needs the front/],
    [
      'an unknown field',
      [{ field: 'id_front' }, { field: 'ktp_file' }],
      /no document slot "ktp_file"/,
    ],
    ['two fronts', [{ field: 'id_front' }, { field: 'id_front' }], /one image per slot/],
    ['an image over 5 MB', [{ field: 'id_front', size: 5 * 1024 * 1024 + 1 }], /at most 5 MB/],
  ] as [string, DocSpec[], RegExp][])(
    'refuses %s before sending anything',
    async (_label, docs, message) => {
      sb = await start();
      const err = await caught(adapter(sb).submit(request(docs), testContext()));
      expect(err).toMatchObject({ kind: 'protocol', op: 'upload' });
      expect(err.message).toMatch(message);
      expect(await countEntities(sb, 'Santoso')).toBe(0);
    },
  );

  it('keeps entities and the journal across restarts (state file)', async () => {
    const stateFile = path.join(dir, `frankie-${Date.now()}.jsonl`);
    sb = await start({ stateFile });
    const ctx = testContext();
    const snap = await adapter(sb).submit(request(IDV), ctx);
    await sb.close();
    sb = await start({ stateFile });
    expect(sb.journal()).toHaveLength(1);
    // The restarted sandbox carries on where the first one stopped.
    expect((await pollUntil(adapter(sb), snap, ctx)).result.decision).toBe('APPROVED');
  });

  it('refuses bad JSON and unknown routes without crashing', async () => {
    sb = await start();
    const headers = { api_key: sb.apiKey, 'X-Frankie-CustomerID': CUSTOMER };
    const bad = await fetch(`${sb.url}/v2/individuals`, {
      method: 'POST',
      headers,
      body: '{"individual": {',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }).errorCode).toMatch(/^API-0400/);
    expect((await fetch(`${sb.url}/v2/nothing`, { headers })).status).toBe(404);
    const noKey = await fetch(`${sb.url}/v2/individuals/x`, {
      headers: { 'X-Frankie-CustomerID': CUSTOMER },
    });
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { errorCode: string }).errorCode).toBe('AUTH-0401');
  });
});

describe('FrankieOne entity without a processed check', () => {
  it('polls as AWAITING_INPUT when checkstatus has nothing yet', async () => {
    const sb = await start();
    const headers = {
      api_key: sb.apiKey,
      'X-Frankie-CustomerID': CUSTOMER,
      'content-type': 'application/json',
    };
    const created = await fetch(`${sb.url}/v2/individuals`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ individual: { name: { familyName: 'Santoso' } } }),
    });
    const entityId = ((await created.json()) as { individual: { entityId: string } }).individual
      .entityId;
    const map = await adapter(sb).poll(
      [{ verificationId: 1, externalId: entityId, externalGroup: entityId }],
      testContext(),
    );
    expect(map.get(entityId)?.result).toMatchObject({
      runStatus: 'AWAITING_INPUT',
      decision: 'PENDING',
    });
  });
});
