/**
 * OS notifications driven by engine.status snapshots, in the language chosen in settings: "batch finished" when the queue drains and
 * "review needed" when more cases wait for a person. Throttled per kind, silent while the window
 * has focus (the person is looking at the screen already) and silent for the first snapshot (an
 * app start is not news).
 */
import type { EngineStatus } from '../../shared/contract.ts';
import { pendingWork } from './queue-summary.ts';

export interface NotifierDeps {
  notify(title: string, body: string): void;
  isWindowFocused(): boolean;
  now?(): number;
  /** Minimum gap between two notifications of the same kind. */
  minIntervalMs?: number;
}

type Kind = 'batch' | 'review';

export class StatusNotifier {
  private readonly deps: NotifierDeps;
  private readonly minIntervalMs: number;
  private previousPending: number | null = null;
  /** Review count the person has already been told about (or saw). */
  private reviewBaseline: number | null = null;
  private readonly lastAt: Record<Kind, number> = { batch: -Infinity, review: -Infinity };

  constructor(deps: NotifierDeps) {
    this.deps = deps;
    this.minIntervalMs = deps.minIntervalMs ?? 60_000;
  }

  observe(status: EngineStatus): void {
    const now = (this.deps.now ?? Date.now)();
    const pending = pendingWork(status);
    const review = status.reviewQueue;
    const first = this.previousPending === null || this.reviewBaseline === null;
    const finished = !first && (this.previousPending ?? 0) > 0 && pending === 0;
    const moreReview = !first && review > (this.reviewBaseline ?? 0);
    this.previousPending = pending;
    if (first || review < (this.reviewBaseline ?? 0) || this.deps.isWindowFocused()) {
      this.reviewBaseline = review;
      return;
    }
    const id = status.language === 'id';
    if (finished && this.allowed('batch', now)) {
      const n = status.queue.done;
      const done = id ? `${n} verifikasi selesai` : `${n} verification${n === 1 ? '' : 's'} done`;
      const waiting =
        review > 0
          ? id
            ? `, ${review} kasus menunggu peninjauan`
            : `, ${review} case${review === 1 ? '' : 's'} waiting for review`
          : '';
      this.deps.notify(id ? 'Batch selesai' : 'Batch finished', `${done}${waiting}.`);
      this.reviewBaseline = review;
      return;
    }
    if (moreReview && this.allowed('review', now)) {
      this.deps.notify(
        id ? 'Perlu ditinjau' : 'Review needed',
        id
          ? `${review} kasus menunggu peninjauan.`
          : `${review} case${review === 1 ? '' : 's'} waiting for review.`,
      );
      this.reviewBaseline = review;
    }
  }

  private allowed(kind: Kind, now: number): boolean {
    if (now - this.lastAt[kind] < this.minIntervalMs) return false;
    this.lastAt[kind] = now;
    return true;
  }
}
