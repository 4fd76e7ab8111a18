import { useEffect } from 'react';
import { locale, useLang, useT } from '../../i18n/index.ts';
import { useFiles, type FileSort } from '../../stores/files.ts';

export function FilesPage() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { items, total, offset, limit, sort, dir, search, load, setPage, setSort, setFilter, error } = useFiles();

  useEffect(() => {
    void load();
  }, [load]);

  const header = (key: FileSort | null, label: string) => (
    <th scope="col" aria-sort={key && sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      {key ? (
        <button type="button" className="link" onClick={() => setSort(key)}>
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
        <span>{t('files.count', { from: total ? offset + 1 : 0, to: Math.min(offset + limit, total), total })}</span>
        <button type="button" disabled={offset === 0} onClick={() => setPage(offset - limit)} aria-label={t('pager.prev')}>
          ‹
        </button>
        <button type="button" disabled={offset + limit >= total} onClick={() => setPage(offset + limit)} aria-label={t('pager.next')}>
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
            {items.map((f) => (
              <tr key={f.id} data-state={f.state}>
                <td title={f.path}>{f.relPath}</td>
                <td>{f.state}</td>
                <td>{f.stage ?? '—'}</td>
                <td>{f.kind ?? '—'}</td>
                <td>{f.caseKey ?? '—'}</td>
                <td>{f.reason ?? ''}</td>
                <td>{new Date(f.updatedAt).toLocaleString(locale(lang))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
