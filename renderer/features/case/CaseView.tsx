/** One case, as staff check it: documents beside the data, then checks, results and history. */
import type { ReactNode } from 'react';
import type { CaseDetail } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { providerLabel } from '../providers/names.ts';
import { PreflightChecks } from './ChecksList.tsx';
import { DocumentViewer } from './DocumentViewer.tsx';
import { ExpectedVsExtracted } from './ExpectedVsExtracted.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { ProviderResults } from './ProviderResults.tsx';

export function CaseHeader({
  detail,
  headingLevel = 1,
  extra,
}: {
  detail: CaseDetail;
  headingLevel?: 1 | 2;
  extra?: ReactNode;
}) {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const c = detail.case;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <header
      className="case-head"
      data-testid="case-header"
      data-case-id={c.id}
      data-stage={c.stage}
    >
      <Heading id="case-title">
        {t('case.title', { key: c.key })}
        {c.applicant ? <span className="muted"> — {c.applicant}</span> : null}
      </Heading>
      <div className="badges">
        <Badge value={c.stage} text={lbl('stage', c.stage)} />
        <Badge value={c.decision} text={lbl('decision', c.decision)} />
        {c.review !== 'NONE' ? <Badge value={c.review} text={lbl('review', c.review)} /> : null}
        {c.openIssues > 0 ? (
          <span className="badge tone-warn">{t('case.issues', { n: f.number(c.openIssues) })}</span>
        ) : null}
      </div>
      <dl className="kv-inline">
        <div>
          <dt>{t('case.nik')}</dt>
          <dd className="mono">{c.nik ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('case.inbox')}</dt>
          <dd>
            <code>{c.inbox}</code>
          </dd>
        </div>
        <div>
          <dt>{t('case.assignee')}</dt>
          <dd data-testid="assignee">{c.assignee ?? t('case.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('case.providers')}</dt>
          <dd>{c.providers.map(providerLabel).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('case.credits')}</dt>
          <dd>{f.number(c.credits, 2)}</dd>
        </div>
        <div>
          <dt>{t('case.created')}</dt>
          <dd>{f.dateTime(c.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('case.updated')}</dt>
          <dd>{f.dateTime(c.updatedAt)}</dd>
        </div>
      </dl>
      {extra}
    </header>
  );
}

export function CaseBody({ detail }: { detail: CaseDetail }) {
  return (
    <>
      <div className="case-columns">
        <DocumentViewer documents={detail.documents} />
        <div className="case-side">
          <ExpectedVsExtracted detail={detail} />
          <PreflightChecks checks={detail.checks} documents={detail.documents} />
        </div>
      </div>
      <ProviderResults detail={detail} />
      <HistoryTimeline history={detail.history} />
    </>
  );
}
