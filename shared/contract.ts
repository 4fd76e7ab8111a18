/**
 * The engine's contract: every host (Electron IPC, CLI, browser host) speaks exactly this.
 *
 * - Handlers: name → zod schema of the arguments → result schema. Queries page, sort and filter in
 *   SQL; commands return at once and report progress as events.
 * - Events: name → payload schema. Every event carries a sequence number in its envelope; a UI
 *   that sees a gap re-reads a snapshot.
 * - Errors cross as data ({code, message, retryable}), see shared/errors.ts.
 */
import { z } from 'zod';
import {
  Check,
  Decision,
  DocumentKind,
  ExpectedData,
  Extracted,
  ProviderName,
  Reason,
  ReviewState,
  RunStatus,
} from './model.ts';

// ---------------------------------------------------------------------------------------------
// Shared pieces

export const PageArgs = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  dir: z.enum(['asc', 'desc']).default('desc'),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** What happened to a file at intake. Pipeline progress is in `stage`. */
export const FILE_STATES = [
  'WAITING',
  'RECORDED',
  'DUPLICATE',
  'CASE_DATA',
  'IGNORED',
  'EMPTY',
  'UNSUPPORTED',
  'UNREADABLE',
  'TOO_LARGE',
  'VANISHED',
] as const;
export const FileState = z.enum(FILE_STATES);
export type FileState = z.infer<typeof FileState>;

/**
 * Where a recorded document is in the pipeline, from the clerk's point of view.
 * CHECKING → (BLOCKED | FLAGGED) → QUEUED → SUBMITTED → DONE | REVIEW; NOT_SENT when its kind
 * maps to no service.
 */
export const STAGES = [
  'INTAKE',
  'CHECKING',
  'BLOCKED',
  'WAITING_CASE',
  'QUEUED',
  'SUBMITTED',
  'IN_DOUBT',
  'REVIEW',
  'DONE',
  'NOT_SENT',
  'CANCELLED',
] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const FileRow = z.object({
  id: z.number().int(),
  inboxId: z.number().int(),
  inbox: z.string(),
  path: z.string(),
  relPath: z.string(),
  state: FileState,
  reason: z.string().nullable(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  mime: z.string().nullable(),
  kind: DocumentKind.nullable(),
  caseId: z.number().int().nullable(),
  caseKey: z.string().nullable(),
  documentId: z.number().int().nullable(),
  present: z.boolean(),
  stage: Stage.nullable(),
  firstSeenAt: z.number(),
  updatedAt: z.number(),
});
export type FileRow = z.infer<typeof FileRow>;

export const INBOX_STATES = ['starting', 'watching', 'polling', 'unreachable', 'paused'] as const;
export const InboxState = z.enum(INBOX_STATES);

export const InboxProfile = z.object({
  /** Extra keywords per kind, matched against file and folder names (lower case). */
  kindKeywords: z.partialRecord(DocumentKind, z.array(z.string())).optional(),
  /** kind → provider/service routes; absent kinds use the default profile. */
  routes: z
    .partialRecord(
      DocumentKind,
      z.array(
        z.object({
          provider: ProviderName,
          service: z.string(),
          options: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
    )
    .optional(),
  /** Pre-flight outcomes that block submission (check names or `TYPE:OUTCOME`). */
  block: z.array(z.string()).optional(),
  /** Second person must confirm approvals of flagged cases. */
  fourEyes: z.boolean().optional(),
  /** Seconds a file must stay unchanged before it counts as written. */
  stableSeconds: z.number().min(0).max(3600).optional(),
  /** Move processed originals to a dated `_processed` folder. */
  moveProcessed: z.boolean().optional(),
  /** Quiet period (seconds) after the last file of a case before its verifications are planned. */
  caseSettleSeconds: z.number().min(0).max(3600).optional(),
});
export type InboxProfile = z.infer<typeof InboxProfile>;

export const InboxRow = z.object({
  id: z.number().int(),
  path: z.string(),
  label: z.string().nullable(),
  polling: z.boolean(),
  paused: z.boolean(),
  state: InboxState,
  stateSince: z.number().nullable(),
  stateReason: z.string().nullable(),
  profile: InboxProfile,
  files: z.number().int(),
  waiting: z.number().int(),
});
export type InboxRow = z.infer<typeof InboxRow>;

export const PROVIDER_HEALTH = [
  'unknown',
  'online',
  'offline',
  'rate_limited',
  'auth_failed',
  'no_credit',
  'disabled',
] as const;
export const ProviderHealth = z.enum(PROVIDER_HEALTH);
export type ProviderHealth = z.infer<typeof ProviderHealth>;

export const ProviderStatus = z.object({
  name: ProviderName,
  state: ProviderHealth,
  pausedUntil: z.number().nullable().optional(),
  reason: z.string().nullable().optional(),
  sandbox: z.boolean(),
  baseUrl: z.string().nullable(),
  configured: z.boolean(),
  /** Masked credential for display, e.g. `sk_…9f2a`; never the secret itself. */
  credential: z.string().nullable(),
  inFlight: z.number().int(),
  /**
   * Every credential field of the provider (shared/provider-credentials.ts), in its order:
   * whether it has a value, what to show for it (masked for secret fields, clear for identifiers
   * such as customerId or email; null when not set), and whether the provider cannot be used
   * until it is given.
   */
  credentialFields: z
    .array(
      z.object({
        key: z.string(),
        secret: z.boolean(),
        set: z.boolean(),
        display: z.string().nullable(),
        missing: z.boolean(),
      }),
    )
    .optional(),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const QueueCounts = z.object({
  held: z.number().int(),
  ready: z.number().int(),
  submitting: z.number().int(),
  inDoubt: z.number().int(),
  polling: z.number().int(),
  done: z.number().int(),
  needsPerson: z.number().int(),
  cancelled: z.number().int(),
});

/** Snapshot of the whole engine; also what `checkdesk status --json` prints (plus extras). */
export const EngineStatus = z.object({
  version: z.string(),
  dataDir: z.string(),
  startedAt: z.number(),
  files: z.record(z.string(), z.number().int()),
  documents: z.number().int(),
  cases: z.record(z.string(), z.number().int()),
  verifications: z.record(z.string(), z.number().int()),
  decisions: z.record(z.string(), z.number().int()),
  reviewQueue: z.number().int(),
  queue: QueueCounts,
  nextWake: z.number().nullable(),
  creditsToday: z.number(),
  providers: z.record(z.string(), ProviderStatus),
  inboxes: z.array(InboxRow),
  notices: z.array(
    z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string(), at: z.number() }),
  ),
  /** The interface language chosen in settings (notifications and reports follow it). */
  language: z.enum(['en', 'id']),
  /** What is waiting, why, and until when: one line per provider and queue phase. */
  waiting: z.array(
    z.object({
      provider: z.string(),
      phase: z.string(),
      count: z.number().int(),
      until: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const CaseRow = z.object({
  id: z.number().int(),
  key: z.string(),
  inboxId: z.number().int(),
  inbox: z.string(),
  applicant: z.string().nullable(),
  nik: z.string().nullable(),
  stage: Stage,
  runStatus: RunStatus,
  decision: Decision,
  review: ReviewState,
  openIssues: z.number().int(),
  documents: z.number().int(),
  credits: z.number(),
  assignee: z.string().nullable(),
  providers: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export const DocumentRow = z.object({
  id: z.number().int(),
  sha256: z.string(),
  size: z.number(),
  mime: z.string(),
  kind: DocumentKind,
  pages: z.number().int().nullable(),
  preflight: z.string(),
  preflightReason: z.string().nullable(),
  /** A PDF that opens only with a user password. */
  needsPassword: z.boolean(),
  /** A person entered that password in this run (it is kept in memory only, never stored). */
  passwordGiven: z.boolean(),
  fileName: z.string().nullable(),
  storePath: z.string(),
  linkedFromCaseId: z.number().int().nullable(),
});
export type DocumentRow = z.infer<typeof DocumentRow>;

export const REVIEW_ACTIONS = [
  'approve',
  'reject',
  'hold',
  'resume',
  'cancel',
  'resubmit',
  'retry',
  'confirm_fraud',
  'cancel_fraud',
  'resolve_in_doubt_found',
  'resolve_in_doubt_not_sent',
  'override_block',
  'confirm_approval',
] as const;
export const ReviewAction = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.infer<typeof ReviewAction>;

export const AllowedAction = z.object({
  action: ReviewAction,
  verificationId: z.number().int().nullable(),
  documentId: z.number().int().nullable().optional(),
  requiresReason: z.boolean(),
  label: z.string(),
});
export type AllowedAction = z.infer<typeof AllowedAction>;

export const VerificationRow = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  provider: ProviderName,
  service: z.string(),
  phase: z.string(),
  phaseReason: z.string().nullable(),
  runStatus: RunStatus,
  decision: Decision,
  review: ReviewState,
  vendorStatus: z.string().nullable(),
  vendorDecision: z.string().nullable(),
  externalId: z.string().nullable(),
  externalGroup: z.string().nullable(),
  attempts: z.number().int(),
  generation: z.number().int(),
  nextAt: z.number().nullable(),
  credits: z.number().nullable(),
  documentIds: z.array(z.number().int()),
  reasons: z.array(Reason),
  checks: z.array(Check),
  extracted: Extracted,
  reviewer: z.string().nullable(),
  reviewReason: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  completedAt: z.number().nullable(),
});
export type VerificationRow = z.infer<typeof VerificationRow>;

export const StoredCheck = Check.extend({
  id: z.number().int(),
  documentId: z.number().int().nullable(),
  verificationId: z.number().int().nullable(),
  blocking: z.boolean(),
  createdAt: z.number(),
});
export type StoredCheck = z.infer<typeof StoredCheck>;

export const EventRow = z.object({
  id: z.number().int(),
  at: z.number(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  what: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
});
export type EventRow = z.infer<typeof EventRow>;

export const CaseDetail = z.object({
  case: CaseRow,
  expected: ExpectedData.nullable(),
  expectedSource: z.string().nullable(),
  documents: z.array(DocumentRow),
  verifications: z.array(VerificationRow),
  checks: z.array(StoredCheck),
  history: z.array(EventRow),
  allowedActions: z.array(AllowedAction),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const ReportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('cases'), caseIds: z.array(z.number().int()).min(1) }),
  z.object({ kind: z.literal('inbox'), inboxId: z.number().int() }),
  z.object({ kind: z.literal('range'), from: z.number(), to: z.number() }),
]);
export type ReportScope = z.infer<typeof ReportScope>;

export const ReportJob = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  out: z.string(),
  lang: z.enum(['en', 'id']),
  rows: z.number().int(),
  total: z.number().int().nullable(),
  error: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ReportJob = z.infer<typeof ReportJob>;

const CaseFilters = {
  search: z.string().max(200).optional(),
  stage: z.array(Stage).optional(),
  decision: z.array(Decision).optional(),
  provider: z.array(ProviderName).optional(),
  inboxId: z.number().int().optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  hasIssues: z.boolean().optional(),
  assignee: z.string().nullable().optional(),
};

// ---------------------------------------------------------------------------------------------
// Handlers

const Empty = z.object({}).strict().default({});

export const handlers = {
  'engine.status': { args: Empty, result: EngineStatus },
  'files.list': {
    args: PageArgs.extend({
      sort: z.enum(['updatedAt', 'firstSeenAt', 'path', 'state', 'size']).default('updatedAt'),
      state: z.array(FileState).optional(),
      inboxId: z.number().int().optional(),
      caseId: z.number().int().optional(),
      search: z.string().max(200).optional(),
    }).strict(),
    result: pageOf(FileRow),
  },
  'inboxes.list': { args: Empty, result: z.array(InboxRow) },
  'inboxes.add': {
    args: z
      .object({
        path: z.string().min(1),
        label: z.string().max(100).optional(),
        polling: z.boolean().optional(),
        profile: InboxProfile.optional(),
      })
      .strict(),
    result: InboxRow,
  },
  'inboxes.update': {
    args: z
      .object({
        id: z.number().int(),
        label: z.string().max(100).nullable().optional(),
        polling: z.boolean().optional(),
        paused: z.boolean().optional(),
        profile: InboxProfile.optional(),
      })
      .strict(),
    result: InboxRow,
  },
  'inboxes.remove': {
    args: z.object({ id: z.number().int() }).strict(),
    result: z.object({ removed: z.boolean() }),
  },
  'inboxes.rescan': {
    args: z.object({ id: z.number().int().optional() }).strict(),
    result: z.object({ scanned: z.number().int() }),
  },
  'cases.list': {
    args: PageArgs.extend({
      sort: z
        .enum(['updatedAt', 'createdAt', 'key', 'applicant', 'stage', 'decision', 'credits'])
        .default('updatedAt'),
      ...CaseFilters,
    }).strict(),
    result: pageOf(CaseRow),
  },
  'cases.get': { args: z.object({ id: z.number().int() }).strict(), result: CaseDetail },
  'review.list': {
    args: PageArgs.extend({
      sort: z.enum(['updatedAt', 'createdAt']).default('updatedAt'),
      dir: z.enum(['asc', 'desc']).default('asc'),
      ...CaseFilters,
    }).strict(),
    result: pageOf(CaseRow),
  },
  'review.act': {
    args: z
      .object({
        caseId: z.number().int(),
        action: ReviewAction,
        verificationId: z.number().int().nullable().optional(),
        documentId: z.number().int().nullable().optional(),
        reason: z.string().max(2000).optional(),
        /** resolve_in_doubt_found: the provider's id of the verification a person found. */
        externalId: z.string().max(200).optional(),
      })
      .strict(),
    result: CaseDetail,
  },
  'documents.unlock': {
    /** The password of a protected PDF: tried on the stored copy, then kept in memory only. */
    args: z
      .object({ documentId: z.number().int(), password: z.string().min(1).max(1024) })
      .strict(),
    result: CaseDetail,
  },
  'review.assign': {
    args: z
      .object({
        caseIds: z.array(z.number().int()).min(1).max(10_000),
        assignee: z.string().max(100).nullable(),
      })
      .strict(),
    result: z.object({ updated: z.number().int() }),
  },
  'review.bulk': {
    args: z
      .object({
        caseIds: z.array(z.number().int()).min(1).max(10_000),
        action: z.enum(['retry']),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    result: z.object({ applied: z.number().int(), skipped: z.number().int() }),
  },
  'activity.list': {
    args: PageArgs.extend({
      caseId: z.number().int().optional(),
      entity: z.string().max(40).optional(),
      what: z.string().max(60).optional(),
      search: z.string().max(200).optional(),
    }).strict(),
    result: pageOf(EventRow),
  },
  'providers.list': { args: Empty, result: z.array(ProviderStatus) },
  'providers.configure': {
    args: z
      .object({
        name: ProviderName,
        baseUrl: z.string().url().nullable().optional(),
        apiKey: z.string().max(500).nullable().optional(),
        /**
         * Credential fields to set (shared/provider-credentials.ts names them per provider);
         * null or '' removes one. `apiKey` stays the primary credential's shorthand.
         */
        credentials: z.record(z.string().max(60), z.string().max(2000).nullable()).optional(),
        options: z.record(z.string(), z.string()).optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
    result: ProviderStatus,
  },
  'providers.test': {
    args: z.object({ name: ProviderName }).strict(),
    result: z.object({ ok: z.boolean(), message: z.string() }),
  },
  'providers.resume': { args: z.object({ name: ProviderName }).strict(), result: ProviderStatus },
  'reports.export': {
    args: z
      .object({
        scope: ReportScope,
        lang: z.enum(['en', 'id']).default('en'),
        out: z.string().optional(),
        json: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string(), out: z.string() }),
  },
  'reports.cancel': {
    args: z.object({ jobId: z.string() }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  'reports.list': { args: Empty, result: z.array(ReportJob) },
  'settings.get': {
    args: Empty,
    result: z.object({ language: z.enum(['en', 'id']), reviewer: z.string() }),
  },
  'settings.set': {
    args: z
      .object({
        language: z.enum(['en', 'id']).optional(),
        reviewer: z.string().min(1).max(100).optional(),
      })
      .strict(),
    result: z.object({ language: z.enum(['en', 'id']), reviewer: z.string() }),
  },
  'intake.import': {
    args: z
      .object({
        inboxId: z.number().int(),
        /** Files dropped on the window: name + base64 content (the browser has no paths). */
        files: z
          .array(
            z.object({
              name: z.string().min(1).max(255),
              folder: z.string().max(255).optional(),
              base64: z.string(),
            }),
          )
          .min(1)
          .max(200),
      })
      .strict(),
    result: z.object({ written: z.array(z.string()) }),
  },
  'intake.importResults': {
    args: z
      .object({
        inboxId: z.number().int(),
        provider: z.enum(['advanceai', 'aiprise']),
        /** Session ids (ADVANCE.AI signatureId / AiPrise verification_session_id), one per case. */
        ids: z
          .array(z.string().regex(/^[\w.:-]{4,128}$/))
          .min(1)
          .max(10_000),
        /** Optional case per id (same order); the id itself names the case otherwise. */
        caseKeys: z.array(z.string().max(200).nullable()).optional(),
      })
      .strict(),
    result: z.object({ created: z.number().int(), existing: z.number().int() }),
  },
} as const;

export type Handlers = typeof handlers;
export type HandlerName = keyof Handlers;
export type HandlerArgs<N extends HandlerName> = z.input<Handlers[N]['args']>;
export type HandlerParsedArgs<N extends HandlerName> = z.output<Handlers[N]['args']>;
export type HandlerResult<N extends HandlerName> = z.output<Handlers[N]['result']>;
export const HANDLER_NAMES = Object.keys(handlers) as HandlerName[];

// ---------------------------------------------------------------------------------------------
// Events

export const events = {
  'engine.status': EngineStatus,
  'file.added': z.object({ files: z.array(FileRow) }),
  'file.changed': z.object({ files: z.array(FileRow) }),
  'case.changed': z.object({ ids: z.array(z.number().int()) }),
  'report.progress': ReportJob,
  activity: z.object({ events: z.array(EventRow) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export interface EventEnvelope<N extends EventName = EventName> {
  seq: number;
  name: N;
  payload: EventPayload<N>;
}
