/**
 * Colleckt's status vocabularies and what they mean canonically (providers.md §8.4).
 *
 * The API reference gives each verification status a number ("API value") and a label, while the
 * data model only shows `status_label`; payloads may carry either, as a number, a numeric string
 * or a label in any case. Everything funnels through `verificationStatus` / `documentStatus`.
 */
import type {
  CheckOutcome,
  CheckType,
  Decision,
  ReviewState,
  RunStatus,
} from '../../../../shared/model.ts';
import type { ProviderAction } from '../types.ts';
import { enumKey, num } from '../kit/payload.ts';

export const VERIFICATION_STATUS = {
  STARTED: 1,
  SUBMITTED: 2,
  APPROVED: 3,
  REJECTED: 4,
  DOUBLE_CHECK: 5,
  EXPIRED: 6,
  CANCELED: 7,
  HOLD: 8,
} as const;
export type VerificationStatusCode = (typeof VERIFICATION_STATUS)[keyof typeof VERIFICATION_STATUS];

export const VERIFICATION_LABELS: Record<VerificationStatusCode, string> = {
  1: 'Started',
  2: 'Submitted',
  3: 'Approved',
  4: 'Rejected',
  5: 'Double Check',
  6: 'Expired',
  7: 'Canceled',
  8: 'Hold',
};

/** Label spellings seen in the docs, the webhooks (`approved`, `double-check`) and plausible variants. */
const VERIFICATION_BY_KEY: Record<string, VerificationStatusCode> = {
  STARTED: 1,
  SUBMITTED: 2,
  APPROVED: 3,
  REJECTED: 4,
  DOUBLE_CHECK: 5,
  DOUBLECHECK: 5,
  EXPIRED: 6,
  CANCELED: 7,
  CANCELLED: 7,
  HOLD: 8,
  ON_HOLD: 8,
};

/** A verification status in any accepted form → its number; null when unknown. */
export function verificationStatus(value: unknown): VerificationStatusCode | null {
  const n = num(value);
  if (n !== null) return n in VERIFICATION_LABELS ? (n as VerificationStatusCode) : null;
  const key = enumKey(value);
  return key === null ? null : (VERIFICATION_BY_KEY[key] ?? null);
}

export interface StatusMeaning {
  runStatus: RunStatus;
  decision: Decision;
  review: ReviewState;
}

/**
 * Statuses 3 and 4 resolve their review axis from the history (manual vs automatic), and 8 (Hold)
 * and 7 (Canceled) take their decision from the status before them; `normalize` applies that.
 */
export const VERIFICATION_MEANING: Record<VerificationStatusCode, StatusMeaning> = {
  1: { runStatus: 'AWAITING_INPUT', decision: 'PENDING', review: 'NONE' },
  2: { runStatus: 'PROCESSING', decision: 'PENDING', review: 'NONE' },
  3: { runStatus: 'COMPLETED', decision: 'APPROVED', review: 'NONE' },
  4: { runStatus: 'COMPLETED', decision: 'DECLINED', review: 'NONE' },
  5: { runStatus: 'COMPLETED', decision: 'REVIEW', review: 'REQUIRED' },
  6: { runStatus: 'EXPIRED', decision: 'INCONCLUSIVE', review: 'NONE' },
  7: { runStatus: 'CANCELLED', decision: 'PENDING', review: 'NONE' },
  8: { runStatus: 'ON_HOLD', decision: 'PENDING', review: 'NONE' },
};

/** Statuses that carry a verdict: the vendor's "decision" (vendorDecision) is their label. */
export const DECISION_STATUSES: readonly VerificationStatusCode[] = [3, 4, 5];

export const DOCUMENT_STATUS_LABELS: Record<number, string> = {
  1: 'Uploaded',
  2: 'In Progress',
  3: 'Approved',
  4: 'Rejected',
  5: 'Double Check',
  6: 'Canceled',
  7: 'Extracted',
};

const DOCUMENT_BY_KEY: Record<string, number> = {
  UPLOADED: 1,
  IN_PROGRESS: 2,
  INPROGRESS: 2,
  APPROVED: 3,
  REJECTED: 4,
  DOUBLE_CHECK: 5,
  DOUBLECHECK: 5,
  CANCELED: 6,
  CANCELLED: 6,
  EXTRACTED: 7,
};

export function documentStatus(value: unknown): number | null {
  const n = num(value);
  if (n !== null) return n in DOCUMENT_STATUS_LABELS ? n : null;
  const key = enumKey(value);
  return key === null ? null : (DOCUMENT_BY_KEY[key] ?? null);
}

/** Extracted (7) means OCR finished but validation has not: still pending as a check. */
export const DOCUMENT_OUTCOME: Record<number, CheckOutcome> = {
  1: 'PENDING',
  2: 'PENDING',
  3: 'PASS',
  4: 'FAIL',
  5: 'REVIEW',
  6: 'NOT_RUN',
  7: 'PENDING',
};

export type DocumentType = 'photo_id' | 'proof_of_address' | 'selfie';

export const DOCUMENT_TYPE_CODES: Record<DocumentType, number> = {
  photo_id: 1,
  proof_of_address: 2,
  selfie: 3,
};

export function documentType(value: unknown): DocumentType | null {
  const n = num(value);
  if (n === 1) return 'photo_id';
  if (n === 2) return 'proof_of_address';
  if (n === 3) return 'selfie';
  switch (enumKey(value)) {
    case 'PHOTO_ID':
    case 'PHOTOID':
      return 'photo_id';
    case 'PROOF_OF_ADDRESS':
    case 'PROOFOFADDRESS':
      return 'proof_of_address';
    case 'SELFIE':
      return 'selfie';
    default:
      return null;
  }
}

/** Which canonical checks one document's status speaks for. */
export const CHECKS_BY_DOCUMENT: Record<DocumentType, readonly CheckType[]> = {
  photo_id: ['DOC_AUTHENTICITY', 'DOC_OCR', 'DATA_MATCH'],
  proof_of_address: ['ADDRESS_PROOF', 'DATA_MATCH'],
  selfie: ['FACE_MATCH'],
};

export type CollecktAction = Extract<
  ProviderAction,
  'approve' | 'reject' | 'hold' | 'resume' | 'cancel' | 'resubmit'
>;

/** The source statuses each manual action is allowed from (the vendor's verification guide). */
export const ALLOWED_FROM: Record<CollecktAction, readonly VerificationStatusCode[]> = {
  approve: [2, 5],
  reject: [2, 5],
  hold: [1, 2, 5],
  resume: [8],
  cancel: [1, 2, 8, 5],
  resubmit: [4],
};

export const COLLECKT_ACTIONS = Object.keys(ALLOWED_FROM) as CollecktAction[];

export function isCollecktAction(action: string): action is CollecktAction {
  return action in ALLOWED_FROM;
}
