import { describe, expect, it } from 'vitest';
import {
  CanonicalVerification,
  type CheckOutcome,
  type Decision,
  type RunStatus,
} from '../../../../shared/model.ts';
import { normalizeAiPrise, toAlpha3 } from '../../../../electron/engine/providers/aiprise/index.ts';

function normalize(payload: unknown): CanonicalVerification {
  return CanonicalVerification.parse(normalizeAiPrise(payload));
}

function result(
  status: unknown,
  verdict: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    verification_session_id: 'sess-1',
    template_id: 'tpl-1',
    created_at: 1681751214017,
    status,
    aiprise_summary: { verification_result: verdict },
    ...extra,
  };
}

// Hand-written from providers.md §8.4 (AiPrise), not derived from the adapter's table.
const RUN_STATUS: [string, RunStatus][] = [
  ['NOT_STARTED', 'AWAITING_INPUT'],
  ['COLLECTING', 'AWAITING_INPUT'],
  ['SUBMITTED', 'QUEUED'],
  ['RUNNING', 'PROCESSING'],
  ['PROCESSING', 'PROCESSING'],
  ['PENDING', 'PROCESSING'],
  ['COMPLETED', 'COMPLETED'],
  ['FAILED', 'FAILED'],
];

describe('AiPrise normalize: run status × verification_result', () => {
  it.each(RUN_STATUS)('status %s → %s', (status, runStatus) => {
    const r = normalize(result(status, 'UNKNOWN'));
    expect(r.runStatus).toBe(runStatus);
    expect(r.vendorStatus).toBe(status);
    // UNKNOWN: pending while the run is not finished, inconclusive once it is.
    expect(r.decision).toBe(runStatus === 'COMPLETED' ? 'INCONCLUSIVE' : 'PENDING');
  });

  it.each([
    ['APPROVED', 'APPROVED', 'NONE'],
    ['DECLINED', 'DECLINED', 'NONE'],
    ['REVIEW', 'REVIEW', 'REQUIRED'],
    ['UNKNOWN', 'INCONCLUSIVE', 'NONE'],
    ['approved', 'APPROVED', 'NONE'],
  ] as [string, Decision, string][])(
    'COMPLETED + %s → %s (review %s)',
    (verdict, decision, review) => {
      const r = normalize(result('COMPLETED', verdict));
      expect([r.runStatus, r.decision, r.review, r.vendorDecision]).toEqual([
        'COMPLETED',
        decision,
        review,
        verdict,
      ]);
    },
  );

  it('APPROVED is only trusted from a finished run', () => {
    expect(normalize(result('RUNNING', 'APPROVED')).decision).toBe('PENDING');
    expect(normalize(result('FAILED', 'APPROVED')).decision).toBe('REVIEW');
  });

  it('an undocumented verification_result → REVIEW with UNKNOWN_VENDOR_VALUE', () => {
    const r = normalize(result('COMPLETED', 'MAYBE'));
    expect([r.decision, r.review]).toEqual(['REVIEW', 'REQUIRED']);
    expect(r.reasons[0]).toMatchObject({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: 'MAYBE' });
  });

  it('an undocumented run status → REVIEW even when the summary approves', () => {
    const r = normalize(result('PAUSED', 'APPROVED'));
    expect(r.decision).toBe('REVIEW');
    expect(r.reasons[0]).toMatchObject({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: 'PAUSED' });
  });

  it('FAILED runs carry status_reasons; API_DATA_REQUIREMENTS_NOT_MET → INPUT_DATA_INVALID', () => {
    const r = normalize(
      result('FAILED', 'UNKNOWN', {
        status_reasons: [
          { code: 'API_DATA_REQUIREMENTS_NOT_MET', message: 'identity_number_type missing' },
          { code: 'SOME_OTHER_FAILURE', message: 'upstream down' },
        ],
      }),
    );
    expect([r.runStatus, r.decision, r.retryable]).toEqual(['FAILED', 'PENDING', false]);
    expect(r.reasons.map((x) => [x.code, x.vendorCode, x.severity])).toEqual([
      ['INPUT_DATA_INVALID', 'API_DATA_REQUIREMENTS_NOT_MET', 'ERROR'],
      ['VENDOR_FAILURE', 'SOME_OTHER_FAILURE', 'ERROR'],
    ]);
  });

  it('a payload without status infers it: status_reasons → FAILED, final verdict → COMPLETED', () => {
    expect(normalize({ status_reasons: [{ code: 'X', message: 'y' }] }).runStatus).toBe('FAILED');
    expect(
      normalize({
        verification_session_id: 's',
        aiprise_summary: { verification_result: 'DECLINED' },
      }).runStatus,
    ).toBe('COMPLETED');
    expect(normalize({ verification_session_id: 's' }).runStatus).toBe('PROCESSING');
  });
});

describe('AiPrise normalize: sections', () => {
  const section = (result: unknown, status: unknown, extra: Record<string, unknown> = {}) => ({
    result,
    status,
    ...extra,
  });

  it.each([
    ['APPROVED', 'COMPLETED', 'PASS'],
    ['DECLINED', 'COMPLETED', 'FAIL'],
    ['REVIEW', 'COMPLETED', 'REVIEW'],
    ['UNKNOWN', 'COMPLETED', 'INFO'],
    ['FOUND', 'COMPLETED', 'INFO'],
    ['APPROVED', 'PENDING', 'PENDING'],
    ['UNKNOWN', 'PENDING', 'PENDING'],
    ['APPROVED', 'FAILED', 'ERROR'],
    ['SOMETHING', 'COMPLETED', 'REVIEW'],
  ] as [string, string, CheckOutcome][])(
    'section result %s, status %s → %s',
    (res, status, outcome) => {
      const r = normalize(
        result('COMPLETED', 'APPROVED', { face_liveness_info: section(res, status) }),
      );
      const check = r.checks.find((c) => c.type === 'LIVENESS')!;
      expect(check.outcome).toBe(outcome);
      if (res === 'SOMETHING')
        expect(check.reasons[0]).toMatchObject({
          code: 'UNKNOWN_VENDOR_VALUE',
          vendorCode: 'SOMETHING',
        });
    },
  );

  it('declined sections explain the decision in the verification reasons', () => {
    const r = normalize(
      result('COMPLETED', 'DECLINED', {
        face_match_info: section('DECLINED', 'COMPLETED', { face_match_score: 22.1 }),
      }),
    );
    expect(r.reasons).toContainEqual(
      expect.objectContaining({ code: 'FACE_MISMATCH', severity: 'ERROR' }),
    );
    expect(r.checks[0]?.score).toEqual({
      raw: 22.1,
      scale: '0-100',
      normalized: 0.221,
      threshold: null,
      direction: 'HIGHER_IS_BETTER',
    });
  });

  it('warnings and section status_reasons become check reasons', () => {
    const r = normalize(
      result('COMPLETED', 'REVIEW', {
        id_info: section('REVIEW', 'FAILED', {
          warnings: [{ code: 'BLURRY', message: 'Image is blurry' }, 'glare'],
          status_reasons: [{ code: 'OCR_TIMEOUT', message: 'timed out' }],
        }),
      }),
    );
    const check = r.checks.find((c) => c.type === 'DOC_AUTHENTICITY')!;
    expect(check.outcome).toBe('ERROR');
    expect(check.reasons.map((x) => [x.code, x.vendorCode, x.severity])).toEqual([
      ['VENDOR_WARNING', 'BLURRY', 'WARNING'],
      ['VENDOR_WARNING', null, 'WARNING'],
      ['VENDOR_FAILURE', 'OCR_TIMEOUT', 'ERROR'],
    ]);
  });

  it('id_info → DOC_AUTHENTICITY + DOC_OCR + GOV_DB_LOOKUP per lookup + DATA_MATCH from field_info', () => {
    const r = normalize(
      result('COMPLETED', 'REVIEW', {
        id_info: {
          ...section('APPROVED', 'COMPLETED'),
          id_number: '3171014708900003',
          lookup_details: {
            lookup_list: [
              {
                lookup_source: 'REGISTRY_A',
                lookup_type: 'NATIONAL_ID',
                issuer_country_code: 'ID',
                result: 'APPROVED',
                status: 'COMPLETED',
              },
              {
                lookup_source: 'REGISTRY_B',
                lookup_type: 'NIN',
                issuer_country_code: 'NG',
                result: 'DECLINED',
                status: 'COMPLETED',
              },
              {
                lookup_source: 'REGISTRY_C',
                lookup_type: 'BVN',
                result: 'UNKNOWN',
                status: 'PENDING',
              },
            ],
          },
          field_info: {
            first_name: { matched: ['REGISTRY_A'], unmatched: [] },
            birth_date: { matched: ['REGISTRY_A'], unmatched: ['REGISTRY_B'] },
          },
        },
      }),
    );
    expect(r.checks.map((c) => [c.type, c.name, c.outcome])).toEqual([
      ['DOC_AUTHENTICITY', 'id_info', 'PASS'],
      ['DOC_OCR', 'id_info.extracted', 'PASS'],
      ['GOV_DB_LOOKUP', 'id_info.lookup_list[0]:NATIONAL_ID', 'PASS'],
      ['GOV_DB_LOOKUP', 'id_info.lookup_list[1]:NIN', 'FAIL'],
      ['GOV_DB_LOOKUP', 'id_info.lookup_list[2]:BVN', 'PENDING'],
      ['DATA_MATCH', 'id_info.field_info', 'REVIEW'],
    ]);
    expect(r.checks[2]?.details).toEqual({
      lookup_source: 'REGISTRY_A',
      lookup_type: 'NATIONAL_ID',
      issuer_country: 'IDN',
    });
    expect(r.checks[3]?.details?.issuer_country).toBe('NGA');
    expect(r.checks[5]?.reasons[0]).toMatchObject({
      code: 'FIELD_MISMATCH',
      vendorCode: 'birth_date',
    });
  });

  const HIT_TYPES = [
    'PEP',
    'SANCTION',
    'ADVERSE_MEDIA',
    'WARNING',
    'FITNESS_PROBITY',
    'CRIMINAL_RECORD',
    'LEGAL_BACKGROUND',
    'UNKNOWN',
  ];
  it.each(HIT_TYPES)('AML hit type %s → reason AML_%s', (hitType) => {
    const r = normalize(
      result('COMPLETED', 'REVIEW', {
        aml_info: {
          result: 'REVIEW',
          status: 'COMPLETED',
          num_hits: 1,
          entity_hits: [
            {
              entity_type: 'PERSON',
              name: 'A PERSON',
              name_match_score: 91,
              aml_hits: [{ hit_type: hitType }],
            },
          ],
        },
      }),
    );
    const check = r.checks.find((c) => c.type === 'AML_SCREENING')!;
    expect(check.outcome).toBe('REVIEW');
    expect(check.reasons).toEqual([
      expect.objectContaining({ code: `AML_${hitType}`, vendorCode: hitType, severity: 'WARNING' }),
    ]);
    expect(check.score).toMatchObject({ raw: 91, normalized: 0.91, direction: 'LOWER_IS_BETTER' });
    expect(r.reasons.map((x) => x.code)).toContain(`AML_${hitType}`);
  });

  it('an undocumented AML hit type → AML_UNKNOWN keeping the vendor value; hits without details still show', () => {
    const odd = normalize(
      result('COMPLETED', 'REVIEW', {
        aml_info: {
          result: 'REVIEW',
          status: 'COMPLETED',
          entity_hits: [{ name: 'X', aml_hits: [{ hit_type: 'NEW_LIST' }] }],
        },
      }),
    );
    expect(odd.checks[0]?.reasons[0]).toMatchObject({
      code: 'AML_UNKNOWN',
      vendorCode: 'NEW_LIST',
    });
    const bare = normalize(
      result('COMPLETED', 'REVIEW', {
        aml_info: { result: 'REVIEW', status: 'COMPLETED', num_hits: 3, entity_hits: [] },
      }),
    );
    expect(bare.checks[0]?.reasons[0]).toMatchObject({ code: 'AML_HIT' });
    expect(bare.checks[0]?.details).toEqual({ num_hits: 3 });
  });

  it.each([
    ['ID_INFO', 'USER_SELFIE', 'DOC_AUTHENTICITY'],
    ['ID_INFO', 'NIGERIA_BVN_NUMBER', 'GOV_DB_LOOKUP'],
    ['ID_INFO', 'TAX_IDENTIFICATION_NUMBER', 'GOV_DB_LOOKUP'],
    ['ID_INFO', 'KENYA_KRA_PIN', 'GOV_DB_LOOKUP'],
    ['ADDRESS_VERIFICATION', 'ADDRESS_PROOF_DOCUMENT', 'ADDRESS_PROOF'],
    ['DOCUMENT_INSIGHTS', 'BANK_STATEMENT_DOCUMENT', 'DOC_AUTHENTICITY'],
    ['DOCUMENT_INSIGHTS', 'FRAUD_CHECK_DOCUMENT', 'DOC_AUTHENTICITY'],
    ['SOMETHING_NEW', 'VISA_DOCUMENT', 'OTHER'],
  ])('additional_info %s (%s) → %s', (responseType, infoType, checkType) => {
    const r = normalize(
      result('COMPLETED', 'APPROVED', {
        additional_info: [
          {
            additional_info_type: infoType,
            additional_info_response_type: responseType,
            data: { result: 'APPROVED', status: 'COMPLETED' },
          },
        ],
      }),
    );
    expect(r.checks[0]?.type).toBe(checkType);
    expect(r.checks[0]?.name).toBe(`additional_info[0]:${infoType}`);
    if (checkType === 'OTHER') expect(r.decision).toBe('APPROVED');
    if (checkType === 'OTHER')
      expect(r.reasons[0]).toMatchObject({
        code: 'UNKNOWN_VENDOR_VALUE',
        vendorCode: 'SOMETHING_NEW',
      });
  });

  it('address verification mismatches and risk indicators become reasons', () => {
    const r = normalize(
      result('COMPLETED', 'REVIEW', {
        additional_info: [
          {
            additional_info_type: 'ADDRESS_PROOF_DOCUMENT',
            additional_info_response_type: 'ADDRESS_VERIFICATION',
            data: {
              result: 'REVIEW',
              status: 'COMPLETED',
              name_match: false,
              address_match: false,
              risk_indicators: [{ code: 'EDITED', message: 'edited after creation' }],
            },
          },
        ],
      }),
    );
    expect(r.checks[0]?.reasons.map((x) => x.code)).toEqual([
      'DOC_RISK_INDICATOR',
      'NAME_MISMATCH',
      'ADDRESS_MISMATCH',
    ]);
  });

  it('fraud_insights → FRAUD_SIGNALS for each insight, FOUND as INFO, signals as reasons', () => {
    const r = normalize(
      result('COMPLETED', 'REVIEW', {
        fraud_insights: {
          result: 'REVIEW',
          status: 'COMPLETED',
          ip_insights: {
            result: 'UNKNOWN',
            status: 'COMPLETED',
            vpn: 'YES',
            location: { country_code: 'NG' },
          },
          device_insights: {
            result: 'UNKNOWN',
            status: 'COMPLETED',
            bot_status: true,
            incognito: true,
          },
          email_insights: [
            { result: 'FOUND', status: 'COMPLETED', domain_info: { disposable: true } },
          ],
          phone_insights: [
            {
              result: 'FOUND',
              status: 'COMPLETED',
              phone_disposable: true,
              phone_valid: false,
              country: 'VN',
            },
          ],
          geolocation_insights: { result: 'APPROVED', status: 'COMPLETED' },
        },
      }),
    );
    expect(r.checks.map((c) => [c.name, c.outcome])).toEqual([
      ['fraud_insights', 'REVIEW'],
      ['fraud_insights.ip_insights', 'INFO'],
      ['fraud_insights.device_insights', 'INFO'],
      ['fraud_insights.email_insights[0]', 'INFO'],
      ['fraud_insights.phone_insights[0]', 'INFO'],
      ['fraud_insights.geolocation_insights', 'PASS'],
    ]);
    expect(r.checks.every((c) => c.type === 'FRAUD_SIGNALS')).toBe(true);
    expect(r.checks.flatMap((c) => c.reasons.map((x) => x.code))).toEqual([
      'CHECK_NEEDS_REVIEW',
      'VPN_DETECTED',
      'BOT_DETECTED',
      'INCOGNITO_BROWSER',
      'DISPOSABLE_EMAIL',
      'DISPOSABLE_PHONE',
      'PHONE_INVALID',
    ]);
    expect(r.checks[1]?.details).toEqual({ country: 'NGA' });
    expect(r.checks[4]?.details?.country).toBe('VNM');
    // INFO-level signals stay on the check only.
    expect(r.reasons.map((x) => x.code)).not.toContain('INCOGNITO_BROWSER');
  });
});

describe('AiPrise normalize: identity, environment, time', () => {
  it('reads id_info with alpha-2 → alpha-3 countries and the NIK of an Indonesian ID', () => {
    const r = normalize(
      result('COMPLETED', 'APPROVED', {
        id_info: {
          result: 'APPROVED',
          status: 'COMPLETED',
          id_type: 'NATIONAL_ID',
          id_number: '3171014708900003',
          first_name: 'SITI',
          middle_name: 'NUR',
          last_name: 'RAHAYU',
          birth_date: '1990-08-07',
          gender: 'FEMALE',
          nationality_code: 'ID',
          issue_country_code: 'ID',
          id_issue_date: '2012-05-14',
          address: {
            full_address: 'JL. X',
            parsed_address: {
              address_street_1: 'JL. X',
              address_city: { value: 'JAKARTA' },
              address_country: 'ID',
              address_zip_code: '10110',
            },
          },
        },
      }),
    );
    expect(r.extracted.person).toEqual({
      fullName: 'SITI NUR RAHAYU',
      givenName: 'SITI NUR',
      familyName: 'RAHAYU',
      birthDate: '1990-08-07',
      gender: 'F',
      nik: '3171014708900003',
    });
    expect(r.extracted.document).toEqual({
      type: 'NATIONAL_ID',
      number: '3171014708900003',
      issuingCountry: 'IDN',
      issueDate: '2012-05-14',
    });
    expect(r.extracted.address).toEqual({
      full: 'JL. X',
      street: 'JL. X',
      city: 'JAKARTA',
      postalCode: '10110',
      country: 'IDN',
    });
    expect(r.extracted.fields).toMatchObject({
      nationality_code: 'IDN',
      verification_session_id: 'sess-1',
      template_id: 'tpl-1',
    });
    expect(r.service).toBe('template:tpl-1');
    expect(r.externalId).toBe('sess-1');
  });

  it('created_at (epoch ms) → ISO', () => {
    expect(normalize(result('COMPLETED', 'APPROVED')).timestamps?.created).toBe(
      '2023-04-17T17:06:54.017Z',
    );
  });

  it.each([
    [{ environment: 'SANDBOX' }, 'SANDBOX'],
    [{ environment: null }, 'PRODUCTION'],
    [{}, 'PRODUCTION'],
    [{ environment: 'STAGING' }, null],
  ])('environment %j → %s', (extra, env) => {
    expect(normalize(result('COMPLETED', 'APPROVED', extra)).environment).toBe(env);
  });

  it.each([
    ['ID', 'IDN'],
    ['mx', 'MEX'],
    ['USA', 'USA'],
    ['GB', 'GBR'],
    ['UK', 'GBR'],
    ['XK', 'XKX'],
    ['ZZ', 'ZZ'],
    ['Mexico', null],
  ])('toAlpha3(%s) → %s', (input, output) => {
    expect(toAlpha3(input)).toBe(output);
  });
});

describe('AiPrise normalize: decision events and odd input', () => {
  it.each([
    ['APPROVED', 'APPROVED', 'RESOLVED_APPROVED'],
    ['DECLINED', 'DECLINED', 'RESOLVED_DECLINED'],
    ['REVIEW', 'REVIEW', 'REQUIRED'],
  ])('CASE_STATUS_UPDATE %s → %s / %s', (verdict, decision, review) => {
    const r = normalize({
      event_type: 'CASE_STATUS_UPDATE',
      verification_session_id: 'sess-9',
      verification_result: verdict,
      reason: { code: 'MANUAL_CHECK', message: 'documents look fine' },
      author: { email: 'reviewer@example.com' },
    });
    expect([r.runStatus, r.decision, r.review]).toEqual(['COMPLETED', decision, review]);
    expect(r.reasons).toContainEqual(
      expect.objectContaining({
        code: 'MANUAL_DECISION',
        vendorCode: 'MANUAL_CHECK',
        severity: 'INFO',
      }),
    );
  });

  it('an event wrapping the result under data is read as the result', () => {
    const r = normalize({
      event_type: 'VERIFICATION_SESSION_COMPLETION',
      data: result('COMPLETED', 'DECLINED'),
    });
    expect([r.runStatus, r.decision, r.externalId]).toEqual(['COMPLETED', 'DECLINED', 'sess-1']);
  });

  it('an error body is unreadable, not a result', () => {
    const r = normalize({ message: 'Unauthorized' });
    expect([r.runStatus, r.decision]).toEqual(['FAILED', 'REVIEW']);
    expect(r.reasons[0]?.message).toContain('Unauthorized');
  });

  const odd: unknown[] = [
    null,
    7,
    'x',
    [],
    [{}],
    { status: 5 },
    { status: 'COMPLETED', aiprise_summary: 'APPROVED' },
    { status: 'COMPLETED', aiprise_summary: { verification_result: ['APPROVED'] } },
    {
      status: 'COMPLETED',
      id_info: [],
      face_match_info: 'x',
      aml_info: { entity_hits: 'many' },
      additional_info: { a: 1 },
      fraud_insights: { email_insights: 'none' },
    },
    {
      status: 'COMPLETED',
      id_info: {
        lookup_details: { lookup_list: [null, 3, { result: 9 }] },
        field_info: { a: null, b: { matched: 'x' } },
      },
    },
    { status: 'COMPLETED', created_at: 'yesterday', environment: 42, status_reasons: 'bad' },
  ];
  it.each(odd.map((v, i) => [i, v]))(
    'odd input #%s → valid canonical result, never APPROVED',
    (_i, value) => {
      const r = normalize(value);
      expect(r.provider).toBe('aiprise');
      expect(r.decision).not.toBe('APPROVED');
    },
  );
});
