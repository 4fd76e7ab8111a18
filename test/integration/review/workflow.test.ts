/**
 * The review workflow through the engine's contract, with the built-in AnyCheck sandbox: the
 * engine lists the allowed actions, re-validates each action, applies it in one transaction,
 * records it in the history, and sends provider-side actions (fraud gate, retry) through the
 * queue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseRow } from '../../../shared/contract.ts';
import type { Engine } from '../../../electron/engine/api.ts';
import { createEngine } from '../../../electron/engine/index.ts';
import { writeCases, type CaseSpec } from '../../helpers/inbox-fixtures.ts';
import { tmpDir, until } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
let engine: Engine;

async function call<T>(name: Parameters<Engine['call']>[0], args?: unknown): Promise<T> {
  const r = await engine.call(name, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function start(cases: CaseSpec[], profile: Record<string, unknown> = {}): Promise<string> {
  const inbox = path.join(t.dir, 'inbox');
  await writeCases(inbox, cases);
  engine = await createEngine({
    dataDir: path.join(t.dir, 'data'),
    inboxes: [inbox],
    profile,
    stableMs: 150,
    caseSettleMs: 300,
    ocr: false,
    actor: 'reviewer-a',
    retryPolicy: { baseMs: 100, capMs: 500 },
  });
  return inbox;
}

async function caseByKey(key: string): Promise<CaseRow> {
  return until(
    async () =>
      (await call<{ items: CaseRow[] }>('cases.list', { search: key, limit: 5 })).items.find(
        (c) => c.key === key,
      ) ?? null,
    { what: key, timeoutMs: 30_000 },
  );
}

async function settledDetail(key: string, stage: string): Promise<CaseDetail> {
  const c = await caseByKey(key);
  return until(
    async () => {
      const d = await call<CaseDetail>('cases.get', { id: c.id });
      return d.case.stage === stage ? d : null;
    },
    { what: `${key} at ${stage}`, timeoutMs: 40_000 },
  );
}

beforeEach(() => {
  t = tmpDir('cd-review-');
});
afterEach(async () => {
  await engine?.stop();
  t.cleanup();
});

describe('review workflow', () => {
  it('a NEED_REVIEW case: the engine offers approve/reject/hold/cancel, reject needs a reason, decisions land in the history', async () => {
    await start([
      { key: 'APP-R', kind: 'review' },
      { key: 'APP-R2', kind: 'review' },
    ]);
    const d = await settledDetail('APP-R', 'REVIEW');
    const actions = d.allowedActions.map((a) => a.action).sort();
    expect(actions).toEqual(['approve', 'cancel', 'hold', 'reject']);
    const v = d.verifications[0]!;
    // Reject without a reason is refused, nothing changes.
    const refused = await engine.call('review.act', {
      caseId: d.case.id,
      action: 'reject',
      verificationId: v.id,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('REASON_REQUIRED');
    // Hold, then resume returns to where it was.
    const held = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'hold',
      verificationId: v.id,
      reason: 'calling the branch',
    });
    expect(held.verifications[0]!.phase).toBe('ON_HOLD');
    expect(held.allowedActions.map((a) => a.action)).toContain('resume');
    const resumed = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'resume',
      verificationId: v.id,
    });
    expect(resumed.verifications[0]!.phase).toBe('NEEDS_PERSON');
    const rejected = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'reject',
      verificationId: v.id,
      reason: 'selfie does not match the card',
    });
    expect(rejected.case.decision).toBe('DECLINED');
    expect(rejected.verifications[0]).toMatchObject({
      review: 'RESOLVED_DECLINED',
      reviewer: 'reviewer-a',
      reviewReason: 'selfie does not match the card',
    });
    expect(
      rejected.history.filter((h) => h.what.startsWith('review:')).map((h) => [h.what, h.actor]),
    ).toEqual([
      ['review:hold', 'reviewer-a'],
      ['review:resume', 'reviewer-a'],
      ['review:reject', 'reviewer-a'],
    ]);
    // Resubmit is offered only after a rejection; it creates a new generation, the old one superseded.
    expect(rejected.allowedActions.map((a) => a.action)).toContain('resubmit');
    const resubmitted = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'resubmit',
      verificationId: v.id,
    });
    expect(resubmitted.verifications).toHaveLength(1);
    expect(resubmitted.verifications[0]!.generation).toBe(1);
    // An action that no longer applies is refused with a clear error.
    const stale = await engine.call('review.act', {
      caseId: d.case.id,
      action: 'approve',
      verificationId: v.id,
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('ACTION_NOT_ALLOWED');
    // The second case gets approved.
    const d2 = await settledDetail('APP-R2', 'REVIEW');
    const approved = await call<CaseDetail>('review.act', {
      caseId: d2.case.id,
      action: 'approve',
      verificationId: d2.verifications[0]!.id,
    });
    expect(approved.case).toMatchObject({ stage: 'DONE', decision: 'APPROVED' });
  }, 90_000);

  it('four-eyes: the first approval of a flagged case waits for a second person, who is not the first', async () => {
    await start([{ key: 'APP-4E', kind: 'review' }], { fourEyes: true });
    const d = await settledDetail('APP-4E', 'REVIEW');
    const v = d.verifications[0]!;
    const first = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'approve',
      verificationId: v.id,
    });
    expect(first.case.stage).toBe('REVIEW');
    expect(first.allowedActions.map((a) => a.action)).not.toContain('confirm_approval');
    await call('settings.set', { reviewer: 'reviewer-b' });
    const asB = await call<CaseDetail>('cases.get', { id: d.case.id });
    expect(asB.allowedActions.map((a) => a.action)).toContain('confirm_approval');
    const confirmed = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'confirm_approval',
      verificationId: v.id,
    });
    expect(confirmed.case).toMatchObject({ stage: 'DONE', decision: 'APPROVED' });
    expect(confirmed.verifications[0]!.reviewer).toBe('reviewer-a + reviewer-b');
  }, 60_000);

  it('a fraud gate is confirmed through the provider and the analysis completes', async () => {
    await start([{ key: 'APP-F', kind: 'statement_fraud' }]);
    const d = await settledDetail('APP-F', 'REVIEW');
    expect(d.allowedActions.map((a) => a.action).sort()).toEqual(['cancel_fraud', 'confirm_fraud']);
    const v = d.verifications[0]!;
    const sent = await call<CaseDetail>('review.act', {
      caseId: d.case.id,
      action: 'confirm_fraud',
      verificationId: v.id,
      reason: 'statement checked with the bank',
    });
    expect(sent.verifications[0]!.phase).toBe('ACTION');
    const done = await settledDetail('APP-F', 'DONE');
    expect(done.verifications[0]!.runStatus).toBe('COMPLETED');
    expect(done.history.map((h) => h.what)).toEqual(
      expect.arrayContaining(['review:confirm_fraud', 'provider_action']),
    );
  }, 90_000);

  it('a document blocked by the checks is held until a person overrides it with a reason', async () => {
    const inbox = path.join(t.dir, 'inbox');
    await start([{ key: 'APP-OK', kind: 'bpkb' }]);
    await settledDetail('APP-OK', 'DONE');
    // The same bytes again in another case: linked, never sent twice.
    fs.mkdirSync(path.join(inbox, 'APP-DUP'));
    fs.copyFileSync(
      path.join(inbox, 'APP-OK', 'bpkb.pdf'),
      path.join(inbox, 'APP-DUP', 'bpkb copy.pdf'),
    );
    // A damaged PDF that still ends like a finished one (so intake does not wait for more):
    // blocked by the checks.
    fs.mkdirSync(path.join(inbox, 'APP-BAD'));
    const damaged = Buffer.concat([
      fs.readFileSync(path.join(inbox, 'APP-OK', 'bpkb.pdf')).subarray(0, 900),
      Buffer.from('\n%%EOF\n'),
    ]);
    fs.writeFileSync(path.join(inbox, 'APP-BAD', 'bpkb.pdf'), damaged);
    const bad = await settledDetail('APP-BAD', 'BLOCKED');
    const override = bad.allowedActions.find((a) => a.action === 'override_block');
    expect(override).toMatchObject({ requiresReason: true });
    const refused = await engine.call('review.act', {
      caseId: bad.case.id,
      action: 'override_block',
      documentId: override!.documentId,
    });
    expect(refused.ok).toBe(false);
    const released = await call<CaseDetail>('review.act', {
      caseId: bad.case.id,
      action: 'override_block',
      documentId: override!.documentId,
      reason: 'the branch confirmed the original',
    });
    expect(released.documents[0]!.preflight).toBe('OVERRIDDEN');
    expect(released.history.map((h) => h.what)).toContain('review:override_block');
    // Released: it is planned (or let out of HELD) and sent.
    await until(
      async () =>
        (await call<CaseDetail>('cases.get', { id: bad.case.id })).verifications.find(
          (v) => v.externalId !== null,
        ) ?? null,
      {
        what: 'the overridden document to be sent',
        timeoutMs: 30_000,
      },
    );
    const dup = await caseByKey('APP-DUP');
    const dupDetail = await call<CaseDetail>('cases.get', { id: dup.id });
    expect(dupDetail.verifications).toHaveLength(0);
    expect(dupDetail.documents[0]!.linkedFromCaseId).not.toBeNull();
  }, 90_000);
});
