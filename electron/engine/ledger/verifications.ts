/**
 * Verifications are the paid jobs. This module holds the queue protocol's SQL:
 *
 * - claim: one BEGIN IMMEDIATE + UPDATE … RETURNING that sets a lease token and an expiry counted
 *   from claim time. Claiming a READY row *is* the durable intent to submit (committed with
 *   synchronous=FULL): it moves to SUBMITTING before any byte leaves the machine.
 * - A SUBMITTING row whose lease expired, or that was left by a dead engine, becomes IN_DOUBT and
 *   must be looked up at the provider before anything is sent again (needs_lookup = 1).
 * - finalize: compare-and-swap on the lease token; a late worker's result is rejected.
 *
 * No transaction here ever spans an await: every method is synchronous.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { VerificationRow } from '../../../shared/contract.ts';
import type { CanonicalVerification, ProviderName } from '../../../shared/model.ts';
import { inList, parseJson, StatementCache } from './sql-util.ts';

export const PHASES = [
  'HELD',
  'READY',
  'SUBMITTING',
  'IN_DOUBT',
  'POLLING',
  'ACTION',
  'ON_HOLD',
  'NEEDS_PERSON',
  'DONE',
  'CANCELLED',
] as const;
export type Phase = (typeof PHASES)[number];

export interface VerificationRecord {
  id: number;
  caseId: number;
  provider: ProviderName;
  service: string;
  config: Record<string, unknown>;
  idempotencyKey: string;
  generation: number;
  supersededBy: number | null;
  phase: Phase;
  phaseReason: string | null;
  heldPhase: Phase | null;
  runStatus: CanonicalVerification['runStatus'];
  decision: CanonicalVerification['decision'];
  review: CanonicalVerification['review'];
  vendorStatus: string | null;
  vendorDecision: string | null;
  externalId: string | null;
  externalGroup: string | null;
  attempts: number;
  polls: number;
  nextAt: number;
  firstTryAt: number | null;
  deadlineAt: number | null;
  leaseToken: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  needsLookup: boolean;
  intentAt: number | null;
  answeredAt: number | null;
  credits: number | null;
  lastError: { code: string; message: string } | null;
  result: CanonicalVerification | null;
  reviewer: string | null;
  reviewReason: string | null;
  /** A person's action the provider must carry out (phase ACTION until done). */
  pendingAction: PendingAction | null;
  /** Four-eyes: who approved first, waiting for a second person. */
  approvalBy: string | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

/**
 * Every column but `raw` (the vendor payload, only ever written): reading it back on each claim
 * and finalize would cost time and memory for nothing.
 */
const COLUMNS = `id, case_id, provider, service, config, idempotency_key, generation, superseded_by, phase, phase_reason, held_phase, run_status, decision, review, vendor_status, vendor_decision, external_id, external_group, attempts, polls, next_at, first_try_at, deadline_at, lease_token, lease_owner, lease_expires_at, needs_lookup, intent_at, answered_at, credits, last_error, result, reviewer, review_reason, pending_action, approval_by, created_at, updated_at, completed_at`;

/**
 * The claim itself: lease token and expiry from claim time; READY becomes SUBMITTING (the intent
 * to submit); a SUBMITTING row whose lease lapsed becomes IN_DOUBT and must be looked up.
 */
const CLAIM_UPDATE = `UPDATE verifications SET
    lease_token = ? || ':' || id,
    lease_owner = ?,
    lease_expires_at = ?,
    phase = CASE phase WHEN 'SUBMITTING' THEN 'IN_DOUBT' WHEN 'READY' THEN 'SUBMITTING' ELSE phase END,
    phase_reason = CASE phase WHEN 'SUBMITTING' THEN 'the engine stopped while sending; checking with the provider' ELSE phase_reason END,
    needs_lookup = CASE phase WHEN 'SUBMITTING' THEN 1 ELSE needs_lookup END,
    attempts = CASE phase WHEN 'READY' THEN attempts + 1 ELSE attempts END,
    intent_at = CASE phase WHEN 'READY' THEN ? ELSE intent_at END,
    first_try_at = coalesce(first_try_at, ?),
    updated_at = ?`;

export interface PendingAction {
  action: string;
  reason: string | null;
  actor: string;
  requestedAt: number;
  /** Phase to return to if the provider refuses the action. */
  fromPhase: Phase;
  /** Provider status when the action was requested (to recognise it happened after a lost answer). */
  vendorStatus: string | null;
}

interface VDbRow {
  id: number;
  case_id: number;
  provider: string;
  service: string;
  config: string;
  idempotency_key: string;
  generation: number;
  superseded_by: number | null;
  phase: string;
  phase_reason: string | null;
  held_phase: string | null;
  run_status: string;
  decision: string;
  review: string;
  vendor_status: string | null;
  vendor_decision: string | null;
  external_id: string | null;
  external_group: string | null;
  attempts: number;
  polls: number;
  next_at: number;
  first_try_at: number | null;
  deadline_at: number | null;
  lease_token: string | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  needs_lookup: number;
  intent_at: number | null;
  answered_at: number | null;
  credits: number | null;
  last_error: string | null;
  result: string | null;
  reviewer: string | null;
  review_reason: string | null;
  pending_action: string | null;
  approval_by: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

function toRecord(r: VDbRow): VerificationRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    provider: r.provider as ProviderName,
    service: r.service,
    config: parseJson(r.config, {}),
    idempotencyKey: r.idempotency_key,
    generation: r.generation,
    supersededBy: r.superseded_by,
    phase: r.phase as Phase,
    phaseReason: r.phase_reason,
    heldPhase: r.held_phase as Phase | null,
    runStatus: r.run_status as VerificationRecord['runStatus'],
    decision: r.decision as VerificationRecord['decision'],
    review: r.review as VerificationRecord['review'],
    vendorStatus: r.vendor_status,
    vendorDecision: r.vendor_decision,
    externalId: r.external_id,
    externalGroup: r.external_group,
    attempts: r.attempts,
    polls: r.polls,
    nextAt: r.next_at,
    firstTryAt: r.first_try_at,
    deadlineAt: r.deadline_at,
    leaseToken: r.lease_token,
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at,
    needsLookup: r.needs_lookup === 1,
    intentAt: r.intent_at,
    answeredAt: r.answered_at,
    credits: r.credits,
    lastError: parseJson(r.last_error, null),
    result: parseJson(r.result, null),
    reviewer: r.reviewer,
    reviewReason: r.review_reason,
    pendingAction: parseJson(r.pending_action, null),
    approvalBy: r.approval_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
  };
}

/** Columns a finalize/update may set (an allow-list: names never come from outside). */
export interface VerificationPatch {
  phase?: Phase;
  phaseReason?: string | null;
  heldPhase?: Phase | null;
  runStatus?: VerificationRecord['runStatus'];
  decision?: VerificationRecord['decision'];
  review?: VerificationRecord['review'];
  vendorStatus?: string | null;
  vendorDecision?: string | null;
  externalId?: string | null;
  externalGroup?: string | null;
  /** Added to attempts (use -1 to refund an attempt that never reached the provider). */
  attemptsDelta?: number;
  pollsDelta?: number;
  nextAt?: number;
  deadlineAt?: number | null;
  needsLookup?: boolean;
  answeredAt?: number | null;
  credits?: number | null;
  lastError?: { code: string; message: string } | null;
  result?: CanonicalVerification | null;
  /** Raw vendor payload, already redacted by the adapter. */
  raw?: unknown;
  reviewer?: string | null;
  reviewReason?: string | null;
  reviewedAt?: number | null;
  completedAt?: number | null;
  supersededBy?: number | null;
  pendingAction?: PendingAction | null;
  approvalBy?: string | null;
  approvalAt?: number | null;
}

const COLUMN: Record<keyof VerificationPatch, string> = {
  phase: 'phase',
  phaseReason: 'phase_reason',
  heldPhase: 'held_phase',
  runStatus: 'run_status',
  decision: 'decision',
  review: 'review',
  vendorStatus: 'vendor_status',
  vendorDecision: 'vendor_decision',
  externalId: 'external_id',
  externalGroup: 'external_group',
  attemptsDelta: 'attempts',
  pollsDelta: 'polls',
  nextAt: 'next_at',
  deadlineAt: 'deadline_at',
  needsLookup: 'needs_lookup',
  answeredAt: 'answered_at',
  credits: 'credits',
  lastError: 'last_error',
  result: 'result',
  raw: 'raw',
  reviewer: 'reviewer',
  reviewReason: 'review_reason',
  reviewedAt: 'reviewed_at',
  completedAt: 'completed_at',
  supersededBy: 'superseded_by',
  pendingAction: 'pending_action',
  approvalBy: 'approval_by',
  approvalAt: 'approval_at',
};

function patchSql(patch: VerificationPatch, params: unknown[]): string[] {
  const sets: string[] = [];
  for (const key of Object.keys(patch) as (keyof VerificationPatch)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    const column = COLUMN[key];
    if (key === 'attemptsDelta' || key === 'pollsDelta') {
      sets.push(`${column} = max(0, ${column} + ?)`);
      params.push(value);
    } else if (key === 'needsLookup') {
      sets.push(`${column} = ?`);
      params.push(value ? 1 : 0);
    } else if (
      key === 'lastError' ||
      key === 'result' ||
      key === 'raw' ||
      key === 'pendingAction'
    ) {
      sets.push(`${column} = ?`);
      params.push(value === null ? null : JSON.stringify(value));
    } else {
      sets.push(`${column} = ?`);
      params.push(value);
    }
  }
  return sets;
}

export interface PlanInput {
  caseId: number;
  provider: ProviderName;
  service: string;
  config: Record<string, unknown>;
  idempotencyKey: string;
  generation: number;
  phase: 'READY' | 'HELD' | 'POLLING';
  phaseReason?: string | null;
  documents: { documentId: number; field: string }[];
  deadlineAt: number | null;
  /** Results imported by id (ADVANCE.AI signatureId, AiPrise session id): polled, never created. */
  externalId?: string | null;
}

export interface ClaimOptions {
  provider: ProviderName;
  owner: string;
  leaseMs: number;
  limit: number;
  /** Restrict to some phases (e.g. only polls while a provider's create budget is spent). */
  phases?: readonly ClaimPhase[];
}

type ClaimPhase = 'READY' | 'POLLING' | 'IN_DOUBT' | 'ACTION';
type ClaimArgs = ClaimOptions & { at: number; token: string };
const ALL_CLAIM_PHASES: readonly ClaimPhase[] = ['READY', 'POLLING', 'IN_DOUBT', 'ACTION'];
/** Most urgent first: settle what may have been paid for, then what a person asked, polls, sends. */
const CLAIM_ORDER: readonly ClaimPhase[] = ['IN_DOUBT', 'ACTION', 'POLLING', 'READY'];

export class VerificationRepo {
  private readonly claimOne: Statement;
  private readonly claimTx: Transaction<(args: ClaimArgs) => VerificationRecord[]>;
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
    this.claimOne = db.prepare(`${CLAIM_UPDATE} WHERE id = ? RETURNING ${COLUMNS}`);
    this.claimTx = db.transaction((args: ClaimArgs) => this.claimRows(args));
  }

  get(id: number): VerificationRecord | null {
    const r = this.sql.get(`SELECT ${COLUMNS} FROM verifications WHERE id = ?`).get(id) as
      VDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  byKey(key: string): VerificationRecord | null {
    const r = this.sql
      .get(`SELECT ${COLUMNS} FROM verifications WHERE idempotency_key = ?`)
      .get(key) as VDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  forCase(caseId: number, includeSuperseded = false): VerificationRecord[] {
    const rows = this.sql
      .get(
        `SELECT ${COLUMNS} FROM verifications WHERE case_id = ? ${includeSuperseded ? '' : 'AND superseded_by IS NULL'} ORDER BY id`,
      )
      .all(caseId) as VDbRow[];
    return rows.map(toRecord);
  }

  documentsOf(id: number): {
    documentId: number;
    field: string;
    sha256: string;
    storePath: string;
    mime: string;
    kind: string;
  }[] {
    return this.sql
      .get(
        `SELECT vd.document_id AS documentId, vd.field, d.sha256, d.store_path AS storePath, d.mime, d.kind
           FROM verification_documents vd JOIN documents d ON d.id = vd.document_id
          WHERE vd.verification_id = ? ORDER BY vd.position, vd.document_id`,
      )
      .all(id) as {
      documentId: number;
      field: string;
      sha256: string;
      storePath: string;
      mime: string;
      kind: string;
    }[];
  }

  /** Inserts a planned verification; the UNIQUE idempotency key makes planning twice a no-op. */
  plan(input: PlanInput): number | null {
    const at = this.now();
    const row = this.sql
      .get(
        `INSERT INTO verifications (case_id, provider, service, config, idempotency_key, generation, phase, phase_reason,
           run_status, next_at, deadline_at, external_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)
         ON CONFLICT(idempotency_key) DO NOTHING RETURNING id`,
      )
      .get(
        input.caseId,
        input.provider,
        input.service,
        JSON.stringify(input.config),
        input.idempotencyKey,
        input.generation,
        input.phase,
        input.phaseReason ?? null,
        at,
        input.deadlineAt,
        input.externalId ?? null,
        at,
        at,
      ) as { id: number } | undefined;
    if (!row) return null;
    const link = this.sql.get(
      `INSERT OR IGNORE INTO verification_documents (verification_id, document_id, field, position) VALUES (?, ?, ?, ?)`,
    );
    input.documents.forEach((d, i) => link.run(row.id, d.documentId, d.field, i));
    return row.id;
  }

  /**
   * Claims up to `limit` due rows of one provider, most urgent first (in-doubt and person-asked
   * actions, then polls, then new submissions), each phase read through the (provider, phase,
   * next_at) index. One IMMEDIATE transaction; with `durable` (the default) it commits with
   * synchronous=FULL so that a READY → SUBMITTING intent is on disk before the caller sends.
   */
  claim(opts: ClaimOptions & { durable?: boolean }): VerificationRecord[] {
    if (opts.limit < 1) return [];
    const args: ClaimArgs = { ...opts, at: this.now(), token: randomUUID() };
    return opts.durable === false
      ? this.claimTx.immediate(args)
      : this.durably(() => this.claimTx.immediate(args));
  }

  /**
   * An id-only probe of the (provider, phase, next_at) index: 'due' rows of a phase whose time
   * has come and that nobody holds, or 'stale' SUBMITTING rows whose lease ran out (in doubt).
   * The LIMIT is written into the SQL (one cached statement per value): bound as a parameter it
   * made every probe about three times slower, and a claim runs five probes.
   */
  private probe(kind: 'due' | 'stale', limit: number): Statement {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`bad claim limit ${limit}`);
    return this.sql
      .get(
        kind === 'due'
          ? `SELECT id FROM verifications INDEXED BY verifications_due
              WHERE provider = ? AND phase = ? AND next_at <= ? AND superseded_by IS NULL
                AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
              ORDER BY next_at, id LIMIT ${limit}`
          : `SELECT id FROM verifications INDEXED BY verifications_due
              WHERE provider = ? AND phase = 'SUBMITTING' AND lease_expires_at <= ? LIMIT ${limit}`,
      )
      .pluck();
  }

  /** The body of a claim, inside its IMMEDIATE transaction (built once: claims are hot). */
  private claimRows({ at, token, ...opts }: ClaimArgs): VerificationRecord[] {
    const phases = opts.phases ?? ALL_CLAIM_PHASES;
    // Cheap indexed probes (most phases are empty most of the time), most urgent first.
    const ids: number[] = [];
    if (phases.includes('IN_DOUBT'))
      ids.push(...(this.probe('stale', opts.limit).all(opts.provider, at) as number[]));
    for (const phase of CLAIM_ORDER) {
      if (ids.length >= opts.limit) break;
      if (phases.includes(phase))
        ids.push(
          ...(this.probe('due', opts.limit - ids.length).all(
            opts.provider,
            phase,
            at,
            at,
          ) as number[]),
        );
    }
    if (ids.length === 0) return [];
    const params: unknown[] = [token, opts.owner, at + opts.leaseMs, at, at, at];
    if (ids.length === 1) {
      const row = this.claimOne.get(...params, ids[0]) as VDbRow | undefined;
      return row ? [toRecord(row)] : [];
    }
    const rows = (
      this.sql
        .get(`${CLAIM_UPDATE} WHERE id IN ${inList(ids, params)} RETURNING ${COLUMNS}`)
        .all(...params) as VDbRow[]
    ).map(toRecord);
    const rank = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  }

  /**
   * Claims the other polling rows of one provider group that nobody holds, so one list request
   * answers for all of them (batched polls).
   */
  claimGroup(
    provider: ProviderName,
    group: string,
    owner: string,
    leaseMs: number,
    limit: number,
  ): VerificationRecord[] {
    const at = this.now();
    const token = randomUUID();
    const stmt = this.sql.get(
      `UPDATE verifications SET lease_token = ? || ':' || id, lease_owner = ?, lease_expires_at = ?, updated_at = ?
        WHERE id IN (SELECT id FROM verifications
                      WHERE provider = ? AND external_group = ? AND phase = 'POLLING' AND superseded_by IS NULL
                        AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
                      ORDER BY next_at LIMIT ?)
        RETURNING ${COLUMNS}`,
    );
    return this.db
      .transaction(() =>
        (stmt.all(token, owner, at + leaseMs, at, provider, group, at, limit) as VDbRow[]).map(
          toRecord,
        ),
      )
      .immediate();
  }

  /**
   * Applies a patch while keeping the lease (compare-and-swap on the token). With `durable`, the
   * write is committed with synchronous=FULL: used for the intent to submit after a lookup.
   */
  advance(
    id: number,
    token: string,
    patch: VerificationPatch,
    durable = false,
  ): VerificationRecord | null {
    const params: unknown[] = [];
    const sets = patchSql(patch, params);
    sets.push('updated_at = ?');
    params.push(this.now(), id, token);
    const stmt = this.sql.get(
      `UPDATE verifications SET ${sets.join(', ')} WHERE id = ? AND lease_token = ? RETURNING ${COLUMNS}`,
    );
    const write = () =>
      this.db.transaction(() => stmt.get(...params) as VDbRow | undefined).immediate();
    const row = durable ? this.durably(write) : write();
    return row ? toRecord(row) : null;
  }

  /** Provider ids already adopted by the case's other verifications. */
  knownExternalIds(caseId: number, excludeId: number): string[] {
    return (
      this.sql
        .get(
          `SELECT external_id FROM verifications WHERE case_id = ? AND id <> ? AND external_id IS NOT NULL`,
        )
        .all(caseId, excludeId) as { external_id: string }[]
    ).map((r) => r.external_id);
  }

  /** (provider, service) pairs a document was already planned for (never pay twice per service). */
  servicesOfDocument(
    documentId: number,
  ): { provider: string; service: string; verificationId: number }[] {
    return this.sql
      .get(
        `SELECT v.provider, v.service, v.id AS verificationId FROM verification_documents vd
           JOIN verifications v ON v.id = vd.verification_id
          WHERE vd.document_id = ? AND v.superseded_by IS NULL`,
      )
      .all(documentId) as { provider: string; service: string; verificationId: number }[];
  }

  /** Runs a write with synchronous=FULL (its commit reaches the disk), then restores the setting. */
  private durably<T>(fn: () => T): T {
    const before = this.db.pragma('synchronous', { simple: true }) as number;
    if (before >= 2) return fn();
    this.db.pragma('synchronous = FULL');
    try {
      return fn();
    } finally {
      this.db.pragma(`synchronous = ${before}`);
    }
  }

  /** Extends a lease during long work; false means the lease is gone (stop working on it). */
  heartbeat(id: number, token: string, leaseMs: number): boolean {
    return (
      this.sql
        .get(`UPDATE verifications SET lease_expires_at = ? WHERE id = ? AND lease_token = ?`)
        .run(this.now() + leaseMs, id, token).changes === 1
    );
  }

  /**
   * Compare-and-swap: applies the patch and releases the lease only if `token` still holds it.
   * `andThen` runs inside the same transaction (history, case aggregate) when the swap succeeds.
   */
  finalize(
    id: number,
    token: string,
    patch: VerificationPatch,
    andThen?: (v: VerificationRecord) => void,
  ): VerificationRecord | null {
    const params: unknown[] = [];
    const sets = patchSql(patch, params);
    sets.push(
      'lease_token = NULL',
      'lease_owner = NULL',
      'lease_expires_at = NULL',
      'updated_at = ?',
    );
    params.push(this.now());
    const stmt = this.sql.get(
      `UPDATE verifications SET ${sets.join(', ')} WHERE id = ? AND lease_token = ? RETURNING ${COLUMNS}`,
    );
    // A lone UPDATE is atomic by itself; a transaction is only needed when more is written with it.
    if (!andThen) {
      const row = stmt.get(...params, id, token) as VDbRow | undefined;
      return row ? toRecord(row) : null;
    }
    return this.db
      .transaction(() => {
        const row = stmt.get(...params, id, token) as VDbRow | undefined;
        if (!row) return null;
        const rec = toRecord(row);
        andThen(rec);
        return rec;
      })
      .immediate();
  }

  /** Unleased update (review actions, planning). Callers run it inside their own transaction. */
  update(
    id: number,
    patch: VerificationPatch,
    expectPhase?: readonly Phase[],
  ): VerificationRecord | null {
    const at = this.now();
    const params: unknown[] = [];
    const sets = patchSql(patch, params);
    sets.push('updated_at = ?');
    params.push(at, id, at);
    const guard = expectPhase ? ` AND phase IN ${inList(expectPhase, params)}` : '';
    const row = this.sql
      .get(
        `UPDATE verifications SET ${sets.join(', ')}
          WHERE id = ? AND (lease_token IS NULL OR lease_expires_at <= ?)${guard} RETURNING ${COLUMNS}`,
      )
      .get(...params) as VDbRow | undefined;
    return row ? toRecord(row) : null;
  }

  /**
   * Signal's rule, per engine instance: work leased by an engine that is gone is made inactive.
   * An interrupted submission becomes IN_DOUBT; polls and lookups are simply released.
   */
  releaseOwners(owners: readonly string[], reason: string): VerificationRecord[] {
    if (owners.length === 0) return [];
    const params: unknown[] = [];
    const list = inList(owners, params);
    const at = this.now();
    return this.db
      .transaction(() =>
        (
          this.sql
            .get(
              `UPDATE verifications SET
                   needs_lookup = CASE phase WHEN 'SUBMITTING' THEN 1 ELSE needs_lookup END,
                   phase_reason = CASE phase WHEN 'SUBMITTING' THEN ? ELSE phase_reason END,
                   phase = CASE phase WHEN 'SUBMITTING' THEN 'IN_DOUBT' ELSE phase END,
                   lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL, next_at = min(next_at, ?), updated_at = ?
                 WHERE lease_owner IN ${list} RETURNING ${COLUMNS}`,
            )
            .all(reason, at, at, ...params) as VDbRow[]
        ).map(toRecord),
      )
      .immediate();
  }

  /** Soonest time any claimable row of a provider becomes due (for the runner's timer). */
  nextDue(provider: ProviderName): number | null {
    const r = this.sql
      .get(
        `SELECT min(CASE WHEN phase = 'SUBMITTING' THEN lease_expires_at
                         ELSE max(next_at, coalesce(lease_expires_at, 0)) END) AS t
           FROM verifications
          WHERE provider = ? AND superseded_by IS NULL AND phase IN ('READY', 'POLLING', 'IN_DOUBT', 'SUBMITTING', 'ACTION')`,
      )
      .get(provider) as { t: number | null };
    return r.t;
  }

  /**
   * A verified webhook said these verifications changed at the provider: their next poll happens
   * at `at` instead of later (next_at = min(next_at, at)). Only POLLING rows move; nothing else
   * about them changes, so a webhook can never set a status. Returns how many rows moved.
   */
  pollSoon(provider: string, externalIds: readonly string[], at: number): number {
    const ids = [...new Set(externalIds)].filter((id) => id !== '');
    if (ids.length === 0) return 0;
    const params: unknown[] = [at, provider, at];
    const list = inList(ids, params);
    return this.sql
      .get(
        `UPDATE verifications SET next_at = ?
          WHERE provider = ? AND phase = 'POLLING' AND superseded_by IS NULL AND next_at > ? AND external_id IN ${list}`,
      )
      .run(...params).changes;
  }

  /** Polling rows of the same provider group (batched polls through list endpoints). */
  siblingsInGroup(provider: ProviderName, group: string): VerificationRecord[] {
    return (
      this.sql
        .get(
          `SELECT ${COLUMNS} FROM verifications WHERE provider = ? AND external_group = ? AND superseded_by IS NULL ORDER BY id`,
        )
        .all(provider, group) as VDbRow[]
    ).map(toRecord);
  }

  /**
   * What is waiting, grouped by provider and phase: how many, the soonest time anything moves,
   * and the most recent reason given (for `checkdesk status`).
   */
  waitingSummary(): {
    provider: string;
    phase: string;
    count: number;
    nextAt: number | null;
    reason: string | null;
  }[] {
    return this.sql
      .get(
        `SELECT provider, phase, count(*) AS count, min(next_at) AS nextAt,
                  (SELECT phase_reason FROM verifications w WHERE w.provider = v.provider AND w.phase = v.phase
                     AND w.superseded_by IS NULL AND w.phase_reason IS NOT NULL ORDER BY w.updated_at DESC LIMIT 1) AS reason
             FROM verifications v
            WHERE superseded_by IS NULL AND phase NOT IN ('DONE', 'CANCELLED')
            GROUP BY provider, phase ORDER BY provider, phase`,
      )
      .all() as {
      provider: string;
      phase: string;
      count: number;
      nextAt: number | null;
      reason: string | null;
    }[];
  }

  /** Unsettled work per provider and phase (what `run --once` still waits for). */
  pendingByProvider(): { provider: string; phase: string; n: number }[] {
    return this.sql
      .get(
        `SELECT provider, phase, count(*) AS n FROM verifications
          WHERE superseded_by IS NULL AND phase IN ('READY', 'SUBMITTING', 'IN_DOUBT', 'POLLING', 'ACTION')
          GROUP BY provider, phase`,
      )
      .all() as { provider: string; phase: string; n: number }[];
  }

  countsByPhase(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql
      .get(
        `SELECT phase, count(*) AS n FROM verifications WHERE superseded_by IS NULL GROUP BY phase`,
      )
      .all() as { phase: string; n: number }[]) {
      out[r.phase] = r.n;
    }
    return out;
  }

  countsBy(column: 'run_status' | 'decision'): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql
      .get(
        `SELECT ${column} AS k, count(*) AS n FROM verifications WHERE superseded_by IS NULL GROUP BY ${column}`,
      )
      .all() as { k: string; n: number }[]) {
      out[r.k] = r.n;
    }
    return out;
  }

  inFlight(provider: ProviderName): number {
    return (
      this.sql
        .get(
          `SELECT count(*) AS n FROM verifications WHERE provider = ? AND lease_token IS NOT NULL AND lease_expires_at > ?`,
        )
        .get(provider, this.now()) as { n: number }
    ).n;
  }

  creditsSince(since: number): number {
    return (
      this.sql
        .get(
          `SELECT coalesce(sum(credits), 0) AS c FROM verifications WHERE credits IS NOT NULL AND intent_at >= ?`,
        )
        .get(since) as { c: number }
    ).c;
  }

  /** Waiting counts by provider for the offline banner. */
  waitingByProvider(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql
      .get(
        `SELECT provider, count(*) AS n FROM verifications WHERE superseded_by IS NULL AND phase IN ('READY', 'IN_DOUBT') GROUP BY provider`,
      )
      .all() as { provider: string; n: number }[]) {
      out[r.provider] = r.n;
    }
    return out;
  }
}

export function toVerificationRow(v: VerificationRecord, documentIds: number[]): VerificationRow {
  const result = v.result;
  return {
    id: v.id,
    caseId: v.caseId,
    provider: v.provider,
    service: v.service,
    phase: v.phase,
    phaseReason: v.phaseReason,
    runStatus: v.runStatus,
    decision: v.decision,
    review: v.review,
    vendorStatus: v.vendorStatus,
    vendorDecision: v.vendorDecision,
    externalId: v.externalId,
    externalGroup: v.externalGroup,
    attempts: v.attempts,
    generation: v.generation,
    nextAt: v.phase === 'DONE' || v.phase === 'CANCELLED' ? null : v.nextAt,
    credits: v.credits,
    documentIds,
    reasons: result?.reasons ?? [],
    checks: result?.checks ?? [],
    extracted: result?.extracted ?? {},
    reviewer: v.reviewer,
    reviewReason: v.reviewReason,
    lastError: v.lastError,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    completedAt: v.completedAt,
  };
}
