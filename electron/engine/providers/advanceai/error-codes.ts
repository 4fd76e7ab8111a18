/**
 * ADVANCE.AI eKYC `errorCode` catalogue → canonical reasons (providers.md §8.4). The vendor
 * groups codes by node (face / document / risk); the check type says which canonical check a
 * code condemns, when one fits.
 */
import type { CheckType } from '../../../../shared/model.ts';

export type AdvanceAiNode = 'face' | 'document' | 'risk' | 'user' | 'technical';

export interface ErrorCodeMapping {
  reason: string;
  node: AdvanceAiNode;
  /** Whether a new attempt by the applicant can reasonably succeed (better photo, retry). */
  retryable: boolean;
  /** The check this code fails, when there is one. */
  check: CheckType | null;
  message: string;
}

function m(
  reason: string,
  node: AdvanceAiNode,
  check: CheckType | null,
  message: string,
  retryable = false,
): ErrorCodeMapping {
  return { reason, node, check, message, retryable };
}

export const ADVANCE_AI_ERROR_CODES: Readonly<Record<string, ErrorCodeMapping>> = {
  // FAIL
  LIVENESS_ATTACK: m(
    'LIVENESS_FAILED',
    'face',
    'LIVENESS',
    'The selfie did not pass the liveness check (liveness score below 50).',
  ),
  SIMILARITY_FAILED: m(
    'FACE_MISMATCH',
    'face',
    'FACE_MATCH',
    'The selfie does not match the face on the ID (similarity below 70).',
  ),
  ID_FORGERY_DETECTED: m(
    'DOC_TAMPERED',
    'document',
    'DOC_AUTHENTICITY',
    'The ID document (front side) looks forged.',
  ),
  STRATEGY_HIT: m(
    'RISK_RULE_HIT',
    'risk',
    'RISK_RULES',
    'A vendor security policy was triggered (legacy code).',
  ),
  RISK_STRATEGY_HIT: m(
    'RISK_RULE_HIT',
    'risk',
    'RISK_RULES',
    "The session triggered the vendor's risk-prevention rules.",
  ),
  AGE_VERIFICATION_FAILED: m(
    'UNDERAGE',
    'document',
    'AGE',
    'The applicant does not meet the age requirement.',
  ),
  DOC_EXPIRED: m('DOC_EXPIRED', 'document', 'DOC_EXPIRY', 'The ID document has expired.'),
  OCR_FIELD_INVALID: m(
    'OCR_FAILED',
    'document',
    'DOC_OCR',
    'Required fields read from the document are missing or malformed.',
  ),
  NATIONALITY_COMPLIANCE_FAILED: m(
    'NATIONALITY_NOT_ALLOWED',
    'document',
    'RISK_RULES',
    'The nationality on the document is not allowed by the compliance policy.',
  ),
  // INCOMPLETE: document
  NO_SUPPORTED_CARD: m(
    'DOC_TYPE_UNSUPPORTED',
    'document',
    null,
    'The type of card in the photo is not supported.',
  ),
  // The vendor's own example spells it this way.
  NOT_SUPPORTED_CARD: m(
    'DOC_TYPE_UNSUPPORTED',
    'document',
    null,
    'The type of card in the photo is not supported.',
  ),
  NO_SUPPORTED_CARD_CUSTOMIZED: m(
    'DOC_TYPE_UNSUPPORTED',
    'document',
    null,
    'The card type is recognised but not supported yet.',
  ),
  CARD_TYPE_MISMATCH: m(
    'DOC_TYPE_MISMATCH',
    'document',
    null,
    'The card is not the type that was requested, or the wrong side was photographed.',
  ),
  REGION_TYPE_MISMATCH: m(
    'DOC_TYPE_MISMATCH',
    'document',
    null,
    "The card does not belong to the session's region.",
  ),
  CARD_LOW_QUALITY_IMAGE: m(
    'DOC_IMAGE_UNUSABLE',
    'document',
    'DOC_QUALITY',
    'The document photos are too poor to verify.',
    true,
  ),
  INCOMPLETED_CARD: m(
    'DOC_IMAGE_UNUSABLE',
    'document',
    'DOC_QUALITY',
    'The card is not fully inside the photo.',
    true,
  ),
  CARD_NOT_FOUND: m(
    'DOC_IMAGE_UNUSABLE',
    'document',
    'DOC_QUALITY',
    'No card could be found in the photo.',
    true,
  ),
  TOO_MANY_CARDS: m(
    'DOC_IMAGE_UNUSABLE',
    'document',
    'DOC_QUALITY',
    'More than one card was found in the photo.',
    true,
  ),
  CARD_INFO_MISMATCH: m(
    'DOC_SIDES_INCONSISTENT',
    'document',
    'DATA_MATCH',
    'The front and back of the card do not belong together.',
  ),
  OCR_NO_RESULT: m(
    'OCR_FAILED',
    'document',
    'DOC_OCR',
    'No text could be read from the document photos.',
    true,
  ),
  // INCOMPLETE: face
  RETRY_COUNT_REACH_MAX: m(
    'MAX_ATTEMPTS',
    'user',
    null,
    'The applicant used up the allowed number of attempts.',
  ),
  FACE_QUALITY_TOO_POOR: m(
    'FACE_IMAGE_UNUSABLE',
    'face',
    null,
    'The face image is too poor for comparison or liveness.',
    true,
  ),
  NO_FACE_DETECTED: m(
    'FACE_IMAGE_UNUSABLE',
    'face',
    'FACE_MATCH',
    'No face was found on the front of the document.',
    true,
  ),
  // INCOMPLETE: session
  USER_TIMEOUT: m(
    'USER_TIMEOUT',
    'user',
    null,
    'The applicant did not finish the session within the time allowed (1 hour).',
    true,
  ),
  PARAMETER_ERROR: m(
    'VENDOR_ERROR',
    'technical',
    null,
    'The vendor rejected the data its own front end submitted (a vendor-side bug).',
  ),
  ERROR: m(
    'VENDOR_ERROR',
    'technical',
    null,
    'The vendor failed while processing the session (a vendor-side bug).',
  ),
};

export const ADVANCE_AI_SUCCESS_CODE = 'SUCCESS';

/** INCOMPLETE codes that mean the vendor itself broke: the run failed, no decision can be read. */
export const VENDOR_FAULT_CODES: ReadonlySet<string> = new Set(['PARAMETER_ERROR', 'ERROR']);

/** Every documented overallResult value (null = still processing). */
export const OVERALL_RESULTS = ['PASS', 'FAIL', 'INCOMPLETE'] as const;
