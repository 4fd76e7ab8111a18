import type { Database } from 'better-sqlite3';
import { InboxProfile, type InboxRow } from '../../../shared/contract.ts';
import { parseJson, StatementCache } from './sql-util.ts';

interface InboxDbRow {
  id: number;
  path: string;
  label: string | null;
  profile: string;
  polling: number;
  paused: number;
  state: string;
  state_since: number | null;
  state_reason: string | null;
  files: number;
  waiting: number;
}

export type InboxStateName = InboxRow['state'];

function toRow(r: InboxDbRow): InboxRow {
  const parsed = InboxProfile.safeParse(parseJson(r.profile, {}));
  return {
    id: r.id,
    path: r.path,
    label: r.label,
    polling: r.polling === 1,
    paused: r.paused === 1,
    state: r.state as InboxStateName,
    stateSince: r.state_since,
    stateReason: r.state_reason,
    profile: parsed.success ? parsed.data : {},
    files: r.files,
    waiting: r.waiting,
  };
}

const SELECT = `SELECT i.*,
    (SELECT count(*) FROM files f WHERE f.inbox_id = i.id) AS files,
    (SELECT count(*) FROM files f WHERE f.inbox_id = i.id AND f.state = 'WAITING') AS waiting
  FROM inboxes i`;

export class InboxRepo {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = new StatementCache(db);
  }

  list(): InboxRow[] {
    return (
      this.sql.get(`${SELECT} WHERE i.removed_at IS NULL ORDER BY i.id`).all() as InboxDbRow[]
    ).map(toRow);
  }

  get(id: number): InboxRow | null {
    const r = this.sql.get(`${SELECT} WHERE i.id = ?`).get(id) as InboxDbRow | undefined;
    return r ? toRow(r) : null;
  }

  byPath(path: string): InboxRow | null {
    const r = this.sql.get(`${SELECT} WHERE i.path = ?`).get(path) as InboxDbRow | undefined;
    return r ? toRow(r) : null;
  }

  /** Adds an inbox, or brings back one that was removed earlier (its history is kept). */
  add(input: { path: string; label?: string | null; polling?: boolean; profile?: InboxProfile }): {
    row: InboxRow;
    created: boolean;
  } {
    const at = this.now();
    const existing = this.byPath(input.path);
    if (existing) {
      this.sql
        .get(
          `UPDATE inboxes SET removed_at = NULL, label = coalesce(?, label), polling = coalesce(?, polling),
             profile = coalesce(?, profile), state = 'starting', state_since = ? WHERE id = ?`,
        )
        .run(
          input.label ?? null,
          input.polling === undefined ? null : Number(input.polling),
          input.profile ? JSON.stringify(input.profile) : null,
          at,
          existing.id,
        );
      return { row: this.get(existing.id)!, created: false };
    }
    const id = Number(
      this.sql
        .get(
          `INSERT INTO inboxes (path, label, profile, polling, state, state_since, created_at)
           VALUES (?, ?, ?, ?, 'starting', ?, ?)`,
        )
        .run(
          input.path,
          input.label ?? null,
          JSON.stringify(input.profile ?? {}),
          Number(input.polling ?? false),
          at,
          at,
        ).lastInsertRowid,
    );
    return { row: this.get(id)!, created: true };
  }

  update(
    id: number,
    patch: { label?: string | null; polling?: boolean; paused?: boolean; profile?: InboxProfile },
  ): void {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (patch.label !== undefined) {
      sets.push('label = ?');
      params.push(patch.label);
    }
    if (patch.polling !== undefined) {
      sets.push('polling = ?');
      params.push(Number(patch.polling));
    }
    if (patch.paused !== undefined) {
      sets.push('paused = ?');
      params.push(Number(patch.paused));
    }
    if (patch.profile !== undefined) {
      sets.push('profile = ?');
      params.push(JSON.stringify(patch.profile));
    }
    if (sets.length === 0) return;
    this.sql.get(`UPDATE inboxes SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
  }

  remove(id: number): boolean {
    return (
      this.sql
        .get(`UPDATE inboxes SET removed_at = ? WHERE id = ? AND removed_at IS NULL`)
        .run(this.now(), id).changes > 0
    );
  }

  /** Returns true when the state actually changed (a disconnect is one change, not a storm). */
  setState(id: number, state: InboxStateName, reason: string | null): boolean {
    const at = this.now();
    return (
      this.sql
        .get(
          `UPDATE inboxes SET state_since = CASE WHEN state IS NOT ? THEN ? ELSE state_since END,
             state = ?, state_reason = ?
           WHERE id = ? AND (state IS NOT ? OR state_reason IS NOT ?)`,
        )
        .run(state, at, state, reason, id, state, reason).changes > 0
    );
  }
}
