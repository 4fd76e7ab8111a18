/**
 * Cases: one per application folder (or per single file in the inbox root). Their status is
 * derived from their documents and verifications by `recompute`, inside the same transaction as
 * the change that caused it, so it can never drift.
 */
import type { Database } from 'better-sqlite3';
import type { CaseRow, Page, Stage } from '../../../shared/contract.ts';
import {
  aggregateDecision,
  aggregateRunStatus,
  type Decision,
  type ExpectedData,
  type ReviewState,
  type RunStatus,
} from '../../../shared/model.ts';
import { inList, likeContains, parseJson, type PageQuery, StatementCache } from './sql-util.ts';
import { stageFromRank, VERIFICATION_RANK_SQL } from './stage.ts';

interface CaseDbRow {
  id: number;
  inbox_id: number;
  case_key: string;
  folder: string;
  applicant_name: string | null;
  nik: string | null;
  expected: string | null;
  expected_source: string | null;
  run_status: string;
  decision: string;
  review: string;
  stage: string;
  open_issues: number;
  credits: number;
  group_ref: string | null;
  assignee: string | null;
  last_file_at: number | null;
  planned_at: number | null;
  created_at: number;
  updated_at: number;
}

interface CaseListDbRow extends CaseDbRow {
  inbox_path: string;
  documents: number;
  providers: string | null;
}

export interface CaseRecord {
  id: number;
  inboxId: number;
  key: string;
  folder: string;
  expected: ExpectedData | null;
  expectedSource: string | null;
  stage: Stage;
  decision: Decision;
  review: ReviewState;
  groupRef: string | null;
  assignee: string | null;
  lastFileAt: number | null;
  plannedAt: number | null;
  createdAt: number;
}

function toRecord(r: CaseDbRow): CaseRecord {
  return {
    id: r.id,
    inboxId: r.inbox_id,
    key: r.case_key,
    folder: r.folder,
    expected: parseJson<ExpectedData | null>(r.expected, null),
    expectedSource: r.expected_source,
    stage: r.stage as Stage,
    decision: r.decision as Decision,
    review: r.review as ReviewState,
    groupRef: r.group_ref,
    assignee: r.assignee,
    lastFileAt: r.last_file_at,
    plannedAt: r.planned_at,
    createdAt: r.created_at,
  };
}

function toRow(r: CaseListDbRow): CaseRow {
  return {
    id: r.id,
    key: r.case_key,
    inboxId: r.inbox_id,
    inbox: r.inbox_path,
    applicant: r.applicant_name,
    nik: r.nik,
    stage: r.stage as Stage,
    runStatus: r.run_status as RunStatus,
    decision: r.decision as Decision,
    review: r.review as ReviewState,
    openIssues: r.open_issues,
    documents: r.documents,
    credits: r.credits,
    assignee: r.assignee,
    providers: r.providers ? r.providers.split(',') : [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const LIST_SELECT = `SELECT c.*, i.path AS inbox_path,
    (SELECT count(*) FROM case_documents cd WHERE cd.case_id = c.id) AS documents,
    (SELECT group_concat(DISTINCT v.provider) FROM verifications v WHERE v.case_id = c.id AND v.superseded_by IS NULL) AS providers
  FROM cases c JOIN inboxes i ON i.id = c.inbox_id`;

const SORT: Record<string, string> = {
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at',
  key: 'c.case_key',
  applicant: 'c.applicant_name',
  stage: 'c.stage',
  decision: 'c.decision',
  credits: 'c.credits',
};

/** Stages that wait for a person: these cases form the review queue. */
export const REVIEW_STAGES: readonly Stage[] = ['REVIEW', 'IN_DOUBT', 'BLOCKED'];

export interface CaseFilter {
  search?: string;
  stage?: Stage[];
  decision?: Decision[];
  provider?: string[];
  inboxId?: number;
  from?: number;
  to?: number;
  hasIssues?: boolean;
  assignee?: string | null;
}

export class CaseRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  get(id: number): CaseRecord | null {
    const r = this.sql.get(`SELECT * FROM cases WHERE id = ?`).get(id) as CaseDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  row(id: number): CaseRow | null {
    const r = this.sql.get(`${LIST_SELECT} WHERE c.id = ?`).get(id) as CaseListDbRow | undefined;
    return r ? toRow(r) : null;
  }

  byKey(inboxId: number, key: string): CaseRecord | null {
    const r = this.sql
      .get(`SELECT * FROM cases WHERE inbox_id = ? AND case_key = ?`)
      .get(inboxId, key) as CaseDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  /** The case for a folder (or single file), created on first sight. */
  ensure(inboxId: number, key: string, folder: string): { id: number; created: boolean } {
    const at = this.now();
    const row = this.sql
      .get(
        `INSERT INTO cases (inbox_id, case_key, folder, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(inbox_id, case_key) DO NOTHING RETURNING id`,
      )
      .get(inboxId, key, folder, at, at) as { id: number } | undefined;
    if (row) return { id: row.id, created: true };
    return { id: this.byKey(inboxId, key)!.id, created: false };
  }

  touchFile(id: number): void {
    const at = this.now();
    this.sql.get(`UPDATE cases SET last_file_at = ?, updated_at = ? WHERE id = ?`).run(at, at, id);
  }

  setExpected(id: number, expected: ExpectedData | null, source: string | null): void {
    this.sql
      .get(
        `UPDATE cases SET expected = ?, expected_source = ?, applicant_name = coalesce(?, applicant_name), nik = coalesce(?, nik),
           updated_at = ? WHERE id = ?`,
      )
      .run(
        expected ? JSON.stringify(expected) : null,
        source,
        expected?.name ?? null,
        expected?.nik ?? null,
        this.now(),
        id,
      );
  }

  setGroupRef(id: number, ref: string): void {
    this.sql.get(`UPDATE cases SET group_ref = coalesce(group_ref, ?) WHERE id = ?`).run(ref, id);
  }

  linkDocument(
    caseId: number,
    documentId: number,
    fileId: number,
    linkedFromCaseId: number | null,
  ): boolean {
    return (
      this.sql
        .get(
          `INSERT OR IGNORE INTO case_documents (case_id, document_id, file_id, linked_from_case_id) VALUES (?, ?, ?, ?)`,
        )
        .run(caseId, documentId, fileId, linkedFromCaseId).changes > 0
    );
  }

  /** Documents of the case that it owns (not links to another case's earlier copy). */
  ownDocuments(
    caseId: number,
  ): { id: number; kind: string; preflight: string; sha256: string; mime: string }[] {
    return this.sql
      .get(
        `SELECT d.id, d.kind, d.preflight, d.sha256, d.mime FROM case_documents cd JOIN documents d ON d.id = cd.document_id
          WHERE cd.case_id = ? AND cd.linked_from_case_id IS NULL ORDER BY d.id`,
      )
      .all(caseId) as {
      id: number;
      kind: string;
      preflight: string;
      sha256: string;
      mime: string;
    }[];
  }

  /** Every case a document belongs to (its own case and cases holding a copy of it). */
  casesOfDocument(documentId: number): number[] {
    return (
      this.sql
        .get(`SELECT case_id FROM case_documents WHERE document_id = ? ORDER BY case_id`)
        .all(documentId) as { case_id: number }[]
    ).map((r) => r.case_id);
  }

  /**
   * Cases ready to be planned: quiet for `settleMs`, no file still being written, every document
   * checked. Cases planned before are returned again when a new document arrived since.
   */
  readyToPlan(settleMs: number, limit = 200): number[] {
    const cutoff = this.now() - settleMs;
    return (
      this.sql
        .get(
          `SELECT c.id FROM cases c
            WHERE (c.planned_at IS NULL OR c.last_file_at > c.planned_at)
              AND coalesce(c.last_file_at, c.created_at) <= ?
              AND NOT EXISTS (SELECT 1 FROM files f WHERE f.case_id = c.id AND f.state = 'WAITING')
              AND NOT EXISTS (SELECT 1 FROM case_documents cd JOIN documents d ON d.id = cd.document_id
                               WHERE cd.case_id = c.id AND d.preflight = 'PENDING')
            ORDER BY c.id LIMIT ?`,
        )
        .all(cutoff, limit) as { id: number }[]
    ).map((r) => r.id);
  }

  /** Cases with something still to plan (new documents or expected data since the last plan). */
  unplannedCount(): number {
    return (
      this.sql
        .get(
          `SELECT count(*) AS n FROM cases c
            WHERE (c.planned_at IS NULL OR c.last_file_at > c.planned_at)
              AND (c.expected IS NOT NULL OR EXISTS (SELECT 1 FROM case_documents cd WHERE cd.case_id = c.id AND cd.linked_from_case_id IS NULL)
                   OR EXISTS (SELECT 1 FROM files f WHERE f.case_id = c.id AND f.state = 'WAITING'))`,
        )
        .get() as { n: number }
    ).n;
  }

  markPlanned(id: number): void {
    this.sql.get(`UPDATE cases SET planned_at = ? WHERE id = ?`).run(this.now(), id);
  }

  setAssignee(ids: readonly number[], assignee: string | null): number {
    const params: unknown[] = [assignee, this.now()];
    return this.sql
      .get(`UPDATE cases SET assignee = ?, updated_at = ? WHERE id IN ${inList(ids, params)}`)
      .run(...params).changes;
  }

  /**
   * Re-derives the case's status from its files, documents and verifications. Returns true when
   * anything visible changed.
   */
  recompute(id: number): boolean {
    const c = this.sql.get(`SELECT * FROM cases WHERE id = ?`).get(id) as CaseDbRow | undefined;
    if (!c) return false;
    const verifs = this.sql
      .get(
        `SELECT v.run_status, v.decision, v.review, v.phase, coalesce(v.credits, 0) AS credits, ${VERIFICATION_RANK_SQL} AS rank
           FROM verifications v WHERE v.case_id = ? AND v.superseded_by IS NULL`,
      )
      .all(id) as {
      run_status: RunStatus;
      decision: Decision;
      review: ReviewState;
      phase: string;
      credits: number;
      rank: number;
    }[];
    const docs = this.sql
      .get(
        `SELECT d.preflight FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ?`,
      )
      .all(id) as { preflight: string }[];
    const waitingFiles = (
      this.sql
        .get(`SELECT count(*) AS n FROM files WHERE case_id = ? AND state = 'WAITING'`)
        .get(id) as { n: number }
    ).n;
    const flaggedChecks = (
      this.sql
        .get(
          // CROSS JOIN pins the order: the case's few documents first, then their checks by
          // document; left to itself SQLite may scan every pre-flight check for every case.
          `SELECT count(*) AS n FROM case_documents cd CROSS JOIN checks k ON k.document_id = cd.document_id
            WHERE cd.case_id = ? AND k.verification_id IS NULL AND k.outcome IN ('FAIL', 'REVIEW', 'ERROR')`,
        )
        .get(id) as { n: number }
    ).n;

    const effective = verifs.map((v) =>
      v.review === 'RESOLVED_APPROVED'
        ? 'APPROVED'
        : v.review === 'RESOLVED_DECLINED'
          ? 'DECLINED'
          : v.decision,
    );
    const decision = aggregateDecision(effective);
    const runStatus = aggregateRunStatus(verifs.map((v) => v.run_status));
    const needsPerson = verifs.filter((v) => v.rank === 0 || v.rank === 1).length;
    const review: ReviewState = verifs.some((v) => v.review === 'IN_REVIEW')
      ? 'IN_REVIEW'
      : verifs.some((v) => v.review === 'REQUIRED')
        ? 'REQUIRED'
        : verifs.some((v) => v.review === 'RESOLVED_DECLINED')
          ? 'RESOLVED_DECLINED'
          : verifs.some((v) => v.review === 'RESOLVED_APPROVED')
            ? 'RESOLVED_APPROVED'
            : 'NONE';

    let stage: Stage;
    const blocked = docs.some((d) => d.preflight === 'BLOCKED');
    const minRank = verifs.length ? Math.min(...verifs.map((v) => v.rank)) : null;
    if (waitingFiles > 0 && verifs.length === 0) stage = 'INTAKE';
    else if (docs.some((d) => d.preflight === 'PENDING')) stage = 'CHECKING';
    else if (minRank === 0) stage = 'REVIEW';
    else if (blocked) stage = 'BLOCKED';
    else if (minRank !== null) stage = stageFromRank(minRank) ?? 'QUEUED';
    else if (c.planned_at === null)
      stage = docs.length > 0 || c.expected ? 'WAITING_CASE' : 'INTAKE';
    else stage = 'NOT_SENT';

    const openIssues =
      needsPerson +
      (blocked ? docs.filter((d) => d.preflight === 'BLOCKED').length : 0) +
      flaggedChecks;
    const credits = verifs.reduce((sum, v) => sum + v.credits, 0);
    const changed =
      c.stage !== stage ||
      c.decision !== decision ||
      c.run_status !== runStatus ||
      c.review !== review ||
      c.open_issues !== openIssues ||
      c.credits !== credits;
    if (changed) {
      this.sql
        .get(
          `UPDATE cases SET stage = ?, decision = ?, run_status = ?, review = ?, open_issues = ?, credits = ?, updated_at = ? WHERE id = ?`,
        )
        .run(stage, decision, runStatus, review, openIssues, credits, this.now(), id);
    }
    return changed;
  }

  private filterSql(f: CaseFilter, params: unknown[]): string {
    const where: string[] = [];
    if (f.search) {
      const s = likeContains(f.search);
      where.push(`(c.case_key LIKE ? ESCAPE '\\' OR c.applicant_name LIKE ? ESCAPE '\\' OR c.nik LIKE ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM files f WHERE f.case_id = c.id AND f.rel_path LIKE ? ESCAPE '\\')
        OR EXISTS (SELECT 1 FROM verifications v WHERE v.case_id = c.id AND (v.external_id LIKE ? ESCAPE '\\' OR v.external_group LIKE ? ESCAPE '\\')))`);
      params.push(s, s, s, s, s, s);
    }
    if (f.stage?.length) where.push(`c.stage IN ${inList(f.stage, params)}`);
    if (f.decision?.length) where.push(`c.decision IN ${inList(f.decision, params)}`);
    if (f.provider?.length) {
      where.push(
        `EXISTS (SELECT 1 FROM verifications v WHERE v.case_id = c.id AND v.provider IN ${inList(f.provider, params)})`,
      );
    }
    if (f.inboxId !== undefined) {
      where.push('c.inbox_id = ?');
      params.push(f.inboxId);
    }
    if (f.from !== undefined) {
      where.push('c.updated_at >= ?');
      params.push(f.from);
    }
    if (f.to !== undefined) {
      where.push('c.updated_at < ?');
      params.push(f.to);
    }
    if (f.hasIssues !== undefined)
      where.push(f.hasIssues ? 'c.open_issues > 0' : 'c.open_issues = 0');
    if (f.assignee !== undefined) {
      if (f.assignee === null) where.push('c.assignee IS NULL');
      else {
        where.push('c.assignee = ?');
        params.push(f.assignee);
      }
    }
    return where.length ? `WHERE ${where.join(' AND ')}` : '';
  }

  list(q: PageQuery & CaseFilter & { sort: string }): Page<CaseRow> {
    const params: unknown[] = [];
    const clause = this.filterSql(q, params);
    const total = (
      this.sql.get(`SELECT count(*) AS n FROM cases c ${clause}`).get(...params) as { n: number }
    ).n;
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    const rows = this.sql
      .get(
        `${LIST_SELECT} ${clause} ORDER BY ${SORT[q.sort] ?? 'c.updated_at'} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset) as CaseListDbRow[];
    return { items: rows.map(toRow), total, offset: q.offset, limit: q.limit };
  }

  countsByStage(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.get(`SELECT stage, count(*) AS n FROM cases GROUP BY stage`).all() as {
      stage: string;
      n: number;
    }[]) {
      out[r.stage] = r.n;
    }
    return out;
  }

  reviewQueueSize(): number {
    const params: unknown[] = [];
    return (
      this.sql
        .get(`SELECT count(*) AS n FROM cases WHERE stage IN ${inList(REVIEW_STAGES, params)}`)
        .get(...params) as {
        n: number;
      }
    ).n;
  }
}
