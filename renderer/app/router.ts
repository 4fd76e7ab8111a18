/**
 * Hash routes (`#/cases/12`): they work the same under app:// and the browser host, survive a
 * reload and never reach the server.
 */
import { useSyncExternalStore } from 'react';

export const SCREENS = [
  'dashboard',
  'cases',
  'review',
  'inboxes',
  'providers',
  'export',
  'activity',
  'files',
] as const;
export type Screen = (typeof SCREENS)[number] | 'case';

export interface Route {
  screen: Screen;
  id: number | null;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [head, arg] = parts;
  const id = arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : null;
  if (head === 'cases' && id !== null) return { screen: 'case', id };
  if (head === 'review') return { screen: 'review', id };
  if ((SCREENS as readonly string[]).includes(head ?? ''))
    return { screen: head as Screen, id: null };
  return { screen: 'dashboard', id: null };
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function navigate(path: string): void {
  window.location.hash = `#/${path.replace(/^#?\/?/, '')}`;
}

export function caseHref(id: number): string {
  return `#/cases/${id}`;
}
