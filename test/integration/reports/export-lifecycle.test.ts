/**
 * What happens around the rows: scopes, progress, cancellation, failures, the output folder, and
 * an export running while the engine keeps writing to the ledger.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportReader } from '../../../electron/engine/ledger/report-queries.ts';
import {
  exportReport,
  type ExportOptions,
  type ExportProgress,
} from '../../../electron/engine/reports/index.ts';
import { ProgressMeter } from '../../../electron/engine/reports/progress.ts';
import { buildReport } from '../../../electron/engine/reports/report-builder.ts';
import { createWallClock } from '../../../electron/engine/reports/wall-clock.ts';
import { StreamingWorkbook } from '../../../electron/engine/reports/xlsx-writer.ts';
import type { ReportScope } from '../../../shared/contract.ts';
import { CheckDeskError } from '../../../shared/errors.ts';
import {
  BASE_TIME,
  createReportLedger,
  seedBulk,
  type ReportLedger,
} from '../../helpers/report-fixtures.ts';
import { seedScenario, type Scenario } from './scenario.ts';

let small: ReportLedger;
let scenario: Scenario;
let bulk: ReportLedger;
let outDir: string;
let counter = 0;

function outFile(name = 'report'): string {
  return path.join(outDir, `${name}-${++counter}.xlsx`);
}

function options(r: ReportLedger, extra: Partial<ExportOptions> = {}): ExportOptions {
  return {
    ledger: r.ledger,
    scope: { kind: 'all' },
    lang: 'en',
    out: outFile(),
    dataDir: r.dataDir,
    timeZone: 'Asia/Jakarta',
    ...extra,
  };
}

async function caseKeys(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const keys: string[] = [];
  for (let i = 2; i <= ws.rowCount; i++) keys.push(String(ws.getRow(i).getCell(1).value));
  return keys;
}

/** Everything in the output folder except finished reports: temporary files must never remain. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith('.') || f.endsWith('.partial'));
}

async function rejection(p: Promise<unknown>): Promise<CheckDeskError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CheckDeskError);
    return err as CheckDeskError;
  }
  throw new Error('the export did not fail');
}

beforeAll(() => {
  small = createReportLedger();
  scenario = seedScenario(small);
  bulk = createReportLedger();
  seedBulk(bulk, { cases: 1200, servicesPerCase: 2 });
  outDir = path.join(small.root, 'out');
  fs.mkdirSync(outDir);
}, 120_000);

afterAll(() => {
  small?.cleanup();
  bulk?.cleanup();
});

describe('scope', () => {
  it('exports only the chosen cases, inbox or period', async () => {
    const ids = scenario.caseIds;
    const one = await exportReport(
      options(small, {
        scope: { kind: 'cases', caseIds: [ids['APP-2024-0118']!, ids['BDG-001']!] },
      }),
    );
    expect(await caseKeys(one.out)).toEqual(['APP-2024-0118', 'BDG-001']);
    const bandung = await exportReport(
      options(small, { scope: { kind: 'inbox', inboxId: scenario.inboxIds.bandung! } }),
    );
    expect(await caseKeys(bandung.out)).toEqual(['BDG-001']);
    // April 2024 holds only the Bandung case (created, changed and with events in March otherwise).
    const april = await exportReport(
      options(small, {
        scope: { kind: 'range', from: Date.UTC(2024, 3, 1), to: Date.UTC(2024, 4, 1) },
      }),
    );
    expect(await caseKeys(april.out)).toEqual(['BDG-001']);
    const march = await exportReport(
      options(small, { scope: { kind: 'range', from: BASE_TIME, to: BASE_TIME + 3_600_000 } }),
    );
    expect(await caseKeys(march.out)).toContain('APP-2024-0117');
    expect(await caseKeys(march.out)).not.toContain('BDG-001');
  });

  it('refuses a malformed scope and an unknown time zone without creating anything', async () => {
    const before = fs.readdirSync(outDir).length;
    expect(
      (await rejection(exportReport(options(small, { scope: { kind: 'cases', caseIds: [] } }))))
        .code,
    ).toBe('EXPORT_FAILED');
    const zone = await rejection(exportReport(options(small, { timeZone: 'Mars/Olympus_Mons' })));
    expect(zone.code).toBe('EXPORT_FAILED');
    expect(zone.message).toContain('Mars/Olympus_Mons');
    expect(fs.readdirSync(outDir)).toHaveLength(before);
  });
});

describe('sheet size', () => {
  it("continues a sheet past Excel's row limit in another one with the same columns", async () => {
    const out = outFile('split');
    const reader = openReportReader({ file: small.ledger.file, scope: { kind: 'all' } });
    const sink = new StreamingWorkbook({ fd: fs.openSync(out, 'wx') });
    try {
      await buildReport({
        reader,
        lang: 'en',
        clock: createWallClock('Asia/Jakarta'),
        dataDir: small.dataDir,
        sink,
        json: null,
        progress: new ProgressMeter(undefined),
        maxRowsPerSheet: 3,
      });
      await sink.commit();
    } finally {
      reader.close();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith('Summary'))).toEqual([
      'Summary',
      'Summary (2)',
      'Summary (3)',
    ]);
    const keys: string[] = [];
    for (const name of ['Summary', 'Summary (2)', 'Summary (3)']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getRow(1).getCell(1).value).toBe('Case');
      expect(ws.rowCount - 1).toBeLessThanOrEqual(3);
      for (let i = 2; i <= ws.rowCount; i++) keys.push(String(ws.getRow(i).getCell(1).value));
    }
    expect(keys).toEqual(Object.keys(scenario.caseIds).sort());
    // Every part is described in Fields (itself split here, at three rows a sheet), column by column.
    const listed = new Set<string>();
    for (const fields of wb.worksheets.filter((w) => w.name.startsWith('Fields'))) {
      for (let i = 2; i <= fields.rowCount; i++)
        listed.add(String(fields.getRow(i).getCell(1).value));
    }
    // (Only the Fields sheet's own continuations are not listed: it describes itself before it is written.)
    expect([...listed]).toEqual(names.filter((n) => !/^Fields \(\d+\)$/.test(n)));
  });
});

describe('query plans', () => {
  it('walks cases once and reaches everything else by index, in every scope', () => {
    const scopes: ReportScope[] = [
      { kind: 'all' },
      {
        kind: 'cases',
        caseIds: [scenario.caseIds['BDG-001']!, scenario.caseIds['APP-2024-0117']!],
      },
      { kind: 'inbox', inboxId: scenario.inboxIds.bandung! },
      { kind: 'range', from: BASE_TIME, to: BASE_TIME + 86_400_000 },
    ];
    for (const scope of scopes) {
      const reader = openReportReader({ file: small.ledger.file, scope });
      try {
        for (const [query, plan] of Object.entries(reader.queryPlans())) {
          const where = `${scope.kind} / ${query}: ${plan.join(' | ')}`;
          // No sort of the whole report, no index built on the fly, no full scan but the cases.
          expect(
            plan.some((l) => l.includes('TEMP B-TREE FOR ORDER BY')),
            where,
          ).toBe(false);
          expect(
            plan.some((l) => l.includes('AUTOMATIC')),
            where,
          ).toBe(false);
          const scans = plan
            .filter((l) => l.startsWith('SCAN '))
            .filter((l) => !/^SCAN (c\b|json_each|CONSTANT ROW)/.test(l));
          expect(scans, where).toEqual([]);
        }
      } finally {
        reader.close();
      }
    }
  });
});

describe('progress', () => {
  it('reports phases in order, never more than ~10 times a second, ending at the total', async () => {
    const seen: (ExportProgress & { at: number })[] = [];
    const started = performance.now();
    const result = await exportReport(
      options(bulk, { onProgress: (p) => seen.push({ ...p, at: performance.now() }) }),
    );
    const elapsed = performance.now() - started;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    for (let i = 1; i < seen.length - 1; i++)
      expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(99);
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ phase: 'finishing', rows: result.rows, total: result.rows });
    const order = ['summary', 'services', 'checks', 'history', 'fields', 'json', 'finishing'];
    const phases = seen.map((p) => order.indexOf(p.phase));
    expect([...phases].sort((a, b) => a - b)).toEqual(phases);
    expect(seen.map((p) => p.rows)).toEqual([...seen.map((p) => p.rows)].sort((a, b) => a - b));
    // 1200 cases, 2400 verifications with one check each, 2400 pre-flight checks, 2 events per case.
    expect(result.rows).toBe(1200 + 2400 + 2400 + 2400 + 2400);
  });
});

describe('cancellation and failure', () => {
  it('leaves nothing behind when cancelled mid-way', async () => {
    const controller = new AbortController();
    const out = outFile('cancelled');
    let rowsAtAbort = 0;
    const err = await rejection(
      exportReport(
        options(bulk, {
          out,
          json: true,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.rows > 1000 && !controller.signal.aborted) {
              rowsAtAbort = p.rows;
              controller.abort();
            }
          },
        }),
      ),
    );
    expect(err.code, err.message).toBe('EXPORT_CANCELLED');
    expect(rowsAtAbort).toBeGreaterThan(1000);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(out.replace(/\.xlsx$/, '.json'))).toBe(false);
    expect(leftovers(outDir)).toEqual([]);
  });

  it('leaves nothing behind when cancelled while the file is being finished', async () => {
    const controller = new AbortController();
    const out = outFile('late');
    const err = await rejection(
      exportReport(
        options(small, {
          out,
          signal: controller.signal,
          onProgress: (p) => p.phase === 'finishing' && controller.abort(),
        }),
      ),
    );
    expect(err.code, err.message).toBe('EXPORT_CANCELLED');
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(outDir)).toEqual([]);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = outFile('never');
    expect(
      (await rejection(exportReport(options(small, { out, signal: controller.signal })))).code,
    ).toBe('EXPORT_CANCELLED');
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(outDir)).toEqual([]);
  });

  it('cleans up after a failure in the middle and says EXPORT_FAILED', async () => {
    const out = outFile('failed');
    const err = await rejection(
      exportReport(
        options(bulk, {
          out,
          json: true,
          onProgress: (p) => {
            // From the Checks sheet on; the last call (forced, before the rename) is the latest it can come.
            if (!['summary', 'services'].includes(p.phase)) throw new Error('listener exploded');
          },
        }),
      ),
    );
    expect(err.code).toBe('EXPORT_FAILED');
    expect(err.message).toContain('listener exploded');
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(outDir)).toEqual([]);
  });
});

describe('output file', () => {
  it('names the folder when it cannot be written', async () => {
    const notAFolder = path.join(outDir, 'plain-file');
    fs.writeFileSync(notAFolder, 'x');
    const err = await rejection(
      exportReport(options(small, { out: path.join(notAFolder, 'report.xlsx') })),
    );
    expect(err.code).toBe('EXPORT_OUT_UNWRITABLE');
    expect(err.message).toContain(notAFolder);
    const dir = path.join(outDir, 'a-folder.xlsx');
    fs.mkdirSync(dir);
    expect((await rejection(exportReport(options(small, { out: dir })))).code).toBe(
      'EXPORT_OUT_UNWRITABLE',
    );
  });

  it('replaces an earlier report of the same name only once the new one is complete', async () => {
    const out = outFile('replace');
    fs.writeFileSync(out, 'an older report');
    const result = await exportReport(options(small, { out, json: true }));
    expect(result.jsonOut).toBe(out.replace(/\.xlsx$/, '.json'));
    expect(await caseKeys(out)).toContain('APP-2024-0117');
    expect(JSON.parse(fs.readFileSync(result.jsonOut!, 'utf8'))).toMatchObject({
      format: 'checkdesk-report',
    });
    expect(leftovers(outDir)).toEqual([]);
  });

  it('removes temporary files a killed export left long ago, and only those', async () => {
    const out = outFile('stale');
    const stale = path.join(outDir, `.${path.basename(out)}.999-dead.partial`);
    const recent = path.join(outDir, `.${path.basename(out)}.998-alive.partial`);
    fs.writeFileSync(stale, 'half a zip');
    fs.writeFileSync(recent, 'another export still writing');
    const old = new Date(Date.now() - 24 * 3_600_000);
    fs.utimesSync(stale, old, old);
    await exportReport(options(small, { out }));
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    fs.rmSync(recent);
  });
});

describe('a live ledger', () => {
  it('keeps the engine free to write while it exports, and reports one consistent snapshot', async () => {
    const before = bulk.ledger.history.list({ offset: 0, limit: 1, dir: 'desc' }).total;
    let wrote = 0;
    const out = outFile('live');
    const result = await exportReport(
      options(bulk, {
        out,
        onProgress: () => {
          // The engine's writer connection keeps working while the export's cursors are open.
          bulk.ledger.history.append({
            entity: 'case',
            entityId: 1,
            caseId: 1,
            what: 'assigned',
            actor: 'test',
          });
          wrote++;
        },
      }),
    );
    expect(wrote).toBeGreaterThan(1);
    expect(bulk.ledger.history.list({ offset: 0, limit: 1, dir: 'desc' }).total).toBe(
      before + wrote,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    // The events written during the export are not in it: the report is one snapshot.
    expect(wb.getWorksheet('Case history')!.rowCount - 1).toBe(before);
    expect(result.rows).toBe(1200 + 2400 + 2400 + 2400 + before);
  });
});
