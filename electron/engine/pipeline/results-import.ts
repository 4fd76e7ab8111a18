/**
 * Results import for providers whose verification happens in their own flow (ADVANCE.AI H5
 * eKYC, AiPrise): CheckDesk receives the session ids — a sheet dropped into an inbox, or a list
 * chosen in the UI — and collects, normalises and shows the results. Each id becomes a
 * verification that the queue only polls; nothing is ever created (or paid for) at the provider.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import type { ProviderName } from '../../../shared/model.ts';
import type { Ledger } from '../ledger/index.ts';

export type ImportProvider = Extract<ProviderName, 'advanceai' | 'aiprise'>;

export const IMPORT_SERVICE: Record<ImportProvider, string> = {
  advanceai: 'ekyc',
  aiprise: 'verification',
};

const ID_COLUMNS: Record<string, ImportProvider> = {
  signatureid: 'advanceai',
  signature_id: 'advanceai',
  verification_session_id: 'aiprise',
  verificationsessionid: 'aiprise',
  session_id: 'aiprise',
};
const CASE_COLUMNS = new Set([
  'case',
  'case_id',
  'caseid',
  'folder',
  'kasus',
  'aplikasi',
  'application',
  'loan_id',
  'client_reference_id',
  'bizid',
  'biz_id',
]);

export interface ResultsSheet {
  provider: ImportProvider;
  rows: { id: string; caseKey: string | null; row: number }[];
  issues: { row: number; reason: string }[];
}

function key(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in (value as object))
    return String((value as { text: unknown }).text ?? '').trim();
  if (typeof value === 'object' && 'result' in (value as object))
    return String((value as { result: unknown }).result ?? '').trim();
  return String(value).trim();
}

async function records(file: string, isXlsx: boolean): Promise<Record<string, unknown>[]> {
  if (!isXlsx) {
    const content = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const first = content.split(/\r?\n/, 1)[0] ?? '';
    const delimiter =
      (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
    return parseCsv(content, {
      columns: true,
      skip_empty_lines: true,
      delimiter,
      relax_column_count: true,
      trim: true,
    }) as Record<string, unknown>[];
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet
    .getRow(1)
    .eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = text(cell.value)));
  const out: Record<string, unknown>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const rec: Record<string, unknown> = {};
    headers.forEach((h, col) => {
      if (h) rec[h] = row.getCell(col).value;
    });
    out.push(rec);
  }
  return out;
}

/** Reads a sheet of session ids; null when the file is not such a sheet. */
export async function readResultsSheet(file: string): Promise<ResultsSheet | null> {
  const isXlsx = /\.xlsx$/i.test(file);
  if (!isXlsx && !/\.csv$/i.test(file)) return null;
  let rows: Record<string, unknown>[];
  try {
    rows = await records(file, isXlsx);
  } catch {
    return null;
  }
  const headers = Object.keys(rows[0] ?? {});
  const idHeader = headers.find((h) => ID_COLUMNS[key(h)] !== undefined);
  if (!idHeader) return null;
  const provider = ID_COLUMNS[key(idHeader)]!;
  const caseHeader = headers.find((h) => CASE_COLUMNS.has(key(h)));
  const issues: ResultsSheet['issues'] = [];
  const seen = new Set<string>();
  const out: ResultsSheet['rows'] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const id = text(r[idHeader]);
    if (!id) {
      if (Object.values(r).some((v) => text(v) !== ''))
        issues.push({ row, reason: `no ${idHeader}; row ignored` });
      return;
    }
    if (!/^[\w.:-]{4,128}$/.test(id)) {
      issues.push({ row, reason: `"${id}" does not look like a session id; row ignored` });
      return;
    }
    if (seen.has(id)) {
      issues.push({ row, reason: `${id} appears twice; the second is ignored` });
      return;
    }
    seen.add(id);
    out.push({ id, caseKey: caseHeader ? text(r[caseHeader]) || null : null, row });
  });
  return { provider, rows: out, issues };
}

/**
 * Creates one polled verification per id (idempotent: importing the same sheet twice adds
 * nothing). Runs in the caller's transaction. Returns the ids of the cases touched.
 */
export function importResults(
  ledger: Ledger,
  input: {
    inboxId: number;
    provider: ImportProvider;
    rows: readonly { id: string; caseKey: string | null }[];
    source: string;
    actor: string;
  },
): { created: number; existing: number; caseIds: number[] } {
  let created = 0;
  let existing = 0;
  const caseIds = new Set<number>();
  const now = ledger.now();
  for (const r of input.rows) {
    const caseKey = r.caseKey ?? `${input.provider}-${r.id}`;
    const kase = ledger.cases.ensure(input.inboxId, caseKey, '');
    const idempotencyKey = createHash('sha256')
      .update(`import:${input.provider}:${r.id}`)
      .digest('hex')
      .slice(0, 40);
    const id = ledger.verifications.plan({
      caseId: kase.id,
      provider: input.provider,
      service: IMPORT_SERVICE[input.provider],
      config: { imported: true },
      idempotencyKey,
      generation: 0,
      phase: 'POLLING',
      phaseReason: `imported from ${input.source}; collecting the result`,
      documents: [],
      deadlineAt: now + 3 * 24 * 3600_000,
      externalId: r.id,
    });
    if (id === null) {
      existing++;
      continue;
    }
    created++;
    caseIds.add(kase.id);
    ledger.history.append({
      entity: 'verification',
      entityId: id,
      caseId: kase.id,
      what: 'imported',
      to: 'POLLING',
      actor: input.actor,
      reason: `${input.provider} ${r.id} from ${input.source}`,
    });
    ledger.cases.markPlanned(kase.id);
    ledger.cases.recompute(kase.id);
  }
  return { created, existing, caseIds: [...caseIds] };
}
