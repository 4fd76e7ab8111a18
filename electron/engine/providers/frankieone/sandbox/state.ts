/**
 * The FrankieOne sandbox's records and the views computed from them. Anything that changes with
 * time (IDV status, results, workflow state) is derived when read from the start time and the
 * markers found in the uploaded files, so restarting from the state file loses nothing.
 */
import { randomBytes } from 'node:crypto';

/** How long the fake IDV provider takes (CDX-SLOW: far longer). */
export const PROCESS_MS = 400;
export const SLOW_PROCESS_MS = 30_000;

export const MARKERS = [
  'CDX-REJECTED',
  'CDX-REVIEW',
  'CDX-DOUBLE_CHECK',
  'CDX-EXPIRED',
  'CDX-FAIL',
  'CDX-SLOW',
  'CDX-DOWNLOAD_FAIL',
  'CDX-TOO_LARGE',
  'CDX-BAD_FORMAT',
  'CDX-BAD_DATA',
  'CDX-AML_HIT',
] as const;
export type Marker = (typeof MARKERS)[number];

export interface AttachmentRecord {
  attachmentId: string;
  side: string;
  filename: string | null;
  mimeType: string | null;
  sha256: string;
  size: number;
}

export interface DocumentRecord {
  documentId: string;
  class: string;
  type: string;
  subtype: string | null;
  country: string | null;
  primaryIdentifier: string | null;
  attachments: AttachmentRecord[];
  markers: Marker[];
  createdAt: number;
}

export interface ExecutionRecord {
  workflowExecutionId: string;
  serviceProfile: string;
  workflowName: string;
  startedAt: number;
}

export interface EntityRecord {
  entityId: string;
  createdAt: number;
  updatedAt: number;
  individual: Record<string, unknown>;
  documents: DocumentRecord[];
  tokens: { token: string; expiresAt: number }[];
  idv: { requestId: string; startedAt: number } | null;
  executions: ExecutionRecord[];
  deleted: boolean;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped request id, like FrankieOne's. */
export function requestId(now: number): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const random = [...randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return time + random;
}

export function markersIn(bytes: Buffer, fileName: string | null): Marker[] {
  const name = (fileName ?? '').toUpperCase();
  return MARKERS.filter((m) => name.includes(m) || bytes.includes(m));
}

function markers(rec: EntityRecord): Set<Marker> {
  return new Set(rec.documents.flatMap((d) => d.markers));
}

function hasSelfie(rec: EntityRecord): number | null {
  const selfie = rec.documents.find((d) => d.subtype === 'SELFIE' || d.type === 'SELFIE');
  return selfie ? selfie.createdAt : null;
}

function processTime(rec: EntityRecord): number {
  return markers(rec).has('CDX-SLOW') ? SLOW_PROCESS_MS : PROCESS_MS;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function idvStatus(rec: EntityRecord, now: number): string | null {
  if (!rec.idv) return null;
  const m = markers(rec);
  if (m.has('CDX-FAIL')) return 'PROVIDER_OFFLINE';
  if (m.has('CDX-TOO_LARGE')) return 'DOCUMENT_INVALID_EXCEEDED_SIZE_LIMIT';
  if (m.has('CDX-BAD_FORMAT')) return 'DOCUMENT_INVALID_INCORRECT_FILE_FORMAT';
  const selfieAt = hasSelfie(rec);
  if (selfieAt === null) return 'WAITING_SELFIE_UPLOAD';
  const start = Math.max(rec.idv.startedAt, selfieAt);
  const p = processTime(rec);
  if (now < start + p / 2)
    return m.has('CDX-DOWNLOAD_FAIL') ? 'CHECK_PROCESSING_DOWNLOAD_FAIL' : 'IN_PROGRESS';
  if (now < start + p) return 'CHECK_PROCESSING';
  return 'COMPLETE';
}

interface ResultSpec {
  key: string;
  cls: string;
  supplementary: string;
  result: string;
  state: string;
  confidence?: number;
}

/** The checks one IDV run produces, already decided from the markers. */
function idvSpecs(rec: EntityRecord, withFace: boolean): ResultSpec[] {
  const m = markers(rec);
  const rejected = m.has('CDX-REJECTED');
  const review = m.has('CDX-REVIEW') || m.has('CDX-DOUBLE_CHECK');
  const specs: ResultSpec[] = [
    {
      key: 'document',
      cls: 'IDV',
      supplementary: 'IDV_DOCUMENT',
      result: rejected ? 'FAIL' : review ? 'SUSPECTED' : 'CLEAR',
      state: m.has('CDX-EXPIRED') ? 'TIMEOUT' : 'COMPLETED',
    },
    { key: 'ocr', cls: 'IDV', supplementary: 'IDV_OCR', result: 'MATCH', state: 'COMPLETED' },
    {
      key: 'ocr-comparison',
      cls: 'IDV',
      supplementary: 'IDV_OCR_COMPARISON',
      result: m.has('CDX-BAD_DATA') ? 'BAD_DATA' : 'MATCH',
      state: 'COMPLETED',
    },
  ];
  if (withFace) {
    specs.push(
      {
        key: 'face',
        cls: 'IDV',
        supplementary: 'IDV_FACIAL_COMPARISON',
        result: rejected ? 'NO_MATCH' : review ? 'PARTIAL_MATCH' : 'MATCH',
        state: 'COMPLETED',
        confidence: rejected ? 18 : review ? 61 : 94,
      },
      {
        key: 'liveness',
        cls: 'IDV',
        supplementary: 'IDV_FACIAL_LIVENESS',
        result: 'CLEAR',
        state: 'COMPLETED',
      },
    );
  }
  if (m.has('CDX-AML_HIT'))
    specs.push({ key: 'aml', cls: 'AML', supplementary: 'AML', result: 'HIT', state: 'COMPLETED' });
  return specs;
}

function resultView(
  rec: EntityRecord,
  spec: ResultSpec,
  prefix: string,
  createdAt: number,
  doneAt: number | null,
  now: number,
  executionId: string | null,
): Record<string, unknown> {
  const done = doneAt !== null && now >= doneAt;
  const out: Record<string, unknown> = {
    processResultId: `${prefix}-${spec.key}`,
    schemaVersion: 2,
    entityId: rec.entityId,
    stepName: `${spec.cls}-${spec.key}`,
    stepType: spec.cls,
    objectType: 'INDIVIDUAL',
    objectId: rec.entityId,
    createdAt: iso(createdAt),
    updatedAt: iso(done ? doneAt : createdAt),
    class: spec.cls,
    supplementaryData: { type: spec.supplementary, serviceProvider: 'checkdesk-sandbox' },
    providerResult: {
      name: 'checkdesk-sandbox',
      source: 'sandbox',
      reference: prefix,
      ...(spec.confidence !== undefined
        ? { confidence: { normalized: spec.confidence, actual: String(spec.confidence / 100) } }
        : {}),
    },
    systemStatus: 'VALID',
    state: done ? spec.state : 'IN_PROGRESS',
  };
  if (done && spec.state === 'COMPLETED') out['result'] = spec.result;
  if (executionId) out['workflowExecutionId'] = executionId;
  return out;
}

/** Process results of the IDV run, as seen now. */
export function idvResults(rec: EntityRecord, now: number): Record<string, unknown>[] {
  if (!rec.idv) return [];
  const status = idvStatus(rec, now);
  const start = rec.idv.startedAt;
  const prefix = `idv-${rec.idv.requestId.toLowerCase()}`;
  if (
    status === 'PROVIDER_OFFLINE' ||
    status === 'DOCUMENT_INVALID_EXCEEDED_SIZE_LIMIT' ||
    status === 'DOCUMENT_INVALID_INCORRECT_FILE_FORMAT'
  ) {
    return [
      resultView(
        rec,
        {
          key: 'document',
          cls: 'IDV',
          supplementary: 'IDV_DOCUMENT',
          result: 'FAIL',
          state: 'ERROR',
        },
        prefix,
        start,
        start,
        now,
        null,
      ),
    ];
  }
  if (status === 'WAITING_SELFIE_UPLOAD') {
    return idvSpecs(rec, false).map((s) =>
      resultView(rec, s, prefix, start, start + processTime(rec), now, null),
    );
  }
  const selfieAt = hasSelfie(rec) ?? start;
  const doneAt = Math.max(start, selfieAt) + processTime(rec);
  return idvSpecs(rec, true).map((s) => resultView(rec, s, prefix, start, doneAt, now, null));
}

export function ocrResult(rec: EntityRecord, now: number): Record<string, unknown> | null {
  return (
    idvResults(rec, now).find(
      (r) => (r['supplementaryData'] as { type?: string }).type === 'IDV_OCR',
    ) ?? null
  );
}

export function executionView(
  rec: EntityRecord,
  ex: ExecutionRecord,
  now: number,
): Record<string, unknown> {
  const m = markers(rec);
  const doneAt = ex.startedAt + processTime(rec);
  const done = now >= doneAt;
  let state = 'IN_PROGRESS';
  let status = 'IN_PROGRESS';
  let risk: [string, number] = ['UNKNOWN', 0];
  const issues: Record<string, unknown>[] = [];
  if (done) {
    if (m.has('CDX-FAIL')) [state, status] = ['ERROR', 'UNCHECKED'];
    else if (m.has('CDX-EXPIRED')) [state, status] = ['TIMEOUT', 'INCOMPLETE'];
    else if (m.has('CDX-REJECTED')) {
      [state, status, risk] = ['COMPLETED', 'FAIL', ['HIGH', 80]];
      issues.push({ category: 'IDV', issue: 'DOCUMENT_COMPARISON', severity: 'BLOCK' });
    } else if (m.has('CDX-REVIEW') || m.has('CDX-DOUBLE_CHECK') || m.has('CDX-AML_HIT')) {
      [state, status, risk] = ['COMPLETED', 'REVIEW', ['MEDIUM', 45]];
      issues.push(
        m.has('CDX-AML_HIT')
          ? { category: 'AML', issue: 'PEP', severity: 'REVIEW' }
          : { category: 'IDV', issue: 'VISUAL_AUTHENTICITY', severity: 'REVIEW' },
      );
    } else [state, status, risk] = ['COMPLETED', 'PASS', ['LOW', 10]];
  }
  return {
    schemaVersion: 2,
    workflowName: ex.workflowName,
    workflowExecutionId: ex.workflowExecutionId,
    entityId: rec.entityId,
    workflowExecutionState: state,
    status,
    startedAt: iso(ex.startedAt),
    ...(state !== 'IN_PROGRESS' ? { endedAt: iso(doneAt) } : {}),
    riskAssessment: {
      workflowRiskLevel: risk[0],
      workflowRiskScore: risk[1],
      entityId: rec.entityId,
      workflowExecutionId: ex.workflowExecutionId,
    },
    issues,
  };
}

export function executionResults(
  rec: EntityRecord,
  ex: ExecutionRecord,
  now: number,
): Record<string, unknown>[] {
  const doneAt = ex.startedAt + processTime(rec);
  const prefix = `wf-${ex.workflowExecutionId}`;
  return idvSpecs(rec, hasSelfie(rec) !== null).map((s) =>
    resultView(rec, s, prefix, ex.startedAt, doneAt, now, ex.workflowExecutionId),
  );
}

export function allResults(rec: EntityRecord, now: number): Record<string, unknown>[] {
  return [
    ...idvResults(rec, now),
    ...rec.executions.flatMap((ex) => executionResults(rec, ex, now)),
  ];
}

export function individualView(rec: EntityRecord): Record<string, unknown> {
  const group = (cls: string) =>
    rec.documents
      .filter((d) => d.class === cls)
      .map((d) => ({
        documentId: d.documentId,
        class: d.class,
        type: d.type,
        ...(d.subtype ? { subtype: d.subtype } : {}),
        country: d.country,
        primaryIdentifier: d.primaryIdentifier,
        attachments: d.attachments.map((a) => ({
          attachmentId: a.attachmentId,
          side: a.side,
          filename: a.filename,
          mimeType: a.mimeType,
        })),
        createdAt: iso(d.createdAt),
      }));
  return {
    ...rec.individual,
    entityId: rec.entityId,
    entityType: 'INDIVIDUAL',
    schemaVersion: 2,
    createdAt: iso(rec.createdAt),
    updatedAt: iso(rec.updatedAt),
    documents: {
      IDENTITY: group('IDENTITY'),
      SUPPORTING: group('SUPPORTING'),
      OTHER: group('OTHER'),
    },
  };
}

export function serviceProfileView(rec: EntityRecord, now: number): Record<string, unknown> {
  const name = (rec.individual['name'] ?? {}) as Record<string, unknown>;
  return {
    serviceProfileId: `sp-${rec.entityId}`,
    entityId: rec.entityId,
    entityType: 'INDIVIDUAL',
    entityName: name['displayName'] ?? name['familyName'] ?? null,
    serviceName: 'KYC',
    state: rec.executions.length > 0 || rec.idv ? 'ACTIVE' : 'INIT',
    createdAt: iso(rec.createdAt),
    workflowSummaries: rec.executions.map((ex) => {
      const v = executionView(rec, ex, now);
      return {
        workflowName: v['workflowName'],
        workflowExecutionId: v['workflowExecutionId'],
        workflowExecutionState: v['workflowExecutionState'],
        status: v['status'],
      };
    }),
  };
}
