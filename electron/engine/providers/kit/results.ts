/** Canonical results every adapter starts from or falls back to. */
import type {
  CanonicalVerification,
  ProviderName,
  Reason,
  RunStatus,
} from '../../../../shared/model.ts';
import { reason } from './reasons.ts';

/** Nothing known yet: REVIEW, review required, no reasons, checks or extracted data. */
export function blankResult(
  provider: ProviderName,
  runStatus: RunStatus = 'COMPLETED',
): CanonicalVerification {
  return {
    provider,
    runStatus,
    decision: 'REVIEW',
    review: 'REQUIRED',
    vendorStatus: null,
    vendorDecision: null,
    reasons: [],
    checks: [],
    extracted: {},
  };
}

/** A payload of an unknown shape: REVIEW with UNRECOGNIZED_PAYLOAD (Colleckt, FrankieOne). */
export function unrecognizedResult(provider: ProviderName, message: string): CanonicalVerification {
  return {
    ...blankResult(provider),
    reasons: [reason('UNRECOGNIZED_PAYLOAD', message, 'WARNING')],
  };
}

/** Input that is not a result at all: FAILED with UNREADABLE_PAYLOAD (ADVANCE.AI, AiPrise). */
export function unreadableResult(provider: ProviderName, why: string): CanonicalVerification {
  return {
    ...blankResult(provider, 'FAILED'),
    reasons: [
      reason(
        'UNREADABLE_PAYLOAD',
        `The payload could not be read as a ${provider} result: ${why}`,
        'ERROR',
      ),
    ],
  };
}

/** Nothing was verified, and waiting will not change that: FAILED, decision PENDING, no review. */
export function failedResult(provider: ProviderName, reasons: Reason[]): CanonicalVerification {
  return { ...blankResult(provider, 'FAILED'), decision: 'PENDING', review: 'NONE', reasons };
}

/** An error body where a result was expected (VENDOR_ERROR with the vendor's code). */
export function vendorErrorResult(
  provider: ProviderName,
  message: string,
  vendorCode: string | null,
): CanonicalVerification {
  return failedResult(provider, [reason('VENDOR_ERROR', message, 'ERROR', vendorCode)]);
}

/**
 * An imported id the vendor cannot use or does not know: FAILED and not retryable, so the clerk
 * sees the bad id on the case (instead of the row vanishing) and fixes the sheet.
 */
export function failedReferenceResult(
  provider: ProviderName,
  externalId: string | null,
  why: Reason,
  vendorStatus: string | null,
): CanonicalVerification {
  return { ...failedResult(provider, [why]), vendorStatus, externalId, retryable: false };
}
