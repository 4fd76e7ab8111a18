/**
 * Colleckt payloads → canonical, table-driven from providers.md §8.4: every documented status
 * value (numbers, labels, spellings), every document status per document type, webhook events,
 * the fixtures and odd input.
 */
import { describe, expect, it } from 'vitest';
import {
  CanonicalVerification,
  type Decision,
  type ReviewState,
  type RunStatus,
} from '../../../../shared/model.ts';
import { normalizeColleckt } from '../../../../electron/engine/providers/colleckt/normalize.ts';
import { fixture } from './fixtures.ts';

interface Expect {
  runStatus: RunStatus;
  decision: Decision;
  review: ReviewState;
  vendorStatus: string;
}

/** The canonical meaning of each verification status, written out value by value. */
const STATUS_TABLE: [number, string, Expect][] = [
  [
    1,
    'Started',
    { runStatus: 'AWAITING_INPUT', decision: 'PENDING', review: 'NONE', vendorStatus: 'Started' },
  ],
  [
    2,
    'Submitted',
    { runStatus: 'PROCESSING', decision: 'PENDING', review: 'NONE', vendorStatus: 'Submitted' },
  ],
  [
    3,
    'Approved',
    { runStatus: 'COMPLETED', decision: 'APPROVED', review: 'NONE', vendorStatus: 'Approved' },
  ],
  [
    4,
    'Rejected',
    { runStatus: 'COMPLETED', decision: 'DECLINED', review: 'NONE', vendorStatus: 'Rejected' },
  ],
  [
    5,
    'Double Check',
    {
      runStatus: 'COMPLETED',
      decision: 'REVIEW',
      review: 'REQUIRED',
      vendorStatus: 'Double Check',
    },
  ],
  [
    6,
    'Expired',
    { runStatus: 'EXPIRED', decision: 'INCONCLUSIVE', review: 'NONE', vendorStatus: 'Expired' },
  ],
  [
    7,
    'Canceled',
    { runStatus: 'CANCELLED', decision: 'PENDING', review: 'NONE', vendorStatus: 'Canceled' },
  ],
  [8, 'Hold', { runStatus: 'ON_HOLD', decision: 'PENDING', review: 'NONE', vendorStatus: 'Hold' }],
];

function valid(result: unknown): CanonicalVerification {
  return CanonicalVerification.parse(result);
}

describe('Colleckt verification status', () => {
  it.each(STATUS_TABLE)('numeric %i (%s)', (code, _label, expected) => {
    expect(valid(normalizeColleckt({ id: 'ver_1', status: code }))).toMatchObject(expected);
  });

  it.each(STATUS_TABLE)('numeric string "%i" wrapped in data', (code, _label, expected) => {
    expect(normalizeColleckt({ data: { id: 'ver_1', status: String(code) } })).toMatchObject(
      expected,
    );
  });

  it.each(STATUS_TABLE)('label only (%i = %s)', (_code, label, expected) => {
    expect(normalizeColleckt({ id: 'ver_1', status_label: label })).toMatchObject(expected);
  });

  it.each([
    ['started', 1],
    ['SUBMITTED', 2],
    ['approved', 3],
    ['rejected', 4],
    ['double-check', 5],
    ['double_check', 5],
    ['DOUBLE CHECK', 5],
    ['expired', 6],
    ['cancelled', 7],
    ['on hold', 8],
  ] as const)('label spelling "%s"', (label, code) => {
    expect(normalizeColleckt({ status: label })).toMatchObject(STATUS_TABLE[code - 1]![2]);
  });

  it('vendorDecision is the label of verdict statuses only', () => {
    expect(normalizeColleckt({ status: 3 }).vendorDecision).toBe('Approved');
    expect(normalizeColleckt({ status: 4 }).vendorDecision).toBe('Rejected');
    expect(normalizeColleckt({ status: 5 }).vendorDecision).toBe('Double Check');
    expect(normalizeColleckt({ status: 2 }).vendorDecision).toBeNull();
  });

  it.each([
    [9, '9'],
    ['Processing', 'Processing'],
    [0, '0'],
  ] as const)(
    'unknown status %s → REVIEW with UNKNOWN_VENDOR_VALUE, never APPROVED',
    (value, shown) => {
      const out = valid(normalizeColleckt({ id: 'ver_1', status: value }));
      expect(out).toMatchObject({ decision: 'REVIEW', review: 'REQUIRED', vendorStatus: shown });
      expect(out.reasons[0]).toMatchObject({ code: 'UNKNOWN_VENDOR_VALUE', vendorCode: shown });
    },
  );

  it('a payload without any status asks a person', () => {
    const out = normalizeColleckt({ id: 'ver_1' });
    expect(out).toMatchObject({ decision: 'REVIEW', review: 'REQUIRED' });
    expect(out.reasons[0]?.code).toBe('STATUS_MISSING');
  });
});

function history(...steps: [number | null, number, string | null][]): unknown[] {
  return steps.map(([from, to, user], i) => ({
    previous_status: from,
    new_status: to,
    user: user === null ? null : { name: user },
    created_at: `2025-01-01T00:0${i}:00.000000Z`,
  }));
}

describe('Colleckt history-dependent meanings', () => {
  it.each([
    ['Started', history([null, 1, 'api'], [1, 8, 'Rina']), 'PENDING', 'NONE', null],
    ['Submitted', history([1, 2, 'api'], [2, 8, 'Rina']), 'PENDING', 'NONE', null],
    ['Double Check', history([2, 5, null], [5, 8, 'Rina']), 'REVIEW', 'REQUIRED', 'Double Check'],
    [
      'a manual Approve',
      history([5, 3, 'Rina'], [3, 8, 'Rina']),
      'APPROVED',
      'RESOLVED_APPROVED',
      'Approved',
    ],
  ] as const)(
    'Hold after %s keeps that decision',
    (_label, h, decision, review, vendorDecision) => {
      const out = normalizeColleckt({ status: 8, history: h });
      expect(out).toMatchObject({
        runStatus: 'ON_HOLD',
        decision,
        review,
        vendorStatus: 'Hold',
        vendorDecision,
      });
      expect(out.reasons.map((r) => r.code)).toContain('ON_HOLD');
    },
  );

  it('Hold falls back to an explicit previous_status field', () => {
    expect(normalizeColleckt({ status: 8, previous_status: 5 })).toMatchObject({
      decision: 'REVIEW',
      review: 'REQUIRED',
    });
  });

  it.each([
    [3, 'Rina', 'RESOLVED_APPROVED'],
    [3, null, 'NONE'],
    [3, 'system', 'NONE'],
    [4, 'Rina', 'RESOLVED_DECLINED'],
    [4, null, 'NONE'],
  ] as const)('status %i reached by %s → review %s', (status, user, review) => {
    expect(normalizeColleckt({ status, history: history([2, status, user]) }).review).toBe(review);
  });

  it('Canceled stays PENDING but remembers the last verdict label', () => {
    const out = normalizeColleckt({ status: 7, history: history([2, 5, null], [5, 7, 'Rina']) });
    expect(out).toMatchObject({
      runStatus: 'CANCELLED',
      decision: 'PENDING',
      vendorDecision: 'Double Check',
    });
  });

  it('a manual reject carries the reviewer comment as its reason', () => {
    const h = [
      {
        previous_status: 5,
        new_status: 4,
        user: { name: 'Rina' },
        comment: 'photo does not match',
        created_at: '2025-01-01T00:00:00Z',
      },
    ];
    const out = normalizeColleckt({ status: 4, history: h });
    expect(out.reasons[0]).toMatchObject({
      code: 'VENDOR_REJECTED',
      message: 'photo does not match',
      severity: 'ERROR',
    });
    expect(out.timestamps?.completed).toBe('2025-01-01T00:00:00.000Z');
  });
});

const DOC_OUTCOMES: [number, string, string][] = [
  [1, 'Uploaded', 'PENDING'],
  [2, 'In Progress', 'PENDING'],
  [3, 'Approved', 'PASS'],
  [4, 'Rejected', 'FAIL'],
  [5, 'Double Check', 'REVIEW'],
  [6, 'Canceled', 'NOT_RUN'],
  [7, 'Extracted', 'PENDING'],
];
const DOC_CHECKS: [string | number, string[]][] = [
  ['PHOTO_ID', ['DOC_AUTHENTICITY', 'DOC_OCR', 'DATA_MATCH']],
  [1, ['DOC_AUTHENTICITY', 'DOC_OCR', 'DATA_MATCH']],
  ['Proof of Address', ['ADDRESS_PROOF', 'DATA_MATCH']],
  [2, ['ADDRESS_PROOF', 'DATA_MATCH']],
  ['selfie', ['FACE_MATCH']],
  [3, ['FACE_MATCH']],
];

describe('Colleckt document status → checks', () => {
  for (const [type, checkTypes] of DOC_CHECKS) {
    it.each(DOC_OUTCOMES)(
      `document type ${String(type)}, status %i (%s) → %s`,
      (status, label, outcome) => {
        for (const doc of [
          { type, status },
          { type, status_label: label },
        ]) {
          const out = valid(normalizeColleckt({ status: 2, documents: [doc] }));
          expect(out.checks.map((c) => c.type)).toEqual(checkTypes);
          expect(new Set(out.checks.map((c) => c.outcome))).toEqual(new Set([outcome]));
          expect(out.checks[0]?.details?.['vendorStatus']).toBe(label);
        }
      },
    );
  }

  it('an unknown document status is REVIEW and blocks an automatic approval', () => {
    const out = normalizeColleckt({ status: 3, documents: [{ type: 1, status: 42 }] });
    expect(out.checks.every((c) => c.outcome === 'REVIEW')).toBe(true);
    expect(out).toMatchObject({ decision: 'REVIEW', review: 'REQUIRED' });
    expect(out.reasons.map((r) => r.code)).toContain('UNKNOWN_VENDOR_VALUE');
  });

  it('an unknown document type becomes an OTHER check that cannot pass', () => {
    const out = normalizeColleckt({ status: 2, documents: [{ type: 'Passport Card', status: 3 }] });
    expect(out.checks).toEqual([expect.objectContaining({ type: 'OTHER', outcome: 'REVIEW' })]);
  });
});

describe('Colleckt webhook events', () => {
  it.each([
    ['verification.started', {}, { runStatus: 'AWAITING_INPUT', decision: 'PENDING' }],
    ['verification.submitted', {}, { runStatus: 'PROCESSING', decision: 'PENDING' }],
    [
      'verification.finished',
      { status: 'approved' },
      { runStatus: 'COMPLETED', decision: 'APPROVED' },
    ],
    [
      'verification.finished',
      { status: 'rejected' },
      { runStatus: 'COMPLETED', decision: 'DECLINED' },
    ],
    [
      'verification.finished',
      { status: 'double-check' },
      { runStatus: 'COMPLETED', decision: 'REVIEW' },
    ],
    ['verification.canceled', {}, { runStatus: 'CANCELLED', decision: 'PENDING' }],
    [
      'document.uploaded',
      { document_type: 'PHOTO_ID' },
      { runStatus: 'AWAITING_INPUT', decision: 'PENDING' },
    ],
    [
      'document.canceled',
      { document_type: 'SELFIE' },
      { runStatus: 'AWAITING_INPUT', decision: 'PENDING' },
    ],
    [
      'decision.made',
      { status: 'approved' },
      { runStatus: 'PROCESSING', decision: 'PENDING', vendorDecision: 'approved' },
    ],
    ['decision.canceled', {}, { runStatus: 'PROCESSING', decision: 'PENDING' }],
  ] as const)('%s %j', (type, data, expected) => {
    const out = valid(
      normalizeColleckt({
        type,
        data: {
          verification_id: 'ver_1',
          vendor_reference: 'APP-1',
          timestamp: '2025-01-01T00:00:00Z',
          ...data,
        },
      }),
    );
    expect(out).toMatchObject(expected);
    expect(out.externalId).toBe('ver_1');
  });

  it('an unknown event type asks a person', () => {
    const out = normalizeColleckt({
      type: 'verification.exploded',
      data: { verification_id: 'ver_1' },
    });
    expect(out).toMatchObject({ decision: 'REVIEW', vendorStatus: 'verification.exploded' });
    expect(out.reasons[0]?.code).toBe('UNKNOWN_VENDOR_VALUE');
  });
});

describe('Colleckt fixtures', () => {
  it('detail, label-only status, sandbox host, extracted data', () => {
    const out = valid(normalizeColleckt(fixture('colleckt', 'verification-detail.json')));
    expect(out).toMatchObject({
      provider: 'colleckt',
      runStatus: 'COMPLETED',
      decision: 'REVIEW',
      review: 'REQUIRED',
      vendorStatus: 'Double Check',
      environment: 'SANDBOX',
      externalId: 'ver_9d2f4c7a1b3e5f60',
    });
    expect(out.checks.map((c) => `${c.name}:${c.type}:${c.outcome}`)).toEqual([
      'photo_id:DOC_AUTHENTICITY:PASS',
      'photo_id:DOC_OCR:PASS',
      'photo_id:DATA_MATCH:PASS',
      'proof_of_address:ADDRESS_PROOF:REVIEW',
      'proof_of_address:DATA_MATCH:REVIEW',
    ]);
    expect(out.extracted.person).toMatchObject({
      givenName: 'Dewi',
      familyName: 'Lestari',
      fullName: 'Dewi Lestari',
      birthDate: '1992-11-03',
    });
    expect(out.extracted.document).toMatchObject({
      number: '3273014311920001',
      issuingCountry: 'IDN',
      type: 'national_id',
    });
    expect(out.extracted.address).toMatchObject({
      city: 'Bandung',
      postalCode: '40115',
      full: 'Jl. Kenanga 12, Bandung, Jawa Barat, 40115, IDN',
    });
    expect(out.extracted.fields).toMatchObject({
      vendor_reference: 'APP-2024-0117',
      flow: 'USPS 1583',
    });
    expect(out.timestamps?.created).toBe('2025-02-10T03:58:12.000Z');
  });

  it('a list answer normalizes its first entry', () => {
    const out = valid(normalizeColleckt(fixture('colleckt', 'verification-list.json')));
    expect(out).toMatchObject({
      externalId: 'ver_list_1',
      runStatus: 'COMPLETED',
      decision: 'DECLINED',
      review: 'NONE',
      environment: null,
    });
  });

  it('Hold from Double Check (numeric string status)', () => {
    const out = valid(normalizeColleckt(fixture('colleckt', 'verification-hold.json')));
    expect(out).toMatchObject({
      runStatus: 'ON_HOLD',
      decision: 'REVIEW',
      review: 'REQUIRED',
      vendorDecision: 'Double Check',
    });
  });

  it('a manual approval after Double Check', () => {
    expect(
      normalizeColleckt(fixture('colleckt', 'verification-approved-manually.json')),
    ).toMatchObject({ decision: 'APPROVED', review: 'RESOLVED_APPROVED' });
  });

  it('webhooks', () => {
    expect(
      normalizeColleckt(fixture('colleckt', 'webhook-verification-finished.json')),
    ).toMatchObject({ runStatus: 'COMPLETED', decision: 'REVIEW' });
    const decision = normalizeColleckt(fixture('colleckt', 'webhook-decision-made.json'));
    expect(decision.checks).toEqual([
      expect.objectContaining({ name: 'document:doc_2', outcome: 'FAIL' }),
    ]);
  });

  it('a validation error body', () => {
    const out = valid(normalizeColleckt(fixture('colleckt', 'error-validation.json')));
    expect(out).toMatchObject({ runStatus: 'FAILED', decision: 'PENDING' });
    expect(out.reasons[0]).toMatchObject({ code: 'VENDOR_ERROR', severity: 'ERROR' });
  });

  it('hand-copied JSON5 with the status as an object', () => {
    const out = valid(normalizeColleckt(fixture('colleckt', 'verification-quirks.json5')));
    expect(out).toMatchObject({
      runStatus: 'EXPIRED',
      decision: 'INCONCLUSIVE',
      vendorStatus: 'Expired',
    });
    expect(out.checks.every((c) => c.outcome === 'NOT_RUN')).toBe(true);
  });
});

describe('Colleckt odd input never throws and never approves', () => {
  const cyclic: Record<string, unknown> = { status: 3 };
  cyclic['data'] = cyclic;
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'Approved'],
    ['an empty array', []],
    ['an empty object', {}],
    ['an empty list', { data: [] }],
    ['data: null', { data: null }],
    ['documents not an array', { status: 'Hold', documents: 'lots', history: 7 }],
    [
      'history entries of the wrong type',
      { status: 8, history: [null, 3, 'x', { new_status: { value: 'zzz' } }] },
    ],
    ['a cyclic object', cyclic],
  ])('%s', (_label, payload) => {
    const out = valid(normalizeColleckt(payload));
    expect(out.provider).toBe('colleckt');
    if (out.decision === 'APPROVED') expect(payload).toBe(cyclic);
  });
});
