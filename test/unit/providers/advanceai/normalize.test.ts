import { describe, expect, it } from 'vitest';
import {
  CanonicalVerification,
  type CheckType,
  type Decision,
  type RunStatus,
} from '../../../../shared/model.ts';
import { normalizeAdvanceAi } from '../../../../electron/engine/providers/advanceai/index.ts';

/** A get-result envelope around `data`, the way the vendor sends it. */
function envelope(data: Record<string, unknown> | null, code = 'SUCCESS'): Record<string, unknown> {
  return {
    code,
    message: 'OK',
    data,
    extra: null,
    transactionId: 'a1b2c3d4e5f60718',
    pricingStrategy: 'FREE',
  };
}

function normalize(payload: unknown): CanonicalVerification {
  const result = normalizeAdvanceAi(payload);
  // Every answer must be a valid canonical verification, whatever went in.
  return CanonicalVerification.parse(result);
}

interface Row {
  overall: string;
  errorCode: string;
  runStatus: RunStatus;
  decision: Decision;
  reason: string;
  /** The check the code condemns, if any. */
  failedCheck?: CheckType;
  retryable?: boolean;
}

// Expected values written out by hand from providers.md §8.4 (not derived from the code's table).
const ROWS: Row[] = [
  {
    overall: 'FAIL',
    errorCode: 'LIVENESS_ATTACK',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'LIVENESS_FAILED',
    failedCheck: 'LIVENESS',
  },
  {
    overall: 'FAIL',
    errorCode: 'SIMILARITY_FAILED',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'FACE_MISMATCH',
    failedCheck: 'FACE_MATCH',
  },
  {
    overall: 'FAIL',
    errorCode: 'ID_FORGERY_DETECTED',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'DOC_TAMPERED',
    failedCheck: 'DOC_AUTHENTICITY',
  },
  {
    overall: 'FAIL',
    errorCode: 'STRATEGY_HIT',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'RISK_RULE_HIT',
    failedCheck: 'RISK_RULES',
  },
  {
    overall: 'FAIL',
    errorCode: 'RISK_STRATEGY_HIT',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'RISK_RULE_HIT',
    failedCheck: 'RISK_RULES',
  },
  {
    overall: 'FAIL',
    errorCode: 'AGE_VERIFICATION_FAILED',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'UNDERAGE',
    failedCheck: 'AGE',
  },
  {
    overall: 'FAIL',
    errorCode: 'DOC_EXPIRED',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'DOC_EXPIRED',
    failedCheck: 'DOC_EXPIRY',
  },
  {
    overall: 'FAIL',
    errorCode: 'OCR_FIELD_INVALID',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'OCR_FAILED',
    failedCheck: 'DOC_OCR',
  },
  {
    overall: 'FAIL',
    errorCode: 'NATIONALITY_COMPLIANCE_FAILED',
    runStatus: 'COMPLETED',
    decision: 'DECLINED',
    reason: 'NATIONALITY_NOT_ALLOWED',
    failedCheck: 'RISK_RULES',
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'NO_SUPPORTED_CARD',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_TYPE_UNSUPPORTED',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'NOT_SUPPORTED_CARD',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_TYPE_UNSUPPORTED',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'NO_SUPPORTED_CARD_CUSTOMIZED',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_TYPE_UNSUPPORTED',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'CARD_TYPE_MISMATCH',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_TYPE_MISMATCH',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'REGION_TYPE_MISMATCH',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_TYPE_MISMATCH',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'CARD_LOW_QUALITY_IMAGE',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_IMAGE_UNUSABLE',
    failedCheck: 'DOC_QUALITY',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'INCOMPLETED_CARD',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_IMAGE_UNUSABLE',
    failedCheck: 'DOC_QUALITY',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'TOO_MANY_CARDS',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_IMAGE_UNUSABLE',
    failedCheck: 'DOC_QUALITY',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'CARD_NOT_FOUND',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_IMAGE_UNUSABLE',
    failedCheck: 'DOC_QUALITY',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'CARD_INFO_MISMATCH',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'DOC_SIDES_INCONSISTENT',
    failedCheck: 'DATA_MATCH',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'OCR_NO_RESULT',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'OCR_FAILED',
    failedCheck: 'DOC_OCR',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'RETRY_COUNT_REACH_MAX',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'MAX_ATTEMPTS',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'FACE_QUALITY_TOO_POOR',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'FACE_IMAGE_UNUSABLE',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'NO_FACE_DETECTED',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'FACE_IMAGE_UNUSABLE',
    failedCheck: 'FACE_MATCH',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'LIVENESS_ATTACK',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'LIVENESS_FAILED',
    failedCheck: 'LIVENESS',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'SIMILARITY_FAILED',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'FACE_MISMATCH',
    failedCheck: 'FACE_MATCH',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'RISK_STRATEGY_HIT',
    runStatus: 'COMPLETED',
    decision: 'INCONCLUSIVE',
    reason: 'RISK_RULE_HIT',
    failedCheck: 'RISK_RULES',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'USER_TIMEOUT',
    runStatus: 'EXPIRED',
    decision: 'INCONCLUSIVE',
    reason: 'USER_TIMEOUT',
    retryable: true,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'PARAMETER_ERROR',
    runStatus: 'FAILED',
    decision: 'PENDING',
    reason: 'VENDOR_ERROR',
    retryable: false,
  },
  {
    overall: 'INCOMPLETE',
    errorCode: 'ERROR',
    runStatus: 'FAILED',
    decision: 'PENDING',
    reason: 'VENDOR_ERROR',
    retryable: false,
  },
];

describe('ADVANCE.AI normalize: overallResult × errorCode', () => {
  it.each(ROWS)('$overall + $errorCode → $runStatus / $decision / $reason', (row) => {
    const result = normalize(
      envelope({
        signatureId: 'sig1',
        overallResult: row.overall,
        submissionCompleted: true,
        errorCode: row.errorCode,
      }),
    );
    expect(result.provider).toBe('advanceai');
    expect(result.runStatus).toBe(row.runStatus);
    expect(result.decision).toBe(row.decision);
    expect(result.review).toBe('NONE');
    expect(result.vendorDecision).toBe(row.overall);
    const reason = result.reasons.find((r) => r.vendorCode === row.errorCode);
    expect(reason?.code).toBe(row.reason);
    expect(reason?.severity).toBe('ERROR');
    if (row.failedCheck) {
      expect(result.checks.find((c) => c.type === row.failedCheck)?.outcome).toBe('FAIL');
    }
    if (row.retryable !== undefined) expect(result.retryable).toBe(row.retryable);
    expect(result.decision).not.toBe('APPROVED');
  });

  it('PASS + SUCCESS approves with no reasons', () => {
    const result = normalize(
      envelope({
        signatureId: 'sig1',
        overallResult: 'PASS',
        submissionCompleted: true,
        errorCode: 'SUCCESS',
      }),
    );
    expect([result.runStatus, result.decision, result.review]).toEqual([
      'COMPLETED',
      'APPROVED',
      'NONE',
    ]);
    expect(result.reasons).toEqual([]);
    expect(result.externalId).toBe('sig1');
  });

  it.each([
    { submissionCompleted: false, runStatus: 'AWAITING_INPUT' },
    { submissionCompleted: true, runStatus: 'PROCESSING' },
    { submissionCompleted: undefined, runStatus: 'PROCESSING' },
  ])(
    'overallResult null, submissionCompleted $submissionCompleted → $runStatus / PENDING',
    ({ submissionCompleted, runStatus }) => {
      const result = normalize(
        envelope({
          signatureId: 'sig1',
          overallResult: null,
          submissionCompleted,
          errorCode: null,
        }),
      );
      expect(result.runStatus).toBe(runStatus);
      expect(result.decision).toBe('PENDING');
    },
  );

  it.each(['REVIEW', 'MAYBE', '1'])(
    'an undocumented overallResult %s → REVIEW with UNKNOWN_VENDOR_VALUE, never APPROVED',
    (value) => {
      const result = normalize(
        envelope({ signatureId: 'sig1', overallResult: value, errorCode: 'SUCCESS' }),
      );
      expect(result.decision).toBe('REVIEW');
      expect(result.review).toBe('REQUIRED');
      expect(result.reasons[0]).toMatchObject({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: value });
    },
  );

  it('a non-text overallResult is unknown too', () => {
    const result = normalize(envelope({ signatureId: 'sig1', overallResult: { nested: true } }));
    expect(result.decision).toBe('REVIEW');
    expect(result.reasons.map((r) => r.code)).toContain('UNKNOWN_VENDOR_VALUE');
  });

  it('PASS with an undocumented errorCode is REVIEW, not APPROVED', () => {
    const result = normalize(envelope({ overallResult: 'PASS', errorCode: 'BRAND_NEW_CODE' }));
    expect(result.decision).toBe('REVIEW');
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: 'BRAND_NEW_CODE' }),
    );
  });

  it('PASS contradicted by a failure code is REVIEW', () => {
    const result = normalize(envelope({ overallResult: 'PASS', errorCode: 'LIVENESS_ATTACK' }));
    expect(result.decision).toBe('REVIEW');
    expect(result.reasons[0]).toMatchObject({ code: 'LIVENESS_FAILED', severity: 'WARNING' });
  });

  it.each([
    ['FAIL', 'DECLINED'],
    ['INCOMPLETE', 'INCONCLUSIVE'],
  ])('%s with an undocumented errorCode keeps %s and flags the code', (overall, decision) => {
    const result = normalize(envelope({ overallResult: overall, errorCode: 'BRAND_NEW_CODE' }));
    expect(result.decision).toBe(decision);
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: 'BRAND_NEW_CODE' }),
    );
  });

  it('INCOMPLETE without an errorCode is COMPLETED / INCONCLUSIVE', () => {
    const result = normalize(envelope({ overallResult: 'INCOMPLETE', errorCode: null }));
    expect([result.runStatus, result.decision]).toEqual(['COMPLETED', 'INCONCLUSIVE']);
  });
});

describe('ADVANCE.AI normalize: quirks', () => {
  it.each([
    ['overResult (misspelt key)', { overResult: 'fail', errorCode: 'liveness_attack' }],
    ['lowercase values', { overallResult: 'fail', errorCode: 'LIVENESS_ATTACK' }],
    ['only the deprecated idvResult', { idvResult: 'FAIL', errorCode: 'LIVENESS_ATTACK' }],
    ['a differently cased key', { OverallResult: 'Fail', errorCode: 'LIVENESS_ATTACK' }],
  ])('%s', (_label, data) => {
    const result = normalize(envelope(data));
    expect(result.decision).toBe('DECLINED');
    expect(result.reasons[0]?.code).toBe('LIVENESS_FAILED');
  });

  it('overallResult wins over a disagreeing idvResult', () => {
    expect(
      normalize(envelope({ overallResult: 'PASS', idvResult: 'FAIL', errorCode: 'SUCCESS' }))
        .decision,
    ).toBe('APPROVED');
  });

  it('a bare data object (no envelope) is read the same way', () => {
    const result = normalize({
      signatureId: 'bare1',
      overallResult: 'PASS',
      errorCode: 'SUCCESS',
      submissionCompleted: true,
    });
    expect([result.decision, result.externalId, result.vendorStatus]).toEqual([
      'APPROVED',
      'bare1',
      null,
    ]);
  });

  it('a list payload is read by its first element', () => {
    expect(
      normalize([envelope({ overallResult: 'FAIL', errorCode: 'DOC_EXPIRED' })]).decision,
    ).toBe('DECLINED');
  });

  it('docResult / idFrontImage variants drive DOC_OCR like ocrResult', () => {
    const a = normalize(
      envelope({
        overallResult: 'PASS',
        errorCode: 'SUCCESS',
        docDetail: { docResult: 'FAIL', idFrontImage: 'https://x/front.jpg' },
      }),
    );
    const b = normalize(
      envelope({ overallResult: 'PASS', errorCode: 'SUCCESS', docDetail: { ocrResult: 'pass' } }),
    );
    expect(a.checks.find((c) => c.type === 'DOC_OCR')?.outcome).toBe('FAIL');
    expect(b.checks.find((c) => c.type === 'DOC_OCR')?.outcome).toBe('PASS');
  });

  it('createTimestmap (and the correct spelling) give the creation time', () => {
    const a = normalize(
      envelope({
        overallResult: null,
        faceDetail: { eventDetails: [{ event: 'X', createTimestmap: 1665993522952 }] },
      }),
    );
    const b = normalize(
      envelope({
        overallResult: null,
        docDetail: { eventDetails: [{ event: 'X', createTimestamp: '1665993522000' }] },
      }),
    );
    expect(a.timestamps?.created).toBe('2022-10-17T07:58:42.952Z');
    expect(b.timestamps?.created).toBe('2022-10-17T07:58:42.000Z');
  });
});

describe('ADVANCE.AI normalize: checks and scores', () => {
  const face = (liveness: unknown, similarity: unknown, faceResult = 'PASS') =>
    normalize(
      envelope({
        overallResult: 'PASS',
        errorCode: 'SUCCESS',
        faceDetail: { faceResult, faceLivenessScore: liveness, faceSimilarityScore: similarity },
      }),
    );

  it.each([
    [49.9, 'FAIL'],
    [50, 'PASS'],
    [50.0, 'PASS'],
    [99, 'PASS'],
    [0.0, 'FAIL'],
  ])('liveness %s against threshold 50 → %s', (score, outcome) => {
    const check = face(score, 90).checks.find((c) => c.type === 'LIVENESS')!;
    expect(check.outcome).toBe(outcome);
    expect(check.score).toEqual({
      raw: score,
      scale: '0-100',
      normalized: score / 100,
      threshold: 50,
      direction: 'HIGHER_IS_BETTER',
    });
  });

  it.each([
    [69.99, 'FAIL'],
    [70, 'PASS'],
    [82, 'PASS'],
    ['82.0', 'PASS'],
  ])('similarity %s against threshold 70 → %s', (score, outcome) => {
    const check = face(99, score).checks.find((c) => c.type === 'FACE_MATCH')!;
    expect(check.outcome).toBe(outcome);
    expect(check.score?.raw).toBe(Number(score));
    expect(check.score?.threshold).toBe(70);
  });

  it('without scores the faceResult decides; null faceResult on a finished run is NOT_RUN', () => {
    expect(face(null, null, 'FAIL').checks.map((c) => c.outcome)).toEqual(['FAIL', 'FAIL']);
    expect(face(null, null, 'pass').checks.map((c) => c.outcome)).toEqual(['PASS', 'PASS']);
    const never = normalize(
      envelope({
        overallResult: 'INCOMPLETE',
        errorCode: 'CARD_NOT_FOUND',
        faceDetail: { faceResult: null },
      }),
    );
    expect(
      never.checks
        .filter((c) => c.type === 'LIVENESS' || c.type === 'FACE_MATCH')
        .map((c) => c.outcome),
    ).toEqual(['NOT_RUN', 'NOT_RUN']);
  });

  it('an undocumented faceResult makes the checks REVIEW', () => {
    const result = face(null, null, 'MAYBE');
    expect(result.checks.map((c) => c.outcome)).toEqual(['REVIEW', 'REVIEW']);
    expect(result.reasons.map((r) => r.code)).toContain('UNKNOWN_VENDOR_VALUE');
  });

  it('while processing, missing scores are PENDING', () => {
    const result = normalize(
      envelope({
        overallResult: null,
        submissionCompleted: true,
        faceDetail: { faceResult: 'pass', faceLivenessScore: 99, faceSimilarityScore: null },
      }),
    );
    expect(result.checks.map((c) => [c.type, c.outcome])).toEqual([
      ['LIVENESS', 'PASS'],
      ['FACE_MATCH', 'PENDING'],
    ]);
  });

  it('forgery labels make DOC_AUTHENTICITY REVIEW (FAIL with ID_FORGERY_DETECTED); an empty list passes', () => {
    const doc = (labels: unknown, overallResult = 'PASS', errorCode = 'SUCCESS') =>
      normalize(
        envelope({
          overallResult,
          errorCode,
          docDetail: { ocrResult: 'PASS', forgeryLabels: labels },
        }),
      ).checks.find((c) => c.type === 'DOC_AUTHENTICITY')!;
    expect(doc(['photocopy']).outcome).toBe('REVIEW');
    expect(doc(['photocopy']).reasons).toEqual([
      expect.objectContaining({
        code: 'DOC_FORGERY_SIGN',
        vendorCode: 'photocopy',
        severity: 'WARNING',
      }),
    ]);
    expect(doc([]).outcome).toBe('PASS');
    expect(doc(null).outcome).toBe('NOT_RUN');
    expect(doc(['photocopy'], 'FAIL', 'ID_FORGERY_DETECTED').outcome).toBe('FAIL');
  });

  it('quality labels become DOC_QUALITY warnings per side', () => {
    const result = normalize(
      envelope({
        overallResult: 'PASS',
        errorCode: 'SUCCESS',
        docDetail: {
          qualityLabels: {
            front: { isBlur: false, isDim: true, isExposure: true },
            back: { isBlur: true, isGlare: true },
          },
        },
      }),
    );
    const check = result.checks.find((c) => c.type === 'DOC_QUALITY')!;
    expect(check.outcome).toBe('INFO');
    expect(check.reasons.map((r) => `${r.code}:${r.vendorCode}`)).toEqual([
      'DOC_TOO_DARK:isDim',
      'DOC_OVEREXPOSED:isExposure',
      'DOC_BLURRY:isBlur',
      'DOC_QUALITY_FLAG:isGlare',
    ]);
    const clean = normalize(
      envelope({
        overallResult: 'PASS',
        errorCode: 'SUCCESS',
        docDetail: { qualityLabels: { front: { isBlur: false }, back: null } },
      }),
    );
    expect(clean.checks.find((c) => c.type === 'DOC_QUALITY')?.outcome).toBe('PASS');
  });
});

describe('ADVANCE.AI normalize: envelope codes', () => {
  it('SIGNATURE_NOT_EXIST → FAILED with NOT_FOUND', () => {
    const result = normalize(envelope(null, 'SIGNATURE_NOT_EXIST'));
    expect([result.runStatus, result.decision, result.vendorStatus]).toEqual([
      'FAILED',
      'PENDING',
      'SIGNATURE_NOT_EXIST',
    ]);
    expect(result.reasons).toEqual([
      expect.objectContaining({
        code: 'NOT_FOUND',
        vendorCode: 'SIGNATURE_NOT_EXIST',
        severity: 'ERROR',
      }),
    ]);
  });

  it('ERROR → still PENDING, a retryable VENDOR_ERROR', () => {
    const result = normalize(envelope(null, 'ERROR'));
    expect([result.runStatus, result.decision, result.retryable]).toEqual([
      'PROCESSING',
      'PENDING',
      true,
    ]);
    expect(result.reasons[0]).toMatchObject({ code: 'VENDOR_ERROR', vendorCode: 'ERROR' });
  });

  it('an undocumented envelope code → REVIEW with UNKNOWN_VENDOR_VALUE, with or without data', () => {
    const empty = normalize(envelope(null, 'SOMETHING_NEW'));
    const withData = normalize(
      envelope({ overallResult: 'PASS', errorCode: 'SUCCESS' }, 'SOMETHING_NEW'),
    );
    for (const result of [empty, withData]) {
      expect(result.decision).toBe('REVIEW');
      expect(result.reasons[0]).toMatchObject({
        code: 'UNKNOWN_VENDOR_VALUE',
        vendorCode: 'SOMETHING_NEW',
      });
    }
  });

  it('SUCCESS without data is unreadable, not approved', () => {
    const result = normalize(envelope(null));
    expect(result.decision).toBe('REVIEW');
    expect(result.reasons[0]?.code).toBe('UNREADABLE_PAYLOAD');
  });
});

describe('ADVANCE.AI normalize: extracted data', () => {
  it('reads the KTP fields, converting dates and recognising the NIK', () => {
    const result = normalize(
      envelope({
        signatureId: 's',
        overallResult: 'PASS',
        errorCode: 'SUCCESS',
        countryCodeIso3: 'IDN',
        docDetail: {
          docType: { front: 'ID-ID-KTP', back: null },
          ocrInfo: {
            front: {
              idNumber: '3171014708900003',
              fullName: 'SITI RAHAYU',
              birthday: '1990/08/07',
              gender: 'FEMALE',
              fullAddress: 'JL. X',
              city: 'JAKARTA',
              state: 'DKI',
              expiryDate: 'SEUMUR HIDUP',
            },
            back: { documentNumber: '99' },
          },
        },
        docFrontImage: 'https://example.com/f.jpg',
      }),
    );
    expect(result.extracted.person).toEqual({
      fullName: 'SITI RAHAYU',
      birthDate: '1990-08-07',
      gender: 'F',
      nik: '3171014708900003',
    });
    expect(result.extracted.document).toEqual({
      type: 'ID-ID-KTP',
      number: '3171014708900003',
      issuingCountry: 'IDN',
      expiryDate: 'SEUMUR HIDUP',
    });
    expect(result.extracted.address).toEqual({
      full: 'JL. X',
      city: 'JAKARTA',
      region: 'DKI',
      country: 'IDN',
    });
    expect(result.extracted.fields?.['ocr.back.documentNumber']).toBe('99');
  });

  it.each([
    ['OCTOBER 28,1977', '1977-10-28'],
    ['1987/11/25', '1987-11-25'],
    ['25-11-1987', '1987-11-25'],
    ['1987-02-30', null],
  ])('birthday %s → %s', (birthday, iso) => {
    const result = normalize(
      envelope({ overallResult: null, docDetail: { ocrInfo: { front: { birthday } } } }),
    );
    expect(result.extracted.person?.birthDate).toBe(iso ?? birthday);
  });

  it('a 16-digit number outside Indonesia is not taken for a NIK', () => {
    const result = normalize(
      envelope({
        overallResult: 'PASS',
        countryCodeIso3: 'PHL',
        docDetail: { ocrInfo: { front: { idNumber: '1234567890123456' } } },
      }),
    );
    expect(result.extracted.person?.nik).toBeUndefined();
    expect(result.extracted.document?.number).toBe('1234567890123456');
  });
});

describe('ADVANCE.AI normalize never throws', () => {
  const odd: unknown[] = [
    null,
    undefined,
    42,
    'text',
    true,
    [],
    [null],
    {},
    { data: 5 },
    { code: 7 },
    { code: 'SUCCESS', data: [] },
    { overallResult: 5, faceDetail: 'x', docDetail: [1, 2], errorCode: { a: 1 } },
    {
      overallResult: 'PASS',
      faceDetail: { faceLivenessScore: 'NaN', eventDetails: 'none' },
      docDetail: { forgeryLabels: 'photocopy', qualityLabels: [], ocrInfo: { front: 'x' } },
    },
    {
      overallResult: 'PASS',
      errorCode: 'SUCCESS',
      docDetail: { ocrInfo: { front: { others: { a: { b: { c: { d: 1 } } } } } } },
    },
  ];
  it.each(odd.map((value, i) => [i, value]))(
    'odd input #%s gives a valid canonical result, never APPROVED unless the vendor said PASS',
    (_i, value) => {
      const result = normalize(value);
      expect(result.provider).toBe('advanceai');
      if (!JSON.stringify(value ?? null).includes('"PASS"'))
        expect(result.decision).not.toBe('APPROVED');
    },
  );
});
