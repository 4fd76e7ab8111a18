/**
 * Expected data (what the applicant declared): applicant.json / applicant.csv inside a case
 * folder, or one row per case in manifest.csv / manifest.xlsx at the inbox root. Column names
 * are accepted in English and Indonesian. Every bad row or field is reported with its row and
 * reason, and the rest is still used.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import { parseLenientJson } from '../../../shared/lenient-json.ts';
import type { ExpectedData } from '../../../shared/model.ts';

export interface CaseDataIssue {
  /** 1-based sheet row (header = row 1), or null for file-level problems. */
  row: number | null;
  field: string | null;
  reason: string;
}

export interface CaseDataRow {
  row: number;
  caseKey: string | null;
  data: ExpectedData;
}

export interface CaseDataFile {
  rows: CaseDataRow[];
  issues: CaseDataIssue[];
}

type Field = keyof Omit<ExpectedData, 'extra'> | 'case';

const ALIASES: Record<string, Field> = {
  case: 'case',
  case_id: 'case',
  caseid: 'case',
  folder: 'case',
  kasus: 'case',
  aplikasi: 'case',
  application: 'case',
  name: 'name',
  nama: 'name',
  full_name: 'name',
  fullname: 'name',
  nama_lengkap: 'name',
  applicant: 'name',
  applicant_name: 'name',
  nama_pemohon: 'name',
  nik: 'nik',
  no_ktp: 'nik',
  nomor_ktp: 'nik',
  ktp: 'nik',
  national_id: 'nik',
  id_number: 'nik',
  nomor_induk_kependudukan: 'nik',
  npwp: 'npwp',
  no_npwp: 'npwp',
  birth_date: 'birthDate',
  birthdate: 'birthDate',
  dob: 'birthDate',
  date_of_birth: 'birthDate',
  tanggal_lahir: 'birthDate',
  tgl_lahir: 'birthDate',
  gender: 'gender',
  sex: 'gender',
  jenis_kelamin: 'gender',
  kelamin: 'gender',
  address: 'address',
  alamat: 'address',
  loan_id: 'loanId',
  loan: 'loanId',
  loanid: 'loanId',
  no_pinjaman: 'loanId',
  nomor_pinjaman: 'loanId',
  application_id: 'loanId',
  nomor_aplikasi: 'loanId',
  phone: 'phone',
  telepon: 'phone',
  telp: 'phone',
  hp: 'phone',
  no_hp: 'phone',
  phone_number: 'phone',
  email: 'email',
  surel: 'email',
};

function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Accepts YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY and real dates; returns ISO or null. */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function parseGender(value: string): 'M' | 'F' | null {
  const v = value.trim().toLowerCase();
  if (['m', 'l', 'male', 'laki', 'laki-laki', 'laki laki', 'pria'].includes(v)) return 'M';
  if (['f', 'p', 'female', 'perempuan', 'wanita'].includes(v)) return 'F';
  return null;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && 'text' in value)
    return String((value as { text: unknown }).text ?? '');
  if (typeof value === 'object' && value !== null && 'result' in value)
    return String((value as { result: unknown }).result ?? '');
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    return ((value as { richText: { text: string }[] }).richText ?? []).map((r) => r.text).join('');
  }
  return String(value);
}

/** Turns one record (header → value) into expected data, collecting issues for its row. */
export function toExpected(
  record: Record<string, unknown>,
  row: number,
  issues: CaseDataIssue[],
): { caseKey: string | null; data: ExpectedData } {
  const data: ExpectedData = {};
  const extra: Record<string, string> = {};
  let caseKey: string | null = null;
  for (const [header, raw] of Object.entries(record)) {
    const key = headerKey(header);
    const field = ALIASES[key];
    const text = cellText(raw).trim();
    if (!field) {
      if (text) extra[header.trim()] = text;
      continue;
    }
    if (field === 'case') {
      caseKey = text || null;
      continue;
    }
    if (field === 'nik' || field === 'npwp') {
      if (typeof raw === 'number') {
        issues.push({
          row,
          field,
          reason: `${field.toUpperCase()} is stored as a number, which loses digits; format the column as text`,
        });
        continue;
      }
      if (!text) continue;
      const digits = text.replace(/[\s.-]/g, '');
      const want = field === 'nik' ? [16] : [15, 16];
      if (!/^\d+$/.test(digits) || !want.includes(digits.length)) {
        issues.push({
          row,
          field,
          reason: `${field.toUpperCase()} "${text}" must be ${want.join(' or ')} digits`,
        });
        continue;
      }
      data[field] = digits;
      continue;
    }
    if (field === 'birthDate') {
      if (!text && !(raw instanceof Date)) continue;
      const iso = parseDate(raw instanceof Date ? raw : text);
      if (!iso) {
        issues.push({
          row,
          field,
          reason: `birth date "${text}" is not a date (use YYYY-MM-DD or DD-MM-YYYY)`,
        });
        continue;
      }
      data.birthDate = iso;
      continue;
    }
    if (field === 'gender') {
      if (!text) continue;
      const g = parseGender(text);
      if (!g)
        issues.push({ row, field, reason: `gender "${text}" is not recognised (use L/P or M/F)` });
      else data.gender = g;
      continue;
    }
    if (text) data[field] = text;
  }
  if (Object.keys(extra).length) data.extra = extra;
  return { caseKey, data };
}

function fromRecords(
  records: Record<string, unknown>[],
  firstRow: number,
  needCase: boolean,
): CaseDataFile {
  const issues: CaseDataIssue[] = [];
  const rows: CaseDataRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const row = firstRow + i;
    if (Object.values(record).every((v) => cellText(v).trim() === '')) return;
    const { caseKey, data } = toExpected(record, row, issues);
    if (needCase) {
      if (!caseKey) {
        issues.push({
          row,
          field: 'case',
          reason: 'no case (folder name) in the "case" column; row ignored',
        });
        return;
      }
      const earlier = seen.get(caseKey.toLowerCase());
      if (earlier !== undefined) {
        issues.push({
          row,
          field: 'case',
          reason: `case "${caseKey}" already appears on row ${earlier}; row ignored`,
        });
        return;
      }
      seen.set(caseKey.toLowerCase(), row);
    }
    rows.push({ row, caseKey, data });
  });
  return { rows, issues };
}

async function readCsv(path: string): Promise<Record<string, unknown>[]> {
  const text = (await fs.readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Indonesian Excel exports CSV with semicolons.
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parseCsv(text, {
    columns: true,
    skip_empty_lines: true,
    delimiter,
    relax_column_count: true,
    trim: true,
    bom: true,
  }) as Record<string, unknown>[];
}

async function readXlsx(path: string): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = cellText(cell.value).trim();
  });
  const records: Record<string, unknown>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, unknown> = {};
    headers.forEach((h, col) => {
      if (h) record[h] = row.getCell(col).value;
    });
    records.push(record);
  }
  return records;
}

export async function readCaseData(
  path: string,
  kind: 'applicant.json' | 'applicant.csv' | 'manifest.csv' | 'manifest.xlsx',
): Promise<CaseDataFile> {
  try {
    if (kind === 'applicant.json') {
      const text = await fs.readFile(path, 'utf8');
      let parsed: unknown;
      try {
        parsed = parseLenientJson(text).value;
      } catch (err) {
        return {
          rows: [],
          issues: [{ row: null, field: null, reason: `not valid JSON: ${(err as Error).message}` }],
        };
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return {
          rows: [],
          issues: [
            {
              row: null,
              field: null,
              reason: "expected one JSON object with the applicant's fields",
            },
          ],
        };
      }
      const issues: CaseDataIssue[] = [];
      const { data } = toExpected(parsed as Record<string, unknown>, 1, issues);
      return { rows: [{ row: 1, caseKey: null, data }], issues };
    }
    const records = kind === 'manifest.xlsx' ? await readXlsx(path) : await readCsv(path);
    const result = fromRecords(records, 2, kind.startsWith('manifest'));
    if (kind === 'applicant.csv' && result.rows.length > 1) {
      result.issues.push({
        row: null,
        field: null,
        reason: `applicant.csv has ${result.rows.length} rows; only the first is used`,
      });
      result.rows = result.rows.slice(0, 1);
    }
    return result;
  } catch (err) {
    return {
      rows: [],
      issues: [
        { row: null, field: null, reason: `cannot read the file: ${(err as Error).message}` },
      ],
    };
  }
}

export function summariseIssues(issues: readonly CaseDataIssue[], max = 3): string {
  const parts = issues
    .slice(0, max)
    .map((i) => (i.row ? `row ${i.row}${i.field ? ` ${i.field}` : ''}: ${i.reason}` : i.reason));
  const more = issues.length > max ? `; and ${issues.length - max} more` : '';
  return parts.join('; ') + more;
}
