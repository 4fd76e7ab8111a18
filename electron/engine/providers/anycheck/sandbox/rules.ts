/**
 * How the sandbox decides a verification's fate: deterministically from what was submitted, so a
 * test (or a new user trying CheckDesk offline) sees the same result every time.
 *
 * Marker strings (anywhere in a file's bytes or in its file name) force a path:
 *
 *   CDX-VERIFIED          COMPLETED, output_status VERIFIED (skips the content checks)
 *   CDX-NOT_VERIFIED      COMPLETED, output_status NOT_VERIFIED
 *   CDX-PARTIAL           COMPLETED, output_status PARTIALLY_NOT_VERIFIED
 *   CDX-NEED_REVIEW       NEED_REVIEW
 *   CDX-FRAUD_DETECTED    FRAUD_DETECTED, only for bank / financial statements sent with
 *                         fraud_detection=true (ignored otherwise); waits for fraud confirmation
 *   CDX-FAILED            FAILED on the first run only (a passing outage: a retry succeeds)
 *   CDX-FAILED_ALWAYS     FAILED on every run
 *   CDX-CANCELLED         CANCELLED
 *
 * Precedence, highest first: FAILED_ALWAYS, FAILED (first run), CANCELLED, FRAUD_DETECTED,
 * NEED_REVIEW, NOT_VERIFIED, PARTIAL, VERIFIED, then the content checks:
 * - NIK (verification_type NIK): a light structural check of the NIK (checkNik below) → VERIFIED
 *   or NOT_VERIFIED.
 * - Images must decode (sharp) and be at least 64×64 px; PDFs must parse (pdf-lib); an encrypted
 *   PDF needs a password at upload. Otherwise FAILED (DOCUMENT_UNREADABLE, IMAGE_TOO_SMALL,
 *   PASSWORD_REQUIRED, UNSUPPORTED_FILE).
 * - KTP_SELFIE: the selfie "has a face" when at least 20 % of the pixels of the central half of
 *   the image, scaled to 32×32, have a skin tone by the classic RGB rule (R>95, G>40, B>20,
 *   max−min>15, |R−G|>15, R>G, R>B). A face → is_match_face true (VERIFIED), none → NOT_VERIFIED.
 * - Statements: COMPLETED without a verdict (output_status null), like the real analysis services.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { seededRandomFromText } from '../../kit/sandbox-faults.ts';
import type { OutputStatus } from '../mapping.ts';
import { SERVICE_PROFILES, type AnyCheckServiceCode } from '../services.ts';

export const MARKERS = [
  'CDX-VERIFIED',
  'CDX-NOT_VERIFIED',
  'CDX-PARTIAL',
  'CDX-NEED_REVIEW',
  'CDX-FRAUD_DETECTED',
  'CDX-FAILED',
  'CDX-FAILED_ALWAYS',
  'CDX-CANCELLED',
] as const;
export type Marker = (typeof MARKERS)[number];

export const MIN_IMAGE_SIDE = 64;
export const FACE_SKIN_RATIO = 0.2;

export interface FileAnalysis {
  sha256: string;
  name: string;
  size: number;
  kind: 'image' | 'pdf' | 'other';
  readable: boolean;
  width: number | null;
  height: number | null;
  pageCount: number;
  encrypted: boolean;
  passwordGiven: boolean;
  /** Share of skin-tone pixels in the central half (images only). */
  skinRatio: number | null;
  markers: Marker[];
}

// ---------------------------------------------------------------------------------------------
// NIK: the sandbox's own light check (it simulates the registry, it is not CheckDesk's validator).

const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
]);

export interface NikCheck {
  valid: boolean;
  reason: string | null;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  province: string | null;
}

export function checkNik(raw: string, now: Date = new Date()): NikCheck {
  const nik = raw.replace(/[\s.-]/g, '');
  const bad = (reason: string): NikCheck => ({
    valid: false,
    reason,
    gender: null,
    birthDate: null,
    province: null,
  });
  if (!/^\d{16}$/.test(nik)) return bad('NIK_FORMAT');
  const province = Number(nik.slice(0, 2));
  if (!PROVINCES.has(province)) return bad('NIK_PROVINCE');
  if (['00', '70'].includes(nik.slice(2, 4)) || nik.slice(4, 6) === '00') return bad('NIK_REGION');
  let day = Number(nik.slice(6, 8));
  const gender = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  if (day < 1 || day > 31 || month < 1 || month > 12) return bad('NIK_DATE');
  // Century: the 2000s when that makes the holder at least 17 today, the 1900s otherwise.
  const year = 2000 + yy <= now.getUTCFullYear() - 17 ? 2000 + yy : 1900 + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return bad('NIK_DATE');
  if (nik.slice(12) === '0000') return bad('NIK_SERIAL');
  return {
    valid: true,
    reason: null,
    gender,
    birthDate: date.toISOString().slice(0, 10),
    province: nik.slice(0, 2),
  };
}

// ---------------------------------------------------------------------------------------------
// Files

export function findMarkers(bytes: Buffer, name: string): Marker[] {
  const text = `${name}\n${bytes.toString('latin1')}`;
  const found = new Set<Marker>();
  for (const m of text.matchAll(/CDX-[A-Z_]+/g)) {
    if ((MARKERS as readonly string[]).includes(m[0])) found.add(m[0] as Marker);
  }
  return [...found];
}

function isSkin(r: number, g: number, b: number): boolean {
  return (
    r > 95 &&
    g > 40 &&
    b > 20 &&
    Math.max(r, g, b) - Math.min(r, g, b) > 15 &&
    Math.abs(r - g) > 15 &&
    r > g &&
    r > b
  );
}

export async function skinRatio(bytes: Buffer): Promise<number> {
  const raw = await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
    .rotate()
    .resize(32, 32, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
  let skin = 0;
  let total = 0;
  for (let y = 8; y < 24; y++) {
    for (let x = 8; x < 24; x++) {
      const i = (y * 32 + x) * 3;
      total++;
      if (isSkin(raw[i]!, raw[i + 1]!, raw[i + 2]!)) skin++;
    }
  }
  return skin / total;
}

export async function analyseFile(
  bytes: Buffer,
  name: string,
  password: string | null,
): Promise<FileAnalysis> {
  const base: FileAnalysis = {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    name,
    size: bytes.length,
    kind: 'other',
    readable: false,
    width: null,
    height: null,
    pageCount: 0,
    encrypted: false,
    passwordGiven: !!password,
    skinRatio: null,
    markers: findMarkers(bytes, name),
  };
  if (bytes.subarray(0, 1024).includes('%PDF-')) {
    base.kind = 'pdf';
    try {
      const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
      base.pageCount = doc.getPageCount();
      base.encrypted = doc.isEncrypted;
      base.readable = base.pageCount > 0;
    } catch {
      base.readable = false;
    }
    return base;
  }
  try {
    const meta = await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 }).metadata();
    if (meta.width && meta.height) {
      base.kind = 'image';
      base.width = meta.width;
      base.height = meta.height;
      base.pageCount = 1;
      base.skinRatio = await skinRatio(bytes);
      base.readable = true;
    }
  } catch {
    // not an image sharp can decode: stays 'other'
  }
  return base;
}

// ---------------------------------------------------------------------------------------------
// Outcomes

export type TerminalStatus =
  'COMPLETED' | 'NEED_REVIEW' | 'FRAUD_DETECTED' | 'FAILED' | 'CANCELLED';

export interface Outcome {
  status: TerminalStatus;
  outputStatus: OutputStatus | null;
  output: Record<string, unknown> | null;
}

export interface OutcomeInput {
  service: AnyCheckServiceCode;
  config: Record<string, unknown>;
  files: { field: string; analysis: FileAnalysis }[];
  /** 1 for the first run, +1 per retry. */
  attempt: number;
  /** A person let a FRAUD_DETECTED verification continue. */
  fraudCleared: boolean;
  now: Date;
}

const NAMES = [
  'BUDI SANTOSO',
  'SITI RAHAYU',
  'AGUS SETIAWAN',
  'DEWI LESTARI',
  'RUDI HARTONO',
  'NUR AINI',
  'EKO PRASETYO',
  'RINA WULANDARI',
];
const BANKS = [
  'BANK RAKYAT INDONESIA',
  'BANK MANDIRI',
  'BANK CENTRAL ASIA',
  'BANK NEGARA INDONESIA',
];
const BRANDS = ['HONDA', 'YAMAHA', 'TOYOTA', 'SUZUKI', 'DAIHATSU'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function digits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

type Verdict = 'VERIFIED' | 'NOT_VERIFIED' | 'PARTIAL';

function serviceOutput(
  input: OutcomeInput,
  verdict: Verdict | null,
  rand: () => number,
): Record<string, unknown> {
  const ok = verdict !== 'NOT_VERIFIED';
  const pages = input.files.reduce((n, f) => n + f.analysis.pageCount, 0);
  switch (input.service) {
    case 'KTP_VERIFICATION': {
      const type = String(input.config.verification_type ?? '');
      if (type === 'NIK') {
        const nik = String(input.config.nik ?? '');
        const check = checkNik(nik, input.now);
        const valid = verdict === null ? check.valid : ok;
        return {
          nik,
          is_valid_nik: valid,
          invalid_reason: valid ? null : (check.reason ?? 'NIK_NOT_FOUND'),
          name: valid ? pick(rand, NAMES) : null,
          gender: valid ? check.gender : null,
          birth_date: valid ? check.birthDate : null,
          province_code: check.province,
        };
      }
      if (type === 'KTP_PEP') {
        return { is_pep: !ok, pep_match_count: ok ? 0 : 1, name: pick(rand, NAMES) };
      }
      const score = ok
        ? verdict === 'PARTIAL'
          ? 5 + rand() * 2
          : 7 + rand() * 2.9
        : 0.5 + rand() * 2.5;
      return {
        face_match_confidence_level: score >= 7 ? 'HIGH' : score >= 5 ? 'MEDIUM' : 'LOW',
        face_match_confidence_score: Math.round(score * 1e6) / 1e6,
        is_match_face: ok,
      };
    }
    case 'BPKB_VERIFICATION':
      return {
        bpkb_number: `${String.fromCharCode(65 + Math.floor(rand() * 26))} ${digits(rand, 7)}`,
        owner_name: pick(rand, NAMES),
        vehicle_brand: pick(rand, BRANDS),
        frame_number: `MH1${digits(rand, 14)}`,
        engine_number: `JM${digits(rand, 8)}`,
        is_authentic: ok,
      };
    case 'LAND_CERTIFICATE_VERIFICATION':
      return {
        certificate_number: `${digits(rand, 2)}.${digits(rand, 2)}.${digits(rand, 2)}.${digits(rand, 2)}.1.${digits(rand, 5)}`,
        certificate_type: 'SHM',
        owner_name: pick(rand, NAMES),
        land_area_m2: 60 + Math.floor(rand() * 500),
        is_authentic: ok,
      };
    case 'BANK_STATEMENT_ANALYSIS': {
      const opening = Math.round(rand() * 50_000_000);
      const credit = Math.round(rand() * 80_000_000);
      const debit = Math.round(rand() * 70_000_000);
      return {
        bank_name: pick(rand, BANKS),
        account_number: digits(rand, 10),
        account_holder: pick(rand, NAMES),
        opening_balance: opening,
        total_credit: credit,
        total_debit: debit,
        closing_balance: opening + credit - debit,
        transaction_count: 20 + Math.floor(rand() * 200),
        total_pages: pages,
        fraud_indicator_count: input.fraudCleared ? 2 : 0,
      };
    }
    case 'FINANCIAL_STATEMENT_ANALYSIS': {
      const assets = Math.round(rand() * 5e9);
      const liabilities = Math.round(assets * rand());
      return {
        company_name: `PT ${pick(rand, NAMES).split(' ')[0]} SEJAHTERA`,
        period: String(input.now.getUTCFullYear() - 1),
        total_assets: assets,
        total_liabilities: liabilities,
        equity: assets - liabilities,
        revenue: Math.round(rand() * 2e9),
        net_income: Math.round(rand() * 3e8),
        total_pages: pages,
        fraud_indicator_count: input.fraudCleared ? 2 : 0,
      };
    }
  }
}

function failed(code: string, message: string): Outcome {
  return {
    status: 'FAILED',
    outputStatus: null,
    output: { error_code: code, error_message: message },
  };
}

export const FRAUD_INDICATORS = ['FONT_INCONSISTENCY', 'METADATA_EDITED'];

export function decideOutcome(input: OutcomeInput): Outcome {
  const markers = new Set(input.files.flatMap((f) => f.analysis.markers));
  const profile = SERVICE_PROFILES[input.service];
  // A small deterministic generator seeded from the submission's content.
  const rand = seededRandomFromText(
    `${input.service}|${JSON.stringify(input.config.verification_type ?? '')}|${String(input.config.nik ?? '')}|${input.files.map((f) => f.analysis.sha256).join(',')}`,
  );
  const verdictOutcome = (verdict: Verdict, status: TerminalStatus = 'COMPLETED'): Outcome => ({
    status,
    outputStatus: verdict === 'PARTIAL' ? 'PARTIALLY_NOT_VERIFIED' : verdict,
    output: serviceOutput(input, verdict, rand),
  });

  if (markers.has('CDX-FAILED_ALWAYS'))
    return failed('PROVIDER_ERROR', 'The upstream provider did not answer.');
  if (markers.has('CDX-FAILED') && input.attempt === 1)
    return failed('PROVIDER_ERROR', 'The upstream provider was temporarily unavailable.');
  if (markers.has('CDX-CANCELLED'))
    return { status: 'CANCELLED', outputStatus: null, output: null };
  if (
    markers.has('CDX-FRAUD_DETECTED') &&
    profile.fraudGate &&
    input.config.fraud_detection === true &&
    !input.fraudCleared
  ) {
    return {
      status: 'FRAUD_DETECTED',
      outputStatus: null,
      output: { fraud_indicators: FRAUD_INDICATORS },
    };
  }
  if (markers.has('CDX-NEED_REVIEW')) {
    return {
      status: 'NEED_REVIEW',
      outputStatus: null,
      output: serviceOutput(input, profile.fraudGate ? null : 'VERIFIED', rand),
    };
  }
  if (markers.has('CDX-NOT_VERIFIED')) return verdictOutcome('NOT_VERIFIED');
  if (markers.has('CDX-PARTIAL')) return verdictOutcome('PARTIAL');
  if (markers.has('CDX-VERIFIED')) return verdictOutcome('VERIFIED');

  for (const { analysis: a } of input.files) {
    if (a.kind === 'other')
      return failed('UNSUPPORTED_FILE', `${a.name} is neither an image nor a PDF.`);
    if (!a.readable) return failed('DOCUMENT_UNREADABLE', `${a.name} cannot be read.`);
    if (a.encrypted && !a.passwordGiven)
      return failed('PASSWORD_REQUIRED', `${a.name} is encrypted and no password was given.`);
    if (
      a.kind === 'image' &&
      ((a.width ?? 0) < MIN_IMAGE_SIDE || (a.height ?? 0) < MIN_IMAGE_SIDE)
    ) {
      return failed('IMAGE_TOO_SMALL', `${a.name} is too small to read (${a.width}×${a.height}).`);
    }
  }
  if (profile.fraudGate)
    return { status: 'COMPLETED', outputStatus: null, output: serviceOutput(input, null, rand) };
  if (input.service === 'KTP_VERIFICATION') {
    const type = String(input.config.verification_type ?? '');
    if (type === 'NIK') {
      const valid = checkNik(String(input.config.nik ?? ''), input.now).valid;
      return {
        status: 'COMPLETED',
        outputStatus: valid ? 'VERIFIED' : 'NOT_VERIFIED',
        output: serviceOutput(input, null, rand),
      };
    }
    if (type === 'KTP_SELFIE') {
      const selfie = input.files.find((f) => f.field === 'selfie_file')?.analysis;
      if (selfie && selfie.kind !== 'image')
        return failed('DOCUMENT_UNREADABLE', 'The selfie must be an image.');
      const face = (selfie?.skinRatio ?? 0) >= FACE_SKIN_RATIO;
      return verdictOutcome(face ? 'VERIFIED' : 'NOT_VERIFIED');
    }
  }
  return verdictOutcome('VERIFIED');
}
