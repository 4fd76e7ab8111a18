/** Check results (pre-flight and provider) in canonical form. */
import type { Database } from 'better-sqlite3';
import type { StoredCheck } from '../../../shared/contract.ts';
import type { Check } from '../../../shared/model.ts';
import { parseJson, StatementCache } from './sql-util.ts';

interface CheckDbRow {
  id: number;
  document_id: number | null;
  verification_id: number | null;
  case_id: number | null;
  source: string;
  type: string;
  name: string | null;
  outcome: string;
  blocking: number;
  score: string | null;
  reasons: string;
  details: string | null;
  created_at: number;
}

function toStored(r: CheckDbRow): StoredCheck {
  return {
    id: r.id,
    documentId: r.document_id,
    verificationId: r.verification_id,
    source: r.source as 'preflight' | 'provider',
    type: r.type as Check['type'],
    ...(r.name ? { name: r.name } : {}),
    outcome: r.outcome as Check['outcome'],
    score: parseJson(r.score, null),
    reasons: parseJson(r.reasons, []),
    ...(r.details ? { details: parseJson(r.details, {}) } : {}),
    blocking: r.blocking === 1,
    createdAt: r.created_at,
  };
}

export class CheckRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  /** Replaces the checks of one (document | verification, source) with a fresh set. */
  replace(
    owner: { documentId?: number | null; verificationId?: number | null; caseId: number | null },
    source: 'preflight' | 'provider',
    checks: readonly (Check & { blocking?: boolean })[],
  ): void {
    const at = this.now();
    if (owner.verificationId != null) {
      this.sql
        .get(`DELETE FROM checks WHERE verification_id = ? AND source = ?`)
        .run(owner.verificationId, source);
    } else if (owner.documentId != null) {
      this.sql
        .get(`DELETE FROM checks WHERE document_id = ? AND verification_id IS NULL AND source = ?`)
        .run(owner.documentId, source);
    }
    const insert = this.sql.get(
      `INSERT INTO checks (document_id, verification_id, case_id, source, type, name, outcome, blocking, score, reasons, details, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of checks) {
      insert.run(
        owner.documentId ?? null,
        owner.verificationId ?? null,
        owner.caseId,
        source,
        c.type,
        c.name ?? null,
        c.outcome,
        Number(c.blocking ?? false),
        c.score ? JSON.stringify(c.score) : null,
        JSON.stringify(c.reasons),
        c.details ? JSON.stringify(c.details) : null,
        at,
      );
    }
  }

  forDocument(documentId: number): StoredCheck[] {
    return (
      this.sql
        .get(`SELECT * FROM checks WHERE document_id = ? AND verification_id IS NULL ORDER BY id`)
        .all(documentId) as CheckDbRow[]
    ).map(toStored);
  }

  /** Pre-flight checks of the case's documents plus provider checks of its verifications. */
  forCase(caseId: number): StoredCheck[] {
    return (
      this.sql
        .get(
          `SELECT * FROM checks WHERE verification_id IN (SELECT id FROM verifications WHERE case_id = ? AND superseded_by IS NULL)
             OR (verification_id IS NULL AND document_id IN (SELECT document_id FROM case_documents WHERE case_id = ?))
           ORDER BY id`,
        )
        .all(caseId, caseId) as CheckDbRow[]
    ).map(toStored);
  }
}
