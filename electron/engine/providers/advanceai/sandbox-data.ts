/**
 * What the ADVANCE.AI sandbox answers for a session: outcome markers, and the get-result data
 * for a session at a given age (results advance with time, computed on read).
 */
import { randomBytes } from 'node:crypto';
import { ADVANCE_AI_ERROR_CODES } from './error-codes.ts';

/**
 * Outcome markers: `PASS`; `FAIL` or `FAIL:<errorCode>`; `INCOMPLETE` or `INCOMPLETE:<errorCode>`;
 * `PENDING` (submitted, never finishes); `ABANDONED` (never submitted); `SERVER_ERROR` (get-result
 * answers code ERROR). Any UPPER_SNAKE error code is accepted so undocumented codes can be tried.
 */
export interface AdvanceAiOutcome {
  kind: 'PASS' | 'FAIL' | 'INCOMPLETE' | 'PENDING' | 'ABANDONED' | 'SERVER_ERROR';
  errorCode: string | null;
}

const DEFAULT_CODES: Record<'FAIL' | 'INCOMPLETE', string> = {
  FAIL: 'LIVENESS_ATTACK',
  INCOMPLETE: 'CARD_LOW_QUALITY_IMAGE',
};

export function parseOutcome(text: unknown): AdvanceAiOutcome | null {
  if (text === undefined || text === null) return { kind: 'PASS', errorCode: 'SUCCESS' };
  if (typeof text !== 'string') return null;
  const [head, code, ...rest] = text.trim().toUpperCase().split(':');
  if (rest.length > 0 || !head) return null;
  if (head === 'PASS' && code === undefined) return { kind: 'PASS', errorCode: 'SUCCESS' };
  if (head === 'FAIL' || head === 'INCOMPLETE') {
    if (code === undefined) return { kind: head, errorCode: DEFAULT_CODES[head] };
    return /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? { kind: head, errorCode: code } : null;
  }
  if ((head === 'PENDING' || head === 'ABANDONED' || head === 'SERVER_ERROR') && code === undefined)
    return { kind: head, errorCode: null };
  return null;
}

export function formatOutcome(outcome: AdvanceAiOutcome): string {
  return outcome.kind === 'FAIL' || outcome.kind === 'INCOMPLETE'
    ? `${outcome.kind}:${outcome.errorCode}`
    : outcome.kind;
}

/** A fictitious Indonesian KTP holder (female, born 7 Aug 1990: NIK day 07 + 40). */
function ktpFront(): Record<string, unknown> {
  return {
    idNumber: '3171014708900003',
    documentNumber: null,
    fullName: 'SITI RAHAYU',
    firstName: null,
    lastName: null,
    birthday: '1990/08/07',
    expiryDate: 'SEUMUR HIDUP',
    issueDate: '2012/05/14',
    state: 'DKI JAKARTA',
    city: 'JAKARTA PUSAT',
    district: 'GAMBIR',
    subdistrict: 'CIDENG',
    fullAddress: 'JL. KEBON SIRIH NO. 12 RT 001 RW 002',
    postcode: null,
    placeOfBirth: 'JAKARTA',
    gender: 'FEMALE',
    genderLocal: 'PEREMPUAN',
    religion: 'ISLAM',
    nationality: 'WNI',
    countryCode: 'IDN',
    others: {},
    side: 'front',
  };
}

function imageValue(
  kind: 'URL' | 'BASE64',
  origin: string,
  signatureId: string,
  name: string,
): string {
  if (kind === 'BASE64') return randomBytes(3072).toString('base64');
  return `${origin}/__sandbox/images/${signatureId}/${name}.jpg`;
}

function events(createdAt: number): Record<string, unknown>[] {
  return [{ event: 'FE_DOCUMENT_SCAN', result: 'PASS', createTimestmap: createdAt }];
}

interface Phase {
  stage: 'collecting' | 'processing' | 'final';
}

function phaseOf(outcome: AdvanceAiOutcome, ageMs: number, stepMs: number): Phase {
  if (outcome.kind === 'ABANDONED') return { stage: 'collecting' };
  if (outcome.kind === 'INCOMPLETE' && outcome.errorCode === 'USER_TIMEOUT')
    return { stage: ageMs < stepMs ? 'collecting' : 'final' };
  if (ageMs < stepMs) return { stage: 'collecting' };
  if (outcome.kind === 'PENDING' || ageMs < 2 * stepMs) return { stage: 'processing' };
  return { stage: 'final' };
}

export interface ResultInput {
  signatureId: string;
  outcome: AdvanceAiOutcome;
  createdAt: number;
  now: number;
  stepMs: number;
  imageType: 'URL' | 'BASE64';
  origin: string;
}

/** The `data` object of a SUCCESS get-result answer. */
export function buildResultData(input: ResultInput): Record<string, unknown> {
  const { signatureId, outcome, createdAt } = input;
  const img = (name: string): string =>
    imageValue(input.imageType, input.origin, signatureId, name);
  const stage = phaseOf(outcome, input.now - createdAt, input.stepMs).stage;
  const common = {
    signatureId,
    feeDetail: [{ name: 'SOLUTION', type: 'SOLUTION' }],
    countryCodeIso3: 'IDN',
    inputParameters: {
      bizId: `sandbox-${signatureId}`,
      userId: null,
      region: 'IDN',
      language: 'id-ID',
      docType: 'ID-ID-KTP',
      productLevel: 'STANDARD',
    },
  };
  const docProcessing = {
    ocrResult: 'PASS',
    docFrontImage: img('front'),
    docBackImage: null,
    docType: { front: 'ID-ID-KTP', back: null },
    ocrInfo: { front: ktpFront(), back: null },
    qualityLabels: { front: null, back: null },
    forgeryLabels: null,
    eventDetails: events(createdAt),
  };
  if (stage === 'collecting') {
    return {
      ...common,
      overallResult: null,
      idvResult: null,
      submissionCompleted: false,
      errorCode: null,
      faceDetail: null,
      docDetail: null,
    };
  }
  if (stage === 'processing') {
    return {
      ...common,
      overallResult: null,
      idvResult: null,
      submissionCompleted: true,
      errorCode: null,
      faceDetail: {
        faceResult: null,
        faceImageFar: img('far'),
        faceImageNear: img('near'),
        faceLivenessScore: 97,
        faceSimilarityScore: null,
        eventDetails: events(createdAt),
      },
      docDetail: docProcessing,
    };
  }

  const code = outcome.errorCode ?? 'SUCCESS';
  const node = ADVANCE_AI_ERROR_CODES[code]?.node ?? 'risk';
  const result = outcome.kind === 'PASS' ? 'PASS' : outcome.kind;
  let liveness: number | null = 98;
  let similarity: number | null = 91.5;
  let faceResult: string | null = 'PASS';
  let ocrResult: string | null = 'PASS';
  let ocrInfo: unknown = { front: ktpFront(), back: null };
  let forgeryLabels: string[] | null = [];
  let qualityFront: Record<string, boolean> | null = {
    isBlur: false,
    isDim: false,
    isExposure: false,
  };

  if (code === 'LIVENESS_ATTACK') [faceResult, liveness] = ['FAIL', 12.5];
  else if (code === 'SIMILARITY_FAILED') [faceResult, similarity] = ['FAIL', 35];
  else if (code === 'ID_FORGERY_DETECTED') forgeryLabels = ['photocopy', 'screen_recapture'];
  else if (code === 'OCR_FIELD_INVALID') ocrResult = 'FAIL';
  else if (code === 'CARD_LOW_QUALITY_IMAGE')
    qualityFront = { isBlur: true, isDim: false, isExposure: true };

  const faceNeverRan =
    result === 'INCOMPLETE' && (node === 'document' || node === 'user' || node === 'technical');
  const docNeverRead = result === 'INCOMPLETE' && node === 'document';
  if (result === 'INCOMPLETE' && node === 'face')
    [faceResult, liveness, similarity] = ['FAIL', null, null];
  if (faceNeverRan) [faceResult, liveness, similarity] = [null, null, null];
  if (docNeverRead || node === 'technical' || code === 'USER_TIMEOUT') {
    [ocrResult, ocrInfo, forgeryLabels, qualityFront] = [
      null,
      null,
      null,
      code === 'CARD_LOW_QUALITY_IMAGE' ? qualityFront : null,
    ];
  }

  return {
    ...common,
    overallResult: result,
    idvResult: result,
    submissionCompleted: code !== 'USER_TIMEOUT',
    errorCode: code,
    faceDetail: {
      faceResult,
      faceImageFar: faceResult ? img('far') : null,
      faceImageNear: faceResult ? img('near') : null,
      auditImageUrl:
        faceResult && input.imageType === 'URL'
          ? `${input.origin}/__sandbox/images/${signatureId}/audit.zip`
          : null,
      faceLivenessScore: liveness,
      faceSimilarityScore: similarity,
      eventDetails: faceResult ? events(createdAt) : [],
    },
    docDetail: {
      ...docProcessing,
      ocrResult,
      docFrontImage: ocrInfo ? img('front') : null,
      ocrInfo,
      qualityLabels: { front: qualityFront, back: null },
      forgeryLabels,
    },
  };
}
