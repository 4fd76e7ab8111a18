/**
 * Where the report goes: written under a hidden temporary name beside the final one (same folder,
 * so the final rename is atomic on the same volume), published by rename only once complete, and
 * removed on cancellation or failure. Nothing ever appears under the final name half-written.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CheckDeskError } from '../../../shared/errors.ts';

export interface OutputFiles {
  dir: string;
  out: string;
  tmp: string;
  jsonOut: string | null;
  jsonTmp: string | null;
}

const TEMP_SUFFIX = '.partial';
/** Temporary files older than this were left by a crash, not by an export still running. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EBUSY':
      return 'the file is in use by another program';
    default:
      return e?.message ?? String(err);
  }
}

export function unwritableFolder(dir: string, err: unknown): CheckDeskError {
  return new CheckDeskError(
    'EXPORT_OUT_UNWRITABLE',
    `The report cannot be written in the folder ${dir} (${reasonOf(err)}). Choose another folder.`,
    { cause: err },
  );
}

function tempName(dir: string, finalName: string, id: string): string {
  return path.join(dir, `.${finalName}.${id}${TEMP_SUFFIX}`);
}

/** Resolves the paths and makes sure the folder exists; throws EXPORT_OUT_UNWRITABLE otherwise. */
export function planOutput(out: string, withJson: boolean): OutputFiles {
  const abs = path.resolve(out);
  const dir = path.dirname(abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.statSync(dir).isDirectory())
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw unwritableFolder(dir, err);
  }
  const existing = fs.statSync(abs, { throwIfNoEntry: false });
  if (existing?.isDirectory()) {
    throw new CheckDeskError(
      'EXPORT_OUT_UNWRITABLE',
      `${abs} is a folder; give the report a file name (e.g. report.xlsx) in ${dir}.`,
    );
  }
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const jsonOut = withJson ? `${abs.replace(/\.xlsx$/i, '')}.json` : null;
  return {
    dir,
    out: abs,
    tmp: tempName(dir, path.basename(abs), id),
    jsonOut,
    jsonTmp: jsonOut ? tempName(dir, path.basename(jsonOut), id) : null,
  };
}

/** Creates a temporary file exclusively and returns its descriptor. */
export function openTemp(file: string, dir: string): number {
  try {
    return fs.openSync(file, 'wx', 0o644);
  } catch (err) {
    throw unwritableFolder(dir, err);
  }
}

/** Gives the finished files their final names: both or neither. */
export function publish(files: OutputFiles): void {
  try {
    fs.renameSync(files.tmp, files.out);
  } catch (err) {
    throw new CheckDeskError(
      'EXPORT_OUT_UNWRITABLE',
      `The report could not be saved as ${files.out} (${reasonOf(err)}); if it is open in Excel, close it and export again.`,
      { cause: err },
    );
  }
  if (files.jsonTmp && files.jsonOut) {
    try {
      fs.renameSync(files.jsonTmp, files.jsonOut);
    } catch (err) {
      removeQuietly(files.out);
      throw new CheckDeskError(
        'EXPORT_OUT_UNWRITABLE',
        `The JSON report could not be saved as ${files.jsonOut} (${reasonOf(err)}); nothing was saved.`,
        { cause: err },
      );
    }
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // best effort: the caller is already reporting a failure
  }
}

/** Removes this export's temporary files (after a cancellation or a failure). */
export function discard(files: OutputFiles): void {
  removeQuietly(files.tmp);
  if (files.jsonTmp) removeQuietly(files.jsonTmp);
}

/** Removes temporary files an earlier export of the same name left behind when it was killed. */
export function sweepStaleTemps(files: OutputFiles, now = Date.now()): void {
  const prefixes = [`.${path.basename(files.out)}.`];
  if (files.jsonOut) prefixes.push(`.${path.basename(files.jsonOut)}.`);
  let names: string[];
  try {
    names = fs.readdirSync(files.dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX) || !prefixes.some((p) => name.startsWith(p))) continue;
    const file = path.join(files.dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_AFTER_MS) fs.rmSync(file, { force: true });
    } catch {
      // another export may be removing it at the same moment
    }
  }
}
