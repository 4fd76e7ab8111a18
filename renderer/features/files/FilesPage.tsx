import { useEffect } from 'react';
import { FILE_STATES } from '../../lib/enums.ts';
import { Badge } from '../../components/Badge.tsx';
import { CheckboxMenu } from '../../components/CheckboxMenu.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { caseHref } from '../../app/router.ts';
import { useFiles, watchFiles, type FileSort } from '../../stores/files.ts';

/** Every file CheckDesk has seen and what happened to it: "was my file lost?" answered. */
export function FilesPage() {
  const t = useT();
  const f = useFormat();
  const lbl = useLabel();
  const {
    items,
    total,
    offset,
    limit,
    sort,
    dir,
    search,
    state,
    load,
    setPage,
    setSort,
    setFilter,
    error,
  } = useFiles();

  useEffect(() => {
    void load();
    return watchFiles();
  }, [load]);

  const header = (key: FileSort | null, label: string) => (
    <th
      scope="col"
      aria-sort={key && sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      {key ? (
        <button type="button" className="link sort" onClick={() => setSort(key)}>
          {label}
        </button>
      ) : (
        label
      )}
    </th>
  );

  return (
    <section aria-labelledby="files-title">
      <h1 id="files-title">{t('files.title')}</h1>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('files.search')}
          placeholder={t('files.search')}
          defaultValue={search}
          onChange={(e) => setFilter({ search: e.target.value })}
        />
        <CheckboxMenu
          legend={t('files.col.state')}
          options={FILE_STATES}
          selected={state}
          labelOf={(v) => lbl('fileState', v)}
          onChange={(next) => setFilter({ state: next })}
        />
        <span role="status">
          {t('files.count', {
            from: total ? f.number(offset + 1) : 0,
            to: f.number(Math.min(offset + limit, total)),
            total: f.number(total),
          })}
        </span>
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setPage(offset - limit)}
          aria-label={t('pager.prev')}
        >
          ‹
        </button>
        <button
          type="button"
          disabled={offset + limit >= total}
          onClick={() => setPage(offset + limit)}
          aria-label={t('pager.next')}
        >
          ›
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {items.length === 0 ? (
        <p>{t('files.empty')}</p>
      ) : (
        <table className="grid" data-testid="files-table">
          <thead>
            <tr>
              {header('path', t('files.col.path'))}
              {header('state', t('files.col.state'))}
              {header(null, t('files.col.stage'))}
              {header(null, t('files.col.kind'))}
              {header(null, t('files.col.case'))}
              {header(null, t('files.col.reason'))}
              {header('updatedAt', t('files.col.updated'))}
            </tr>
          </thead>
          <tbody>
            {items.map((file) => (
              <tr key={file.id} data-state={file.state} data-stage={file.stage ?? undefined}>
                <td title={file.path}>{file.relPath}</td>
                <td>
                  <Badge value={file.state} text={lbl('fileState', file.state)} />
                </td>
                <td>{file.stage ? lbl('stage', file.stage) : '—'}</td>
                <td>{file.kind ? lbl('documentKind', file.kind) : '—'}</td>
                <td>
                  {file.caseId ? (
                    <a href={caseHref(file.caseId)}>{file.caseKey ?? file.caseId}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{file.reason ?? ''}</td>
                <td>{f.dateTime(file.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
