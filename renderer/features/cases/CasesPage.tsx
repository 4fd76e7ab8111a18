import { useEffect, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';
import { navigate } from '../../app/router.ts';
import { useCases, watchCases } from '../../stores/cases.ts';
import { useSettings } from '../../stores/settings.ts';
import { useExportDraft } from '../export/draft.ts';
import { CaseFilters } from './CaseFilters.tsx';
import { CasesTable } from './CasesTable.tsx';

function BulkBar() {
  const t = useT();
  const f = useFormat();
  const selected = useCases((s) => s.selected);
  const reviewer = useSettings((s) => s.reviewer);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = [...selected];

  const run = async (what: 'retry' | 'assign') => {
    setBusy(true);
    setError(null);
    setMessage(null);
    if (what === 'retry') {
      const r = await invoke('review.bulk', { caseIds: ids.slice(0, 10_000), action: 'retry' });
      if (r.ok)
        setMessage(
          t('bulk.retried', {
            applied: f.number(r.value.applied),
            skipped: f.number(r.value.skipped),
          }),
        );
      else setError(r.error.message);
    } else if (reviewer) {
      const r = await invoke('review.assign', {
        caseIds: ids.slice(0, 10_000),
        assignee: reviewer,
      });
      if (r.ok) setMessage(t('bulk.assigned', { n: f.number(r.value.updated), name: reviewer }));
      else setError(r.error.message);
    }
    setBusy(false);
    void useCases.getState().refreshVisible();
  };

  return (
    <div className="bulkbar" role="region" aria-label={t('bulk.label')} data-testid="bulk-bar">
      <span data-testid="selected-count">{t('bulk.selected', { n: f.number(selected.size) })}</span>
      <button
        type="button"
        disabled={busy || selected.size === 0}
        onClick={() => void run('retry')}
      >
        {t('bulk.retry')}
      </button>
      <button
        type="button"
        disabled={busy || selected.size === 0}
        onClick={() => {
          useExportDraft.getState().handOver();
          navigate('export');
        }}
      >
        {t('bulk.export')}
      </button>
      <button
        type="button"
        disabled={busy || selected.size === 0 || !reviewer}
        onClick={() => void run('assign')}
      >
        {t('bulk.assignMe')}
      </button>
      <button
        type="button"
        className="link"
        disabled={selected.size === 0}
        onClick={() => useCases.getState().clearSelection()}
      >
        {t('bulk.clear')}
      </button>
      <span role="status" className="muted">
        {message}
      </span>
      <ErrorNote error={error} />
    </div>
  );
}

export function CasesPage() {
  const t = useT();
  const f = useFormat();
  const total = useCases((s) => s.total);
  const error = useCases((s) => s.error);
  useEffect(() => watchCases(), []);
  return (
    <section aria-labelledby="cases-title" className="cases-page">
      <div className="page-head">
        <h1 id="cases-title">{t('nav.cases')}</h1>
        <span className="muted" role="status" data-testid="cases-total">
          {total === null ? t('common.loading') : t('cases.total', { n: f.number(total) })}
        </span>
      </div>
      <CaseFilters />
      <BulkBar />
      <ErrorNote error={error} />
      <CasesTable />
    </section>
  );
}
