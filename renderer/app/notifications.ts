/**
 * Desktop notifications (Electron only): a batch finished, or more cases wait for a person.
 * Quiet for the first snapshot (an app start is not news), while the window has focus (the
 * person is looking already) and at most once a minute per kind. Texts follow the UI language.
 */
import type { EngineStatus } from '../../shared/contract.ts';
import { translate, useLang } from '../i18n/index.ts';
import { formatNumber } from '../i18n/format.ts';
import { isDesktop } from '../ipc/client.ts';
import { useEngine } from '../stores/engine.ts';

const MIN_GAP_MS = 60_000;

/** Work that still moves by itself; "finished" is when it reaches zero. */
export function pendingWork(status: EngineStatus): number {
  const q = status.queue;
  return q.held + q.ready + q.submitting + q.polling + (status.files.WAITING ?? 0);
}

export type NoticeKind = 'batch' | 'review';

/** Decides what to announce for a new snapshot; pure apart from its own memory. */
export class NotificationRules {
  private pending: number | null = null;
  private reviewBaseline: number | null = null;
  private readonly last: Record<NoticeKind, number> = { batch: -Infinity, review: -Infinity };

  next(status: EngineStatus, now: number, focused: boolean): { kind: NoticeKind; done: number; review: number } | null {
    const pending = pendingWork(status);
    const review = status.reviewQueue;
    const first = this.pending === null || this.reviewBaseline === null;
    const finished = !first && (this.pending ?? 0) > 0 && pending === 0;
    const moreReview = !first && review > (this.reviewBaseline ?? 0);
    this.pending = pending;
    if (first || focused || review < (this.reviewBaseline ?? 0)) {
      this.reviewBaseline = review;
      return null;
    }
    if (finished && now - this.last.batch >= MIN_GAP_MS) {
      this.last.batch = now;
      this.reviewBaseline = review;
      return { kind: 'batch', done: status.queue.done, review };
    }
    if (moreReview && now - this.last.review >= MIN_GAP_MS) {
      this.last.review = now;
      this.reviewBaseline = review;
      return { kind: 'review', done: status.queue.done, review };
    }
    return null;
  }
}

let started = false;

export function startDesktopNotifications(): void {
  if (started || !isDesktop || typeof Notification === 'undefined') return;
  started = true;
  if (Notification.permission === 'default') void Notification.requestPermission();
  const rules = new NotificationRules();
  useEngine.subscribe((s, prev) => {
    if (!s.status || s.status === prev.status) return;
    const notice = rules.next(s.status, Date.now(), document.hasFocus());
    if (!notice || Notification.permission !== 'granted') return;
    const lang = useLang.getState().lang;
    const n = (v: number) => formatNumber(lang, v);
    const title = translate(lang, notice.kind === 'batch' ? 'notify.batchTitle' : 'notify.reviewTitle');
    const body =
      notice.kind === 'batch'
        ? translate(lang, notice.review > 0 ? 'notify.batchBodyReview' : 'notify.batchBody', { done: n(notice.done), review: n(notice.review) })
        : translate(lang, 'notify.reviewBody', { review: n(notice.review) });
    const shown = new Notification(title, { body, tag: `checkdesk-${notice.kind}` });
    shown.onclick = () => {
      window.focus();
      if (notice.kind === 'review') window.location.hash = '#/review';
    };
  });
}
