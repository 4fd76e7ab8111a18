/** Small helpers for building paged, filtered queries safely (identifiers from allow-lists only). */

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
