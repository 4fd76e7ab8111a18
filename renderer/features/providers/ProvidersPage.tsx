/**
 * Provider settings: base URL and API key (write-only: the engine only ever shows it masked),
 * a connection test, health with a Resume where a person can end a pause, and whether it is a
 * sandbox.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ProviderStatus } from '../../../shared/contract.ts';
import type { ProviderName } from '../../../shared/model.ts';
import { PROVIDER_NAMES } from '../../lib/enums.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';
import { useEngine } from '../../stores/engine.ts';
import { PROVIDER_LABELS } from './names.ts';
import { ProviderHealthNote, ResumeProviderButton } from './ProviderHealth.tsx';

function ProviderCard({ name, status, onChanged }: { name: ProviderName; status: ProviderStatus | null; onChanged(): void }) {
  const t = useT();
  const lbl = useLabel();
  const uid = useId();
  // What the person typed, as long as the engine's address is still the one they started from.
  const [urlEdit, setUrlEdit] = useState<{ value: string; from: string | null } | null>(null);
  const current = status?.baseUrl ?? null;
  const baseUrl = urlEdit && urlEdit.from === current ? urlEdit.value : (current ?? '');
  const setBaseUrl = (value: string) => setUrlEdit({ value, from: current });
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const r = await invoke('providers.configure', {
      name,
      ...(baseUrl.trim() && baseUrl.trim() !== status?.baseUrl ? { baseUrl: baseUrl.trim() } : {}),
      ...(apiKey ? { apiKey } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setApiKey('');
      setUrlEdit(null);
      setError(null);
      setMessage(t('providers.saved'));
      onChanged();
    } else setError(r.error.message);
  };
  const runTest = async () => {
    setBusy(true);
    setTest(null);
    const r = await invoke('providers.test', { name });
    setBusy(false);
    if (r.ok) setTest(r.value);
    else setError(r.error.message);
    onChanged();
  };

  const state = status?.state ?? 'disabled';
  return (
    <li className="panel provider-card" data-testid={`provider-${name}`} data-state={state}>
      <h2>
        {PROVIDER_LABELS[name]} <Badge value={state} text={status ? lbl('providerHealth', state) : t('providers.notConfigured')} />
        {status?.sandbox ? (
          <span className="badge tone-neutral" data-testid="sandbox-badge">
            {t('providers.sandbox')}
          </span>
        ) : null}
      </h2>
      {status ? (
        <p>
          <ProviderHealthNote status={status} /> <ResumeProviderButton status={status} onDone={onChanged} />
        </p>
      ) : (
        <p className="muted">{t('providers.notConfiguredHelp')}</p>
      )}
      <form onSubmit={(e) => void save(e)} className="form-row">
        <label className="field grow">
          <span>{t('providers.baseUrl')}</span>
          <input type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://" data-testid={`base-url-${name}`} />
        </label>
        <label className="field grow">
          <span>{t('providers.apiKey')}</span>
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder={status?.credential ? t('providers.keyKeep') : t('providers.keyNone')}
            aria-describedby={`${uid}-key`}
            data-testid={`api-key-${name}`}
          />
          <small id={`${uid}-key`} className="muted">
            {status?.credential ? t('providers.keyCurrent', { masked: status.credential }) : t('providers.keyNoneYet')}
          </small>
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid={`save-${name}`}>
          {t('providers.save')}
        </button>
        <button type="button" disabled={busy || !status} onClick={() => void runTest()} data-testid={`test-${name}`}>
          {t('providers.test')}
        </button>
      </form>
      <p role="status" className="muted" data-testid={`provider-message-${name}`}>
        {message}
        {test ? <span className={test.ok ? 'ok-text' : 'bad-text'}>{` ${test.ok ? t('providers.testOk') : t('providers.testFailed')}: ${test.message}`}</span> : null}
      </p>
      <ErrorNote error={error} />
    </li>
  );
}

export function ProvidersPage() {
  const t = useT();
  const query = useQuery('providers.list', {}, 'providers');
  const list = query.value;
  const error = query.error?.message ?? null;
  const load = query.reload;
  useEffect(() => {
    let last = JSON.stringify(useEngine.getState().status?.providers ?? null);
    return useEngine.subscribe((s) => {
      const now = JSON.stringify(s.status?.providers ?? null);
      if (now !== last) {
        last = now;
        load();
      }
    });
  }, [load]);
  const byName = new Map((list ?? []).map((p) => [p.name, p]));
  // Configured providers first, then the others (ready to be set up).
  const names = [...PROVIDER_NAMES].sort((a, b) => Number(byName.has(b)) - Number(byName.has(a)));
  return (
    <section aria-labelledby="providers-title">
      <h1 id="providers-title">{t('nav.providers')}</h1>
      <p className="muted">{t('providers.intro')}</p>
      <ErrorNote error={error} />
      {list === null ? <p>{t('common.loading')}</p> : null}
      <ul className="plain-list">
        {list !== null ? names.map((n) => <ProviderCard key={n} name={n} status={byName.get(n) ?? null} onChanged={load} />) : null}
      </ul>
    </section>
  );
}
