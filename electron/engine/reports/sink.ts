/**
 * The narrow interface the report builder writes through. exceljs is effectively unmaintained;
 * keeping it behind this seam means a fork or another writer replaces one file, and the benchmark
 * can feed the very same rows to an in-memory workbook for comparison.
 */
import type { CellValue, Style } from 'exceljs';

export interface SheetColumnLayout {
  header: string;
  /** Character width; must be known before the first row (a streamed sheet cannot change it later). */
  width: number;
  /** Default style of the column's empty cells (e.g. text format for identifier columns). */
  style: Partial<Style>;
}

export interface SheetLayout {
  name: string;
  columns: readonly SheetColumnLayout[];
  headerStyle: Partial<Style>;
  /** Columns that stay visible when scrolling right; the header row is always frozen. */
  frozenColumns: number;
}

export interface SheetSink {
  /** One data row; `undefined`/null values leave the cell empty. Styles are shared objects. */
  addRow(
    values: readonly (CellValue | undefined)[],
    styles: readonly (Partial<Style> | undefined)[],
  ): void;
  /** null when more rows can be written now, else a promise that settles when they can. */
  backpressure(): Promise<void> | null;
  /** Adds the filter over the written range and closes the sheet. */
  end(): Promise<void>;
}

export interface WorkbookSink {
  addSheet(layout: SheetLayout): Promise<SheetSink>;
  /** Completes the file: everything is on disk when it resolves. */
  commit(): Promise<void>;
  /** Stops writing and releases the file; safe to call at any time, also after a failure. */
  abort(): Promise<void>;
}
