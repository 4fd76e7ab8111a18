/**
 * The report tests' ledger: a handful of cases chosen to hit every rule a report must keep —
 * 16-digit NIKs and 19-digit provider ids, a result completed at 23:30 WIB, amounts as numbers
 * and as digit strings, formula-looking applicant names and field values, a secret-looking field,
 * service names Excel would reject as sheet names, a retry that replaced an earlier verification,
 * and cases in two inboxes.
 */
import path from 'node:path';
import { BASE_TIME, seedCase, type ReportLedger } from '../../helpers/report-fixtures.ts';

/** 2024-03-05 23:30 WIB, the instant the KTP verification completed. */
export const WIB_2330 = Date.UTC(2024, 2, 5, 16, 30);
/** The same wall-clock time as Excel should store it (UTC fields = Jakarta wall clock). */
export const WIB_2330_WALL = Date.UTC(2024, 2, 5, 23, 30);
/** BASE_TIME (09:00 WIB) as a wall-clock Date. */
export const BASE_WALL = Date.UTC(2024, 2, 5, 9, 0);

export const NIK = '3171234567890123';
export const LOAN_ID = '0012345678901234';
export const BIG_EXTERNAL_ID = '9007199254740993123';
export const SECRET = 'sk_live_SECRET123456';

export const FORMULA_APPLICANTS = [
  "=cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '\t=1+1',
  '+62 812 555',
];

export interface Scenario {
  inboxJakarta: string;
  inboxBandung: string;
  caseIds: Record<string, number>;
  inboxIds: Record<string, number>;
  storePaths: Record<string, string>;
}

export function seedScenario(r: ReportLedger): Scenario {
  const inboxJakarta = path.join(r.root, 'Inbox-Jakarta');
  const inboxBandung = path.join(r.root, 'Inbox-Bandung');
  const caseIds: Record<string, number> = {};
  const inboxIds: Record<string, number> = {};

  const main = seedCase(r, {
    inbox: inboxJakarta,
    key: 'APP-2024-0117',
    createdAt: BASE_TIME,
    expected: { name: 'Siti Rahayu', nik: NIK, loanId: LOAN_ID },
    documents: [
      {
        name: 'ktp.jpg',
        kind: 'KTP',
        checks: [
          {
            type: 'DOC_QUALITY',
            name: 'blur',
            outcome: 'PASS',
            reasons: [],
            score: {
              raw: 212.5,
              scale: 'laplacian-variance',
              normalized: null,
              threshold: 100,
              direction: 'HIGHER_IS_BETTER',
            },
          },
          {
            type: 'ID_NUMBER',
            name: 'nik',
            outcome: 'FAIL',
            reasons: [
              {
                code: 'NIK_BAD_DATE',
                message: 'Digits 7–12 of the NIK give 31 February.',
                severity: 'ERROR',
              },
            ],
          },
        ],
      },
      { name: 'selfie.jpg', kind: 'SELFIE' },
    ],
    verifications: [
      {
        provider: 'anycheck',
        service: 'KTP_VERIFICATION',
        documents: ['ktp.jpg'],
        runStatus: 'COMPLETED',
        decision: 'APPROVED',
        credits: 10,
        externalId: BIG_EXTERNAL_ID,
        externalGroup: 'grp-0117',
        vendorStatus: 'COMPLETED',
        vendorDecision: 'VERIFIED',
        submittedAt: Date.UTC(2024, 2, 5, 16, 10),
        completedAt: WIB_2330,
        extracted: {
          person: { fullName: 'SITI RAHAYU', nik: NIK, birthDate: '1990-05-17', gender: 'F' },
          document: { type: 'KTP', number: NIK },
          fields: {
            nik: NIK,
            nama: 'SITI RAHAYU',
            tanggal_lahir: '1990-05-17',
            no_rekening: '001234567890',
            gaji_bulanan: 15000000,
            saldo_akhir: '250000000',
            catatan: '=HYPERLINK("http://evil.example","klik")',
            api_key: SECRET,
            kawin: false,
            diperiksa_pada: '2024-03-05T16:30:00Z',
          },
        },
        checks: [
          {
            type: 'DATA_MATCH',
            name: 'id_info',
            outcome: 'PASS',
            reasons: [],
            score: {
              raw: 0.93,
              scale: '0-1',
              normalized: 0.93,
              threshold: 0.8,
              direction: 'HIGHER_IS_BETTER',
            },
          },
        ],
      },
      {
        provider: 'anycheck',
        service: 'FACE_MATCH',
        documents: ['selfie.jpg', 'ktp.jpg'],
        runStatus: 'COMPLETED',
        decision: 'DECLINED',
        credits: 5,
        externalId: '7000000000000001',
        submittedAt: Date.UTC(2024, 2, 5, 16, 10),
        completedAt: Date.UTC(2024, 2, 5, 16, 31),
        reasons: [
          {
            code: 'FACE_MISMATCH',
            vendorCode: 'SIMILARITY_FAILED',
            message: 'Similarity 31 is below 70.',
            severity: 'ERROR',
          },
        ],
        checks: [
          {
            type: 'FACE_MATCH',
            outcome: 'FAIL',
            reasons: [
              { code: 'FACE_MISMATCH', message: 'Similarity 31 is below 70.', severity: 'ERROR' },
            ],
            score: {
              raw: 31,
              scale: '0-100',
              normalized: 0.31,
              threshold: 70,
              direction: 'HIGHER_IS_BETTER',
            },
          },
        ],
      },
    ],
    events: [
      { at: BASE_TIME, what: 'case_opened', to: 'INTAKE' },
      {
        at: Date.UTC(2024, 2, 5, 16, 12),
        what: 'in_doubt',
        entity: 'verification',
        from: 'SUBMITTING',
        to: 'IN_DOUBT',
        reason: 'connection reset',
      },
      {
        at: WIB_2330,
        what: 'approve',
        from: 'REVIEW',
        to: 'DONE',
        actor: 'andi',
        reason: '=1+2 cmd',
      },
    ],
  });
  caseIds['APP-2024-0117'] = main.caseId;
  inboxIds.jakarta = main.inboxId;

  const bpkb = seedCase(r, {
    inbox: inboxJakarta,
    key: 'APP-2024-0118',
    createdAt: BASE_TIME + 3_600_000,
    expected: { name: FORMULA_APPLICANTS[0]!, nik: '3174000000000001' },
    documents: [{ name: '=bpkb.pdf', kind: 'BPKB' }],
    verifications: [
      {
        provider: 'anycheck',
        service: 'BPKB_VERIFICATION',
        documents: ['=bpkb.pdf'],
        runStatus: 'COMPLETED',
        decision: 'REVIEW',
        review: 'REQUIRED',
        phase: 'NEEDS_PERSON',
        phaseReason: 'the provider asks for a manual review',
        credits: 12.5,
        externalId: 'bp-118',
        completedAt: BASE_TIME + 3_700_000,
        extracted: {
          fields: {
            nomor_bpkb: 'M-01234567',
            nomor_rangka: 'MHKA1BA1JFK012345',
            tahun_pembuatan: 2015,
            pemilik: '+62 812 555',
          },
        },
      },
    ],
  });
  caseIds['APP-2024-0118'] = bpkb.caseId;

  FORMULA_APPLICANTS.slice(1).forEach((name, i) => {
    const key = `APP-2024-01${19 + i}`;
    caseIds[key] = seedCase(r, {
      inbox: inboxJakarta,
      key,
      createdAt: BASE_TIME + (i + 2) * 3_600_000,
      expected: { name },
      events: [{ at: BASE_TIME + (i + 2) * 3_600_000, what: 'expected_data' }],
    }).caseId;
  });

  // Bandung: a provider/service pair whose sheet names Excel would refuse as they are, and a retry.
  const bandung = seedCase(r, {
    inbox: inboxBandung,
    key: 'BDG-001',
    createdAt: Date.UTC(2024, 3, 1, 3, 0),
    expected: { name: 'Budi Santoso', nik: '3273000101900001' },
    documents: [{ name: 'id.jpg', kind: 'KTP' }],
    verifications: [
      {
        provider: 'colleckt',
        service: 'USPS/1583:identity*check?[v2]',
        documents: ['id.jpg'],
        runStatus: 'FAILED',
        decision: 'PENDING',
        credits: 1,
        externalId: 'c-1',
        completedAt: Date.UTC(2024, 3, 1, 4, 0),
      },
      {
        provider: 'colleckt',
        service: 'USPS/1583:identity*check?[v2]',
        documents: ['id.jpg'],
        runStatus: 'COMPLETED',
        decision: 'APPROVED',
        credits: 1,
        externalId: 'c-2',
        completedAt: Date.UTC(2024, 3, 1, 5, 0),
      },
      {
        provider: 'colleckt',
        service: 'USPS/1583:identity*check?[v3]',
        documents: ['id.jpg'],
        runStatus: 'COMPLETED',
        decision: 'APPROVED',
        credits: 2,
        externalId: 'c-3',
        completedAt: Date.UTC(2024, 3, 1, 5, 30),
      },
    ],
  });
  const [first, retry] = bandung.verificationIds;
  r.ledger.verifications.update(first!, { supersededBy: retry! });
  r.ledger.cases.recompute(bandung.caseId);
  caseIds['BDG-001'] = bandung.caseId;
  inboxIds.bandung = bandung.inboxId;

  return {
    inboxJakarta,
    inboxBandung,
    caseIds,
    inboxIds,
    storePaths: { ...main.storePaths, ...bpkb.storePaths, ...bandung.storePaths },
  };
}
