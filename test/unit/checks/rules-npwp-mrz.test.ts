import { describe, expect, it } from 'vitest';
import {
  repairMrzLines,
  repairNik,
  validateIdNumber,
  validateLandCertificate,
  validateMrz,
  validateNpwp,
  validateVin,
} from '../../../shared/rules/index.ts';

const TODAY = new Date(2025, 5, 15);

// Independent implementations of the two check-digit algorithms, written from their definitions
// (domain-checks.md §2 and §3.1) so that the vectors below are not produced by the code under test.
function luhnDigitFor(payload: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = payload + d;
    let sum = 0;
    [...s].reverse().forEach((c, i) => {
      const n = Number(c) * (i % 2 === 1 ? 2 : 1);
      sum += n > 9 ? n - 9 : n;
    });
    if (sum % 10 === 0) return String(d);
  }
  throw new Error('unreachable');
}

function icao(field: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...field].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

describe('NPWP rules (R-NPWP-1..4)', () => {
  const body = '01855081'; // type 01, serial 855081
  const npwp15 = `${body}${luhnDigitFor(body)}412000`;

  it('R-NPWP-1: 15 digits with a valid Luhn check digit over digits 1–9', () => {
    const r = validateNpwp(
      `${npwp15.slice(0, 2)}.${npwp15.slice(2, 5)}.${npwp15.slice(5, 8)}.${npwp15[8]}-${npwp15.slice(9, 12)}.${npwp15.slice(12)}`,
    );
    expect(r.valid).toBe(true);
    expect(r.parsed).toMatchObject({
      format: 'legacy15',
      taxpayerType: '01',
      serial: '855081',
      taxOffice: '412',
      branch: '000',
    });
  });

  it('R-NPWP-1: every wrong check digit is an error', () => {
    const good = Number(npwp15[8]);
    for (let d = 0; d <= 9; d++) {
      if (d === good) continue;
      const r = validateNpwp(`${body}${d}412000`);
      expect(r.valid).toBe(false);
      expect(r.reasons.map((x) => x.code)).toEqual(['NPWP_CHECK_DIGIT']);
    }
  });

  it('R-NPWP-2: serial 000000 is an error even with a matching check digit', () => {
    const zero = '01000000';
    const r = validateNpwp(`${zero}${luhnDigitFor(zero)}412000`);
    expect(r.reasons.map((x) => x.code)).toEqual(['NPWP_BAD_SERIAL']);
  });

  it('R-NPWP-3: 16 digits with a leading 0 use the same check digit', () => {
    const r = validateNpwp(`0${npwp15}`);
    expect(r.valid).toBe(true);
    expect(r.parsed.format).toBe('legacy16');
    expect(validateNpwp(`0${body}${(Number(npwp15[8]) + 1) % 10}412000`).valid).toBe(false);
  });

  it('R-NPWP-4: 16 digits not starting with 0 are a NIK and follow the NIK rules', () => {
    const asNik = validateNpwp('3204115609970001', { today: TODAY });
    expect(asNik.valid).toBe(true);
    expect(asNik.parsed).toMatchObject({ format: 'nik', gender: 'F', birthDate: '1997-09-16' });
    expect(asNik.reasons.map((x) => x.code)).toEqual(['NPWP_IS_NIK']);
    const bad = validateNpwp('3204119909970001', { today: TODAY });
    expect(bad.valid).toBe(false);
    expect(bad.reasons.map((x) => x.code)).toContain('NIK_BAD_DAY');
  });

  it('rejects other lengths and non-digits', () => {
    expect(validateNpwp('1234567890').valid).toBe(false);
    expect(validateNpwp('01855081A412000').valid).toBe(false);
  });
});

describe('MRZ (ICAO 9303, R-MRZ-0..4)', () => {
  it('check digits match the worked examples of §3.1', () => {
    expect(icao('L898902C3')).toBe('6');
    expect(icao('740812')).toBe('2');
    expect(icao('ZE184226B<<<<<')).toBe('1');
  });

  /** An Indonesian passport MRZ (TD3) assembled field by field with computed check digits. */
  function td3(
    o: {
      doc?: string;
      birth?: string;
      sex?: string;
      expiry?: string;
      personal?: string;
      nat?: string;
    } = {},
  ): string[] {
    const doc = (o.doc ?? 'C1234567').padEnd(9, '<');
    const birth = o.birth ?? '900521';
    const expiry = o.expiry ?? '300101';
    const personal = (o.personal ?? '').padEnd(14, '<');
    const nat = o.nat ?? 'IDN';
    const l1 = `P<IDNSANTOSO<<BUDI<<<<<<<<<<<<<<<<<<<<<<<<<<<`.slice(0, 44);
    const personalCd = /^<+$/.test(personal) ? '<' : icao(personal);
    const l2head = `${doc}${icao(doc)}${nat}${birth}${icao(birth)}${o.sex ?? 'M'}${expiry}${icao(expiry)}${personal}${personalCd}`;
    const composite = icao(
      `${doc}${icao(doc)}${birth}${icao(birth)}${expiry}${icao(expiry)}${personal}${personalCd}`,
    );
    return [l1, l2head + composite];
  }

  it('TD3: a constructed passport MRZ validates and parses (lines joined by | or newline)', () => {
    const lines = td3();
    expect(lines[1]).toHaveLength(44);
    for (const input of [lines.join('|'), lines.join('\n'), `  ${lines.join('\r\n')}  `]) {
      const r = validateMrz(input, { today: TODAY });
      expect(r.reasons).toEqual([]);
      expect(r.valid).toBe(true);
      expect(r.parsed).toMatchObject({
        format: 'TD3',
        documentNumber: 'C1234567',
        nationality: 'IDN',
        issuingState: 'IDN',
        birthDate: '1990-05-21',
        expiryDate: '2030-01-01',
        sex: 'M',
        surname: 'SANTOSO',
        givenNames: 'BUDI',
      });
    }
  });

  it('R-MRZ-1: a changed character in any checked field breaks its check digit and the composite', () => {
    const [l1, l2] = td3();
    const altered = `${l2!.slice(0, 14)}${l2![14] === '9' ? '8' : '9'}${l2!.slice(15)}`; // birth year digit
    const r = validateMrz(`${l1}\n${altered}`, { today: TODAY });
    expect(r.valid).toBe(false);
    expect(r.parsed.checkDigits).toMatchObject({
      birthDate: false,
      composite: false,
      documentNumber: true,
    });
  });

  it('R-MRZ-1: the composite catches an edit to the unchecked personal-number filler', () => {
    const [l1, l2] = td3({ personal: 'AB12' });
    const personalCd = l2![42];
    // Change a personal-number character and recompute its own check digit: only the composite notices.
    const personal = 'AB13'.padEnd(14, '<');
    const edited = `${l2!.slice(0, 28)}${personal}${icao(personal)}${l2![43]}`;
    expect(personalCd).not.toBe(icao(personal));
    const r = validateMrz(`${l1}\n${edited}`, { today: TODAY });
    expect(r.parsed.checkDigits).toMatchObject({ personalNumber: true, composite: false });
  });

  it('R-MRZ-2: impossible dates are errors, expiry in the past only warns, birth in the future is an error', () => {
    expect(
      validateMrz(td3({ birth: '901321' }).join('\n'), { today: TODAY }).reasons.map((r) => r.code),
    ).toContain('MRZ_BAD_DATE');
    const expired = validateMrz(td3({ expiry: '200101' }).join('\n'), { today: TODAY });
    expect(expired.valid).toBe(true);
    expect(expired.reasons.map((r) => `${r.severity}:${r.code}`)).toEqual(['WARNING:MRZ_EXPIRED']);
    // DOB century: 19YY if 20YY is after the reference date, so '300101' is 1930, never 2030.
    expect(
      validateMrz(td3({ birth: '300101' }).join('\n'), { today: TODAY }).parsed.birthDate,
    ).toBe('1930-01-01');
  });

  it('R-MRZ-3: specimen state UTO is an error; an unknown code only warns', () => {
    expect(
      validateMrz(td3({ nat: 'UTO' }).join('\n'), { today: TODAY }).reasons.map((r) => r.code),
    ).toContain('MRZ_SPECIMEN');
    const unknown = validateMrz(td3({ nat: 'QQQ' }).join('\n'), { today: TODAY });
    expect(unknown.valid).toBe(true);
    expect(unknown.reasons.map((r) => r.code)).toEqual(['MRZ_UNKNOWN_STATE']);
  });

  it('R-MRZ-4: sex X warns, anything but M/F/< is an error', () => {
    expect(
      validateMrz(td3({ sex: 'X' }).join('\n'), { today: TODAY }).reasons.map(
        (r) => `${r.severity}:${r.code}`,
      ),
    ).toEqual(['WARNING:MRZ_SEX_X']);
    expect(validateMrz(td3({ sex: 'Q' }).join('\n'), { today: TODAY }).valid).toBe(false);
  });

  it('R-MRZ-0: only A–Z, 0–9 and < are allowed; wrong line lengths are a format error', () => {
    const [l1, l2] = td3();
    expect(validateMrz(`${l1}\n${l2!.toLowerCase()}`).reasons.map((r) => r.code)).toEqual([
      'MRZ_BAD_CHARACTER',
    ]);
    expect(validateMrz(`${l1}\n${l2!.slice(0, 40)}`).reasons.map((r) => r.code)).toEqual([
      'MRZ_FORMAT',
    ]);
  });

  it('TD1 with a long document number continued in the optional data (§3.2)', () => {
    const number = 'D23145890734';
    const l1 = `I<NLD${number.slice(0, 9)}<${number.slice(9)}${icao(number)}<`.padEnd(30, '<');
    const birth = '850712';
    const expiry = '310712';
    const head = `${birth}${icao(birth)}F${expiry}${icao(expiry)}NLD`;
    const optional = '<'.repeat(11);
    const composite = icao(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + optional);
    const l2 = `${head}${optional}${composite}`;
    const l3 = 'DE<BRUIJN<<WILLEKE<LISELOTTE<<';
    expect([l1.length, l2.length, l3.length]).toEqual([30, 30, 30]);
    const r = validateMrz([l1, l2, l3].join('|'), { today: TODAY });
    expect(r.reasons).toEqual([]);
    expect(r.parsed).toMatchObject({
      format: 'TD1',
      documentNumber: number,
      longDocumentNumber: true,
      birthDate: '1985-07-12',
      sex: 'F',
      surname: 'DE BRUIJN',
    });
  });

  it('TD2: 2 × 36 with its composite', () => {
    const doc = 'A12345678';
    const birth = '751231';
    const expiry = '280615';
    const optional = '<'.repeat(7);
    const body = `${doc}${icao(doc)}IDN${birth}${icao(birth)}M${expiry}${icao(expiry)}${optional}`;
    const composite = icao(
      `${doc}${icao(doc)}${birth}${icao(birth)}${expiry}${icao(expiry)}${optional}`,
    );
    const l1 = 'I<IDNWIJAYA<<ANDI<<<<<<<<<<<<<<<<<<<';
    const r = validateMrz(`${l1}\n${body}${composite}`, { today: TODAY });
    expect(r.parsed.format).toBe('TD2');
    expect(r.valid).toBe(true);
    const broken = validateMrz(`${l1}\n${body}${(Number(composite) + 1) % 10}`, { today: TODAY });
    expect(broken.parsed.checkDigits).toMatchObject({ composite: false });
  });

  it('OCR repair: letters fixed only at digit positions, digits fixed only at letter positions, each recorded', () => {
    const [l1, l2] = td3();
    const misread = `${l2!.slice(0, 13)}9OO521${l2!.slice(19)}`.replace('IDN', '1DN');
    const { lines, repairs } = repairMrzLines([l1!, misread]);
    expect(lines[1]).toBe(l2);
    expect(repairs).toHaveLength(3);
    expect(repairs).toEqual(
      expect.arrayContaining([
        { position: 15, from: 'O', to: '0', line: 2 },
        { position: 16, from: 'O', to: '0', line: 2 },
        { position: 11, from: '1', to: 'I', line: 2 },
      ]),
    );
    expect(validateMrz(lines.join('\n'), { today: TODAY }).valid).toBe(true);
    // The document number is alphanumeric: an O there is left alone.
    const docO = repairMrzLines([l1!, `C1O34567<${l2!.slice(9)}`]);
    expect(docO.lines[1]!.slice(0, 9)).toBe('C1O34567<');
  });
});

describe('other document numbers', () => {
  it('NIK OCR repair maps O/I/S/B only when all 16 positions must be digits', () => {
    expect(repairNik('32O4 1156 O997 OOO1')).toEqual({
      value: '3204115609970001',
      repairs: [
        { position: 3, from: 'O', to: '0' },
        { position: 9, from: 'O', to: '0' },
        { position: 13, from: 'O', to: '0' },
        { position: 14, from: 'O', to: '0' },
        { position: 15, from: 'O', to: '0' },
      ],
    });
    expect(repairNik('NAMA SITI').repairs).toEqual([]);
  });

  it('VIN (R-STNK-1): I/O read as 1/0 and recorded; Q or a wrong length is an error; check digit informs only', () => {
    const vin = validateVin('MHKA4DB3JKJ012345');
    expect(vin.valid).toBe(true);
    const repaired = validateVin('MHKA4DB3JKJO12345');
    expect(repaired.parsed.vin).toBe('MHKA4DB3JKJ012345');
    expect(repaired.reasons.map((r) => r.code)).toContain('VIN_LETTERS_REPAIRED');
    expect(validateVin('MHKA4DB3JKJQ12345').valid).toBe(false);
    expect(validateVin('MHKA4DB3JKJ01234').valid).toBe(false);
    expect(validateIdNumber('vin', '1M8GDM9AXKP042788').parsed.checkDigitMatches).toBe(true); // the classic NA example
  });

  it('land certificate (R-LAND-1/2): 14 digits with optional dots; non-Hak-Milik type informs', () => {
    const r = validateLandCertificate('10.05.07.01.1.00312');
    expect(r.valid).toBe(true);
    expect(r.parsed).toMatchObject({
      rightType: '1',
      rightTypeName: 'Hak Milik',
      rightNumber: '00312',
    });
    expect(
      validateLandCertificate('10050701300312').reasons.map((x) => `${x.severity}:${x.code}`),
    ).toEqual(['INFO:LAND_CERT_RIGHT_TYPE']);
    expect(validateLandCertificate('1005070130031').valid).toBe(false);
  });
});
