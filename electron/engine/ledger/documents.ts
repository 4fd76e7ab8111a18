/**
 * Documents: unique content (sha256). Same bytes = same document, whatever its name or case; the
 * copy in the store is named by its hash.
 */
import type { Database } from 'better-sqlite3';
import { StatementCache } from './sql-util.ts';
import type { DocumentRow } from '../../../shared/contract.ts';
import type { DocumentKind } from '../../../shared/model.ts';

export type PreflightState = 'PENDING' | 'PASSED' | 'FLAGGED' | 'BLOCKED' | 'OVERRIDDEN';

export interface DocumentRecord {
  id: number;
  sha256: string;
  size: number;
  mime: string;
  kind: DocumentKind;
  storePath: string;
  firstFileId: number | null;
  caseId: number | null;
  pages: number | null;
  preflight: PreflightState;
  preflightReason: string | null;
  /** A PDF that opens only with a user password (the password itself is never stored). */
  needsPassword: boolean;
  createdAt: number;
}

interface DocDbRow {
  id: number;
  sha256: string;
  size: number;
  mime: string;
  kind: string;
  store_path: string;
  first_file_id: number | null;
  case_id: number | null;
  pages: number | null;
  preflight: string;
  preflight_reason: string | null;
  needs_password: number;
  created_at: number;
}

function toRecord(r: DocDbRow): DocumentRecord {
  return {
    id: r.id,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    kind: r.kind as DocumentKind,
    storePath: r.store_path,
    firstFileId: r.first_file_id,
    caseId: r.case_id,
    pages: r.pages,
    preflight: r.preflight as PreflightState,
    preflightReason: r.preflight_reason,
    needsPassword: r.needs_password === 1,
    createdAt: r.created_at,
  };
}

export class DocumentRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  get(id: number): DocumentRecord | null {
    const r = this.sql.get(`SELECT * FROM documents WHERE id = ?`).get(id) as DocDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  bySha(sha256: string): DocumentRecord | null {
    const r = this.sql.get(`SELECT * FROM documents WHERE sha256 = ?`).get(sha256) as
      DocDbRow | undefined;
    return r ? toRecord(r) : null;
  }

  /** Inserts the document unless its bytes are already known; tells which happened. */
  insertOrGet(input: {
    sha256: string;
    size: number;
    mime: string;
    kind: DocumentKind;
    storePath: string;
    fileId: number;
    caseId: number;
  }): { doc: DocumentRecord; created: boolean } {
    const at = this.now();
    const inserted = this.sql
      .get(
        `INSERT INTO documents (sha256, size, mime, kind, store_path, first_file_id, case_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING RETURNING *`,
      )
      .get(
        input.sha256,
        input.size,
        input.mime,
        input.kind,
        input.storePath,
        input.fileId,
        input.caseId,
        at,
        at,
      ) as DocDbRow | undefined;
    if (inserted) return { doc: toRecord(inserted), created: true };
    return { doc: this.bySha(input.sha256)!, created: false };
  }

  pendingPreflight(limit: number): DocumentRecord[] {
    return (
      this.sql
        .get(`SELECT * FROM documents WHERE preflight = 'PENDING' ORDER BY id LIMIT ?`)
        .all(limit) as DocDbRow[]
    ).map(toRecord);
  }

  setPreflight(
    id: number,
    state: PreflightState,
    reason: string | null,
    info: { pages?: number | null; extracted?: unknown; needsPassword?: boolean } = {},
  ): void {
    this.sql
      .get(
        `UPDATE documents SET preflight = ?, preflight_reason = ?, pages = coalesce(?, pages),
           extracted = coalesce(?, extracted), needs_password = coalesce(?, needs_password), updated_at = ? WHERE id = ?`,
      )
      .run(
        state,
        reason,
        info.pages ?? null,
        info.extracted === undefined ? null : JSON.stringify(info.extracted),
        info.needsPassword === undefined ? null : info.needsPassword ? 1 : 0,
        this.now(),
        id,
      );
  }

  /**
   * Password-protected PDFs that were unlocked in an earlier run and are not yet sent everywhere
   * they are meant to go. CheckDesk does not keep passwords across restarts, so these need the
   * password again before they can be sent (a person's "send anyway" override is respected).
   */
  unlockedButUnsent(): DocumentRecord[] {
    return (
      this.sql
        .get(
          `SELECT d.* FROM documents d
            WHERE d.needs_password = 1 AND d.preflight IN ('PASSED', 'FLAGGED')
              AND (NOT EXISTS (SELECT 1 FROM verification_documents vd WHERE vd.document_id = d.id)
                   OR EXISTS (SELECT 1 FROM verification_documents vd JOIN verifications v ON v.id = vd.verification_id
                               WHERE vd.document_id = d.id AND v.external_id IS NULL
                                 AND v.phase IN ('READY', 'HELD', 'SUBMITTING', 'IN_DOUBT')))`,
        )
        .all() as DocDbRow[]
    ).map(toRecord);
  }

  extracted(id: number): unknown {
    const r = this.sql.get(`SELECT extracted FROM documents WHERE id = ?`).get(id) as
      { extracted: string | null } | undefined;
    return r?.extracted ? (JSON.parse(r.extracted) as unknown) : null;
  }

  forCase(caseId: number): DocumentRow[] {
    const rows = this.sql
      .get(
        `SELECT d.*, cd.linked_from_case_id,
            (SELECT f.rel_path FROM files f WHERE f.document_id = d.id AND f.case_id = cd.case_id ORDER BY f.id LIMIT 1) AS rel_path
           FROM case_documents cd JOIN documents d ON d.id = cd.document_id
          WHERE cd.case_id = ? ORDER BY d.id`,
      )
      .all(caseId) as (DocDbRow & {
      linked_from_case_id: number | null;
      rel_path: string | null;
    })[];
    return rows.map((r) => ({
      id: r.id,
      sha256: r.sha256,
      size: r.size,
      mime: r.mime,
      kind: r.kind as DocumentKind,
      pages: r.pages,
      preflight: r.preflight,
      preflightReason: r.preflight_reason,
      needsPassword: r.needs_password === 1,
      passwordGiven: false,
      fileName: r.rel_path ? (r.rel_path.split('/').pop() ?? r.rel_path) : null,
      storePath: r.store_path,
      linkedFromCaseId: r.linked_from_case_id,
    }));
  }

  /** The name of the first file that brought this document in (for uploads and messages). */
  fileNameOf(id: number): string | null {
    const r = this.sql
      .get(
        `SELECT f.rel_path FROM documents d LEFT JOIN files f ON f.id = d.first_file_id WHERE d.id = ?`,
      )
      .get(id) as { rel_path: string | null } | undefined;
    return r?.rel_path ? (r.rel_path.split('/').pop() ?? null) : null;
  }

  pendingPreflightCount(): number {
    return (
      this.sql.get(`SELECT count(*) AS n FROM documents WHERE preflight = 'PENDING'`).get() as {
        n: number;
      }
    ).n;
  }

  count(): number {
    return (this.sql.get(`SELECT count(*) AS n FROM documents`).get() as { n: number }).n;
  }
}
