/**
 * AnyCheck services CheckDesk sends to, and what it knows about each one without asking the
 * provider: the wire file fields it takes and the document kinds AnyCheck reports for it. Ids and
 * prices come from the live catalogue (GET /services); the sandbox serves these defaults.
 */
import type { DocumentKind } from '../../../../shared/model.ts';

export const ANYCHECK_SERVICE_CODES = {
  KTP: 'KTP_VERIFICATION',
  BPKB: 'BPKB_VERIFICATION',
  LAND_CERTIFICATE: 'LAND_CERTIFICATE_VERIFICATION',
  BANK_STATEMENT: 'BANK_STATEMENT_ANALYSIS',
  FINANCIAL_STATEMENT: 'FINANCIAL_STATEMENT_ANALYSIS',
} as const;

export type AnyCheckServiceCode =
  (typeof ANYCHECK_SERVICE_CODES)[keyof typeof ANYCHECK_SERVICE_CODES];

/** One entry of the services catalogue as CheckDesk keeps it (cached for offline use). */
export interface AnyCheckService {
  id: string;
  code: string;
  name: string;
  category: string | null;
  categoryType: string | null;
  enabled: boolean;
  /** `credit_cost_default` when the catalogue carries it (the detail endpoint always does). */
  creditCost: number | null;
}

export interface ServiceProfile {
  code: AnyCheckServiceCode;
  name: string;
  category: string;
  categoryType: string;
  creditCost: number;
  /** Wire file fields this service accepts. */
  fileFields: readonly string[];
  /** What check-duplicate calls the documents of this service. */
  detectedDocuments: readonly string[];
  /** Canonical document type of the service's main document. */
  documentKind: DocumentKind;
  /** Whether the service can stop at the FRAUD_DETECTED gate (only with fraud_detection=true). */
  fraudGate: boolean;
}

export const SERVICE_PROFILES: Record<AnyCheckServiceCode, ServiceProfile> = {
  KTP_VERIFICATION: {
    code: 'KTP_VERIFICATION',
    name: 'KTP & PEP Verification',
    category: 'Identity Verification',
    categoryType: 'DOCUMENT_VERIFICATION',
    creditCost: 10,
    fileFields: ['ktp_file', 'selfie_file'],
    detectedDocuments: ['KTP'],
    documentKind: 'KTP',
    fraudGate: false,
  },
  BPKB_VERIFICATION: {
    code: 'BPKB_VERIFICATION',
    name: 'BPKB Verification',
    category: 'Ownership Verification',
    categoryType: 'DOCUMENT_VERIFICATION',
    creditCost: 15,
    fileFields: ['bpkb_file'],
    detectedDocuments: ['BPKB'],
    documentKind: 'BPKB',
    fraudGate: false,
  },
  LAND_CERTIFICATE_VERIFICATION: {
    code: 'LAND_CERTIFICATE_VERIFICATION',
    name: 'Land Certificate Verification',
    category: 'Ownership Verification',
    categoryType: 'DOCUMENT_VERIFICATION',
    creditCost: 20,
    fileFields: ['land_certificate_file'],
    detectedDocuments: ['LAND_CERTIFICATE'],
    documentKind: 'LAND_CERTIFICATE',
    fraudGate: false,
  },
  BANK_STATEMENT_ANALYSIS: {
    code: 'BANK_STATEMENT_ANALYSIS',
    name: 'Bank Statement Analysis',
    category: 'Financial Analysis',
    categoryType: 'DOCUMENT_ANALYSIS',
    creditCost: 25,
    fileFields: ['bsa_file'],
    detectedDocuments: ['BANK_STATEMENT'],
    documentKind: 'BANK_STATEMENT',
    fraudGate: true,
  },
  FINANCIAL_STATEMENT_ANALYSIS: {
    code: 'FINANCIAL_STATEMENT_ANALYSIS',
    name: 'Financial Statement Analysis',
    category: 'Financial Analysis',
    categoryType: 'DOCUMENT_ANALYSIS',
    creditCost: 25,
    fileFields: ['financial_statement_file'],
    detectedDocuments: ['FINANCIAL_STATEMENT'],
    documentKind: 'FINANCIAL_STATEMENT',
    fraudGate: true,
  },
};

export function isServiceCode(value: unknown): value is AnyCheckServiceCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SERVICE_PROFILES, value);
}

/**
 * Verification payloads name the service only by id and display name ({id, name}); this guesses
 * the code from the name so a payload read on its own (`checkdesk normalize`) still says which
 * service it is. The adapter overrides the guess with the catalogue's answer.
 */
export function serviceCodeFromName(name: string | null | undefined): AnyCheckServiceCode | null {
  if (!name) return null;
  const n = name.toUpperCase();
  if (isServiceCode(n)) return n;
  if (n.includes('KTP') || n.includes('NIK') || n.includes('PEP')) return 'KTP_VERIFICATION';
  if (n.includes('BPKB')) return 'BPKB_VERIFICATION';
  if (n.includes('LAND') || n.includes('SERTIFIKAT') || n.includes('CERTIFICATE'))
    return 'LAND_CERTIFICATE_VERIFICATION';
  if (n.includes('BANK') || n.includes('BSA') || n.includes('REKENING'))
    return 'BANK_STATEMENT_ANALYSIS';
  if (n.includes('FINANCIAL') || n.includes('LAPORAN KEUANGAN'))
    return 'FINANCIAL_STATEMENT_ANALYSIS';
  return null;
}
