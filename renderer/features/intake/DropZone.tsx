/**
 * Drag files or folders onto the window (or pick them) to put them into an inbox: the engine
 * writes them there and intake takes over as for any scanner. Shows exactly what was written.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';
import { useInboxes } from '../../stores/engine.ts';
import { batches, collectDropped, collectPicked, toBase64, type PickedFile } from './collect.ts';
import { useIntake } from './intakeStore.ts';

const SAFE = /^[^/\\:*?"<>|\0]+$/;

function IntakeDialog({ initial, onClose }: { initial: PickedFile[]; onClose(): void }) {
  const t = useT();
  const f = useFormat();
  const inboxes = useInboxes();
  const [files, setFiles] = useState<PickedFile[]>(initial);
  const [inboxId, setInboxId] = useState<number | null>(inboxes[0]?.id ?? null);
  const [caseFolder, setCaseFolder] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [written, setWritten] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null && progress.done < progress.total;
  const loose = files.filter((x) => !x.folder).length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = inboxId ?? inboxes[0]?.id;
    if (target === undefined) {
      setError(t('intake.noInbox'));
      return;
    }
    const folder = caseFolder.trim();
    if (folder && (!SAFE.test(folder) || folder === '.' || folder === '..')) {
      setError(t('intake.badFolder'));
      return;
    }
    setError(null);
    setWritten([]);
    setProgress({ done: 0, total: files.length });
    let done = 0;
    const out: string[] = [];
    for (const batch of batches(files)) {
      const payload = await Promise.all(
        batch.map(async (p) => ({
          name: p.file.name,
          ...((p.folder ?? folder) ? { folder: p.folder ?? folder } : {}),
          base64: await toBase64(p.file),
        })),
      );
      const r = await invoke('intake.import', { inboxId: target, files: payload });
      if (!r.ok) {
        setError(r.error.message);
        setProgress(null);
        setWritten(out);
        return;
      }
      out.push(...r.value.written);
      done += batch.length;
      setProgress({ done, total: files.length });
      setWritten([...out]);
    }
    setFiles([]);
  };

  return (
    <Dialog title={t('intake.title')} onClose={onClose} testId="intake-dialog" className="wide">
      <form onSubmit={(e) => void submit(e)}>
        {files.length > 0 ? (
          <>
            <p>{t('intake.count', { n: f.number(files.length) })}</p>
            <ul className="file-list" data-testid="intake-files">
              {files.slice(0, 50).map((x, i) => (
                <li key={i}>
                  {x.folder ? <span className="muted">{x.folder}/</span> : null}
                  {x.file.name} <span className="muted">({f.bytes(x.file.size)})</span>
                </li>
              ))}
              {files.length > 50 ? (
                <li className="muted">{t('intake.more', { n: f.number(files.length - 50) })}</li>
              ) : null}
            </ul>
          </>
        ) : written.length === 0 ? (
          <p>{t('intake.pickHint')}</p>
        ) : null}
        {written.length === 0 || files.length > 0 ? (
          <div className="form-row">
            <label className="field">
              <span>{t('intake.chooseFiles')}</span>
              <input
                type="file"
                multiple
                onChange={(e) => setFiles([...files, ...collectPicked(e.target.files)])}
                data-testid="intake-file-input"
              />
            </label>
          </div>
        ) : null}
        {files.length > 0 ? (
          <div className="form-row">
            <label className="field">
              <span>{t('intake.inbox')}</span>
              <select
                value={inboxId ?? ''}
                onChange={(e) => setInboxId(Number(e.target.value))}
                data-testid="intake-inbox"
              >
                {inboxes.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label ?? i.path}
                  </option>
                ))}
              </select>
            </label>
            {loose > 0 ? (
              <label className="field grow">
                <span>{t('intake.caseFolder')}</span>
                <input
                  value={caseFolder}
                  onChange={(e) => setCaseFolder(e.target.value)}
                  placeholder={t('intake.caseFolderHint')}
                  data-testid="intake-case-folder"
                />
              </label>
            ) : null}
          </div>
        ) : null}
        {progress ? (
          <p>
            <progress
              max={progress.total}
              value={progress.done}
              aria-label={t('intake.progress')}
            />{' '}
            <span role="status">
              {t('intake.progressText', {
                done: f.number(progress.done),
                total: f.number(progress.total),
              })}
            </span>
          </p>
        ) : null}
        <ErrorNote error={error} />
        {written.length > 0 ? (
          <div role="status" data-testid="intake-written">
            <p>{t('intake.written', { n: f.number(written.length) })}</p>
            <ul className="file-list">
              {written.map((w) => (
                <li key={w}>
                  <code>{w}</code>
                </li>
              ))}
            </ul>
            <p className="muted small">{t('intake.next')}</p>
          </div>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {written.length > 0 && files.length === 0 ? t('common.close') : t('common.cancel')}
          </button>
          {files.length > 0 ? (
            <button
              type="submit"
              className="primary"
              disabled={busy || inboxes.length === 0}
              data-testid="intake-submit"
            >
              {t('intake.submit')}
            </button>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}

export function DropZone() {
  const t = useT();
  const [over, setOver] = useState(false);
  const open = useIntake((s) => s.open);
  const files = useIntake((s) => s.files);
  const version = useIntake((s) => s.version);
  const depth = useRef(0);

  useEffect(() => {
    const hasFiles = (e: DragEvent) =>
      !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      void collectDropped(e.dataTransfer).then((picked) => {
        if (picked.length) useIntake.getState().show(picked);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      {over ? (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('intake.dropHere')}</p>
        </div>
      ) : null}
      {open ? (
        <IntakeDialog key={version} initial={files} onClose={() => useIntake.getState().hide()} />
      ) : null}
    </>
  );
}
