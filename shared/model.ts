/**
 * The canonical model shared by the engine, the UI and the reports (PRODUCT.md §3).
 *
 * Every provider's vocabulary is mapped into these enums; raw vendor values travel beside them
 * (`vendorStatus`, `vendorDecision`, `raw`) so a mapping can be revised without losing data.
 * Runtime-neutral: zod only, no Node, no DOM.
 */
import { z } from 'zod';

export const RUN_STATUSES = [
  'DRAFT',
  'AWAITING_INPUT',
  'QUEUED',
  'PROCESSING',
  'ON_HOLD',
  'COMPLETED',
  'FAILED',
  'EXPIRED',
  'CANCELLED',
] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;

export const DECISIONS = [
  'PENDING',
  'APPROVED',
  'DECLINED',
  'REVIEW',
  'INCONCLUSIVE',
  'NOT_APPLICABLE',
] as const;
export const Decision = z.enum(DECISIONS);
export type Decision = z.infer<typeof Decision>;

export const REVIEW_STATES = [
  'NONE',
  'REQUIRED',
  'IN_REVIEW',
  'RESOLVED_APPROVED',
  'RESOLVED_DECLINED',
] as const;
export const ReviewState = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewState>;

export const CHECK_TYPES = [
  'DOC_AUTHENTICITY',
  'DOC_OCR',
  'DOC_QUALITY',
  'DOC_EXPIRY',
  'DATA_MATCH',
  'GOV_DB_LOOKUP',
  'FACE_MATCH',
  'LIVENESS',
  'AGE',
  'AML_SCREENING',
  'FRAUD_SIGNALS',
  'DUPLICATE',
  'ADDRESS_PROOF',
  'FINANCIAL_ANALYSIS',
  'RISK_RULES',
  'ID_NUMBER',
  'FILE_INTEGRITY',
  'OTHER',
] as const;
export const CheckType = z.enum(CHECK_TYPES);
export type CheckType = z.infer<typeof CheckType>;

export const CHECK_OUTCOMES = [
  'PASS',
  'FAIL',
  'REVIEW',
  'INFO',
  'NOT_RUN',
  'PENDING',
  'ERROR',
] as const;
export const CheckOutcome = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof CheckOutcome>;

export const DOCUMENT_KINDS = [
  'KTP',
  'SELFIE',
  'KK',
  'NPWP',
  'PASSPORT',
  'BPKB',
  'STNK',
  'LAND_CERTIFICATE',
  'BANK_STATEMENT',
  'FINANCIAL_STATEMENT',
  'PROOF_OF_ADDRESS',
  'OTHER',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const PROVIDER_NAMES = [
  'anycheck',
  'colleckt',
  'frankieone',
  'advanceai',
  'aiprise',
] as const;
export const ProviderName = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderName>;

/** ERROR blocks (a `validate` result is invalid exactly when one is present); the rest inform. */
export const SEVERITIES = ['ERROR', 'WARNING', 'INFO'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Reason = z.object({
  /** Stable canonical code, e.g. FACE_MISMATCH, NIK_BAD_DATE. Never translated. */
  code: z.string(),
  /** The vendor's own code when the reason came from a provider. */
  vendorCode: z.string().nullable().optional(),
  /** Plain-language explanation for a clerk (English; the UI/report may translate by code). */
  message: z.string(),
  severity: Severity,
  retryable: z.boolean().optional(),
});
export type Reason = z.infer<typeof Reason>;

export const Score = z.object({
  raw: z.number().nullable(),
  /** What the raw number means: '0-100', '0-1', 'hamming-64', 'vendor-undocumented', … */
  scale: z.string(),
  /** raw mapped to [0,1] where the scale is known; null when it is not. */
  normalized: z.number().nullable(),
  threshold: z.number().nullable(),
  direction: z.enum(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER']),
  level: z.string().nullable().optional(),
});
export type Score = z.infer<typeof Score>;

export const Check = z.object({
  type: CheckType,
  /** Which rule or vendor section produced it, e.g. 'blur', 'nik', 'id_info'. */
  name: z.string().optional(),
  outcome: CheckOutcome,
  score: Score.nullable().optional(),
  reasons: z.array(Reason),
  source: z.enum(['preflight', 'provider']).optional(),
  /** Small structured facts worth showing (distance to the earlier document, page count, …). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Check = z.infer<typeof Check>;

export const ExtractedPerson = z.object({
  fullName: z.string().nullable().optional(),
  givenName: z.string().nullable().optional(),
  familyName: z.string().nullable().optional(),
  birthDate: z.string().nullable().optional(),
  gender: z.string().nullable().optional(),
  nik: z.string().nullable().optional(),
});
export const ExtractedDocument = z.object({
  type: z.string().nullable().optional(),
  number: z.string().nullable().optional(),
  issuingCountry: z.string().nullable().optional(),
  issueDate: z.string().nullable().optional(),
  expiryDate: z.string().nullable().optional(),
});
export const ExtractedAddress = z.object({
  full: z.string().nullable().optional(),
  street: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  postalCode: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
});
export const Extracted = z.object({
  person: ExtractedPerson.optional(),
  document: ExtractedDocument.optional(),
  address: ExtractedAddress.optional(),
  /** Flat service-specific fields (what the per-service report sheet shows), keyed by vendor name. */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type Extracted = z.infer<typeof Extracted>;

/**
 * One provider result in canonical form: what `checkdesk normalize` prints and what the engine
 * stores for every verification. Unknown vendor values map to REVIEW, never to APPROVED.
 */
export const CanonicalVerification = z.object({
  provider: ProviderName,
  runStatus: RunStatus,
  decision: Decision,
  review: ReviewState,
  vendorStatus: z.string().nullable(),
  vendorDecision: z.string().nullable(),
  reasons: z.array(Reason),
  checks: z.array(Check),
  extracted: Extracted,
  externalId: z.string().nullable().optional(),
  groupId: z.string().nullable().optional(),
  service: z.string().nullable().optional(),
  retryable: z.boolean().optional(),
  credits: z.number().nullable().optional(),
  environment: z.enum(['PRODUCTION', 'SANDBOX']).nullable().optional(),
  timestamps: z
    .object({
      created: z.string().nullable().optional(),
      completed: z.string().nullable().optional(),
      updated: z.string().nullable().optional(),
    })
    .optional(),
});
export type CanonicalVerification = z.infer<typeof CanonicalVerification>;

/** Expected data a case may carry (applicant.json / applicant.csv / manifest row). */
export const ExpectedData = z.object({
  name: z.string().optional(),
  nik: z.string().optional(),
  npwp: z.string().optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
  address: z.string().optional(),
  loanId: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  /** Anything else the sheet carried, kept verbatim. */
  extra: z.record(z.string(), z.string()).optional(),
});
export type ExpectedData = z.infer<typeof ExpectedData>;

/** Verification statuses that mean "nothing more will happen without a person". */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = [
  'COMPLETED',
  'FAILED',
  'EXPIRED',
  'CANCELLED',
];

/**
 * Case aggregate over its verifications (providers.md §8.3): DECLINED wins, then REVIEW/INCONCLUSIVE,
 * then APPROVED when every verdict-bearing verification approved; PENDING otherwise.
 */
export function aggregateDecision(decisions: readonly Decision[]): Decision {
  if (decisions.length === 0) return 'PENDING';
  if (decisions.includes('DECLINED')) return 'DECLINED';
  if (decisions.includes('REVIEW') || decisions.includes('INCONCLUSIVE')) return 'REVIEW';
  if (decisions.includes('PENDING')) return 'PENDING';
  if (decisions.includes('APPROVED')) return 'APPROVED';
  return 'NOT_APPLICABLE';
}

export function aggregateRunStatus(statuses: readonly RunStatus[]): RunStatus {
  if (statuses.length === 0) return 'DRAFT';
  const busy: RunStatus[] = ['QUEUED', 'PROCESSING', 'AWAITING_INPUT', 'DRAFT'];
  if (statuses.some((s) => busy.includes(s))) {
    return statuses.some((s) => s === 'PROCESSING')
      ? 'PROCESSING'
      : statuses.find((s) => busy.includes(s))!;
  }
  if (statuses.includes('ON_HOLD')) return 'ON_HOLD';
  if (statuses.every((s) => s === 'FAILED')) return 'FAILED';
  if (statuses.every((s) => s === 'CANCELLED')) return 'CANCELLED';
  if (statuses.every((s) => s === 'EXPIRED')) return 'EXPIRED';
  return 'COMPLETED';
}
