import type { EventRow } from '../../../shared/contract.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { eventWhat, stateText } from '../activity/eventText.ts';

export function HistoryTimeline({ history }: { history: EventRow[] }) {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const rows = [...history].sort((a, b) => b.at - a.at || b.id - a.id);
  return (
    <section aria-labelledby="hist-title" className="panel" data-testid="history">
      <h2 id="hist-title">{t('history.title')}</h2>
      {rows.length === 0 ? <p className="muted">{t('history.none')}</p> : null}
      <ol className="timeline">
        {rows.map((e) => (
          <li key={e.id} data-what={e.what}>
            <time dateTime={new Date(e.at).toISOString()}>{f.dateTimeSeconds(e.at)}</time>
            <div>
              <strong>{eventWhat(f.lang, e.what)}</strong>{' '}
              <span className="muted">({lbl('entity', e.entity)})</span>
              {e.from || e.to ? (
                <span>
                  {' '}
                  {stateText(f.lang, e.from)}
                  {e.from && e.to ? ' → ' : ''}
                  {stateText(f.lang, e.to)}
                </span>
              ) : null}
              <div className="muted small">
                {t('history.by', { actor: e.actor })}
                {e.reason ? ` — ${e.reason}` : ''}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
