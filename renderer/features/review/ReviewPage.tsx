/**
 * The review queue: oldest first, one case at a time, keyboard first. The buttons are exactly
 * the engine's allowed actions; after a decision the next case opens by itself.
 */
import { useEffect, useState } from 'react';
import type { AllowedAction } from '../../../shared/contract.ts';
import { PROVIDER_NAMES } from '../../lib/enums.ts';
import { Badge } from '../../components/Badge.tsx';
import { CheckboxMenu } from '../../components/CheckboxMenu.tsx';
import { InboxSelect } from '../../components/InboxSelect.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useDebouncedEffect } from '../../hooks/useDebounced.ts';
import { useNow } from '../../hooks/useNow.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { useReview, watchReview, type AssigneeFilter } from '../../stores/review.ts';
import { useSettings } from '../../stores/settings.ts';
import { ActionBar } from '../case/ActionBar.tsx';
import { ActionDialog } from '../case/ActionDialog.tsx';
import { CaseBody, CaseHeader } from '../case/CaseView.tsx';
import { useViewer } from '../case/viewerStore.ts';
import { providerLabel } from '../providers/names.ts';
import { CheatSheet } from './CheatSheet.tsx';
import { actionForKey, typingInto } from './shortcuts.ts';

const REVIEW_STAGES = ['REVIEW', 'IN_DOUBT', 'BLOCKED'] as const;

function QueueFilters() {
  const t = useT();
  const lbl = useLabel();
  const filters = useReview((s) => s.filters);
  const reviewer = useSettings((s) => s.reviewer);
  const [search, setSearch] = useState(filters.search);
  useDebouncedEffect(search, 300, (v) => useReview.getState().setFilters({ search: v }, reviewer));
  const set = (patch: Parameters<ReturnType<typeof useReview.getState>['setFilters']>[0]) =>
    useReview.getState().setFilters(patch, reviewer);
  return (
    <div className="filters compact" role="search" aria-label={t('review.filters')}>
      <label className="field grow">
        <span>{t('cases.search')}</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('cases.searchHint')}
        />
      </label>
      <CheckboxMenu
        legend={t('cases.col.stage')}
        options={REVIEW_STAGES}
        selected={filters.stage as (typeof REVIEW_STAGES)[number][]}
        labelOf={(v) => lbl('stage', v)}
        onChange={(stage) => set({ stage })}
      />
      <CheckboxMenu
        legend={t('cases.provider')}
        options={PROVIDER_NAMES}
        selected={filters.provider}
        labelOf={(v) => providerLabel(v)}
        onChange={(provider) => set({ provider })}
      />
      <InboxSelect value={filters.inboxId} onChange={(inboxId) => set({ inboxId })} />
      <label className="field">
        <span>{t('review.assignee')}</span>
        <select
          value={filters.assignee}
          onChange={(e) => set({ assignee: e.target.value as AssigneeFilter })}
          data-testid="assignee-filter"
        >
          <option value="any">{t('review.assignee.any')}</option>
          <option value="me">{t('review.assignee.me')}</option>
          <option value="unassigned">{t('review.assignee.unassigned')}</option>
        </select>
      </label>
    </div>
  );
}

function QueueList() {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const now = useNow(30_000);
  const items = useReview((s) => s.items);
  const total = useReview((s) => s.total);
  const currentId = useReview((s) => s.currentId);
  const loading = useReview((s) => s.loading);
  return (
    <nav className="queue" aria-label={t('review.queueLabel')} data-testid="review-queue">
      <p className="muted" role="status" data-testid="review-count">
        {loading && items.length === 0
          ? t('common.loading')
          : t('review.count', { n: f.number(total) })}
      </p>
      <ol className="queue-list">
        {items.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              aria-current={c.id === currentId ? 'true' : undefined}
              onClick={() => void useReview.getState().open(c.id)}
              data-testid="review-item"
              data-case-key={c.key}
            >
              <span className="q-key">{c.key}</span>
              <Badge value={c.stage} text={lbl('stage', c.stage)} />
              {c.applicant ? <span className="q-line">{c.applicant}</span> : null}
              <span className="q-line muted small">
                {t('review.waiting', { when: f.relative(c.createdAt, now) })}
                {c.assignee ? ` · ${c.assignee}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {total > items.length ? (
        <p className="muted small">{t('review.more', { n: f.number(total - items.length) })}</p>
      ) : null}
    </nav>
  );
}

export function ReviewPage({ initialId }: { initialId: number | null }) {
  const t = useT();
  const lbl = useLabel();
  const reviewer = useSettings((s) => s.reviewer);
  const detail = useReview((s) => s.detail);
  const busy = useReview((s) => s.busy);
  const actionError = useReview((s) => s.actionError);
  const lastDone = useReview((s) => s.lastDone);
  const items = useReview((s) => s.items);
  const loading = useReview((s) => s.loading);
  const [pending, setPending] = useState<AllowedAction | null>(null);
  const [help, setHelp] = useState(false);
  const [hint, setHint] = useState<string | null>(null);

  // The case named in the address opens first; later moves only rewrite the address.
  const [startId] = useState(initialId);
  useEffect(() => {
    const s = useReview.getState();
    useReview.setState({ lastDone: null, actionError: null });
    const first = startId ?? s.currentId;
    if (first !== null) void s.open(first);
    void s.load(useSettings.getState().reviewer);
    return watchReview(() => useSettings.getState().reviewer);
  }, [startId]);

  // Keep the address pointing at the open case (no navigation, no history entry).
  useEffect(() => {
    useViewer.getState().reset();
    if (detail) window.history.replaceState(null, '', `#/review/${detail.case.id}`);
  }, [detail?.case.id]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target) || pending || help) return;
      const s = useReview.getState();
      const v = useViewer.getState();
      const key = e.key;
      if (key === '?') {
        setHelp(true);
      } else if (key === 'j' || key === 'J') {
        s.step(1);
      } else if (key === 'k' || key === 'K') {
        s.step(-1);
      } else if ((key === 'm' || key === 'M') && reviewer) {
        void s.assignToMe(reviewer);
      } else if (key === '+' || key === '=') {
        v.zoom(1);
      } else if (key === '-') {
        v.zoom(-1);
      } else if (key === '0') {
        v.fit();
      } else if (key === '[') {
        v.rotate(-90);
      } else if (key === ']') {
        v.rotate(90);
      } else if (s.detail && /^[arhut]$/i.test(key)) {
        const a = actionForKey(key, s.detail.allowedActions);
        if (a) setPending(a);
        else setHint(t('review.keyNotAllowed', { key: key.toUpperCase() }));
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending, help, reviewer, t]);

  const confirm = async (extra: { reason?: string; externalId?: string }) => {
    if (!pending) return;
    const a = pending;
    const ok = await useReview.getState().act(a, extra, reviewer);
    setPending(null);
    if (ok) setHint(null);
  };

  return (
    <section aria-labelledby="review-title" className="review-page">
      <div className="page-head">
        <h1 id="review-title">{t('nav.review')}</h1>
        <button
          type="button"
          onClick={() => setHelp(true)}
          aria-keyshortcuts="?"
          data-testid="open-cheat-sheet"
        >
          {t('review.shortcuts')} <kbd aria-hidden="true">?</kbd>
        </button>
      </div>
      <QueueFilters />
      <div className="review-layout">
        <QueueList />
        <div className="review-case" data-testid="review-case">
          <p role="status" className="muted" data-testid="review-status">
            {lastDone
              ? t('review.done', {
                  action: lbl('reviewAction', lastDone.action),
                  key: lastDone.caseKey,
                })
              : ''}
            {hint ? ` ${hint}` : ''}
          </p>
          <ErrorNote
            error={actionError}
            onDismiss={() => useReview.setState({ actionError: null })}
          />
          {detail ? (
            <>
              <CaseHeader
                detail={detail}
                headingLevel={2}
                extra={
                  <div className="case-actions">
                    <ActionBar detail={detail} onRequest={setPending} busy={busy} showKeys />
                    {reviewer && detail.case.assignee !== reviewer ? (
                      <button
                        type="button"
                        onClick={() => void useReview.getState().assignToMe(reviewer)}
                        aria-keyshortcuts="M"
                      >
                        {t('review.assignMe')} <kbd aria-hidden="true">M</kbd>
                      </button>
                    ) : null}
                    <a href={`#/cases/${detail.case.id}`}>{t('review.openFull')}</a>
                  </div>
                }
              />
              <CaseBody detail={detail} />
            </>
          ) : (
            <p className="empty" data-testid="review-empty">
              {loading
                ? t('common.loading')
                : items.length === 0
                  ? t('review.empty')
                  : t('review.pick')}
            </p>
          )}
        </div>
      </div>
      {pending && detail ? (
        <ActionDialog
          action={pending}
          detail={detail}
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={(extra) => void confirm(extra)}
        />
      ) : null}
      {help ? <CheatSheet onClose={() => setHelp(false)} /> : null}
    </section>
  );
}
