/**
 * Public types of the pre-flight engine (the engine and the CLI call exactly these).
 */
import type { Check, DocumentKind, ExpectedData } from '../../../shared/model.ts';
import type { ImageHashes, NearMatch } from './image/hashes.ts';

export type { ImageHashes, NearMatch } from './image/hashes.ts';

export interface PreflightInput {
  /** null when checking loose files (CLI `check`). */
  documentId: number | null;
  /** The stored copy; never modified. */
  path: string;
  /** Sniffed from content: image/jpeg, image/png, image/tiff, image/webp, image/heic, application/pdf, or application/octet-stream. */
  mime: string;
  kind: DocumentKind;
  sha256: string;
  size: number;
  /** The applicant's declared data, when the case has it. */
  expected: ExpectedData | null;
  /** For encrypted PDFs, when a person gave it. */
  password?: string | null;
}

export type PreflightCheck = Check & { blocking: boolean };

export interface PreflightExtracted {
  nik?: string;
  name?: string;
  birthDate?: string;
  gender?: string;
  mrz?: Record<string, unknown>;
}

export interface PreflightResult {
  /** Canonical checks, source 'preflight'. */
  checks: PreflightCheck[];
  /** BLOCKED when any check blocks; FLAGGED when any FAIL/REVIEW does not block. */
  verdict: 'PASSED' | 'FLAGGED' | 'BLOCKED';
  /** One clerk-facing sentence for FLAGGED/BLOCKED. */
  summary: string | null;
  pages: number | null;
  extracted: PreflightExtracted;
  /** A PDF that opens only with a user password (whether or not one was given). */
  needsPassword: boolean;
}

/** Entries: 'TYPE:OUTCOME' ('DUPLICATE:FAIL'), 'TYPE:SEVERITY' ('ID_NUMBER:ERROR'), or a check name or type alone (blocks on FAIL or REVIEW). */
export interface PreflightPolicy {
  block: string[];
}

export interface NearDuplicateStore {
  add(documentId: number, hashes: ImageHashes): void;
  /** Earlier documents within the thresholds (min distance over the 4 rotations), nearest first. */
  findNear(hashes: ImageHashes, limit?: number): NearMatch[];
}

export interface Preflight {
  run(input: PreflightInput): Promise<PreflightResult>;
  /** Terminates OCR workers. */
  close(): Promise<void>;
}

export interface PreflightOptions {
  nearDuplicates: NearDuplicateStore;
  /** Earlier document with the same bytes (exact duplicate), or null. */
  findExact?: (
    sha256: string,
    documentId: number | null,
  ) => { documentId: number; label: string } | null;
  /** Describe an earlier document for messages ("KTP in case APP-0117 (ktp.jpg)"). */
  describe?: (documentId: number) => string;
  /** 'auto' (default): OCR KTP and PASSPORT images only. */
  ocr?: boolean | 'auto';
  /** Bounded pool, default 1. */
  ocrWorkers?: number;
  policy?: PreflightPolicy;
  /** Decompression-bomb limit, default 50 MP. */
  maxPixels?: number;
  /** Where the OCR language data is staged (default: a folder in the OS temp directory). */
  ocrDataDir?: string;
  /** Reference date for ID-number rules (tests); default: now. */
  today?: () => Date;
}
