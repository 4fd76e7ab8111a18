/**
 * The Colleckt sandbox's records and the rules that move them. Status changes that depend on time
 * are computed when a record is read (`settle`), never by timers, so a sandbox restarted from its
 * state file continues exactly where it was.
 */
import {
  DOCUMENT_STATUS_LABELS,
  VERIFICATION_LABELS,
  type VerificationStatusCode,
} from '../status.ts';

/** How long the fake extraction pipeline takes after Submit (CDX-SLOW: longer). */
export const PROCESS_MS = 400;
export const SLOW_PROCESS_MS = 30_000;

export const MARKERS = [
  'CDX-REJECTED',
  'CDX-DOUBLE_CHECK',
  'CDX-REVIEW',
  'CDX-EXPIRED',
  'CDX-FAIL',
  'CDX-SLOW',
] as const;
export type Marker = (typeof MARKERS)[number];

export interface SideRecord {
  side: 'front' | 'back';
  fileName: string;
  mime: string;
  sha256: string;
  size: number;
}

export interface DocumentRecord {
  id: string;
  /** 1 Photo ID, 2 Proof of Address, 3 Selfie. */
  type: 1 | 2 | 3;
  status: number;
  sides: SideRecord[];
  markers: Marker[];
  createdAt: number;
}

export interface HistoryRecord {
  from: VerificationStatusCode | null;
  to: VerificationStatusCode;
  user: string | null;
  comment: string | null;
  at: number;
}

export interface VerificationRecord {
  id: string;
  flow: string;
  vendorReference: string | null;
  vendorState: string | null;
  expectedData: unknown;
  status: VerificationStatusCode;
  /** The status a Hold came from (Resume goes back to it). */
  holdFrom: VerificationStatusCode | null;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  /** When the Submitted status turns into `outcome`. */
  processUntil: number | null;
  outcome: VerificationStatusCode | null;
  documents: DocumentRecord[];
  history: HistoryRecord[];
}

export function markersIn(bytes: Buffer, fileName: string): Marker[] {
  return MARKERS.filter((m) => fileName.toUpperCase().includes(m) || bytes.includes(m));
}

function allMarkers(rec: VerificationRecord): Set<Marker> {
  return new Set(rec.documents.filter((d) => d.status !== 6).flatMap((d) => d.markers));
}

/** What the pipeline will decide, fixed at Submit from the documents' markers. */
export function decideOutcome(rec: VerificationRecord): VerificationStatusCode {
  const markers = allMarkers(rec);
  if (markers.has('CDX-EXPIRED')) return 6;
  if (markers.has('CDX-REJECTED')) return 4;
  if (markers.has('CDX-DOUBLE_CHECK') || markers.has('CDX-REVIEW')) return 5;
  return 3;
}

export function processingTime(rec: VerificationRecord): number {
  return allMarkers(rec).has('CDX-SLOW') ? SLOW_PROCESS_MS : PROCESS_MS;
}

function documentOutcome(doc: DocumentRecord, outcome: VerificationStatusCode): number {
  if (outcome === 6) return 6;
  if (doc.markers.includes('CDX-REJECTED')) return 4;
  if (doc.markers.includes('CDX-DOUBLE_CHECK') || doc.markers.includes('CDX-REVIEW')) return 5;
  return 3;
}

export function transition(
  rec: VerificationRecord,
  to: VerificationStatusCode,
  at: number,
  user: string | null,
  comment: string | null,
): void {
  rec.history.push({ from: rec.status, to, user, comment, at });
  rec.status = to;
  rec.updatedAt = at;
}

/** Applies the pipeline's decision once its time has come. Returns true when the record changed. */
export function settle(rec: VerificationRecord, now: number): boolean {
  if (
    rec.status !== 2 ||
    rec.processUntil === null ||
    rec.outcome === null ||
    now < rec.processUntil
  )
    return false;
  const at = rec.processUntil;
  const outcome = rec.outcome;
  for (const doc of rec.documents) {
    if (doc.status !== 6) doc.status = documentOutcome(doc, outcome);
  }
  transition(rec, outcome, at, null, outcome === 6 ? 'Timed out.' : null);
  rec.processUntil = null;
  rec.outcome = null;
  return true;
}

/** A document's status as seen now: OCR finishes half-way through processing. */
export function documentStatusNow(
  rec: VerificationRecord,
  doc: DocumentRecord,
  now: number,
): number {
  if (rec.status === 2 && doc.status === 2 && rec.processUntil !== null) {
    const half = rec.processUntil - processingTime(rec) / 2;
    return now >= half ? 7 : 2;
  }
  return doc.status;
}

export const DOCUMENT_TYPE_LABELS: Record<1 | 2 | 3, string> = {
  1: 'Photo ID',
  2: 'Proof of Address',
  3: 'Selfie',
};
const FLOW_NAMES: Record<string, string> = { usps1583: 'USPS 1583', identity: 'Identity' };

/** Colleckt writes timestamps with microseconds. */
export function stamp(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function expectedPart(rec: VerificationRecord, key: string): Record<string, unknown> {
  const expected = rec.expectedData as Record<string, unknown> | null;
  const part = expected && typeof expected === 'object' ? expected[key] : null;
  return part && typeof part === 'object' ? (part as Record<string, unknown>) : {};
}

/** The OCR result the sandbox "reads": the expected values, so a clean case validates. */
function extractedData(
  rec: VerificationRecord,
  doc: DocumentRecord,
): Record<string, unknown> | null {
  if (doc.type === 1) {
    const person = expectedPart(rec, 'person');
    const photoId = (expectedPart(rec, 'documents')['photo_id'] ?? {}) as Record<string, unknown>;
    return {
      first_name: person['first_name'] ?? null,
      last_name: person['last_name'] ?? null,
      date_of_birth: person['date_of_birth'] ?? null,
      document_number: photoId['number'] ?? null,
      document_type: photoId['type'] ?? null,
      country: photoId['country'] ?? null,
    };
  }
  if (doc.type === 2) return { address: expectedPart(rec, 'address') };
  return null;
}

export function verificationView(
  rec: VerificationRecord,
  baseUrl: string,
  now: number,
  withDetail: boolean,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: rec.id,
    url: `${baseUrl}/widget/${rec.id}`,
    qr_code: `${baseUrl}/widget/${rec.id}/qr.svg`,
    vendor_reference: rec.vendorReference,
    vendor_state: rec.vendorState,
    expected_data: rec.expectedData,
    status: rec.status,
    status_label: VERIFICATION_LABELS[rec.status],
    submitted_at: stamp(rec.submittedAt),
    created_at: stamp(rec.createdAt),
    updated_at: stamp(rec.updatedAt),
    flow: FLOW_NAMES[rec.flow] ?? rec.flow,
  };
  if (!withDetail) return view;
  view['documents'] = rec.documents.map((doc) => {
    const status = documentStatusNow(rec, doc, now);
    const out: Record<string, unknown> = {
      id: doc.id,
      type: doc.type,
      type_label: DOCUMENT_TYPE_LABELS[doc.type],
      status,
      status_label: DOCUMENT_STATUS_LABELS[status] ?? String(status),
      sides: doc.sides.map((s) => ({
        side: s.side,
        file_name: s.fileName,
        mime_type: s.mime,
        sha256: s.sha256,
        size: s.size,
      })),
      created_at: stamp(doc.createdAt),
    };
    if ([3, 4, 5, 7].includes(status)) out['extracted_data'] = extractedData(rec, doc);
    return out;
  });
  view['comments'] = rec.history
    .filter((h) => h.comment !== null && h.user !== null)
    .map((h) => ({ comment: h.comment, user: { name: h.user }, created_at: stamp(h.at) }))
    .reverse();
  view['history'] = rec.history.map((h) => ({
    previous_status: h.from,
    previous_status_label: h.from === null ? null : VERIFICATION_LABELS[h.from],
    new_status: h.to,
    new_status_label: VERIFICATION_LABELS[h.to],
    user: h.user === null ? null : { name: h.user },
    comment: h.comment,
    created_at: stamp(h.at),
  }));
  return view;
}
