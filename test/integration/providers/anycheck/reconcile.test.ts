/**
 * Never paying twice: lookup after a lost answer, check-duplicate before paying (adopt vs
 * 'duplicate'), and batched polling by result group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../electron/engine/providers/errors.ts';
import {
  ANYCHECK_SERVICE_CODES,
  startAnyCheckSandbox,
} from '../../../../electron/engine/providers/anycheck/index.ts';
import type { AnyCheckAdapter } from '../../../../electron/engine/providers/anycheck/adapter.ts';
import type {
  RunningSandbox,
  SubmissionRequest,
} from '../../../../electron/engine/providers/types.ts';
import { pollUntil, pollUntilAllSettled } from '../settle.ts';
import {
  adapterFor,
  cardImage,
  faceImage,
  makeCtx,
  request,
  tempDir,
  VALID_NIK,
  writeDoc,
  type TestContext,
} from './helpers.ts';

let sb: RunningSandbox;
let adapter: AnyCheckAdapter;
let t: TestContext;
let dir: string;
let cleanup: () => void;
let seed = 100;

beforeAll(async () => {
  sb = await startAnyCheckSandbox({ processingMs: 40 });
  adapter = adapterFor(sb);
  t = makeCtx();
  ({ dir, cleanup } = tempDir());
});

afterAll(async () => {
  await sb.close();
  cleanup();
});

async function selfieRequest(
  overrides: Partial<SubmissionRequest> = {},
  ktpSeed = seed++,
): Promise<SubmissionRequest> {
  const s = seed++;
  return request({
    service: ANYCHECK_SERVICE_CODES.KTP,
    config: { verification_type: 'KTP_SELFIE' },
    documents: [
      writeDoc(dir, 'ktp.png', await cardImage(ktpSeed), 'ktp_file', 'KTP'),
      writeDoc(dir, 'selfie.png', await faceImage(s), 'selfie_file', 'SELFIE'),
    ],
    ...overrides,
  });
}

const billedFor = (groupRef: string | null) =>
  sb.journal().filter((e) => e.resultId === groupRef).length;

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('lookup', () => {
  it('absent when CheckDesk chose the group and nothing was created; found when it was', async () => {
    const req = await selfieRequest();
    expect(await adapter.lookup(req, t.ctx)).toEqual({ kind: 'absent' });
    const created = await adapter.submit(req, t.ctx);
    const found = await adapter.lookup(req, t.ctx);
    expect(found).toMatchObject({
      kind: 'found',
      externalId: created.externalId,
      externalGroup: req.groupRef,
    });
    // Once adopted by this case, it is not a candidate any more.
    expect(await adapter.lookup({ ...req, knownExternalIds: [created.externalId] }, t.ctx)).toEqual(
      { kind: 'absent' },
    );
  });

  it('matches the verification type: a KTP_PEP in the group is not the lost KTP_SELFIE', async () => {
    const req = await selfieRequest();
    await adapter.submit(
      { ...req, config: { verification_type: 'KTP_PEP' }, documents: req.documents.slice(0, 1) },
      t.ctx,
    );
    expect(await adapter.lookup(req, t.ctx)).toEqual({ kind: 'absent' });
  });

  it('several candidates: disambiguated by check-duplicate on the first document, else unknown', async () => {
    const groupRef = crypto.randomUUID();
    const a = await selfieRequest({ groupRef });
    const b = await selfieRequest({ groupRef });
    await adapter.submit(a, t.ctx);
    const createdB = await adapter.submit(b, t.ctx);
    expect(await adapter.lookup(b, t.ctx)).toMatchObject({
      kind: 'found',
      externalId: createdB.externalId,
    });
    // Two with the same KTP (the second forced by a person): the files cannot tell them apart.
    const c = await selfieRequest({ groupRef: crypto.randomUUID() }, 9_999);
    const d = { ...(await selfieRequest({ groupRef: c.groupRef }, 9_999)), force: true };
    await adapter.submit(c, t.ctx);
    await adapter.submit(d, t.ctx);
    const unknown = await adapter.lookup(d, t.ctx);
    expect(unknown.kind).toBe('unknown');
    expect(unknown.kind === 'unknown' && unknown.explanation).toMatch(
      /2 KTP & PEP Verification verifications/,
    );
    // NIK-only verifications have no files to tell them apart.
    const nikGroup = crypto.randomUUID();
    const nik = request({
      service: ANYCHECK_SERVICE_CODES.KTP,
      groupRef: nikGroup,
      config: { verification_type: 'NIK', nik: VALID_NIK },
    });
    await adapter.submit(nik, t.ctx);
    await adapter.submit({ ...nik, idempotencyKey: crypto.randomUUID() }, t.ctx);
    expect((await adapter.lookup(nik, t.ctx)).kind).toBe('unknown');
  });

  it('provider strategy: check-duplicate for files, unknown for NIK-only', async () => {
    const p = adapterFor(sb, { resultIdStrategy: 'provider' });
    const req = await selfieRequest({ groupRef: null });
    expect(await p.lookup(req, t.ctx)).toMatchObject({
      kind: 'unknown',
      explanation: expect.stringContaining('not certain'),
    });
    const created = await p.submit(req, t.ctx);
    expect(created.externalGroup).toMatch(/^[0-9a-f-]{36}$/);
    expect(await p.lookup(req, t.ctx)).toMatchObject({
      kind: 'found',
      externalId: created.externalId,
    });
    const nik = request({
      service: ANYCHECK_SERVICE_CODES.KTP,
      groupRef: null,
      config: { verification_type: 'NIK', nik: VALID_NIK },
    });
    expect((await p.lookup(nik, t.ctx)).kind).toBe('unknown');
  });
});

describe('check-duplicate before paying', () => {
  it('adopts our own earlier create in the same result group instead of paying again', async () => {
    const req = await selfieRequest();
    const first = await adapter.submit(req, t.ctx);
    const again = await adapter.submit(req, t.ctx);
    expect(again.externalId).toBe(first.externalId);
    expect(billedFor(req.groupRef)).toBe(1);
  });

  it('refuses documents verified elsewhere with a duplicate error naming service, folder and id; force sends', async () => {
    const req = await selfieRequest({ inboxLabel: 'Inbox Surabaya' });
    const first = await adapter.submit(req, t.ctx);
    const elsewhere = {
      ...req,
      groupRef: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
    };
    const err = await rejection(adapter.submit(elsewhere, t.ctx));
    expect([err.kind, err.op, err.vendorCode, err.maybeDelivered]).toEqual([
      'duplicate',
      'create',
      'DUPLICATE',
      false,
    ]);
    expect(err.message).toContain('KTP & PEP Verification');
    expect(err.message).toContain('"Inbox Surabaya"');
    expect(err.message).toContain(first.externalId);
    expect(billedFor(elsewhere.groupRef)).toBe(0);
    // Already adopted by another verification of the same case: also a person's decision.
    const adopted = await rejection(
      adapter.submit({ ...req, knownExternalIds: [first.externalId] }, t.ctx),
    );
    expect(adopted.kind).toBe('duplicate');
    const forced = await adapter.submit({ ...elsewhere, force: true }, t.ctx);
    expect(forced.externalId).not.toBe(first.externalId);
    expect(billedFor(elsewhere.groupRef)).toBe(1);
  });

  it('lets the same KTP go to another verification type of the same case', async () => {
    const req = await selfieRequest();
    const selfie = await adapter.submit(req, t.ctx);
    const pep = await adapter.submit(
      {
        ...req,
        idempotencyKey: crypto.randomUUID(),
        config: { verification_type: 'KTP_PEP' },
        documents: req.documents.slice(0, 1),
      },
      t.ctx,
    );
    expect(pep.externalId).not.toBe(selfie.externalId);
    expect(billedFor(req.groupRef)).toBe(2);
  });

  it('retry checks for duplicates excluding the verification being retried', async () => {
    const req = await selfieRequest();
    req.documents[1] = writeDoc(
      dir,
      'selfie CDX-FAILED.png',
      await faceImage(seed++),
      'selfie_file',
      'SELFIE',
    );
    const created = await adapter.submit(req, t.ctx);
    // Only a FAILED (terminal) verification can be retried.
    expect((await pollUntil(adapter, created, makeCtx().ctx)).result.runStatus).toBe('FAILED');
    const target = {
      verificationId: req.verificationId,
      externalId: created.externalId,
      externalGroup: created.externalGroup,
    };
    const retried = await adapter.act(
      'retry',
      target,
      {
        actor: 'clerk',
        request: { ...req, externalId: created.externalId, knownExternalIds: [created.externalId] },
      },
      t.ctx,
    );
    expect(retried.externalId).toBe(created.externalId);
    // The same files verified in another case meanwhile: the retry would pay for a duplicate.
    await adapter.submit({ ...req, groupRef: crypto.randomUUID(), force: true }, t.ctx);
    await pollUntil(adapter, retried, makeCtx().ctx);
    const err = await rejection(
      adapter.act('retry_force', target, { actor: 'clerk', request: req }, t.ctx),
    );
    expect([err.kind, err.op]).toEqual(['duplicate', 'action']);
  });
});

describe('poll', () => {
  it('batches targets by result group and leaves unknown ones out of the map', async () => {
    const groupRef = crypto.randomUUID();
    const c = makeCtx();
    const created = [];
    for (let i = 0; i < 3; i++)
      created.push(
        await adapter.submit(
          request({
            service: ANYCHECK_SERVICE_CODES.KTP,
            groupRef,
            config: { verification_type: 'NIK', nik: VALID_NIK },
          }),
          c.ctx,
        ),
      );
    const lone = await adapter.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      c.ctx,
    );
    const ghost = crypto.randomUUID();
    // Settled first, on a context of its own, so the measured poll below is the only one logged.
    await pollUntilAllSettled(adapter, [...created, lone], makeCtx().ctx);
    const before = c.logs.length;
    const targets = [...created, lone].map((s, i) => ({
      verificationId: i,
      externalId: s.externalId,
      externalGroup: s.externalGroup,
    }));
    targets.push({ verificationId: 99, externalId: ghost, externalGroup: null });
    const map = await adapter.poll(targets, c.ctx);
    expect([...map.keys()].sort()).toEqual([...created, lone].map((s) => s.externalId).sort());
    for (const s of map.values()) expect(s.result.runStatus).toBe('COMPLETED');
    const requests = c.logs.slice(before).filter((l) => l.includes('"status"'));
    expect(requests.filter((l) => l.includes('GET /verifications 200'))).toHaveLength(1);
    expect(requests.filter((l) => l.includes('GET /verifications/{id}'))).toHaveLength(2);
    expect(requests).toHaveLength(3);
  });

  it('pages through a result group larger than one page', async () => {
    const small = adapterFor(sb, { pageSize: 2 });
    const groupRef = crypto.randomUUID();
    const c = makeCtx();
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await small.submit(
            request({
              service: ANYCHECK_SERVICE_CODES.KTP,
              groupRef,
              config: { verification_type: 'NIK', nik: VALID_NIK },
            }),
            c.ctx,
          )
        ).externalId,
      );
    const map = await small.poll(
      ids.map((externalId, i) => ({ verificationId: i, externalId, externalGroup: groupRef })),
      c.ctx,
    );
    expect(map.size).toBe(5);
    const group = await fetch(`${sb.url}/verifications?result_id=${groupRef}&page_size=100`, {
      headers: { 'x-api-key': sb.apiKey },
    });
    expect(((await group.json()) as { overall_status: string }).overall_status).toMatch(
      /IN_QUEUE|IN_PROGRESS|COMPLETED/,
    );
  });
});
