/**
 * The rules cells, dates, sheet names and labels follow, checked directly (the workbook tests
 * check them again through real files).
 */
import { describe, expect, it } from 'vitest';
import {
  classifyField,
  cleanText,
  isIdentifierKey,
  linkFormula,
  looksLikeFormula,
  MAX_CELL_CHARS,
  safeText,
} from '../../../electron/engine/reports/cells.ts';
import { MAX_SHEET_NAME, SheetNamer } from '../../../electron/engine/reports/sheet-names.ts';
import {
  calendarDate,
  createWallClock,
  isoInstant,
} from '../../../electron/engine/reports/wall-clock.ts';
import { FILE_STATES, STAGES } from '../../../shared/contract.ts';
import {
  hasLabel,
  label,
  LABELS,
  reasonText,
  type LabelGroup,
} from '../../../shared/i18n/index.ts';
import {
  CHECK_OUTCOMES,
  CHECK_TYPES,
  DECISIONS,
  DOCUMENT_KINDS,
  REVIEW_STATES,
  RUN_STATUSES,
} from '../../../shared/model.ts';

const isDate = (t: string) => calendarDate(t) !== null;
const isInstant = (t: string) => isoInstant(t) !== null;

describe('text cells', () => {
  it('neutralises every formula trigger, and nothing else', () => {
    for (const t of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', ' =1', '＝1']) {
      expect(looksLikeFormula(t), JSON.stringify(t)).toBe(true);
      expect(safeText(t)).toBe(`'${t}`);
    }
    for (const t of ['Siti Rahayu', 'a=b', '1+1', '', "O'Brien", 'JL. MERDEKA'])
      expect(safeText(t)).toBe(t);
  });

  it('drops characters XML cannot carry and cuts text Excel cannot hold', () => {
    expect(cleanText('a\u0000b\u0007c\u001Fd\tok\n')).toBe('abcd\tok\n');
    expect(cleanText('x\uD800y')).toBe('xy');
    expect(cleanText('emoji 😀 stays')).toBe('emoji 😀 stays');
    const long = safeText('=' + 'x'.repeat(40_000));
    expect(long.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(long.startsWith("'=")).toBe(true);
    expect(long).toContain('[truncated]');
  });

  it('builds a link formula whose text is a quoted literal', () => {
    const link = linkFormula('file:///data/store/ab/cd.jpg', 'say "hi".jpg')!;
    expect(link.formula).toBe('HYPERLINK("file:///data/store/ab/cd.jpg","say ""hi"".jpg")');
    expect(link.result).toBe('say "hi".jpg');
    expect(linkFormula(`file:///${'x'.repeat(300)}`, 'a')).toBeNull();
  });
});

describe('provider field values', () => {
  it('keeps identifiers as text and plain amounts as numbers', () => {
    expect(isIdentifierKey('nik')).toBe(true);
    expect(isIdentifierKey('no_rekening')).toBe(true);
    expect(isIdentifierKey('accountNumber')).toBe(true);
    expect(isIdentifierKey('nama')).toBe(false);
    expect(classifyField('nik', 3171234567890123, isDate, isInstant)).toEqual({
      kind: 'code',
      text: '3171234567890123',
    });
    expect(classifyField('saldo', 2 ** 60, isDate, isInstant)).toMatchObject({ kind: 'code' });
    expect(classifyField('saldo', '250000000', isDate, isInstant)).toEqual({
      kind: 'number',
      value: 250000000,
    });
    expect(classifyField('saldo', '-1500.25', isDate, isInstant)).toEqual({
      kind: 'number',
      value: -1500.25,
    });
    // Longer than 11 digits, or with a leading zero: Excel would mangle it, so it stays text.
    expect(classifyField('nilai', '123456789012', isDate, isInstant)).toEqual({
      kind: 'text',
      text: '123456789012',
    });
    expect(classifyField('rt', '001', isDate, isInstant)).toEqual({ kind: 'text', text: '001' });
    expect(classifyField('tanggal', '1990-05-17', isDate, isInstant)).toEqual({
      kind: 'date',
      text: '1990-05-17',
    });
    expect(classifyField('tanggal', '2023-02-30', isDate, isInstant)).toEqual({
      kind: 'text',
      text: '2023-02-30',
    });
    expect(classifyField('waktu', '2024-03-05T16:30:00Z', isDate, isInstant)).toEqual({
      kind: 'instant',
      text: '2024-03-05T16:30:00Z',
    });
    expect(classifyField('waktu', '2024-03-05T16:30:00', isDate, isInstant)).toMatchObject({
      kind: 'text',
    });
    expect(classifyField('aktif', true, isDate, isInstant)).toEqual({
      kind: 'boolean',
      value: true,
    });
    expect(classifyField('x', null, isDate, isInstant)).toEqual({ kind: 'empty' });
  });
});

describe('wall-clock time', () => {
  it('shows 23:30 WIB as 23:30 and writes ISO times with the offset', () => {
    const clock = createWallClock('Asia/Jakarta');
    const instant = Date.UTC(2024, 2, 5, 16, 30);
    expect(clock.excelDate(instant).toISOString()).toBe('2024-03-05T23:30:00.000Z');
    expect(clock.iso(instant)).toBe('2024-03-05T23:30:00+07:00');
    expect(createWallClock('Asia/Makassar').iso(instant)).toBe('2024-03-06T00:30:00+08:00');
    expect(createWallClock('UTC').iso(instant + 5)).toBe('2024-03-05T16:30:00.005Z');
  });

  it('agrees with Intl minute by minute across daylight-saving changes', () => {
    for (const zone of [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Jakarta',
    ]) {
      const clock = createWallClock(zone);
      const fmt = new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      // Both 2024 transitions of each zone, every 7 minutes over the surrounding two days.
      for (const day of [
        Date.UTC(2024, 2, 30),
        Date.UTC(2024, 3, 6),
        Date.UTC(2024, 9, 26),
        Date.UTC(2024, 10, 2),
        Date.UTC(2024, 2, 9),
      ]) {
        for (let t = day; t < day + 2 * 86_400_000; t += 7 * 60_000 + 13_000) {
          const expected = fmt.format(t).replace(' ', 'T');
          expect(
            clock.excelDate(t).toISOString().slice(0, 19),
            `${zone} ${new Date(t).toISOString()}`,
          ).toBe(expected);
        }
      }
    }
  });

  it('reads calendar dates and zoned timestamps, and nothing ambiguous', () => {
    expect(calendarDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(calendarDate('2024/02/29')).not.toBeNull();
    expect(calendarDate('2023-02-29')).toBeNull();
    expect(calendarDate('1899-12-31')).toBeNull();
    expect(isoInstant('2024-03-05T23:30:00+07:00')).toBe(Date.UTC(2024, 2, 5, 16, 30));
    expect(isoInstant('2024-03-05 23:30')).toBeNull();
    expect(() => createWallClock('Not/A_Zone')).toThrow(RangeError);
  });
});

describe('sheet names', () => {
  it('follows Excel: 31 characters, no []:*?/\\, unique without case, never "History"', () => {
    const namer = new SheetNamer();
    expect(namer.name('Summary')).toBe('Summary');
    expect(namer.name('summary')).toBe('summary (2)');
    expect(namer.name('History')).toBe('History (2)');
    const odd = namer.name('colleckt USPS/1583:identity*check?[v2]');
    expect(odd).toBe('colleckt USPS_1583_identity_ch…');
    expect(odd.length).toBe(MAX_SHEET_NAME);
    const twin = namer.name('colleckt USPS/1583:identity*check?[v3]');
    expect(twin).toBe('colleckt USPS_1583_identit… (2)');
    expect(twin.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(namer.name("'quoted'")).toBe('quoted');
    expect(namer.name('   ')).toBe('Sheet');
  });
});

describe('labels', () => {
  const enums: [LabelGroup, readonly string[]][] = [
    ['runStatus', RUN_STATUSES],
    ['decision', DECISIONS],
    ['review', REVIEW_STATES],
    ['checkType', CHECK_TYPES],
    ['checkOutcome', CHECK_OUTCOMES],
    ['documentKind', DOCUMENT_KINDS],
    ['stage', STAGES],
    ['fileState', FILE_STATES],
  ];

  it('has an English and an Indonesian label for every canonical enum value', () => {
    for (const [group, values] of enums) {
      expect(Object.keys(LABELS[group]).sort(), group).toEqual([...values].sort());
      for (const v of values) {
        expect(hasLabel(group, v)).toBe(true);
        expect(label('en', group, v).trim(), `${group}.${v}`).not.toBe('');
        expect(label('id', group, v).trim(), `${group}.${v}`).not.toBe('');
      }
    }
    expect(label('id', 'decision', 'APPROVED')).toBe('Disetujui');
    expect(label('en', 'decision', 'APPROVED')).toBe('Approved');
  });

  it('falls back to the raw value, and never invents one', () => {
    expect(label('id', 'decision', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(label('en', 'runStatus', null)).toBe('');
    expect(label('en', 'runStatus', 'toString')).toBe('toString');
    expect(reasonText('en', 'FACE_MISMATCH', 'Similarity 31 is below 70.')).toBe(
      'Similarity 31 is below 70.',
    );
    expect(reasonText('id', 'FACE_MISMATCH', 'Similarity 31 is below 70.')).toBe(
      'Wajah tidak cocok dengan foto identitas.',
    );
    expect(reasonText('id', 'NEW_CODE', 'Provider said no.')).toBe('Provider said no.');
    expect(reasonText('en', 'NIK_FORMAT', '')).toBe('A NIK must have exactly 16 digits.');
    expect(reasonText('id', 'NEW_CODE', null)).toBe('NEW_CODE');
  });
});
