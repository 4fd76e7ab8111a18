/**
 * Reading a PDF with pdf.js (tolerant parser, handles encryption given a password): page count,
 * Info and XMP metadata, and which fonts each page shows text in. Always destroys the document.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface FontUse {
  /** Font name as stored, e.g. 'Helvetica' or 'ABCDEF+Arial' (subset tag included). */
  name: string;
  /** 1-based pages where it shows text, and the number of text-showing operations per page. */
  spansByPage: Map<number, number>;
  /** Smallest position (0-based, in text-showing order) of its first use on any page. */
  firstSpanIndex: number;
}

export interface PdfReadResult {
  pages: number;
  info: Record<string, unknown>;
  xmp: Record<string, string> | null;
  fonts: FontUse[];
  /** Pages whose fonts were inspected (capped for very long documents). */
  fontPagesInspected: number;
  /** Text-showing operations per inspected page. */
  spansPerPage: number[];
}

export type PdfOpen =
  | { status: 'ok'; result: PdfReadResult }
  | { status: 'password_needed' }
  | { status: 'password_wrong' }
  | { status: 'unreadable'; message: string }
  | { status: 'timeout' };

/** A PDF that pdf.js cannot read in this time is reported rather than allowed to stall the queue. */
const READ_TIMEOUT_MS = 60_000;

/** Font usage is read from at most this many pages: enough for any statement, bounded for a 900-page dump. */
const MAX_FONT_PAGES = 40;

const STANDARD_FONTS = (() => {
  const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  return path.join(path.dirname(pkg), 'standard_fonts') + path.sep;
})();

const TEXT_OPS = new Set<number>([
  pdfjs.OPS.showText,
  pdfjs.OPS.showSpacedText,
  pdfjs.OPS.nextLineShowText,
  pdfjs.OPS.nextLineSetSpacingShowText,
]);

export async function readPdf(bytes: Uint8Array, password: string | null): Promise<PdfOpen> {
  let timer: NodeJS.Timeout | undefined;
  let task: pdfjs.PDFDocumentLoadingTask | null = null;
  const timeout = new Promise<PdfOpen>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timeout' }), READ_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const result = await Promise.race([read(bytes, password, (t) => (task = t)), timeout]);
    if (result.status === 'timeout')
      await (task as pdfjs.PDFDocumentLoadingTask | null)?.destroy().catch(() => undefined);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

async function read(
  bytes: Uint8Array,
  password: string | null,
  started: (task: pdfjs.PDFDocumentLoadingTask) => void,
): Promise<PdfOpen> {
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given, so it gets a copy.
    data: new Uint8Array(bytes),
    password: password ?? undefined,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  });
  started(task);
  let doc: pdfjs.PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const e = err as { name?: string; code?: number; message?: string };
    if (e?.name === 'PasswordException')
      return e.code === pdfjs.PasswordResponses.INCORRECT_PASSWORD
        ? { status: 'password_wrong' }
        : { status: 'password_needed' };
    return { status: 'unreadable', message: e?.message ?? String(err) };
  }
  try {
    const md = await doc.getMetadata();
    const xmp = md.metadata
      ? Object.fromEntries([...(md.metadata as unknown as Iterable<[string, string]>)])
      : null;
    const fonts = new Map<string, FontUse>();
    const spansPerPage: number[] = [];
    const inspected = Math.min(doc.numPages, MAX_FONT_PAGES);
    for (let p = 1; p <= inspected; p++) {
      const page = await doc.getPage(p);
      const ops = await page.getOperatorList();
      let current: string | null = null;
      let spans = 0;
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i]!;
        if (fn === pdfjs.OPS.setFont) {
          const id = (ops.argsArray[i] as unknown[])[0] as string;
          const font = page.commonObjs.has(id)
            ? (page.commonObjs.get(id) as { name?: string })
            : null;
          current = font?.name ?? id;
        } else if (TEXT_OPS.has(fn) && current) {
          let use = fonts.get(current);
          if (!use)
            fonts.set(
              current,
              (use = { name: current, spansByPage: new Map(), firstSpanIndex: spans }),
            );
          use.spansByPage.set(p, (use.spansByPage.get(p) ?? 0) + 1);
          use.firstSpanIndex = Math.min(use.firstSpanIndex, spans);
          spans++;
        }
      }
      spansPerPage.push(spans);
      page.cleanup();
    }
    return {
      status: 'ok',
      result: {
        pages: doc.numPages,
        info: (md.info ?? {}) as Record<string, unknown>,
        xmp,
        fonts: [...fonts.values()],
        fontPagesInspected: inspected,
        spansPerPage,
      },
    };
  } catch (err) {
    return { status: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
