/** The append-only history: every state change and every person's action, with actor and reason. */
import type { Database, Statement } from 'better-sqlite3';
import type { EventRow, Page } from '../../../shared/contract.ts';
import { likeContains, StatementCache, type PageQuery } from './sql-util.ts';

export interface HistoryEntry {
  entity:
    'file' | 'document' | 'case' | 'verification' | 'inbox' | 'provider' | 'report' | 'engine';
  entityId?: number | null;
  caseId?: number | null;
  what: string;
  from?: string | null;
  to?: string | null;
  actor?: string;
  reason?: string | null;
  detail?: unknown;
}

interface EventDbRow {
  id: number;
  at: number;
  entity: string;
  entity_id: number | null;
  case_id: number | null;
  what: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  reason: string | null;
}

export function toEventRow(r: EventDbRow): EventRow {
  return {
    id: r.id,
    at: r.at,
    entity: r.entity,
    entityId: r.entity_id,
    caseId: r.case_id,
    what: r.what,
    from: r.from_state,
    to: r.to_state,
    actor: r.actor,
    reason: r.reason,
  };
}

export class HistoryRepo {
  private readonly insert: Statement;
  private readonly sql: StatementCache;
  /** Listeners see each appended row after its transaction is requested (for the activity stream). */
  onAppend: ((row: EventRow) => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
    this.insert = db.prepare(
      `INSERT INTO events (at, entity, entity_id, case_id, what, from_state, to_state, actor, reason, detail)
       VALUES (@at, @entity, @entityId, @caseId, @what, @from, @to, @actor, @reason, @detail)`,
    );
  }

  append(entry: HistoryEntry): number {
    const at = this.now();
    const params = {
      at,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      caseId: entry.caseId ?? null,
      what: entry.what,
      from: entry.from ?? null,
      to: entry.to ?? null,
      actor: entry.actor ?? 'system',
      reason: entry.reason ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    };
    const id = Number(this.insert.run(params).lastInsertRowid);
    this.onAppend?.({
      id,
      at,
      entity: params.entity,
      entityId: params.entityId,
      caseId: params.caseId,
      what: params.what,
      from: params.from,
      to: params.to,
      actor: params.actor,
      reason: params.reason,
    });
    return id;
  }

  /** Merges a provider's own status history into the case history, once per entry. */
  appendProviderHistory(
    verificationId: number,
    caseId: number,
    provider: string,
    entries: readonly {
      at: string;
      from: string | null;
      to: string;
      actor: string | null;
      comment: string | null;
    }[],
  ): number {
    const known = new Set(
      (
        this.sql
          .get(
            `SELECT detail FROM events WHERE entity = 'verification' AND entity_id = ? AND what = 'provider_history'`,
          )
          .all(verificationId) as { detail: string | null }[]
      ).map((r) => r.detail),
    );
    let added = 0;
    for (const e of entries) {
      const detail = { at: e.at, from: e.from, to: e.to };
      if (known.has(JSON.stringify(detail))) continue;
      this.append({
        entity: 'verification',
        entityId: verificationId,
        caseId,
        what: 'provider_history',
        from: e.from,
        to: e.to,
        actor: e.actor ? `${provider}:${e.actor}` : provider,
        reason: e.comment,
        detail,
      });
      added++;
    }
    return added;
  }

  forCase(caseId: number, limit = 500): EventRow[] {
    const rows = this.sql
      .get(`SELECT * FROM events WHERE case_id = ? ORDER BY id LIMIT ?`)
      .all(caseId, limit) as EventDbRow[];
    return rows.map(toEventRow);
  }

  list(
    q: PageQuery & { caseId?: number; entity?: string; what?: string; search?: string },
  ): Page<EventRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.caseId !== undefined) {
      where.push('case_id = ?');
      params.push(q.caseId);
    }
    if (q.entity) {
      where.push('entity = ?');
      params.push(q.entity);
    }
    if (q.what) {
      where.push('what = ?');
      params.push(q.what);
    }
    if (q.search) {
      where.push(
        `(reason LIKE ? ESCAPE '\\' OR what LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\')`,
      );
      const s = likeContains(q.search);
      params.push(s, s, s);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.sql.get(`SELECT count(*) AS n FROM events ${clause}`).get(...params) as { n: number }
    ).n;
    const rows = this.sql
      .get(
        `SELECT * FROM events ${clause} ORDER BY id ${q.dir === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset) as EventDbRow[];
    return { items: rows.map(toEventRow), total, offset: q.offset, limit: q.limit };
  }

  /** Streams every event in id order (reports); never loads the table into memory. */
  *iterate(filter: { caseIds?: number[] | null } = {}): IterableIterator<EventRow> {
    const stmt = filter.caseIds
      ? this.sql.get(
          `SELECT * FROM events WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, id`,
        )
      : this.sql.get(`SELECT * FROM events WHERE case_id IS NOT NULL ORDER BY case_id, id`);
    const it = (
      filter.caseIds ? stmt.iterate(JSON.stringify(filter.caseIds)) : stmt.iterate()
    ) as IterableIterator<EventDbRow>;
    for (const row of it) yield toEventRow(row);
  }
}
