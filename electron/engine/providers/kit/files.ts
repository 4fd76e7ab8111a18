/**
 * Reads a stored document for upload and checks it against a vendor's file rules before any byte
 * leaves the machine: a vendor refusal after the upload costs a round trip and tells the clerk
 * less than a local check does.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { ProviderError } from '../errors.ts';
import type { SubmissionDocument } from '../types.ts';
import { protocolError } from './client.ts';

export type FileFormat = 'jpeg' | 'png' | 'pdf';

export const MIME_BY_FORMAT: Record<FileFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** What the bytes are, from their signature; the extension and declared MIME type are not trusted. */
export function sniffFormat(bytes: Uint8Array): FileFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  )
    return 'png';
  if (
    bytes.length >= 5 &&
    bytes[0] === 0x25 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x44 &&
    bytes[3] === 0x46 &&
    bytes[4] === 0x2d
  )
    return 'pdf';
  return null;
}

export interface FileRules {
  provider: string;
  maxBytes: number;
  formats: readonly FileFormat[];
}

export interface LoadedFile {
  doc: SubmissionDocument;
  bytes: Buffer;
  format: FileFormat;
}

function refuse(provider: string, message: string, cause?: unknown): ProviderError {
  return protocolError(provider, 'upload', message, { cause });
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

/**
 * Loads one document and enforces size, format and integrity. Throws ProviderError kind
 * 'protocol' op 'upload' (nothing was sent, nothing billed) with a sentence a clerk can act on.
 */
export async function loadDocument(doc: SubmissionDocument, rules: FileRules): Promise<LoadedFile> {
  const label = `${doc.fileName} (${doc.field})`;
  if (doc.password) {
    throw refuse(
      rules.provider,
      `${label} is a password-protected PDF; ${rules.provider} cannot open it. Send an unprotected copy.`,
    );
  }
  let size: number;
  try {
    size = (await fsp.stat(doc.path)).size;
  } catch (err) {
    throw refuse(
      rules.provider,
      `${label} is missing from CheckDesk's store and cannot be sent.`,
      err,
    );
  }
  if (size === 0) throw refuse(rules.provider, `${label} is empty.`);
  if (size > rules.maxBytes) {
    throw refuse(
      rules.provider,
      `${label} is ${megabytes(size)}; ${rules.provider} accepts at most ${megabytes(rules.maxBytes)} per file.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(doc.path);
  } catch (err) {
    throw refuse(rules.provider, `${label} could not be read from CheckDesk's store.`, err);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (doc.sha256 && sha !== doc.sha256.toLowerCase()) {
    throw refuse(
      rules.provider,
      `${label} changed in CheckDesk's store since it was fingerprinted; it was not sent.`,
    );
  }
  const format = sniffFormat(bytes);
  if (format === null || !rules.formats.includes(format)) {
    const allowed = rules.formats.map((f) => f.toUpperCase()).join(', ');
    const seen = format === null ? 'not a recognised image or PDF' : format.toUpperCase();
    throw refuse(rules.provider, `${label} is ${seen}; ${rules.provider} accepts ${allowed}.`);
  }
  return { doc, bytes, format };
}
