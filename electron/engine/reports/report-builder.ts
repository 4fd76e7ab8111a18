/**
 * Builds the report from a ledger snapshot into a workbook sink (and optionally the JSON twin):
 * Summary, one sheet per service, Checks, History, Fields. Rows flow one at a time from SQLite
 * cursors to the writers; the only things held in memory are the schema and one row.
 */
import type { CellValue, Style } from 'exceljs';
import { CheckDeskError } from '../../../shared/errors.ts';
import { label, type Lang } from '../../../shared/i18n/index.ts';
import type { ReportReader } from '../ledger/report-queries.ts';
import {
  checkColumns,
  EXTRACTED_COLUMNS,
  fieldColumns,
  historyColumns,
  serviceColumns,
  summaryColumns,
  VALUE_TYPE,
  type Column,
  type FieldRow,
} from './columns.ts';
import type { ExportPhase, ProgressMeter } from './progress.ts';
import { CellRenderer } from './render.ts';
import { columnLetter, SheetNamer } from './sheet-names.ts';
import type { SheetSink, WorkbookSink } from './sink.ts';
import { createStyleBook, type StyleBook } from './styles.ts';
import type { WallClock } from './wall-clock.ts';

/** What the builder needs from the JSON writer. */
export interface JsonSheetSink {
  beginSheet(meta: Record<string, unknown>): void;
  row(values: Record<string, unknown>): void;
  endSheet(): void;
  backpressure(): Promise<void> | null;
}

export interface BuildOptions {
  reader: ReportReader;
  lang: Lang;
  clock: WallClock;
  dataDir: string;
  sink: WorkbookSink;
  json: JsonSheetSink | null;
  signal?: AbortSignal | undefined;
  progress: ProgressMeter;
  /** Data rows per sheet before it continues in "<name> (2)"; Excel's limit unless a test says otherwise. */
  maxRowsPerSheet?: number;
}

export interface BuildResult {
  /** Data rows written (Summary + service sheets + Checks + History; not headers, not Fields). */
  rows: number;
  sheets: string[];
}

/**
 * Excel and LibreOffice show at most 1,048,576 rows per sheet and silently drop the rest, so a
 * longer sheet continues in another one ("Checks (2)") with the same columns.
 */
export const MAX_DATA_ROWS_PER_SHEET = 1_048_575;

/** How often (rows) cancellation is looked at, and how long the loop may run without yielding. */
const CHECK_EVERY = 256;
const YIELD_AFTER_MS = 50;

export function exportCancelled(): CheckDeskError {
  return new CheckDeskError(
    'EXPORT_CANCELLED',
    'The export was cancelled; no report file was left behind.',
  );
}

interface SheetSpec {
  kind: 'summary' | 'service' | 'checks' | 'history' | 'fields';
  name: string;
  /** The name wanted before Excel's rules applied; continuation sheets are named from it. */
  base: string;
  frozenColumns: number;
  phase: ExportPhase;
  extra?: Record<string, unknown>;
}

class Builder {
  private readonly styles: StyleBook;
  private readonly renderer: CellRenderer;
  private readonly fieldRows: FieldRow[] = [];
  private readonly sheetNames: string[] = [];
  private lastYield = performance.now();
  rows = 0;

  constructor(
    private readonly o: BuildOptions,
    private readonly namer: SheetNamer,
  ) {
    this.styles = createStyleBook(o.lang);
    this.renderer = new CellRenderer({
      lang: o.lang,
      styles: this.styles,
      clock: o.clock,
      dataDir: o.dataDir,
    });
  }

  get names(): string[] {
    return this.sheetNames;
  }

  private checkCancelled(): void {
    if (this.o.signal?.aborted) throw exportCancelled();
  }

  /** null when writing may go on at once (the common case costs no await), else what to wait for. */
  private backpressure(sheet: SheetSink): Promise<void> | null {
    const pending = sheet.backpressure() ?? this.o.json?.backpressure() ?? null;
    return pending ? this.waited(pending) : null;
  }

  private async waited(pending: Promise<void>): Promise<void> {
    await pending;
    this.lastYield = performance.now();
    this.checkCancelled();
  }

  async sheet<R>(
    spec: SheetSpec,
    columns: readonly Column<R>[],
    rows: Iterable<R>,
    counted: boolean,
  ): Promise<void> {
    this.checkCancelled();
    this.o.progress.phase(spec.phase);
    const { json } = this.o;
    const maxRows = Math.max(1, this.o.maxRowsPerSheet ?? MAX_DATA_ROWS_PER_SHEET);
    const layout = {
      headerStyle: this.styles.header,
      frozenColumns: spec.frozenColumns,
      columns: columns.map((c) => ({
        header: c.header,
        width: c.width,
        style: this.columnStyle(c),
      })),
    };
    const open = async (name: string): Promise<SheetSink> => {
      const part = await this.o.sink.addSheet({ name, ...layout });
      this.sheetNames.push(name);
      columns.forEach((c, i) =>
        this.fieldRows.push({
          sheet: name,
          column: columnLetter(i + 1),
          header: c.header,
          key: c.key,
          type: VALUE_TYPE[c.kind],
        }),
      );
      return part;
    };
    let sheet = await open(spec.name);
    let inSheet = 0;
    // The JSON has no row limit: one array per sheet, named after its first part.
    json?.beginSheet({
      sheet: spec.kind,
      name: spec.name,
      ...spec.extra,
      columns: columns.map((c) => ({ key: c.key, header: c.header, type: VALUE_TYPE[c.kind] })),
    });

    const n = columns.length;
    const values: (CellValue | undefined)[] = new Array<CellValue | undefined>(n);
    const styles: (Partial<Style> | undefined)[] = new Array<Partial<Style> | undefined>(n);
    const raws: unknown[] = new Array<unknown>(n);
    let count = 0;
    for (const row of rows) {
      if (inSheet === maxRows) {
        await sheet.end();
        sheet = await open(this.namer.name(spec.base));
        inSheet = 0;
      }
      inSheet++;
      for (let i = 0; i < n; i++) {
        const column = columns[i]!;
        raws[i] = column.get(row);
        this.renderer.cell(column, raws[i], values, styles, i);
      }
      sheet.addRow(values, styles);
      if (json) {
        const record: Record<string, unknown> = {};
        for (let i = 0; i < n; i++)
          record[columns[i]!.key] = this.renderer.json(columns[i]!, raws[i]);
        json.row(record);
      }
      count++;
      if (counted) {
        this.rows++;
        this.o.progress.add(1);
      }
      const wait = this.backpressure(sheet);
      if (wait) await wait;
      if (count % CHECK_EVERY === 0) {
        this.checkCancelled();
        if (performance.now() - this.lastYield > YIELD_AFTER_MS) {
          // Let the zip drain, an abort arrive and progress go out.
          await new Promise<void>((resolve) => setImmediate(resolve));
          this.lastYield = performance.now();
          this.checkCancelled();
        }
      }
    }
    await sheet.end();
    json?.endSheet();
  }

  /** Default style of a column's empty cells: identifiers stay text when someone types into them. */
  private columnStyle<R>(c: Column<R>): Partial<Style> {
    switch (c.kind) {
      case 'code':
        return this.styles.get('code');
      case 'datetime':
        return this.styles.get('datetime');
      case 'date':
        return this.styles.get('date');
      default:
        return {};
    }
  }

  fields(): FieldRow[] {
    return this.fieldRows;
  }
}

export async function buildReport(o: BuildOptions): Promise<BuildResult> {
  const { reader, lang } = o;
  const counts = reader.counts();
  o.progress.total = counts.cases + counts.verifications + counts.checks + counts.events;
  const services = reader.services(EXTRACTED_COLUMNS.map((e) => e.path));

  // The fixed sheets are named first so a service can never take their names.
  const namer = new SheetNamer();
  const base = {
    summary: label(lang, 'reportSheet', 'summary'),
    checks: label(lang, 'reportSheet', 'checks'),
    history: label(lang, 'reportSheet', 'history'),
    fields: label(lang, 'reportSheet', 'fields'),
  };
  const names = {
    summary: namer.name(base.summary),
    checks: namer.name(base.checks),
    history: namer.name(base.history),
    fields: namer.name(base.fields),
  };
  const b = new Builder(o, namer);

  await b.sheet(
    {
      kind: 'summary',
      name: names.summary,
      base: base.summary,
      frozenColumns: 1,
      phase: 'summary',
    },
    summaryColumns(lang),
    reader.cases(),
    true,
  );

  for (const group of services) {
    const wanted = `${group.provider} ${group.service}`;
    await b.sheet(
      {
        kind: 'service',
        name: namer.name(wanted),
        base: wanted,
        frozenColumns: 1,
        phase: 'services',
        extra: { provider: group.provider, service: group.service },
      },
      serviceColumns(lang, group.presentPaths, group.fieldKeys),
      reader.verifications(group.provider, group.service),
      true,
    );
  }

  await b.sheet(
    { kind: 'checks', name: names.checks, base: base.checks, frozenColumns: 1, phase: 'checks' },
    checkColumns(lang),
    reader.checks(),
    true,
  );
  await b.sheet(
    {
      kind: 'history',
      name: names.history,
      base: base.history,
      frozenColumns: 0,
      phase: 'history',
    },
    historyColumns(lang),
    reader.events(),
    true,
  );

  // The Fields sheet lists every column of every sheet, itself included.
  const fieldCols = fieldColumns(lang);
  const own = fieldCols.map((c, i): FieldRow => ({
    sheet: names.fields,
    column: columnLetter(i + 1),
    header: c.header,
    key: c.key,
    type: VALUE_TYPE[c.kind],
  }));
  await b.sheet(
    { kind: 'fields', name: names.fields, base: base.fields, frozenColumns: 0, phase: 'fields' },
    fieldCols,
    [...b.fields(), ...own],
    false,
  );

  return { rows: b.rows, sheets: b.names };
}
