/**
 * An independent reader for the report tests: LibreOffice converts each workbook to flat ODS
 * (one XML file holding every sheet, with each cell's type, value, date value and formula as
 * LibreOffice understood them), and a small parser here reads that XML. Nothing of exceljs is
 * involved, so a value exceljs writes one way and reads back the same wrong way cannot hide.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface OdsCell {
  /** office:value-type: string, float, date, boolean, percentage, currency, time; null when empty. */
  type: string | null;
  /** office:value (numbers), office:date-value (dates), office:boolean-value. */
  value: string | null;
  /** The text LibreOffice shows. */
  text: string;
  /** table:formula, e.g. `of:=HYPERLINK(…)`; null for plain values. */
  formula: string | null;
}

export type OdsWorkbook = Map<string, OdsCell[][]>;

/** Converts every file in one LibreOffice run (each start costs seconds) with a private profile. */
export function convertToFlatOds(files: readonly string[], workDir: string): string[] {
  const outDir = path.join(workDir, 'fods');
  const profile = path.join(workDir, 'lo-profile');
  fs.mkdirSync(outDir, { recursive: true });
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'fods',
      '--outdir',
      outDir,
      ...files,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const outputs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.fods`));
  const missing = outputs.filter((o) => !fs.existsSync(o));
  if (r.error || missing.length > 0) {
    throw new Error(
      `LibreOffice did not convert ${missing.join(', ')}: ${r.error?.message ?? ''} ${r.stderr ?? ''} ${r.stdout ?? ''}`,
    );
  }
  return outputs;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
      );
    return ENTITIES[e] ?? m;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
}

/** Text of a cell body: paragraphs joined by newlines, LibreOffice's space/tab/line-break elements expanded. */
function cellText(body: string): string {
  const paragraphs = [
    ...body.matchAll(/<text:p\b[^>]*>([\s\S]*?)<\/text:p>|<text:p\b[^>]*\/>/g),
  ].map((m) => m[1] ?? '');
  return paragraphs
    .map((p) =>
      decode(
        p
          .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_, c: string | undefined) =>
            ' '.repeat(c ? Number(c) : 1),
          )
          .replace(/<text:tab\s*\/>/g, '\t')
          .replace(/<text:line-break\s*\/>/g, '\n')
          .replace(/<[^>]+>/g, ''),
      ),
    )
    .join('\n');
}

const CELL =
  /<table:(?:covered-)?table-cell\b([^>]*?)(\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;

function parseRow(body: string): OdsCell[] {
  const cells: OdsCell[] = [];
  for (const m of body.matchAll(CELL)) {
    const tag = m[1] ?? '';
    const type = attr(tag, 'office:value-type');
    const cell: OdsCell = {
      type,
      value:
        attr(tag, 'office:value') ??
        attr(tag, 'office:date-value') ??
        attr(tag, 'office:boolean-value') ??
        attr(tag, 'office:time-value'),
      text: m[3] !== undefined ? cellText(m[3]) : '',
      formula: attr(tag, 'table:formula'),
    };
    const repeat = Number(attr(tag, 'table:number-columns-repeated') ?? 1);
    // The filler after the last column repeats to column 16384; any run that long is trailing.
    const times =
      repeat > 1024 && cell.type === null && cell.text === '' && cell.formula === null ? 1 : repeat;
    for (let i = 0; i < times; i++) cells.push(cell);
  }
  while (cells.length > 0) {
    const last = cells[cells.length - 1]!;
    if (last.type !== null || last.text !== '' || last.formula !== null) break;
    cells.pop();
  }
  return cells;
}

/** Sheets in document order, each a list of rows (trailing empty rows and cells dropped). */
export function readFlatOds(file: string): OdsWorkbook {
  const xml = fs.readFileSync(file, 'utf8');
  const book: OdsWorkbook = new Map();
  for (const t of xml.matchAll(/<table:table\s([^>]*)>([\s\S]*?)<\/table:table>/g)) {
    const name = attr(` ${t[1] ?? ''}`, 'table:name') ?? '';
    const rows: OdsCell[][] = [];
    for (const r of (t[2] ?? '').matchAll(
      /<table:table-row\b([^>]*)>([\s\S]*?)<\/table:table-row>/g,
    )) {
      const cells = parseRow(r[2] ?? '');
      const repeat = Number(attr(r[1] ?? '', 'table:number-rows-repeated') ?? 1);
      if (cells.length === 0) {
        // Empty rows keep their place, except the filler repeated down to row 1048576.
        rows.push(...Array.from({ length: repeat > 1024 ? 1 : repeat }, () => []));
        continue;
      }
      for (let i = 0; i < repeat; i++) rows.push(cells);
    }
    while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
    book.set(name, rows);
  }
  return book;
}
