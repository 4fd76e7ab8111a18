/** Small helpers for building paged, filtered queries safely (identifiers from allow-lists only). */
import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements keyed by their SQL text. Preparing costs more than running a small
 * statement, and the queue's hot paths build a handful of distinct statements over and over.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size > 500) this.cache.clear();
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function inList(values: readonly unknown[], params: unknown[]): string {
  params.push(...values);
  return `(${values.map(() => '?').join(', ')})`;
}

/** Escape LIKE wildcards so a search for `50%` finds the text "50%". */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface PageQuery {
  offset: number;
  limit: number;
  dir: 'asc' | 'desc';
}
