/**
 * Provider settings: base URL and every sign-in field of the provider (shared/provider-credentials.ts;
 * write-only: the engine shows secrets only masked, identifiers such as the customer id in clear),
 * a connection test, health with a Resume where a person can end a pause, and whether it is a
 * sandbox.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ProviderStatus } from '../../../shared/contract.ts';
import type { ProviderName } from '../../../shared/model.ts';
import {
  credentialFields,
  type CredentialField,
  type CredentialKey,
} from '../../../shared/provider-credentials.ts';
import { PROVIDER_NAMES } from '../../lib/enums.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useLabel, useT, type MessageKey, type Translate } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';
import { useEngine } from '../../stores/engine.ts';
import { PROVIDER_LABELS } from './names.ts';
import { ProviderHealthNote, ResumeProviderButton } from './ProviderHealth.tsx';

const FIELD_LABELS: Record<CredentialKey, MessageKey> = {
  apiKey: 'providers.field.apiKey',
  token: 'providers.field.token',
  email: 'providers.field.email',
  password: 'providers.field.password',
  webhookSecret: 'providers.field.webhookSecret',
  webhookRelayToken: 'providers.field.webhookRelayToken',
  customerId: 'providers.field.customerId',
  customerChildId: 'providers.field.customerChildId',
  accessKey: 'providers.field.accessKey',
  secretKey: 'providers.field.secretKey',
};

function fieldLabel(t: Translate, key: string): string {
  const k = (FIELD_LABELS as Record<string, MessageKey | undefined>)[key];
  return k ? t(k) : key;
}

type FieldStatus = NonNullable<ProviderStatus['credentialFields']>[number];

/** "Sign in with one of: API key, or E-mail and Password." where a provider has several ways. */
function signInNote(t: Translate, fields: readonly CredentialField[]): string | null {
  const groups = new Map<string, string[]>();
  for (const f of fields) {
    if (f.required !== 'alternative') continue;
    const group = f.group ?? f.key;
    groups.set(group, [...(groups.get(group) ?? []), fieldLabel(t, f.key)]);
  }
  if (groups.size < 2) return null;
  const choices = [...groups.values()]
    .map((labels) => labels.join(t('providers.signInAnd')))
    .join(t('providers.signInOr'));
  return t('providers.signInEither', { choices });
}

/** One sign-in field: label, write-only input, what is stored now, and a remove toggle. */
function CredentialInput(props: {
  name: ProviderName;
  field: CredentialField;
  status: FieldStatus | null;
  primary: boolean;
  value: string;
  removing: boolean;
  onValue(value: string): void;
  onRemoving(removing: boolean): void;
}) {
  const { name, field, status, primary, value, removing } = props;
  const t = useT();
  const uid = useId();
  const label = fieldLabel(t, field.key);
  const set = status?.set === true;
  const current = set && status?.display ? status.display : null;
  const hint = removing
    ? t('providers.fieldWillRemove')
    : field.secret
      ? current
        ? t('providers.keyCurrent', { masked: current })
        : t('providers.keyNoneYet')
      : current
        ? t('providers.valueCurrent', { value: current })
        : t('providers.valueNoneYet');
  const placeholder = field.secret
    ? set
      ? t('providers.keyKeep')
      : t('providers.keyNone')
    : set
      ? t('providers.valueKeep')
      : t('providers.valueNone');
  return (
    <div
      className="field grow"
      data-testid={`credential-${name}-${field.key}`}
      data-set={set}
      data-missing={status?.missing === true}
    >
      <label className="field">
        <span>
          {label}
          {field.required === false && !field.aliasOf ? ` ${t('providers.fieldOptional')}` : null}
        </span>
        <input
          type={field.secret ? 'password' : 'text'}
          autoComplete="off"
          spellCheck={false}
          value={value}
          disabled={removing}
          onChange={(e) => props.onValue(e.target.value)}
          placeholder={placeholder}
          aria-describedby={`${uid}-hint`}
          aria-invalid={status?.missing === true && !value ? true : undefined}
          data-testid={primary ? `api-key-${name}` : `credential-input-${name}-${field.key}`}
        />
      </label>
      <div style={{ display: 'flex', gap: '0.6rem', alignItems: 'baseline', flexWrap: 'wrap' }}>
        <small
          id={`${uid}-hint`}
          className="muted"
          data-testid={`credential-hint-${name}-${field.key}`}
        >
          {hint}
          {field.aliasOf
            ? ` ${t('providers.fieldAlias', { field: fieldLabel(t, field.aliasOf) })}`
            : null}
          {status?.missing && !removing ? (
            <span className="bad-text">{` ${t('providers.fieldMissing')}`}</span>
          ) : null}
        </small>
        {set ? (
          <button
            type="button"
            className="link"
            aria-label={
              removing
                ? t('providers.fieldKeepLabel', { field: label })
                : t('providers.fieldRemoveLabel', { field: label })
            }
            onClick={() => props.onRemoving(!removing)}
            data-testid={`credential-remove-${name}-${field.key}`}
          >
            {removing ? t('providers.fieldKeep') : t('providers.fieldRemove')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function ProviderCard({
  name,
  status,
  onChanged,
}: {
  name: ProviderName;
  status: ProviderStatus | null;
  onChanged(): void;
}) {
  const t = useT();
  const lbl = useLabel();
  // What the person typed, as long as the engine's address is still the one they started from.
  const [urlEdit, setUrlEdit] = useState<{ value: string; from: string | null } | null>(null);
  const current = status?.baseUrl ?? null;
  const baseUrl = urlEdit && urlEdit.from === current ? urlEdit.value : (current ?? '');
  const setBaseUrl = (value: string) => setUrlEdit({ value, from: current });
  const fields = credentialFields(name);
  const fieldStatus = new Map((status?.credentialFields ?? []).map((f) => [f.key, f]));
  // Typed values and fields marked for removal; nothing typed keeps what is stored.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    // Only what changed: a typed value (unless it is the identifier already shown), or a removal.
    const credentials: Record<string, string | null> = {};
    for (const f of fields) {
      const current = fieldStatus.get(f.key);
      if (removing[f.key] && current?.set) credentials[f.key] = null;
      else if (typed[f.key] && !(!f.secret && current?.display === typed[f.key]))
        credentials[f.key] = typed[f.key]!;
    }
    const r = await invoke('providers.configure', {
      name,
      ...(baseUrl.trim() && baseUrl.trim() !== status?.baseUrl ? { baseUrl: baseUrl.trim() } : {}),
      ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setTyped({});
      setRemoving({});
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
  const note = signInNote(t, fields);
  // A field that only stands in for another (Colleckt's apiKey for its token) shows when it holds a value.
  const shown = fields.filter((f) => !f.aliasOf || fieldStatus.get(f.key)?.set);
  return (
    <li className="panel provider-card" data-testid={`provider-${name}`} data-state={state}>
      <h2>
        {PROVIDER_LABELS[name]}{' '}
        <Badge
          value={state}
          text={status ? lbl('providerHealth', state) : t('providers.notConfigured')}
        />
        {status?.sandbox ? (
          <span className="badge tone-neutral" data-testid="sandbox-badge">
            {t('providers.sandbox')}
          </span>
        ) : null}
      </h2>
      {status ? (
        <p>
          <ProviderHealthNote status={status} />{' '}
          <ResumeProviderButton status={status} onDone={onChanged} />
        </p>
      ) : (
        <p className="muted">{t('providers.notConfiguredHelp')}</p>
      )}
      <form onSubmit={(e) => void save(e)} className="form-row">
        <label className="field grow">
          <span>{t('providers.baseUrl')}</span>
          <input
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://"
            data-testid={`base-url-${name}`}
          />
        </label>
        <fieldset style={{ flex: '1 1 100%', margin: 0 }}>
          <legend>{t('providers.credentials')}</legend>
          {note ? <p className="muted">{note}</p> : null}
          <div className="form-row" style={{ alignItems: 'flex-start' }}>
            {shown.map((f) => (
              <CredentialInput
                key={f.key}
                name={name}
                field={f}
                status={fieldStatus.get(f.key) ?? null}
                primary={f.key === fields[0]?.key}
                value={typed[f.key] ?? ''}
                removing={removing[f.key] === true}
                onValue={(value) => setTyped((v) => ({ ...v, [f.key]: value }))}
                onRemoving={(on) => setRemoving((v) => ({ ...v, [f.key]: on }))}
              />
            ))}
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={busy} data-testid={`save-${name}`}>
          {t('providers.save')}
        </button>
        <button
          type="button"
          disabled={busy || !status}
          onClick={() => void runTest()}
          data-testid={`test-${name}`}
        >
          {t('providers.test')}
        </button>
      </form>
      <p role="status" className="muted" data-testid={`provider-message-${name}`}>
        {message}
        {test ? (
          <span
            className={test.ok ? 'ok-text' : 'bad-text'}
          >{` ${test.ok ? t('providers.testOk') : t('providers.testFailed')}: ${test.message}`}</span>
        ) : null}
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
        {list !== null
          ? names.map((n) => (
              <ProviderCard key={n} name={n} status={byName.get(n) ?? null} onChanged={load} />
            ))
          : null}
      </ul>
    </section>
  );
}
