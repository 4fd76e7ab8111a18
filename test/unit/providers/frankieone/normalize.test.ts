/**
 * FrankieOne payloads → canonical, table-driven from providers.md §8.4: IDV and OCR statuses,
 * process-result result/state/systemStatus/manualStatus/class, workflow result and state, errors
 * (with the trailing-comma code quirk), notifications, the seed example and odd input.
 */
import { describe, expect, it } from 'vitest';
import {
  CanonicalVerification,
  type CheckOutcome,
  type CheckType,
  type Decision,
  type ReviewState,
  type RunStatus,
} from '../../../../shared/model.ts';
import { normalizeFrankieOne } from '../../../../electron/engine/providers/frankieone/normalize.ts';
import { cleanErrorCode } from '../../../../electron/engine/providers/frankieone/status.ts';
import { fixture } from '../colleckt/fixtures.ts';

function valid(result: unknown): CanonicalVerification {
  return CanonicalVerification.parse(result);
}

const PASSING_RESULT = {
  processResultId: 'r1',
  class: 'IDV',
  supplementaryData: { type: 'IDV_DOCUMENT' },
  state: 'COMPLETED',
  result: 'CLEAR',
};

/** IDV process/checkstatus statuses, then OCR statuses: run status, decision, reason code. */
const PROCESS_TABLE: [string, RunStatus, Decision, string | null, boolean][] = [
  ['IN_PROGRESS', 'PROCESSING', 'PENDING', null, false],
  ['CHECK_PROCESSING', 'PROCESSING', 'PENDING', null, false],
  [
    'CHECK_PROCESSING_DOWNLOAD_FAIL',
    'PROCESSING',
    'PENDING',
    'PROVIDER_IMAGE_DOWNLOAD_RETRYING',
    false,
  ],
  ['WAITING_SELFIE_UPLOAD', 'AWAITING_INPUT', 'PENDING', 'SELFIE_MISSING', false],
  ['DOCUMENT_INVALID_EXCEEDED_SIZE_LIMIT', 'FAILED', 'PENDING', 'FILE_TOO_LARGE', true],
  ['DOCUMENT_INVALID_INCORRECT_FILE_FORMAT', 'FAILED', 'PENDING', 'FILE_FORMAT_UNSUPPORTED', true],
  ['PROVIDER_OFFLINE', 'FAILED', 'PENDING', 'PROVIDER_UNAVAILABLE', true],
  ['COMPLETE', 'COMPLETED', 'APPROVED', null, false],
  ['AWAITING_DOCUMENT_UPLOAD_FRONT', 'AWAITING_INPUT', 'PENDING', 'DOC_SIDE_MISSING', false],
  ['AWAITING_DOCUMENT_UPLOAD_BACK', 'AWAITING_INPUT', 'PENDING', 'DOC_SIDE_MISSING', false],
  ['AWAITING_DOCUMENT_OCR', 'PROCESSING', 'PENDING', null, false],
  ['AWAITING_OCR_RESULTS_PROVIDER_OFFLINE', 'FAILED', 'PENDING', 'PROVIDER_UNAVAILABLE', true],
  ['AWAITING_DOCUMENT_UPLOAD_INVALID_TYPE', 'FAILED', 'PENDING', 'DOC_TYPE_UNSUPPORTED', false],
  ['WAITING_DOCUMENT_UPLOAD_FAILED_OCR', 'FAILED', 'PENDING', 'OCR_FAILED', true],
  ['COMPLETE_OCR', 'COMPLETED', 'APPROVED', null, false],
];

describe('FrankieOne IDV and OCR status', () => {
  it.each(PROCESS_TABLE)('%s → %s / %s', (status, runStatus, decision, code, retryable) => {
    const out = valid(normalizeFrankieOne({ status, requestId: 'req', ocrResult: PASSING_RESULT }));
    expect(out).toMatchObject({ runStatus, decision, vendorStatus: status });
    expect(out.reasons[0]?.code ?? null).toBe(code);
    expect(out.retryable ?? false).toBe(retryable);
  });

  it.each(PROCESS_TABLE.map(([s]) => s))('%s in lower case, wrapped in data', (status) => {
    const upper = normalizeFrankieOne({ status, ocrResult: PASSING_RESULT });
    const lower = normalizeFrankieOne({
      data: { status: status.toLowerCase(), ocrResult: PASSING_RESULT },
    });
    expect(lower).toMatchObject({
      runStatus: upper.runStatus,
      decision: upper.decision,
      vendorStatus: status,
    });
  });

  it('COMPLETE with no result at all is INCONCLUSIVE', () => {
    expect(normalizeFrankieOne({ status: 'COMPLETE' })).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'INCONCLUSIVE',
      review: 'REQUIRED',
    });
  });

  it('COMPLETE while a result is still running keeps the queue polling', () => {
    const out = normalizeFrankieOne({
      status: 'COMPLETE',
      ocrResult: { ...PASSING_RESULT, state: 'IN_PROGRESS' },
    });
    expect(out).toMatchObject({ runStatus: 'PROCESSING', decision: 'PENDING' });
  });

  it('an unknown status → REVIEW with UNKNOWN_VENDOR_VALUE, never APPROVED', () => {
    const out = valid(
      normalizeFrankieOne({ status: 'CHECKED_SUCCESS_CLEAR', ocrResult: PASSING_RESULT }),
    );
    expect(out).toMatchObject({ decision: 'REVIEW', review: 'REQUIRED' });
    expect(out.reasons.map((r) => r.code)).toContain('UNKNOWN_VENDOR_VALUE');
  });
});

/** Process-result `result` with state COMPLETED → check outcome → decision of the lone result. */
const RESULT_TABLE: [string, CheckOutcome, Decision, string | null][] = [
  ['MATCH', 'PASS', 'APPROVED', null],
  ['CLEAR', 'PASS', 'APPROVED', null],
  ['CLEAR_AUTO', 'PASS', 'APPROVED', null],
  ['PARTIAL_MATCH', 'REVIEW', 'REVIEW', null],
  ['SUSPECTED', 'REVIEW', 'REVIEW', null],
  ['MANUAL', 'REVIEW', 'REVIEW', null],
  ['HIT', 'REVIEW', 'REVIEW', 'POTENTIAL_MATCH'],
  ['NO_MATCH', 'FAIL', 'DECLINED', null],
  ['INVALID_MATCH', 'FAIL', 'DECLINED', null],
  ['FAIL', 'FAIL', 'DECLINED', null],
  ['REJECTED', 'FAIL', 'DECLINED', null],
  ['BAD_DATA', 'ERROR', 'REVIEW', 'INPUT_DATA_INVALID'],
  ['CREATED', 'INFO', 'INCONCLUSIVE', null],
  ['UPDATED', 'INFO', 'INCONCLUSIVE', null],
  ['DELETED', 'INFO', 'INCONCLUSIVE', null],
  ['NOT_APPLICABLE', 'INFO', 'INCONCLUSIVE', null],
];

describe('FrankieOne process-result result / state / systemStatus / manualStatus', () => {
  it.each(RESULT_TABLE)('result %s → %s (decision %s)', (result, outcome, decision, code) => {
    const out = valid(
      normalizeFrankieOne({ processResultId: 'r', class: 'KYC', state: 'COMPLETED', result }),
    );
    expect(out.checks[0]?.outcome).toBe(outcome);
    expect(out.decision).toBe(decision);
    expect(out.runStatus).toBe('COMPLETED');
    if (code) expect(out.reasons.map((r) => r.code)).toContain(code);
  });

  it.each([
    ['IN_PROGRESS', 'PENDING', 'PROCESSING', 'PENDING'],
    ['COMPLETED', 'PASS', 'COMPLETED', 'APPROVED'],
    ['TIMEOUT', 'ERROR', 'COMPLETED', 'REVIEW'],
    ['ERROR', 'ERROR', 'COMPLETED', 'REVIEW'],
  ] as const)('state %s → %s', (state, outcome, runStatus, decision) => {
    const out = normalizeFrankieOne({ processResultId: 'r', class: 'KYC', state, result: 'MATCH' });
    expect(out.checks[0]?.outcome).toBe(outcome);
    expect(out).toMatchObject({ runStatus, decision });
  });

  it.each([
    ['VALID', false, false, 'DECLINED'],
    ['EXPIRED', true, false, 'DECLINED'],
    ['STALE', true, false, 'DECLINED'],
    ['MARKED_INVALID', false, true, 'APPROVED'],
    ['MARKED_IGNORE', false, true, 'APPROVED'],
  ] as const)(
    'systemStatus %s: stale=%s excluded=%s',
    (systemStatus, stale, excluded, decision) => {
      const failing = {
        processResultId: 'f',
        class: 'KYC',
        state: 'COMPLETED',
        result: 'NO_MATCH',
        systemStatus,
      };
      const out = normalizeFrankieOne({ processResults: [failing, PASSING_RESULT] });
      const details = out.checks[0]?.details ?? {};
      expect(details['stale'] === true).toBe(stale);
      expect(details['excluded'] === true).toBe(excluded);
      expect(out.decision).toBe(decision);
    },
  );

  const MANUAL: [string, CheckOutcome, ReviewState, Decision][] = [
    ['PASS', 'PASS', 'RESOLVED_APPROVED', 'APPROVED'],
    ['CLEAR', 'PASS', 'RESOLVED_APPROVED', 'APPROVED'],
    ['FALSE_POSITIVE', 'PASS', 'RESOLVED_APPROVED', 'APPROVED'],
    ['FALSE_POSITIVE_ACCEPT', 'PASS', 'RESOLVED_APPROVED', 'APPROVED'],
    ['TRUE_POSITIVE_ACCEPT', 'PASS', 'RESOLVED_APPROVED', 'APPROVED'],
    ['UNKNOWN_ACCEPT', 'PASS', 'RESOLVED_APPROVED', 'APPROVED'],
    ['FAIL', 'FAIL', 'RESOLVED_DECLINED', 'DECLINED'],
    ['REJECTED', 'FAIL', 'RESOLVED_DECLINED', 'DECLINED'],
    ['TRUE_POSITIVE_REJECT', 'FAIL', 'RESOLVED_DECLINED', 'DECLINED'],
    ['UNKNOWN_REJECT', 'FAIL', 'RESOLVED_DECLINED', 'DECLINED'],
    ['TRUE_POSITIVE', 'REVIEW', 'REQUIRED', 'REVIEW'],
    ['UNKNOWN', 'REVIEW', 'REQUIRED', 'REVIEW'],
  ];
  it.each(MANUAL)(
    'manualStatus %s on an AML hit → %s, review %s',
    (manualStatus, outcome, review, decision) => {
      const out = normalizeFrankieOne({
        processResultId: 'a',
        class: 'AML',
        state: 'COMPLETED',
        result: 'HIT',
        manualStatus,
      });
      expect(out.checks[0]?.outcome).toBe(outcome);
      expect(out).toMatchObject({ decision, review });
    },
  );

  it.each(MANUAL)('result OVERRIDE defers to manualStatus %s', (manualStatus, outcome) => {
    const out = normalizeFrankieOne({
      processResultId: 'o',
      class: 'IDV',
      state: 'COMPLETED',
      result: 'OVERRIDE',
      manualStatus,
    });
    expect(out.checks[0]?.outcome).toBe(outcome);
  });

  it('OVERRIDE without a manual status, and unknown values, ask a person', () => {
    for (const pr of [
      { class: 'IDV', state: 'COMPLETED', result: 'OVERRIDE' },
      { class: 'IDV', state: 'COMPLETED', result: 'SORT_OF_MATCH' },
      { class: 'IDV', state: 'PAUSED', result: 'MATCH' },
      { class: 'IDV', state: 'COMPLETED', result: 'MATCH', manualStatus: 'MAYBE' },
    ]) {
      const out = valid(normalizeFrankieOne(pr));
      expect(out.checks[0]?.outcome).toBe('REVIEW');
      expect(out.decision).toBe('REVIEW');
    }
  });

  it('an unknown systemStatus or class never lets a pass through as APPROVED', () => {
    const out = normalizeFrankieOne({
      processResults: [{ ...PASSING_RESULT, systemStatus: 'WOBBLY' }],
    });
    expect(out).toMatchObject({ decision: 'REVIEW', review: 'REQUIRED' });
    const cls = normalizeFrankieOne({
      processResults: [{ class: 'TELEPATHY', state: 'COMPLETED', result: 'CLEAR' }],
    });
    expect(cls.checks[0]?.type).toBe('OTHER');
    expect(cls.decision).toBe('REVIEW');
  });

  it('scores: confidence.normalized on 0–100, else riskScore (lower is better)', () => {
    const face = normalizeFrankieOne({
      class: 'IDV',
      supplementaryData: { type: 'IDV_FACIAL_COMPARISON' },
      state: 'COMPLETED',
      result: 'MATCH',
      providerResult: { confidence: { normalized: 73 } },
    });
    expect(face.checks[0]?.score).toEqual({
      raw: 73,
      scale: '0-100',
      normalized: 0.73,
      threshold: null,
      direction: 'HIGHER_IS_BETTER',
    });
    const risk = normalizeFrankieOne({
      class: 'FRAUD',
      state: 'COMPLETED',
      result: 'CLEAR',
      providerResult: { riskScore: 12 },
    });
    expect(risk.checks[0]?.score).toMatchObject({
      raw: 12,
      normalized: null,
      direction: 'LOWER_IS_BETTER',
    });
  });
});

const CLASS_TABLE: [string, CheckType][] = [
  ['KYC', 'DATA_MATCH'],
  ['ID', 'GOV_DB_LOOKUP'],
  ['IDV', 'DOC_AUTHENTICITY'],
  ['AML', 'AML_SCREENING'],
  ['FRAUDLIST', 'FRAUD_SIGNALS'],
  ['FRAUDCHECK', 'FRAUD_SIGNALS'],
  ['FRAUD', 'FRAUD_SIGNALS'],
  ['DEVICE', 'FRAUD_SIGNALS'],
  ['MOBILE', 'FRAUD_SIGNALS'],
  ['EMAIL', 'FRAUD_SIGNALS'],
  ['LOOKUP', 'OTHER'],
  ['CREATE', 'OTHER'],
  ['UPDATE', 'OTHER'],
  ['DELETE', 'OTHER'],
  ['KYB', 'OTHER'],
  ['DUPLICATE', 'DUPLICATE'],
  ['BLOCKLIST', 'RISK_RULES'],
  ['SUPPORTING_DOC', 'OTHER'],
  ['MATCHLIST', 'RISK_RULES'],
  ['VISA', 'GOV_DB_LOOKUP'],
  ['ACTIVITY', 'RISK_RULES'],
];

describe('FrankieOne result class → check type', () => {
  it.each(CLASS_TABLE)('%s → %s', (cls, type) => {
    const out = normalizeFrankieOne({
      processResultId: 'r',
      class: cls,
      state: 'COMPLETED',
      result: 'CLEAR',
    });
    expect(out.checks[0]?.type).toBe(type);
    expect(out.reasons.map((r) => r.code)).not.toContain('UNKNOWN_VENDOR_VALUE');
  });

  it.each([
    ['IDV_DOCUMENT', 'DOC_AUTHENTICITY'],
    ['IDV_FACIAL_COMPARISON', 'FACE_MATCH'],
    ['IDV_FACIAL_LIVENESS', 'LIVENESS'],
    ['IDV_OCR', 'DOC_OCR'],
    ['IDV_OCR_COMPARISON', 'DATA_MATCH'],
    ['AML', 'DOC_AUTHENTICITY'],
  ] as const)('IDV with supplementaryData %s → %s', (supplementary, type) => {
    const out = normalizeFrankieOne({
      class: 'IDV',
      supplementaryData: { type: supplementary },
      state: 'COMPLETED',
      result: 'CLEAR',
    });
    expect(out.checks[0]?.type).toBe(type);
  });
});

const WORKFLOW_TABLE: [string, RunStatus, Decision, ReviewState][] = [
  ['PASS', 'COMPLETED', 'APPROVED', 'NONE'],
  ['CLEAR', 'COMPLETED', 'APPROVED', 'NONE'],
  ['APPROVED', 'COMPLETED', 'APPROVED', 'RESOLVED_APPROVED'],
  ['FAIL', 'COMPLETED', 'DECLINED', 'NONE'],
  ['REJECTED', 'COMPLETED', 'DECLINED', 'RESOLVED_DECLINED'],
  ['REVIEW', 'COMPLETED', 'REVIEW', 'REQUIRED'],
  ['NEEDS_APPROVAL', 'COMPLETED', 'REVIEW', 'REQUIRED'],
  ['BLOCKED', 'COMPLETED', 'REVIEW', 'REQUIRED'],
  ['URGENT', 'COMPLETED', 'REVIEW', 'REQUIRED'],
  ['MONITOR', 'COMPLETED', 'REVIEW', 'REQUIRED'],
  ['COMPLETE', 'COMPLETED', 'NOT_APPLICABLE', 'NONE'],
  ['INCOMPLETE', 'COMPLETED', 'INCONCLUSIVE', 'NONE'],
  ['UNCHECKED', 'PROCESSING', 'PENDING', 'NONE'],
  ['IN_PROGRESS', 'PROCESSING', 'PENDING', 'NONE'],
];

describe('FrankieOne workflow executions', () => {
  it.each(WORKFLOW_TABLE)(
    'result %s (state COMPLETED) → %s / %s / %s',
    (result, runStatus, decision, review) => {
      const out = valid(
        normalizeFrankieOne({
          workflowResult: { workflowExecutionState: 'COMPLETED', status: result },
        }),
      );
      expect(out).toMatchObject({ runStatus, decision, review, vendorDecision: result });
    },
  );

  it.each(WORKFLOW_TABLE)(
    'result %s given as `result` on a bare execution',
    (result, runStatus, decision) => {
      expect(normalizeFrankieOne({ workflowExecutionState: 'COMPLETED', result })).toMatchObject({
        runStatus,
        decision,
      });
    },
  );

  it.each([
    ['IN_PROGRESS', 'PROCESSING', false],
    ['COMPLETED', 'COMPLETED', false],
    ['CANCELED', 'CANCELLED', false],
    ['TERMINATED', 'FAILED', true],
    ['ERROR', 'FAILED', true],
    ['TIMEOUT', 'FAILED', true],
  ] as const)('workflowExecutionState %s → %s', (state, runStatus, retryable) => {
    const out = normalizeFrankieOne({
      workflowExecution: { workflowExecutionState: state, status: 'PASS' },
    });
    expect(out.runStatus).toBe(runStatus);
    expect(out.decision).toBe(state === 'COMPLETED' ? 'APPROVED' : 'PENDING');
    expect(out.retryable ?? false).toBe(retryable);
  });

  it('a manual override of the status resolves the review', () => {
    const out = normalizeFrankieOne({
      workflowResult: {
        workflowExecutionState: 'COMPLETED',
        status: 'PASS',
        statusOverrideRequestId: '01HX',
        statusOverrideBy: 'Rina',
      },
    });
    expect(out).toMatchObject({ decision: 'APPROVED', review: 'RESOLVED_APPROVED' });
  });

  it('unknown workflow values ask a person', () => {
    for (const wf of [
      { workflowExecutionState: 'COMPLETED', status: 'SHRUG' },
      { workflowExecutionState: 'LIMBO', status: 'PASS' },
      { workflowExecutionState: 'COMPLETED' },
    ]) {
      expect(normalizeFrankieOne({ workflowResult: wf })).toMatchObject({
        decision: 'REVIEW',
        review: 'REQUIRED',
      });
    }
  });
});

describe('FrankieOne errors and notifications', () => {
  it.each([
    ['API-0400,', 'API-0400'],
    [' AUTH-0002, ', 'AUTH-0002'],
    ['ENT-1010,', 'ENT-1010'],
    ['API-0409', 'API-0409'],
    [',', null],
    [42, null],
  ] as const)('error code %j → %j', (raw, clean) => {
    expect(cleanErrorCode(raw)).toBe(clean);
  });

  it('an error body becomes FAILED with the trimmed vendor code and the issues', () => {
    const out = valid(normalizeFrankieOne(fixture('frankieone', 'error-bad-request.json')));
    expect(out).toMatchObject({ runStatus: 'FAILED', decision: 'PENDING' });
    expect(out.reasons[0]).toMatchObject({
      code: 'VENDOR_ERROR',
      vendorCode: 'API-0400',
      severity: 'ERROR',
    });
    expect(out.reasons[0]?.message).toContain('dateOfBirth.year is not a number');
  });

  it('notifications are hints: success keeps polling, anything else fails the step', () => {
    const ok = valid(
      normalizeFrankieOne(fixture('frankieone', 'notification-workflow-complete.json')),
    );
    expect(ok).toMatchObject({
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      vendorStatus: 'WorkflowComplete',
      externalId: '4b7a9c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c',
    });
    const failed = normalizeFrankieOne({
      function: 'OCR_PROCESSED',
      functionResult: 'ERROR_PROVIDER',
      entityId: 'e',
    });
    expect(failed).toMatchObject({
      runStatus: 'FAILED',
      decision: 'PENDING',
      vendorDecision: 'ERROR_PROVIDER',
    });
  });
});

describe('FrankieOne fixtures', () => {
  it('the seed checkstatus example: COMPLETE but its result still in progress', () => {
    const out = valid(normalizeFrankieOne(fixture('frankieone', 'seed-checkstatus-response.json')));
    expect(out).toMatchObject({
      provider: 'frankieone',
      runStatus: 'PROCESSING',
      decision: 'PENDING',
      review: 'NONE',
      vendorStatus: 'COMPLETE',
      vendorDecision: 'MATCH',
    });
    expect(out.checks).toHaveLength(1);
    expect(out.checks[0]).toMatchObject({
      type: 'DATA_MATCH',
      outcome: 'PENDING',
      score: { raw: 50, normalized: 0.5, scale: '0-100' },
    });
    expect(out.extracted.fields?.['requestId']).toBe('01HN9XHZN6MGXM9JXG50K59Q85');
  });

  it('the seed example once its result completed', () => {
    const seed = fixture('frankieone', 'seed-checkstatus-response.json') as {
      ocrResult: Record<string, unknown>;
    };
    const done = { ...seed, ocrResult: { ...seed.ocrResult, state: 'COMPLETED' } };
    expect(normalizeFrankieOne(done)).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'APPROVED',
    });
  });

  it('a results list: a stale pass, an ignored failure, a cleared AML hit', () => {
    const out = valid(normalizeFrankieOne(fixture('frankieone', 'results-list.json')));
    expect(out).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'APPROVED',
      review: 'RESOLVED_APPROVED',
    });
    expect(out.checks.map((c) => `${c.type}:${c.outcome}`)).toEqual([
      'FACE_MATCH:PASS',
      'LIVENESS:PASS',
      'AML_SCREENING:PASS',
      'DATA_MATCH:PASS',
      'DUPLICATE:FAIL',
    ]);
    expect(out.checks[0]?.score?.normalized).toBe(0.88);
    expect(out.reasons.map((r) => r.code)).toContain('RESULT_STALE');
  });

  it('a workflow execution with issues and risk', () => {
    const out = valid(normalizeFrankieOne(fixture('frankieone', 'workflow-execution.json')));
    expect(out).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'REVIEW',
      review: 'REQUIRED',
      vendorStatus: 'COMPLETED',
      vendorDecision: 'REVIEW',
      service: 'id-onboarding',
    });
    expect(out.reasons.map((r) => r.code)).toEqual(['PEP']);
    expect(out.checks).toEqual([
      expect.objectContaining({
        type: 'RISK_RULES',
        outcome: 'INFO',
        score: expect.objectContaining({ raw: 42, level: 'MEDIUM' }),
      }),
    ]);
    expect(out.extracted.fields).toMatchObject({
      riskLevel: 'MEDIUM',
      workflowExecutionId: '01J2Q8N0000000000000000WFX',
    });
  });

  it('a relayed, lower-case, JSON5 checkstatus answer', () => {
    const out = valid(normalizeFrankieOne(fixture('frankieone', 'checkstatus-quirks.json5')));
    expect(out).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      vendorStatus: 'COMPLETE',
      vendorDecision: 'NO_MATCH',
    });
    expect(out.checks[0]).toMatchObject({ type: 'DOC_OCR', outcome: 'FAIL' });
  });

  it('the snapshot CheckDesk stores (entity + idv + results) extracts the person', () => {
    const out = normalizeFrankieOne({
      entity: {
        individual: {
          entityId: 'e-1',
          name: { givenName: 'Budi', familyName: 'Santoso', displayName: 'Budi Santoso' },
          dateOfBirth: { year: '1985', month: '3', day: '12' },
          documents: {
            IDENTITY: [
              { type: 'NATIONAL_ID', country: 'IDN', primaryIdentifier: '3171021203850004' },
            ],
          },
          addresses: [{ longForm: 'Jl. Melati 5, Jakarta', locality: 'Jakarta', country: 'IDN' }],
        },
      },
      idv: { status: 'COMPLETE' },
      results: [PASSING_RESULT],
    });
    expect(out).toMatchObject({ externalId: 'e-1', decision: 'APPROVED' });
    expect(out.extracted.person).toMatchObject({
      fullName: 'Budi Santoso',
      birthDate: '1985-03-12',
      nik: '3171021203850004',
    });
    expect(out.extracted.document).toMatchObject({
      type: 'NATIONAL_ID',
      number: '3171021203850004',
    });
    expect(out.extracted.address).toMatchObject({ full: 'Jl. Melati 5, Jakarta', city: 'Jakarta' });
  });
});

describe('FrankieOne odd input never throws and never approves', () => {
  it.each([
    ['null', null],
    ['a string', 'COMPLETE'],
    ['a number', 7],
    ['an empty object', {}],
    ['an empty array', []],
    ['an array of junk', [1, 'x', null]],
    ['processResults not objects', { processResults: [null, 3] }],
    ['status a number', { status: 5 }],
    ['ocrResult a string', { status: 'COMPLETE', ocrResult: 'MATCH' }],
    [
      'workflow result an object',
      { workflowResult: { workflowExecutionState: 'COMPLETED', status: { value: 'PASS' } } },
    ],
  ])('%s', (_label, payload) => {
    const out = valid(normalizeFrankieOne(payload));
    expect(out.provider).toBe('frankieone');
    expect(out.decision).not.toBe('APPROVED');
  });
});
