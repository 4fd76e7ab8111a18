/**
 * AnyCheck status vocabulary → the canonical axes (providers.md §8.4). AnyCheck folds run state
 * and outcome into `status` and puts the verdict in `output_status`; this splits them.
 */
import type { Decision, Reason, ReviewState, RunStatus } from '../../../../shared/model.ts';
import { reason } from '../kit/reasons.ts';

export const VERIFICATION_STATUSES = [
  'DRAFT',
  'IN_QUEUE',
  'IN_PROGRESS',
  'FRAUD_DETECTED',
  'NEED_REVIEW',
  'COMPLETED',
  'PARTIALLY_COMPLETED',
  'FAILED',
  'PARTIALLY_FAILED',
  'CANCELLED',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const OUTPUT_STATUSES = ['VERIFIED', 'NOT_VERIFIED', 'PARTIALLY_NOT_VERIFIED'] as const;
export type OutputStatus = (typeof OUTPUT_STATUSES)[number];

/** Vendor enums arrive upper-case in current payloads, lower-case or spaced in older ones. */
export function vendorToken(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return t.length > 0 ? t : null;
}

export function isVerificationStatus(value: string | null): value is VerificationStatus {
  return value !== null && (VERIFICATION_STATUSES as readonly string[]).includes(value);
}

export function isOutputStatus(value: string | null): value is OutputStatus {
  return value !== null && (OUTPUT_STATUSES as readonly string[]).includes(value);
}

export interface Axes {
  runStatus: RunStatus;
  decision: Decision;
  review: ReviewState;
  retryable: boolean;
  reasons: Reason[];
}

export function unknownValue(field: string, value: unknown): Reason {
  const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return reason(
    'UNKNOWN_VENDOR_VALUE',
    `AnyCheck sent a ${field} CheckDesk does not know (${shown.slice(0, 80)}); a person has to look at it.`,
    'WARNING',
    typeof value === 'string' ? value : null,
  );
}

/**
 * Axes of one verification from its status. COMPLETED is refined by the caller with the verdict.
 * Unknown (or missing) statuses keep the verification open (AWAITING_INPUT: not final, so it is
 * still polled) and ask a person, never approving.
 */
export function statusAxes(rawStatus: unknown): Axes {
  const status = vendorToken(rawStatus);
  const base = { review: 'NONE' as ReviewState, retryable: false, reasons: [] as Reason[] };
  switch (status) {
    case 'DRAFT':
      return { ...base, runStatus: 'DRAFT', decision: 'PENDING' };
    case 'IN_QUEUE':
      return { ...base, runStatus: 'QUEUED', decision: 'PENDING' };
    case 'IN_PROGRESS':
      return { ...base, runStatus: 'PROCESSING', decision: 'PENDING' };
    case 'FRAUD_DETECTED':
      return {
        ...base,
        runStatus: 'AWAITING_INPUT',
        decision: 'REVIEW',
        review: 'REQUIRED',
        reasons: [
          reason(
            'FRAUD_SUSPECTED',
            'AnyCheck suspects the document was tampered with and stopped before extracting it; a person must confirm the fraud or let it continue.',
            'WARNING',
            'FRAUD_DETECTED',
          ),
        ],
      };
    case 'NEED_REVIEW':
      return {
        ...base,
        runStatus: 'COMPLETED',
        decision: 'REVIEW',
        review: 'REQUIRED',
        reasons: [
          reason(
            'VENDOR_REVIEW_REQUIRED',
            'AnyCheck marked the result for manual review.',
            'WARNING',
            'NEED_REVIEW',
          ),
        ],
      };
    case 'COMPLETED':
      return { ...base, runStatus: 'COMPLETED', decision: 'NOT_APPLICABLE' };
    case 'PARTIALLY_COMPLETED':
      // A group state: on one verification it can only mean "part of its group is still running".
      return {
        ...base,
        runStatus: 'PROCESSING',
        decision: 'PENDING',
        reasons: [
          reason(
            'GROUP_PARTIALLY_COMPLETED',
            'Part of the result group is still being processed.',
            'INFO',
            'PARTIALLY_COMPLETED',
          ),
        ],
      };
    case 'PARTIALLY_FAILED':
      return {
        ...base,
        runStatus: 'COMPLETED',
        decision: 'REVIEW',
        review: 'REQUIRED',
        reasons: [
          reason(
            'GROUP_PARTIALLY_FAILED',
            'Part of the result group failed at AnyCheck.',
            'WARNING',
            'PARTIALLY_FAILED',
          ),
        ],
      };
    case 'FAILED':
      return {
        ...base,
        runStatus: 'FAILED',
        decision: 'PENDING',
        retryable: true,
        reasons: [
          reason(
            'VENDOR_PROCESSING_FAILED',
            'AnyCheck could not process the verification; it can be retried.',
            'ERROR',
            'FAILED',
            true,
          ),
        ],
      };
    case 'CANCELLED':
      return {
        ...base,
        runStatus: 'CANCELLED',
        decision: 'PENDING',
        retryable: true,
        reasons: [
          reason(
            'CANCELLED_AT_PROVIDER',
            'The verification was cancelled at AnyCheck before it completed; it can be retried.',
            'WARNING',
            'CANCELLED',
            true,
          ),
        ],
      };
    default:
      return {
        ...base,
        runStatus: 'AWAITING_INPUT',
        decision: 'REVIEW',
        review: 'REQUIRED',
        reasons: [
          status === null
            ? reason(
                'UNKNOWN_VENDOR_VALUE',
                'The AnyCheck payload carries no status; a person has to look at it.',
                'WARNING',
              )
            : unknownValue('status', rawStatus),
        ],
      };
  }
}

/** Verdict of a COMPLETED verification from `output_status` (null = no verdict by design). */
export function outputDecision(rawOutputStatus: unknown): {
  decision: Decision;
  reasons: Reason[];
  known: boolean;
} {
  if (rawOutputStatus === null || rawOutputStatus === undefined)
    return { decision: 'NOT_APPLICABLE', reasons: [], known: true };
  const value = vendorToken(rawOutputStatus);
  switch (value) {
    case 'VERIFIED':
      return { decision: 'APPROVED', reasons: [], known: true };
    case 'NOT_VERIFIED':
      return {
        decision: 'DECLINED',
        reasons: [
          reason(
            'NOT_VERIFIED',
            'AnyCheck could not verify the document.',
            'ERROR',
            'NOT_VERIFIED',
          ),
        ],
        known: true,
      };
    case 'PARTIALLY_NOT_VERIFIED':
      return {
        decision: 'REVIEW',
        reasons: [
          reason(
            'PARTIALLY_NOT_VERIFIED',
            'AnyCheck verified only part of the document.',
            'WARNING',
            'PARTIALLY_NOT_VERIFIED',
          ),
        ],
        known: true,
      };
    default:
      return {
        decision: 'REVIEW',
        reasons: [unknownValue('output_status', rawOutputStatus)],
        known: false,
      };
  }
}
