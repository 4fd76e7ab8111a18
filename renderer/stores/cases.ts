/**
 * The cases table's cache: pages of rows fetched from `cases.list` on demand as the table
 * scrolls. The engine filters, sorts and pages in SQL; this never holds more than the pages
 * somebody looked at, and live changes re-read only the visible ones.
 */
import { create } from 'zustand';
import type { CaseRow, HandlerArgs, Stage } from '../../shared/contract.ts';
import type { Decision, ProviderName } from '../../shared/model.ts';
import { invoke, onEvent } from '../ipc/client.ts';
import { onResync } from './engine.ts';

export const CASE_PAGE = 100;

export type CaseSort =
  'updatedAt' | 'createdAt' | 'key' | 'applicant' | 'stage' | 'decision' | 'credits';

export interface CaseFilters {
  search: string;
  stage: Stage[];
  decision: Decision[];
  provider: ProviderName[];
  inboxId: number | null;
  /** Local dates `YYYY-MM-DD` (inclusive), or ''. */
  from: string;
  to: string;
  hasIssues: boolean | null;
}

export const EMPTY_FILTERS: CaseFilters = {
  search: '',
  stage: [],
  decision: [],
  provider: [],
  inboxId: null,
  from: '',
  to: '',
  hasIssues: null,
};

/** Start of a local calendar day, in epoch ms. */
export function localDayStart(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

export function filterArgs(f: CaseFilters) {
  const from = localDayStart(f.from);
  const toDay = localDayStart(f.to);
  return {
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.stage.length ? { stage: f.stage } : {}),
    ...(f.decision.length ? { decision: f.decision } : {}),
    ...(f.provider.length ? { provider: f.provider } : {}),
    ...(f.inboxId !== null ? { inboxId: f.inboxId } : {}),
    ...(from !== undefined ? { from } : {}),
    // `to` is exclusive at the engine: the day after the chosen one.
    ...(toDay !== undefined ? { to: toDay + 86_400_000 } : {}),
    ...(f.hasIssues !== null ? { hasIssues: f.hasIssues } : {}),
  };
}

interface CasesStore {
  filters: CaseFilters;
  sort: CaseSort;
  dir: 'asc' | 'desc';
  /** Bumped whenever the query changes: answers to older queries are dropped. */
  generation: number;
  total: number | null;
  pages: Readonly<Record<number, CaseRow[]>>;
  error: string | null;
  selected: ReadonlySet<number>;
  setFilters(patch: Partial<CaseFilters>): void;
  resetFilters(): void;
  setSort(sort: CaseSort): void;
  toggleDir(): void;
  /** Makes sure the rows first..last are loaded (or loading). */
  ensureRange(first: number, last: number): void;
  /** Re-reads the visible pages (live update) and forgets the others. */
  refreshVisible(): Promise<void>;
  toggle(id: number, on?: boolean): void;
  setSelected(ids: readonly number[], on: boolean): void;
  clearSelection(): void;
}

const inFlight = new Map<number, number>(); // page → generation
let visible: [number, number] = [0, 0];

/** The table tells the store which rows are on screen. */
export function setVisibleRange(first: number, last: number): void {
  visible = [first, last];
}

function pagesOf(first: number, last: number): number[] {
  const out: number[] = [];
  for (
    let p = Math.floor(Math.max(0, first) / CASE_PAGE);
    p <= Math.floor(Math.max(0, last) / CASE_PAGE);
    p++
  )
    out.push(p);
  return out;
}

const MAX_PAGES = 24;

/** The cached row when nothing in it changed (the engine bumps updatedAt on every change). */
function reuse(old: CaseRow | undefined, fresh: CaseRow): CaseRow {
  if (
    old &&
    old.updatedAt === fresh.updatedAt &&
    old.stage === fresh.stage &&
    old.decision === fresh.decision &&
    old.openIssues === fresh.openIssues &&
    old.documents === fresh.documents &&
    old.assignee === fresh.assignee &&
    old.providers.join() === fresh.providers.join()
  ) {
    return old;
  }
  return fresh;
}

/** Keeps the cache small: the pages nearest to what is on screen. */
function trim(pages: Record<number, CaseRow[]>): Record<number, CaseRow[]> {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= MAX_PAGES) return pages;
  const centre = Math.floor((visible[0] + visible[1]) / 2 / CASE_PAGE);
  keys.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre));
  const out: Record<number, CaseRow[]> = {};
  for (const k of keys.slice(0, MAX_PAGES)) out[k] = pages[k]!;
  return out;
}

export const useCases = create<CasesStore>((set, get) => {
  function args(page: number): HandlerArgs<'cases.list'> {
    const { filters, sort, dir } = get();
    return { ...filterArgs(filters), sort, dir, offset: page * CASE_PAGE, limit: CASE_PAGE };
  }

  async function fetchPage(page: number): Promise<void> {
    const generation = get().generation;
    if (inFlight.get(page) === generation) return;
    inFlight.set(page, generation);
    const r = await invoke('cases.list', args(page));
    if (inFlight.get(page) === generation) inFlight.delete(page);
    if (get().generation !== generation) return;
    if (!r.ok) {
      set({ error: r.error.message });
      return;
    }
    set((s) => ({
      pages: trim({ ...s.pages, [page]: r.value.items }),
      total: r.value.total,
      error: null,
    }));
  }

  function restart(patch: Partial<CasesStore>): void {
    inFlight.clear();
    set({ ...patch, generation: get().generation + 1, pages: {}, total: null, error: null });
    void fetchPage(0);
  }

  return {
    filters: EMPTY_FILTERS,
    sort: 'updatedAt',
    dir: 'desc',
    generation: 0,
    total: null,
    pages: {},
    error: null,
    selected: new Set<number>(),
    setFilters(patch) {
      restart({ filters: { ...get().filters, ...patch } });
    },
    resetFilters() {
      restart({ filters: EMPTY_FILTERS });
    },
    setSort(sort) {
      const { sort: current, dir } = get();
      restart({ sort, dir: current === sort && dir === 'desc' ? 'asc' : 'desc' });
    },
    toggleDir() {
      restart({ dir: get().dir === 'asc' ? 'desc' : 'asc' });
    },
    ensureRange(first, last) {
      const { pages, total } = get();
      const max = total === null ? last : Math.min(last, Math.max(0, total - 1));
      for (const p of pagesOf(first, max)) if (!pages[p]) void fetchPage(p);
    },
    async refreshVisible() {
      const generation = get().generation;
      const wanted = pagesOf(visible[0], visible[1]);
      const results = await Promise.all(
        wanted.map((p) => invoke('cases.list', args(p)).then((r) => [p, r] as const)),
      );
      if (get().generation !== generation) return;
      const pages: Record<number, CaseRow[]> = {};
      let total = get().total;
      for (const [p, r] of results) {
        if (!r.ok) {
          set({ error: r.error.message });
          return;
        }
        pages[p] = r.value.items;
        total = r.value.total;
      }
      // Rows that did not change keep their object, so the table re-renders only what changed.
      const before = new Map<number, CaseRow>();
      for (const list of Object.values(get().pages)) for (const r of list) before.set(r.id, r);
      for (const [k, list] of Object.entries(pages))
        pages[Number(k)] = list.map((r) => reuse(before.get(r.id), r));
      // Other pages may have shifted: they are read again when scrolled to.
      set({ pages, total, error: null, generation: generation + 1 });
      inFlight.clear();
    },
    toggle(id, on) {
      const next = new Set(get().selected);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      set({ selected: next });
    },
    setSelected(ids, on) {
      const next = new Set(get().selected);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      set({ selected: next });
    },
    clearSelection() {
      set({ selected: new Set<number>() });
    },
  };
});

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let subscribers = 0;
let unsubscribe: (() => void) | null = null;

function scheduleRefresh(): void {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void useCases.getState().refreshVisible();
  }, 400);
}

/** Live updates while a cases view is mounted; returns the function that stops them. */
export function watchCases(): () => void {
  subscribers++;
  if (!unsubscribe) {
    const offEvent = onEvent((e) => {
      if (e.name === 'case.changed') scheduleRefresh();
    });
    const offResync = onResync(scheduleRefresh);
    unsubscribe = () => {
      offEvent();
      offResync();
    };
  }
  return () => {
    subscribers--;
    if (subscribers === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
    }
  };
}
