/**
 * Rolling ledger backups. Periodic ones use SQLite's online backup API (better-sqlite3's
 * `db.backup`, which copies page by page without blocking writers for long); the one taken right
 * before a migration uses `VACUUM INTO`, which is synchronous and transactionally consistent.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export interface BackupFile {
  file: string;
  takenAt: number;
}

const NAME = /^ledger-(\d{13})(?:-[\w-]+)?\.sqlite$/;

export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => {
      const m = NAME.exec(name);
      return m ? { file: path.join(dir, name), takenAt: Number(m[1]) } : null;
    })
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => b.takenAt - a.takenAt);
}

function backupName(at: number, label?: string): string {
  return `ledger-${String(at).padStart(13, '0')}${label ? `-${label}` : ''}.sqlite`;
}

export function snapshotSync(
  db: Database.Database,
  dir: string,
  now: () => number,
  label?: string,
): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupName(now(), label));
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** Online backup to a temporary name, renamed when complete, then older ones pruned. */
export async function rollingBackup(
  db: Database.Database,
  dir: string,
  now: () => number,
  keep = 5,
): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupName(now()));
  const partial = `${target}.partial`;
  await db.backup(partial);
  fs.renameSync(partial, target);
  for (const old of listBackups(dir).slice(keep)) {
    fs.rmSync(old.file, { force: true });
  }
  return target;
}
