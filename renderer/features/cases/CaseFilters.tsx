import { useState } from 'react';
import { DECISIONS, PROVIDER_NAMES, STAGES } from '../../lib/enums.ts';
import { CheckboxMenu } from '../../components/CheckboxMenu.tsx';
import { InboxSelect } from '../../components/InboxSelect.tsx';
import { useDebouncedEffect } from '../../hooks/useDebounced.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { useCases, type CaseSort } from '../../stores/cases.ts';
import { providerLabel } from '../providers/names.ts';

const SORTS: readonly CaseSort[] = [
  'updatedAt',
  'createdAt',
  'key',
  'applicant',
  'stage',
  'decision',
  'credits',
];

export function CaseFilters() {
  const t = useT();
  const lbl = useLabel();
  const filters = useCases((s) => s.filters);
  const sort = useCases((s) => s.sort);
  const dir = useCases((s) => s.dir);
  const setFilters = useCases((s) => s.setFilters);
  const [search, setSearch] = useState(filters.search);
  useDebouncedEffect(search, 300, (v) => {
    if (v !== useCases.getState().filters.search) setFilters({ search: v });
  });

  return (
    <div className="filters" role="search" aria-label={t('cases.filters')}>
      <label className="field grow">
        <span>{t('cases.search')}</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('cases.searchHint')}
          data-testid="cases-search"
        />
      </label>
      <CheckboxMenu
        legend={t('cases.col.stage')}
        options={STAGES}
        selected={filters.stage}
        labelOf={(v) => lbl('stage', v)}
        onChange={(stage) => setFilters({ stage })}
        testId="filter-stage"
      />
      <CheckboxMenu
        legend={t('cases.col.decision')}
        options={DECISIONS}
        selected={filters.decision}
        labelOf={(v) => lbl('decision', v)}
        onChange={(decision) => setFilters({ decision })}
        testId="filter-decision"
      />
      <CheckboxMenu
        legend={t('cases.provider')}
        options={PROVIDER_NAMES}
        selected={filters.provider}
        labelOf={(v) => providerLabel(v)}
        onChange={(provider) => setFilters({ provider })}
      />
      <InboxSelect value={filters.inboxId} onChange={(inboxId) => setFilters({ inboxId })} />
      <label className="field">
        <span>{t('cases.from')}</span>
        <input
          type="date"
          value={filters.from}
          onChange={(e) => setFilters({ from: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('cases.to')}</span>
        <input
          type="date"
          value={filters.to}
          onChange={(e) => setFilters({ to: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('cases.issues')}</span>
        <select
          value={filters.hasIssues === null ? '' : filters.hasIssues ? 'yes' : 'no'}
          onChange={(e) =>
            setFilters({ hasIssues: e.target.value === '' ? null : e.target.value === 'yes' })
          }
          data-testid="filter-issues"
        >
          <option value="">{t('common.all')}</option>
          <option value="yes">{t('cases.issuesYes')}</option>
          <option value="no">{t('cases.issuesNo')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('cases.sort')}</span>
        <select
          value={sort}
          onChange={(e) => useCases.getState().setSort(e.target.value as CaseSort)}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`cases.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => useCases.getState().toggleDir()}
        aria-label={dir === 'asc' ? t('cases.dirAsc') : t('cases.dirDesc')}
        title={dir === 'asc' ? t('cases.dirAsc') : t('cases.dirDesc')}
      >
        {dir === 'asc' ? '↑' : '↓'}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setSearch('');
          useCases.getState().resetFilters();
        }}
      >
        {t('cases.clearFilters')}
      </button>
    </div>
  );
}
