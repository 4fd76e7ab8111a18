import { useEffect, useState } from 'react';
import type { AllowedAction } from '../../../shared/contract.ts';
import type { ErrorData } from '../../../shared/errors.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { useQuery } from '../../hooks/useQuery.ts';
import { invoke, onEvent } from '../../ipc/client.ts';
import { onResync } from '../../stores/engine.ts';
import { useSettings } from '../../stores/settings.ts';
import { ActionBar } from './ActionBar.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { CaseBody, CaseHeader } from './CaseView.tsx';
import { useViewer } from './viewerStore.ts';

export function CaseDetailPage({ id }: { id: number }) {
  const t = useT();
  const lbl = useLabel();
  const reviewer = useSettings((s) => s.reviewer);
  const query = useQuery('cases.get', { id }, String(id));
  const detail = query.value;
  const [error, setError] = useState<ErrorData | null>(null);
  const [pending, setPending] = useState<AllowedAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { reload, set: setDetail } = query;

  useEffect(() => {
    useViewer.getState().reset();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (!timer) timer = setTimeout(() => ((timer = null), reload()), 300);
    };
    const off = onEvent((e) => {
      if (e.name === 'case.changed' && (e.payload as { ids: number[] }).ids.includes(id)) later();
    });
    const offResync = onResync(later);
    return () => {
      off();
      offResync();
      if (timer) clearTimeout(timer);
    };
  }, [id, reload]);

  const act = async (a: AllowedAction, extra: { reason?: string; externalId?: string }) => {
    setBusy(true);
    const r = await invoke('review.act', {
      caseId: id,
      action: a.action,
      verificationId: a.verificationId,
      ...(a.documentId !== null && a.documentId !== undefined ? { documentId: a.documentId } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.externalId ? { externalId: extra.externalId } : {}),
    });
    setBusy(false);
    setPending(null);
    if (r.ok) {
      setDetail(r.value);
      setError(null);
      setDone(t('actions.done', { action: lbl('reviewAction', a.action), key: r.value.case.key }));
    } else {
      setError(r.error);
      reload();
    }
  };

  const assignToMe = async () => {
    if (!reviewer) return;
    const r = await invoke('review.assign', { caseIds: [id], assignee: reviewer });
    if (r.ok) reload();
    else setError(r.error);
  };

  if (!detail) {
    return (
      <section aria-labelledby="case-title">
        <h1 id="case-title">{t('case.loading', { id })}</h1>
        <ErrorNote error={error ?? query.error} />
      </section>
    );
  }
  return (
    <section aria-labelledby="case-title" className="case-page">
      <p>
        <a href="#/cases">{t('case.back')}</a>
      </p>
      <CaseHeader
        detail={detail}
        extra={
          <div className="case-actions">
            <ActionBar detail={detail} onRequest={setPending} busy={busy} />
            {reviewer && detail.case.assignee !== reviewer ? (
              <button type="button" onClick={() => void assignToMe()}>
                {t('review.assignMe')}
              </button>
            ) : null}
          </div>
        }
      />
      <p role="status" className="muted">
        {done}
      </p>
      <ErrorNote error={error} onDismiss={() => setError(null)} />
      <CaseBody detail={detail} />
      {pending ? (
        <ActionDialog
          action={pending}
          detail={detail}
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={(extra) => void act(pending, extra)}
        />
      ) : null}
    </section>
  );
}
