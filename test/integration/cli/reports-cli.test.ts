import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkdesk } from '../../helpers/cli.ts';
import { FAST_ENV } from '../../helpers/engine-process.ts';
import { writeCases } from '../../helpers/inbox-fixtures.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
let inbox: string;
let dataDir: string;

beforeAll(async () => {
  t = tmpDir('cd-report-cli-');
  inbox = path.join(t.dir, 'inbox');
  dataDir = path.join(t.dir, 'data');
  await writeCases(inbox, [
    { key: 'APP-1', kind: 'ktp_selfie' },
    { key: 'APP-2', kind: 'bpkb' },
  ]);
});
afterAll(() => t.cleanup());

describe('reports from the command line', () => {
  it('run --once --report writes a workbook of the run; export --case writes one case in Indonesian', async () => {
    const report = path.join(t.dir, 'run.xlsx');
    const run = await checkdesk(
      ['run', inbox, '--once', '--json', '--data-dir', dataDir, '--report', report],
      { env: FAST_ENV, timeoutMs: 180_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).report.out).toBe(report);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const summary = wb.getWorksheet('Summary')!;
    const cases = [2, 3].map((r) => String(summary.getRow(r).getCell(1).value)).sort();
    expect(cases).toEqual(['APP-1', 'APP-2']);

    const one = path.join(t.dir, 'one.xlsx');
    const exp = await checkdesk([
      'export',
      '--out',
      one,
      '--case',
      'APP-1',
      '--lang',
      'id',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ out: one, lang: 'id' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(one);
    const ringkasan = wb2.worksheets[0]!;
    expect(ringkasan.rowCount).toBe(2);
    expect(String(ringkasan.getRow(2).getCell(1).value)).toBe('APP-1');
    expect(
      fs.readdirSync(t.dir).filter((f) => f.includes('.tmp') || f.includes('partial')),
    ).toEqual([]);
  }, 240_000);

  it('refuses bad usage with exit 2 and an unknown case with exit 1', async () => {
    expect((await checkdesk(['export', '--data-dir', dataDir])).code).toBe(2);
    expect(
      (await checkdesk(['export', '--out', path.join(t.dir, 'x.csv'), '--data-dir', dataDir])).code,
    ).toBe(2);
    expect(
      (
        await checkdesk([
          'export',
          '--out',
          path.join(t.dir, 'x.xlsx'),
          '--lang',
          'fr',
          '--data-dir',
          dataDir,
        ])
      ).code,
    ).toBe(2);
    const unknown = await checkdesk([
      'export',
      '--out',
      path.join(t.dir, 'x.xlsx'),
      '--case',
      'NOPE-9',
      '--data-dir',
      dataDir,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOPE-9');
    expect(fs.existsSync(path.join(t.dir, 'x.xlsx'))).toBe(false);
  });
});
