/**
 * Password-protected PDFs through the engine, with the built-in AnyCheck sandbox: a locked bank
 * statement is held before anything is paid; a wrong password changes nothing; the right one is
 * checked locally, then goes with the upload; it is never written to the ledger or the log; after
 * a restart CheckDesk asks for it again instead of sending a file the provider cannot open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseRow } from '../../../shared/contract.ts';
import type { Engine, EngineOptions } from '../../../electron/engine/api.ts';
import { createEngine } from '../../../electron/engine/index.ts';
import { buildEncryptedPdf } from '../../helpers/checks-fixtures.ts';
import { tmpDir, until } from '../../helpers/tmp.ts';

const PASSWORD = 'tgl-lahir-170890';
let t: ReturnType<typeof tmpDir>;
let engine: Engine | null = null;

async function call<T>(name: Parameters<Engine['call']>[0], args?: unknown): Promise<T> {
  const r = await engine!.call(name, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function start(options: Partial<EngineOptions> = {}): Promise<void> {
  engine = await createEngine({
    dataDir: path.join(t.dir, 'data'),
    inboxes: [path.join(t.dir, 'inbox')],
    stableMs: 150,
    caseSettleMs: 300,
    ocr: false,
    actor: 'clerk-a',
    retryPolicy: { baseMs: 100, capMs: 500 },
    ...options,
  });
}

async function detailWhen(
  key: string,
  ok: (d: CaseDetail) => boolean,
  what: string,
): Promise<CaseDetail> {
  return until(
    async () => {
      const row = (
        await call<{ items: CaseRow[] }>('cases.list', { search: key, limit: 5 })
      ).items.find((c) => c.key === key);
      if (!row) return null;
      const d = await call<CaseDetail>('cases.get', { id: row.id });
      return ok(d) ? d : null;
    },
    { what: `${key}: ${what}`, timeoutMs: 40_000 },
  );
}

/** Every byte CheckDesk wrote to its data folder (ledger, WAL, backups, logs, store). */
function dataFolderContains(needle: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.readFileSync(p).includes(Buffer.from(needle))) hits.push(path.relative(t.dir, p));
    }
  };
  walk(path.join(t.dir, 'data'));
  return hits;
}

beforeEach(() => {
  t = tmpDir('cd-pdfpw-');
  const folder = path.join(t.dir, 'inbox', 'APP-PW');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'rekening koran.pdf'), buildEncryptedPdf(PASSWORD));
});
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t.cleanup();
});

describe('password-protected PDFs', () => {
  it('are held until a person enters the password; a wrong one changes nothing; the right one is checked and sent with the upload', async () => {
    await start();
    const held = await detailWhen(
      'APP-PW',
      (d) => d.verifications.length > 0 && d.documents[0]?.preflight === 'BLOCKED',
      'held',
    );
    const doc = held.documents[0]!;
    expect(doc).toMatchObject({ needsPassword: true, passwordGiven: false });
    expect(held.verifications.map((v) => [v.provider, v.phase, v.externalId])).toEqual([
      ['anycheck', 'HELD', null],
    ]);
    expect(
      held.checks.find((c) => c.name === 'pdf_encryption')!.reasons.map((r) => r.code),
    ).toEqual(['PASSWORD_NEEDED']);

    // Bad input: a wrong password, a document that needs none, an empty one.
    const wrong = await engine!.call('documents.unlock', { documentId: doc.id, password: 'salah' });
    expect(wrong.ok ? null : wrong.error.code).toBe('PASSWORD_WRONG');
    const missing = await engine!.call('documents.unlock', {
      documentId: 99_999,
      password: PASSWORD,
    });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const empty = await engine!.call('documents.unlock', { documentId: doc.id, password: '' });
    expect(empty.ok ? null : empty.error.code).toBe('BAD_ARGUMENTS');
    const still = await call<CaseDetail>('cases.get', { id: held.case.id });
    expect(still.documents[0]).toMatchObject({ preflight: 'BLOCKED', passwordGiven: false });
    expect(still.verifications[0]!.phase).toBe('HELD');
    expect(still.history.filter((h) => h.what === 'password_wrong').map((h) => h.actor)).toEqual([
      'clerk-a',
    ]);

    const unlocked = await call<CaseDetail>('documents.unlock', {
      documentId: doc.id,
      password: PASSWORD,
    });
    expect(unlocked.documents[0]).toMatchObject({ preflight: 'PENDING', passwordGiven: true });

    // Checked again with the password (pages known now), released, and the sandbox could open it:
    // without the password AnyCheck fails the verification with PASSWORD_REQUIRED.
    const done = await detailWhen(
      'APP-PW',
      (d) =>
        d.verifications[0]?.runStatus === 'COMPLETED' || d.verifications[0]?.runStatus === 'FAILED',
      'answered',
    );
    expect(done.documents[0]!.preflight).not.toBe('BLOCKED');
    expect(done.documents[0]!.pages).toBe(1);
    expect(done.verifications[0]!.runStatus).toBe('COMPLETED');
    expect(JSON.stringify(done.verifications[0]!.reasons)).not.toMatch(/PASSWORD_REQUIRED/);
    const whats = done.history.map((h) => h.what);
    expect(whats).toEqual(
      expect.arrayContaining(['password_wrong', 'password_entered', 'released', 'submitted']),
    );
    expect(whats.indexOf('password_entered')).toBeLessThan(whats.indexOf('submitted'));

    await engine!.stop();
    engine = null;
    expect(dataFolderContains(PASSWORD)).toEqual([]);
  });

  it('after a restart an unlocked but unsent PDF asks for its password again instead of being sent without it', async () => {
    // First run: nothing may be sent, so the unlocked document is still waiting when CheckDesk closes.
    await start({ submit: false });
    const held = await detailWhen('APP-PW', (d) => d.verifications[0]?.phase === 'HELD', 'held');
    await call<CaseDetail>('documents.unlock', {
      documentId: held.documents[0]!.id,
      password: PASSWORD,
    });
    await detailWhen(
      'APP-PW',
      (d) => d.verifications[0]?.phase === 'READY' && d.documents[0]?.preflight === 'PASSED',
      'released',
    );
    await engine!.stop();

    await start();
    const again = await detailWhen(
      'APP-PW',
      (d) => d.documents[0]?.preflight === 'BLOCKED',
      'blocked again',
    );
    expect(again.documents[0]).toMatchObject({ needsPassword: true, passwordGiven: false });
    expect(again.documents[0]!.preflightReason).toMatch(/password is needed again/);
    expect(again.verifications[0]).toMatchObject({ phase: 'HELD', externalId: null });
    expect(again.history.some((h) => h.what === 'password_needed_again')).toBe(true);
    // Still held a moment later: the queue did not send it without its password.
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      (await call<CaseDetail>('cases.get', { id: again.case.id })).verifications[0],
    ).toMatchObject({ phase: 'HELD', externalId: null });

    await call<CaseDetail>('documents.unlock', {
      documentId: again.documents[0]!.id,
      password: PASSWORD,
    });
    const done = await detailWhen(
      'APP-PW',
      (d) => d.verifications[0]?.runStatus === 'COMPLETED',
      'completed after the second unlock',
    );
    expect(done.verifications[0]!.externalId).not.toBeNull();
  });
});
