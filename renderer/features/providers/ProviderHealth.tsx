import { useState } from 'react';
import type { ProviderStatus } from '../../../shared/contract.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';
import { providerLabel } from './names.ts';

/** Health states a person can end by asking for a new attempt now. */
export const RESUMABLE = new Set(['offline', 'rate_limited', 'auth_failed', 'no_credit']);

/** "until 14:05", the reason the provider gave, in one line. */
export function ProviderHealthNote({ status }: { status: ProviderStatus }) {
  const t = useT();
  const f = useFormat();
  const parts: string[] = [];
  if (status.state === 'rate_limited' && status.pausedUntil)
    parts.push(t('providers.until', { time: f.time(status.pausedUntil) }));
  if (status.reason && status.state !== 'online') parts.push(status.reason);
  if (status.inFlight > 0) parts.push(t('providers.inFlight', { n: f.number(status.inFlight) }));
  if (parts.length === 0) return null;
  return <span className="muted">{parts.join(' · ')}</span>;
}

export function ResumeProviderButton({
  status,
  onDone,
}: {
  status: ProviderStatus;
  onDone?: (s: ProviderStatus) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!RESUMABLE.has(status.state)) return null;
  const resume = async () => {
    setBusy(true);
    const r = await invoke('providers.resume', { name: status.name });
    setBusy(false);
    if (r.ok) {
      setError(null);
      onDone?.(r.value);
    } else setError(r.error.message);
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void resume()}
        disabled={busy}
        data-testid={`resume-${status.name}`}
      >
        {status.state === 'offline' ? t('providers.tryNow') : t('providers.resume')}
        <span className="sr-only"> {providerLabel(status.name)}</span>
      </button>
      <ErrorNote error={error} />
    </>
  );
}
