/**
 * CheckDesk's expected data and documents → the FrankieOne individual and its documents.
 *
 * The idempotency key goes into the entity's external references (name `CHECKDESK_SUBMISSION`),
 * which is what `lookup` searches for; the case key rides along as the customer reference so a
 * FrankieOne portal user can find the case.
 */
import type { ExpectedData } from '../../../../shared/model.ts';
import type { ProviderError } from '../errors.ts';
import { protocolError } from '../kit/client.ts';
import { loadDocument, type LoadedFile, MIME_BY_FORMAT } from '../kit/files.ts';
import { isoDate, splitName } from '../kit/person.ts';
import type { SubmissionDocument } from '../types.ts';

export const SUBMISSION_REFERENCE = 'CHECKDESK_SUBMISSION';
export const CASE_REFERENCE = 'CHECKDESK_CASE';

/**
 * FrankieOne does not publish a size limit; the IDV providers behind it refuse large images
 * (DOCUMENT_INVALID_EXCEEDED_SIZE_LIMIT). 5 MB per image keeps both sides of an ID, base64
 * encoded, inside one request of reasonable size. Option `maxFileBytes` overrides it.
 */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export const UPLOAD_FIELDS = ['id_front', 'id_back', 'selfie'] as const;
export type UploadField = (typeof UPLOAD_FIELDS)[number];

function refuse(message: string): ProviderError {
  return protocolError('frankieone', 'upload', message);
}

export interface EntityOptions {
  country: string;
  idDocumentType: string;
}

/** M/F, English words, or the KTP's Indonesian "LAKI-LAKI" / "PEREMPUAN". */
function genderOf(value: string | undefined): 'MALE' | 'FEMALE' | null {
  const v = value?.trim().toLowerCase() ?? '';
  if (/^(m|male|l|laki-laki|laki laki|pria)$/.test(v)) return 'MALE';
  if (/^(f|female|p|perempuan|w|wanita)$/.test(v)) return 'FEMALE';
  return null;
}

export function individualBody(
  expected: ExpectedData | null,
  caseKey: string,
  idempotencyKey: string,
  options: EntityOptions,
): Record<string, unknown> {
  const e = expected ?? {};
  const name = e.name ? splitName(e.name) : null;
  const individual: Record<string, unknown> = {
    // FrankieOne requires a family name; a case without a declared name still gets its case key.
    name: name
      ? { givenName: name.given ?? undefined, familyName: name.family, displayName: e.name?.trim() }
      : { familyName: caseKey },
    externalReferences: [
      {
        name: SUBMISSION_REFERENCE,
        value: idempotencyKey,
        type: 'OTHER',
        description: 'CheckDesk submission (idempotency key)',
      },
      { name: CASE_REFERENCE, value: caseKey, type: 'CUSTOMER', description: 'CheckDesk case' },
    ],
  };
  const dob = isoDate(e.birthDate);
  if (dob) {
    const [year, month, day] = dob.split('-');
    individual['dateOfBirth'] = { year, month, day, normalized: dob };
  }
  if (e.address?.trim())
    individual['addresses'] = [
      { type: 'RESIDENTIAL', longForm: e.address.trim(), country: options.country },
    ];
  const gender = genderOf(e.gender);
  if (gender) individual['gender'] = { gender };
  return { individual };
}

export interface PreparedDocuments {
  front: LoadedFile;
  back: LoadedFile | null;
  selfie: LoadedFile | null;
}

/** Checks fields and files before anything is sent (JPEG/PNG only: FrankieOne's IDV providers). */
export async function prepareDocuments(
  documents: readonly SubmissionDocument[],
  maxBytes: number,
): Promise<PreparedDocuments> {
  const byField = new Map<UploadField, SubmissionDocument>();
  for (const doc of documents) {
    if (!(UPLOAD_FIELDS as readonly string[]).includes(doc.field)) {
      throw refuse(
        `${doc.fileName}: FrankieOne has no document slot "${doc.field}" (expected one of ${UPLOAD_FIELDS.join(', ')}).`,
      );
    }
    const field = doc.field as UploadField;
    if (byField.has(field))
      throw refuse(
        `FrankieOne takes one image per slot; this case has more than one for "${field}".`,
      );
    byField.set(field, doc);
  }
  const frontDoc = byField.get('id_front');
  if (!frontDoc) throw refuse('FrankieOne IDV needs the front of the ID document (id_front).');
  const rules = { provider: 'frankieone', maxBytes, formats: ['jpeg', 'png'] as const };
  const front = await loadDocument(frontDoc, rules);
  const backDoc = byField.get('id_back');
  const selfieDoc = byField.get('selfie');
  return {
    front,
    back: backDoc ? await loadDocument(backDoc, rules) : null,
    selfie: selfieDoc ? await loadDocument(selfieDoc, rules) : null,
  };
}

function attachment(file: LoadedFile, side: 'FRONT' | 'BACK'): Record<string, unknown> {
  return {
    side,
    type: 'PHOTO',
    filename: file.doc.fileName,
    mimeType: MIME_BY_FORMAT[file.format],
    data: { base64: file.bytes.toString('base64') },
  };
}

export function identityDocumentBody(
  docs: PreparedDocuments,
  nik: string | null,
  options: EntityOptions,
): Record<string, unknown> {
  const attachments = [attachment(docs.front, 'FRONT')];
  if (docs.back) attachments.push(attachment(docs.back, 'BACK'));
  const document: Record<string, unknown> = {
    class: 'IDENTITY',
    type: options.idDocumentType,
    country: options.country,
    attachments,
  };
  if (nik) document['primaryIdentifier'] = nik;
  return { document };
}

/** FrankieOne has no selfie document type in its public schema; CheckDesk files it as supporting. */
export function selfieDocumentBody(selfie: LoadedFile): Record<string, unknown> {
  return {
    document: {
      class: 'SUPPORTING',
      type: 'OTHER',
      subtype: 'SELFIE',
      attachments: [attachment(selfie, 'FRONT')],
    },
  };
}
