/**
 * The case's documents as the engine serves them (never a file path): images with zoom and
 * rotation (scanners often deliver sideways pages), PDFs in the browser's own viewer with all
 * their pages.
 */
import { useEffect, useRef, useState } from 'react';
import type { DocumentRow } from '../../../shared/contract.ts';
import { Badge } from '../../components/Badge.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabel, useT } from '../../i18n/index.ts';
import { documentUrl } from '../../ipc/client.ts';
import { PasswordPrompt } from './PasswordPrompt.tsx';
import { useViewer, ZOOMS } from './viewerStore.ts';

function ImageView({ doc, alt }: { doc: DocumentRow; alt: string }) {
  const zoomStep = useViewer((s) => s.zoomStep);
  const rotation = useViewer((s) => s.rotation);
  const boxRef = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth - 2));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const sideways = rotation === 90 || rotation === 270;
  const w = natural?.w ?? 1000;
  const h = natural?.h ?? 700;
  const fit = width / (sideways ? h : w);
  const scale = fit * (ZOOMS[zoomStep] ?? 1);
  const boxW = (sideways ? h : w) * scale;
  const boxH = (sideways ? w : h) * scale;
  return (
    <div
      ref={boxRef}
      className="viewport"
      role="region"
      tabIndex={0}
      aria-label={alt}
      data-testid="viewer-viewport"
    >
      <div className="stage" style={{ width: boxW, height: boxH }}>
        <img
          src={documentUrl(doc.id)}
          alt={alt}
          draggable={false}
          onLoad={(e) =>
            setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })
          }
          style={{
            width: w * scale,
            height: h * scale,
            transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
          }}
          data-rotation={rotation}
          data-testid="viewer-image"
        />
      </div>
    </div>
  );
}

export function DocumentViewer({ documents }: { documents: DocumentRow[] }) {
  const t = useT();
  const lbl = useLabel();
  const f = useFormat();
  const index = useViewer((s) => s.index);
  const zoomStep = useViewer((s) => s.zoomStep);
  const rotation = useViewer((s) => s.rotation);
  const v = useViewer.getState();
  if (documents.length === 0) return <p className="muted">{t('case.noDocuments')}</p>;
  const doc = documents[Math.min(index, documents.length - 1)]!;
  const name = `${lbl('documentKind', doc.kind)} — ${doc.fileName ?? `#${doc.id}`}`;
  const isImage = doc.mime.startsWith('image/');
  const isPdf = doc.mime === 'application/pdf';
  return (
    <section aria-labelledby="docs-title" className="viewer" data-testid="document-viewer">
      <h2 id="docs-title">{t('case.documents')}</h2>
      <div className="doc-tabs" role="group" aria-label={t('case.documents')}>
        {documents.map((d, i) => (
          <button key={d.id} type="button" aria-pressed={d.id === doc.id} onClick={() => v.show(i)}>
            {lbl('documentKind', d.kind)}
            <span className="muted"> {d.fileName ?? `#${d.id}`}</span>
          </button>
        ))}
      </div>
      <div className="doc-meta">
        <Badge value={doc.preflight} text={lbl('preflight', doc.preflight)} />
        <span className="muted">
          {doc.mime} · {f.bytes(doc.size)}
          {doc.pages ? ` · ${t('case.pages', { n: f.number(doc.pages) })}` : ''}
        </span>
        {doc.preflightReason ? <span className="muted"> — {doc.preflightReason}</span> : null}
        {doc.linkedFromCaseId ? (
          <span className="muted"> · {t('case.linkedFrom', { id: doc.linkedFromCaseId })}</span>
        ) : null}
      </div>
      <PasswordPrompt key={doc.id} doc={doc} />
      {isImage ? (
        <>
          <div className="viewer-tools" role="toolbar" aria-label={t('viewer.tools')}>
            <button
              type="button"
              onClick={() => v.zoom(-1)}
              disabled={zoomStep === 0}
              aria-keyshortcuts="-"
            >
              {t('viewer.zoomOut')}
            </button>
            <span aria-live="polite" data-testid="viewer-zoom">
              {f.percent(ZOOMS[zoomStep] ?? 1)}
            </span>
            <button
              type="button"
              onClick={() => v.zoom(1)}
              disabled={zoomStep === ZOOMS.length - 1}
              aria-keyshortcuts="+"
            >
              {t('viewer.zoomIn')}
            </button>
            <button type="button" onClick={() => v.fit()} aria-keyshortcuts="0">
              {t('viewer.fit')}
            </button>
            <button type="button" onClick={() => v.rotate(-90)} aria-keyshortcuts="[">
              {t('viewer.rotateLeft')}
            </button>
            <button
              type="button"
              onClick={() => v.rotate(90)}
              aria-keyshortcuts="]"
              data-testid="rotate-right"
            >
              {t('viewer.rotateRight')}
            </button>
            <span className="muted">{t('viewer.rotation', { deg: rotation })}</span>
          </div>
          <ImageView key={doc.id} doc={doc} alt={name} />
        </>
      ) : isPdf ? (
        <iframe
          className="pdf-frame"
          src={documentUrl(doc.id)}
          title={name}
          data-testid="viewer-pdf"
        />
      ) : (
        <p>
          <a href={documentUrl(doc.id)} target="_blank" rel="noreferrer">
            {t('viewer.open', { name })}
          </a>
        </p>
      )}
      {isPdf ? (
        <p className="muted small">
          <a href={documentUrl(doc.id)} target="_blank" rel="noreferrer">
            {t('viewer.openSeparately')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
