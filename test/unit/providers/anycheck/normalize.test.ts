import { describe, expect, it } from 'vitest';
import { CanonicalVerification, DECISIONS, RUN_STATUSES } from '../../../../shared/model.ts';
import { parseLenientJson } from '../../../../shared/lenient-json.ts';
import { normalizeAnyCheck } from '../../../../electron/engine/providers/anycheck/index.ts';
import { createAnyCheckAdapter } from '../../../../electron/engine/providers/anycheck/index.ts';

// The vendor's own examples (seed 000), reproduced as data.
const SEED_CREATE_RESPONSE = `{
  "id": "verification-uuid",
  "service": { "id": "service-uuid", "name": "KTP & PEP Verification" },
  "user_id": "user-uuid",
  "api_key": "api-key",
  "folder_id": "folder-uuid",
  "result_id": "result-uuid",
  "execution_time": 0,
  "status": "IN_QUEUE",
  "start_date": null,
  "end_date": null,
  "input_config": { "verification_type": "NIK", "nik": "1234567890123456" },
  "input_file_url": null,
  "output": null,
  "output_file_url": null,
  "output_status": null,
  "external_job_id": null,
  "webhook_url": null,
  "webhook_metadata": null,
  "export_file_url": null,
  "credit_used": 10,
  "total_files": 0,
  "total_pages": 0
}`;

const SEED_GET_RESPONSE = `{
  "id": "verification-uuid",
  "service": { "id": "service-uuid", "name": "KTP & PEP Verification" },
  "user_id": "user-uuid",
  "api_key": "api-key",
  "folder_id": "folder-uuid",
  "result_id": "result-uuid",
  "execution_time": 2.28439,
  "status": "COMPLETED",
  "start_date": "2025-10-14T20:12:56.102166+07:00",
  "end_date": "2025-10-14T20:12:58.386556+07:00",
  "input_config": {
    "verification_type": "KTP_SELFIE",
    "files": { "ktp_file": ["files/ktp.jpg"], "selfie_file": ["files/selfie.jpg"] }
  },
  "input_file_url": {
    "ktp_file": ["https://example.com/files/ktp.jpg"],
    "selfie_file": ["https://example.com/files/selfie.jpg"]
  },
  "output": {
    "face_match_confidence_level": "LOW",
    "face_match_confidence_score": 2.284846674563825,
    "is_match_face": false
  },
  "output_file_url": "https://example.com/output.json",
  "output_status": "NOT_VERIFIED",
  "external_job_id": null,
  "webhook_url": null,
  "webhook_metadata": null,
  "export_file_url": null,
  "credit_used": 10,
  "total_files": 2,
  "total_pages": 2
}`;

const SEED_DUPLICATE_RESPONSE = `{
  "is_duplicate": true,
  "detected_documents": ["KTP"],
  "previous_verifications": [
    {
      "id": "prev-verification-uuid",
      "service": { "id": "service-uuid", "name": "KTP & PEP Verification" },
      "folder": { "id": "folder-uuid", "name": "January Verifications" },
      "detected_documents": ["KTP"]
    }
  ]
}`;

const SEED_FOLDER_RESPONSE = `{
  "id": "folder-uuid",
  "group": { "id": "group-uuid", "name": "My Group" },
  "name": "January 2024 Verifications",
  "is_starred": false,
  "created_at": "2024-01-15T10:00:00Z",
  "created_by": "user-uuid",
  "updated_at": "2024-01-15T10:00:00Z",
  "updated_by": "user-uuid"
}`;

function seedPayload(text: string): Record<string, unknown> {
  return parseLenientJson(text).value as Record<string, unknown>;
}

function verification(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...seedPayload(SEED_GET_RESPONSE), ...fields };
}

function valid(c: unknown) {
  return CanonicalVerification.parse(c);
}

describe('AnyCheck normalize: the vendor examples', () => {
  it('reads the create answer as queued, with its credits and group', () => {
    const c = valid(normalizeAnyCheck(seedPayload(SEED_CREATE_RESPONSE)));
    expect(c).toMatchObject({
      provider: 'anycheck',
      runStatus: 'QUEUED',
      decision: 'PENDING',
      review: 'NONE',
      vendorStatus: 'IN_QUEUE',
      vendorDecision: null,
    });
    expect(c.externalId).toBe('verification-uuid');
    expect(c.groupId).toBe('result-uuid');
    expect(c.credits).toBe(10);
    expect(c.service).toBe('KTP_VERIFICATION');
    expect(c.extracted.person?.nik).toBe('1234567890123456');
    expect(c.extracted.fields).toEqual({ verification_type: 'NIK' });
  });

  it('reads the completed KTP_SELFIE answer as declined with a failed face match', () => {
    const c = valid(normalizeAnyCheck(seedPayload(SEED_GET_RESPONSE)));
    expect(c).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      review: 'NONE',
      vendorStatus: 'COMPLETED',
      vendorDecision: 'NOT_VERIFIED',
    });
    const face = c.checks.find((k) => k.type === 'FACE_MATCH');
    expect(face?.outcome).toBe('FAIL');
    expect(face?.score).toEqual({
      raw: 2.284846674563825,
      scale: 'vendor-undocumented',
      normalized: null,
      threshold: null,
      direction: 'HIGHER_IS_BETTER',
      level: 'LOW',
    });
    expect(c.reasons.map((r) => r.code)).toEqual(['NOT_VERIFIED', 'FACE_MISMATCH']);
    expect(c.extracted.fields).toMatchObject({
      is_match_face: false,
      face_match_confidence_level: 'LOW',
      verification_type: 'KTP_SELFIE',
    });
    // Mixed offsets are stored as UTC.
    expect(c.timestamps?.completed).toBe('2025-10-14T13:12:58.386Z');
  });

  it('never copies the echoed api_key into the canonical result', () => {
    const payload = verification({
      output: {
        is_match_face: true,
        api_key: 'sk_live_should_not_leak',
        face_match_confidence_level: 'HIGH',
      },
      output_status: 'VERIFIED',
    });
    const text = JSON.stringify(normalizeAnyCheck(payload));
    expect(text).not.toContain('sk_live_should_not_leak');
    expect(text).not.toContain('api-key');
  });

  it('does not approve the reference example that says VERIFIED next to a failed face match', () => {
    const c = valid(normalizeAnyCheck(verification({ output_status: 'VERIFIED' })));
    expect(c.decision).toBe('REVIEW');
    expect(c.review).toBe('REQUIRED');
    expect(c.reasons.map((r) => r.code)).toContain('VENDOR_INCONSISTENT');
  });

  it('reads the other seed answers (check-duplicate, folder) without approving anything', () => {
    for (const text of [SEED_DUPLICATE_RESPONSE, SEED_FOLDER_RESPONSE]) {
      const c = valid(normalizeAnyCheck(seedPayload(text)));
      expect(c.decision).toBe('REVIEW');
      expect(c.reasons[0]?.code).toBe('UNKNOWN_VENDOR_VALUE');
    }
  });
});

describe('AnyCheck normalize: every status and output_status (providers.md §8.4)', () => {
  const cases: [string, string | null, string, string, string][] = [
    ['DRAFT', null, 'DRAFT', 'PENDING', 'NONE'],
    ['IN_QUEUE', null, 'QUEUED', 'PENDING', 'NONE'],
    ['IN_PROGRESS', null, 'PROCESSING', 'PENDING', 'NONE'],
    ['FRAUD_DETECTED', null, 'AWAITING_INPUT', 'REVIEW', 'REQUIRED'],
    ['NEED_REVIEW', null, 'COMPLETED', 'REVIEW', 'REQUIRED'],
    ['COMPLETED', 'VERIFIED', 'COMPLETED', 'APPROVED', 'NONE'],
    ['COMPLETED', 'NOT_VERIFIED', 'COMPLETED', 'DECLINED', 'NONE'],
    ['COMPLETED', 'PARTIALLY_NOT_VERIFIED', 'COMPLETED', 'REVIEW', 'REQUIRED'],
    ['COMPLETED', null, 'COMPLETED', 'NOT_APPLICABLE', 'NONE'],
    ['PARTIALLY_COMPLETED', null, 'PROCESSING', 'PENDING', 'NONE'],
    ['PARTIALLY_FAILED', null, 'COMPLETED', 'REVIEW', 'REQUIRED'],
    ['FAILED', null, 'FAILED', 'PENDING', 'NONE'],
    ['CANCELLED', null, 'CANCELLED', 'PENDING', 'NONE'],
    ['completed', 'verified', 'COMPLETED', 'APPROVED', 'NONE'],
    ['ON_ICE', null, 'AWAITING_INPUT', 'REVIEW', 'REQUIRED'],
  ];
  it.each(cases)('%s + %s → %s / %s / %s', (status, outputStatus, runStatus, decision, review) => {
    const c = valid(
      normalizeAnyCheck({
        id: 'v1',
        service: { id: 's', name: 'BPKB Verification' },
        status,
        output_status: outputStatus,
        output: null,
        credit_used: 15,
      }),
    );
    expect([c.runStatus, c.decision, c.review]).toEqual([runStatus, decision, review]);
    expect(c.vendorStatus).toBe(status);
  });

  it('adds FRAUD_SUSPECTED to the fraud gate and marks FAILED / CANCELLED retryable', () => {
    expect(
      normalizeAnyCheck({
        id: 'v',
        status: 'FRAUD_DETECTED',
        output: { fraud_indicators: ['METADATA_EDITED'] },
      }).reasons.map((r) => r.code),
    ).toContain('FRAUD_SUSPECTED');
    const failed = normalizeAnyCheck({
      id: 'v',
      status: 'FAILED',
      output: { error_code: 'PROVIDER_ERROR', error_message: 'upstream down' },
    });
    expect(failed.retryable).toBe(true);
    expect(failed.reasons.find((r) => r.vendorCode === 'PROVIDER_ERROR')?.message).toBe(
      'upstream down',
    );
    expect(normalizeAnyCheck({ id: 'v', status: 'CANCELLED' }).retryable).toBe(true);
  });

  it('reads a fraud confirmed by a person as declined and not retryable', () => {
    const c = normalizeAnyCheck({
      id: 'v',
      status: 'CANCELLED',
      output: { fraud_confirmed: true, fraud_indicators: ['FONT_INCONSISTENCY'] },
    });
    expect([c.runStatus, c.decision, c.retryable]).toEqual(['CANCELLED', 'DECLINED', false]);
    expect(c.reasons.map((r) => r.code)).toEqual(['FRAUD_CONFIRMED']);
  });

  it('asks a person about an unknown output_status and about a verdict-less output with checks', () => {
    const unknown = normalizeAnyCheck({
      id: 'v',
      status: 'COMPLETED',
      output_status: 'MOSTLY_FINE',
      output: {},
    });
    expect(unknown.decision).toBe('REVIEW');
    expect(unknown.reasons.map((r) => [r.code, r.vendorCode])).toContainEqual([
      'UNKNOWN_VENDOR_VALUE',
      'MOSTLY_FINE',
    ]);
    const silent = normalizeAnyCheck({
      id: 'v',
      status: 'COMPLETED',
      output: { is_match_face: true },
    });
    expect(silent.decision).toBe('REVIEW');
    expect(silent.reasons.map((r) => r.code)).toContain('NO_VENDOR_VERDICT');
  });

  it('maps the service outputs to checks, person and document parts', () => {
    const nik = normalizeAnyCheck({
      id: 'v',
      service: { id: 's', name: 'KTP & PEP Verification' },
      status: 'COMPLETED',
      output_status: 'NOT_VERIFIED',
      input_config: { verification_type: 'NIK', nik: '3174055205900001' },
      output: {
        nik: '3174055205900001',
        is_valid_nik: false,
        invalid_reason: 'NIK_DATE',
        name: null,
        gender: 'PEREMPUAN',
        birth_date: '12-05-1990',
      },
    });
    expect(nik.checks[0]).toMatchObject({ type: 'GOV_DB_LOOKUP', outcome: 'FAIL' });
    expect(nik.reasons.map((r) => r.code)).toContain('NIK_NOT_VERIFIED');
    expect(nik.extracted.person).toMatchObject({
      nik: '3174055205900001',
      gender: 'F',
      birthDate: '1990-05-12',
    });
    const bsa = normalizeAnyCheck({
      id: 'v',
      service: { id: 's', name: 'Bank Statement Analysis' },
      status: 'COMPLETED',
      output_status: null,
      output: {
        bank_name: 'BANK MANDIRI',
        account_number: '1234567890',
        account_holder: 'SITI',
        monthly: { jan: { credit: 5 } },
        lines: [{ a: 1 }, { a: 2 }],
        tags: ['a', 'b'],
        fraud_indicator_count: 0,
      },
    });
    expect(bsa.decision).toBe('NOT_APPLICABLE');
    expect(bsa.service).toBe('BANK_STATEMENT_ANALYSIS');
    expect(bsa.extracted.fields).toMatchObject({
      'monthly.jan.credit': 5,
      'lines.count': 2,
      tags: 'a; b',
      account_number: '1234567890',
    });
    expect(bsa.extracted.document).toMatchObject({ type: 'BANK_STATEMENT', number: '1234567890' });
    expect(bsa.checks.map((k) => [k.type, k.outcome])).toEqual([
      ['FRAUD_SIGNALS', 'PASS'],
      ['FINANCIAL_ANALYSIS', 'INFO'],
    ]);
    const pep = normalizeAnyCheck({
      id: 'v',
      status: 'COMPLETED',
      output_status: 'PARTIALLY_NOT_VERIFIED',
      output: { is_pep: true },
    });
    expect(pep.checks[0]).toMatchObject({ type: 'AML_SCREENING', outcome: 'REVIEW' });
  });
});

describe('AnyCheck normalize: lists, webhooks and legacy shapes', () => {
  it('derives a group verdict from a list answer and names the items', () => {
    const list = {
      total: 3,
      overall_status: 'PARTIALLY_FAILED',
      items: [
        verification({ id: 'a', output_status: 'VERIFIED', output: { is_match_face: true } }),
        verification({ id: 'b', status: 'FAILED', output: null, output_status: null }),
        verification({ id: 'c', status: 'COMPLETED', output_status: 'NOT_VERIFIED' }),
      ],
    };
    const c = valid(normalizeAnyCheck(list));
    expect(c).toMatchObject({
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      vendorStatus: 'PARTIALLY_FAILED',
      groupId: 'result-uuid',
      externalId: null,
      credits: 30,
    });
    expect(c.extracted.fields).toMatchObject({
      item_ids: 'a,b,c',
      item_count: 3,
      total: 3,
      overall_status: 'PARTIALLY_FAILED',
    });
    expect(c.checks.map((k) => k.details?.verificationId)).toEqual(['a', 'c']);
    const pending = valid(
      normalizeAnyCheck({
        total: 2,
        overall_status: 'PARTIALLY_COMPLETED',
        items: [
          verification({ id: 'a', output_status: 'VERIFIED', output: {} }),
          verification({ id: 'b', status: 'IN_PROGRESS' }),
        ],
      }),
    );
    expect([pending.runStatus, pending.decision]).toEqual(['PROCESSING', 'PENDING']);
    const approved = valid(
      normalizeAnyCheck({
        total: 1,
        overall_status: 'COMPLETED',
        items: [
          verification({ id: 'a', output_status: 'VERIFIED', output: { is_match_face: true } }),
        ],
      }),
    );
    expect(approved.decision).toBe('APPROVED');
  });

  it('does not approve a group whose overall_status it does not know', () => {
    const c = normalizeAnyCheck({
      total: 1,
      overall_status: 'SOMETHING_NEW',
      items: [
        verification({ id: 'a', output_status: 'VERIFIED', output: { is_match_face: true } }),
      ],
    });
    expect(c.decision).toBe('REVIEW');
    expect(c.reasons.map((r) => r.code)).toContain('UNKNOWN_VENDOR_VALUE');
  });

  it('reads older webhook events and the current status_changed event', () => {
    const completed = normalizeAnyCheck({
      event: 'verification.completed',
      verification_id: 'v9',
      result_id: 'r9',
      service: { id: 's', name: 'KTP & PEP Verification' },
      output: { is_match_face: true },
      output_status: 'VERIFIED',
      completed_at: '2024-02-01T10:00:00Z',
      credit_used: 10,
      metadata: {},
    });
    expect([
      completed.runStatus,
      completed.decision,
      completed.externalId,
      completed.groupId,
    ]).toEqual(['COMPLETED', 'APPROVED', 'v9', 'r9']);
    expect(
      normalizeAnyCheck({ event: 'verification.failed', verification_id: 'v9' }).runStatus,
    ).toBe('FAILED');
    expect(
      normalizeAnyCheck({ event: 'verification.needs_review', verification_id: 'v9' }).review,
    ).toBe('REQUIRED');
    const current = normalizeAnyCheck({
      event: 'verification.status_changed',
      timestamp: '2025-01-01T00:00:00Z',
      data: verification({
        id: 'v10',
        status: 'FRAUD_DETECTED',
        output: null,
        output_status: null,
      }),
    });
    expect([current.runStatus, current.externalId]).toEqual(['AWAITING_INPUT', 'v10']);
  });

  it('reads the legacy envelopes', () => {
    const wrapped = normalizeAnyCheck({
      success: true,
      data: verification({ output_status: 'NOT_VERIFIED' }),
    });
    expect(wrapped.decision).toBe('DECLINED');
    const error = valid(
      normalizeAnyCheck({
        success: false,
        error: { code: 'VERIFICATION_NOT_FOUND', message: 'no such verification' },
      }),
    );
    expect([error.runStatus, error.decision, error.reasons[0]?.vendorCode]).toEqual([
      'FAILED',
      'PENDING',
      'VERIFICATION_NOT_FOUND',
    ]);
    const current = normalizeAnyCheck({
      error_code: 'NOT_FOUND',
      message: 'Verification not found.',
    });
    expect(current.reasons[0]?.vendorCode).toBe('NOT_FOUND');
  });
});

describe('AnyCheck normalize never throws and never approves odd input', () => {
  const odd: unknown[] = [
    null,
    undefined,
    42,
    'COMPLETED',
    true,
    [],
    {},
    [1, 'x', null],
    { status: {} },
    { status: 'COMPLETED', output_status: 7 },
    { items: 'nope' },
    { items: [null, 3] },
    { success: true, data: 'x' },
    { event: 5 },
    { event: 'verification.completed', data: [] },
    { id: 1, credit_used: 'ten', output: [1, 2] },
  ];
  it.each(odd.map((o) => [JSON.stringify(o) ?? String(o), o]))('%s', (_label, payload) => {
    const c = valid(normalizeAnyCheck(payload));
    expect(c.decision).not.toBe('APPROVED');
  });

  it('survives a seeded random walk over the vendor vocabulary, approving only VERIFIED completions', () => {
    let s = 12345;
    const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const values = [
      'COMPLETED',
      'VERIFIED',
      'NOT_VERIFIED',
      'IN_QUEUE',
      'FRAUD_DETECTED',
      'weird',
      '',
      null,
      3,
      true,
      {},
      [],
      { is_match_face: 'yes' },
      { nested: { deeper: [1, { x: 2 }] } },
    ];
    const keys = [
      'status',
      'output_status',
      'output',
      'id',
      'items',
      'event',
      'data',
      'success',
      'error',
      'service',
      'result_id',
      'credit_used',
      'input_config',
    ];
    const build = (depth: number): unknown => {
      const o: Record<string, unknown> = {};
      const n = Math.floor(rand() * 6);
      for (let i = 0; i < n; i++) {
        const k = pick(keys);
        o[k] =
          depth < 2 && rand() < 0.3
            ? rand() < 0.5
              ? build(depth + 1)
              : [build(depth + 1)]
            : pick(values);
      }
      return o;
    };
    for (let i = 0; i < 400; i++) {
      const payload = build(0);
      const c = valid(normalizeAnyCheck(payload));
      expect(RUN_STATUSES).toContain(c.runStatus);
      expect(DECISIONS).toContain(c.decision);
      if (c.decision === 'APPROVED') expect(JSON.stringify(payload)).toContain('VERIFIED');
    }
  });

  it('is what the adapter exposes as normalize', () => {
    const adapter = createAnyCheckAdapter({
      name: 'anycheck',
      baseUrl: 'http://127.0.0.1:9',
      credentials: { apiKey: 'k' },
      options: {},
      sandbox: true,
    });
    expect(adapter.normalize(seedPayload(SEED_GET_RESPONSE))).toEqual(
      normalizeAnyCheck(seedPayload(SEED_GET_RESPONSE)),
    );
  });
});
