/**
 * Unlocking a password-protected PDF. The engine tries the password on the stored copy and keeps
 * it in memory only; the case reloads through its change events once the PDF is checked again.
 */
import { useId, useState, type FormEvent } from 'react';
import type { DocumentRow } from '../../../shared/contract.ts';
import type { ErrorData } from '../../../shared/errors.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useT } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';

export function PasswordPrompt({ doc }: { doc: DocumentRow }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const [accepted, setAccepted] = useState(false);

  if (!doc.needsPassword) return null;
  if (doc.passwordGiven || (accepted && doc.preflight !== 'BLOCKED')) {
    return (
      <p className="muted small" data-testid="password-given" role="status">
        {accepted ? t('password.accepted') : t('password.given')}
      </p>
    );
  }
  if (doc.preflight !== 'BLOCKED') return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value || busy) return;
    setBusy(true);
    const r = await invoke('documents.unlock', { documentId: doc.id, password: value });
    setBusy(false);
    if (r.ok) {
      setValue('');
      setError(null);
      setAccepted(true);
    } else {
      setError(r.error);
    }
  };

  return (
    <form
      className="panel password-prompt"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      data-testid="password-prompt"
    >
      <h3 id={`${id}-title`}>{t('password.title')}</h3>
      <p className="small">{t('password.needed')}</p>
      <div className="row">
        <label htmlFor={`${id}-input`}>{t('password.label')}</label>
        <input
          id={`${id}-input`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error?.code === 'PASSWORD_WRONG' ? true : undefined}
          aria-describedby={`${id}-note`}
          maxLength={1024}
          required
        />
        <button type="submit" disabled={busy || value === ''}>
          {busy ? t('password.checking') : t('password.unlock')}
        </button>
      </div>
      <p id={`${id}-note`} className="muted small">
        {t('password.notStored')}
      </p>
      {error?.code === 'PASSWORD_WRONG' ? (
        <div role="alert" className="notice notice-error" data-testid="password-wrong">
          {t('password.wrong')}
        </div>
      ) : (
        <ErrorNote error={error} />
      )}
    </form>
  );
}
