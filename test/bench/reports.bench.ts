/**
 * Reports: the streamed export against the same rows built in an in-memory exceljs Workbook,
 * in the same run, from the same ledger. Each side runs in a child process of its own so that
 * its peak RSS is its own. The report builder, queries and cell rendering are shared: the only
 * difference is the workbook writer, which is the point of the comparison.
 *
 *   node bin/bench.mjs reports                         100,000 verifications (≈ 450,000 rows), best of 2 runs each
 *   BENCH_REPORTS_RUNS=1 node bin/bench.mjs reports    one run each
 *   BENCH_REPORTS_VERIFICATIONS=20000 node bin/bench.mjs reports
 *   BENCH_REPORTS_MILLION=1 node bin/bench.mjs reports  adds 1,000,000 verifications, streamed only
 *                                                       (generation alone takes several minutes)
 */
import ExcelJS from 'exceljs';
import type { CellValue, Style } from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ledger } from '../../electron/engine/ledger/index.ts';
import { openReportReader } from '../../electron/engine/ledger/report-queries.ts';
import { exportReport } from '../../electron/engine/reports/index.ts';
import { ProgressMeter } from '../../electron/engine/reports/progress.ts';
import { buildReport } from '../../electron/engine/reports/report-builder.ts';
import type { SheetLayout, SheetSink, WorkbookSink } from '../../electron/engine/reports/sink.ts';
import { createWallClock } from '../../electron/engine/reports/wall-clock.ts';
import { createReportLedger, seedBulk } from '../helpers/report-fixtures.ts';

const CHILD_FLAG = '--reports-bench-child';
const SELF = fileURLToPath(import.meta.url);
const ZONE = 'Asia/Jakarta';

function bench(name: string, value: number, unit: string): void {
  console.log(
    `BENCH reports.${name} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`,
  );
}

/** The baseline writer: the whole workbook in memory, written at the end. */
class InMemoryWorkbook implements WorkbookSink {
  private readonly wb = new ExcelJS.Workbook();

  constructor(private readonly out: string) {}

  async addSheet(layout: SheetLayout): Promise<SheetSink> {
    const ws = this.wb.addWorksheet(layout.name, {
      views: [{ state: 'frozen', xSplit: layout.frozenColumns, ySplit: 1 }],
    });
    ws.columns = layout.columns.map((c) => ({ width: c.width, style: c.style }));
    const header = ws.getRow(1);
    layout.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.style = layout.headerStyle;
    });
    let rows = 1;
    return {
      addRow(
        values: readonly (CellValue | undefined)[],
        styles: readonly (Partial<Style> | undefined)[],
      ) {
        const row = ws.getRow(++rows);
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v === undefined || v === null) continue;
          const cell = row.getCell(i + 1);
          cell.value = v;
          const s = styles[i];
          if (s) cell.style = s;
        }
      },
      backpressure: () => null,
      end: async () => {
        ws.autoFilter = {
          from: { row: 1, column: 1 },
          to: { row: rows, column: layout.columns.length },
        };
      },
    };
  }

  async commit(): Promise<void> {
    await this.wb.xlsx.writeFile(this.out);
  }

  async abort(): Promise<void> {}
}

interface ChildResult {
  ms: number;
  rows: number;
  bytes: number;
  peakRssMb: number;
}

/**
 * Peak RSS of this process in MB. On Linux getrusage's maxrss (process.resourceUsage) starts
 * from the parent's peak at fork time, so the kernel's per-process high-water mark (VmHWM) is
 * read instead; elsewhere maxrss is the best there is.
 */
function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function child(mode: string, dataDir: string, out: string): Promise<void> {
  if (mode === 'seed') {
    // Generated in a child too, so the parent stays small: its memory would otherwise be
    // inherited by the measured children's maxrss on platforms without VmHWM.
    const r = createReportLedger();
    const t0 = performance.now();
    seedBulk(r, { cases: Math.ceil(Number(out) / 2), servicesPerCase: 2, spanMs: 30 * 86_400_000 });
    r.ledger.close();
    fs.renameSync(r.dataDir, dataDir);
    fs.rmSync(r.root, { recursive: true, force: true });
    console.log(
      JSON.stringify({ ms: performance.now() - t0, rows: 0, bytes: 0, peakRssMb: peakRssMb() }),
    );
    return;
  }
  const ledger = new Ledger({ dataDir, instanceId: `bench-${mode}` });
  const t0 = performance.now();
  let rows: number;
  if (mode === 'stream') {
    rows = (
      await exportReport({
        ledger,
        scope: { kind: 'all' },
        lang: 'id',
        out,
        dataDir,
        timeZone: ZONE,
      })
    ).rows;
  } else {
    const reader = openReportReader({ file: ledger.file, scope: { kind: 'all' } });
    const sink = new InMemoryWorkbook(out);
    rows = (
      await buildReport({
        reader,
        lang: 'id',
        clock: createWallClock(ZONE),
        dataDir,
        sink,
        json: null,
        progress: new ProgressMeter(undefined),
      })
    ).rows;
    reader.close();
    await sink.commit();
  }
  const ms = performance.now() - t0;
  ledger.close();
  const result: ChildResult = { ms, rows, bytes: fs.statSync(out).size, peakRssMb: peakRssMb() };
  console.log(JSON.stringify(result));
}

function runChild(
  mode: 'seed' | 'stream' | 'memory',
  dataDir: string,
  out: string,
): ChildResult | { error: string } {
  const args = [
    '--import',
    'tsx',
    ...(mode === 'memory' ? ['--max-old-space-size=16384'] : []),
    SELF,
    CHILD_FLAG,
    mode,
    dataDir,
    out,
  ];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    return {
      error: `exit ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`,
    };
  }
  return JSON.parse(line) as ChildResult;
}

const RUNS = Math.max(1, Number(process.env.BENCH_REPORTS_RUNS ?? 2));

/** The faster of two runs; a failed run never replaces a successful one. */
function best(
  a: ChildResult | { error: string },
  b: ChildResult | { error: string },
): ChildResult | { error: string } {
  if ('error' in b) return 'error' in a ? b : a;
  if ('error' in a) return b;
  return b.ms < a.ms ? b : a;
}

function seed(verifications: number): {
  root: string;
  dataDir: string;
  cleanup: () => void;
  seconds: number;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-reports-'));
  const dataDir = path.join(root, 'data');
  const cleanup = (): void => fs.rmSync(root, { recursive: true, force: true });
  const r = runChild('seed', dataDir, String(verifications));
  if ('error' in r) {
    cleanup();
    throw new Error(`generating the ledger failed: ${r.error}`);
  }
  return { root, dataDir, seconds: r.ms / 1000, cleanup };
}

export default async function run(): Promise<void> {
  const n = Number(process.env.BENCH_REPORTS_VERIFICATIONS ?? 100_000);
  console.log(
    `# reports: ${n} verifications, streamed export vs in-memory exceljs Workbook (${os.tmpdir()})`,
  );
  const data = seed(n);
  try {
    bench('generate_ledger', data.seconds, 's');
    // The machine is shared: each side runs RUNS times, alternating, and its best run counts.
    let stream: ChildResult | { error: string } = { error: 'not run' };
    let memory: ChildResult | { error: string } = { error: 'not run' };
    for (let i = 0; i < RUNS; i++) {
      stream = best(stream, runChild('stream', data.dataDir, path.join(data.root, 'stream.xlsx')));
      memory = best(memory, runChild('memory', data.dataDir, path.join(data.root, 'memory.xlsx')));
    }
    if ('error' in stream) throw new Error(`streamed export failed: ${stream.error}`);
    bench('rows', stream.rows, 'rows');
    bench('stream.time', stream.ms / 1000, 's');
    bench('stream.peak_rss', stream.peakRssMb, 'MB');
    bench('stream.rows_per_s', Math.round(stream.rows / (stream.ms / 1000)), 'rows/s');
    bench('stream.file_size', stream.bytes / 1048576, 'MB');
    if ('error' in memory) {
      console.log(`# in-memory baseline failed (${memory.error}); no ratio`);
    } else {
      bench('inmemory.time', memory.ms / 1000, 's');
      bench('inmemory.peak_rss', memory.peakRssMb, 'MB');
      bench('inmemory.file_size', memory.bytes / 1048576, 'MB');
      bench('stream.speedup_vs_inmemory', memory.ms / stream.ms, 'x');
      bench('stream.rss_vs_inmemory', stream.peakRssMb / memory.peakRssMb, 'x');
    }
  } finally {
    data.cleanup();
  }

  if (process.env.BENCH_REPORTS_MILLION === '1') {
    const million = seed(1_000_000);
    try {
      bench('million.generate_ledger', million.seconds, 's');
      const r = runChild('stream', million.dataDir, path.join(million.root, 'million.xlsx'));
      if ('error' in r) throw new Error(`million-row export failed: ${r.error}`);
      bench('million.rows', r.rows, 'rows');
      bench('million.time', r.ms / 1000, 's');
      bench('million.peak_rss', r.peakRssMb, 'MB');
      bench('million.file_size', r.bytes / 1048576, 'MB');
    } finally {
      million.cleanup();
    }
  } else {
    console.log(
      '# 1,000,000 verifications: set BENCH_REPORTS_MILLION=1 (ledger generation alone takes several minutes)',
    );
  }
}

if (process.argv[2] === CHILD_FLAG) {
  const [mode, dataDir, out] = process.argv.slice(3);
  if (!mode || !dataDir || !out)
    throw new Error(`usage: ${SELF} ${CHILD_FLAG} seed|stream|memory DATA_DIR OUT|COUNT`);
  await child(mode, dataDir, out);
}
