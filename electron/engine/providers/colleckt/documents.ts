/**
 * CheckDesk's documents → Colleckt uploads. Colleckt keeps at most one document per type; a photo
 * ID has a front and an optional back, each uploaded as its own base64 request (a side is up to
 * 10 MB, so two sides in one body would be needlessly large). Everything is checked before the
 * first request so a refusal never leaves a half-built verification behind.
 */
import type { ProviderError } from '../errors.ts';
import { protocolError } from '../kit/client.ts';
import { loadDocument, type LoadedFile, MIME_BY_FORMAT } from '../kit/files.ts';
import type { SubmissionDocument } from '../types.ts';
import type { DocumentType } from './status.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const UPLOAD_FIELDS = ['photo_id', 'photo_id_back', 'proof_of_address', 'selfie'] as const;
export type UploadField = (typeof UPLOAD_FIELDS)[number];

const FIELD_TARGET: Record<UploadField, { type: DocumentType; side: 'front' | 'back' }> = {
  photo_id: { type: 'photo_id', side: 'front' },
  photo_id_back: { type: 'photo_id', side: 'back' },
  proof_of_address: { type: 'proof_of_address', side: 'front' },
  selfie: { type: 'selfie', side: 'front' },
};

/** Document types each known flow cannot be submitted without; other flows are left to Colleckt. */
const REQUIRED_BY_FLOW: Record<string, readonly UploadField[]> = {
  usps1583: ['photo_id', 'proof_of_address'],
  identity: ['photo_id'],
};

export interface UploadPart {
  field: UploadField;
  type: DocumentType;
  side: 'front' | 'back';
  file: LoadedFile;
}

export interface UploadBody {
  type: DocumentType;
  side: 'front' | 'back';
  file_name: string;
  mime_type: string;
  content: string;
}

function refuse(message: string): ProviderError {
  return protocolError('colleckt', 'upload', message);
}

function isUploadField(field: string): field is UploadField {
  return (UPLOAD_FIELDS as readonly string[]).includes(field);
}

/** Checks the set (fields, duplicates, required types) before touching any file. */
export function checkDocumentSet(flow: string, documents: readonly SubmissionDocument[]): void {
  const seen = new Set<UploadField>();
  for (const doc of documents) {
    if (!isUploadField(doc.field)) {
      throw refuse(
        `${doc.fileName}: Colleckt has no document slot "${doc.field}" (expected one of ${UPLOAD_FIELDS.join(', ')}).`,
      );
    }
    if (seen.has(doc.field)) {
      throw refuse(
        `Colleckt accepts one document per type; this case has more than one for "${doc.field}".`,
      );
    }
    seen.add(doc.field);
  }
  if (seen.has('photo_id_back') && !seen.has('photo_id')) {
    throw refuse('The back of the photo ID was given without its front.');
  }
  const missing = (REQUIRED_BY_FLOW[flow] ?? []).filter((f) => !seen.has(f));
  if (missing.length > 0) {
    throw refuse(
      `The Colleckt "${flow}" flow needs ${missing.join(' and ')}; add the missing document to the case.`,
    );
  }
}

/** Loads and checks every file (size, format, integrity); the order is the upload order. */
export async function prepareUploads(
  flow: string,
  documents: readonly SubmissionDocument[],
): Promise<UploadPart[]> {
  checkDocumentSet(flow, documents);
  const order: UploadField[] = ['photo_id', 'photo_id_back', 'proof_of_address', 'selfie'];
  const sorted = [...documents].sort(
    (a, b) => order.indexOf(a.field as UploadField) - order.indexOf(b.field as UploadField),
  );
  const parts: UploadPart[] = [];
  for (const doc of sorted) {
    const field = doc.field as UploadField;
    const file = await loadDocument(doc, {
      provider: 'colleckt',
      maxBytes: MAX_FILE_BYTES,
      formats: ['jpeg', 'png', 'pdf'],
    });
    parts.push({ field, ...FIELD_TARGET[field], file });
  }
  return parts;
}

export function uploadBody(part: UploadPart): UploadBody {
  return {
    type: part.type,
    side: part.side,
    file_name: part.file.doc.fileName,
    mime_type: MIME_BY_FORMAT[part.file.format],
    content: part.file.bytes.toString('base64'),
  };
}
