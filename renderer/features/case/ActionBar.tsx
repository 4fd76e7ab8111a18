/**
 * The actions the engine allows for this case right now — nothing else is offered. When several
 * verifications allow the same action, each button says which one it acts on.
 */
import type { AllowedAction, CaseDetail } from '../../../shared/contract.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { providerLabel } from '../providers/names.ts';
import { keyOf } from '../review/shortcuts.ts';

export function actionTarget(detail: CaseDetail, a: AllowedAction): string | null {
  if (a.action === 'override_block') {
    const d = detail.documents.find((x) => x.id === a.documentId);
    return (
      d?.fileName ??
      (a.documentId !== null && a.documentId !== undefined ? `#${a.documentId}` : null)
    );
  }
  const v = detail.verifications.find((x) => x.id === a.verificationId);
  return v ? `${providerLabel(v.provider)} · ${v.service}` : null;
}

export function ActionBar(props: {
  detail: CaseDetail;
  onRequest(a: AllowedAction): void;
  busy?: boolean;
  showKeys?: boolean;
}) {
  const t = useT();
  const lbl = useLabel();
  const { detail } = props;
  const actions = detail.allowedActions;
  const targets = new Set(actions.map((a) => `${a.verificationId ?? ''}/${a.documentId ?? ''}`));
  const several = targets.size > 1;
  const seenKey = new Set<string>();
  return (
    <div
      className="actionbar"
      role="toolbar"
      aria-label={t('actions.label')}
      data-testid="action-bar"
    >
      {actions.length === 0 ? <span className="muted">{t('actions.none')}</span> : null}
      {actions.map((a) => {
        const target = several ? actionTarget(detail, a) : null;
        const key = props.showKeys ? keyOf(a.action) : null;
        // Only the first button of an action carries its shortcut (that is the one the key triggers).
        const shortcut = key && !seenKey.has(key) ? key : null;
        if (shortcut) seenKey.add(shortcut);
        return (
          <button
            key={`${a.action}-${a.verificationId ?? ''}-${a.documentId ?? ''}`}
            type="button"
            className={`action action-${a.action}`}
            disabled={props.busy}
            onClick={() => props.onRequest(a)}
            aria-keyshortcuts={shortcut ? shortcut.toUpperCase() : undefined}
            data-action={a.action}
          >
            {lbl('reviewAction', a.action)}
            {target ? <span className="target"> — {target}</span> : null}
            {shortcut ? <kbd aria-hidden="true">{shortcut.toUpperCase()}</kbd> : null}
          </button>
        );
      })}
    </div>
  );
}
