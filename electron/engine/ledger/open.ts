/**
 * Opening the ledger: directory checks, integrity check, restore from backup, migrations.
 *
 * Invariants:
 * - A file that is not a SQLite database and has no backups beside it is never touched: the
 *   user probably pointed CheckDesk at the wrong folder.
 * - A corrupt ledger is moved aside (never deleted) and the newest backup that passes
 *   quick_check replaces it; every verification that may have moved on since that backup is
 *   marked for reconciliation with its provider — never resent blindly.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { CheckDeskError } from '../../../shared/errors.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';
import { listBackups, snapshotSync } from './backup.ts';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface RestoreInfo {
  backup: string;
  backupTakenAt: number;
  corruptMovedTo: string;
  verificationsToReconcile: number;
}

export interface OpenedDatabase {
  db: Database.Database;
  restored: RestoreInfo | null;
  migratedFrom: number;
}

export interface OpenOptions {
  file: string;
  backupsDir: string;
  now?: () => number;
}

export function openLedgerDatabase(options: OpenOptions): OpenedDatabase {
  const now = options.now ?? Date.now;
  const dir = path.dirname(options.file);
  ensureWritableDir(dir);

  let restored: RestoreInfo | null = null;
  const problem = inspectFile(options.file);
  if (problem) {
    const backups = listBackups(options.backupsDir);
    if (problem === 'not-sqlite' && backups.length === 0) {
      throw new CheckDeskError(
        'LEDGER_NOT_SQLITE',
        `${options.file} is not a CheckDesk ledger (not a SQLite database); it was left untouched. ` +
          'Choose another data folder with --data-dir, or move that file away.',
      );
    }
    restored = restoreNewestGoodBackup(options.file, options.backupsDir, now);
  }

  let db = openAndConfigure(options.file);
  if (!restored && !quickCheckOk(db)) {
    db.close();
    restored = restoreNewestGoodBackup(options.file, options.backupsDir, now);
    db = openAndConfigure(options.file);
  }

  const migratedFrom = migrate(db, options.backupsDir, now);
  if (restored) restored.verificationsToReconcile = markForReconciliation(db, restored, now);
  return { db, restored, migratedFrom };
}

function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new CheckDeskError(
      'DATA_DIR_UNWRITABLE',
      `the data folder ${dir} cannot be written (${(err as Error).message.replace(/^\w+: /, '')}); ` +
        'choose another with --data-dir or fix its permissions',
      { cause: err },
    );
  }
}

/** null when the file is absent, empty or looks like SQLite. */
function inspectFile(file: string): 'not-sqlite' | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CheckDeskError(
      'LEDGER_UNREADABLE',
      `cannot read the ledger ${file}: ${(err as Error).message}`,
    );
  }
  try {
    const header = Buffer.alloc(16);
    const n = fs.readSync(fd, header, 0, 16, 0);
    if (n === 0) return null;
    return n === 16 && header.equals(SQLITE_HEADER) ? null : 'not-sqlite';
  } finally {
    fs.closeSync(fd);
  }
}

function openAndConfigure(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = MEMORY');
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new CheckDeskError(
        'LEDGER_CORRUPT',
        `the ledger ${file} is damaged and no good backup was found`,
      );
    }
    throw new CheckDeskError(
      'LEDGER_OPEN_FAILED',
      `cannot open the ledger ${file}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return db;
}

function quickCheckOk(db: Database.Database): boolean {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok';
  } catch {
    return false;
  }
}

function restoreNewestGoodBackup(file: string, backupsDir: string, now: () => number): RestoreInfo {
  for (const backup of listBackups(backupsDir)) {
    let candidate: Database.Database | null = null;
    try {
      candidate = new Database(backup.file, { readonly: true, fileMustExist: true });
      const version = candidate.pragma('user_version', { simple: true }) as number;
      const ok = quickCheckOk(candidate) && version <= LATEST_VERSION;
      candidate.close();
      candidate = null;
      if (!ok) continue;
    } catch {
      candidate?.close();
      continue;
    }
    const corruptMovedTo = `${file}.corrupt-${now()}`;
    if (fs.existsSync(file)) fs.renameSync(file, corruptMovedTo);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, corruptMovedTo + suffix);
    }
    fs.copyFileSync(backup.file, file);
    return {
      backup: backup.file,
      backupTakenAt: backup.takenAt,
      corruptMovedTo,
      verificationsToReconcile: 0,
    };
  }
  throw new CheckDeskError(
    'LEDGER_CORRUPT',
    `the ledger ${file} is damaged and no usable backup exists in ${backupsDir}; it was left untouched`,
  );
}

function migrate(db: Database.Database, backupsDir: string, now: () => number): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    db.close();
    throw new CheckDeskError(
      'LEDGER_TOO_NEW',
      `the ledger was written by a newer CheckDesk (schema ${current}, this version knows ${LATEST_VERSION}); update CheckDesk`,
    );
  }
  if (current > 0 && current < LATEST_VERSION)
    snapshotSync(db, backupsDir, now, `pre-migration-v${current}`);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return current;
}

/**
 * After a restore, anything that was not settled in the backup may have moved on before the
 * crash: a READY row may have been sent, a SUBMITTING one certainly was in flight. Both must be
 * looked up at the provider before anything is sent again.
 */
function markForReconciliation(
  db: Database.Database,
  info: RestoreInfo,
  now: () => number,
): number {
  const at = now();
  const reason = `ledger restored from a backup taken ${new Date(info.backupTakenAt).toISOString()}; checking with the provider before sending again`;
  return db
    .transaction(() => {
      const rows = db
        .prepare(
          `UPDATE verifications SET phase = 'IN_DOUBT', needs_lookup = 1, phase_reason = ?, next_at = ?,
           lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE phase IN ('READY', 'SUBMITTING', 'IN_DOUBT') AND superseded_by IS NULL
         RETURNING id, case_id, phase`,
        )
        .all(reason, at, at) as { id: number; case_id: number }[];
      const insert = db.prepare(
        `INSERT INTO events (at, entity, entity_id, case_id, what, from_state, to_state, actor, reason)
       VALUES (?, 'verification', ?, ?, 'reconcile_after_restore', NULL, 'IN_DOUBT', 'system', ?)`,
      );
      for (const row of rows) insert.run(at, row.id, row.case_id, reason);
      db.prepare(
        `INSERT INTO events (at, entity, what, actor, reason, detail) VALUES (?, 'engine', 'ledger_restored', 'system', ?, ?)`,
      ).run(
        at,
        `restored from ${path.basename(info.backup)}`,
        JSON.stringify({ corruptMovedTo: info.corruptMovedTo, reconcile: rows.length }),
      );
      return rows.length;
    })
    .immediate();
}
