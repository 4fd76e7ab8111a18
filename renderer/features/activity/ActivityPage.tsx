/**
 * The activity log: every recorded event, newest first, paged and filtered by the engine; new
 * events arrive live (unless paused, so a person can read in peace).
 */
import { useEffect, useState } from 'react';
import type { EventRow } from '../../../shared/contract.ts';
import { ENTITY_LABELS, EVENT_LABELS } from '../../../shared/i18n/enums.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useDebouncedEffect } from '../../hooks/useDebounced.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { caseHref } from '../../app/router.ts';
import { onEvent } from '../../ipc/client.ts';
import { useQuery } from '../../hooks/useQuery.ts';
import { onResync } from '../../stores/engine.ts';
import { eventWhat, stateText } from './eventText.ts';

const LIMIT = 50;
/** Every event name the engine writes (review decisions included), as shared/i18n lists them. */
const WHATS = Object.keys(EVENT_LABELS);

export function ActivityPage() {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const [entity, setEntity] = useState('');
  const [what, setWhat] = useState('');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [live, setLive] = useState(true);
  const [fresh, setFresh] = useState(0);
  useDebouncedEffect(search, 300, (v) => {
    setOffset(0);
    setQuery(v);
  });
  const args = {
    offset,
    limit: LIMIT,
    dir: 'desc' as const,
    ...(entity ? { entity } : {}),
    ...(what ? { what } : {}),
    ...(query.trim() ? { search: query.trim() } : {}),
  };
  const list = useQuery('activity.list', args, JSON.stringify(args));
  const page = list.value;
  const error = list.error?.message ?? null;
  const load = () => {
    setFresh(0);
    list.reload();
  };

  // Live: on the first page new events show up (at most twice a second); elsewhere they are counted.
  const reload = list.reload;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent((e) => {
      if (e.name !== 'activity') return;
      const n = (e.payload as { events: EventRow[] }).events.length;
      if (!live || offset > 0) {
        setFresh((x) => x + n);
        return;
      }
      if (!timer) timer = setTimeout(() => ((timer = null), reload()), 500);
    });
    const offResync = onResync(reload);
    return () => {
      off();
      offResync();
      if (timer) clearTimeout(timer);
    };
  }, [live, offset, reload]);

  const total = page?.total ?? 0;
  return (
    <section aria-labelledby="activity-title">
      <h1 id="activity-title">{t('nav.activity')}</h1>
      <div className="filters" role="search" aria-label={t('activity.filters')}>
        <label className="field">
          <span>{t('activity.entity')}</span>
          <select
            value={entity}
            onChange={(e) => {
              setOffset(0);
              setEntity(e.target.value);
            }}
            data-testid="activity-entity"
          >
            <option value="">{t('common.all')}</option>
            {Object.keys(ENTITY_LABELS).map((k) => (
              <option key={k} value={k}>
                {lbl('entity', k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('activity.what')}</span>
          <select
            value={what}
            onChange={(e) => {
              setOffset(0);
              setWhat(e.target.value);
            }}
            data-testid="activity-what"
          >
            <option value="">{t('common.all')}</option>
            {WHATS.map((k) => (
              <option key={k} value={k}>
                {eventWhat(f.lang, k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('activity.search')}</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="activity-search"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
          {t('activity.live')}
        </label>
      </div>
      <div className="toolbar">
        <span role="status">
          {t('files.count', {
            from: total ? f.number(offset + 1) : 0,
            to: f.number(Math.min(offset + LIMIT, total)),
            total: f.number(total),
          })}
        </span>
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - LIMIT))}
          aria-label={t('pager.prev')}
        >
          ‹
        </button>
        <button
          type="button"
          disabled={offset + LIMIT >= total}
          onClick={() => setOffset(offset + LIMIT)}
          aria-label={t('pager.next')}
        >
          ›
        </button>
        {fresh > 0 ? (
          <button
            type="button"
            className="link"
            onClick={() => (offset === 0 ? load() : (setFresh(0), setOffset(0)))}
          >
            {t('activity.fresh', { n: f.number(fresh) })}
          </button>
        ) : null}
      </div>
      <ErrorNote error={error} />
      <table className="grid" data-testid="activity-table">
        <thead>
          <tr>
            <th scope="col">{t('activity.col.time')}</th>
            <th scope="col">{t('activity.col.what')}</th>
            <th scope="col">{t('activity.col.entity')}</th>
            <th scope="col">{t('activity.col.change')}</th>
            <th scope="col">{t('activity.col.case')}</th>
            <th scope="col">{t('activity.col.actor')}</th>
            <th scope="col">{t('activity.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((e) => (
            <tr key={e.id} data-what={e.what}>
              <td>
                <time dateTime={new Date(e.at).toISOString()}>{f.dateTimeSeconds(e.at)}</time>
              </td>
              <td>{eventWhat(f.lang, e.what)}</td>
              <td>{lbl('entity', e.entity)}</td>
              <td>
                {stateText(f.lang, e.from)}
                {e.from && e.to ? ' → ' : ''}
                {stateText(f.lang, e.to)}
              </td>
              <td>
                {e.caseId ? (
                  <a href={caseHref(e.caseId)}>{t('activity.caseN', { id: e.caseId })}</a>
                ) : (
                  ''
                )}
              </td>
              <td>{e.actor}</td>
              <td className="reason-cell">{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.items.length === 0 ? <p className="muted">{t('activity.none')}</p> : null}
    </section>
  );
}
