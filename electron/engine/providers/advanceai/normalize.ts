/**
 * ADVANCE.AI eKYC get-result payload → canonical verification (providers.md §5, §8.4).
 *
 * Accepts the envelope `{code, message, data, …}` or a bare data object, and the quirks of the
 * vendor's own examples: `overResult` for `overallResult`, lowercase values, `docResult` /
 * `idFrontImage` / `idBackImage` for `ocrResult` / `docFrontImage` / `docBackImage`,
 * `createTimestmap`, int or float scores, `NOT_SUPPORTED_CARD`. Pure and total: odd input gives
 * a REVIEW result with a reason, never an exception, and never APPROVED.
 */
import type {
  CanonicalVerification,
  Check,
  CheckOutcome,
  CheckType,
  Extracted,
  Reason,
  RunStatus,
  Decision,
  Score,
} from '../../../../shared/model.ts';
import {
  ADVANCE_AI_ERROR_CODES,
  ADVANCE_AI_SUCCESS_CODE,
  VENDOR_FAULT_CODES,
  type ErrorCodeMapping,
} from './error-codes.ts';
import { normalizeObjectPayload } from '../kit/import-provider.ts';
import {
  asArray,
  asObj,
  bool,
  enumValue,
  epochToIso,
  field,
  firstNonNull,
  num,
  str,
  type Obj,
} from '../kit/payload.ts';
import { dedupeReasons } from '../kit/reasons.ts';
import { reason } from '../kit/reasons.ts';
import { failedReferenceResult, unreadableResult } from '../kit/results.ts';
import { extractAdvanceAi } from './extract.ts';

const PROVIDER = 'advanceai';
export const ADVANCE_AI_SERVICE = 'ekyc-h5';
/** Vendor thresholds on its 0–100 scale: FAIL below these (seed 003). Kept on the raw scale. */
export const LIVENESS_THRESHOLD = 50;
export const SIMILARITY_THRESHOLD = 70;

export function normalizeAdvanceAi(payload: unknown): CanonicalVerification {
  return normalizeObjectPayload(PROVIDER, payload, normalizeObject);
}

function unknownValue(what: string, value: string): Reason {
  return {
    code: 'UNKNOWN_VENDOR_VALUE',
    vendorCode: value,
    message: `ADVANCE.AI sent an undocumented ${what} "${value}"; a person should check this result`,
    severity: 'WARNING',
  };
}

function looksLikeData(obj: Obj): boolean {
  return [
    'overallResult',
    'overResult',
    'idvResult',
    'faceDetail',
    'docDetail',
    'signatureId',
    'submissionCompleted',
    'errorCode',
  ].some((k) => field(obj, k) !== undefined);
}

function normalizeObject(obj: Obj): CanonicalVerification {
  if (looksLikeData(obj)) return normalizeData(obj, null, null);

  const codeRaw = str(field(obj, 'code'));
  const code = codeRaw?.toUpperCase() ?? null;
  const data = asObj(field(obj, 'data'));
  const vendorMessage = str(field(obj, 'message'));
  const transactionId = str(field(obj, 'transactionId'));
  if (code === null && !data)
    return unreadableResult(PROVIDER, 'neither an envelope with a code nor a result object');

  if (code === 'SIGNATURE_NOT_EXIST') return notFoundResult(codeRaw!);
  if (code === 'ERROR') return vendorErrorResult(codeRaw!, vendorMessage);
  if (code === null || code === ADVANCE_AI_SUCCESS_CODE) {
    if (!data) return unreadableResult(PROVIDER, 'SUCCESS without a data object');
    return normalizeData(data, codeRaw, transactionId);
  }
  // An undocumented envelope code: show what there is, but a person decides.
  const extra = unknownValue('response code', codeRaw!);
  if (data) {
    const result = normalizeData(data, codeRaw, transactionId);
    const decision: Decision = result.decision === 'DECLINED' ? 'DECLINED' : 'REVIEW';
    return {
      ...result,
      decision,
      review: decision === 'REVIEW' ? 'REQUIRED' : result.review,
      reasons: [extra, ...result.reasons],
    };
  }
  return {
    provider: PROVIDER,
    runStatus: 'FAILED',
    decision: 'REVIEW',
    review: 'REQUIRED',
    vendorStatus: codeRaw,
    vendorDecision: null,
    reasons: [
      {
        ...extra,
        message: `${extra.message}${vendorMessage ? ` (vendor message: ${vendorMessage})` : ''}`,
      },
    ],
    checks: [],
    extracted: {},
  };
}

/**
 * SIGNATURE_NOT_EXIST: the id from the imported sheet is unknown to the vendor. FAILED with
 * NOT_FOUND so the clerk sees it on the case instead of the row silently vanishing.
 */
export function notFoundResult(
  vendorCode = 'SIGNATURE_NOT_EXIST',
  externalId: string | null = null,
): CanonicalVerification {
  return unusableReferenceResult(
    'NOT_FOUND',
    vendorCode,
    'ADVANCE.AI has no session with this signatureId; check the id in the imported sheet',
    externalId,
  );
}

/** A signatureId the vendor cannot use at all (empty, malformed, refused as a parameter). */
export function unusableReferenceResult(
  code: string,
  vendorCode: string | null,
  message: string,
  externalId: string | null,
): CanonicalVerification {
  return failedReferenceResult(
    PROVIDER,
    externalId,
    reason(code, message, 'ERROR', vendorCode),
    vendorCode,
  );
}

/** code ERROR: the vendor failed to answer; nothing is known beyond "try again later". */
function vendorErrorResult(
  vendorCode: string,
  vendorMessage: string | null,
): CanonicalVerification {
  return {
    provider: PROVIDER,
    runStatus: 'PROCESSING',
    decision: 'PENDING',
    review: 'NONE',
    vendorStatus: vendorCode,
    vendorDecision: null,
    reasons: [
      {
        code: 'VENDOR_ERROR',
        vendorCode,
        message: `ADVANCE.AI reported a server error${vendorMessage ? ` (${vendorMessage})` : ''}; the result will be fetched again later`,
        severity: 'WARNING',
        retryable: true,
      },
    ],
    checks: [],
    extracted: {},
    retryable: true,
  };
}

interface Verdict {
  runStatus: RunStatus;
  decision: Decision;
  retryable?: boolean;
  reasons: Reason[];
}

function verdict(
  result: string | null,
  rawResult: string | null,
  resultUnreadable: boolean,
  errorCode: string | null,
  errorCodeRaw: string | null,
  mapping: ErrorCodeMapping | undefined,
  submissionCompleted: boolean | null,
): Verdict {
  const reasons: Reason[] = [];
  const knownCode =
    errorCode === null || errorCode === ADVANCE_AI_SUCCESS_CODE || mapping !== undefined;
  const codeReason = (severity: Reason['severity']): void => {
    if (mapping) {
      reasons.push({
        code: mapping.reason,
        vendorCode: errorCodeRaw,
        message: mapping.message,
        severity,
        ...(mapping.retryable ? { retryable: true } : {}),
      });
    } else if (!knownCode) {
      reasons.push(unknownValue('errorCode', errorCodeRaw!));
    }
  };

  if (resultUnreadable) {
    reasons.push(unknownValue('overallResult', rawResult ?? 'non-text value'));
    codeReason('WARNING');
    return { runStatus: 'COMPLETED', decision: 'REVIEW', reasons };
  }
  switch (result) {
    case null:
      codeReason('WARNING');
      // No verdict yet. Without the flag, partial details mean the vendor is working on it.
      return {
        runStatus: submissionCompleted === false ? 'AWAITING_INPUT' : 'PROCESSING',
        decision: 'PENDING',
        reasons,
      };
    case 'PASS':
      codeReason('WARNING');
      // A PASS carrying a failure code contradicts itself: a person looks before anyone relies on it.
      return {
        runStatus: 'COMPLETED',
        decision:
          errorCode === null || errorCode === ADVANCE_AI_SUCCESS_CODE ? 'APPROVED' : 'REVIEW',
        reasons,
      };
    case 'FAIL':
      codeReason('ERROR');
      return { runStatus: 'COMPLETED', decision: 'DECLINED', reasons, retryable: false };
    case 'INCOMPLETE': {
      codeReason('ERROR');
      if (errorCode === 'USER_TIMEOUT')
        return { runStatus: 'EXPIRED', decision: 'INCONCLUSIVE', reasons, retryable: true };
      if (errorCode !== null && VENDOR_FAULT_CODES.has(errorCode))
        return { runStatus: 'FAILED', decision: 'PENDING', reasons, retryable: false };
      return {
        runStatus: 'COMPLETED',
        decision: 'INCONCLUSIVE',
        reasons,
        retryable: mapping?.retryable ?? false,
      };
    }
    default:
      reasons.push(unknownValue('overallResult', rawResult ?? result));
      codeReason('WARNING');
      return { runStatus: 'COMPLETED', decision: 'REVIEW', reasons };
  }
}

function scoreOf(raw: number | null, threshold: number): Score | null {
  if (raw === null) return null;
  return {
    raw,
    scale: '0-100',
    normalized: Math.min(1, Math.max(0, raw / 100)),
    threshold,
    direction: 'HIGHER_IS_BETTER',
  };
}

interface CheckContext {
  processing: boolean;
  mapping: ErrorCodeMapping | undefined;
  errorCodeRaw: string | null;
}

function codeReasonFor(ctx: CheckContext): Reason[] {
  if (!ctx.mapping) return [];
  return [
    {
      code: ctx.mapping.reason,
      vendorCode: ctx.errorCodeRaw,
      message: ctx.mapping.message,
      severity: 'ERROR',
    },
  ];
}

/** Outcome from a vendor PASS/FAIL value; null means "not there". */
function passFail(
  value: string | null,
  ctx: CheckContext,
  what: string,
  reasons: Reason[],
): CheckOutcome {
  if (value === 'PASS') return 'PASS';
  if (value === 'FAIL') return 'FAIL';
  if (value === null) return ctx.processing ? 'PENDING' : 'NOT_RUN';
  reasons.push(unknownValue(what, value));
  return 'REVIEW';
}

function faceChecks(faceDetail: Obj, ctx: CheckContext): Check[] {
  const faceResult = enumValue(field(faceDetail, 'faceResult'));
  const specs: {
    type: CheckType;
    name: string;
    score: number | null;
    threshold: number;
    below: string;
    label: string;
  }[] = [
    {
      type: 'LIVENESS',
      name: 'faceLivenessScore',
      score: num(field(faceDetail, 'faceLivenessScore')),
      threshold: LIVENESS_THRESHOLD,
      below: 'LIVENESS_FAILED',
      label: 'liveness',
    },
    {
      type: 'FACE_MATCH',
      name: 'faceSimilarityScore',
      score: num(field(faceDetail, 'faceSimilarityScore')),
      threshold: SIMILARITY_THRESHOLD,
      below: 'FACE_MISMATCH',
      label: 'similarity',
    },
  ];
  return specs.map((spec) => {
    const reasons: Reason[] = [];
    let outcome: CheckOutcome;
    if (ctx.mapping?.check === spec.type) {
      outcome = 'FAIL';
      reasons.push(...codeReasonFor(ctx));
    } else if (spec.score !== null) {
      outcome = spec.score >= spec.threshold ? 'PASS' : 'FAIL';
      if (outcome === 'FAIL') {
        reasons.push({
          code: spec.below,
          vendorCode: null,
          message: `The ${spec.label} score ${spec.score} is below the vendor threshold ${spec.threshold}`,
          severity: 'WARNING',
        });
      }
    } else if (ctx.processing) {
      outcome = 'PENDING';
    } else {
      outcome = passFail(faceResult, ctx, 'faceResult', reasons);
    }
    return {
      type: spec.type,
      name: `faceDetail.${spec.name}`,
      outcome,
      score: scoreOf(spec.score, spec.threshold),
      reasons,
      source: 'provider',
      ...(faceResult ? { details: { faceResult } } : {}),
    };
  });
}

const QUALITY_FLAGS: Readonly<Record<string, { code: string; message: string }>> = {
  isblur: { code: 'DOC_BLURRY', message: 'is blurred' },
  isdim: { code: 'DOC_TOO_DARK', message: 'is too dark' },
  isexposure: { code: 'DOC_OVEREXPOSED', message: 'is overexposed' },
};

function qualityCheck(qualityLabels: Obj | null, ctx: CheckContext): Check | null {
  const reasons: Reason[] = [];
  let flagsRead = 0;
  for (const side of ['front', 'back'] as const) {
    const labels = asObj(field(qualityLabels, side));
    if (!labels) continue;
    for (const [key, value] of Object.entries(labels)) {
      const flag = bool(value);
      if (flag === null) continue;
      flagsRead++;
      if (!flag) continue;
      const known = QUALITY_FLAGS[key.toLowerCase()];
      reasons.push({
        code: known?.code ?? 'DOC_QUALITY_FLAG',
        vendorCode: key,
        message: known
          ? `The ${side} image ${known.message}`
          : `The vendor flagged the ${side} image: ${key}`,
        severity: 'WARNING',
      });
    }
  }
  if (ctx.mapping?.check === 'DOC_QUALITY') {
    return {
      type: 'DOC_QUALITY',
      name: 'docDetail.qualityLabels',
      outcome: 'FAIL',
      reasons: [...codeReasonFor(ctx), ...reasons],
      source: 'provider',
    };
  }
  if (flagsRead === 0) return null;
  // Quality labels inform; the vendor's verdict already took them into account.
  return {
    type: 'DOC_QUALITY',
    name: 'docDetail.qualityLabels',
    outcome: reasons.length > 0 ? 'INFO' : 'PASS',
    reasons,
    source: 'provider',
  };
}

function docChecks(docDetail: Obj, ctx: CheckContext): Check[] {
  const checks: Check[] = [];

  const ocrReasons: Reason[] = [];
  let ocrOutcome: CheckOutcome;
  if (ctx.mapping?.check === 'DOC_OCR') {
    ocrOutcome = 'FAIL';
    ocrReasons.push(...codeReasonFor(ctx));
  } else {
    ocrOutcome = passFail(
      enumValue(firstNonNull(docDetail, 'ocrResult', 'docResult')),
      ctx,
      'ocrResult',
      ocrReasons,
    );
  }
  checks.push({
    type: 'DOC_OCR',
    name: 'docDetail.ocrResult',
    outcome: ocrOutcome,
    reasons: ocrReasons,
    source: 'provider',
  });

  const forgery = field(docDetail, 'forgeryLabels');
  const labels = asArray(forgery)
    .map(str)
    .filter((l): l is string => l !== null);
  const forgeryReasons: Reason[] = labels.map((label) => ({
    code: 'DOC_FORGERY_SIGN',
    vendorCode: label,
    message: `The vendor saw a sign of forgery on the document: ${label}`,
    severity: 'WARNING' as const,
  }));
  let authenticity: CheckOutcome;
  if (ctx.mapping?.check === 'DOC_AUTHENTICITY') {
    authenticity = 'FAIL';
    forgeryReasons.unshift(...codeReasonFor(ctx));
  } else if (Array.isArray(forgery)) {
    authenticity = labels.length > 0 ? 'REVIEW' : 'PASS';
  } else {
    authenticity = ctx.processing ? 'PENDING' : 'NOT_RUN';
  }
  checks.push({
    type: 'DOC_AUTHENTICITY',
    name: 'docDetail.forgeryLabels',
    outcome: authenticity,
    reasons: forgeryReasons,
    source: 'provider',
  });

  const quality = qualityCheck(asObj(field(docDetail, 'qualityLabels')), ctx);
  if (quality) checks.push(quality);
  return checks;
}

function earliestEvent(...details: (Obj | null)[]): string | null {
  let earliest: number | null = null;
  for (const detail of details) {
    for (const event of asArray(field(detail, 'eventDetails'))) {
      const at = num(firstNonNull(asObj(event), 'createTimestmap', 'createTimestamp', 'timestamp'));
      if (at !== null && at > 0 && (earliest === null || at < earliest)) earliest = at;
    }
  }
  return earliest === null ? null : epochToIso(earliest);
}

function normalizeData(
  data: Obj,
  envelopeCode: string | null,
  transactionId: string | null,
): CanonicalVerification {
  const rawResultValue = firstNonNull(data, 'overallResult', 'overResult', 'idvResult');
  const rawResult = str(rawResultValue);
  const resultUnreadable =
    rawResultValue !== undefined && rawResultValue !== null && rawResult === null;
  const result = rawResult?.toUpperCase() ?? null;
  const errorCodeRaw = str(field(data, 'errorCode'));
  const errorCode = errorCodeRaw?.toUpperCase() ?? null;
  const mapping = errorCode !== null ? ADVANCE_AI_ERROR_CODES[errorCode] : undefined;
  const submissionCompleted = bool(field(data, 'submissionCompleted'));

  const v = verdict(
    result,
    rawResult,
    resultUnreadable,
    errorCode,
    errorCodeRaw,
    mapping,
    submissionCompleted,
  );
  const ctx: CheckContext = {
    processing: result === null && !resultUnreadable,
    mapping,
    errorCodeRaw,
  };

  const faceDetail = asObj(field(data, 'faceDetail'));
  const docDetail = asObj(field(data, 'docDetail'));
  const checks: Check[] = [
    ...(faceDetail ? faceChecks(faceDetail, ctx) : []),
    ...(docDetail ? docChecks(docDetail, ctx) : []),
  ];
  // A code that condemns a check the payload has no detail for still shows as that check.
  if (mapping?.check && !checks.some((c) => c.type === mapping.check)) {
    checks.push({
      type: mapping.check,
      name: 'errorCode',
      outcome: 'FAIL',
      reasons: codeReasonFor(ctx),
      source: 'provider',
    });
  }

  const extracted: Extracted = extractAdvanceAi(data, transactionId);
  const checkReasons = checks.flatMap((c) => c.reasons).filter((r) => r.severity !== 'INFO');
  const decision = v.decision;
  return {
    provider: PROVIDER,
    runStatus: v.runStatus,
    decision,
    review: decision === 'REVIEW' ? 'REQUIRED' : 'NONE',
    vendorStatus: envelopeCode,
    vendorDecision: rawResult,
    reasons: dedupeReasons([...v.reasons, ...checkReasons]),
    checks,
    extracted,
    externalId: str(field(data, 'signatureId')),
    groupId: null,
    service: ADVANCE_AI_SERVICE,
    ...(v.retryable !== undefined ? { retryable: v.retryable } : {}),
    credits: null,
    timestamps: { created: earliestEvent(faceDetail, docDetail), completed: null, updated: null },
  };
}
