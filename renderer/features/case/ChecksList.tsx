import type { StoredCheck } from '../../../shared/contract.ts';
import type { Check } from '../../../shared/model.ts';
import { Badge } from '../../components/Badge.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useReasonText, useT } from '../../i18n/index.ts';

const ATTENTION = new Set(['FAIL', 'REVIEW', 'ERROR']);

function CheckItem({ check }: { check: Check & { blocking?: boolean } }) {
  const t = useT();
  const lbl = useLabel();
  const reason = useReasonText();
  const f = useFormat();
  const s = check.score;
  return (
    <li
      className={`check-item${ATTENTION.has(check.outcome) ? ' attention' : ''}`}
      data-outcome={check.outcome}
      data-type={check.type}
    >
      <div>
        <Badge value={check.outcome} text={lbl('checkOutcome', check.outcome)} />{' '}
        <strong>{lbl('checkType', check.type)}</strong>
        {check.name ? <span className="muted"> · {check.name}</span> : null}
        {check.blocking ? <span className="badge tone-bad">{t('checks.blocking')}</span> : null}
        {s && s.raw !== null ? (
          <span className="muted">
            {' '}
            · {t('checks.score', { score: f.number(s.raw, 2), scale: s.scale })}
            {s.threshold !== null
              ? ` ${t('checks.threshold', { n: f.number(s.threshold, 2) })}`
              : ''}
          </span>
        ) : null}
      </div>
      {check.reasons.length > 0 ? (
        <ul className="reasons">
          {check.reasons.map((r, i) => (
            <li key={i} data-code={r.code}>
              <span className={`sev sev-${r.severity}`}>{lbl('severity', r.severity)}</span>{' '}
              {reason(r.code, r.message)} <code className="muted">{r.code}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Checks with what needs attention first; passed ones folded away. */
export function ChecksList({
  checks,
  title,
  testId,
}: {
  checks: readonly (Check & { blocking?: boolean })[];
  title?: string;
  testId?: string;
}) {
  const t = useT();
  const attention = checks.filter((c) => ATTENTION.has(c.outcome));
  const rest = checks.filter((c) => !ATTENTION.has(c.outcome));
  if (checks.length === 0) return <p className="muted">{t('checks.none')}</p>;
  return (
    <div className="checks" data-testid={testId}>
      {title ? <h3>{title}</h3> : null}
      {attention.length > 0 ? (
        <ul className="plain-list">
          {attention.map((c, i) => (
            <CheckItem key={i} check={c} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('checks.allPassed')}</p>
      )}
      {rest.length > 0 ? (
        <details>
          <summary>{t('checks.others', { n: rest.length })}</summary>
          <ul className="plain-list">
            {rest.map((c, i) => (
              <CheckItem key={i} check={c} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

export function PreflightChecks({
  checks,
  documents,
}: {
  checks: StoredCheck[];
  documents: { id: number; fileName: string | null; kind: string }[];
}) {
  const t = useT();
  const lbl = useLabel();
  const pre = checks.filter((c) => c.source === 'preflight' || c.verificationId === null);
  const byDoc = new Map<number | null, StoredCheck[]>();
  for (const c of pre) byDoc.set(c.documentId, [...(byDoc.get(c.documentId) ?? []), c]);
  return (
    <section aria-labelledby="pre-title" className="panel" data-testid="preflight-checks">
      <h2 id="pre-title">{t('checks.preflightTitle')}</h2>
      {pre.length === 0 ? <p className="muted">{t('checks.none')}</p> : null}
      {[...byDoc.entries()].map(([docId, list]) => {
        const d = documents.find((x) => x.id === docId);
        return (
          <ChecksList
            key={docId ?? 'case'}
            checks={list}
            title={
              d
                ? `${lbl('documentKind', d.kind)} — ${d.fileName ?? `#${d.id}`}`
                : t('checks.caseLevel')
            }
          />
        );
      })}
    </section>
  );
}
