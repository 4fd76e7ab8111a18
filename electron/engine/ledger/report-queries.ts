/**
 * The report's SQL. Everything here streams: cursors (`stmt.iterate()`), never `.all()` over a
 * set that grows with the ledger.
 *
 * Why a connection of its own: better-sqlite3 refuses writes on a connection while one of its
 * cursors is open, and an export keeps cursors open across awaits (the zip writer must drain).
 * A second, read-only connection leaves the engine's writer free, and one read transaction held
 * for the whole export gives every sheet the same snapshot (WAL readers never block the writer),
 * so the Summary, service sheets, Checks and History always agree with each other.
 *
 * Every query starts from `cases c` (CROSS JOIN pins it as the outer loop), so the scope filter is
 * applied once per case and rows come out grouped by case without a sort.
 */
import Database from 'better-sqlite3';
import type { ReportScope } from '../../../shared/contract.ts';
import type { Extracted, Reason, Score } from '../../../shared/model.ts';
import { parseJson } from './sql-util.ts';

export interface ReportDocumentRef {
  /** Path of the file as it arrived, relative to its inbox (null if no file row survived). */
  relPath: string | null;
  /** Where the copy lives, relative to the data folder. */
  storePath: string;
  kind: string;
}

export interface ReportCaseRecord {
  id: number;
  caseKey: string;
  applicant: string | null;
  nik: string | null;
  loanId: string | null;
  inboxPath: string;
  inboxLabel: string | null;
  documents: number;
  documentKinds: string[];
  verifications: number;
  stage: string;
  runStatus: string;
  decision: string;
  review: string;
  openIssues: number;
  credits: number;
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ReportVerificationRecord {
  id: number;
  caseId: number;
  caseKey: string;
  applicant: string | null;
  provider: string;
  service: string;
  externalId: string | null;
  externalGroup: string | null;
  phase: string;
  phaseReason: string | null;
  runStatus: string;
  decision: string;
  review: string;
  reviewer: string | null;
  reviewReason: string | null;
  vendorStatus: string | null;
  vendorDecision: string | null;
  credits: number | null;
  attempts: number;
  submittedAt: number | null;
  completedAt: number | null;
  supersededBy: number | null;
  reasons: Reason[];
  extracted: Extracted;
  documents: ReportDocumentRef[];
}

export interface ReportCheckRecord {
  id: number;
  caseId: number;
  caseKey: string;
  source: string;
  type: string;
  name: string | null;
  outcome: string;
  blocking: boolean;
  score: Score | null;
  reasons: Reason[];
  createdAt: number;
  /** The checked document (pre-flight) or the verification's primary document (provider). */
  documents: ReportDocumentRef[];
  provider: string | null;
  service: string | null;
  externalId: string | null;
}

export interface ReportEventRecord {
  id: number;
  at: number;
  caseId: number;
  caseKey: string;
  entity: string;
  /** A readable handle on the entity: the file's path, the verification's provider and service. */
  subject: string | null;
  what: string;
  from: string | null;
  to: string | null;
  actor: string;
  reason: string | null;
}

export interface ReportServiceGroup {
  provider: string;
  service: string;
  verifications: number;
  /** The probed JSON paths (see `services()`) that hold a value in at least one row. */
  presentPaths: string[];
  /** Keys of `extracted.fields` holding a value in at least one row, in order of first appearance. */
  fieldKeys: string[];
}

export interface ReportCounts {
  cases: number;
  verifications: number;
  checks: number;
  events: number;
}

interface Scoped {
  sql: string;
  params: unknown[];
}

function scopeSql(scope: ReportScope): Scoped {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: [] };
    case 'cases':
      return { sql: 'c.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(scope.caseIds)] };
    case 'inbox':
      return { sql: 'c.inbox_id = ?', params: [scope.inboxId] };
    case 'range': {
      // A case belongs to a period when it was opened, changed, or had anything recorded in it.
      const { from, to } = scope;
      return {
        sql: `((c.created_at >= ? AND c.created_at < ?) OR (c.updated_at >= ? AND c.updated_at < ?)
               OR EXISTS (SELECT 1 FROM events e0 WHERE e0.case_id = c.id AND e0.at >= ? AND e0.at < ?))`,
        params: [from, to, from, to, from, to],
      };
    }
  }
}

/** JSON array of [relPath, storePath, kind] for the documents of verification `v`, in position order. */
const VERIFICATION_DOCS_SQL = `(SELECT json_group_array(json_array(coalesce(f.rel_path, f0.rel_path), d.store_path, d.kind)
      ORDER BY vd.position, vd.document_id)
    FROM verification_documents vd
    JOIN documents d ON d.id = vd.document_id
    LEFT JOIN case_documents cd ON cd.case_id = v.case_id AND cd.document_id = vd.document_id
    LEFT JOIN files f ON f.id = cd.file_id
    LEFT JOIN files f0 ON f0.id = d.first_file_id
   WHERE vd.verification_id = v.id)`;

/** The canonical result, only when it parses: a damaged row must not abort the whole report. */
const RESULT_SQL = `CASE WHEN json_valid(v.result) THEN v.result END`;

interface CaseDbRow {
  id: number;
  case_key: string;
  applicant_name: string | null;
  nik: string | null;
  loan_id: unknown;
  inbox_path: string;
  inbox_label: string | null;
  documents: number;
  kinds: string | null;
  verifications: number;
  stage: string;
  run_status: string;
  decision: string;
  review: string;
  open_issues: number;
  credits: number;
  assignee: string | null;
  created_at: number;
  updated_at: number;
}

interface VerificationDbRow {
  id: number;
  case_id: number;
  case_key: string;
  applicant_name: string | null;
  provider: string;
  service: string;
  external_id: string | null;
  external_group: string | null;
  phase: string;
  phase_reason: string | null;
  run_status: string;
  decision: string;
  review: string;
  reviewer: string | null;
  review_reason: string | null;
  vendor_status: string | null;
  vendor_decision: string | null;
  credits: number | null;
  attempts: number;
  submitted_at: number | null;
  completed_at: number | null;
  superseded_by: number | null;
  result: string | null;
  docs: string | null;
}

interface CheckDbRow {
  id: number;
  case_id: number;
  case_key: string;
  source: string;
  type: string;
  name: string | null;
  outcome: string;
  blocking: number;
  score: string | null;
  reasons: string | null;
  created_at: number;
  docs: string | null;
  /** The checked document (pre-flight) or the verification's primary document (provider). */
  rel_path?: string | null;
  store_path?: string | null;
  doc_kind?: string | null;
  provider: string | null;
  service: string | null;
  external_id: string | null;
}

interface EventDbRow {
  id: number;
  at: number;
  case_id: number;
  case_key: string;
  entity: string;
  subject: string | null;
  what: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  reason: string | null;
}

function parseDocs(text: string | null): ReportDocumentRef[] {
  const rows = parseJson<unknown[]>(text, []);
  const out: ReportDocumentRef[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const [relPath, storePath, kind] = row as unknown[];
    if (typeof storePath !== 'string') continue;
    out.push({ relPath: typeof relPath === 'string' ? relPath : null, storePath, kind: typeof kind === 'string' ? kind : 'OTHER' });
  }
  return out;
}

const NONE: readonly never[] = Object.freeze([]);

/** Parses a JSON array column; `[]` (most rows) costs nothing. */
function jsonArray<T>(text: string | null): T[] {
  if (text === null || text === '[]') return NONE as unknown as T[];
  return asArray<T>(parseJson<unknown>(text, []));
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function asObject<T extends object>(value: unknown): T {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : ({} as T);
}

/** Stable text of a JSON scalar pulled out by json_extract (numbers in manifests arrive as numbers). */
function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

export interface ReportReaderOptions {
  /** The ledger's SQLite file (Ledger.file). */
  file: string;
  scope: ReportScope;
}

/**
 * A read-only view of one consistent snapshot of the ledger, limited to the cases in `scope`.
 * Call `close()` when done (it ends the snapshot); iterators must be finished or returned first.
 */
export class ReportReader {
  private readonly db: Database.Database;
  private readonly scope: Scoped;
  private closed = false;

  constructor(options: ReportReaderOptions) {
    this.db = new Database(options.file, { readonly: true, fileMustExist: true });
    try {
      this.db.pragma('busy_timeout = 5000');
      // Every query here is one forward pass; a large page cache would only add to peak memory.
      this.db.pragma('cache_size = -4000');
      this.scope = scopeSql(options.scope);
      this.db.exec('BEGIN');
      // The snapshot starts with the first read, not with BEGIN.
      this.db.prepare('SELECT count(*) AS n FROM cases').get();
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  private where(): string {
    return this.scope.sql;
  }

  counts(): ReportCounts {
    const p = this.scope.params;
    const w = this.where();
    const one = (sql: string, params: unknown[]): number => (this.db.prepare(sql).get(...params) as { n: number }).n;
    return {
      cases: one(`SELECT count(*) AS n FROM cases c WHERE ${w}`, p),
      verifications: one(`SELECT count(*) AS n FROM cases c CROSS JOIN verifications v ON v.case_id = c.id WHERE ${w}`, p),
      checks: one(
        `SELECT (SELECT count(*) FROM cases c CROSS JOIN case_documents cd ON cd.case_id = c.id
                   CROSS JOIN checks k ON k.document_id = cd.document_id AND k.verification_id IS NULL WHERE ${w})
              + (SELECT count(*) FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
                   CROSS JOIN checks k ON k.verification_id = v.id WHERE ${w}) AS n`,
        [...p, ...p],
      ),
      events: one(`SELECT count(*) AS n FROM cases c CROSS JOIN events e ON e.case_id = c.id WHERE ${w}`, p),
    };
  }

  /**
   * One entry per (provider, service) with verifications in scope, with what their canonical
   * results hold, discovered before any row is written (a streamed sheet's columns are fixed by
   * its first row):
   * - `presentPaths`: which of `probePaths` (e.g. `$.extracted.person.fullName`: a key of
   *   `extracted.person`, `.document` or `.address`) carry a value in at least one row, so empty
   *   columns can be left out;
   * - `fieldKeys`: the keys of `extracted.fields` that carry a value somewhere, in order of first
   *   appearance (the order the provider returns them in).
   * One pass over the results; memory is bounded by the number of distinct keys. Collecting the
   * keys here rather than with json_tree … GROUP BY is about twice as fast on 100k results.
   */
  services(probePaths: readonly string[]): ReportServiceGroup[] {
    const groups = new Map<string, { group: ReportServiceGroup; fields: Set<string>; present: Set<string> }>();
    const rows = this.db
      .prepare(
        `SELECT v.provider, v.service, json_extract(${RESULT_SQL}, '$.extracted') AS extracted
           FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
          WHERE ${this.where()}
          ORDER BY c.id, v.id`,
      )
      .iterate(...this.scope.params) as IterableIterator<{ provider: string; service: string; extracted: string | null }>;
    for (const r of rows) {
      const id = `${r.provider}\u0000${r.service}`;
      let entry = groups.get(id);
      if (!entry) {
        entry = { group: { provider: r.provider, service: r.service, verifications: 0, presentPaths: [], fieldKeys: [] }, fields: new Set(), present: new Set() };
        groups.set(id, entry);
      }
      entry.group.verifications++;
      const extracted = asObject<Record<string, unknown>>(parseJson<unknown>(r.extracted, null));
      for (const [section, value] of Object.entries(extracted)) {
        const members = asObject<Record<string, unknown>>(value);
        for (const [key, v] of Object.entries(members)) {
          if (v === null || v === undefined || v === '') continue;
          if (section === 'fields') {
            if (!entry.fields.has(key)) {
              entry.fields.add(key);
              entry.group.fieldKeys.push(key);
            }
          } else {
            entry.present.add(`$.extracted.${section}.${key}`);
          }
        }
      }
    }
    const out = [...groups.values()].map(({ group, present }) => ({ ...group, presentPaths: probePaths.filter((p) => present.has(p)) }));
    return out.sort((a, b) => (a.provider === b.provider ? cmp(a.service, b.service) : cmp(a.provider, b.provider)));
  }

  *cases(): IterableIterator<ReportCaseRecord> {
    const sql = `SELECT c.id, c.case_key, c.applicant_name, c.nik,
        CASE WHEN json_valid(c.expected) THEN json_extract(c.expected, '$.loanId') END AS loan_id,
        i.path AS inbox_path, i.label AS inbox_label,
        (SELECT count(*) FROM case_documents cd WHERE cd.case_id = c.id) AS documents,
        (SELECT group_concat(DISTINCT d.kind) FROM case_documents cd JOIN documents d ON d.id = cd.document_id
          WHERE cd.case_id = c.id) AS kinds,
        (SELECT count(*) FROM verifications v WHERE v.case_id = c.id AND v.superseded_by IS NULL) AS verifications,
        c.stage, c.run_status, c.decision, c.review, c.open_issues, c.credits, c.assignee, c.created_at, c.updated_at
      FROM cases c JOIN inboxes i ON i.id = c.inbox_id
      WHERE ${this.where()}
      ORDER BY c.id`;
    for (const r of this.db.prepare(sql).iterate(...this.scope.params) as IterableIterator<CaseDbRow>) {
      yield {
        id: r.id,
        caseKey: r.case_key,
        applicant: r.applicant_name,
        nik: r.nik,
        loanId: scalarText(r.loan_id),
        inboxPath: r.inbox_path,
        inboxLabel: r.inbox_label,
        documents: r.documents,
        documentKinds: r.kinds ? r.kinds.split(',').sort() : [],
        verifications: r.verifications,
        stage: r.stage,
        runStatus: r.run_status,
        decision: r.decision,
        review: r.review,
        openIssues: r.open_issues,
        credits: r.credits,
        assignee: r.assignee,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    }
  }

  /** Every verification of one service in scope, superseded ones included (they were paid for too). */
  *verifications(provider: string, service: string): IterableIterator<ReportVerificationRecord> {
    const sql = `SELECT v.id, v.case_id, c.case_key, c.applicant_name, v.provider, v.service, v.external_id, v.external_group,
        v.phase, v.phase_reason, v.run_status, v.decision, v.review, v.reviewer, v.review_reason,
        v.vendor_status, v.vendor_decision, v.credits, v.attempts,
        coalesce(v.intent_at, v.first_try_at) AS submitted_at, v.completed_at, v.superseded_by,
        v.result, ${VERIFICATION_DOCS_SQL} AS docs
      FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
      WHERE ${this.where()} AND v.provider = ? AND v.service = ?
      ORDER BY c.id, v.id`;
    const it = this.db.prepare(sql).iterate(...this.scope.params, provider, service) as IterableIterator<VerificationDbRow>;
    for (const r of it) {
      // One JSON.parse of the whole result is cheaper than SQLite extracting two parts of it.
      const result = asObject<{ extracted?: unknown; reasons?: unknown }>(parseJson<unknown>(r.result, null));
      yield {
        id: r.id,
        caseId: r.case_id,
        caseKey: r.case_key,
        applicant: r.applicant_name,
        provider: r.provider,
        service: r.service,
        externalId: r.external_id,
        externalGroup: r.external_group,
        phase: r.phase,
        phaseReason: r.phase_reason,
        runStatus: r.run_status,
        decision: r.decision,
        review: r.review,
        reviewer: r.reviewer,
        reviewReason: r.review_reason,
        vendorStatus: r.vendor_status,
        vendorDecision: r.vendor_decision,
        credits: r.credits,
        attempts: r.attempts,
        submittedAt: r.submitted_at,
        completedAt: r.completed_at,
        supersededBy: r.superseded_by,
        reasons: asArray<Reason>(result.reasons),
        extracted: asObject<Extracted>(result.extracted),
        documents: parseDocs(r.docs),
      };
    }
  }

  /**
   * Pre-flight checks of each case's documents and provider checks of its verifications,
   * merged case by case (pre-flight first). Two cursors, each already in case order, so the
   * merge needs no sort and no memory beyond one row of each. A provider check names the
   * verification's primary document (position 0); the service sheet lists all of them.
   */
  *checks(): IterableIterator<ReportCheckRecord> {
    const w = this.where();
    const preflight = this.db
      .prepare(
        `SELECT k.id, c.id AS case_id, c.case_key, k.source, k.type, k.name, k.outcome, k.blocking, k.score, k.reasons,
            k.created_at, NULL AS docs, coalesce(f.rel_path, f0.rel_path) AS rel_path, d.store_path, d.kind AS doc_kind,
            NULL AS provider, NULL AS service, NULL AS external_id
          FROM cases c CROSS JOIN case_documents cd ON cd.case_id = c.id
            CROSS JOIN checks k ON k.document_id = cd.document_id AND k.verification_id IS NULL
            JOIN documents d ON d.id = cd.document_id
            LEFT JOIN files f ON f.id = cd.file_id
            LEFT JOIN files f0 ON f0.id = d.first_file_id
          WHERE ${w}
          ORDER BY c.id, cd.document_id, k.id`,
      )
      .iterate(...this.scope.params) as IterableIterator<CheckDbRow>;
    const provider = this.db
      .prepare(
        `SELECT k.id, c.id AS case_id, c.case_key, k.source, k.type, k.name, k.outcome, k.blocking, k.score, k.reasons,
            k.created_at, NULL AS docs, coalesce(f.rel_path, f0.rel_path) AS rel_path, d.store_path, d.kind AS doc_kind,
            v.provider, v.service, v.external_id
          FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
            CROSS JOIN checks k ON k.verification_id = v.id
            LEFT JOIN verification_documents vd ON vd.verification_id = v.id AND vd.position = 0
            LEFT JOIN documents d ON d.id = vd.document_id
            LEFT JOIN case_documents cd ON cd.case_id = v.case_id AND cd.document_id = vd.document_id
            LEFT JOIN files f ON f.id = cd.file_id
            LEFT JOIN files f0 ON f0.id = d.first_file_id
          WHERE ${w}
          ORDER BY c.id, v.id, k.id`,
      )
      .iterate(...this.scope.params) as IterableIterator<CheckDbRow>;
    try {
      let a = preflight.next();
      let b = provider.next();
      while (!a.done || !b.done) {
        if (!a.done && (b.done || a.value.case_id <= b.value.case_id)) {
          yield toCheck(a.value);
          a = preflight.next();
        } else if (!b.done) {
          yield toCheck(b.value);
          b = provider.next();
        }
      }
    } finally {
      preflight.return?.();
      provider.return?.();
    }
  }

  *events(): IterableIterator<ReportEventRecord> {
    const sql = `SELECT e.id, e.at, c.id AS case_id, c.case_key, e.entity,
        CASE e.entity
          WHEN 'verification' THEN (SELECT v.provider || ' ' || v.service FROM verifications v WHERE v.id = e.entity_id)
          WHEN 'file' THEN (SELECT f.rel_path FROM files f WHERE f.id = e.entity_id)
          WHEN 'document' THEN (SELECT coalesce(f.rel_path, d.kind) FROM documents d LEFT JOIN files f ON f.id = d.first_file_id
                                 WHERE d.id = e.entity_id)
        END AS subject,
        e.what, e.from_state, e.to_state, e.actor, e.reason
      FROM cases c CROSS JOIN events e ON e.case_id = c.id
      WHERE ${this.where()}
      ORDER BY c.id, e.id`;
    for (const r of this.db.prepare(sql).iterate(...this.scope.params) as IterableIterator<EventDbRow>) {
      yield {
        id: r.id,
        at: r.at,
        caseId: r.case_id,
        caseKey: r.case_key,
        entity: r.entity,
        subject: r.subject,
        what: r.what,
        from: r.from_state,
        to: r.to_state,
        actor: r.actor,
        reason: r.reason,
      };
    }
  }

  /** Ends the snapshot and closes the connection; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    } finally {
      this.db.close();
    }
  }
}

/** Code-point order, like SQLite's default collation: the same on every machine and locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toCheck(r: CheckDbRow): ReportCheckRecord {
  const score = parseJson<unknown>(r.score, null);
  return {
    id: r.id,
    caseId: r.case_id,
    caseKey: r.case_key,
    source: r.source,
    type: r.type,
    name: r.name,
    outcome: r.outcome,
    blocking: r.blocking === 1,
    score: score !== null && typeof score === 'object' ? (score as Score) : null,
    reasons: jsonArray<Reason>(r.reasons),
    createdAt: r.created_at,
    documents:
      typeof r.store_path === 'string'
        ? [{ relPath: r.rel_path ?? null, storePath: r.store_path, kind: r.doc_kind ?? 'OTHER' }]
        : parseDocs(r.docs),
    provider: r.provider,
    service: r.service,
    externalId: r.external_id,
  };
}

export function openReportReader(options: ReportReaderOptions): ReportReader {
  return new ReportReader(options);
}
