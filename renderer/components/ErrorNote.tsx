import type { ErrorData } from '../../shared/errors.ts';
import { useT } from '../i18n/index.ts';

/** An engine error as a person reads it: the message, with the stable code for support. */
export function ErrorNote(props: { error: ErrorData | string | null; onDismiss?: () => void }) {
  const t = useT();
  if (!props.error) return null;
  const e = typeof props.error === 'string' ? { code: '', message: props.error } : props.error;
  return (
    <div
      role="alert"
      className="notice notice-error"
      data-testid="error-note"
      data-code={e.code || undefined}
    >
      <span>{e.message}</span>
      {e.code ? <span className="muted"> ({e.code})</span> : null}
      {props.onDismiss ? (
        <button type="button" className="link dismiss" onClick={props.onDismiss}>
          {t('common.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
