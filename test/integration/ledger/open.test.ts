import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckDeskError } from '../../../shared/errors.ts';
import { Ledger } from '../../../electron/engine/ledger/index.ts';
import { LATEST_VERSION } from '../../../electron/engine/ledger/migrations/index.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => {
  t = tmpDir();
});
afterEach(() => t.cleanup());

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof CheckDeskError ? err.code : `not a CheckDeskError: ${String(err)}`;
  }
  return 'no error';
}

describe('opening the ledger', () => {
  it('creates, migrates and configures a fresh ledger in WAL mode', () => {
    const ledger = new Ledger({ dataDir: t.dir, instanceId: 'a' });
    expect(ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ledger.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(ledger.db.pragma('foreign_keys', { simple: true })).toBe(1);
    ledger.close();
    // Reopening is a no-op migration.
    const again = new Ledger({ dataDir: t.dir, instanceId: 'b' });
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    again.close();
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', () => {
    const file = path.join(t.dir, 'ledger.sqlite');
    fs.writeFileSync(file, 'these are my holiday notes, not a database');
    const before = fs.readFileSync(file);
    expect(errorCode(() => new Ledger({ dataDir: t.dir, instanceId: 'a' }))).toBe(
      'LEDGER_NOT_SQLITE',
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(t.dir)).toEqual(['ledger.sqlite']);
  });

  it('names an unusable data folder', () => {
    const blocker = path.join(t.dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const dataDir = path.join(blocker, 'data');
    try {
      new Ledger({ dataDir, instanceId: 'a' });
      expect.unreachable();
    } catch (err) {
      expect((err as CheckDeskError).code).toBe('DATA_DIR_UNWRITABLE');
      expect((err as Error).message).toContain(dataDir);
    }
  });

  it('refuses a ledger written by a newer CheckDesk', () => {
    const db = new Database(path.join(t.dir, 'ledger.sqlite'));
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.exec('CREATE TABLE x (a)');
    db.close();
    expect(errorCode(() => new Ledger({ dataDir: t.dir, instanceId: 'a' }))).toBe('LEDGER_TOO_NEW');
  });

  it('restores the newest good backup when the ledger is corrupt and marks unsettled work for reconciliation', async () => {
    let ledger = new Ledger({ dataDir: t.dir, instanceId: 'a' });
    const inbox = ledger.inboxes.add({ path: '/inbox' }).row;
    const kase = ledger.cases.ensure(inbox.id, 'APP-1', 'APP-1').id;
    const base = {
      caseId: kase,
      provider: 'anycheck' as const,
      service: 'KTP_VERIFICATION',
      config: {},
      generation: 0,
      documents: [],
      deadlineAt: null,
    };
    const ready = ledger.verifications.plan({
      ...base,
      idempotencyKey: 'k-ready',
      phase: 'READY',
    })!;
    const done = ledger.verifications.plan({ ...base, idempotencyKey: 'k-done', phase: 'READY' })!;
    ledger.verifications.update(done, {
      phase: 'DONE',
      runStatus: 'COMPLETED',
      decision: 'APPROVED',
    });
    await ledger.backup();
    ledger.close();

    // Damage the ledger: overwrite pages past the header with garbage.
    const file = path.join(t.dir, 'ledger.sqlite');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
    fs.closeSync(fd);

    ledger = new Ledger({ dataDir: t.dir, instanceId: 'b' });
    expect(ledger.restored).not.toBeNull();
    expect(ledger.restored!.verificationsToReconcile).toBe(1);
    expect(ledger.verifications.get(ready)!.phase).toBe('IN_DOUBT');
    expect(ledger.verifications.get(ready)!.needsLookup).toBe(true);
    expect(ledger.verifications.get(done)!.phase).toBe('DONE');
    expect(fs.existsSync(ledger.restored!.corruptMovedTo)).toBe(true);
    expect((ledger.db.pragma('quick_check') as { quick_check: string }[])[0]!.quick_check).toBe(
      'ok',
    );
    ledger.close();
  });

  it('keeps only the newest rolling backups', async () => {
    let now = 1_700_000_000_000;
    const ledger = new Ledger({ dataDir: t.dir, instanceId: 'a', now: () => now });
    for (let i = 0; i < 7; i++) {
      now += 1000;
      await ledger.backup(3);
    }
    expect(
      fs.readdirSync(path.join(t.dir, 'backups')).filter((f) => f.endsWith('.sqlite')),
    ).toHaveLength(3);
    ledger.close();
  });
});
