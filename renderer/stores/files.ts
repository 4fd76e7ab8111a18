/**
 * The files list: one page at a time, paged and sorted by the engine in SQL. File events only
 * trigger a (debounced) re-read of the visible page.
 */
import { create } from 'zustand';
import type { FileRow, FileState } from '../../shared/contract.ts';
import { invoke, onEvent } from '../ipc/client.ts';
import { onResync } from './engine.ts';

export type FileSort = 'updatedAt' | 'firstSeenAt' | 'path' | 'state' | 'size';

interface FilesStore {
  items: FileRow[];
  total: number;
  offset: number;
  limit: number;
  sort: FileSort;
  dir: 'asc' | 'desc';
  state: FileState[];
  search: string;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  setPage(offset: number): void;
  setSort(sort: FileSort): void;
  setFilter(patch: { state?: FileState[]; search?: string }): void;
}

export const useFiles = create<FilesStore>((set, get) => ({
  items: [],
  total: 0,
  offset: 0,
  limit: 50,
  sort: 'updatedAt',
  dir: 'desc',
  state: [],
  search: '',
  loading: false,
  error: null,
  async load() {
    const { offset, limit, sort, dir, state, search } = get();
    set({ loading: true });
    const r = await invoke('files.list', {
      offset,
      limit,
      sort,
      dir,
      ...(state.length ? { state } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    });
    if (r.ok) set({ items: r.value.items, total: r.value.total, loading: false, error: null });
    else set({ loading: false, error: r.error.message });
  },
  setPage(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },
  setSort(sort) {
    const { sort: current, dir } = get();
    set({ sort, dir: current === sort && dir === 'desc' ? 'asc' : 'desc', offset: 0 });
    void get().load();
  },
  setFilter(patch) {
    set({ ...patch, offset: 0 });
    void get().load();
  },
}));

let timer: ReturnType<typeof setTimeout> | null = null;

/** Live updates while the files list is on screen; returns the function that stops them. */
export function watchFiles(): () => void {
  const later = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void useFiles.getState().load();
    }, 250);
  };
  const off = onEvent((e) => {
    if (e.name === 'file.added' || e.name === 'file.changed') later();
  });
  const offResync = onResync(later);
  return () => {
    off();
    offResync();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
