import type { CaseDetail, VerificationRow } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useReasonText, useT } from '../../i18n/index.ts';
import { providerLabel } from '../providers/names.ts';
import { ChecksList } from './ChecksList.tsx';

function Result({ v, detail }: { v: VerificationRow; detail: CaseDetail }) {
  const t = useT();
  const lbl = useLabel();
  const reason = useReasonText();
  const f = useFormat();
  const docs = v.documentIds
    .map((id) => detail.documents.find((d) => d.id === id))
    .filter((d) => d !== undefined);
  return (
    <article
      className="result"
      aria-labelledby={`v-${v.id}`}
      data-testid="provider-result"
      data-verification-id={v.id}
    >
      <h3 id={`v-${v.id}`}>
        {providerLabel(v.provider)} · {v.service}
        {v.generation > 0 ? (
          <span className="muted"> · {t('result.generation', { n: v.generation + 1 })}</span>
        ) : null}
      </h3>
      <div className="badges">
        <Badge value={v.phase} text={lbl('phase', v.phase)} />
        <Badge value={v.runStatus} text={lbl('runStatus', v.runStatus)} />
        <Badge value={v.decision} text={lbl('decision', v.decision)} />
        {v.review !== 'NONE' ? <Badge value={v.review} text={lbl('review', v.review)} /> : null}
      </div>
      {v.phaseReason ? <p className="muted small">{v.phaseReason}</p> : null}
      <dl className="kv">
        <dt>{t('result.vendorStatus')}</dt>
        <dd className="mono">
          {[v.vendorStatus, v.vendorDecision].filter(Boolean).join(' / ') || '—'}
        </dd>
        <dt>{t('result.externalId')}</dt>
        <dd className="mono" data-testid="external-id">
          {v.externalId ?? '—'}
        </dd>
        <dt>{t('result.credits')}</dt>
        <dd>{v.credits === null ? '—' : f.number(v.credits, 2)}</dd>
        <dt>{t('result.attempts')}</dt>
        <dd>{f.number(v.attempts)}</dd>
        <dt>{t('result.documents')}</dt>
        <dd>{docs.map((d) => d.fileName ?? lbl('documentKind', d.kind)).join(', ') || '—'}</dd>
        {v.reviewer ? (
          <>
            <dt>{t('result.reviewer')}</dt>
            <dd>
              {v.reviewer}
              {v.reviewReason ? ` — ${v.reviewReason}` : ''}
            </dd>
          </>
        ) : null}
        <dt>{t('result.updated')}</dt>
        <dd>{f.dateTime(v.completedAt ?? v.updatedAt)}</dd>
        {v.nextAt && !v.completedAt ? (
          <>
            <dt>{t('result.nextAttempt')}</dt>
            <dd>{f.dateTime(v.nextAt)}</dd>
          </>
        ) : null}
      </dl>
      {v.lastError ? (
        <p className="notice notice-error small">
          {reason(v.lastError.code, v.lastError.message)} <code>{v.lastError.code}</code>
        </p>
      ) : null}
      {v.reasons.length > 0 ? (
        <ul className="reasons">
          {v.reasons.map((r, i) => (
            <li key={i} data-code={r.code}>
              <span className={`sev sev-${r.severity}`}>{lbl('severity', r.severity)}</span>{' '}
              {reason(r.code, r.message)} <code className="muted">{r.code}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <ChecksList checks={v.checks} />
    </article>
  );
}

export function ProviderResults({ detail }: { detail: CaseDetail }) {
  const t = useT();
  return (
    <section aria-labelledby="results-title" className="panel" data-testid="provider-results">
      <h2 id="results-title">{t('result.title')}</h2>
      {detail.verifications.length === 0 ? <p className="muted">{t('result.none')}</p> : null}
      {detail.verifications.map((v) => (
        <Result key={v.id} v={v} detail={detail} />
      ))}
    </section>
  );
}
