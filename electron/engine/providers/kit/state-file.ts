/**
 * A sandbox's state between runs: one JSON record per line, appended as things happen and
 * replayed on start. A line that does not parse (a torn last write after a crash, a hand edit) is
 * skipped, and new records start on a fresh line so a torn tail cannot swallow them. Without a
 * file everything stays in memory.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../types.ts';

export interface StateFile {
  /** The records found on start, oldest first. */
  readonly records: readonly unknown[];
  /** Appends one record (a write failure is logged, the sandbox carries on in memory). */
  append(record: unknown): void;
  /** Replaces the file with these records (compaction), atomically. */
  rewrite(records: readonly unknown[]): void;
}

export function openStateFile(
  file: string | null | undefined,
  options: { log?: Logger; label: string },
): StateFile {
  if (!file) return { records: [], append: () => undefined, rewrite: () => undefined };
  const { log, label } = options;
  mkdirSync(path.dirname(file), { recursive: true });
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const records: unknown[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      skipped++;
    }
  }
  if (skipped > 0) log?.warn(`${label} sandbox skipped unreadable state lines`, { file, skipped });

  const write = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      log?.error(`${label} sandbox could not ${what} its state file`, { file, error: String(err) });
    }
  };
  if (text.length > 0 && !text.endsWith('\n')) write('repair', () => appendFileSync(file, '\n'));
  return {
    records,
    append(record) {
      write('append to', () => appendFileSync(file, `${JSON.stringify(record)}\n`));
    },
    rewrite(all) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, all.map((r) => `${JSON.stringify(r)}\n`).join(''));
      renameSync(tmp, file);
    },
  };
}
