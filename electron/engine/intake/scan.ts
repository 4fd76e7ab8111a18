/**
 * The reconciliation scan: walks an inbox and reports every entry with its stat, or with the
 * reason it cannot be read. The watcher is only a hint; this walk, diffed against the ledger, is
 * the truth (it catches files added while CheckDesk was closed or while a share was away).
 *
 * Symbolic links to folders are not followed (a loop cannot form); names that are not valid
 * UTF-8 are reported so a person can rename them; folders deeper than MAX_DEPTH are reported once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { folderIgnoredReason, PROCESSED_FOLDER } from './names.ts';

export interface ScanFile {
  relPath: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

export interface ScanProblem {
  relPath: string;
  reason: string;
}

export interface ScanResult {
  files: ScanFile[];
  problems: ScanProblem[];
}

function validUtf8(name: Buffer): boolean {
  return Buffer.from(name.toString('utf8'), 'utf8').equals(name);
}

/** Throws when the inbox root itself cannot be read (the caller marks the inbox unreachable). */
export async function scanInbox(root: string): Promise<ScanResult> {
  const files: ScanFile[] = [];
  const problems: ScanProblem[] = [];
  const rootStat = await fs.stat(root);
  if (!rootStat.isDirectory())
    throw Object.assign(new Error(`${root} is not a folder`), { code: 'ENOTDIR' });

  async function walk(dirAbs: string, relParts: string[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dirAbs, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      if (relParts.length === 0) throw err;
      problems.push({
        relPath: `${relParts.join('/')}/`,
        reason: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    const statJobs: Promise<void>[] = [];
    for (const entry of entries) {
      const rawName = entry.name as unknown as Buffer;
      const name = rawName.toString('utf8');
      const rel = [...relParts, name].join('/');
      if (!validUtf8(rawName)) {
        problems.push({
          relPath: rel,
          reason: 'the file name is not valid text (UTF-8); rename it so CheckDesk can read it',
        });
        continue;
      }
      const abs = path.join(dirAbs, name);
      if (entry.isDirectory()) {
        if (relParts.length === 0 && name === PROCESSED_FOLDER) continue;
        const ignored = folderIgnoredReason([...relParts, name].join('/'));
        if (ignored) {
          if (!name.startsWith('.'))
            problems.push({ relPath: `${rel}/`, reason: `folder not read: ${ignored}` });
          continue;
        }
        await walk(abs, [...relParts, name]);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue; // sockets, fifos, devices
      statJobs.push(
        fs.stat(abs).then(
          (st) => {
            if (st.isDirectory())
              problems.push({ relPath: `${rel}/`, reason: 'link to a folder: not followed' });
            else if (st.isFile())
              files.push({ relPath: rel, abs, size: st.size, mtimeMs: st.mtimeMs });
          },
          (err: NodeJS.ErrnoException) => {
            const why =
              err.code === 'ELOOP'
                ? 'symbolic link loop'
                : err.code === 'ENOENT'
                  ? null // vanished between listing and stat: the next scan settles it
                  : err.code === 'ENAMETOOLONG'
                    ? 'the path is too long to open; shorten the folder or file name'
                    : `cannot be read (${err.code ?? 'error'})`;
            if (why) problems.push({ relPath: rel, reason: why });
          },
        ),
      );
      if (statJobs.length >= 64) await Promise.all(statJobs.splice(0));
    }
    await Promise.all(statJobs);
  }

  await walk(root, []);
  return { files, problems };
}
