import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkdesk } from '../../helpers/cli.ts';
import { fakeJpeg, fakePdf, tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => {
  t = tmpDir();
});
afterEach(() => t.cleanup());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('checkdesk CLI (foundation contract)', () => {
  it('run --once --json records every file of a folder, and files --json tells what happened to each', async () => {
    const inbox = path.join(t.dir, 'inbox');
    const dataDir = path.join(t.dir, 'data');
    fs.mkdirSync(path.join(inbox, 'APP-2024-0117'), { recursive: true });
    const ktp = fakeJpeg('ktp of budi');
    const statement = fakePdf('rekening koran');
    fs.writeFileSync(path.join(inbox, 'APP-2024-0117', 'ktp.jpg'), ktp);
    fs.writeFileSync(path.join(inbox, 'APP-2024-0117', 'rekening-koran-jan.pdf'), statement);
    fs.writeFileSync(path.join(inbox, 'selfie budi.jpg'), fakeJpeg('selfie'));
    fs.writeFileSync(path.join(inbox, 'ktp (copy).jpg'), ktp);
    fs.writeFileSync(path.join(inbox, 'notes.txt'), 'hello');
    fs.writeFileSync(path.join(inbox, 'scan.jpg.part'), 'partial');

    const run = await checkdesk([
      'run',
      inbox,
      '--once',
      '--json',
      '--data-dir',
      dataDir,
      '--no-submit',
      '--timeout',
      '60',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout);
    expect(status.files).toMatchObject({ RECORDED: 3, DUPLICATE: 1, UNSUPPORTED: 1, IGNORED: 1 });

    const files = await checkdesk(['files', '--json', '--data-dir', dataDir]);
    expect(files.code).toBe(0);
    const rows = JSON.parse(files.stdout) as {
      path: string;
      state: string;
      sha256: string | null;
      caseId: string | null;
      kind: string | null;
      reason: string | null;
      inbox: string;
    }[];
    const byName = new Map(rows.map((r) => [path.basename(r.path), r]));
    expect(rows).toHaveLength(6);
    expect(byName.get('ktp.jpg')).toMatchObject({
      sha256: sha(ktp),
      caseId: 'APP-2024-0117',
      kind: 'KTP',
      inbox,
    });
    expect(byName.get('rekening-koran-jan.pdf')).toMatchObject({
      state: 'RECORDED',
      sha256: sha(statement),
      kind: 'BANK_STATEMENT',
    });
    expect(byName.get('selfie budi.jpg')).toMatchObject({
      state: 'RECORDED',
      kind: 'SELFIE',
      caseId: 'selfie budi.jpg',
    });
    // The same KTP twice, dropped at once: whichever was read first is recorded, the other is a
    // duplicate that names it.
    const copies = [byName.get('ktp.jpg')!, byName.get('ktp (copy).jpg')!];
    expect(copies.map((c) => c.state).sort()).toEqual(['DUPLICATE', 'RECORDED']);
    const original = copies.find((c) => c.state === 'RECORDED')!;
    expect(copies.find((c) => c.state === 'DUPLICATE')!.reason).toContain(
      path.relative(inbox, original.path).split(path.sep).join('/'),
    );
    expect(byName.get('notes.txt')).toMatchObject({ state: 'UNSUPPORTED' });
    expect(byName.get('scan.jpg.part')).toMatchObject({ state: 'IGNORED' });
    for (const r of rows) expect(r.reason === null || r.reason.length > 0).toBe(true);

    const filtered = JSON.parse(
      (await checkdesk(['files', '--json', '--state', 'DUPLICATE', '--data-dir', dataDir])).stdout,
    );
    expect(filtered).toHaveLength(1);
  });

  it('exits 2 with usage on unknown commands and flags, 1 with a reason on a missing inbox', async () => {
    const unknown = await checkdesk(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
    const flag = await checkdesk(['status', '--frobnicate', '--data-dir', t.dir]);
    expect(flag.code).toBe(2);
    const state = await checkdesk(['files', '--state', 'NOPE', '--data-dir', t.dir]);
    expect(state.code).toBe(2);
    const missing = await checkdesk([
      'run',
      path.join(t.dir, 'nope'),
      '--once',
      '--data-dir',
      path.join(t.dir, 'data'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('does not exist');
    const notFolder = path.join(t.dir, 'file.txt');
    fs.writeFileSync(notFolder, 'x');
    const file = await checkdesk([
      'run',
      notFolder,
      '--once',
      '--data-dir',
      path.join(t.dir, 'data'),
    ]);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('not a folder');
  });

  it('reports a ledger that is not a SQLite database clearly and leaves it untouched', async () => {
    const dataDir = path.join(t.dir, 'data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'ledger.sqlite'), 'not a database');
    const r = await checkdesk(['status', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a CheckDesk ledger');
    expect(fs.readFileSync(path.join(dataDir, 'ledger.sqlite'), 'utf8')).toBe('not a database');
  });

  it('status --json has the contract shape', async () => {
    const r = await checkdesk(['status', '--json', '--data-dir', path.join(t.dir, 'data')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    for (const key of ['files', 'verifications', 'decisions', 'reviewQueue', 'providers'])
      expect(s).toHaveProperty(key);
    expect(typeof s.reviewQueue).toBe('number');
  });
});
