/**
 * Stored documents → multipart bodies (uploads and check-duplicate). Files are streamed from the
 * document store (fs.openAsBlob), never loaded whole into memory.
 */
import { openAsBlob } from 'node:fs';
import type { ProviderOp } from '../errors.ts';
import type { SubmissionDocument } from '../types.ts';
import { protocolError } from './client.ts';

async function blobOf(doc: SubmissionDocument, op: ProviderOp): Promise<Blob> {
  try {
    return await openAsBlob(doc.path, { type: doc.mime || 'application/octet-stream' });
  } catch (err) {
    throw protocolError(
      op,
      `The stored copy of ${doc.fileName} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
      'LOCAL_FILE_UNREADABLE',
      err,
    );
  }
}

/** File names go to the provider as given, minus any directory part. */
function wireName(doc: SubmissionDocument): string {
  return doc.fileName.split(/[\\/]/).pop() || `document-${doc.documentId}`;
}

/** POST /uploads body: `files` in order, with `file_passwords[]` aligned when any PDF has one. */
export async function uploadForm(docs: readonly SubmissionDocument[]): Promise<FormData> {
  const form = new FormData();
  form.append('file_category', 'VERIFICATION_INPUT_FILE');
  for (const doc of docs) form.append('files', await blobOf(doc, 'upload'), wireName(doc));
  if (docs.some((d) => d.password)) {
    for (const doc of docs) form.append('file_passwords[]', doc.password ?? '');
  }
  return form;
}

/** POST /verifications/check-duplicate body, optionally excluding one verification (a retry). */
export async function duplicateForm(
  docs: readonly SubmissionDocument[],
  op: ProviderOp,
  excludeId: string | null,
): Promise<FormData> {
  const form = new FormData();
  for (const doc of docs) form.append('files', await blobOf(doc, op), wireName(doc));
  if (excludeId) form.append('verification_id', excludeId);
  return form;
}

/** Upload paths grouped by wire field, in document order: `configuration.files`. */
export function filesByField(
  docs: readonly SubmissionDocument[],
  paths: readonly string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  docs.forEach((doc, i) => {
    const path = paths[i];
    if (path === undefined) return;
    (out[doc.field] ??= []).push(path);
  });
  return out;
}
