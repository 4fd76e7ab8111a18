/**
 * What every provider adapter implements. The queue (electron/engine/queue/) drives adapters
 * through this interface only; it never knows a vendor's wire format, and an adapter never
 * touches the ledger.
 *
 * Failure contract: every method either returns or throws a ProviderError (./errors.ts). The
 * queue's single classifier decides what a ProviderError means (retry, pause, in doubt, person).
 */
import type {
  CanonicalVerification,
  DocumentKind,
  ExpectedData,
  ProviderName,
} from '../../../shared/model.ts';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Configuration of one provider: from a profile file, the UI, or the built-in sandbox. */
export interface ProviderConfig {
  name: ProviderName;
  baseUrl: string;
  /** apiKey, bearer token, customerId, accessKey/secretKey … Never logged, never stored in the ledger. */
  credentials: Record<string, string>;
  /** Non-secret options (flow, region, folder name, templateId, resultIdStrategy …). */
  options: Record<string, string | number | boolean>;
  /** True when this is one of CheckDesk's own sandboxes. */
  sandbox: boolean;
  /** Requests in flight at once (default 2) and requests per second (token bucket, default 5). */
  concurrency?: number;
  ratePerSecond?: number;
  /** Per-request timeout in ms (default 30 000; uploads get 4× this). */
  timeoutMs?: number;
}

/** A small persistent key/value cache owned by one provider (services catalogue, folder ids). */
export interface ProviderCache {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
}

export interface ProviderContext {
  signal: AbortSignal;
  now(): number;
  log: Logger;
  cache: ProviderCache;
  /**
   * Adapters report rate-limit headers here (X-RateLimit-Remaining / Reset) so the queue can slow
   * down before the provider answers 429.
   */
  rateLimitHint(remaining: number, resetInMs: number | null): void;
}

export interface SubmissionDocument {
  documentId: number;
  /** The wire field this document goes into (e.g. AnyCheck `ktp_file`, Colleckt `photo_id`). */
  field: string;
  kind: DocumentKind;
  sha256: string;
  /** Absolute path of the stored copy (content-addressed store). */
  path: string;
  mime: string;
  fileName: string;
  /** Password of an encrypted PDF, when a person supplied one. */
  password?: string | null;
}

export interface SubmissionRequest {
  verificationId: number;
  /** Stable for this document set + provider + service + generation; never reused. */
  idempotencyKey: string;
  generation: number;
  /** Human case id (folder name); Colleckt vendor_reference, AnyCheck folder naming … */
  caseKey: string;
  /**
   * The case's group reference at this provider, chosen by CheckDesk before the first create and
   * stored durably (AnyCheck `result_id` when the client strategy is on). Null lets the provider pick.
   */
  groupRef: string | null;
  /** Inbox label or path, for folders per inbox. */
  inboxLabel: string;
  service: string;
  config: Record<string, unknown>;
  documents: SubmissionDocument[];
  expected: ExpectedData | null;
  /** Set when the row already has a provider id (e.g. a retry of a FAILED verification). */
  externalId: string | null;
  /** Provider ids already adopted by other verifications of this case (never adopt those twice). */
  knownExternalIds: string[];
  /** A person asked to send even though the provider reports it saw these documents before. */
  force: boolean;
}

export interface ProviderSnapshot {
  externalId: string;
  /** The group the provider filed it under (AnyCheck result_id, FrankieOne entityId …). */
  externalGroup: string | null;
  result: CanonicalVerification;
  /** Vendor payload with secrets removed (shared/redact.ts), kept beside the canonical values. */
  raw: unknown;
  credits: number | null;
  /**
   * The provider's own status history, when it keeps one (Colleckt): merged into the case
   * history by the engine, deduplicated on (at, from, to).
   */
  history?: {
    at: string;
    from: string | null;
    to: string;
    actor: string | null;
    comment: string | null;
  }[];
}

export type LookupOutcome =
  /** The provider already has it: adopt, never create again. */
  | ({ kind: 'found' } & ProviderSnapshot)
  /** The provider says for certain it was never created: creating now cannot double-pay. */
  | { kind: 'absent' }
  /** The provider cannot tell: a person decides (with this explanation). */
  | { kind: 'unknown'; explanation: string };

export interface PollTarget {
  verificationId: number;
  externalId: string;
  externalGroup: string | null;
}

export const PROVIDER_ACTIONS = [
  'retry',
  'retry_force',
  'confirm_fraud',
  'cancel_fraud',
  'approve',
  'reject',
  'hold',
  'resume',
  'cancel',
  'resubmit',
] as const;
export type ProviderAction = (typeof PROVIDER_ACTIONS)[number];

export interface ProviderCapabilities {
  /** Can create verifications (false for result-import providers: ADVANCE.AI, AiPrise). */
  create: boolean;
  /** Can find a verification it may already have created (in-doubt reconciliation). */
  lookup: boolean;
  /** Poll several targets with fewer requests (list endpoints). */
  batchPoll: boolean;
  /** Review actions the provider itself carries out. */
  actions: readonly ProviderAction[];
}

export interface ProviderAdapter {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  /** When to poll first after a create (the provider's typical processing time), and the cap. */
  readonly polling: { firstAfterMs: number; maxIntervalMs: number };

  /** Cheap authenticated request: resolves when the provider is reachable and the key works. */
  probe(ctx: ProviderContext): Promise<void>;

  /**
   * Sends one verification. Uploads first when needed, then the billable create. Throws a
   * ProviderError whose `op` says which step failed ('upload' never bills; 'create' may have).
   */
  submit(req: SubmissionRequest, ctx: ProviderContext): Promise<ProviderSnapshot>;

  /** Finds what a previous, unanswered create may have made (by group ref, documents …). */
  lookup(req: SubmissionRequest, ctx: ProviderContext): Promise<LookupOutcome>;

  /** Fresh state of the targets; a target missing from the map is "not found" at the provider. */
  poll(
    targets: readonly PollTarget[],
    ctx: ProviderContext,
  ): Promise<Map<string, ProviderSnapshot>>;

  /** Carries out a review action at the provider; returns the fresh snapshot. */
  act(
    action: ProviderAction,
    target: PollTarget,
    input: { reason?: string; actor: string; request?: SubmissionRequest },
    ctx: ProviderContext,
  ): Promise<ProviderSnapshot>;

  /** Any single result payload (or list payload) of this provider → canonical. Pure. */
  normalize(payload: unknown): CanonicalVerification;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /**
   * Round-trip time added to every request: half before it is handled, half before its answer
   * is sent, as on a real link (so a kill can land after the work was done but before the
   * client heard of it).
   */
  latencyMs?: number;
  /** Probability 0..1 that a request meets an injected fault (500/502/503, slow answer, reset after commit). */
  faultRate?: number;
  seed?: number;
  apiKey?: string;
  /** Requests per second before 429 + Retry-After (0 = unlimited). */
  rateLimit?: number;
  /** Starting credit balance (INSUFFICIENT_BALANCE when spent); undefined = unlimited. */
  credits?: number;
  /** Where the sandbox keeps its state between runs (JSON lines); memory only when absent. */
  stateFile?: string;
  log?: Logger;
}

export interface BillingEntry {
  id: string;
  service: string;
  resultId: string | null;
  sha256s: string[];
  at: string;
}

export interface RunningSandbox {
  url: string;
  apiKey: string;
  journal(): BillingEntry[];
  close(): Promise<void>;
}
