/**
 * The engine's public face, shared by the three hosts (Electron utility process, CLI, browser
 * host). Hosts only ever use this interface.
 */
import type { EventEnvelope, HandlerName, HandlerResult } from '../../shared/contract.ts';
import type { Result } from '../../shared/errors.ts';
import type { InboxProfile } from '../../shared/contract.ts';
import type { ProviderConfig } from './providers/types.ts';

export interface EngineOptions {
  /** Where the ledger, the document store, backups and logs live. Created when missing. */
  dataDir: string;
  /** Inbox folders to make sure are registered (CLI `run INBOX…`, the default inbox). */
  inboxes?: string[];
  /** Profile applied to inboxes added through `inboxes` (a profile file's `inbox` section). */
  profile?: InboxProfile;
  /** Provider configuration; when none is given the built-in AnyCheck sandbox starts in-process. */
  providers?: ProviderConfig[];
  /** false = intake and pre-flight only; nothing is sent to a provider (`--no-submit`). */
  submit?: boolean;
  /** false = do not watch folders or run the pipeline (one-shot queries such as `status`). */
  run?: boolean;
  /** Readiness threshold override in ms (tests); the profile's stableSeconds otherwise. */
  stableMs?: number;
  /** Case settle time override in ms (tests); the profile's caseSettleSeconds otherwise. */
  caseSettleMs?: number;
  /** Retry backoff override (tests, tuning): base and cap of the full-jitter exponential backoff. */
  retryPolicy?: { baseMs?: number; capMs?: number };
  /** Offline OCR in pre-flight ('auto' = for KTP and passport images). */
  ocr?: boolean | 'auto';
  /** Reviewer identity; defaults to the OS user name. */
  actor?: string;
  now?: () => number;
  /** Where log lines go besides the data dir's log file (CLI: stderr when --verbose). */
  onLog?: (line: string) => void;
}

export interface Engine {
  readonly dataDir: string;
  call<N extends HandlerName>(name: N, args?: unknown): Promise<Result<HandlerResult<N>>>;
  /** Receives every event envelope (already coalesced). Returns an unsubscribe function. */
  subscribe(listener: (event: EventEnvelope) => void): () => void;
  /** The stored copy of a document, for previews served by the host (never a user path). */
  documentFile(documentId: number): { path: string; mime: string } | null;
  /**
   * Resolves when every file is in a terminal state or waits for a person (`run --once`), or
   * rejects with a CheckDeskError('TIMEOUT') saying how many are still pending.
   */
  settled(options: { timeoutMs: number; submit: boolean }): Promise<void>;
  stop(): Promise<void>;
}
