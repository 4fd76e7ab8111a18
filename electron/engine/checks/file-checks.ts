/**
 * FILE_INTEGRITY checks that need only the file itself: present, not empty, not oversized, the
 * same size as recorded, named for what it contains, and of a kind CheckDesk can read.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { makeCheck, reason } from './check-builder.ts';
import type { PreflightCheck } from './types.ts';

/** Providers accept at most a few tens of MB; anything far beyond is not a document scan. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const EXTENSIONS: Record<string, { ext: string[]; label: string }> = {
  'image/jpeg': { ext: ['.jpg', '.jpeg', '.jpe', '.jfif'], label: 'a JPEG image' },
  'image/png': { ext: ['.png'], label: 'a PNG image' },
  'image/tiff': { ext: ['.tif', '.tiff'], label: 'a TIFF image' },
  'image/webp': { ext: ['.webp'], label: 'a WebP image' },
  'image/heic': { ext: ['.heic', '.heif'], label: 'a HEIC photo' },
  'application/pdf': { ext: ['.pdf'], label: 'a PDF' },
};

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; check: PreflightCheck };

export async function readStoredFile(file: string, recordedSize: number): Promise<ReadOutcome> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    return fail(
      'FILE_MISSING',
      'The stored copy of this file is missing, so it cannot be checked. Add the file to the inbox again.',
    );
  }
  if (size === 0)
    return fail(
      'EMPTY_FILE',
      'The file is empty (0 bytes). The scan or download probably failed; get the file again.',
    );
  if (size > MAX_FILE_BYTES) {
    return fail(
      'FILE_TOO_LARGE',
      `The file is ${mb(size)}, more than the ${mb(MAX_FILE_BYTES)} a document can be; it is not checked or sent. Scan it at a lower resolution.`,
    );
  }
  if (recordedSize > 0 && size !== recordedSize) {
    return fail(
      'SIZE_CHANGED',
      `The stored copy is ${size} bytes but ${recordedSize} bytes were recorded when it arrived; it may have been damaged. Add the file again.`,
    );
  }
  try {
    return { ok: true, bytes: await fs.readFile(file) };
  } catch (err) {
    return fail(
      'UNREADABLE_FILE',
      `The file cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check that it is not locked or damaged.`,
    );
  }
}

function fail(code: string, message: string): ReadOutcome {
  return {
    ok: false,
    check: makeCheck('FILE_INTEGRITY', 'file', 'FAIL', {
      reasons: [reason(code, 'ERROR', message)],
    }),
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Wrong or missing extension: harmless (content decides), but worth recording. */
export function extensionCheck(file: string, mime: string): PreflightCheck | null {
  const known = EXTENSIONS[mime];
  if (!known) return null;
  const ext = path.extname(file).toLowerCase();
  if (known.ext.includes(ext)) return null;
  return makeCheck('FILE_INTEGRITY', 'extension', 'INFO', {
    reasons: [
      reason(
        'WRONG_EXTENSION',
        'INFO',
        ext
          ? `The file is named ${ext} but is actually ${known.label}; it was checked as ${known.label}.`
          : `The file has no extension; it is ${known.label}.`,
      ),
    ],
    details: { extension: ext || null, mime },
  });
}

export function unsupportedCheck(mime: string): PreflightCheck {
  return makeCheck('FILE_INTEGRITY', 'format', 'FAIL', {
    reasons: [
      reason(
        'UNSUPPORTED_FORMAT',
        'ERROR',
        mime === 'application/octet-stream'
          ? 'This is not an image or PDF that CheckDesk can read (unknown file type). Provide a JPEG, PNG or PDF.'
          : `Files of type ${mime} cannot be checked or sent. Provide a JPEG, PNG or PDF.`,
      ),
    ],
    details: { mime },
  });
}
