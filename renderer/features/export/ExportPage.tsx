/**
 * Excel export: what to include, in which language, where to write it; progress while it runs
 * (cancellable), and the finished file's path. Past exports below.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ReportJob, ReportScope } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useLang, useT, type Lang } from '../../i18n/index.ts';
import { desktop, invoke } from '../../ipc/client.ts';
import { localDayStart, useCases } from '../../stores/cases.ts';
import { useEngine, useInboxes } from '../../stores/engine.ts';
import { startReportsSync, upsertJob, useReports } from '../../stores/reports.ts';
import { useExportDraft } from './draft.ts';

type ScopeKind = ReportScope['kind'];

const JOB_TONES = { running: 'info', done: 'ok', failed: 'bad', cancelled: 'neutral' } as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** checkdesk-2024-03-05-0930.xlsx */
export function defaultFileName(now = new Date()): string {
  return `checkdesk-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.xlsx`;
}

/** A sensible default in the browser: the data folder's reports/ folder, with its own separator. */
export function defaultOutPath(dataDir: string | undefined, name: string): string {
  if (!dataDir) return name;
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  return `${dataDir.replace(/[\\/]+$/, '')}${sep}reports${sep}${name}`;
}

function JobRow({ job }: { job: ReportJob }) {
  const t = useT();
  const lbl = useLabel();
  const f = useFormat();
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    const r = await invoke('reports.cancel', { jobId: job.id });
    if (!r.ok) setError(r.error.message);
  };
  return (
    <tr data-testid="report-job" data-state={job.state} data-out={job.out}>
      <td>
        <Badge
          value={job.state}
          tone={JOB_TONES[job.state]}
          text={lbl('reportJobState', job.state)}
        />
      </td>
      <td>
        <code className="path">{job.out}</code>
        {job.error ? <div className="bad-text small">{job.error}</div> : null}
        <ErrorNote error={error} />
      </td>
      <td>{job.lang === 'id' ? 'Bahasa Indonesia' : 'English'}</td>
      <td>
        {job.state === 'running' ? (
          <div className="progress-line">
            <progress
              max={job.total ?? undefined}
              value={job.total ? job.rows : undefined}
              aria-label={t('export.progressOf', { out: job.out })}
            />
            <span>
              {job.total
                ? t('export.rowsOf', { rows: f.number(job.rows), total: f.number(job.total) })
                : t('export.rows', { rows: f.number(job.rows) })}
            </span>
          </div>
        ) : (
          t('export.rows', { rows: f.number(job.rows) })
        )}
      </td>
      <td>{f.dateTime(job.startedAt)}</td>
      <td>{job.finishedAt ? f.dateTime(job.finishedAt) : ''}</td>
      <td>
        {job.state === 'running' ? (
          <button type="button" onClick={() => void cancel()} data-testid="cancel-export">
            {t('common.cancel')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function ExportPage() {
  const t = useT();
  const lbl = useLabel();
  const f = useFormat();
  const uiLang = useLang((s) => s.lang);
  const dataDir = useEngine((s) => s.status?.dataDir);
  const inboxes = useInboxes();
  const fromSelection = useExportDraft((s) => s.fromSelection);
  const selected = useCases((s) => s.selected);
  const caseIds = [...selected];
  const jobs = useReports((s) => s.jobs);
  const listError = useReports((s) => s.error);
  const [scope, setScope] = useState<ScopeKind>(
    fromSelection && selected.size > 0 ? 'cases' : 'all',
  );
  const [inboxId, setInboxId] = useState<number | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lang, setLang] = useState<Lang>(uiLang);
  const [fileName, setFileName] = useState(defaultFileName);
  const [outEdited, setOut] = useState<string | null>(null);
  const out = outEdited ?? (!desktop && dataDir ? defaultOutPath(dataDir, fileName) : '');
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    startReportsSync();
    void useReports.getState().load();
    useExportDraft.getState().consumed();
  }, []);

  const chooseFile = async () => {
    if (!desktop) return;
    const r = await desktop.saveFile(defaultFileName());
    if (!r.ok) setError(r.error.message);
    else if (r.value) setOut(r.value);
  };

  const buildScope = (): ReportScope | string => {
    switch (scope) {
      case 'cases':
        return caseIds.length ? { kind: 'cases', caseIds } : t('export.noSelection');
      case 'inbox': {
        const id = inboxId ?? inboxes[0]?.id;
        return id === undefined ? t('export.noInbox') : { kind: 'inbox', inboxId: id };
      }
      case 'range': {
        const a = localDayStart(from);
        const b = localDayStart(to);
        if (a === undefined || b === undefined) return t('export.badRange');
        if (b < a) return t('export.badRange');
        return { kind: 'range', from: a, to: b + 86_400_000 };
      }
      default:
        return { kind: 'all' };
    }
  };

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const s = buildScope();
    if (typeof s === 'string') {
      setError(s);
      return;
    }
    if (!out.trim()) {
      setError(t('export.outRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    const r = await invoke('reports.export', { scope: s, lang, out: out.trim() });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setStarted(r.value.out);
    upsertJob({
      id: r.value.jobId,
      state: 'running',
      out: r.value.out,
      lang,
      rows: 0,
      total: null,
      error: null,
      startedAt: Date.now(),
      finishedAt: null,
    });
    // The next export gets a fresh default name (never overwrite the one just written).
    setOut(null);
    setFileName(defaultFileName());
    void useReports.getState().load();
  };

  const current = started ? jobs.find((j) => j.out === started) : undefined;

  return (
    <section aria-labelledby="export-title">
      <h1 id="export-title">{t('nav.export')}</h1>
      <form className="panel export-form" onSubmit={(e) => void start(e)}>
        <fieldset>
          <legend>{t('export.scope')}</legend>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'all'}
              onChange={() => setScope('all')}
            />
            {t('export.scope.all')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'cases'}
              onChange={() => setScope('cases')}
              disabled={caseIds.length === 0}
            />
            {t('export.scope.cases', { n: f.number(caseIds.length) })}
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'inbox'}
              onChange={() => setScope('inbox')}
              disabled={inboxes.length === 0}
            />
            {t('export.scope.inbox')}
          </label>
          {scope === 'inbox' ? (
            <label className="field indent">
              <span>{t('cases.inbox')}</span>
              <select
                value={inboxId ?? inboxes[0]?.id ?? ''}
                onChange={(e) => setInboxId(Number(e.target.value))}
              >
                {inboxes.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label ?? i.path}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'range'}
              onChange={() => setScope('range')}
            />
            {t('export.scope.range')}
          </label>
          {scope === 'range' ? (
            <div className="form-row indent">
              <label className="field">
                <span>{t('cases.from')}</span>
                <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('cases.to')}</span>
                <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
            </div>
          ) : null}
        </fieldset>
        <div className="form-row">
          <label className="field">
            <span>{t('export.language')}</span>
            <select
              value={lang}
              onChange={(e) => setLang(e.target.value as Lang)}
              data-testid="export-lang"
            >
              <option value="en">English</option>
              <option value="id">Bahasa Indonesia</option>
            </select>
          </label>
          {desktop ? (
            <div className="field grow">
              <span>{t('export.out')}</span>
              <div className="form-row">
                <code className="path">{out || t('export.noFile')}</code>
                <button type="button" onClick={() => void chooseFile()}>
                  {t('export.chooseFile')}
                </button>
              </div>
            </div>
          ) : (
            <label className="field grow">
              <span>{t('export.out')}</span>
              <input
                value={out}
                onChange={(e) => setOut(e.target.value)}
                data-testid="export-out"
              />
            </label>
          )}
        </div>
        <ErrorNote error={error} />
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="start-export">
            {t('export.start')}
          </button>
          <span role="status" className="muted" data-testid="export-status">
            {current
              ? current.state === 'done'
                ? t('export.finished', { out: current.out })
                : current.state === 'running'
                  ? t('export.running', { rows: f.number(current.rows) })
                  : lbl('reportJobState', current.state)
              : ''}
          </span>
        </div>
      </form>
      <section aria-labelledby="jobs-title" className="panel">
        <h2 id="jobs-title">{t('export.history')}</h2>
        {listError ? <ErrorNote error={listError} /> : null}
        {jobs.length === 0 && !listError ? <p className="muted">{t('export.noneYet')}</p> : null}
        {jobs.length > 0 ? (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('export.col.state')}</th>
                <th scope="col">{t('export.col.file')}</th>
                <th scope="col">{t('export.language')}</th>
                <th scope="col">{t('export.col.rows')}</th>
                <th scope="col">{t('export.col.started')}</th>
                <th scope="col">{t('export.col.finished')}</th>
                <th scope="col">
                  <span className="sr-only">{t('export.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <JobRow key={j.id} job={j} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </section>
  );
}
