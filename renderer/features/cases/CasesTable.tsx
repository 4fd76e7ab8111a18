/**
 * The cases table: virtualised rows (only what is on screen exists in the DOM) over pages that
 * the store fetches from the engine as they come into view. Arrow keys move between rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { CaseRow } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { caseHref } from '../../app/router.ts';
import { CASE_PAGE, setVisibleRange, useCases, type CaseSort } from '../../stores/cases.ts';
import { providerLabel } from '../providers/names.ts';

const ROW_HEIGHT = 36;

interface Column {
  key: string;
  title: MessageKey;
  sort?: CaseSort;
}

const COLUMNS: readonly Column[] = [
  { key: 'key', title: 'cases.col.case', sort: 'key' },
  { key: 'applicant', title: 'cases.col.applicant', sort: 'applicant' },
  { key: 'nik', title: 'cases.col.nik' },
  { key: 'stage', title: 'cases.col.stage', sort: 'stage' },
  { key: 'decision', title: 'cases.col.decision', sort: 'decision' },
  { key: 'issues', title: 'cases.col.issues' },
  { key: 'documents', title: 'cases.col.documents' },
  { key: 'providers', title: 'cases.col.providers' },
  { key: 'credits', title: 'cases.col.credits', sort: 'credits' },
  { key: 'updated', title: 'cases.col.updated', sort: 'updatedAt' },
];

const CaseRowView = memo(function CaseRowView(props: {
  row: CaseRow;
  index: number;
  selected: boolean;
  start: number;
  lang: string;
}) {
  const { row, index, selected, start } = props;
  const t = useT();
  const lbl = useLabel();
  const f = useFormat();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vrow${selected ? ' selected' : ''}`}
      data-index={index}
      data-testid="cases-row"
      data-case-id={row.id}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className="c-select">
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => useCases.getState().toggle(row.id, e.target.checked)}
          aria-label={t('cases.selectCase', { key: row.key })}
        />
      </div>
      <div role="gridcell" className="c-key">
        <a href={caseHref(row.id)} className="row-link">
          {row.key}
        </a>
      </div>
      <div role="gridcell" className="c-applicant" title={row.applicant ?? undefined}>
        {row.applicant ?? '—'}
      </div>
      <div role="gridcell" className="c-nik mono">
        {row.nik ?? '—'}
      </div>
      <div role="gridcell">
        <Badge value={row.stage} text={lbl('stage', row.stage)} />
      </div>
      <div role="gridcell">
        <Badge value={row.decision} text={lbl('decision', row.decision)} />
      </div>
      <div role="gridcell" className="num">
        {row.openIssues > 0 ? <span className="issues">{f.number(row.openIssues)}</span> : '0'}
      </div>
      <div role="gridcell" className="num">
        {f.number(row.documents)}
      </div>
      <div role="gridcell">{row.providers.map(providerLabel).join(', ')}</div>
      <div role="gridcell" className="num">
        {f.number(row.credits, 2)}
      </div>
      <div role="gridcell">{f.dateTime(row.updatedAt)}</div>
    </div>
  );
});

function PlaceholderRow({ index, start }: { index: number; start: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="vrow placeholder"
      data-index={index}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className="c-select" />
      <div role="gridcell">…</div>
    </div>
  );
}

export function CasesTable() {
  const t = useT();
  const lang = useFormat().lang;
  const total = useCases((s) => s.total);
  const pages = useCases((s) => s.pages);
  const selected = useCases((s) => s.selected);
  const sort = useCases((s) => s.sort);
  const dir = useCases((s) => s.dir);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusAfter = useRef<number | null>(null);

  // TanStack Virtual is not React-Compiler safe; this app does not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Render after the scroll event instead of inside it: the browser keeps scrolling smoothly
    // and React batches what arrives in the same frame.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    setVisibleRange(first, last);
    useCases.getState().ensureRange(first, Math.max(last, first + CASE_PAGE - 1));
  }, [first, last, pages, total]);

  // After arrow-key navigation the target row is rendered: focus its link.
  useEffect(() => {
    const i = focusAfter.current;
    if (i === null) return;
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(
      `[data-index="${i}"] a.row-link`,
    );
    if (link) {
      focusAfter.current = null;
      link.focus({ preventScroll: true });
    }
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End')
        return;
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row || !total) return;
      const i = Number(row.dataset.index);
      const next =
        e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? total - 1
            : Math.min(total - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
      e.preventDefault();
      focusAfter.current = next;
      virtualizer.scrollToIndex(next, { align: 'auto' });
      const link = scrollRef.current?.querySelector<HTMLAnchorElement>(
        `[data-index="${next}"] a.row-link`,
      );
      if (link) {
        focusAfter.current = null;
        link.focus({ preventScroll: true });
      }
    },
    [total, virtualizer],
  );

  const loadedIds = useMemo(() => Object.values(pages).flatMap((p) => p.map((r) => r.id)), [pages]);
  const allLoadedSelected = useMemo(
    () => loadedIds.length > 0 && loadedIds.every((id) => selected.has(id)),
    [loadedIds, selected],
  );

  return (
    <div className="vtable-wrap">
      <div
        role="grid"
        aria-label={t('cases.tableLabel')}
        aria-rowcount={(total ?? 0) + 1}
        aria-multiselectable="true"
        className="vtable"
        data-testid="cases-table"
        data-total={total ?? undefined}
      >
        <div role="rowgroup" className="vhead">
          <div role="row" aria-rowindex={1} className="vrow head">
            <div role="columnheader" className="c-select">
              <input
                type="checkbox"
                checked={allLoadedSelected}
                onChange={(e) => useCases.getState().setSelected(loadedIds, e.target.checked)}
                aria-label={t('cases.selectLoaded')}
                disabled={loadedIds.length === 0}
              />
            </div>
            {COLUMNS.map((c) => (
              <div
                key={c.key}
                role="columnheader"
                aria-sort={
                  c.sort && sort === c.sort
                    ? dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
                className={
                  c.key === 'issues' || c.key === 'documents' || c.key === 'credits'
                    ? 'num'
                    : undefined
                }
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="link sort"
                    onClick={() => useCases.getState().setSort(c.sort!)}
                  >
                    {t(c.title)}
                    {sort === c.sort ? (
                      <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>
                    ) : null}
                  </button>
                ) : (
                  t(c.title)
                )}
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="vscroll" data-testid="cases-scroll">
          <div
            role="rowgroup"
            className="vbody"
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={onKeyDown}
          >
            {items.map((v) => {
              const row = pages[Math.floor(v.index / CASE_PAGE)]?.[v.index % CASE_PAGE];
              return row ? (
                <CaseRowView
                  key={row.id}
                  row={row}
                  index={v.index}
                  selected={selected.has(row.id)}
                  start={v.start}
                  lang={lang}
                />
              ) : (
                <PlaceholderRow key={`p${v.index}`} index={v.index} start={v.start} />
              );
            })}
          </div>
        </div>
      </div>
      {total === 0 ? <p className="empty">{t('cases.empty')}</p> : null}
    </div>
  );
}
