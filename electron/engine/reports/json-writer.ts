/**
 * The JSON twin of the workbook, written row by row as the sheets are: same sheets, same columns
 * (by machine key), same rows, but raw machine values — canonical codes instead of labels, ISO
 * timestamps with their offset instead of spreadsheet serials, arrays instead of joined text.
 *
 * Shape:
 *   { "format": "checkdesk-report", "version": 1, ...meta,
 *     "sheets": [ { "sheet": "summary", "name": "Summary", "columns": [...], "rows": [ {key: value}, ... ] }, ... ] }
 */
import fs from 'node:fs';
import { closeStream } from './xlsx-writer.ts';

const FLUSH_AT = 64 * 1024;

export class JsonReportWriter {
  private readonly out: fs.WriteStream;
  private fd: number | null;
  private chunk = '';
  private sheetCount = 0;
  private rowsInSheet = 0;
  private failure: Error | null = null;

  constructor(fd: number, meta: Record<string, unknown>) {
    this.fd = fd;
    this.out = fs.createWriteStream('', { fd, autoClose: false });
    this.out.on('error', (err) => {
      this.failure ??= err;
    });
    const head = JSON.stringify({ format: 'checkdesk-report', version: 1, ...meta });
    this.push(`${head.slice(0, -1)},"sheets":[`);
  }

  beginSheet(meta: Record<string, unknown>): void {
    const head = JSON.stringify(meta);
    this.push(`${this.sheetCount++ ? ',' : ''}\n${head.slice(0, -1)},"rows":[`);
    this.rowsInSheet = 0;
  }

  row(values: Record<string, unknown>): void {
    this.push(`${this.rowsInSheet++ ? ',' : ''}\n${JSON.stringify(values)}`);
  }

  endSheet(): void {
    this.push(']}');
  }

  /** null when more can be written now, else a promise that settles once the file caught up. */
  backpressure(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.out.writableNeedDrain) return null;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.out.off('drain', done);
        this.out.off('error', done);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.out.on('drain', done);
      this.out.on('error', done);
    });
  }

  async finish(): Promise<void> {
    this.push('\n]}\n');
    this.flush();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
    const fd = this.fd;
    if (fd === null) throw new Error('the JSON file was closed before it was complete');
    fs.fsyncSync(fd);
    this.fd = null;
    await closeStream(this.out);
  }

  async abort(): Promise<void> {
    this.failure ??= new Error('aborted');
    this.fd = null;
    await closeStream(this.out);
  }

  private push(text: string): void {
    this.chunk += text;
    if (this.chunk.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (!this.chunk) return;
    this.out.write(this.chunk);
    this.chunk = '';
  }
}
