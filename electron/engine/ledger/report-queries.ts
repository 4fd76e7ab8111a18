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
      return {
        sql: 'c.id IN (SELECT value FROM json_each(?))',
        params: [JSON.stringify(scope.caseIds)],
      };
    case 'inbox':
      // `+`: walking the (inbox_id, case_key) index would yield cases in key order and force a
      // sort of every row of the report; a scan of cases in id order streams instead.
      return { sql: '+c.inbox_id = ?', params: [scope.inboxId] };
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

/**
 * The name of document `d`: the file it came from in this case (`f`), else its first file anywhere,
 * looked up only when needed (coalesce stops at the first value; a LEFT JOIN would always seek).
 */
const FILE_NAME_SQL = `coalesce(f.rel_path, (SELECT f0.rel_path FROM files f0 WHERE f0.id = d.first_file_id))`;

/** JSON array of [relPath, storePath, kind] for the documents of verification `v`, in position order. */
const VERIFICATION_DOCS_SQL = `(SELECT json_group_array(json_array(${FILE_NAME_SQL}, d.store_path, d.kind)
      ORDER BY vd.position, vd.document_id)
    FROM verification_documents vd
    JOIN documents d ON d.id = vd.document_id
    LEFT JOIN case_documents cd ON cd.case_id = v.case_id AND cd.document_id = vd.document_id
    LEFT JOIN files f ON f.id = cd.file_id
   WHERE vd.verification_id = v.id)`;

/** The canonical result, only when it parses: a damaged row must not abort the whole report. */
const RESULT_SQL = `CASE WHEN json_valid(v.result) THEN v.result END`;

/**
 * Result columns of each query, in SELECT order. Rows are read in better-sqlite3's raw (array)
 * mode, a third cheaper than one object per row; `rawRows` checks the statement's columns
 * against these lists, so a query and its decoder cannot drift apart silently.
 */
const CASE_COLUMNS = [
  'id',
  'case_key',
  'applicant_name',
  'nik',
  'loan_id',
  'inbox_path',
  'inbox_label',
  'documents',
  'kinds',
  'verifications',
  'stage',
  'run_status',
  'decision',
  'review',
  'open_issues',
  'credits',
  'assignee',
  'created_at',
  'updated_at',
] as const;
const VERIFICATION_COLUMNS = [
  'id',
  'case_id',
  'case_key',
  'applicant_name',
  'provider',
  'service',
  'external_id',
  'external_group',
  'phase',
  'phase_reason',
  'run_status',
  'decision',
  'review',
  'reviewer',
  'review_reason',
  'vendor_status',
  'vendor_decision',
  'credits',
  'attempts',
  'submitted_at',
  'completed_at',
  'superseded_by',
  'result',
  'docs',
] as const;
/** Pre-flight and provider checks share one shape: the document is the checked one or the verification's primary one. */
const CHECK_COLUMNS = [
  'id',
  'case_id',
  'case_key',
  'source',
  'type',
  'name',
  'outcome',
  'blocking',
  'score',
  'reasons',
  'created_at',
  'rel_path',
  'store_path',
  'doc_kind',
  'provider',
  'service',
  'external_id',
] as const;
const EVENT_COLUMNS = [
  'id',
  'at',
  'case_id',
  'case_key',
  'entity',
  'subject',
  'what',
  'from_state',
  'to_state',
  'actor',
  'reason',
] as const;
const DISCOVERY_COLUMNS = ['provider', 'service', 'extracted'] as const;

type Row = readonly unknown[];

/** Column name → position, for decoding raw rows by name. */
function positions<const K extends readonly string[]>(
  keys: K,
): { readonly [P in K[number]]: number } {
  return Object.fromEntries(keys.map((k, i) => [k, i])) as { [P in K[number]]: number };
}
const C = positions(CASE_COLUMNS);
const V = positions(VERIFICATION_COLUMNS);
const K = positions(CHECK_COLUMNS);
const E = positions(EVENT_COLUMNS);
const D = positions(DISCOVERY_COLUMNS);

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}
function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
}
function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0);
}
function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v);
}

function parseDocs(text: string | null): ReportDocumentRef[] {
  const rows = parseJson<unknown[]>(text, []);
  const out: ReportDocumentRef[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const [relPath, storePath, kind] = row as unknown[];
    if (typeof storePath !== 'string') continue;
    out.push({
      relPath: typeof relPath === 'string' ? relPath : null,
      storePath,
      kind: typeof kind === 'string' ? kind : 'OTHER',
    });
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
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as T)
    : ({} as T);
}

/** Stable text of a JSON scalar pulled out by json_extract (numbers in manifests arrive as numbers). */
function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

/**
 * Every query of a report, for one scope filter `w` on cases `c` (its parameters come first).
 * CROSS JOIN keeps `cases` as the outer loop: rows come out grouped by case with no sort, and the
 * scope filter runs once per case.
 */
function reportSql(w: string) {
  return {
    countCases: `SELECT count(*) AS n FROM cases c WHERE ${w}`,
    countVerifications: `SELECT count(*) AS n FROM cases c CROSS JOIN verifications v ON v.case_id = c.id WHERE ${w}`,
    countChecks: `SELECT (SELECT count(*) FROM cases c CROSS JOIN case_documents cd ON cd.case_id = c.id
                    CROSS JOIN checks k ON k.document_id = cd.document_id AND k.verification_id IS NULL WHERE ${w})
               + (SELECT count(*) FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
                    CROSS JOIN checks k ON k.verification_id = v.id WHERE ${w}) AS n`,
    countEvents: `SELECT count(*) AS n FROM cases c CROSS JOIN events e ON e.case_id = c.id WHERE ${w}`,
    discovery: `SELECT v.provider, v.service, json_extract(${RESULT_SQL}, '$.extracted') AS extracted
        FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
       WHERE ${w}
       ORDER BY c.id, v.id`,
    cases: `SELECT c.id, c.case_key, c.applicant_name, c.nik,
        CASE WHEN json_valid(c.expected) THEN json_extract(c.expected, '$.loanId') END AS loan_id,
        i.path AS inbox_path, i.label AS inbox_label,
        (SELECT count(*) FROM case_documents cd WHERE cd.case_id = c.id) AS documents,
        (SELECT group_concat(DISTINCT d.kind) FROM case_documents cd JOIN documents d ON d.id = cd.document_id
          WHERE cd.case_id = c.id) AS kinds,
        (SELECT count(*) FROM verifications v WHERE v.case_id = c.id AND v.superseded_by IS NULL) AS verifications,
        c.stage, c.run_status, c.decision, c.review, c.open_issues, c.credits, c.assignee, c.created_at, c.updated_at
      FROM cases c CROSS JOIN inboxes i ON i.id = c.inbox_id
      WHERE ${w}
      ORDER BY c.id`,
    verifications: `SELECT v.id, v.case_id, c.case_key, c.applicant_name, v.provider, v.service, v.external_id, v.external_group,
        v.phase, v.phase_reason, v.run_status, v.decision, v.review, v.reviewer, v.review_reason,
        v.vendor_status, v.vendor_decision, v.credits, v.attempts,
        coalesce(v.intent_at, v.first_try_at) AS submitted_at, v.completed_at, v.superseded_by,
        v.result, ${VERIFICATION_DOCS_SQL} AS docs
      FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
      WHERE ${w} AND v.provider = ? AND v.service = ?
      ORDER BY c.id, v.id`,
    preflightChecks: `SELECT k.id, c.id AS case_id, c.case_key, k.source, k.type, k.name, k.outcome, k.blocking, k.score, k.reasons,
        k.created_at, ${FILE_NAME_SQL} AS rel_path, d.store_path, d.kind AS doc_kind,
        NULL AS provider, NULL AS service, NULL AS external_id
      FROM cases c CROSS JOIN case_documents cd ON cd.case_id = c.id
        CROSS JOIN checks k ON k.document_id = cd.document_id AND k.verification_id IS NULL
        JOIN documents d ON d.id = cd.document_id
        LEFT JOIN files f ON f.id = cd.file_id
      WHERE ${w}
      ORDER BY c.id, cd.document_id, k.id`,
    // `+vd.position`: without the unary plus SQLite builds an automatic index on position and
    // probes it for every check (every position-0 row of the ledger each time).
    providerChecks: `SELECT k.id, c.id AS case_id, c.case_key, k.source, k.type, k.name, k.outcome, k.blocking, k.score, k.reasons,
        k.created_at, ${FILE_NAME_SQL} AS rel_path, d.store_path, d.kind AS doc_kind,
        v.provider, v.service, v.external_id
      FROM cases c CROSS JOIN verifications v ON v.case_id = c.id
        CROSS JOIN checks k ON k.verification_id = v.id
        LEFT JOIN verification_documents vd ON vd.verification_id = v.id AND +vd.position = 0
        LEFT JOIN documents d ON d.id = vd.document_id
        LEFT JOIN case_documents cd ON cd.case_id = v.case_id AND cd.document_id = vd.document_id
        LEFT JOIN files f ON f.id = cd.file_id
      WHERE ${w}
      ORDER BY c.id, v.id, k.id`,
    events: `SELECT e.id, e.at, c.id AS case_id, c.case_key, e.entity,
        CASE e.entity
          WHEN 'verification' THEN (SELECT v.provider || ' ' || v.service FROM verifications v WHERE v.id = e.entity_id)
          WHEN 'file' THEN (SELECT f.rel_path FROM files f WHERE f.id = e.entity_id)
          WHEN 'document' THEN (SELECT coalesce(f.rel_path, d.kind) FROM documents d LEFT JOIN files f ON f.id = d.first_file_id
                                 WHERE d.id = e.entity_id)
        END AS subject,
        e.what, e.from_state, e.to_state, e.actor, e.reason
      FROM cases c CROSS JOIN events e ON e.case_id = c.id
      WHERE ${w}
      ORDER BY c.id, e.id`,
  };
}

type ReportSql = ReturnType<typeof reportSql>;

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
  private readonly sql: ReportSql;
  private closed = false;

  constructor(options: ReportReaderOptions) {
    this.db = new Database(options.file, { readonly: true, fileMustExist: true });
    try {
      this.db.pragma('busy_timeout = 5000');
      // Every query here is one forward pass; a large page cache would only add to peak memory.
      this.db.pragma('cache_size = -4000');
      this.scope = scopeSql(options.scope);
      this.sql = reportSql(this.scope.sql);
      this.db.exec('BEGIN');
      // The snapshot starts with the first read, not with BEGIN.
      this.db.prepare('SELECT count(*) AS n FROM cases').get();
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  /** Iterates `sql` in raw mode after checking it returns exactly `columns`, in that order. */
  private rawRows(
    sql: string,
    columns: readonly string[],
    params: readonly unknown[],
  ): IterableIterator<Row> {
    const stmt = this.db.prepare(sql);
    const names = stmt.columns().map((c) => c.name);
    if (names.join(',') !== columns.join(',')) {
      throw new Error(
        `report query returns [${names.join(', ')}], its decoder expects [${columns.join(', ')}]`,
      );
    }
    return stmt.raw(true).iterate(...params) as IterableIterator<Row>;
  }

  counts(): ReportCounts {
    const p = this.scope.params;
    const one = (sql: string, params: unknown[]): number =>
      (this.db.prepare(sql).get(...params) as { n: number }).n;
    return {
      cases: one(this.sql.countCases, p),
      verifications: one(this.sql.countVerifications, p),
      checks: one(this.sql.countChecks, [...p, ...p]),
      events: one(this.sql.countEvents, p),
    };
  }

  /**
   * EXPLAIN QUERY PLAN of every report query, for tests and diagnosis: each must walk `cases`
   * once and reach everything else through an index. One wrong plan (SQLite once chose an
   * automatic index on verification_documents.position) turns a 10-second export into hours.
   */
  queryPlans(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const p = this.scope.params;
    for (const [name, sql] of Object.entries(this.sql)) {
      const params =
        name === 'countChecks' ? [...p, ...p] : name === 'verifications' ? [...p, '', ''] : p;
      out[name] = (
        this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
      ).map((r) => r.detail);
    }
    return out;
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
    const groups = new Map<
      string,
      { group: ReportServiceGroup; fields: Set<string>; present: Set<string> }
    >();
    for (const r of this.rawRows(this.sql.discovery, DISCOVERY_COLUMNS, this.scope.params)) {
      const provider = str(r[D.provider]);
      const service = str(r[D.service]);
      const id = `${provider}\u0000${service}`;
      let entry = groups.get(id);
      if (!entry) {
        entry = {
          group: { provider, service, verifications: 0, presentPaths: [], fieldKeys: [] },
          fields: new Set(),
          present: new Set(),
        };
        groups.set(id, entry);
      }
      entry.group.verifications++;
      const extracted = asObject<Record<string, unknown>>(
        parseJson<unknown>(strOrNull(r[D.extracted]), null),
      );
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
    const out = [...groups.values()].map(({ group, present }) => ({
      ...group,
      presentPaths: probePaths.filter((p) => present.has(p)),
    }));
    return out.sort((a, b) =>
      a.provider === b.provider ? cmp(a.service, b.service) : cmp(a.provider, b.provider),
    );
  }

  *cases(): IterableIterator<ReportCaseRecord> {
    for (const r of this.rawRows(this.sql.cases, CASE_COLUMNS, this.scope.params)) {
      const kinds = strOrNull(r[C.kinds]);
      yield {
        id: num(r[C.id]),
        caseKey: str(r[C.case_key]),
        applicant: strOrNull(r[C.applicant_name]),
        nik: strOrNull(r[C.nik]),
        loanId: scalarText(r[C.loan_id]),
        inboxPath: str(r[C.inbox_path]),
        inboxLabel: strOrNull(r[C.inbox_label]),
        documents: num(r[C.documents]),
        documentKinds: kinds ? kinds.split(',').sort() : [],
        verifications: num(r[C.verifications]),
        stage: str(r[C.stage]),
        runStatus: str(r[C.run_status]),
        decision: str(r[C.decision]),
        review: str(r[C.review]),
        openIssues: num(r[C.open_issues]),
        credits: num(r[C.credits]),
        assignee: strOrNull(r[C.assignee]),
        createdAt: num(r[C.created_at]),
        updatedAt: num(r[C.updated_at]),
      };
    }
  }

  /** Every verification of one service in scope, superseded ones included (they were paid for too). */
  *verifications(provider: string, service: string): IterableIterator<ReportVerificationRecord> {
    for (const r of this.rawRows(this.sql.verifications, VERIFICATION_COLUMNS, [
      ...this.scope.params,
      provider,
      service,
    ])) {
      // One JSON.parse of the whole result is cheaper than SQLite extracting two parts of it.
      const result = asObject<{ extracted?: unknown; reasons?: unknown }>(
        parseJson<unknown>(strOrNull(r[V.result]), null),
      );
      yield {
        id: num(r[V.id]),
        caseId: num(r[V.case_id]),
        caseKey: str(r[V.case_key]),
        applicant: strOrNull(r[V.applicant_name]),
        provider: str(r[V.provider]),
        service: str(r[V.service]),
        externalId: strOrNull(r[V.external_id]),
        externalGroup: strOrNull(r[V.external_group]),
        phase: str(r[V.phase]),
        phaseReason: strOrNull(r[V.phase_reason]),
        runStatus: str(r[V.run_status]),
        decision: str(r[V.decision]),
        review: str(r[V.review]),
        reviewer: strOrNull(r[V.reviewer]),
        reviewReason: strOrNull(r[V.review_reason]),
        vendorStatus: strOrNull(r[V.vendor_status]),
        vendorDecision: strOrNull(r[V.vendor_decision]),
        credits: numOrNull(r[V.credits]),
        attempts: num(r[V.attempts]),
        submittedAt: numOrNull(r[V.submitted_at]),
        completedAt: numOrNull(r[V.completed_at]),
        supersededBy: numOrNull(r[V.superseded_by]),
        reasons: asArray<Reason>(result.reasons),
        extracted: asObject<Extracted>(result.extracted),
        documents: parseDocs(strOrNull(r[V.docs])),
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
    const preflight = this.rawRows(this.sql.preflightChecks, CHECK_COLUMNS, this.scope.params);
    const provider = this.rawRows(this.sql.providerChecks, CHECK_COLUMNS, this.scope.params);
    try {
      let a = preflight.next();
      let b = provider.next();
      while (!a.done || !b.done) {
        if (!a.done && (b.done || num(a.value[K.case_id]) <= num(b.value[K.case_id]))) {
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
    for (const r of this.rawRows(this.sql.events, EVENT_COLUMNS, this.scope.params)) {
      yield {
        id: num(r[E.id]),
        at: num(r[E.at]),
        caseId: num(r[E.case_id]),
        caseKey: str(r[E.case_key]),
        entity: str(r[E.entity]),
        subject: strOrNull(r[E.subject]),
        what: str(r[E.what]),
        from: strOrNull(r[E.from_state]),
        to: strOrNull(r[E.to_state]),
        actor: str(r[E.actor]),
        reason: strOrNull(r[E.reason]),
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

function toCheck(r: Row): ReportCheckRecord {
  const score = parseJson<unknown>(strOrNull(r[K.score]), null);
  const storePath = r[K.store_path];
  return {
    id: num(r[K.id]),
    caseId: num(r[K.case_id]),
    caseKey: str(r[K.case_key]),
    source: str(r[K.source]),
    type: str(r[K.type]),
    name: strOrNull(r[K.name]),
    outcome: str(r[K.outcome]),
    blocking: r[K.blocking] === 1,
    score: score !== null && typeof score === 'object' ? (score as Score) : null,
    reasons: jsonArray<Reason>(strOrNull(r[K.reasons])),
    createdAt: num(r[K.created_at]),
    documents:
      typeof storePath === 'string'
        ? [
            {
              relPath: strOrNull(r[K.rel_path]),
              storePath,
              kind: strOrNull(r[K.doc_kind]) ?? 'OTHER',
            },
          ]
        : [],
    provider: strOrNull(r[K.provider]),
    service: strOrNull(r[K.service]),
    externalId: strOrNull(r[K.external_id]),
  };
}

export function openReportReader(options: ReportReaderOptions): ReportReader {
  return new ReportReader(options);
}
