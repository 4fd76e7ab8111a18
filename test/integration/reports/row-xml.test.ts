/**
 * Data rows are written as XML by row-xml.ts, not by exceljs. The markup is checked against the
 * values it must stand for, and a workbook written through the real streaming writer is read
 * back by LibreOffice (independent of exceljs) and by exceljs: every value type the report
 * builder produces arrives with its type, value, formula and number format.
 */
import ExcelJS from 'exceljs';
import type { Style } from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowXml, type StyleRegistry, xmlText } from '../../../electron/engine/reports/row-xml.ts';
import { StreamingWorkbook } from '../../../electron/engine/reports/xlsx-writer.ts';
import { tmpDir } from '../../helpers/tmp.ts';
import { convertToFlatOds, readFlatOds, type OdsWorkbook } from './libreoffice.ts';

/** A registry that numbers each (style, type) it is asked about, from 1, and remembers the asks. */
function recordingRegistry(): StyleRegistry & { asked: [Partial<Style>, number][] } {
  const asked: [Partial<Style>, number][] = [];
  return {
    asked,
    addStyleModel(style, type) {
      asked.push([style, type]);
      return style.numFmt === 'General' ? 0 : asked.length;
    },
  };
}

describe('row markup', () => {
  it('writes each value type the way a spreadsheet reads it', () => {
    const registry = recordingRegistry();
    const text: Partial<Style> = { numFmt: '@' };
    const when: Partial<Style> = { numFmt: 'dd mmm yyyy' };
    const xml = new RowXml(registry, ['A', 'B', 'C', 'D', 'E', 'F']).render(
      7,
      [
        'Budi & "Siti" <x>',
        -12.5,
        undefined,
        new Date(Date.UTC(2024, 0, 31, 12)),
        { formula: 'HYPERLINK("file:///a.pdf","a.pdf")', result: 'a.pdf' },
        undefined,
      ],
      [text, undefined, undefined, when, text, text],
      [undefined, { numFmt: 'General' }, { numFmt: '@' }, undefined, undefined, undefined],
    );
    expect(xml).toBe(
      '<row r="7">' +
        '<c r="A7" s="1" t="str"><v>Budi &amp; &quot;Siti&quot; &lt;x&gt;</v></c>' +
        '<c r="B7"><v>-12.5</v></c>' +
        `<c r="D7" s="3"><v>${25_569 + 19_753.5}</v></c>` +
        '<c r="E7" s="1" t="str"><f>HYPERLINK(&quot;file:///a.pdf&quot;,&quot;a.pdf&quot;)</f><v>a.pdf</v></c>' +
        '</row>',
    );
    // Column styles stand in for cells without one; each (style, type) is registered once.
    expect(registry.asked.map(([s, t]) => [s.numFmt, t])).toEqual([
      ['@', ExcelJS.ValueType.String],
      ['General', ExcelJS.ValueType.Number],
      ['dd mmm yyyy', ExcelJS.ValueType.Date],
    ]);
  });

  it('drops the control characters XML cannot carry and keeps tabs and line breaks', () => {
    expect(xmlText('a\u0000b\u0007c\u007fd\te\nf\rg')).toBe('abcd\te\nf\rg');
    expect(xmlText("it's")).toBe('it&apos;s');
    expect(xmlText('plain')).toBe('plain');
  });

  it('refuses a value it cannot write faithfully, and a row wider than the sheet', () => {
    const rows = new RowXml(recordingRegistry(), ['A']);
    expect(() => rows.render(2, [{ richText: [{ text: 'x' }] }], [], [])).toThrow(
      /row 2, cell A2: unsupported cell value/,
    );
    expect(() => rows.render(3, [true], [], [])).toThrow(/row 3, cell A3: unsupported/);
    expect(() => rows.render(2, ['a', 'b'], [], [])).toThrow(/more cells than columns/);
  });
});

describe('a streamed workbook read back', () => {
  let t: ReturnType<typeof tmpDir>;
  let file: string;
  let lo: OdsWorkbook;
  const text: Partial<Style> = { numFmt: '@' };
  const date: Partial<Style> = { numFmt: 'yyyy-mm-dd' };
  const money: Partial<Style> = { numFmt: '#,##0' };

  beforeAll(async () => {
    t = tmpDir('cd-row-xml-');
    file = path.join(t.dir, 'rows.xlsx');
    const book = new StreamingWorkbook({ fd: fs.openSync(file, 'wx') });
    const sheet = await book.addSheet({
      name: 'Rows',
      columns: ['Text', 'Number', 'Empty', 'Date', 'Link', 'NIK'].map((header) => ({
        header,
        width: 12,
        style: text,
      })),
      headerStyle: { font: { bold: true } },
      frozenColumns: 1,
    });
    sheet.addRow(
      [
        "'=1+1 & <tag>\u0001!",
        1234567,
        null,
        new Date(Date.UTC(1990, 5, 17)),
        { formula: 'HYPERLINK("file:///tmp/ktp.jpg","ktp.jpg")', result: 'ktp.jpg' },
        '3171015505900001',
      ],
      [text, money, undefined, date, text, undefined],
    );
    sheet.addRow(['second', 0.25], [text, undefined]);
    await sheet.end();
    await book.commit();
    const [fods] = convertToFlatOds([file], t.dir);
    lo = readFlatOds(fods!);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('LibreOffice sees the same types, values and formulas', () => {
    const rows = lo.get('Rows')!;
    expect(rows[0]!.map((c) => c.text)).toEqual(['Text', 'Number', 'Empty', 'Date', 'Link', 'NIK']);
    const [a, b, c, d, e, f] = rows[1]!;
    expect(a).toMatchObject({ type: 'string', text: "'=1+1 & <tag>!", formula: null });
    expect(b).toMatchObject({ type: 'float', value: '1234567', text: '1,234,567' });
    expect(c).toMatchObject({ type: null, text: '' });
    expect(d).toMatchObject({ type: 'date', value: '1990-06-17', text: '1990-06-17' });
    expect(e!.type).toBe('string');
    expect(e!.text).toBe('ktp.jpg');
    expect(e!.formula).toMatch(/HYPERLINK\("file:\/\/\/tmp\/ktp\.jpg";\s*"ktp\.jpg"\)/);
    // Every digit of an identifier survives as text.
    expect(f).toMatchObject({ type: 'string', text: '3171015505900001' });
    expect(rows[2]!.slice(0, 2).map((x) => [x.type, x.value ?? x.text])).toEqual([
      ['string', 'second'],
      ['float', '0.25'],
    ]);
  });

  it('exceljs reads the same values, styles, frozen header and filter back', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Rows')!;
    expect(ws.rowCount).toBe(3);
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBe(1234567);
    expect(row.getCell(2).numFmt).toBe('#,##0');
    expect(row.getCell(3).value).toBeNull();
    expect(row.getCell(4).value).toEqual(new Date(Date.UTC(1990, 5, 17)));
    expect(row.getCell(5).value).toMatchObject({ result: 'ktp.jpg' });
    expect(row.getCell(6).numFmt).toBe('@');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
  });
});
