/**
 * What the AiPrise sandbox answers for a session at a given age: NOT_STARTED, then RUNNING with a
 * pending id section, then the outcome's final result (computed on read).
 */

export const AIPRISE_OUTCOMES = ['APPROVED', 'DECLINED', 'REVIEW', 'UNKNOWN', 'PENDING'] as const;
export type AiPriseOutcome = (typeof AIPRISE_OUTCOMES)[number];

export function parseAiPriseOutcome(value: unknown): AiPriseOutcome | null {
  if (value === undefined || value === null) return 'APPROVED';
  if (typeof value !== 'string') return null;
  const v = value.trim().toUpperCase();
  return (AIPRISE_OUTCOMES as readonly string[]).includes(v) ? (v as AiPriseOutcome) : null;
}

export const SANDBOX_TEMPLATE_ID = '00000000-5a4d-4b0c-9c1e-sandbox00001';

function idInfo(
  result: string,
  lookupResult: string,
  unmatched: string[],
): Record<string, unknown> {
  return {
    result,
    status: 'COMPLETED',
    warnings: [],
    id_type: 'NATIONAL_ID',
    id_number: '3171014708900003',
    first_name: 'SITI',
    last_name: 'RAHAYU',
    birth_date: '1990-08-07',
    gender: 'F',
    nationality: 'Indonesia',
    nationality_code: 'ID',
    issue_country: 'Indonesia',
    issue_country_code: 'ID',
    id_issue_date: '2012-05-14',
    id_expiry_date: null,
    address: {
      full_address: 'JL. KEBON SIRIH NO. 12 RT 001 RW 002, GAMBIR, JAKARTA PUSAT',
      parsed_address: {
        address_street_1: 'JL. KEBON SIRIH NO. 12',
        address_street_2: 'RT 001 RW 002',
        address_city: 'JAKARTA PUSAT',
        address_state: 'DKI JAKARTA',
        address_country: 'ID',
        address_zip_code: '10110',
      },
    },
    document_details: {
      ocr_data: { NIK: '3171014708900003', Nama: 'SITI RAHAYU', Agama: 'ISLAM' },
      mrz_data: null,
      barcode_data: null,
    },
    lookup_details: {
      lookup_list: [
        {
          lookup_source: 'SANDBOX_REGISTRY',
          lookup_type: 'NATIONAL_ID',
          issuer_country_code: 'ID',
          lookup_data: {},
          result: lookupResult,
          status: 'COMPLETED',
        },
      ],
    },
    field_info: {
      first_name: { matched: ['SANDBOX_REGISTRY'], unmatched: [] },
      last_name: unmatched.includes('last_name')
        ? { matched: [], unmatched: ['SANDBOX_REGISTRY'] }
        : { matched: ['SANDBOX_REGISTRY'], unmatched: [] },
      birth_date: { matched: ['SANDBOX_REGISTRY'], unmatched: [] },
    },
  };
}

function fraud(vpn: boolean): Record<string, unknown> {
  return {
    result: 'UNKNOWN',
    status: 'COMPLETED',
    ip_insights: {
      result: 'UNKNOWN',
      status: 'COMPLETED',
      ip_address: '203.0.113.7',
      vpn,
      internet_service_provider: 'Sandbox ISP',
      location: { country_code: 'ID', city: 'Jakarta' },
    },
    device_insights: {
      result: 'UNKNOWN',
      status: 'COMPLETED',
      bot_status: false,
      incognito: false,
      os: 'Android',
      browser_name: 'Chrome Mobile',
    },
    email_insights: [
      {
        result: 'FOUND',
        status: 'COMPLETED',
        email: 'applicant@example.com',
        is_breached: false,
        no_of_breaches: 0,
        domain_info: { disposable: false, free_provider: true },
      },
    ],
    phone_insights: [
      {
        result: 'FOUND',
        status: 'COMPLETED',
        country: 'ID',
        phone_valid: true,
        phone_disposable: false,
        phone_type: 'MOBILE',
        current_carrier: 'Sandbox Telecom',
      },
    ],
  };
}

export interface AiPriseResultInput {
  sessionId: string;
  outcome: AiPriseOutcome;
  createdAt: number;
  now: number;
  stepMs: number;
}

export function buildAiPriseResult(input: AiPriseResultInput): {
  body: Record<string, unknown>;
  final: boolean;
} {
  const { sessionId, outcome, createdAt } = input;
  const age = input.now - createdAt;
  const common = {
    verification_session_id: sessionId,
    client_reference_id: `sandbox-${sessionId.slice(0, 8)}`,
    template_id: SANDBOX_TEMPLATE_ID,
    environment: 'SANDBOX',
    created_at: createdAt,
  };
  if (age < input.stepMs) {
    return {
      body: {
        ...common,
        status: 'NOT_STARTED',
        aiprise_summary: { verification_result: 'UNKNOWN' },
      },
      final: false,
    };
  }
  if (age < 2 * input.stepMs) {
    return {
      body: {
        ...common,
        status: 'RUNNING',
        aiprise_summary: { verification_result: 'UNKNOWN' },
        id_info: { result: 'UNKNOWN', status: 'PENDING' },
      },
      final: false,
    };
  }
  switch (outcome) {
    case 'APPROVED':
      return {
        final: true,
        body: {
          ...common,
          status: 'COMPLETED',
          aiprise_summary: { verification_result: 'APPROVED' },
          id_info: idInfo('APPROVED', 'APPROVED', []),
          face_match_info: { result: 'APPROVED', status: 'COMPLETED', face_match_score: 96.4 },
          face_liveness_info: {
            result: 'APPROVED',
            status: 'COMPLETED',
            source: 'AIPRISE_SCREENS',
          },
          aml_info: {
            result: 'APPROVED',
            status: 'COMPLETED',
            num_hits: 0,
            entity_hits: [],
            search_criteria: {
              search_term: 'SITI RAHAYU',
              fuzziness_score: 80,
              exact_match: false,
            },
          },
          additional_info: [
            {
              additional_info_type: 'ADDRESS_PROOF_DOCUMENT',
              additional_info_response_type: 'ADDRESS_VERIFICATION',
              data: {
                result: 'APPROVED',
                status: 'COMPLETED',
                name_match: true,
                address_match: true,
                document_type: 'UTILITY_BILL',
                risk_indicators: [],
              },
            },
          ],
          fraud_insights: fraud(false),
        },
      };
    case 'DECLINED':
      return {
        final: true,
        body: {
          ...common,
          status: 'COMPLETED',
          aiprise_summary: { verification_result: 'DECLINED' },
          id_info: idInfo('DECLINED', 'DECLINED', ['last_name']),
          face_match_info: { result: 'DECLINED', status: 'COMPLETED', face_match_score: 22.1 },
          face_liveness_info: { result: 'APPROVED', status: 'COMPLETED' },
          aml_info: { result: 'APPROVED', status: 'COMPLETED', num_hits: 0, entity_hits: [] },
          fraud_insights: fraud(false),
        },
      };
    case 'REVIEW':
      return {
        final: true,
        body: {
          ...common,
          status: 'COMPLETED',
          aiprise_summary: { verification_result: 'REVIEW' },
          id_info: idInfo('APPROVED', 'APPROVED', []),
          face_match_info: { result: 'APPROVED', status: 'COMPLETED', face_match_score: 91 },
          face_liveness_info: { result: 'APPROVED', status: 'COMPLETED' },
          aml_info: {
            result: 'REVIEW',
            status: 'COMPLETED',
            num_hits: 1,
            search_criteria: {
              search_term: 'SITI RAHAYU',
              fuzziness_score: 80,
              exact_match: false,
            },
            entity_hits: [
              {
                entity_type: 'PERSON',
                name: 'SITI RAHAYU',
                name_match_score: 88.5,
                date_of_birth: '1990',
                also_known_as: [],
                aml_hits: [
                  { hit_type: 'PEP', source_details: { name: 'Sandbox PEP list' } },
                  { hit_type: 'ADVERSE_MEDIA', source_details: null },
                ],
              },
            ],
          },
          additional_info: [
            {
              additional_info_type: 'BANK_STATEMENT_DOCUMENT',
              additional_info_response_type: 'DOCUMENT_INSIGHTS',
              data: {
                result: 'REVIEW',
                status: 'COMPLETED',
                risk_indicators: [
                  {
                    code: 'EDITED_WITH_PDF_EDITOR',
                    message: 'The PDF was modified after it was produced',
                  },
                ],
                document_class_type: 'BANK_STATEMENT',
              },
            },
          ],
          fraud_insights: fraud(true),
        },
      };
    case 'UNKNOWN':
      return {
        final: true,
        body: {
          ...common,
          status: 'FAILED',
          status_reasons: [
            {
              code: 'API_DATA_REQUIREMENTS_NOT_MET',
              message: 'Sandbox: identity_number_type was not supplied',
            },
          ],
          aiprise_summary: { verification_result: 'UNKNOWN' },
        },
      };
    case 'PENDING':
      return {
        final: false,
        body: {
          ...common,
          status: 'PENDING',
          aiprise_summary: { verification_result: 'UNKNOWN' },
          id_info: idInfo('APPROVED', 'APPROVED', []),
          aml_info: { result: 'UNKNOWN', status: 'PENDING', num_hits: 0, entity_hits: null },
        },
      };
  }
}
