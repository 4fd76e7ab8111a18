/** The sandbox's bulk export: a small real workbook, one sheet per service ("multiple") or one. */
import ExcelJS from 'exceljs';
import { flattenFields } from '../normalize.ts';

export interface ExportRow {
  serviceName: string;
  payload: Record<string, unknown>;
}

const FIXED = [
  'id',
  'result_id',
  'status',
  'output_status',
  'credit_used',
  'created_at',
  'end_date',
] as const;

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base} ${i}`;
  used.add(candidate);
  return candidate;
}

export async function exportWorkbook(
  rows: readonly ExportRow[],
  sheetMode: 'multiple' | 'single',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'AnyCheck sandbox';
  const groups = new Map<string, ExportRow[]>();
  for (const row of rows) {
    const key = sheetMode === 'multiple' ? row.serviceName : 'Verifications';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  if (groups.size === 0) groups.set('Verifications', []);
  const used = new Set<string>();
  for (const [name, list] of groups) {
    const sheet = workbook.addWorksheet(sheetName(name, used));
    const outputs = list.map((r) => flattenFields(r.payload.output));
    const outputKeys = [...new Set(outputs.flatMap((o) => Object.keys(o)))];
    const header = [...(sheetMode === 'single' ? ['service'] : []), ...FIXED, ...outputKeys];
    sheet.addRow(header);
    list.forEach((row, i) => {
      const fixed = FIXED.map((k) => {
        const v = row.payload[k];
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
      });
      sheet.addRow([
        ...(sheetMode === 'single' ? [row.serviceName] : []),
        ...fixed,
        ...outputKeys.map((k) => outputs[i]![k] ?? null),
      ]);
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
