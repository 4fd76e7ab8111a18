/**
 * The report as its readers get it: exported from a real ledger, then read back by exceljs and,
 * independently, by LibreOffice (one conversion run for all workbooks).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../../electron/engine/reports/index.ts';
import { label } from '../../../shared/i18n/index.ts';
import { REASON_LABELS } from '../../../shared/i18n/reasons.ts';
import { createReportLedger, type ReportLedger } from '../../helpers/report-fixtures.ts';
import { convertToFlatOds, readFlatOds, type OdsCell, type OdsWorkbook } from './libreoffice.ts';
import {
  BASE_WALL,
  BIG_EXTERNAL_ID,
  FORMULA_APPLICANTS,
  LOAN_ID,
  NIK,
  SECRET,
  seedScenario,
  WIB_2330_WALL,
  type Scenario,
} from './scenario.ts';

let r: ReportLedger;
let empty: ReportLedger;
let scenario: Scenario;
let en: ExcelJS.Workbook;
let id: ExcelJS.Workbook;
let blank: ExcelJS.Workbook;
let files: { en: string; id: string; blank: string; json: string };
let lo: { en: OdsWorkbook; id: OdsWorkbook; blank: OdsWorkbook };

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws)
    throw new Error(`no sheet ${name}; sheets: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** Header text → 1-based column number, from the sheet's first row. */
function columnsOf(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => out.set(String(cell.value), col));
  return out;
}

/** The data row whose first cell is `key` (the case id column). */
function rowOf(ws: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  for (let i = 2; i <= ws.rowCount; i++)
    if (ws.getRow(i).getCell(1).value === key) return ws.getRow(i);
  throw new Error(`no row ${key} in ${ws.name}`);
}

function cellOf(ws: ExcelJS.Worksheet, key: string, header: string): ExcelJS.Cell {
  const col = columnsOf(ws).get(header);
  if (col === undefined)
    throw new Error(
      `no column "${header}" in ${ws.name}: ${[...columnsOf(ws).keys()].join(' | ')}`,
    );
  return rowOf(ws, key).getCell(col);
}

function odsCell(book: OdsWorkbook, sheetName: string, key: string, header: string): OdsCell {
  const rows = book.get(sheetName);
  if (!rows)
    throw new Error(`LibreOffice sees no sheet ${sheetName}: ${[...book.keys()].join(', ')}`);
  const col = rows[0]!.findIndex((c) => c.text === header);
  const row = rows.find((cells) => cells[0]?.text === key);
  if (col < 0 || !row) throw new Error(`LibreOffice: no ${key} / ${header} in ${sheetName}`);
  return row[col] ?? { type: null, value: null, text: '', formula: null };
}

beforeAll(async () => {
  r = createReportLedger();
  scenario = seedScenario(r);
  empty = createReportLedger();
  const out = path.join(r.root, 'out');
  files = {
    en: path.join(out, 'report-en.xlsx'),
    id: path.join(out, 'report-id.xlsx'),
    blank: path.join(out, 'empty.xlsx'),
    json: path.join(out, 'report-en.json'),
  };
  const common = {
    ledger: r.ledger,
    scope: { kind: 'all' } as const,
    dataDir: r.dataDir,
    timeZone: 'Asia/Jakarta',
  };
  const a = await exportReport({ ...common, lang: 'en', out: files.en, json: true });
  expect(a).toEqual({ out: files.en, jsonOut: files.json, rows: expect.any(Number) as number });
  await exportReport({ ...common, lang: 'id', out: files.id });
  await exportReport({
    ledger: empty.ledger,
    scope: { kind: 'all' },
    dataDir: empty.dataDir,
    timeZone: 'Asia/Jakarta',
    lang: 'en',
    out: files.blank,
  });
  [en, id, blank] = await Promise.all([read(files.en), read(files.id), read(files.blank)]);
  const [foEn, foId, foBlank] = convertToFlatOds([files.en, files.id, files.blank], r.root);
  lo = { en: readFlatOds(foEn!), id: readFlatOds(foId!), blank: readFlatOds(foBlank!) };
}, 120_000);

afterAll(() => {
  r?.cleanup();
  empty?.cleanup();
});

describe('sheets', () => {
  it('has Summary, one sheet per service, Checks, Case history and Fields, with names Excel accepts', () => {
    const names = en.worksheets.map((w) => w.name);
    expect(names.slice(0, 4)).toEqual([
      'Summary',
      'anycheck BPKB_VERIFICATION',
      'anycheck FACE_MATCH',
      'anycheck KTP_VERIFICATION',
    ]);
    expect(names.slice(-3)).toEqual(['Checks', 'Case history', 'Fields']);
    const colleckt = names.filter((n) => n.startsWith('colleckt'));
    expect(colleckt).toHaveLength(2);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
      expect(n.toLowerCase()).not.toBe('history');
    }
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
    // LibreOffice reads the same sheets, in the same order.
    expect([...lo.en.keys()]).toEqual(names);
  });

  it('freezes the header, filters every data sheet and sets widths', () => {
    for (const ws of en.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
    }
    expect(sheet(en, 'Summary').views[0]).toMatchObject({ xSplit: 1 });
  });

  it('lists every column of every sheet in Fields under a stable machine key', () => {
    const fields = sheet(en, 'Fields');
    const cols = columnsOf(fields);
    const listed: string[] = [];
    for (let i = 2; i <= fields.rowCount; i++) {
      const row = fields.getRow(i);
      listed.push(
        `${String(row.getCell(cols.get('Sheet')!).value)}|${String(row.getCell(cols.get('Header')!).value)}|${String(row.getCell(cols.get('Machine key')!).value)}`,
      );
    }
    const expected: string[] = [];
    for (const ws of en.worksheets)
      ws.getRow(1).eachCell((c) => expected.push(`${ws.name}|${String(c.value)}`));
    expect(listed.map((l) => l.split('|').slice(0, 2).join('|'))).toEqual(expected);
    const keys = listed.map((l) => l.split('|')[2]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'summary.case_id',
        'summary.nik',
        'service.external_id',
        'service.field.nik',
        'checks.outcome',
        'history.at',
        'fields.key',
      ]),
    );
    // Machine keys are not translated: the Indonesian workbook lists the same keys in the same order.
    const fieldsId = sheet(id, 'Daftar kolom');
    const keyCol = columnsOf(fieldsId).get('Kunci mesin')!;
    const idKeys: unknown[] = [];
    for (let i = 2; i <= fieldsId.rowCount; i++)
      idKeys.push(fieldsId.getRow(i).getCell(keyCol).value);
    expect(idKeys).toEqual(keys);
  });
});

describe('values and types', () => {
  it('keeps NIK, loan ids and long provider ids as text with every digit (exceljs and LibreOffice)', () => {
    const summary = sheet(en, 'Summary');
    expect(cellOf(summary, 'APP-2024-0117', 'NIK').value).toBe(NIK);
    expect(cellOf(summary, 'APP-2024-0117', 'NIK').numFmt).toBe('@');
    expect(cellOf(summary, 'APP-2024-0117', 'Loan ID').value).toBe(LOAN_ID);
    const ktp = sheet(en, 'anycheck KTP_VERIFICATION');
    expect(cellOf(ktp, 'APP-2024-0117', 'Provider reference').value).toBe(BIG_EXTERNAL_ID);
    expect(cellOf(ktp, 'APP-2024-0117', 'nik').value).toBe(NIK);
    expect(cellOf(ktp, 'APP-2024-0117', 'no_rekening').value).toBe('001234567890');

    expect(odsCell(lo.en, 'Summary', 'APP-2024-0117', 'NIK')).toMatchObject({
      type: 'string',
      text: NIK,
    });
    expect(odsCell(lo.en, 'Summary', 'APP-2024-0117', 'Loan ID')).toMatchObject({
      type: 'string',
      text: LOAN_ID,
    });
    expect(
      odsCell(lo.en, 'anycheck KTP_VERIFICATION', 'APP-2024-0117', 'Provider reference'),
    ).toMatchObject({ type: 'string', text: BIG_EXTERNAL_ID });
    expect(
      odsCell(lo.en, 'anycheck KTP_VERIFICATION', 'APP-2024-0117', 'no_rekening'),
    ).toMatchObject({ type: 'string', text: '001234567890' });
  });

  it('writes dates as real dates in Jakarta wall-clock time (23:30 WIB stays 23:30)', () => {
    const ktp = sheet(en, 'anycheck KTP_VERIFICATION');
    const completed = cellOf(ktp, 'APP-2024-0117', 'Completed');
    expect(completed.value).toBeInstanceOf(Date);
    expect((completed.value as Date).getTime()).toBe(WIB_2330_WALL);
    expect(completed.numFmt).toContain('hh:mm');
    expect((cellOf(sheet(en, 'Summary'), 'APP-2024-0117', 'Created').value as Date).getTime()).toBe(
      BASE_WALL,
    );
    expect((cellOf(ktp, 'APP-2024-0117', 'Date of birth (read)').value as Date).getTime()).toBe(
      Date.UTC(1990, 4, 17),
    );
    // A zoned timestamp the provider returned (16:30Z) is shown at the same wall clock.
    expect((cellOf(ktp, 'APP-2024-0117', 'diperiksa_pada').value as Date).getTime()).toBe(
      WIB_2330_WALL,
    );

    expect(odsCell(lo.en, 'anycheck KTP_VERIFICATION', 'APP-2024-0117', 'Completed')).toMatchObject(
      { type: 'date', value: '2024-03-05T23:30:00' },
    );
    expect(odsCell(lo.en, 'Summary', 'APP-2024-0117', 'Created')).toMatchObject({
      type: 'date',
      value: '2024-03-05T09:00:00',
    });
    expect(
      odsCell(lo.en, 'anycheck KTP_VERIFICATION', 'APP-2024-0117', 'diperiksa_pada'),
    ).toMatchObject({ type: 'date', value: '2024-03-05T23:30:00' });
  });

  it('writes credits, counts, scores and amounts as numbers', () => {
    const summary = sheet(en, 'Summary');
    expect(cellOf(summary, 'APP-2024-0117', 'Credits').value).toBe(15);
    expect(cellOf(summary, 'APP-2024-0117', 'Documents').value).toBe(2);
    expect(cellOf(summary, 'APP-2024-0118', 'Credits').value).toBe(12.5);
    const ktp = sheet(en, 'anycheck KTP_VERIFICATION');
    expect(cellOf(ktp, 'APP-2024-0117', 'gaji_bulanan').value).toBe(15000000);
    expect(cellOf(ktp, 'APP-2024-0117', 'saldo_akhir').value).toBe(250000000);
    const bpkb = sheet(en, 'anycheck BPKB_VERIFICATION');
    expect(cellOf(bpkb, 'APP-2024-0118', 'tahun_pembuatan').value).toBe(2015);
    expect(cellOf(bpkb, 'APP-2024-0118', 'nomor_rangka').value).toBe('MHKA1BA1JFK012345');

    expect(odsCell(lo.en, 'Summary', 'APP-2024-0117', 'Credits')).toMatchObject({
      type: 'float',
      value: '15',
    });
    expect(odsCell(lo.en, 'Summary', 'APP-2024-0118', 'Credits')).toMatchObject({
      type: 'float',
      value: '12.5',
    });
    expect(
      odsCell(lo.en, 'anycheck KTP_VERIFICATION', 'APP-2024-0117', 'gaji_bulanan'),
    ).toMatchObject({ type: 'float', value: '15000000' });
  });

  it('never lets formula-looking text run: it arrives as plain text with a leading apostrophe', () => {
    const summary = sheet(en, 'Summary');
    const applicants: string[] = [];
    for (let i = 2; i <= summary.rowCount; i++)
      applicants.push(String(summary.getRow(i).getCell(2).value));
    for (const name of FORMULA_APPLICANTS) expect(applicants).toContain(`'${name}`);
    expect(cellOf(sheet(en, 'anycheck KTP_VERIFICATION'), 'APP-2024-0117', 'catatan').value).toBe(
      `'=HYPERLINK("http://evil.example","klik")`,
    );
    expect(cellOf(sheet(en, 'anycheck BPKB_VERIFICATION'), 'APP-2024-0118', 'pemilik').value).toBe(
      "'+62 812 555",
    );

    const loSummary = lo.en.get('Summary')!;
    for (const name of FORMULA_APPLICANTS) {
      const row = loSummary.find((cells) => cells[1]?.text === `'${name}`);
      expect(row, `LibreOffice row for ${JSON.stringify(name)}`).toBeDefined();
      expect(row![1]).toMatchObject({ type: 'string', formula: null });
    }
    // The only formulas in the whole workbook are our own links to stored files.
    for (const [, rows] of lo.en) {
      for (const cells of rows)
        for (const c of cells)
          if (c.formula) expect(c.formula).toMatch(/^of:=HYPERLINK\("file:\/\//);
    }
  });

  it('links to the stored document files, and the link text stays inert', () => {
    const link = cellOf(sheet(en, 'anycheck KTP_VERIFICATION'), 'APP-2024-0117', 'Stored file')
      .value as ExcelJS.CellFormulaValue;
    expect(link.result).toBe('ktp.jpg');
    const url = /^HYPERLINK\("([^"]+)"/.exec(link.formula)![1]!;
    expect(fileURLToPath(url)).toBe(path.resolve(r.dataDir, scenario.storePaths['ktp.jpg']!));
    expect(fs.existsSync(fileURLToPath(url))).toBe(true);
    // A file named "=bpkb.pdf" is linked with its name as a quoted literal, neutralised too.
    const odd = cellOf(sheet(en, 'anycheck BPKB_VERIFICATION'), 'APP-2024-0118', 'Stored file')
      .value as ExcelJS.CellFormulaValue;
    expect(odd.result).toBe("'=bpkb.pdf");
    expect(
      odsCell(lo.en, 'anycheck BPKB_VERIFICATION', 'APP-2024-0118', 'Stored file'),
    ).toMatchObject({ type: 'string', text: "'=bpkb.pdf" });
  });

  it('colours decisions and outcomes', () => {
    const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    const summary = sheet(en, 'Summary');
    expect(cellOf(summary, 'APP-2024-0117', 'Decision').value).toBe('Declined');
    expect(fill(cellOf(summary, 'APP-2024-0117', 'Decision'))).toBe('FFFFC7CE');
    expect(cellOf(sheet(en, 'anycheck KTP_VERIFICATION'), 'APP-2024-0117', 'Decision').value).toBe(
      'Approved',
    );
    expect(fill(cellOf(sheet(en, 'anycheck KTP_VERIFICATION'), 'APP-2024-0117', 'Decision'))).toBe(
      'FFC6EFCE',
    );
    expect(fill(cellOf(sheet(en, 'anycheck BPKB_VERIFICATION'), 'APP-2024-0118', 'Decision'))).toBe(
      'FFFFEB9C',
    );
  });

  it('shows superseded verifications, flagged, and drops secret-looking fields entirely', () => {
    const colleckt = en.worksheets.find((w) => w.name.startsWith('colleckt') && w.rowCount === 3)!;
    const cols = columnsOf(colleckt);
    const flags = [2, 3].map(
      (i) => colleckt.getRow(i).getCell(cols.get('Replaced by a retry')!).value,
    );
    expect(flags).toEqual(['Yes', 'No']);
    for (const ws of en.worksheets) expect([...columnsOf(ws).keys()]).not.toContain('api_key');
    const xml = fs.readFileSync(files.en).toString('latin1');
    expect(xml).not.toContain(SECRET);
    expect(fs.readFileSync(files.json, 'utf8')).not.toContain(SECRET);
  });

  it('puts every pre-flight and provider check in Checks, with scores and reasons', () => {
    const checks = sheet(en, 'Checks');
    expect(checks.rowCount - 1).toBe(4); // blur + NIK rule (pre-flight), data match + face match (provider)
    const cols = columnsOf(checks);
    const rows = [...Array(checks.rowCount - 1).keys()].map((i) => checks.getRow(i + 2));
    const nik = rows.find(
      (row) => row.getCell(cols.get('Reason codes')!).value === 'NIK_BAD_DATE',
    )!;
    expect(nik.getCell(cols.get('Outcome')!).value).toBe('Fail');
    expect(nik.getCell(cols.get('Source')!).value).toBe('Pre-flight (local)');
    expect(nik.getCell(cols.get('Reasons')!).value).toBe(
      'Digits 7–12 of the NIK give 31 February.',
    );
    expect(nik.getCell(cols.get('Document')!).value).toBe('ktp.jpg');
    const blur = rows.find((row) => row.getCell(cols.get('Rule or section')!).value === 'blur')!;
    expect(blur.getCell(cols.get('Score')!).value).toBe(212.5);
    expect(blur.getCell(cols.get('Threshold')!).value).toBe(100);
    const face = rows.find((row) => row.getCell(cols.get('Check')!).value === 'Face match')!;
    expect(face.getCell(cols.get('Verification')!).value).toBe('anycheck FACE_MATCH');
    // A provider check names the verification's primary document; its sheet lists them all.
    expect(face.getCell(cols.get('Document')!).value).toBe('selfie.jpg');
    expect(cellOf(sheet(en, 'anycheck FACE_MATCH'), 'APP-2024-0117', 'Documents').value).toBe(
      'selfie.jpg, ktp.jpg',
    );
  });

  it('puts every event of the cases in Case history, at wall-clock time', () => {
    const history = sheet(en, 'Case history');
    const cols = columnsOf(history);
    const rows = [...Array(history.rowCount - 1).keys()].map((i) => history.getRow(i + 2));
    const approve = rows.find(
      (row) => row.getCell(cols.get('What happened')!).value === 'Approve',
    )!;
    expect((approve.getCell(cols.get('Time')!).value as Date).getTime()).toBe(WIB_2330_WALL);
    expect(approve.getCell(cols.get('By')!).value).toBe('andi');
    expect(approve.getCell(cols.get('Reason')!).value).toBe("'=1+2 cmd");
    expect(approve.getCell(cols.get('To')!).value).toBe('Done');
    const doubt = rows.find(
      (row) => row.getCell(cols.get('What happened')!).value === 'Submission in doubt',
    )!;
    expect(doubt.getCell(cols.get('Item')!).value).toBe('anycheck KTP_VERIFICATION');
  });
});

describe('language', () => {
  it('writes headers, labels, sheet names and reasons in Bahasa Indonesia', () => {
    expect(id.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Ringkasan', 'Pemeriksaan', 'Riwayat kasus', 'Daftar kolom']),
    );
    const summary = sheet(id, 'Ringkasan');
    expect(summary.getRow(1).getCell(1).value).toBe('Kasus');
    expect(cellOf(summary, 'APP-2024-0117', 'Keputusan').value).toBe('Ditolak');
    expect(cellOf(summary, 'APP-2024-0117', 'Jenis dokumen').value).toBe(
      [label('id', 'documentKind', 'KTP'), label('id', 'documentKind', 'SELFIE')].join(', '),
    );
    const face = sheet(id, 'anycheck FACE_MATCH');
    expect(cellOf(face, 'APP-2024-0117', 'Alasan').value).toBe(REASON_LABELS.FACE_MISMATCH!.id);
    const created = cellOf(summary, 'APP-2024-0117', 'Dibuat');
    expect(created.numFmt).toMatch(/^\[\$-421\]/);
    expect(cellOf(sheet(en, 'Summary'), 'APP-2024-0117', 'Created').numFmt).toMatch(/^\[\$-409\]/);
    expect((created.value as Date).getTime()).toBe(BASE_WALL);
    expect(odsCell(lo.id, 'Ringkasan', 'APP-2024-0117', 'NIK')).toMatchObject({
      type: 'string',
      text: NIK,
    });
    expect(odsCell(lo.id, 'Ringkasan', 'APP-2024-0117', 'Keputusan')).toMatchObject({
      type: 'string',
      text: 'Ditolak',
    });
  });
});

describe('JSON twin', () => {
  it('holds the same sheets and rows with machine values', () => {
    const doc = JSON.parse(fs.readFileSync(files.json, 'utf8')) as {
      format: string;
      timeZone: string;
      sheets: {
        sheet: string;
        name: string;
        columns: { key: string }[];
        rows: Record<string, unknown>[];
      }[];
    };
    expect(doc.format).toBe('checkdesk-report');
    expect(doc.timeZone).toBe('Asia/Jakarta');
    expect(doc.sheets.map((s) => s.name)).toEqual(en.worksheets.map((w) => w.name));
    for (const s of doc.sheets) expect(s.rows.length).toBe(sheet(en, s.name).rowCount - 1);
    const summary = doc.sheets[0]!.rows.find((row) => row['summary.case_id'] === 'APP-2024-0117')!;
    expect(summary['summary.nik']).toBe(NIK);
    expect(summary['summary.decision']).toBe('DECLINED');
    expect(summary['summary.created_at']).toBe('2024-03-05T09:00:00+07:00');
    const ktp = doc.sheets.find((s) => s.name === 'anycheck KTP_VERIFICATION')!.rows[0]!;
    expect(ktp['service.completed_at']).toBe('2024-03-05T23:30:00+07:00');
    expect(ktp['service.document_link']).toEqual({
      file: 'ktp.jpg',
      path: path.resolve(r.dataDir, scenario.storePaths['ktp.jpg']!),
    });
    expect(ktp['service.field.gaji_bulanan']).toBe(15000000);
    expect(ktp['service.field.catatan']).toBe('=HYPERLINK("http://evil.example","klik")');
  });
});

describe('an empty ledger', () => {
  it('gives a valid workbook with headers only', () => {
    expect(blank.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Checks',
      'Case history',
      'Fields',
    ]);
    for (const name of ['Summary', 'Checks', 'Case history']) {
      expect(sheet(blank, name).rowCount).toBe(1);
      expect(lo.blank.get(name)).toHaveLength(1);
    }
    const headers = ['Summary', 'Checks', 'Case history', 'Fields'].reduce(
      (n, s) => n + sheet(blank, s).getRow(1).cellCount,
      0,
    );
    expect(sheet(blank, 'Fields').rowCount - 1).toBe(headers);
  });
});
