import type { EngineStatus, ProviderStatus } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { useEngine } from '../../stores/engine.ts';
import { ProviderHealthNote, ResumeProviderButton } from '../providers/ProviderHealth.tsx';
import { providerLabel } from '../providers/names.ts';
import { etaMs, queueTotals, ratePerMinute } from './throughput.ts';

function sum(record: Record<string, number> | undefined): number {
  return Object.values(record ?? {}).reduce((a, b) => a + b, 0);
}

/** status.queue keys in pipeline order, with the phase they count (labels from shared/i18n). */
const QUEUE_PHASES: readonly [keyof EngineStatus['queue'], string][] = [
  ['held', 'HELD'],
  ['ready', 'READY'],
  ['submitting', 'SUBMITTING'],
  ['inDoubt', 'IN_DOUBT'],
  ['polling', 'POLLING'],
  ['needsPerson', 'NEEDS_PERSON'],
  ['done', 'DONE'],
  ['cancelled', 'CANCELLED'],
];

function QueueProgress({ status }: { status: EngineStatus }) {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const samples = useEngine((s) => s.samples);
  const now = useNow(2000);
  const { processed, remaining, total } = queueTotals(status);
  const rate = ratePerMinute(samples, now);
  const eta = etaMs(remaining, rate);
  const waitingFiles = status.files.WAITING ?? 0;
  return (
    <section aria-labelledby="queue-title" className="panel" data-testid="queue-progress">
      <h2 id="queue-title">{t('dashboard.queue')}</h2>
      {total === 0 ? (
        <p className="muted">{t('dashboard.queueEmpty')}</p>
      ) : (
        <>
          <div className="progress-line">
            <progress max={total} value={processed} aria-labelledby="queue-progress-text" />
            <span id="queue-progress-text" data-testid="queue-progress-text">
              {t('dashboard.progress', {
                done: f.number(processed),
                total: f.number(total),
                pct: f.percent(total ? processed / total : 0),
              })}
            </span>
          </div>
          <dl className="kv-inline">
            <div>
              <dt>{t('dashboard.throughput')}</dt>
              <dd data-testid="throughput">
                {rate === null
                  ? t('dashboard.measuring')
                  : t('dashboard.perMinute', { n: f.number(rate, 1) })}
              </dd>
            </div>
            <div>
              <dt>{t('dashboard.eta')}</dt>
              <dd data-testid="eta">
                {remaining === 0
                  ? t('dashboard.etaDone')
                  : eta === null
                    ? t('dashboard.etaUnknown')
                    : t('dashboard.etaIn', { duration: f.duration(eta) })}
              </dd>
            </div>
          </dl>
        </>
      )}
      <ul className="phase-counts">
        {QUEUE_PHASES.map(([key, phase]) => (
          <li key={key} data-phase={phase} data-testid={`phase-${phase}`}>
            <span className="phase-count">{f.number(status.queue[key])}</span>{' '}
            <span>{lbl('phase', phase)}</span>
          </li>
        ))}
      </ul>
      {waitingFiles > 0 ? (
        <p className="muted">{t('dashboard.filesWaiting', { n: f.number(waitingFiles) })}</p>
      ) : null}
    </section>
  );
}

function ProvidersPanel({ providers }: { providers: ProviderStatus[] }) {
  const t = useT();
  const lbl = useLabel();
  return (
    <section aria-labelledby="prov-title" className="panel">
      <h2 id="prov-title">{t('dashboard.providers')}</h2>
      {providers.length === 0 ? <p className="muted">{t('providers.none')}</p> : null}
      <ul className="plain-list">
        {providers.map((p) => (
          <li key={p.name} data-testid={`provider-health-${p.name}`} data-state={p.state}>
            <strong>{providerLabel(p.name)}</strong>{' '}
            <Badge value={p.state} text={lbl('providerHealth', p.state)} />
            {p.sandbox ? (
              <span className="badge tone-neutral">{t('providers.sandbox')}</span>
            ) : null}{' '}
            <ProviderHealthNote status={p} /> <ResumeProviderButton status={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What is waiting, why, and until when (one line per provider and queue phase). */
function WaitingPanel({ status }: { status: EngineStatus }) {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  if (status.waiting.length === 0) return null;
  return (
    <section aria-labelledby="waiting-title" className="panel" data-testid="waiting">
      <h2 id="waiting-title">{t('dashboard.waiting')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.waitingProvider')}</th>
            <th scope="col">{t('dashboard.waitingPhase')}</th>
            <th scope="col" className="num">
              {t('dashboard.waitingCount')}
            </th>
            <th scope="col">{t('dashboard.waitingUntil')}</th>
            <th scope="col">{t('dashboard.waitingWhy')}</th>
          </tr>
        </thead>
        <tbody>
          {status.waiting.map((w) => (
            <tr key={`${w.provider}-${w.phase}`} data-provider={w.provider} data-phase={w.phase}>
              <td>{providerLabel(w.provider)}</td>
              <td>{lbl('phase', w.phase)}</td>
              <td className="num">{f.number(w.count)}</td>
              <td>{w.until ? f.dateTime(w.until) : ''}</td>
              <td className="reason-cell">{w.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InboxesPanel({ status }: { status: EngineStatus }) {
  const t = useT();
  const lbl = useLabel();
  const f = useFormat();
  const now = useNow(10_000);
  return (
    <section aria-labelledby="inboxes-title" className="panel">
      <h2 id="inboxes-title">{t('dashboard.inboxes')}</h2>
      {status.inboxes.length === 0 ? (
        <p>
          {t('dashboard.noInboxes')} <a href="#/inboxes">{t('nav.inboxes')}</a>
        </p>
      ) : (
        <ul className="plain-list">
          {status.inboxes.map((i) => (
            <li key={i.id} data-testid="inbox-state" data-state={i.state}>
              <strong>{i.label ?? i.path}</strong>{' '}
              {i.label ? <code className="muted">{i.path}</code> : null}{' '}
              <Badge value={i.state} text={lbl('inboxState', i.state)} />{' '}
              {i.stateSince ? (
                <span className="muted">
                  {t('common.since', { when: f.relative(i.stateSince, now) })}
                </span>
              ) : null}
              {i.stateReason ? <span className="muted"> — {i.stateReason}</span> : null}
              <span className="muted">
                {' '}
                ·{' '}
                {t('dashboard.inboxFiles', {
                  files: f.number(i.files),
                  waiting: f.number(i.waiting),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Dashboard() {
  const t = useT();
  const f = useFormat();
  const status = useEngine((s) => s.status);
  const error = useEngine((s) => s.error);
  if (!status) {
    return (
      <section aria-labelledby="dash-title">
        <h1 id="dash-title">{t('nav.dashboard')}</h1>
        {error ? <p role="alert">{error}</p> : <p aria-busy="true">{t('common.loading')}</p>}
      </section>
    );
  }
  const tiles: [MessageKey, number, string | null][] = [
    ['dashboard.files', sum(status.files), '#/files'],
    ['dashboard.documents', status.documents, null],
    ['dashboard.cases', sum(status.cases), '#/cases'],
    ['dashboard.reviewQueue', status.reviewQueue, '#/review'],
    ['dashboard.credits', status.creditsToday, null],
  ];
  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <h1 id="dash-title">{t('nav.dashboard')}</h1>
      <ul className="tiles">
        {tiles.map(([key, value, href]) => (
          <li key={key} className="tile">
            <span className="tile-value" data-testid={`tile-${key.split('.')[1]}`}>
              {f.number(value, key === 'dashboard.credits' ? 2 : 0)}
            </span>
            <span className="tile-label">{href ? <a href={href}>{t(key)}</a> : t(key)}</span>
          </li>
        ))}
      </ul>
      {status.notices.length > 0 ? (
        <section aria-labelledby="notices-title" className="panel">
          <h2 id="notices-title">{t('dashboard.notices')}</h2>
          {status.notices.map((n) => (
            <p
              key={`${n.at}-${n.message}`}
              className={`notice notice-${n.level}`}
              data-testid="notice"
            >
              <span className="muted">{f.dateTime(n.at)}</span> {n.message}
            </p>
          ))}
        </section>
      ) : null}
      <div className="dash-grid">
        <QueueProgress status={status} />
        <ProvidersPanel providers={Object.values(status.providers)} />
        <InboxesPanel status={status} />
      </div>
      <WaitingPanel status={status} />
    </section>
  );
}
