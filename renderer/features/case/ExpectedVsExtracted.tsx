import type { CaseDetail } from '../../../shared/contract.ts';
import { useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { providerLabel } from '../providers/names.ts';
import { compareCase, type ExtractedValue, type MatchState } from './compare.ts';

const STATE_KEYS: Record<MatchState, MessageKey> = {
  match: 'compare.match',
  mismatch: 'compare.mismatch',
  unknown: 'compare.unknown',
};

function SourceText({ source }: { source: ExtractedValue['source'] }) {
  const lbl = useLabel();
  if (source.kind === 'provider')
    return <>{`${providerLabel(source.provider)} · ${source.service}`}</>;
  return (
    <>{`${lbl('checkSource', 'preflight')}${source.fileName ? ` · ${source.fileName}` : ''}`}</>
  );
}

export function ExpectedVsExtracted({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const { fields, consistency } = compareCase(detail);
  const mismatches =
    fields.filter((f) => f.state === 'mismatch').length +
    consistency.filter((c) => !c.match).length;
  return (
    <section aria-labelledby="cmp-title" className="panel" data-testid="compare">
      <h2 id="cmp-title">{t('compare.title')}</h2>
      <p className="muted small">
        {detail.expected
          ? t('compare.expectedFrom', { source: detail.expectedSource ?? '—' })
          : t('compare.noExpected')}
        {mismatches > 0 ? (
          <strong className="mismatch-text"> · {t('compare.mismatches', { n: mismatches })}</strong>
        ) : null}
      </p>
      {fields.length === 0 ? (
        <p className="muted">{t('compare.nothing')}</p>
      ) : (
        <table className="grid compare">
          <thead>
            <tr>
              <th scope="col">{t('compare.field')}</th>
              <th scope="col">{t('compare.expected')}</th>
              <th scope="col">{t('compare.extracted')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr
                key={f.field}
                className={f.state === 'mismatch' ? 'row-mismatch' : undefined}
                data-field={f.field}
                data-state={f.state}
              >
                <th scope="row">{t(`compare.field.${f.field}`)}</th>
                <td className="mono">{f.expected ?? '—'}</td>
                <td>
                  {f.extracted.length === 0 ? (
                    <span className="muted">{t('compare.notRead')}</span>
                  ) : (
                    <ul className="plain-list">
                      {f.extracted.map((x, i) => (
                        <li key={i} className={x.match === 'mismatch' ? 'mismatch' : undefined}>
                          {x.match === 'mismatch' ? (
                            <mark className="mono">{x.value}</mark>
                          ) : (
                            <span className="mono">{x.value}</span>
                          )}{' '}
                          <span className={`match-tag ${x.match}`}>{t(STATE_KEYS[x.match])}</span>{' '}
                          <span className="muted small">
                            (<SourceText source={x.source} />)
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {consistency.length > 0 ? (
        <>
          <h3>{t('compare.consistency')}</h3>
          <table className="grid compare">
            <thead>
              <tr>
                <th scope="col">{t('compare.rule')}</th>
                <th scope="col">{t('compare.left')}</th>
                <th scope="col">{t('compare.right')}</th>
                <th scope="col">{t('compare.result')}</th>
              </tr>
            </thead>
            <tbody>
              {consistency.map((c, i) => (
                <tr key={i} className={c.match ? undefined : 'row-mismatch'}>
                  <th scope="row">{consistencyLabel(t, c.field)}</th>
                  <td className="mono">{c.left}</td>
                  <td className="mono">{c.match ? c.right : <mark>{c.right}</mark>}</td>
                  <td>
                    <span className={`match-tag ${c.match ? 'match' : 'mismatch'}`}>
                      {t(c.match ? 'compare.match' : 'compare.mismatch')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

const CONSISTENCY_KEYS: Record<string, MessageKey> = {
  nikGender: 'compare.rule.nikGender',
  nikBirthDate: 'compare.rule.nikBirthDate',
  nikProvince: 'compare.rule.nikProvince',
  declaredNikGender: 'compare.rule.declaredNikGender',
  declaredNikBirthDate: 'compare.rule.declaredNikBirthDate',
  npwpNik: 'compare.rule.npwpNik',
};

function consistencyLabel(t: ReturnType<typeof useT>, field: string): string {
  const key = CONSISTENCY_KEYS[field];
  return key ? t(key) : field;
}
