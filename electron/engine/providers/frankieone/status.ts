/**
 * FrankieOne KYC v2 vocabularies → canonical values (providers.md §8.4). One table per enum, so a
 * table-driven test can walk every documented value.
 */
import type {
  CheckOutcome,
  CheckType,
  Decision,
  ReviewState,
  RunStatus,
  Severity,
} from '../../../../shared/model.ts';

export interface StatusReason {
  code: string;
  severity: Severity;
  message: string;
  retryable?: boolean;
}

export interface ProcessStatusMeaning {
  runStatus: RunStatus;
  /** COMPLETE statuses take the decision from the results; everything else is PENDING. */
  final: boolean;
  reason?: StatusReason;
}

/** IDV process/checkstatus `status` and OCR `status` (their size/format values coincide). */
export const PROCESS_STATUS: Record<string, ProcessStatusMeaning> = {
  IN_PROGRESS: { runStatus: 'PROCESSING', final: false },
  CHECK_PROCESSING: { runStatus: 'PROCESSING', final: false },
  CHECK_PROCESSING_DOWNLOAD_FAIL: {
    runStatus: 'PROCESSING',
    final: false,
    reason: {
      code: 'PROVIDER_IMAGE_DOWNLOAD_RETRYING',
      severity: 'INFO',
      message: 'The IDV provider could not download the images yet; it retries by itself.',
    },
  },
  WAITING_SELFIE_UPLOAD: {
    runStatus: 'AWAITING_INPUT',
    final: false,
    reason: {
      code: 'SELFIE_MISSING',
      severity: 'WARNING',
      message: 'The IDV check waits for a selfie.',
    },
  },
  DOCUMENT_INVALID_EXCEEDED_SIZE_LIMIT: {
    runStatus: 'FAILED',
    final: false,
    reason: {
      code: 'FILE_TOO_LARGE',
      severity: 'ERROR',
      message: 'The document is too large for the IDV provider; send a smaller file.',
      retryable: true,
    },
  },
  DOCUMENT_INVALID_INCORRECT_FILE_FORMAT: {
    runStatus: 'FAILED',
    final: false,
    reason: {
      code: 'FILE_FORMAT_UNSUPPORTED',
      severity: 'ERROR',
      message: 'The IDV provider does not accept this file format; send a JPEG or PNG.',
      retryable: true,
    },
  },
  PROVIDER_OFFLINE: {
    runStatus: 'FAILED',
    final: false,
    reason: {
      code: 'PROVIDER_UNAVAILABLE',
      severity: 'ERROR',
      message: 'The IDV provider behind FrankieOne is offline.',
      retryable: true,
    },
  },
  COMPLETE: { runStatus: 'COMPLETED', final: true },
  AWAITING_DOCUMENT_UPLOAD_FRONT: {
    runStatus: 'AWAITING_INPUT',
    final: false,
    reason: {
      code: 'DOC_SIDE_MISSING',
      severity: 'WARNING',
      message: 'The front of the ID document has not been uploaded.',
    },
  },
  AWAITING_DOCUMENT_UPLOAD_BACK: {
    runStatus: 'AWAITING_INPUT',
    final: false,
    reason: {
      code: 'DOC_SIDE_MISSING',
      severity: 'WARNING',
      message: 'The back of the ID document has not been uploaded.',
    },
  },
  AWAITING_DOCUMENT_OCR: { runStatus: 'PROCESSING', final: false },
  AWAITING_OCR_RESULTS_PROVIDER_OFFLINE: {
    runStatus: 'FAILED',
    final: false,
    reason: {
      code: 'PROVIDER_UNAVAILABLE',
      severity: 'ERROR',
      message: 'The OCR provider behind FrankieOne is offline.',
      retryable: true,
    },
  },
  AWAITING_DOCUMENT_UPLOAD_INVALID_TYPE: {
    runStatus: 'FAILED',
    final: false,
    reason: {
      code: 'DOC_TYPE_UNSUPPORTED',
      severity: 'ERROR',
      message: 'The OCR provider does not support this document type.',
    },
  },
  WAITING_DOCUMENT_UPLOAD_FAILED_OCR: {
    runStatus: 'FAILED',
    final: false,
    reason: {
      code: 'OCR_FAILED',
      severity: 'ERROR',
      message: 'The document could not be read (OCR failed); upload a clearer image.',
      retryable: true,
    },
  },
  COMPLETE_OCR: { runStatus: 'COMPLETED', final: true },
};

export interface ResultMeaning {
  outcome: CheckOutcome;
  reason?: StatusReason;
}

/** Process-result `result`. OVERRIDE defers to `manualStatus`. */
export const RESULT_OUTCOME: Record<string, ResultMeaning | 'MANUAL_STATUS'> = {
  MATCH: { outcome: 'PASS' },
  CLEAR: { outcome: 'PASS' },
  CLEAR_AUTO: { outcome: 'PASS' },
  PARTIAL_MATCH: { outcome: 'REVIEW' },
  SUSPECTED: { outcome: 'REVIEW' },
  MANUAL: { outcome: 'REVIEW' },
  HIT: {
    outcome: 'REVIEW',
    reason: {
      code: 'POTENTIAL_MATCH',
      severity: 'WARNING',
      message: 'A screening list returned a potential match.',
    },
  },
  NO_MATCH: { outcome: 'FAIL' },
  INVALID_MATCH: { outcome: 'FAIL' },
  FAIL: { outcome: 'FAIL' },
  REJECTED: { outcome: 'FAIL' },
  BAD_DATA: {
    outcome: 'ERROR',
    reason: {
      code: 'INPUT_DATA_INVALID',
      severity: 'ERROR',
      message: 'FrankieOne could not use the data sent for this check.',
    },
  },
  CREATED: { outcome: 'INFO' },
  UPDATED: { outcome: 'INFO' },
  DELETED: { outcome: 'INFO' },
  NOT_APPLICABLE: { outcome: 'INFO' },
  OVERRIDE: 'MANUAL_STATUS',
};

/** Process-result `state`; COMPLETED means "read the result". */
export const STATE_OUTCOME: Record<string, CheckOutcome | 'RESULT'> = {
  IN_PROGRESS: 'PENDING',
  COMPLETED: 'RESULT',
  TIMEOUT: 'ERROR',
  ERROR: 'ERROR',
};

export type SystemStatusEffect = 'use' | 'stale' | 'exclude';
export const SYSTEM_STATUS: Record<string, SystemStatusEffect> = {
  VALID: 'use',
  EXPIRED: 'stale',
  STALE: 'stale',
  MARKED_INVALID: 'exclude',
  MARKED_IGNORE: 'exclude',
};

export interface ManualMeaning {
  outcome: CheckOutcome;
  review: ReviewState;
}
const RESOLVED_PASS: ManualMeaning = { outcome: 'PASS', review: 'RESOLVED_APPROVED' };
const RESOLVED_FAIL: ManualMeaning = { outcome: 'FAIL', review: 'RESOLVED_DECLINED' };
const UNRESOLVED: ManualMeaning = { outcome: 'REVIEW', review: 'REQUIRED' };

/** `manualStatus` set by a reviewer (AML, KYC and IDV variants). */
export const MANUAL_STATUS: Record<string, ManualMeaning> = {
  PASS: RESOLVED_PASS,
  CLEAR: RESOLVED_PASS,
  FALSE_POSITIVE: RESOLVED_PASS,
  FALSE_POSITIVE_ACCEPT: RESOLVED_PASS,
  TRUE_POSITIVE_ACCEPT: RESOLVED_PASS,
  UNKNOWN_ACCEPT: RESOLVED_PASS,
  FAIL: RESOLVED_FAIL,
  REJECTED: RESOLVED_FAIL,
  TRUE_POSITIVE_REJECT: RESOLVED_FAIL,
  UNKNOWN_REJECT: RESOLVED_FAIL,
  TRUE_POSITIVE: UNRESOLVED,
  UNKNOWN: UNRESOLVED,
};

/** Process-result `class` → check type; IDV is refined by `supplementaryData.type`. */
export const CLASS_CHECK: Record<string, CheckType> = {
  KYC: 'DATA_MATCH',
  ID: 'GOV_DB_LOOKUP',
  IDV: 'DOC_AUTHENTICITY',
  AML: 'AML_SCREENING',
  FRAUDLIST: 'FRAUD_SIGNALS',
  FRAUDCHECK: 'FRAUD_SIGNALS',
  FRAUD: 'FRAUD_SIGNALS',
  DEVICE: 'FRAUD_SIGNALS',
  MOBILE: 'FRAUD_SIGNALS',
  EMAIL: 'FRAUD_SIGNALS',
  DUPLICATE: 'DUPLICATE',
  BLOCKLIST: 'RISK_RULES',
  MATCHLIST: 'RISK_RULES',
  ACTIVITY: 'RISK_RULES',
  VISA: 'GOV_DB_LOOKUP',
  LOOKUP: 'OTHER',
  CREATE: 'OTHER',
  UPDATE: 'OTHER',
  DELETE: 'OTHER',
  KYB: 'OTHER',
  SUPPORTING_DOC: 'OTHER',
};

export const IDV_SUPPLEMENTARY_CHECK: Record<string, CheckType> = {
  IDV_DOCUMENT: 'DOC_AUTHENTICITY',
  IDV_FACIAL_COMPARISON: 'FACE_MATCH',
  IDV_FACIAL_LIVENESS: 'LIVENESS',
  IDV_OCR: 'DOC_OCR',
  IDV_OCR_COMPARISON: 'DATA_MATCH',
};

export interface WorkflowMeaning {
  decision: Decision;
  review: ReviewState;
}

/** Workflow execution result (`status` in execution summaries, `result` in some payloads). */
export const WORKFLOW_RESULT: Record<string, WorkflowMeaning> = {
  PASS: { decision: 'APPROVED', review: 'NONE' },
  CLEAR: { decision: 'APPROVED', review: 'NONE' },
  APPROVED: { decision: 'APPROVED', review: 'RESOLVED_APPROVED' },
  FAIL: { decision: 'DECLINED', review: 'NONE' },
  REJECTED: { decision: 'DECLINED', review: 'RESOLVED_DECLINED' },
  REVIEW: { decision: 'REVIEW', review: 'REQUIRED' },
  NEEDS_APPROVAL: { decision: 'REVIEW', review: 'REQUIRED' },
  BLOCKED: { decision: 'REVIEW', review: 'REQUIRED' },
  URGENT: { decision: 'REVIEW', review: 'REQUIRED' },
  MONITOR: { decision: 'REVIEW', review: 'REQUIRED' },
  COMPLETE: { decision: 'NOT_APPLICABLE', review: 'NONE' },
  INCOMPLETE: { decision: 'INCONCLUSIVE', review: 'NONE' },
  UNCHECKED: { decision: 'PENDING', review: 'NONE' },
  IN_PROGRESS: { decision: 'PENDING', review: 'NONE' },
};

export const WORKFLOW_STATE: Record<string, RunStatus> = {
  IN_PROGRESS: 'PROCESSING',
  COMPLETED: 'COMPLETED',
  CANCELED: 'CANCELLED',
  TERMINATED: 'FAILED',
  ERROR: 'FAILED',
  TIMEOUT: 'FAILED',
};

/** Workflow issue severities → reason severities. */
export const ISSUE_SEVERITY: Record<string, Severity> = {
  INFO: 'INFO',
  WARNING: 'WARNING',
  REVIEW: 'WARNING',
  BLOCK: 'ERROR',
  CRITICAL: 'ERROR',
  ERROR: 'ERROR',
};

/** FrankieOne error codes sometimes carry a trailing comma ("API-0400,"): the code is the part before it. */
export function cleanErrorCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().replace(/[\s,;]+$/, '');
  return code.length > 0 ? code : null;
}
