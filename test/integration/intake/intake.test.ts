/**
 * Intake against real folders: slow writers, bursts, renames and moves, deletions, a share that
 * goes away and comes back, restarts, and every kind of bad input. Nothing is lost, nothing is
 * counted twice, the engine never crashes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileRow, InboxRow } from '../../../shared/contract.ts';
import type { Engine } from '../../../electron/engine/api.ts';
import { createEngine } from '../../../electron/engine/index.ts';
import { fakeJpeg, fakePdf, tmpDir, until } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
let engine: Engine | null = null;
let inbox: string;
let dataDir: string;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function open(options: { polling?: boolean; stableMs?: number } = {}): Promise<Engine> {
  engine = await createEngine({
    dataDir,
    run: true,
    submit: false,
    stableMs: options.stableMs ?? 300,
    caseSettleMs: 60_000,
    ocr: false,
  });
  const existing = await engine.call('inboxes.list');
  if (existing.ok && existing.value.length === 0) {
    const r = await engine.call('inboxes.add', { path: inbox, polling: options.polling ?? false });
    if (!r.ok) throw new Error(r.error.message);
  }
  return engine;
}

async function files(): Promise<FileRow[]> {
  const out: FileRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await engine!.call('files.list', {
      offset,
      limit: 500,
      sort: 'firstSeenAt',
      dir: 'asc',
    });
    if (!r.ok) throw new Error(r.error.message);
    out.push(...r.value.items);
    if (r.value.items.length < 500) return out;
  }
}

async function file(rel: string): Promise<FileRow | undefined> {
  return (await files()).find((f) => f.relPath === rel);
}

async function settledFile(rel: string, timeoutMs = 15_000): Promise<FileRow> {
  return until(
    async () => {
      const f = await file(rel);
      return f && f.state !== 'WAITING' ? f : null;
    },
    { what: `${rel} settled`, timeoutMs },
  );
}

async function inboxRow(): Promise<InboxRow> {
  const r = await engine!.call('inboxes.list');
  if (!r.ok) throw new Error(r.error.message);
  return r.value[0]!;
}

beforeEach(() => {
  t = tmpDir('cd-intake-');
  inbox = path.join(t.dir, 'inbox');
  dataDir = path.join(t.dir, 'data');
  fs.mkdirSync(inbox);
});
afterEach(async () => {
  await engine?.stop();
  engine = null;
  t.cleanup();
});

describe('intake', () => {
  it("never picks up a file that is still being written: the recorded hash is the final file's", async () => {
    await open({ stableMs: 600 });
    const target = path.join(inbox, 'APP-1', 'statement.pdf');
    fs.mkdirSync(path.dirname(target));
    const full = Buffer.concat([
      fakePdf('slow').subarray(0, 20),
      Buffer.alloc(200_000, 0x41),
      fakePdf('end'),
    ]);
    const fd = fs.openSync(target, 'w');
    // Chunks every 250 ms for ~3 s: each pause is shorter than the readiness threshold.
    for (let i = 0; i < 12; i++) {
      const chunk = full.subarray(
        Math.floor((i * full.length) / 12),
        Math.floor(((i + 1) * full.length) / 12),
      );
      fs.writeSync(fd, chunk);
      await new Promise((r) => setTimeout(r, 250));
      const seen = await file('APP-1/statement.pdf');
      if (seen) expect(seen.state).toBe('WAITING');
    }
    fs.closeSync(fd);
    const recorded = await settledFile('APP-1/statement.pdf');
    expect(recorded.state).toBe('RECORDED');
    expect(recorded.sha256).toBe(sha(fs.readFileSync(target)));
  });

  it('records 2,000 files dropped at once, each exactly once', async () => {
    await open({ stableMs: 200 });
    for (let i = 0; i < 2000; i++) {
      const dir = path.join(inbox, `APP-${Math.floor(i / 10)}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `scan-${i}.jpg`), fakeJpeg(`file ${i}`));
    }
    const all = await until(
      async () => {
        const list = await files();
        return list.length === 2000 && list.every((f) => f.state === 'RECORDED') ? list : null;
      },
      { what: '2000 recorded', timeoutMs: 150_000 },
    );
    expect(new Set(all.map((f) => f.sha256)).size).toBe(2000);
    const status = await engine!.call('engine.status');
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.documents).toBe(2000);
    expect(Object.values(status.value.cases).reduce((a, b) => a + b, 0)).toBe(200);
  }, 180_000);

  it('a rename or a move records the new path, not a new document; a copy elsewhere is linked, not resent', async () => {
    await open();
    fs.mkdirSync(path.join(inbox, 'APP-1'));
    fs.mkdirSync(path.join(inbox, 'APP-2'));
    const bytes = fakeJpeg('ktp budi');
    fs.writeFileSync(path.join(inbox, 'APP-1', 'scan001.jpg'), bytes);
    const first = await settledFile('APP-1/scan001.jpg');
    fs.renameSync(path.join(inbox, 'APP-1', 'scan001.jpg'), path.join(inbox, 'APP-1', 'ktp.jpg'));
    const renamed = await settledFile('APP-1/ktp.jpg');
    expect(renamed.id).toBe(first.id);
    expect(renamed.documentId).toBe(first.documentId);
    expect(await file('APP-1/scan001.jpg')).toBeUndefined();
    fs.renameSync(path.join(inbox, 'APP-1', 'ktp.jpg'), path.join(inbox, 'APP-2', 'ktp.jpg'));
    const moved = await settledFile('APP-2/ktp.jpg');
    expect(moved.id).toBe(first.id);
    expect(moved.caseKey).toBe('APP-2');
    fs.mkdirSync(path.join(inbox, 'APP-3'));
    fs.writeFileSync(path.join(inbox, 'APP-3', 'ktp budi.jpg'), bytes);
    const copy = await settledFile('APP-3/ktp budi.jpg');
    expect(copy.state).toBe('DUPLICATE');
    expect(copy.documentId).toBe(first.documentId);
    const status = await engine!.call('engine.status');
    expect(status.ok && status.value.documents).toBe(1);
  });

  it('a file deleted before it is ready ends VANISHED with a reason; an empty one ends EMPTY', async () => {
    await open({ stableMs: 1500 });
    fs.writeFileSync(path.join(inbox, 'gone.jpg'), fakeJpeg('partial'));
    await until(() => file('gone.jpg'), { what: 'seen' });
    fs.rmSync(path.join(inbox, 'gone.jpg'));
    const gone = await settledFile('gone.jpg');
    expect(gone.state).toBe('VANISHED');
    expect(gone.reason).toMatch(/removed before/);
    fs.writeFileSync(path.join(inbox, 'empty.jpg'), '');
    const empty = await settledFile('empty.jpg', 20_000);
    expect(empty).toMatchObject({ state: 'EMPTY' });
    expect(empty.reason).toMatch(/empty/);
  }, 40_000);

  it('a polled share that disappears is one state change; after it returns, files created meanwhile are recorded and nothing is processed twice', async () => {
    fs.mkdirSync(path.join(inbox, 'APP-1'));
    fs.writeFileSync(path.join(inbox, 'APP-1', 'ktp.jpg'), fakeJpeg('before'));
    await open({ polling: true });
    await settledFile('APP-1/ktp.jpg');
    expect((await inboxRow()).state).toBe('polling');
    // The share goes away …
    const away = path.join(t.dir, 'share-offline');
    fs.renameSync(inbox, away);
    const down = await until(
      async () => {
        const row = await inboxRow();
        return row.state === 'unreachable' ? row : null;
      },
      { what: 'unreachable', timeoutMs: 20_000 },
    );
    expect(down.stateSince).not.toBeNull();
    // … files keep arriving on the server while we cannot see them …
    fs.writeFileSync(path.join(away, 'APP-1', 'selfie.jpg'), fakeJpeg('during outage'));
    await new Promise((r) => setTimeout(r, 4000));
    // … and it comes back.
    fs.renameSync(away, inbox);
    await until(async () => ((await inboxRow()).state === 'polling' ? true : null), {
      what: 'polling again',
      timeoutMs: 40_000,
    });
    const selfie = await settledFile('APP-1/selfie.jpg');
    expect(selfie.state).toBe('RECORDED');
    const all = await files();
    expect(all).toHaveLength(2);
    expect(all.find((f) => f.relPath === 'APP-1/ktp.jpg')!.state).toBe('RECORDED');
    // One state change each way, not a storm.
    const history = await engine!.call('activity.list', { what: 'inbox_state', limit: 50 });
    if (!history.ok) throw new Error(history.error.message);
    expect(history.value.items.filter((e) => e.to === 'unreachable')).toHaveLength(1);
  }, 90_000);

  it('a restart in the middle of intake records every file exactly once', async () => {
    await open({ stableMs: 800 });
    for (let i = 0; i < 30; i++)
      fs.writeFileSync(path.join(inbox, `scan-${i}.pdf`), fakePdf(`restart ${i}`));
    await until(async () => ((await files()).length === 30 ? true : null), { what: 'seen' });
    await engine!.stop();
    engine = null;
    // While closed, more files arrive.
    for (let i = 30; i < 40; i++)
      fs.writeFileSync(path.join(inbox, `scan-${i}.pdf`), fakePdf(`restart ${i}`));
    await open({ stableMs: 200 });
    const all = await until(
      async () => {
        const list = await files();
        return list.length === 40 && list.every((f) => f.state === 'RECORDED') ? list : null;
      },
      { what: '40 recorded', timeoutMs: 30_000 },
    );
    expect(new Set(all.map((f) => f.documentId)).size).toBe(40);
  }, 60_000);

  it('bad input ends with a state and a reason, and the watcher keeps running', async () => {
    const deep = path.join(inbox, 'a', 'b', 'c', 'd', 'e');
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'too-deep.jpg'), fakeJpeg('deep'));
    fs.symlinkSync('loop-b', path.join(inbox, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(inbox, 'loop-b'));
    // A name that is not valid UTF-8 (e.g. written by an old Windows share in Latin-1).
    fs.writeFileSync(
      Buffer.concat([Buffer.from(`${inbox}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.jpg')]),
      fakeJpeg('latin'),
    );
    fs.writeFileSync(path.join(inbox, `${'x'.repeat(240)}.jpg`), fakeJpeg('long name'));
    fs.writeFileSync(
      path.join(inbox, 'really-a-png.jpg'),
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('body'),
        Buffer.from('IEND'),
      ]),
    );
    fs.writeFileSync(
      path.join(inbox, 'letter.docx'),
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]),
    );
    const huge = path.join(inbox, 'huge.pdf');
    fs.writeFileSync(huge, '%PDF-1.4\n');
    fs.truncateSync(huge, 201 * 1024 * 1024); // sparse: cheap on disk
    fs.writeFileSync(path.join(inbox, '~$budget.xlsx'), 'lock');
    fs.writeFileSync(path.join(inbox, 'Thumbs.db'), 'x');
    fs.writeFileSync(path.join(inbox, 'scan.pdf.crdownload'), 'x');
    await open();
    const byPath = async (rel: string) => settledFile(rel);
    expect(await byPath('a/b/c/d/')).toMatchObject({ state: 'IGNORED' });
    expect((await byPath('a/b/c/d/')).reason).toMatch(/deeper than/);
    expect(await byPath('loop-a')).toMatchObject({
      state: 'UNREADABLE',
      reason: 'symbolic link loop',
    });
    const bad = (await files()).find((f) => f.relPath.startsWith('bad-'));
    expect(bad).toMatchObject({ state: 'UNREADABLE' });
    expect(bad!.reason).toMatch(/not valid text/);
    expect(await byPath(`${'x'.repeat(240)}.jpg`)).toMatchObject({ state: 'RECORDED' });
    const png = await byPath('really-a-png.jpg');
    expect(png).toMatchObject({ state: 'RECORDED', mime: 'image/png' });
    expect(png.reason).toMatch(/content is image\/png/);
    expect(await byPath('letter.docx')).toMatchObject({ state: 'UNSUPPORTED' });
    expect(await byPath('huge.pdf')).toMatchObject({ state: 'TOO_LARGE' });
    for (const name of ['~$budget.xlsx', 'Thumbs.db', 'scan.pdf.crdownload'])
      expect(await byPath(name)).toMatchObject({ state: 'IGNORED' });
    // Still watching: a good file after all that is recorded.
    fs.writeFileSync(path.join(inbox, 'after.jpg'), fakeJpeg('after'));
    expect(await byPath('after.jpg')).toMatchObject({ state: 'RECORDED' });
  }, 60_000);

  it('reads expected data from a manifest, reporting bad rows and using the rest', async () => {
    fs.writeFileSync(
      path.join(inbox, 'manifest.csv'),
      'case;nama;nik;tanggal_lahir\nAPP-1;Budi Santoso;3578021203850004;12-03-1985\nAPP-2;Siti;12345;01-01-1990\n;no case;3578021203850004;\nAPP-3;Ani;3578024203850001;31-02-1985\n',
    );
    await open();
    const manifest = await settledFile('manifest.csv');
    expect(manifest.state).toBe('CASE_DATA');
    expect(manifest.reason).toMatch(/3 problem/);
    const cases = await engine!.call('cases.list', { sort: 'key', dir: 'asc' });
    if (!cases.ok) throw new Error(cases.error.message);
    const app1 = cases.value.items.find((c) => c.key === 'APP-1');
    expect(app1).toMatchObject({ applicant: 'Budi Santoso', nik: '3578021203850004' });
    expect(cases.value.items.find((c) => c.key === 'APP-2')).toMatchObject({
      applicant: 'Siti',
      nik: null,
    });
    const problems = await engine!.call('activity.list', { what: 'case_data_problem' });
    if (!problems.ok) throw new Error(problems.error.message);
    expect(problems.value.items.map((e) => e.reason).join('\n')).toMatch(/row 3.*NIK/);
  });
});
