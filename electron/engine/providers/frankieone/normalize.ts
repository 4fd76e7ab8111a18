/**
 * Any FrankieOne KYC v2 payload → the canonical verification (providers.md §8.4).
 *
 * Accepted shapes (bare or wrapped in `{data: …}`):
 * - IDV process / checkstatus / OCR answers `{status, requestId, workflowExecutionId?, ocrResult?, individual?}`;
 * - process results: one object, an array, or `{processResults: [...]}` (GET …/results);
 * - workflow executions `{workflowResult: {...}}`, `{workflowExecution: {...}}` or the execution itself;
 * - the snapshot CheckDesk stores, `{entity?, idv?, results?, workflow?}`;
 * - notifications `{function, functionResult, entityId, …}` and error bodies `{errorCode, errorMsg, details}`.
 * Pure and total: odd input gives REVIEW with a reason, never an exception.
 */
import type {
  CanonicalVerification,
  Check,
  CheckOutcome,
  Decision,
  Extracted,
  Reason,
  ReviewState,
  Score,
} from '../../../../shared/model.ts';
import {
  asArray,
  asObj,
  enumKey,
  field,
  isoTime,
  num,
  type Obj,
  str,
  unwrapData,
} from '../kit/payload.ts';
import { dedupeReasons, reason, unknownValue } from '../kit/reasons.ts';
import { blankResult, unrecognizedResult, vendorErrorResult } from '../kit/results.ts';
import {
  CLASS_CHECK,
  cleanErrorCode,
  IDV_SUPPLEMENTARY_CHECK,
  ISSUE_SEVERITY,
  MANUAL_STATUS,
  PROCESS_STATUS,
  RESULT_OUTCOME,
  STATE_OUTCOME,
  SYSTEM_STATUS,
  WORKFLOW_RESULT,
  WORKFLOW_STATE,
} from './status.ts';

export interface FrankieParts {
  entity: Obj | null;
  idv: Obj | null;
  results: Obj[];
  workflow: Obj | null;
}

function base(): CanonicalVerification {
  return blankResult('frankieone');
}

function unrecognized(message: string): CanonicalVerification {
  return unrecognizedResult('frankieone', message);
}

interface ResultCheck {
  check: Check;
  excluded: boolean;
  manualReview: ReviewState | null;
}

function scoreOf(pr: Obj): Score | null {
  const provider = asObj(field(pr, 'providerResult'));
  const confidence = num(field(asObj(field(provider, 'confidence')), 'normalized'));
  if (confidence !== null) {
    // The spec example is 50 on an undocumented scale; 0–100 is the working assumption (§8.5).
    return {
      raw: confidence,
      scale: '0-100',
      normalized: Math.min(1, Math.max(0, confidence / 100)),
      threshold: null,
      direction: 'HIGHER_IS_BETTER',
    };
  }
  const risk = num(field(provider, 'riskScore'));
  if (risk !== null)
    return {
      raw: risk,
      scale: 'vendor-defined',
      normalized: null,
      threshold: null,
      direction: 'LOWER_IS_BETTER',
    };
  return null;
}

export function processResultCheck(pr: Obj): ResultCheck {
  const reasons: Reason[] = [];
  const cls = enumKey(field(pr, 'class'));
  const supplementary = enumKey(field(asObj(field(pr, 'supplementaryData')), 'type'));
  let type = cls === null ? 'OTHER' : (CLASS_CHECK[cls] ?? 'OTHER');
  if (cls === 'IDV' && supplementary && IDV_SUPPLEMENTARY_CHECK[supplementary])
    type = IDV_SUPPLEMENTARY_CHECK[supplementary]!;
  if (cls !== null && !(cls in CLASS_CHECK))
    reasons.push(unknownValue('FrankieOne result class', cls));

  const state = enumKey(field(pr, 'state'));
  const result = enumKey(field(pr, 'result'));
  const manual = enumKey(field(pr, 'manualStatus'));
  const system = enumKey(field(pr, 'systemStatus'));
  let manualReview: ReviewState | null = null;
  let outcome: CheckOutcome;

  const stateEffect = state === null ? 'RESULT' : STATE_OUTCOME[state];
  if (stateEffect === undefined) {
    outcome = 'REVIEW';
    reasons.push(unknownValue('FrankieOne result state', state!));
  } else if (stateEffect === 'PENDING') {
    outcome = 'PENDING';
  } else if (stateEffect === 'ERROR') {
    outcome = 'ERROR';
    reasons.push(
      reason('CHECK_ERROR', `The check ended in ${state} at FrankieOne.`, 'ERROR', state, true),
    );
  } else {
    const meaning = result === null ? undefined : RESULT_OUTCOME[result];
    if (result === null) {
      outcome = 'REVIEW';
      reasons.push(
        reason('RESULT_MISSING', 'The FrankieOne result carries no result value.', 'WARNING'),
      );
    } else if (meaning === undefined) {
      outcome = 'REVIEW';
      reasons.push(unknownValue('FrankieOne result', result));
    } else if (meaning === 'MANUAL_STATUS') {
      const m = manual === null ? undefined : MANUAL_STATUS[manual];
      outcome = m?.outcome ?? 'REVIEW';
      manualReview = m?.review ?? 'REQUIRED';
      if (!m)
        reasons.push(
          manual === null
            ? reason(
                'OVERRIDE_WITHOUT_STATUS',
                'FrankieOne reports an override without a manual status.',
                'WARNING',
                result,
              )
            : unknownValue('FrankieOne manual status', manual),
        );
    } else {
      outcome = meaning.outcome;
      if (meaning.reason)
        reasons.push(
          reason(meaning.reason.code, meaning.reason.message, meaning.reason.severity, result),
        );
      if (manual !== null && result !== 'OVERRIDE') {
        // A reviewer's manual status outranks the automatic result.
        const m = MANUAL_STATUS[manual];
        if (m) {
          outcome = m.outcome;
          manualReview = m.review;
        } else {
          outcome = 'REVIEW';
          reasons.push(unknownValue('FrankieOne manual status', manual));
        }
      }
    }
  }

  const details: Record<string, unknown> = {
    processResultId: str(field(pr, 'processResultId')),
    class: cls,
    result,
    state,
    systemStatus: system,
    manualStatus: manual,
  };
  const provider = asObj(field(pr, 'providerResult'));
  const providerName = str(field(provider, 'name', 'source'));
  if (providerName) details['provider'] = providerName;
  let excluded = false;
  if (system !== null) {
    const effect = SYSTEM_STATUS[system];
    if (effect === undefined) reasons.push(unknownValue('FrankieOne system status', system));
    else if (effect === 'stale') {
      details['stale'] = true;
      reasons.push(
        reason(
          'RESULT_STALE',
          'This FrankieOne result is expired or stale; it may need to be run again.',
          'INFO',
          system,
        ),
      );
    } else if (effect === 'exclude') {
      excluded = true;
      details['excluded'] = true;
    }
  }
  const providerError = str(field(provider, 'errorCode'));
  if (providerError) {
    reasons.push(
      reason(
        'PROVIDER_CHECK_ERROR',
        str(field(provider, 'errorMessage')) ?? 'The data provider reported an error.',
        'WARNING',
        providerError,
      ),
    );
  }
  for (const item of asArray(field(pr, 'errors'))) {
    const e = asObj(item);
    const code = str(field(e, 'code'));
    if (code)
      reasons.push(
        reason(
          'PROVIDER_CHECK_ERROR',
          str(field(e, 'description')) ?? 'The check reported an error.',
          'WARNING',
          code,
        ),
      );
  }

  const name =
    str(field(pr, 'stepName')) ?? ([cls, supplementary].filter(Boolean).join('/') || null);
  const check: Check = {
    type,
    outcome,
    score: scoreOf(pr),
    reasons: dedupeReasons(reasons),
    source: 'provider',
    details,
  };
  if (name) check.name = name;
  return { check, excluded, manualReview };
}

interface Verdict {
  decision: Decision;
  review: ReviewState;
  pending: boolean;
}

/** The verdict of a set of results when no workflow result speaks for them. */
function verdictFromChecks(results: readonly ResultCheck[]): Verdict {
  const counted = results.filter((r) => !r.excluded);
  const outcomes = counted.map((r) => r.check.outcome);
  const manual = (state: ReviewState) => counted.some((r) => r.manualReview === state);
  if (outcomes.includes('PENDING')) return { decision: 'PENDING', review: 'NONE', pending: true };
  if (outcomes.includes('FAIL'))
    return {
      decision: 'DECLINED',
      review: manual('RESOLVED_DECLINED') ? 'RESOLVED_DECLINED' : 'NONE',
      pending: false,
    };
  if (outcomes.includes('REVIEW') || outcomes.includes('ERROR'))
    return { decision: 'REVIEW', review: 'REQUIRED', pending: false };
  if (outcomes.includes('PASS'))
    return {
      decision: 'APPROVED',
      review: manual('RESOLVED_APPROVED') ? 'RESOLVED_APPROVED' : 'NONE',
      pending: false,
    };
  return { decision: 'INCONCLUSIVE', review: 'REQUIRED', pending: false };
}

function extractedFrom(parts: FrankieParts): Extracted {
  const extracted: Extracted = {};
  const entity = parts.entity;
  const individual =
    asObj(field(entity, 'individual')) ??
    asObj(field(parts.idv, 'individual')) ??
    (entity && field(entity, 'name') !== undefined ? entity : null);
  if (individual) {
    const name = asObj(field(individual, 'name'));
    const given =
      [str(field(name, 'givenName')), str(field(name, 'middleName'))].filter(Boolean).join(' ') ||
      null;
    const family = str(field(name, 'familyName'));
    const dob = asObj(field(individual, 'dateOfBirth'));
    const birthDate =
      str(field(dob, 'normalized')) ??
      (str(field(dob, 'year')) && str(field(dob, 'month')) && str(field(dob, 'day'))
        ? `${str(field(dob, 'year'))}-${str(field(dob, 'month'))!.padStart(2, '0')}-${str(field(dob, 'day'))!.padStart(2, '0')}`
        : null);
    const identity = asObj(asArray(field(asObj(field(individual, 'documents')), 'IDENTITY'))[0]);
    const person = {
      fullName:
        str(field(name, 'displayName')) ?? ([given, family].filter(Boolean).join(' ') || null),
      givenName: given,
      familyName: family,
      birthDate,
      gender: str(field(asObj(field(individual, 'gender')), 'gender')),
      nik:
        identity && str(field(identity, 'country')) === 'IDN'
          ? str(field(identity, 'primaryIdentifier'))
          : null,
    };
    if (Object.values(person).some((v) => v !== null)) extracted.person = person;
    if (identity) {
      extracted.document = {
        type: str(field(identity, 'type')),
        number: str(field(identity, 'primaryIdentifier')),
        issuingCountry: str(field(identity, 'country')),
        issueDate:
          str(field(asObj(field(identity, 'issueDate')), 'normalized')) ??
          str(field(identity, 'issueDate')),
        expiryDate:
          str(field(asObj(field(identity, 'expiryDate')), 'normalized')) ??
          str(field(identity, 'expiryDate')),
      };
    }
    const address = asObj(asArray(field(individual, 'addresses'))[0]);
    if (address) {
      const street =
        [
          str(field(address, 'streetNumber')),
          str(field(address, 'streetName')),
          str(field(address, 'streetType')),
        ]
          .filter(Boolean)
          .join(' ') || null;
      extracted.address = {
        full: str(field(address, 'longForm', 'unstructuredLongForm')),
        street,
        city: str(field(address, 'locality')),
        region: str(field(address, 'subdivision', 'district')),
        postalCode: str(field(address, 'postalCode')),
        country: str(field(address, 'country')),
      };
    }
  }
  const fields: Record<string, string | number | boolean | null> = {};
  const entityId = entityIdOf(parts);
  if (entityId) fields['entityId'] = entityId;
  const executionId =
    str(field(parts.workflow, 'workflowExecutionId')) ??
    str(field(parts.idv, 'workflowExecutionId'));
  if (executionId) fields['workflowExecutionId'] = executionId;
  const risk = asObj(field(parts.workflow, 'riskAssessment'));
  const riskLevel = str(field(risk, 'workflowRiskLevel', 'riskLevel'));
  if (riskLevel) fields['riskLevel'] = riskLevel;
  const requestId = str(field(parts.idv, 'requestId'));
  if (requestId) fields['requestId'] = requestId;
  if (Object.keys(fields).length > 0) extracted.fields = fields;
  return extracted;
}

function entityIdOf(parts: FrankieParts): string | null {
  return (
    str(field(asObj(field(parts.entity, 'individual')), 'entityId')) ??
    str(field(parts.entity, 'entityId')) ??
    str(field(asObj(field(parts.idv, 'individual')), 'entityId')) ??
    str(field(parts.idv, 'entityId')) ??
    str(field(parts.workflow, 'entityId')) ??
    str(field(parts.results[0], 'entityId')) ??
    str(field(asObj(field(parts.idv, 'ocrResult')), 'entityId'))
  );
}

function workflowRiskCheck(workflow: Obj): Check | null {
  const risk = asObj(field(workflow, 'riskAssessment'));
  const score = num(field(risk, 'workflowRiskScore', 'riskScore'));
  const level = str(field(risk, 'workflowRiskLevel', 'riskLevel'));
  if (score === null && level === null) return null;
  return {
    type: 'RISK_RULES',
    name: 'workflow-risk',
    outcome: 'INFO',
    score: {
      raw: score,
      scale: 'vendor-defined',
      normalized: null,
      threshold: null,
      direction: 'LOWER_IS_BETTER',
      level,
    },
    reasons: [],
    source: 'provider',
  };
}

function issueReasons(workflow: Obj): Reason[] {
  const out: Reason[] = [];
  for (const item of asArray(field(workflow, 'issues'))) {
    const issue = asObj(item);
    const code = enumKey(field(issue, 'issue'));
    if (!issue || !code || field(issue, 'isCleared') === true) continue;
    const category = str(field(issue, 'category'));
    const severity = ISSUE_SEVERITY[enumKey(field(issue, 'severity')) ?? ''] ?? 'WARNING';
    out.push(
      reason(
        code,
        `FrankieOne workflow issue ${code}${category ? ` (${category})` : ''}.`,
        severity,
        code,
      ),
    );
  }
  return out;
}

/** The canonical verification for everything known about one entity. */
export function combineParts(parts: FrankieParts): CanonicalVerification {
  const out = base();
  const reasons: Reason[] = [];
  const results = [...parts.results];
  const ocr = asObj(field(parts.idv, 'ocrResult'));
  if (ocr) {
    const id = str(field(ocr, 'processResultId'));
    if (id === null || !results.some((r) => str(field(r, 'processResultId')) === id))
      results.push(ocr);
  }
  const checks = results.map(processResultCheck);
  out.checks = checks.map((c) => c.check);
  out.externalId = entityIdOf(parts);
  out.groupId = out.externalId;

  if (parts.workflow) {
    const wf = parts.workflow;
    const state = enumKey(field(wf, 'workflowExecutionState', 'state'));
    const result = enumKey(field(wf, 'status', 'result', 'workflowResult'));
    out.vendorStatus = state ?? result;
    out.vendorDecision = result;
    out.service = str(field(wf, 'workflowName'));
    let runStatus = state === null ? undefined : WORKFLOW_STATE[state];
    if (state !== null && runStatus === undefined) {
      reasons.push(unknownValue('FrankieOne workflow state', state));
      runStatus = 'COMPLETED';
    }
    runStatus ??=
      result === null || result === 'UNCHECKED' || result === 'IN_PROGRESS'
        ? 'PROCESSING'
        : 'COMPLETED';
    if (runStatus === 'COMPLETED') {
      const meaning = result === null ? undefined : WORKFLOW_RESULT[result];
      if (!meaning) {
        reasons.push(
          result === null
            ? reason(
                'RESULT_MISSING',
                'The FrankieOne workflow finished without a result.',
                'WARNING',
              )
            : unknownValue('FrankieOne workflow result', result),
        );
        out.decision = 'REVIEW';
        out.review = 'REQUIRED';
      } else if (meaning.decision === 'PENDING') {
        runStatus = 'PROCESSING';
        out.decision = 'PENDING';
        out.review = 'NONE';
      } else {
        out.decision = meaning.decision;
        out.review = meaning.review;
        if (
          str(field(wf, 'statusOverrideRequestId')) &&
          (meaning.decision === 'APPROVED' || meaning.decision === 'DECLINED')
        ) {
          out.review = meaning.decision === 'APPROVED' ? 'RESOLVED_APPROVED' : 'RESOLVED_DECLINED';
        }
      }
    } else {
      out.decision = 'PENDING';
      out.review = 'NONE';
      if (runStatus === 'FAILED') {
        out.retryable = true;
        reasons.push(
          reason(
            'WORKFLOW_NOT_FINISHED',
            `The FrankieOne workflow ended in ${state}.`,
            'ERROR',
            state,
            true,
          ),
        );
      }
    }
    out.runStatus = runStatus;
    const risk = workflowRiskCheck(wf);
    if (risk) out.checks.push(risk);
    reasons.push(...issueReasons(wf));
    out.timestamps = {
      created: isoTime(field(wf, 'startedAt')),
      completed: isoTime(field(wf, 'endedAt')),
      updated: isoTime(field(wf, 'statusOverrideAt')),
    };
  } else {
    const status = enumKey(field(parts.idv, 'status'));
    const meaning = status === null ? undefined : PROCESS_STATUS[status];
    out.vendorStatus = status;
    out.vendorDecision = enumKey(field(ocr, 'result'));
    if (status !== null && meaning === undefined) {
      reasons.push(unknownValue('FrankieOne IDV status', status));
    } else if (meaning && !meaning.final) {
      out.runStatus = meaning.runStatus;
      out.decision = 'PENDING';
      out.review = 'NONE';
      if (meaning.reason) {
        const r = meaning.reason;
        reasons.push(reason(r.code, r.message, r.severity, status, r.retryable));
        if (r.retryable) out.retryable = true;
      }
    } else if (checks.length > 0) {
      const verdict = verdictFromChecks(checks);
      out.runStatus = verdict.pending ? 'PROCESSING' : 'COMPLETED';
      out.decision = verdict.decision;
      out.review = verdict.review;
      if (!out.vendorDecision) out.vendorDecision = enumKey(field(results[0], 'result'));
    } else if (meaning) {
      // COMPLETE without any result to read: a person must look.
      out.decision = 'INCONCLUSIVE';
      reasons.push(
        reason(
          'RESULT_MISSING',
          'FrankieOne reports the check complete but returned no result.',
          'WARNING',
          status,
        ),
      );
    } else if (parts.entity) {
      out.runStatus = 'AWAITING_INPUT';
      out.decision = 'PENDING';
      out.review = 'NONE';
    }
    out.timestamps = {
      updated: isoTime(field(ocr, 'updatedAt')),
      created: isoTime(field(ocr, 'createdAt')),
    };
  }

  // The run's own status explains more than any single check: it comes first.
  reasons.push(...checks.flatMap((c) => c.check.reasons));
  if (out.decision === 'APPROVED' && reasons.some((r) => r.code === 'UNKNOWN_VENDOR_VALUE')) {
    out.decision = 'REVIEW';
    out.review = 'REQUIRED';
  }
  out.reasons = dedupeReasons(reasons);
  out.extracted = extractedFrom(parts);
  return out;
}

function normalizeError(obj: Obj): CanonicalVerification {
  const code = cleanErrorCode(field(obj, 'errorCode'));
  const issues = asArray(field(obj, 'details'))
    .map((d) => str(field(asObj(d), 'issue')))
    .filter((s): s is string => s !== null);
  const message = [
    str(field(obj, 'errorMsg', 'message')) ?? 'FrankieOne answered with an error.',
    ...issues,
  ].join(' — ');
  return vendorErrorResult('frankieone', message, code);
}

function normalizeNotification(obj: Obj): CanonicalVerification {
  const fn = str(field(obj, 'function'));
  const outcome = enumKey(field(obj, 'functionResult'));
  const out: CanonicalVerification = {
    ...base(),
    externalId: str(field(obj, 'entityId')),
    groupId: str(field(obj, 'entityId')),
    vendorStatus: fn,
    vendorDecision: outcome,
    runStatus: 'PROCESSING',
    decision: 'PENDING',
    review: 'NONE',
  };
  if (outcome === 'SUCCESS') {
    // A notification is a hint to fetch the result, never the result itself.
    out.reasons = [
      reason(
        'NOTIFICATION_RECEIVED',
        `FrankieOne notified ${fn ?? 'an event'}; the result must be fetched.`,
        'INFO',
        fn,
      ),
    ];
  } else {
    out.runStatus = 'FAILED';
    out.reasons = [
      reason(
        'VENDOR_ERROR',
        str(field(obj, 'message')) ??
          `FrankieOne reported ${fn ?? 'a step'} as ${outcome ?? 'failed'}.`,
        'ERROR',
        outcome,
      ),
    ];
  }
  return out;
}

function looksLikeResult(obj: Obj): boolean {
  return (
    field(obj, 'processResultId') !== undefined ||
    (field(obj, 'class') !== undefined &&
      (field(obj, 'result') !== undefined || field(obj, 'state') !== undefined))
  );
}

function workflowOf(obj: Obj): Obj | null {
  const nested = asObj(
    field(obj, 'workflowResult', 'workflowExecution', 'workflowExecutionSummary'),
  );
  if (nested) return nested;
  return field(obj, 'workflowExecutionState') !== undefined ? obj : null;
}

/** Splits any accepted payload into the parts `combineParts` reads; null when it is none of them. */
export function partsOf(payload: unknown): FrankieParts | 'error' | 'notification' | null {
  const value = unwrapData(payload);
  if (Array.isArray(value)) {
    const results = value.map(asObj).filter((o): o is Obj => o !== null && looksLikeResult(o));
    return results.length > 0 ? { entity: null, idv: null, results, workflow: null } : null;
  }
  const obj = asObj(value);
  if (!obj) return null;
  if (
    field(obj, 'errorCode') !== undefined &&
    field(obj, 'status') === undefined &&
    field(obj, 'result') === undefined
  )
    return 'error';
  if (field(obj, 'function') !== undefined && field(obj, 'functionResult') !== undefined)
    return 'notification';
  const composite = ['idv', 'results', 'workflow', 'entity'].some((k) => obj[k] !== undefined);
  if (composite) {
    return {
      entity: asObj(obj['entity']),
      idv: asObj(obj['idv']),
      results: asArray(obj['results'])
        .map(asObj)
        .filter((o): o is Obj => o !== null),
      workflow: asObj(obj['workflow']),
    };
  }
  const listed = field(obj, 'processResults');
  if (Array.isArray(listed)) {
    return {
      entity: null,
      idv: null,
      results: listed.map(asObj).filter((o): o is Obj => o !== null),
      workflow: null,
    };
  }
  const workflow = workflowOf(obj);
  if (workflow)
    return {
      entity: asObj(field(obj, 'individual')) ? { individual: field(obj, 'individual') } : null,
      idv: null,
      results: [],
      workflow,
    };
  if (typeof field(obj, 'status') === 'string')
    return { entity: null, idv: obj, results: [], workflow: null };
  if (looksLikeResult(obj)) return { entity: null, idv: null, results: [obj], workflow: null };
  if (asObj(field(obj, 'individual')) || field(obj, 'entityId') !== undefined)
    return { entity: obj, idv: null, results: [], workflow: null };
  return null;
}

export function normalizeFrankieOne(payload: unknown): CanonicalVerification {
  try {
    const parts = partsOf(payload);
    if (parts === 'error') return normalizeError(asObj(unwrapData(payload))!);
    if (parts === 'notification') return normalizeNotification(asObj(unwrapData(payload))!);
    if (parts === null) return unrecognized('The payload is not a FrankieOne KYC v2 result.');
    return combineParts(parts);
  } catch {
    return unrecognized('The FrankieOne payload could not be read.');
  }
}
