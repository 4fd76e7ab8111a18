/**
 * The content-addressed document store: <dataDir>/store/ab/cd/<sha256>. A file is streamed into a
 * temporary name while being hashed, synced, size-checked against the source, then renamed into
 * place atomically. Originals are only ever read.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  sha256: string;
  size: number;
  /** Relative to the data dir, '/'-separated. */
  storePath: string;
}

export type CopyOutcome =
  { ok: true; file: StoredFile } | { ok: false; reason: 'changed' | 'vanished'; detail: string };

export function storePathFor(sha256: string): string {
  return `store/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export async function copyIntoStore(
  source: string,
  dataDir: string,
  expected: { size: number; mtimeMs: number },
): Promise<CopyOutcome> {
  const tmpDir = path.join(dataDir, 'store', 'tmp');
  await fs.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    const out = createWriteStream(tmp, { flags: 'wx' });
    await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), hasher, out);
    const fh = await fs.open(tmp, 'r+');
    try {
      await fh.datasync();
    } finally {
      await fh.close();
    }
    let after;
    try {
      after = await fs.stat(source);
    } catch {
      await fs.rm(tmp, { force: true });
      return { ok: false, reason: 'vanished', detail: 'removed while it was being copied' };
    }
    if (
      after.size !== size ||
      after.size !== expected.size ||
      Math.trunc(after.mtimeMs) !== Math.trunc(expected.mtimeMs)
    ) {
      await fs.rm(tmp, { force: true });
      return { ok: false, reason: 'changed', detail: 'changed while it was being copied' };
    }
    const sha256 = hash.digest('hex');
    const rel = storePathFor(sha256);
    const final = path.join(dataDir, ...rel.split('/'));
    await fs.mkdir(path.dirname(final), { recursive: true });
    try {
      await fs.access(final);
      await fs.rm(tmp, { force: true }); // already stored: same bytes, nothing to do
    } catch {
      await fs.rename(tmp, final);
    }
    return { ok: true, file: { sha256, size, storePath: rel } };
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, reason: 'vanished', detail: 'removed before it could be copied' };
    throw err;
  }
}

/** Leftover temporary copies from a crash are garbage: the ledger never points at them. */
export async function cleanStoreTmp(dataDir: string): Promise<void> {
  await fs.rm(path.join(dataDir, 'store', 'tmp'), { recursive: true, force: true });
}
