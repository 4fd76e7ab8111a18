import { useT } from '../../i18n/index.ts';
import { useEngine } from '../../stores/engine.ts';

function sum(record: Record<string, number> | undefined): number {
  return Object.values(record ?? {}).reduce((a, b) => a + b, 0);
}

export function Dashboard() {
  const t = useT();
  const status = useEngine((s) => s.status);
  if (!status) return <p aria-busy="true">…</p>;
  const tiles: [string, number][] = [
    [t('dashboard.files'), sum(status.files)],
    [t('dashboard.documents'), status.documents],
    [t('dashboard.cases'), sum(status.cases)],
    [t('dashboard.reviewQueue'), status.reviewQueue],
    [t('dashboard.credits'), status.creditsToday],
  ];
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t('nav.dashboard')}</h1>
      <ul className="tiles">
        {tiles.map(([label, value]) => (
          <li key={label} className="tile">
            <span className="tile-value" data-testid={`tile-${label}`}>{value}</span>
            <span className="tile-label">{label}</span>
          </li>
        ))}
      </ul>
      <h2>{t('dashboard.inboxes')}</h2>
      <ul className="inboxes">
        {status.inboxes.map((i) => (
          <li key={i.id}>
            <code>{i.path}</code> — {t(`inbox.state.${i.state}`)}
            {i.stateReason ? ` (${i.stateReason})` : ''}
          </li>
        ))}
      </ul>
      {status.notices.map((n) => (
        <p key={n.at} role="alert" className={`notice notice-${n.level}`}>
          {n.message}
        </p>
      ))}
    </section>
  );
}
