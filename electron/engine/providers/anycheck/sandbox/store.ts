/**
 * The sandbox's state: folders, uploads (their analysis, not their bytes), verifications and the
 * billing journal. With a state file every change is appended as one JSON line and replayed on
 * start (last line per id wins), so an in-process sandbox keeps its verifications across CheckDesk
 * restarts. The file is compacted on start. No secret is ever written to it.
 */
import { openStateFile, type StateFile } from '../../kit/state-file.ts';
import type { BillingEntry, Logger } from '../../types.ts';
import type { AnyCheckServiceCode } from '../services.ts';
import type { FileAnalysis, Outcome } from './rules.ts';

export interface SbFolder {
  id: string;
  name: string;
  createdAt: number;
}

export interface SbUpload {
  path: string;
  analysis: FileAnalysis;
  createdAt: number;
}

export interface SbVerification {
  id: string;
  serviceCode: AnyCheckServiceCode;
  serviceId: string;
  folderId: string;
  resultId: string;
  inputConfig: Record<string, unknown>;
  files: { field: string; path: string; analysis: FileAnalysis }[];
  createdAt: number;
  updatedAt: number;
  /** 1 for the first run, +1 per retry. */
  attempt: number;
  /** The current run is IN_QUEUE until this time, IN_PROGRESS until doneAt, then `outcome`. */
  queuedUntil: number;
  doneAt: number;
  outcome: Outcome;
  fraudCleared: boolean;
  creditUsed: number;
  /** Whether it was created with the API key (AnyCheck then echoes the key in every answer). */
  viaApiKey: boolean;
  webhookUrl: string | null;
  webhookMetadata: unknown;
}

type Line =
  | { t: 'folder'; v: SbFolder }
  | { t: 'upload'; v: SbUpload }
  | { t: 'verification'; v: SbVerification }
  | { t: 'billing'; v: BillingEntry };

export class SandboxStore {
  readonly folders = new Map<string, SbFolder>();
  readonly uploads = new Map<string, SbUpload>();
  readonly verifications = new Map<string, SbVerification>();
  readonly billing: BillingEntry[] = [];
  private readonly file: StateFile;

  constructor(file: string | null, log?: Logger) {
    this.file = openStateFile(file, { log, label: 'anycheck' });
    let unknown = 0;
    for (const record of this.file.records) {
      try {
        this.apply(record as Line);
      } catch {
        unknown++;
      }
    }
    if (unknown > 0)
      log?.warn('anycheck sandbox skipped unreadable state lines', { skipped: unknown });
    this.compact();
  }

  private apply(line: Line): void {
    switch (line.t) {
      case 'folder':
        this.folders.set(line.v.id, line.v);
        break;
      case 'upload':
        this.uploads.set(line.v.path, line.v);
        break;
      case 'verification':
        this.verifications.set(line.v.id, line.v);
        break;
      case 'billing':
        this.billing.push(line.v);
        break;
      default:
        throw new Error('unknown line');
    }
  }

  private compact(): void {
    const lines: Line[] = [
      ...[...this.folders.values()].map((v) => ({ t: 'folder' as const, v })),
      ...[...this.uploads.values()].map((v) => ({ t: 'upload' as const, v })),
      ...[...this.verifications.values()].map((v) => ({ t: 'verification' as const, v })),
      ...this.billing.map((v) => ({ t: 'billing' as const, v })),
    ];
    this.file.rewrite(lines);
  }

  private append(line: Line): void {
    this.apply(line);
    this.file.append(line);
  }

  putFolder(v: SbFolder): void {
    this.append({ t: 'folder', v });
  }

  putUpload(v: SbUpload): void {
    this.append({ t: 'upload', v });
  }

  putVerification(v: SbVerification): void {
    this.append({ t: 'verification', v });
  }

  bill(v: BillingEntry): void {
    this.append({ t: 'billing', v });
  }
}
