/**
 * The review queue: cases waiting for a person, oldest first (the engine lists them), and the
 * case open in the review screen. After an action the engine's answer replaces the cached case;
 * when the case needs nothing more from this person the next one opens (decide-and-next).
 */
import { create } from 'zustand';
import type {
  AllowedAction,
  CaseDetail,
  CaseRow,
  HandlerArgs,
  Stage,
} from '../../shared/contract.ts';
import type { ErrorData } from '../../shared/errors.ts';
import type { ProviderName } from '../../shared/model.ts';
import { invoke, onEvent } from '../ipc/client.ts';
import { onResync } from './engine.ts';

export type AssigneeFilter = 'any' | 'me' | 'unassigned';

export interface ReviewFilters {
  stage: Stage[];
  provider: ProviderName[];
  inboxId: number | null;
  assignee: AssigneeFilter;
  search: string;
}

export const REVIEW_LIST_LIMIT = 200;

/** Actions that settle what a person had to decide; anything else (hold, resume) leaves the case as it is. */
const DECIDING: ReadonlySet<string> = new Set([
  'approve',
  'reject',
  'confirm_fraud',
  'cancel_fraud',
  'resolve_in_doubt_found',
  'resolve_in_doubt_not_sent',
  'override_block',
  'confirm_approval',
  'retry',
  'resubmit',
]);

/**
 * True while the case still asks for a decision on another item (a case can hold several
 * verifications, or a blocked document besides). What is left on the item just decided (e.g.
 * "reject" after a first four-eyes approval) is for someone else: the next case opens.
 */
export function stillNeedsDecision(detail: CaseDetail, acted: AllowedAction): boolean {
  const sameItem = (a: AllowedAction) =>
    a.verificationId === acted.verificationId &&
    (a.documentId ?? null) === (acted.documentId ?? null);
  return detail.allowedActions.some(
    (a) => DECIDING.has(a.action) && a.action !== 'resubmit' && !sameItem(a),
  );
}

interface ReviewStore {
  filters: ReviewFilters;
  items: CaseRow[];
  total: number;
  loading: boolean;
  listError: string | null;
  currentId: number | null;
  detail: CaseDetail | null;
  /** Error of the last action, shown until the next one. */
  actionError: ErrorData | null;
  /** Short confirmation of the last action (for a live region). */
  lastDone: { action: string; caseKey: string } | null;
  busy: boolean;
  setFilters(patch: Partial<ReviewFilters>, reviewer: string | null): void;
  load(reviewer: string | null): Promise<void>;
  open(id: number | null): Promise<void>;
  step(delta: 1 | -1): void;
  act(
    action: AllowedAction,
    extra: { reason?: string; externalId?: string },
    reviewer: string | null,
  ): Promise<boolean>;
  assignToMe(reviewer: string): Promise<void>;
}

function listArgs(f: ReviewFilters, reviewer: string | null): HandlerArgs<'review.list'> {
  return {
    sort: 'createdAt',
    dir: 'asc',
    limit: REVIEW_LIST_LIMIT,
    ...(f.stage.length ? { stage: f.stage } : {}),
    ...(f.provider.length ? { provider: f.provider } : {}),
    ...(f.inboxId !== null ? { inboxId: f.inboxId } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.assignee === 'unassigned'
      ? { assignee: null }
      : f.assignee === 'me' && reviewer
        ? { assignee: reviewer }
        : {}),
  };
}

export const useReview = create<ReviewStore>((set, get) => ({
  filters: { stage: [], provider: [], inboxId: null, assignee: 'any', search: '' },
  items: [],
  total: 0,
  loading: false,
  listError: null,
  currentId: null,
  detail: null,
  actionError: null,
  lastDone: null,
  busy: false,

  setFilters(patch, reviewer) {
    set({ filters: { ...get().filters, ...patch } });
    void get().load(reviewer);
  },

  async load(reviewer) {
    set({ loading: true });
    const r = await invoke('review.list', listArgs(get().filters, reviewer));
    if (!r.ok) {
      set({ loading: false, listError: r.error.message });
      return;
    }
    set({ items: r.value.items, total: r.value.total, loading: false, listError: null });
    const { currentId } = get();
    if (currentId === null && r.value.items[0]) void get().open(r.value.items[0].id);
  },

  async open(id) {
    set({ currentId: id, actionError: null });
    if (id === null) {
      set({ detail: null });
      return;
    }
    const r = await invoke('cases.get', { id });
    if (get().currentId !== id) return;
    if (r.ok) set({ detail: r.value });
    else set({ detail: null, actionError: r.error });
  },

  step(delta) {
    const { items, currentId } = get();
    if (items.length === 0) return;
    const i = items.findIndex((c) => c.id === currentId);
    const next = items[i < 0 ? 0 : Math.min(items.length - 1, Math.max(0, i + delta))];
    if (next && next.id !== currentId) void get().open(next.id);
  },

  async act(action, extra, reviewer) {
    const { detail, items } = get();
    if (!detail) return false;
    const caseId = detail.case.id;
    set({ busy: true, actionError: null });
    const r = await invoke('review.act', {
      caseId,
      action: action.action,
      verificationId: action.verificationId,
      ...(action.documentId !== undefined && action.documentId !== null
        ? { documentId: action.documentId }
        : {}),
      ...(extra.reason?.trim() ? { reason: extra.reason.trim() } : {}),
      ...(extra.externalId?.trim() ? { externalId: extra.externalId.trim() } : {}),
    });
    if (!r.ok) {
      // The case probably changed under us: say so, then show it as it is now.
      set({ busy: false, actionError: r.error });
      const fresh = await invoke('cases.get', { id: caseId });
      if (fresh.ok && get().currentId === caseId) set({ detail: fresh.value });
      void get().load(reviewer);
      return false;
    }
    set({
      busy: false,
      detail: r.value,
      lastDone: { action: action.action, caseKey: detail.case.key },
    });
    const before = items.map((c) => c.id);
    await get().load(reviewer);
    if (DECIDING.has(action.action) && stillNeedsDecision(r.value, action)) return true;
    // Decide-and-next: the case after this one in the order the person saw, else the first left.
    const now = get().items;
    const from = before.indexOf(caseId);
    const after = before.slice(from + 1).find((id) => now.some((c) => c.id === id));
    const next = after ?? now.find((c) => c.id !== caseId)?.id ?? null;
    if (next !== null) await get().open(next);
    else if (!now.some((c) => c.id === caseId)) set({ currentId: null, detail: null });
    return true;
  },

  async assignToMe(reviewer) {
    const { detail } = get();
    if (!detail) return;
    const r = await invoke('review.assign', { caseIds: [detail.case.id], assignee: reviewer });
    if (!r.ok) {
      set({ actionError: r.error });
      return;
    }
    await get().open(detail.case.id);
    void get().load(reviewer);
  },
}));

let timer: ReturnType<typeof setTimeout> | null = null;
let currentTouched = false;

/** Live updates while the review screen is open. */
export function watchReview(reviewer: () => string | null): () => void {
  const refresh = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const s = useReview.getState();
      if (s.busy) return;
      void s.load(reviewer());
      const id = s.currentId;
      if (id !== null && currentTouched) {
        currentTouched = false;
        void invoke('cases.get', { id }).then((r) => {
          const now = useReview.getState();
          if (r.ok && now.currentId === id && !now.busy) useReview.setState({ detail: r.value });
        });
      }
    }, 500);
  };
  const offEvent = onEvent((e) => {
    if (e.name !== 'case.changed') return;
    const ids = (e.payload as { ids: number[] }).ids;
    if (ids.includes(useReview.getState().currentId ?? -1)) currentTouched = true;
    refresh();
  });
  const offResync = onResync(() => {
    currentTouched = true;
    refresh();
  });
  return () => {
    offEvent();
    offResync();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
