/**
 * Files as seen in the inboxes. A row is keyed by (inbox, relative path); it follows the file
 * through renames and moves (same bytes, new path), and always carries a state and a reason so a
 * clerk can ask "what happened to my file?".
 */
import type { Database } from 'better-sqlite3';
import path from 'node:path';
import type { FileRow, FileState, Page } from '../../../shared/contract.ts';
import type { DocumentKind } from '../../../shared/model.ts';
import { likeContains, inList, type PageQuery, StatementCache } from './sql-util.ts';
import { documentStage, VERIFICATION_RANK_SQL } from './stage.ts';

interface FileDbRow {
  id: number;
  inbox_id: number;
  rel_path: string;
  size: number | null;
  mtime_ms: number | null;
  sha256: string | null;
  mime: string | null;
  kind: string | null;
  state: string;
  reason: string | null;
  document_id: number | null;
  case_id: number | null;
  present: number;
  first_seen_at: number;
  updated_at: number;
}

interface FileListDbRow extends FileDbRow {
  inbox_path: string;
  case_key: string | null;
  planned_at: number | null;
  preflight: string | null;
  vrank: number | null;
}

export interface FileRecord {
  id: number;
  inboxId: number;
  relPath: string;
  size: number | null;
  mtimeMs: number | null;
  sha256: string | null;
  state: FileState;
  reason: string | null;
  documentId: number | null;
  caseId: number | null;
  present: boolean;
  firstSeenAt: number;
}

function toRecord(r: FileDbRow): FileRecord {
  return {
    id: r.id,
    inboxId: r.inbox_id,
    relPath: r.rel_path,
    size: r.size,
    mtimeMs: r.mtime_ms,
    sha256: r.sha256,
    state: r.state as FileState,
    reason: r.reason,
    documentId: r.document_id,
    caseId: r.case_id,
    present: r.present === 1,
    firstSeenAt: r.first_seen_at,
  };
}

const LIST_SELECT = `SELECT f.*, i.path AS inbox_path, c.case_key, c.planned_at, d.preflight,
    (SELECT min(${VERIFICATION_RANK_SQL}) FROM verification_documents vd
       JOIN verifications v ON v.id = vd.verification_id
      WHERE vd.document_id = f.document_id AND v.superseded_by IS NULL) AS vrank
  FROM files f
  JOIN inboxes i ON i.id = f.inbox_id
  LEFT JOIN cases c ON c.id = f.case_id
  LEFT JOIN documents d ON d.id = f.document_id`;

function toListRow(r: FileListDbRow): FileRow {
  return {
    id: r.id,
    inboxId: r.inbox_id,
    inbox: r.inbox_path,
    path: path.join(r.inbox_path, ...r.rel_path.split('/')),
    relPath: r.rel_path,
    state: r.state as FileState,
    reason: r.reason,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    kind: (r.kind as DocumentKind | null) ?? null,
    caseId: r.case_id,
    caseKey: r.case_key,
    documentId: r.document_id,
    present: r.present === 1,
    stage: documentStage({
      preflight: r.preflight,
      verificationRank: r.vrank,
      casePlanned: r.planned_at !== null,
    }),
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
  };
}

const SORT_COLUMNS: Record<string, string> = {
  updatedAt: 'f.updated_at',
  firstSeenAt: 'f.first_seen_at',
  path: 'f.rel_path',
  state: 'f.state',
  size: 'f.size',
};

/** States in which the bytes on disk were fully dealt with; a change of size/mtime re-opens them. */
const SETTLED: readonly FileState[] = [
  'RECORDED',
  'DUPLICATE',
  'CASE_DATA',
  'EMPTY',
  'UNSUPPORTED',
  'TOO_LARGE',
];

export class FileRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  get(id: number): FileRecord | null {
    const r = this.sql.get(`SELECT * FROM files WHERE id = ?`).get(id) as FileDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  byPath(inboxId: number, relPath: string): FileRecord | null {
    const r = this.sql
      .get(`SELECT * FROM files WHERE inbox_id = ? AND rel_path = ?`)
      .get(inboxId, relPath) as FileDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  /**
   * Registers a sighting of a path. New paths start WAITING; a settled file whose size or mtime
   * changed goes back to WAITING (its content will be recorded again); a vanished one that came
   * back waits again. Returns the record and whether anything changed.
   */
  seen(
    inboxId: number,
    relPath: string,
    stat: { size: number; mtimeMs: number },
    caseId: number | null,
  ): { file: FileRecord; created: boolean; reopened: boolean } {
    const at = this.now();
    const existing = this.byPath(inboxId, relPath);
    if (!existing) {
      const id = Number(
        this.sql
          .get(
            `INSERT INTO files (inbox_id, rel_path, size, mtime_ms, case_id, state, reason, first_seen_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 'WAITING', 'waiting until the file stops changing', ?, ?)`,
          )
          .run(inboxId, relPath, stat.size, Math.trunc(stat.mtimeMs), caseId, at, at)
          .lastInsertRowid,
      );
      return { file: this.get(id)!, created: true, reopened: false };
    }
    const changed = existing.size !== stat.size || existing.mtimeMs !== Math.trunc(stat.mtimeMs);
    const reopen =
      (SETTLED.includes(existing.state) && changed) ||
      existing.state === 'VANISHED' ||
      existing.state === 'UNREADABLE';
    if (reopen) {
      this.sql
        .get(
          `UPDATE files SET state = 'WAITING', reason = ?, size = ?, mtime_ms = ?, present = 1, updated_at = ? WHERE id = ?`,
        )
        .run(
          existing.state === 'VANISHED'
            ? 'appeared again; waiting until it stops changing'
            : 'changed after it was recorded; waiting until it stops changing',
          stat.size,
          Math.trunc(stat.mtimeMs),
          at,
          existing.id,
        );
      return { file: this.get(existing.id)!, created: false, reopened: true };
    }
    if (!existing.present || (existing.state === 'WAITING' && changed)) {
      this.sql
        .get(`UPDATE files SET present = 1, size = ?, mtime_ms = ?, updated_at = ? WHERE id = ?`)
        .run(stat.size, Math.trunc(stat.mtimeMs), at, existing.id);
    }
    return { file: this.get(existing.id)!, created: false, reopened: false };
  }

  setState(
    id: number,
    state: FileState,
    reason: string | null,
    extra: { mime?: string | null; kind?: string | null; caseId?: number | null } = {},
  ): void {
    this.sql
      .get(
        `UPDATE files SET state = ?, reason = ?, mime = coalesce(?, mime), kind = coalesce(?, kind),
           case_id = coalesce(?, case_id), updated_at = ? WHERE id = ?`,
      )
      .run(
        state,
        reason,
        extra.mime ?? null,
        extra.kind ?? null,
        extra.caseId ?? null,
        this.now(),
        id,
      );
  }

  /** Only updates the reason of a still-waiting file (no event storm while a copy is in progress). */
  setWaitingReason(id: number, reason: string): void {
    this.sql
      .get(`UPDATE files SET reason = ? WHERE id = ? AND state = 'WAITING' AND reason IS NOT ?`)
      .run(reason, id, reason);
  }

  record(
    id: number,
    input: {
      state: 'RECORDED' | 'DUPLICATE';
      reason: string | null;
      sha256: string;
      size: number;
      mtimeMs: number;
      mime: string;
      extMismatch: boolean;
      kind: string;
      documentId: number;
      caseId: number;
    },
  ): void {
    const at = this.now();
    this.sql
      .get(
        `UPDATE files SET state = ?, reason = ?, sha256 = ?, size = ?, mtime_ms = ?, mime = ?, ext_mismatch = ?, kind = ?,
           document_id = ?, case_id = ?, present = 1, ready_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        input.state,
        input.reason,
        input.sha256,
        input.size,
        Math.trunc(input.mtimeMs),
        input.mime,
        Number(input.extMismatch),
        input.kind,
        input.documentId,
        input.caseId,
        at,
        at,
        id,
      );
  }

  /**
   * A rename or move: the earlier row (same bytes, old path gone) takes the new path and the
   * placeholder row created when the new path was first seen is dropped.
   */
  moveTo(fromId: number, placeholderId: number, newRelPath: string, caseId: number | null): void {
    const at = this.now();
    this.sql.get(`DELETE FROM files WHERE id = ? AND id <> ?`).run(placeholderId, fromId);
    this.sql
      .get(
        `UPDATE files SET rel_path = ?, present = 1, case_id = coalesce(?, case_id), updated_at = ? WHERE id = ?`,
      )
      .run(newRelPath, caseId, at, fromId);
  }

  /** Rows with the same content in the inbox whose old path is gone: candidates for a move. */
  moveCandidates(inboxId: number, sha256: string, excludeId: number): FileRecord[] {
    return (
      this.sql
        .get(
          `SELECT * FROM files WHERE inbox_id = ? AND sha256 = ? AND id <> ? AND state IN ('RECORDED', 'DUPLICATE')
           ORDER BY present ASC, id ASC`,
        )
        .all(inboxId, sha256, excludeId) as FileDbRow[]
    ).map(toRecord);
  }

  markAbsent(id: number): void {
    this.sql
      .get(`UPDATE files SET present = 0, updated_at = ? WHERE id = ? AND present = 1`)
      .run(this.now(), id);
  }

  /** Everything known under one inbox, for reconciliation scans: path → (id, size, mtime, state). */
  snapshot(inboxId: number): Map<string, FileRecord> {
    const map = new Map<string, FileRecord>();
    const it = this.sql
      .get(`SELECT * FROM files WHERE inbox_id = ?`)
      .iterate(inboxId) as IterableIterator<FileDbRow>;
    for (const r of it) map.set(r.rel_path, toRecord(r));
    return map;
  }

  waiting(inboxId?: number): FileRecord[] {
    const rows =
      inboxId === undefined
        ? this.sql.get(`SELECT * FROM files WHERE state = 'WAITING' ORDER BY id`).all()
        : this.sql
            .get(`SELECT * FROM files WHERE state = 'WAITING' AND inbox_id = ? ORDER BY id`)
            .all(inboxId);
    return (rows as FileDbRow[]).map(toRecord);
  }

  rows(ids: readonly number[]): FileRow[] {
    if (ids.length === 0) return [];
    const params: unknown[] = [];
    const rows = this.sql
      .get(`${LIST_SELECT} WHERE f.id IN ${inList(ids, params)}`)
      .all(...params) as FileListDbRow[];
    return rows.map(toListRow);
  }

  list(
    q: PageQuery & {
      sort: string;
      state?: FileState[];
      inboxId?: number;
      caseId?: number;
      search?: string;
    },
  ): Page<FileRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.state && q.state.length > 0) where.push(`f.state IN ${inList(q.state, params)}`);
    if (q.inboxId !== undefined) {
      where.push('f.inbox_id = ?');
      params.push(q.inboxId);
    }
    if (q.caseId !== undefined) {
      where.push('f.case_id = ?');
      params.push(q.caseId);
    }
    if (q.search) {
      const s = likeContains(q.search);
      where.push(
        `(f.rel_path LIKE ? ESCAPE '\\' OR f.sha256 LIKE ? ESCAPE '\\' OR c.case_key LIKE ? ESCAPE '\\')`,
      );
      params.push(s, s, s);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.sql
        .get(`SELECT count(*) AS n FROM files f LEFT JOIN cases c ON c.id = f.case_id ${clause}`)
        .get(...params) as { n: number }
    ).n;
    const column = SORT_COLUMNS[q.sort] ?? 'f.updated_at';
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    const rows = this.sql
      .get(`${LIST_SELECT} ${clause} ORDER BY ${column} ${dir}, f.id ${dir} LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as FileListDbRow[];
    return { items: rows.map(toListRow), total, offset: q.offset, limit: q.limit };
  }

  /** Every file, streamed (for `checkdesk files` on a big ledger). */
  *iterate(filter: { state?: FileState[]; inboxId?: number }): IterableIterator<FileRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.state && filter.state.length)
      where.push(`f.state IN ${inList(filter.state, params)}`);
    if (filter.inboxId !== undefined) {
      where.push('f.inbox_id = ?');
      params.push(filter.inboxId);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const it = this.sql
      .get(`${LIST_SELECT} ${clause} ORDER BY f.id`)
      .iterate(...params) as IterableIterator<FileListDbRow>;
    for (const r of it) yield toListRow(r);
  }

  countsByState(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.get(`SELECT state, count(*) AS n FROM files GROUP BY state`).all() as {
      state: string;
      n: number;
    }[]) {
      out[r.state] = r.n;
    }
    return out;
  }

  /** Files of a case that are still being written (the case must not be planned yet). */
  caseHasWaiting(caseId: number): boolean {
    return !!this.sql
      .get(`SELECT 1 FROM files WHERE case_id = ? AND state = 'WAITING' LIMIT 1`)
      .get(caseId);
  }
}
