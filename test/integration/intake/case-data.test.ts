/**
 * Expected data as branch staff actually write it: a manifest.xlsx saved from Excel (Indonesian
 * headers, real date cells, rich text, formulas, a NIK typed as a number), an applicant.csv
 * exported with semicolons and a BOM, and files that are not what their name says. Each is a
 * real file read back by the intake's reader; every problem names its row and the rest is used.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCaseData, summariseIssues } from '../../../electron/engine/intake/case-data.ts';
import { tmpDir } from '../../helpers/tmp.ts';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => {
  t = tmpDir('cd-case-data-');
});
afterEach(() => t.cleanup());

async function writeManifest(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pemohon');
  for (const r of rows) ws.addRow(r);
  const file = path.join(t.dir, 'manifest.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('manifest.xlsx', () => {
  it('reads Indonesian headers, date cells, rich text and formula results; reports the bad rows', async () => {
    const file = await writeManifest([
      [
        'Kasus',
        'Nama Lengkap',
        'No. KTP',
        'Tanggal Lahir',
        'Jenis Kelamin',
        'Alamat',
        'No Pinjaman',
        'Catatan',
      ],
      [
        'APP-1',
        { richText: [{ text: 'Budi ' }, { font: { bold: true }, text: 'Santoso' }] },
        '3578021203850004',
        new Date(Date.UTC(1985, 2, 12)),
        'L',
        'Jl. Merdeka 1',
        { formula: '"PJ-"&"0001"', result: 'PJ-0001' },
        'nasabah lama',
      ],
      // A NIK typed into a number cell: Excel keeps 15 significant digits, so it cannot be trusted.
      ['APP-2', 'Siti Aminah', 3174055706900002, '17-06-1990', 'P', null, null, null],
      [null, 'Tanpa Kasus', '3578021203850004', null, null, null, null, null],
      ['app-1', 'Budi Lagi', '3578021203850004', null, null, null, null, null],
      [null, null, null, null, null, null, null, null],
      ['APP-3', 'Ani', '3578 0242 0385 0001', '31-02-1985', 'X', null, null, null],
    ]);

    const { rows, issues } = await readCaseData(file, 'manifest.xlsx');

    expect(rows.map((r) => r.caseKey)).toEqual(['APP-1', 'APP-2', 'APP-3']);
    expect(rows[0]).toMatchObject({
      row: 2,
      data: {
        name: 'Budi Santoso',
        nik: '3578021203850004',
        birthDate: '1985-03-12',
        gender: 'M',
        address: 'Jl. Merdeka 1',
        loanId: 'PJ-0001',
        extra: { Catatan: 'nasabah lama' },
      },
    });
    // The numeric NIK is refused, the rest of the row is kept.
    expect(rows[1]!.data).toEqual({ name: 'Siti Aminah', birthDate: '1990-06-17', gender: 'F' });
    // Spaces inside a NIK are tolerated; an impossible date and an unknown gender are not.
    expect(rows[2]!.data).toEqual({ name: 'Ani', nik: '3578024203850001' });

    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'nik'],
      [4, 'case'],
      [5, 'case'],
      [7, 'birthDate'],
      [7, 'gender'],
    ]);
    expect(issues[0]!.reason).toMatch(/stored as a number.*format the column as text/);
    expect(issues[2]!.reason).toMatch(/already appears on row 2/);
    expect(summariseIssues(issues)).toMatch(
      /^row 3 nik: .*; row 4 case: .*; row 5 case: .*; and 2 more$/,
    );
  });

  it('a file that is not a workbook is one clear file-level problem, not a crash', async () => {
    const file = path.join(t.dir, 'manifest.xlsx');
    fs.writeFileSync(file, 'case,nama\nAPP-1,Budi\n');
    const result = await readCaseData(file, 'manifest.xlsx');
    expect(result.rows).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ row: null, field: null });
    expect(result.issues[0]!.reason).toMatch(/^cannot read the file: /);
  });
});

describe('applicant.csv and applicant.json', () => {
  it('an applicant.csv from Indonesian Excel (BOM, semicolons): the first row is used, extra rows reported', async () => {
    const file = path.join(t.dir, 'applicant.csv');
    fs.writeFileSync(
      file,
      '\uFEFFnama;nik;tgl_lahir;no_hp\r\nDewi Lestari;3273014506920003;05/06/1992;0812-3456-7890\r\nOrang Lain;3273014506920003;;\r\n',
    );
    const { rows, issues } = await readCaseData(file, 'applicant.csv');
    expect(rows).toEqual([
      {
        row: 2,
        caseKey: null,
        data: {
          name: 'Dewi Lestari',
          nik: '3273014506920003',
          birthDate: '1992-06-05',
          phone: '0812-3456-7890',
        },
      },
    ]);
    expect(issues).toEqual([
      { row: null, field: null, reason: 'applicant.csv has 2 rows; only the first is used' },
    ]);
  });

  it('an applicant.json that is a list, or not JSON at all, says what was expected', async () => {
    const list = path.join(t.dir, 'list.json');
    fs.writeFileSync(list, '[{"nama": "Budi"}]');
    expect((await readCaseData(list, 'applicant.json')).issues[0]!.reason).toMatch(
      /expected one JSON object/,
    );
    const broken = path.join(t.dir, 'broken.json');
    fs.writeFileSync(broken, '{"nama": "Budi", "nik": ');
    const result = await readCaseData(broken, 'applicant.json');
    expect(result.rows).toEqual([]);
    expect(result.issues[0]!.reason).toMatch(/^not valid JSON: /);
  });
});
