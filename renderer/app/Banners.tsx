/**
 * Banners above every screen: the link to the engine, the desktop shell's view of the engine
 * process (Electron only), and providers that are offline — with how much waits for them.
 */
import { useEffect, useState } from 'react';
import type { ShellState } from '../../shared/bridge.ts';
import { PROVIDER_LABELS } from '../features/providers/names.ts';
import { useFormat } from '../i18n/format.ts';
import { useLabel, useT } from '../i18n/index.ts';
import { onShellState } from '../ipc/client.ts';
import { useEngine } from '../stores/engine.ts';

export function ConnectionBanner() {
  const t = useT();
  const connection = useEngine((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div role="status" className="banner banner-warn" data-testid="connection-banner">
      {t(connection === 'lost' ? 'conn.lost' : 'conn.connecting')}
    </div>
  );
}

export function ShellBanner() {
  const t = useT();
  const f = useFormat();
  const [state, setState] = useState<ShellState | null>(null);
  useEffect(() => onShellState(setState), []);
  if (!state) return null;
  const { engine, warnings } = state;
  const trouble = engine.phase === 'restarting' || engine.phase === 'failed';
  if (!trouble && warnings.length === 0) return null;
  return (
    <div
      role="alert"
      className={`banner ${engine.phase === 'failed' ? 'banner-bad' : 'banner-warn'}`}
      data-testid="shell-banner"
    >
      {trouble ? (
        <p>
          <strong>{t(engine.phase === 'failed' ? 'shell.failed' : 'shell.restarting')}</strong>{' '}
          {engine.message}
          {engine.phase === 'restarting' && engine.nextRetryAt
            ? ` ${t('shell.nextRetry', { time: f.time(engine.nextRetryAt) })}`
            : ''}
          {engine.logDir ? (
            <>
              {' '}
              {t('shell.logs')} <code>{engine.logDir}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  );
}

const PERSON_PHASES = new Set(['NEEDS_PERSON', 'ON_HOLD']);

/** Shown on every screen while a provider cannot be reached: nothing is lost, it waits. */
export function OfflineBanner() {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const status = useEngine((s) => s.status);
  if (!status) return null;
  const offline = Object.values(status.providers).filter((p) => p.state === 'offline');
  if (offline.length === 0) return null;
  // Work of these providers that moves by itself once they are back (not what waits for a person).
  const names = new Set<string>(offline.map((p) => p.name));
  const waiting = status.waiting
    .filter((w) => names.has(w.provider) && !PERSON_PHASES.has(w.phase))
    .reduce((n, w) => n + w.count, 0);
  return (
    <div role="status" className="banner banner-offline" data-testid="offline-banner">
      <strong>
        {offline
          .map((p) => `${PROVIDER_LABELS[p.name]}: ${lbl('providerHealth', p.state)}`)
          .join(' · ')}
      </strong>{' '}
      <span data-testid="offline-waiting" data-count={waiting}>
        {t('offline.waiting', { n: f.number(waiting) })}
      </span>
    </div>
  );
}
