/**
 * AiPrise user-verification result → canonical verification (providers.md §6, §8.4).
 *
 * The run status and the decision are separate at AiPrise (`status` vs
 * `aiprise_summary.verification_result`); the run-status enum differs between the vendor's pages,
 * so the union is accepted. Also reads `CASE_STATUS_UPDATE` event payloads (a reviewer's decision
 * in the AiPrise dashboard). Pure and total: odd input gives REVIEW with a reason, never APPROVED.
 */
import type {
  CanonicalVerification,
  Decision,
  Reason,
  ReviewState,
  RunStatus,
} from '../../../../shared/model.ts';
import { normalizeObjectPayload } from '../kit/import-provider.ts';
import { asArray, asObj, enumValue, epochToIso, field, str, type Obj } from '../kit/payload.ts';
import { dedupeReasons } from '../kit/reasons.ts';
import { unreadableResult } from '../kit/results.ts';
import { extractAiPrise } from './extract.ts';
import { sectionChecks, statusReasons, unknownValue, vendorNotes } from './sections.ts';

const PROVIDER = 'aiprise';

export const AIPRISE_RUN_STATUS: Readonly<Record<string, RunStatus>> = {
  NOT_STARTED: 'AWAITING_INPUT',
  COLLECTING: 'AWAITING_INPUT',
  SUBMITTED: 'QUEUED',
  RUNNING: 'PROCESSING',
  PROCESSING: 'PROCESSING',
  // Waiting for a third-party data source.
  PENDING: 'PROCESSING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
};

const FINAL_RESULTS = new Set(['APPROVED', 'DECLINED', 'REVIEW']);

export function normalizeAiPrise(payload: unknown): CanonicalVerification {
  return normalizeObjectPayload(PROVIDER, payload, normalizeObject);
}

function looksLikeResult(obj: Obj): boolean {
  return [
    'status',
    'aiprise_summary',
    'verification_session_id',
    'id_info',
    'face_match_info',
    'aml_info',
    'status_reasons',
    'verification_result',
    'additional_info',
  ].some((k) => field(obj, k) !== undefined);
}

function normalizeObject(obj: Obj): CanonicalVerification {
  // Event envelopes may carry the result under `data`.
  const nested = asObj(field(obj, 'data'));
  const result =
    !looksLikeResult(obj) && nested && looksLikeResult(nested)
      ? { ...nested, event_type: field(obj, 'event_type') }
      : obj;
  if (!looksLikeResult(result) && field(result, 'event_type') === undefined) {
    const message = str(field(obj, 'message'));
    return unreadableResult(
      PROVIDER,
      message ? `an error answer ("${message}")` : 'no AiPrise result fields',
    );
  }
  return normalizeResult(result);
}

function environmentOf(value: unknown, present: boolean): 'SANDBOX' | 'PRODUCTION' | null {
  // Production answers omit the field (or, on some page versions, send null).
  if (!present || value === null) return 'PRODUCTION';
  const v = enumValue(value);
  if (v === 'SANDBOX') return 'SANDBOX';
  if (v === 'PRODUCTION' || v === 'LIVE') return 'PRODUCTION';
  return null;
}

function normalizeResult(result: Obj): CanonicalVerification {
  const reasons: Reason[] = [];
  const summary = asObj(field(result, 'aiprise_summary'));
  const statusRaw = str(field(result, 'status'));
  const status = statusRaw?.toUpperCase() ?? null;
  const verdictRaw =
    str(field(summary, 'verification_result')) ?? str(field(result, 'verification_result'));
  const verdictValue = verdictRaw?.toUpperCase() ?? null;
  const eventType = enumValue(field(result, 'event_type'));
  const failureReasons = asArray(field(result, 'status_reasons'));

  let unknownRun = false;
  let runStatus: RunStatus;
  if (status !== null && AIPRISE_RUN_STATUS[status]) {
    runStatus = AIPRISE_RUN_STATUS[status]!;
  } else if (status !== null) {
    unknownRun = true;
    reasons.push(unknownValue('run status', statusRaw!));
    runStatus =
      verdictValue !== null && FINAL_RESULTS.has(verdictValue) ? 'COMPLETED' : 'PROCESSING';
  } else if (failureReasons.length > 0) {
    // status_reasons are only filled for FAILED runs.
    runStatus = 'FAILED';
  } else if (eventType === 'VERIFICATION_SESSION_STARTED') {
    runStatus = 'AWAITING_INPUT';
  } else if (eventType === 'VERIFICATION_REQUEST_SUBMITTED') {
    runStatus = 'PROCESSING';
  } else {
    // Callbacks and decision events carry no status: a final verdict means the run finished.
    runStatus =
      verdictValue !== null && FINAL_RESULTS.has(verdictValue) ? 'COMPLETED' : 'PROCESSING';
  }

  let decision: Decision;
  switch (verdictValue) {
    case 'APPROVED':
      // Approval is only trusted from a finished run; a failed run that "approves" is contradictory.
      decision =
        runStatus === 'COMPLETED' ? 'APPROVED' : runStatus === 'FAILED' ? 'REVIEW' : 'PENDING';
      break;
    case 'DECLINED':
      decision = 'DECLINED';
      break;
    case 'REVIEW':
      decision = 'REVIEW';
      break;
    case 'UNKNOWN':
    case null:
      decision = runStatus === 'COMPLETED' ? 'INCONCLUSIVE' : 'PENDING';
      break;
    default:
      reasons.push(unknownValue('verification_result', verdictRaw!));
      decision = 'REVIEW';
  }
  if (unknownRun && decision !== 'DECLINED') decision = 'REVIEW';

  reasons.push(...statusReasons(failureReasons, runStatus === 'FAILED' ? 'ERROR' : 'WARNING'));
  reasons.push(...vendorNotes(field(summary, 'reasons'), 'VENDOR_NOTE', 'INFO'));

  let review: ReviewState = decision === 'REVIEW' ? 'REQUIRED' : 'NONE';
  if (eventType === 'CASE_STATUS_UPDATE') {
    // A person decided in the AiPrise dashboard.
    if (decision === 'APPROVED') review = 'RESOLVED_APPROVED';
    else if (decision === 'DECLINED') review = 'RESOLVED_DECLINED';
    const reason = asObj(field(result, 'reason'));
    const author = str(field(asObj(field(result, 'author')), 'email'));
    const text = str(field(reason, 'message'));
    reasons.push({
      code: 'MANUAL_DECISION',
      vendorCode: str(field(reason, 'code')),
      message: `Decided in the AiPrise dashboard${author ? ` by ${author}` : ''}${text ? `: ${text}` : ''}`,
      severity: 'INFO',
    });
  }

  const checks = sectionChecks(result);
  const checkReasons = checks.flatMap((c) => c.reasons).filter((r) => r.severity !== 'INFO');
  const sessionId = str(field(result, 'verification_session_id'));
  const templateId = str(field(result, 'template_id'));
  return {
    provider: PROVIDER,
    runStatus,
    decision,
    review,
    vendorStatus: statusRaw,
    vendorDecision: verdictRaw,
    reasons: dedupeReasons([...reasons, ...checkReasons]),
    checks,
    extracted: extractAiPrise(result),
    externalId: sessionId,
    groupId: null,
    service: templateId ? `template:${templateId}` : null,
    ...(runStatus === 'FAILED' ? { retryable: false } : {}),
    credits: null,
    environment: environmentOf(
      field(result, 'environment'),
      field(result, 'environment') !== undefined,
    ),
    timestamps: {
      created: epochToIso(field(result, 'created_at')),
      completed: null,
      updated: null,
    },
  };
}
