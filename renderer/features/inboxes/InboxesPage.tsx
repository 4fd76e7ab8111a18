import { useEffect, useState, type FormEvent } from 'react';
import type { InboxRow } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { useQuery } from '../../hooks/useQuery.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { desktop, invoke } from '../../ipc/client.ts';
import { useEngine } from '../../stores/engine.ts';
import { ProfileEditor } from './ProfileEditor.tsx';

function AddInbox({ onAdded }: { onAdded(): void }) {
  const t = useT();
  const [path, setPath] = useState('');
  const [label, setLabel] = useState('');
  const [polling, setPolling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (folder: string) => {
    setBusy(true);
    const r = await invoke('inboxes.add', {
      path: folder,
      ...(label.trim() ? { label: label.trim() } : {}),
      polling,
    });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setPath('');
      setLabel('');
      onAdded();
    } else setError(r.error.message);
  };
  const pick = async () => {
    if (!desktop) return;
    const r = await desktop.pickFolder();
    if (!r.ok) setError(r.error.message);
    else if (r.value) await add(r.value);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) {
      setError(t('inboxes.pathRequired'));
      return;
    }
    void add(path.trim());
  };

  return (
    <form className="panel add-inbox" onSubmit={submit} aria-labelledby="add-inbox-title">
      <h2 id="add-inbox-title">{t('inboxes.add')}</h2>
      <div className="form-row">
        {desktop ? null : (
          <label className="field grow">
            <span>{t('inboxes.path')}</span>
            <input
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder={t('inboxes.pathHint')}
              data-testid="inbox-path"
            />
          </label>
        )}
        <label className="field">
          <span>{t('inboxes.label')}</span>
          <input value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={polling} onChange={(e) => setPolling(e.target.checked)} />
          {t('inboxes.polling')}
        </label>
        {desktop ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void pick()}>
            {t('inboxes.chooseFolder')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={busy} data-testid="add-inbox">
            {t('inboxes.addButton')}
          </button>
        )}
      </div>
      <p className="muted small">{t('inboxes.pollingHelp')}</p>
      <ErrorNote error={error} />
    </form>
  );
}

function InboxCard({ inbox, onChanged }: { inbox: InboxRow; onChanged(): void }) {
  const t = useT();
  const lbl = useLabel();
  const f = useFormat();
  const now = useNow(10_000);
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The checkbox follows the click at once; the engine's answer then takes over.
  const [pollingWish, setPollingWish] = useState<{ value: boolean; from: boolean } | null>(null);
  const polling =
    pollingWish && pollingWish.from === inbox.polling ? pollingWish.value : inbox.polling;
  const update = async (patch: { paused?: boolean; polling?: boolean }) => {
    if (patch.polling !== undefined) setPollingWish({ value: patch.polling, from: inbox.polling });
    const r = await invoke('inboxes.update', { id: inbox.id, ...patch });
    if (r.ok) {
      setError(null);
      onChanged();
    } else {
      setPollingWish(null);
      setError(r.error.message);
    }
  };
  const rescan = async () => {
    setMessage(t('inboxes.scanning'));
    const r = await invoke('inboxes.rescan', { id: inbox.id });
    if (r.ok) setMessage(t('inboxes.scanned', { n: f.number(r.value.scanned) }));
    else {
      setMessage(null);
      setError(r.error.message);
    }
  };
  const remove = async () => {
    const r = await invoke('inboxes.remove', { id: inbox.id });
    setConfirmRemove(false);
    if (r.ok) onChanged();
    else setError(r.error.message);
  };
  const name = inbox.label ?? inbox.path;

  return (
    <li className="panel inbox-card" data-testid="inbox-card" data-inbox-id={inbox.id}>
      <h2>{name}</h2>
      {inbox.label ? (
        <p>
          <code>{inbox.path}</code>
        </p>
      ) : null}
      <p>
        <Badge value={inbox.state} text={lbl('inboxState', inbox.state)} />{' '}
        {inbox.stateSince ? (
          <span className="muted">
            {t('common.since', { when: f.relative(inbox.stateSince, now) })}
          </span>
        ) : null}
        {inbox.stateReason ? <span className="muted"> — {inbox.stateReason}</span> : null}
      </p>
      <p className="muted">
        {t('dashboard.inboxFiles', {
          files: f.number(inbox.files),
          waiting: f.number(inbox.waiting),
        })}
      </p>
      <div className="form-row" role="group" aria-label={t('inboxes.controls', { name })}>
        <button
          type="button"
          onClick={() => void update({ paused: !inbox.paused })}
          data-testid="toggle-pause"
        >
          {inbox.paused ? t('inboxes.resume') : t('inboxes.pause')}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={polling}
            onChange={(e) => void update({ polling: e.target.checked })}
            data-testid="toggle-polling"
          />
          {t('inboxes.polling')}
        </label>
        <button type="button" onClick={() => void rescan()}>
          {t('inboxes.rescan')}
        </button>
        <button
          type="button"
          aria-expanded={editing}
          onClick={() => setEditing((v) => !v)}
          data-testid="edit-profile"
        >
          {t('inboxes.editProfile')}
        </button>
        <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
          {t('inboxes.remove')}
        </button>
        <span role="status" className="muted">
          {message}
        </span>
      </div>
      <ErrorNote error={error} />
      {editing ? <ProfileEditor inbox={inbox} onSaved={() => onChanged()} /> : null}
      {confirmRemove ? (
        <Dialog title={t('inboxes.removeTitle', { name })} onClose={() => setConfirmRemove(false)}>
          <p>{t('inboxes.removeText')}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('inboxes.remove')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </li>
  );
}

export function InboxesPage() {
  const t = useT();
  const list = useQuery('inboxes.list', {}, 'inboxes');
  const inboxes = list.value;
  const error = list.error?.message ?? null;
  const load = list.reload;
  useEffect(() => {
    // Inbox states live in the status snapshot: read the list again when they change.
    let last = JSON.stringify(useEngine.getState().status?.inboxes ?? null);
    return useEngine.subscribe((s) => {
      const now = JSON.stringify(s.status?.inboxes ?? null);
      if (now !== last) {
        last = now;
        load();
      }
    });
  }, [load]);
  return (
    <section aria-labelledby="inboxes-title">
      <h1 id="inboxes-title">{t('nav.inboxes')}</h1>
      <AddInbox onAdded={load} />
      <ErrorNote error={error} />
      {inboxes === null ? <p>{t('common.loading')}</p> : null}
      {inboxes?.length === 0 ? <p>{t('inboxes.none')}</p> : null}
      <ul className="plain-list inbox-list">
        {inboxes?.map((i) => (
          <InboxCard key={i.id} inbox={i} onChanged={load} />
        ))}
      </ul>
    </section>
  );
}
