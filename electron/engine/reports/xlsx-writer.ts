/**
 * Streaming .xlsx writer on exceljs's WorkbookWriter, with the three things it lacks for a
 * million rows:
 *
 * 1. Backpressure. Each sheet is a zip entry fed by an in-memory buffer that ignores the zip's
 *    pace: rows pile up in RAM whenever XML is produced faster than deflate and the disk take it.
 *    `backpressure()` measures what is queued in front of the compressor and lets the caller wait.
 * 2. Rows as text. Data rows are serialised by row-xml.ts (same markup and style registry as
 *    exceljs) and appended to the sheet's stream, instead of building exceljs row and cell
 *    objects for each: that was half the CPU time of an export, and exceljs also remembered
 *    every formula cell of a sheet. The header row, columns, views and autofilter stay exceljs's.
 * 3. A durable, abortable output: the file is written through a descriptor we own and fsynced
 *    before it is handed back; on abort the zip is stopped and the file closed (once any write in
 *    flight has landed) so the temporary file can be removed (Windows cannot delete an open file).
 *
 * The few exceljs internals touched here are named in the `*Internals` interfaces below; exceljs
 * is pinned (4.4.0), and test/integration/reports checks the output with independent readers.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Style } from 'exceljs';
import fs from 'node:fs';
import { RowXml, type StyleRegistry } from './row-xml.ts';
import { columnLetter } from './sheet-names.ts';
import type { SheetLayout, SheetSink, WorkbookSink } from './sink.ts';

/**
 * Queued bytes above which writing pauses, and below which it resumes. Small on purpose: buffers
 * that wait long in the queue outlive V8's young generation and are only freed by a full GC, so a
 * deep queue shows up as tens of megabytes of dead buffers in the process's peak memory.
 */
const HIGH_WATER = 512 * 1024;
const LOW_WATER = 128 * 1024;
/** Queued bytes from which the event loop is given a turn so the compressor gets fed. */
const FEED_AT = 64 * 1024;

/** A Node stream or a readable-stream@2 one (archiver's), which only has the `_…State` fields. */
interface QueuedStream {
  _writableState?: { length?: number; needDrain?: boolean };
  _readableState?: { length?: number };
  once?(event: 'drain', listener: () => void): unknown;
  removeListener?(event: 'drain', listener: () => void): unknown;
}

function queued(stream: QueuedStream): number {
  return (stream._writableState?.length ?? 0) + (stream._readableState?.length ?? 0);
}
interface StreamBufInternals {
  buffers?: { length: number }[];
  pipes?: QueuedStream[];
}
interface WorksheetWriterInternals {
  readonly stream: StreamBufInternals;
  _workbook: { styles: StyleRegistry };
  /** Appends text to the sheet's XML (after <sheetData> once the header row is committed). */
  _write(text: string): void;
}
interface ArchiverInternals {
  abort(): void;
  unpipe(): void;
  on(event: 'error' | 'warning', listener: (err: Error) => void): void;
}
interface WorkbookWriterInternals {
  zip: ArchiverInternals;
}

export interface StreamingWorkbookOptions {
  /** An open, writable descriptor of the (temporary) output file; closed by commit/abort. */
  fd: number;
  /** zlib level 1–9; lower is faster and a little larger. */
  compression?: number;
  creator?: string;
}

export class StreamingWorkbook implements WorkbookSink {
  private readonly out: fs.WriteStream;
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheets: StreamingSheet[] = [];
  private fd: number | null;
  private failure: Error | null = null;
  private readonly failed: Promise<never>;
  private fail!: (err: Error) => void;

  constructor(options: StreamingWorkbookOptions) {
    this.fd = options.fd;
    this.failed = new Promise<never>((_, reject) => {
      this.fail = (err) => {
        if (this.failure) return;
        this.failure = err;
        reject(err);
      };
    });
    // Nobody may be awaiting yet; the failure is also surfaced through backpressure()/commit().
    this.failed.catch(() => undefined);
    try {
      this.out = fs.createWriteStream('', { fd: options.fd, autoClose: false });
      this.out.on('error', (err) => this.fail(err));
      this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: this.out,
        useStyles: true,
        useSharedStrings: false,
        zip: { zlib: { level: options.compression ?? 6 } },
      });
    } catch (err) {
      // The caller never gets an object to abort: release the file here.
      fs.closeSync(options.fd);
      throw err;
    }
    this.wb.creator = options.creator ?? 'CheckDesk';
    this.wb.lastModifiedBy = this.wb.creator;
    const zip = (this.wb as unknown as WorkbookWriterInternals).zip;
    zip.on('error', (err) => this.fail(err));
    zip.on('warning', (err) => this.fail(err));
  }

  /** Bytes produced but not yet through the compressor, over every sheet still in flight. */
  queuedBytes(): number {
    let n = this.out.writableLength;
    for (const sheet of this.sheets) n += sheet.queuedBytes();
    return n;
  }

  async waitForRoom(): Promise<void> {
    while (this.queuedBytes() > LOW_WATER) {
      if (this.failure) throw this.failure;
      await Promise.race([this.nextDrain(), this.failed]);
    }
    if (this.failure) throw this.failure;
  }

  /** Resolves when the compressor's input queue drains, or after a few ms as a safety net. */
  private nextDrain(): Promise<void> {
    const pipe = this.sheets[this.sheets.length - 1]?.busiestPipe();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pipe?.removeListener?.('drain', done);
        resolve();
      };
      const needDrain = pipe?._writableState?.needDrain === true;
      const timer = setTimeout(done, needDrain ? 20 : 1);
      if (needDrain) pipe?.once?.('drain', done);
    });
  }

  backpressure(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure);
    const queued = this.queuedBytes();
    if (queued > HIGH_WATER) return this.waitForRoom();
    // Deflate runs on another thread but is fed from this one: yielding now and then keeps it
    // busy while rows are produced, instead of taking turns with it.
    if (queued > FEED_AT) return new Promise<void>((resolve) => setImmediate(resolve));
    return null;
  }

  async addSheet(layout: SheetLayout): Promise<SheetSink> {
    if (this.failure) throw this.failure;
    const ws = this.wb.addWorksheet(layout.name, {
      views: [
        {
          state: 'frozen',
          xSplit: layout.frozenColumns,
          ySplit: 1,
          topLeftCell: `${columnLetter(layout.frozenColumns + 1)}2`,
          activeCell: 'A2',
        },
      ],
    });
    const sheet = new StreamingSheet(this, ws, layout);
    this.sheets.push(sheet);
    return sheet;
  }

  async commit(): Promise<void> {
    if (this.failure) throw this.failure;
    await Promise.race([this.wb.commit(), this.failed]);
    const fd = this.fd;
    if (fd === null) throw new Error('the report file was closed before it was complete');
    // Durable before it gets its final name: a power cut must not leave an empty report behind.
    fs.fsyncSync(fd);
    this.fd = null;
    await closeStream(this.out);
  }

  async abort(): Promise<void> {
    this.fail(new Error('aborted'));
    const zip = (this.wb as unknown as WorkbookWriterInternals).zip;
    try {
      zip.unpipe();
      zip.abort();
    } catch {
      // an archive that already ended or failed has nothing left to stop
    }
    this.fd = null;
    await closeStream(this.out);
  }
}

class StreamingSheet implements SheetSink {
  private rows = 1;
  private readonly internals: WorksheetWriterInternals;
  private readonly rowXml: RowXml;
  private readonly columnStyles: readonly (Partial<Style> | undefined)[];

  constructor(
    private readonly owner: StreamingWorkbook,
    private readonly ws: ExcelJS.Worksheet,
    private readonly layout: SheetLayout,
  ) {
    this.internals = ws as unknown as WorksheetWriterInternals;
    // Widths and column formats go into <cols>, written with the first row: set them first.
    ws.columns = layout.columns.map((c) => ({ width: c.width, style: c.style }));
    const header = ws.getRow(1);
    layout.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.style = layout.headerStyle;
    });
    header.height = 30;
    header.commit();
    this.rowXml = new RowXml(
      this.internals._workbook.styles,
      layout.columns.map((_, i) => columnLetter(i + 1)),
    );
    this.columnStyles = layout.columns.map((c) => c.style);
  }

  queuedBytes(): number {
    const stream = this.internals.stream;
    let n = 0;
    for (const b of stream.buffers ?? []) n += b.length;
    for (const p of stream.pipes ?? []) n += queued(p);
    return n;
  }

  busiestPipe(): QueuedStream | undefined {
    let best: QueuedStream | undefined;
    for (const p of this.internals.stream.pipes ?? []) {
      if (!best || queued(p) > queued(best)) best = p;
    }
    return best;
  }

  addRow(
    values: readonly (CellValue | undefined)[],
    styles: readonly (Partial<Style> | undefined)[],
  ): void {
    this.internals._write(this.rowXml.render(++this.rows, values, styles, this.columnStyles));
  }

  backpressure(): Promise<void> | null {
    return this.owner.backpressure();
  }

  async end(): Promise<void> {
    const last = Math.max(this.rows, 1);
    this.ws.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: last, column: Math.max(this.layout.columns.length, 1) },
    };
    this.ws.commit();
  }
}

/**
 * Closes a file stream and its descriptor once any write in flight has landed. The descriptor is
 * never closed behind the stream's back: Node would close it again later, by then possibly
 * another file's descriptor reusing the same number.
 */
export function closeStream(stream: fs.WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    stream.once('close', () => resolve());
    stream.once('error', () => undefined);
    stream.destroy();
  });
}
