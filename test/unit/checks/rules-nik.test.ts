import { describe, expect, it } from 'vitest';
import { validateIdNumber, validateKk, validateNik } from '../../../shared/rules/index.ts';
import { PROVINCES, REGENCIES } from '../../../shared/rules/data/kemendagri-regions.ts';

const TODAY = new Date(2025, 5, 15); // 15 June 2025, local time

/** Builds a NIK from its parts so every vector states what it encodes. */
function nik(p: {
  region?: string;
  day: number;
  female?: boolean;
  month: number;
  yy: number;
  serial?: string;
}): string {
  const dd = p.day + (p.female ? 40 : 0);
  return `${p.region ?? '320411'}${String(dd).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.yy).padStart(2, '0')}${p.serial ?? '0001'}`;
}

const codes = (r: ReturnType<typeof validateNik>) =>
  r.reasons.map((x) => `${x.severity}:${x.code}`);

describe('NIK rules (domain-checks.md §1.2)', () => {
  it('parses a valid female NIK: gender F, day minus 40, region names (R-NIK-5)', () => {
    const r = validateIdNumber('nik', nik({ day: 16, female: true, month: 9, yy: 97 }), {
      today: TODAY,
    });
    expect(r.valid).toBe(true);
    expect(r.reasons).toEqual([]);
    expect(r.parsed).toMatchObject({
      gender: 'F',
      birthDate: '1997-09-16',
      provinceCode: '32',
      provinceName: 'Jawa Barat',
      regencyCode: '3204',
      regencyName: 'Kabupaten Bandung',
      serial: '0001',
    });
  });

  it('R-NIK-0: strips spaces, dots and dashes but never maps letters to digits', () => {
    expect(validateNik('3204 1156.0997-0001', { today: TODAY }).valid).toBe(true);
    const r = validateNik('32O4115609970001', { today: TODAY });
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['ERROR:NIK_FORMAT']);
  });

  it('R-NIK-1: exactly 16 digits', () => {
    expect(codes(validateNik('320411560997000', { today: TODAY }))).toEqual(['ERROR:NIK_FORMAT']);
    expect(codes(validateNik('32041156099700011', { today: TODAY }))).toEqual(['ERROR:NIK_FORMAT']);
    expect(validateNik('', { today: TODAY }).valid).toBe(false);
  });

  it('R-NIK-2: Kemendagri province codes only (38 of them; 20, 22–30, 37–50 and the old 54 do not exist)', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(38);
    for (const pp of [
      '11',
      '19',
      '21',
      '31',
      '36',
      '51',
      '53',
      '61',
      '65',
      '71',
      '76',
      '81',
      '82',
      '91',
      '96',
    ]) {
      expect(
        validateNik(nik({ region: `${pp}0101`, day: 1, month: 1, yy: 90 }), {
          today: TODAY,
        }).reasons.map((x) => x.code),
      ).not.toContain('NIK_BAD_PROVINCE');
    }
    for (const pp of ['00', '10', '20', '22', '30', '37', '50', '54', '97', '99']) {
      const r = validateNik(nik({ region: `${pp}0101`, day: 1, month: 1, yy: 90 }), {
        today: TODAY,
      });
      expect(r.valid).toBe(false);
      expect(r.reasons.map((x) => x.code)).toContain('NIK_BAD_PROVINCE');
    }
  });

  it('uses Kemendagri, not BPS, regency codes (94 is Papua Tengah; Kota Jayapura is 91.71)', () => {
    expect(PROVINCES['94']).toBe('Papua Tengah');
    expect(REGENCIES['9171']).toBe('Kota Jayapura');
    expect(REGENCIES['1101']).toBe('Kabupaten Aceh Selatan'); // BPS 1101 would be Simeulue
    expect(Object.keys(REGENCIES)).toHaveLength(514);
    // BPS-style Kota Jayapura (94.71) is not a Kemendagri code: only a warning, tables go stale.
    const r = validateNik(nik({ region: '947101', day: 1, month: 1, yy: 90 }), { today: TODAY });
    expect(r.valid).toBe(true);
    expect(codes(r)).toEqual(['WARNING:NIK_REGENCY_UNKNOWN']);
  });

  it('R-NIK-3: regency 00 and 70 are errors; codes retired by a province split are recognised', () => {
    expect(
      codes(validateNik(nik({ region: '320011', day: 1, month: 1, yy: 90 }), { today: TODAY })),
    ).toContain('ERROR:NIK_BAD_REGENCY');
    expect(
      codes(validateNik(nik({ region: '327011', day: 1, month: 1, yy: 90 }), { today: TODAY })),
    ).toContain('ERROR:NIK_BAD_REGENCY');
    // 91.01 Merauke moved to Papua Selatan (93.01) in 2022; NIKs issued before keep 9101.
    const moved = validateNik(nik({ region: '910101', day: 1, month: 1, yy: 90 }), {
      today: TODAY,
    });
    expect(moved.valid).toBe(true);
    expect(codes(moved)).toEqual(['INFO:NIK_REGENCY_MOVED']);
    expect(moved.parsed.regencyName).toBe('Kabupaten Merauke');
  });

  it('R-NIK-4: district 00 is an error', () => {
    expect(
      codes(validateNik(nik({ region: '320400', day: 1, month: 1, yy: 90 }), { today: TODAY })),
    ).toEqual(['ERROR:NIK_BAD_DISTRICT']);
  });

  it('R-NIK-5: day must be 01–31 (men) or 41–71 (women); 32–40, 72+ and 00 are errors', () => {
    for (const dd of [0, 32, 40, 72, 81, 99]) {
      const value = `320411${String(dd).padStart(2, '0')}0190 0001`.replace(' ', '');
      expect(codes(validateNik(value, { today: TODAY }))).toContain('ERROR:NIK_BAD_DAY');
    }
    expect(validateNik(nik({ day: 31, month: 1, yy: 90 }), { today: TODAY }).parsed.gender).toBe(
      'M',
    );
    expect(
      validateNik(nik({ day: 31, female: true, month: 1, yy: 90 }), { today: TODAY }).parsed.gender,
    ).toBe('F');
  });

  it('R-NIK-6: month 01–12 and a real calendar date, leap years included', () => {
    expect(codes(validateNik(nik({ day: 1, month: 13, yy: 90 }), { today: TODAY }))).toEqual([
      'ERROR:NIK_BAD_MONTH',
    ]);
    expect(codes(validateNik(nik({ day: 1, month: 0, yy: 90 }), { today: TODAY }))).toEqual([
      'ERROR:NIK_BAD_MONTH',
    ]);
    expect(codes(validateNik(nik({ day: 31, month: 4, yy: 90 }), { today: TODAY }))).toEqual([
      'ERROR:NIK_BAD_DATE',
    ]);
    expect(codes(validateNik(nik({ day: 29, month: 2, yy: 1 }), { today: TODAY }))).toEqual([
      'ERROR:NIK_BAD_DATE',
    ]); // 1901 and 2001: common years
    expect(validateNik(nik({ day: 29, month: 2, yy: 96 }), { today: TODAY }).parsed.birthDate).toBe(
      '1996-02-29',
    );
    // 29 Feb 00 exists only in 2000 (1900 was not a leap year): the date resolves to 2000.
    const feb29 = validateNik(nik({ day: 29, female: true, month: 2, yy: 0 }), { today: TODAY });
    expect(feb29.valid).toBe(true);
    expect(feb29.parsed.birthDate).toBe('2000-02-29');
  });

  it('R-NIK-7: century from the minimum age, not from "YY below this year"', () => {
    // Born 2005: 19 on the reference date, old enough for a KTP → 2005, not 1905.
    expect(validateNik(nik({ day: 6, month: 9, yy: 5 }), { today: TODAY }).parsed.birthDate).toBe(
      '2005-09-06',
    );
    // Born 25 → 1925 (a 100-year-old), because 2025 would be a baby holding a KTP.
    const old = validateNik(nik({ day: 1, month: 1, yy: 25 }), { today: TODAY });
    expect(old.parsed.birthDate).toBe('1925-01-01');
    expect(old.parsed.age).toBe(100);
    expect(codes(old)).toEqual([]);
    // For KK/KIA members (minAge 0) the same digits are a child born in 2025.
    expect(
      validateNik(nik({ day: 1, month: 1, yy: 25 }), { today: TODAY, minAge: 0 }).parsed.birthDate,
    ).toBe('2025-01-01');
  });

  it('R-NIK-7: warns when the holder would be over 100, and when a KTP holder is under 17', () => {
    // 2010 would make a 15-year-old KTP holder, so the rule reads 1910: a 115-year-old, which warns.
    const over = validateNik(nik({ day: 1, month: 1, yy: 10 }), { today: TODAY });
    expect(over.parsed.birthDate).toBe('1910-01-01');
    expect(codes(over)).toEqual(['WARNING:NIK_AGE_OVER_100']);
    expect(over.valid).toBe(true);
    expect(over.reasons[0]!.message).toContain('or 15 if born in 2010');
    // 29 Feb '00 exists only in 2000; in 2010 that holder is 10, under the KTP age.
    const young = validateNik(nik({ day: 29, month: 2, yy: 0 }), { today: new Date(2010, 5, 1) });
    expect(young.parsed.birthDate).toBe('2000-02-29');
    expect(codes(young)).toEqual(['WARNING:NIK_UNDER_MIN_AGE']);
  });

  it('R-NIK-8: serial 0000 is an error', () => {
    expect(
      codes(validateNik(nik({ day: 1, month: 1, yy: 90, serial: '0000' }), { today: TODAY })),
    ).toEqual(['ERROR:NIK_BAD_SERIAL']);
  });

  it('reports every independent error at once, and valid is false exactly when an ERROR is present', () => {
    const r = validateNik('5400007513990000', { today: TODAY });
    expect(r.reasons.map((x) => x.code).sort()).toEqual(
      [
        'NIK_BAD_DAY',
        'NIK_BAD_DISTRICT',
        'NIK_BAD_MONTH',
        'NIK_BAD_PROVINCE',
        'NIK_BAD_REGENCY',
        'NIK_BAD_SERIAL',
      ].sort(),
    );
    expect(r.valid).toBe(false);
    for (const x of r.reasons) expect(x.message.length).toBeGreaterThan(20);
  });

  it('does not repeat the npm nik-parser bugs (female day rollover, 19xx for 2005)', () => {
    const r = validateNik('3204115609970001', { today: TODAY });
    expect(r.parsed.gender).toBe('F');
    expect(r.parsed.birthDate).toBe('1997-09-16');
    expect(validateNik('3204110609050001', { today: TODAY }).parsed.birthDate).toBe('2005-09-06');
  });
});

describe('KK number rules (R-KK-1..4)', () => {
  it('accepts a well-formed number and reads the recording date', () => {
    const r = validateKk('3204111503180007', { today: TODAY });
    expect(r.valid).toBe(true);
    expect(r.parsed.recordedDate).toBe('2018-03-15');
  });
  it('R-KK-1/2: format and region rules are errors', () => {
    expect(validateKk('320411150318000', { today: TODAY }).valid).toBe(false);
    expect(validateKk('2004111503180007', { today: TODAY }).reasons.map((r) => r.code)).toContain(
      'KK_BAD_PROVINCE',
    );
  });
  it('R-KK-3/4: impossible recording date and serial 0000 only warn', () => {
    const r = validateKk('3204113202180000', { today: TODAY });
    expect(r.valid).toBe(true);
    expect(r.reasons.map((x) => `${x.severity}:${x.code}`)).toEqual([
      'WARNING:KK_BAD_DATE',
      'WARNING:KK_BAD_SERIAL',
    ]);
  });
});
