/**
 * Confirms one review action. A reason is required where the engine says so (it goes into the
 * case history) and an empty one is refused here already; "found at the provider" asks for the
 * provider's id. Enter confirms, Shift+Enter starts a new line, Esc cancels.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AllowedAction, CaseDetail } from '../../../shared/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { actionTarget } from './ActionBar.tsx';

export function ActionDialog(props: {
  action: AllowedAction;
  detail: CaseDetail;
  busy?: boolean;
  onConfirm(extra: { reason?: string; externalId?: string }): void;
  onCancel(): void;
}) {
  const t = useT();
  const lbl = useLabel();
  const { action, detail } = props;
  const [reason, setReason] = useState('');
  const [externalId, setExternalId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const helpId = useId();
  const errorId = useId();
  const needsExternal = action.action === 'resolve_in_doubt_found';
  const target = actionTarget(detail, action);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (props.busy) return;
    if (needsExternal && !externalId.trim()) {
      setProblem(t('actions.externalIdRequired'));
      return;
    }
    if (action.requiresReason && !reason.trim()) {
      setProblem(t('actions.reasonRequired'));
      return;
    }
    setProblem(null);
    props.onConfirm({
      reason: reason.trim() || undefined,
      externalId: externalId.trim() || undefined,
    });
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) submit(e as unknown as FormEvent);
  };

  return (
    <Dialog
      title={t('actions.confirmTitle', {
        action: lbl('reviewAction', action.action),
        key: detail.case.key,
      })}
      onClose={props.onCancel}
      describedBy={helpId}
      testId="action-dialog"
    >
      <form onSubmit={submit} noValidate>
        <p id={helpId}>
          {t(`actions.help.${action.action}`)}
          {target ? <span className="muted"> ({target})</span> : null}
        </p>
        {needsExternal ? (
          <label className="field">
            <span>{t('actions.externalId')}</span>
            <input
              value={externalId}
              onChange={(e) => setExternalId(e.target.value)}
              required
              aria-required="true"
              aria-invalid={problem !== null && !externalId.trim()}
              aria-describedby={problem ? errorId : undefined}
              autoFocus
              data-testid="external-id-input"
            />
          </label>
        ) : null}
        <label className="field">
          <span>{action.requiresReason ? t('actions.reason') : t('actions.note')}</span>
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={onKey}
            rows={3}
            maxLength={2000}
            required={action.requiresReason}
            aria-required={action.requiresReason}
            aria-invalid={problem !== null && action.requiresReason && !reason.trim()}
            aria-describedby={problem ? errorId : undefined}
            autoFocus={!needsExternal}
            data-testid="reason-input"
          />
        </label>
        {problem ? (
          <p id={errorId} role="alert" className="field-error" data-testid="dialog-error">
            {problem}
          </p>
        ) : null}
        <p className="muted small">{t('actions.keysHint')}</p>
        <div className="dialog-buttons">
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={props.busy}
            data-testid="confirm-action"
          >
            {lbl('reviewAction', action.action)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
