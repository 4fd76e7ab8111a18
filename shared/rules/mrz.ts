/**
 * ICAO 9303 machine-readable zones: TD1 (3×30, ID cards), TD2 (2×36), TD3 (2×44, passports) and the
 * visa forms MRV-A/MRV-B (no composite check digit). Rules R-MRZ-0..4 from domain-checks.md §3.
 * Column ranges below are 0-based and end-exclusive, as in the reference tables.
 */
import { compareYmd, formatYmd, isRealDate, toYmd, type Ymd } from './dates.ts';
import { MRZ_STATE_CODES, SPECIMEN_STATE_CODES } from './data/icao-states.ts';
import { validateNik } from './nik.ts';
import {
  makeResult,
  reason,
  type ValidateOptions,
  type ValidateReason,
  type ValidateResult,
} from './types.ts';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

const WEIGHTS = [7, 3, 1];

export function mrzCharValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return 0; // filler '<'
}

/** ICAO check digit: Σ value × (7,3,1 repeating) mod 10. */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += mrzCharValue(field[i]!) * WEIGHTS[i % 3]!;
  return sum % 10;
}

/** Lines separated by newlines or '|' (the CLI form), surrounding blanks ignored. */
export function splitMrzLines(input: string): string[] {
  return input
    .split(/\r?\n|\|/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function detectMrzFormat(lines: readonly string[]): MrzFormat | null {
  const lengths = lines.map((l) => l.length);
  const visa = lines[0]?.startsWith('V') ?? false;
  if (lines.length === 3 && lengths.every((n) => n === 30)) return 'TD1';
  if (lines.length === 2 && lengths.every((n) => n === 36)) return visa ? 'MRVB' : 'TD2';
  if (lines.length === 2 && lengths.every((n) => n === 44)) return visa ? 'MRVA' : 'TD3';
  return null;
}

interface Layout {
  docNumber: [line: number, start: number, end: number];
  docCheck: [number, number];
  /** Where a TD1/TD2 document number longer than 9 characters continues. */
  overflow?: [line: number, start: number, end: number];
  birth: [number, number];
  birthCheck: [number, number];
  sex: [number, number];
  expiry: [number, number];
  expiryCheck: [number, number];
  nationality: [number, number];
  state: [number, number];
  name: [line: number, start: number];
  optional: [line: number, start: number, end: number][];
  /** TD3 personal number with its own check digit. */
  personal?: { field: [number, number, number]; check: [number, number] };
  composite?: { parts: [line: number, start: number, end: number][]; check: [number, number] };
}

const LAYOUTS: Record<MrzFormat, Layout> = {
  TD3: {
    docNumber: [1, 0, 9],
    docCheck: [1, 9],
    birth: [1, 13],
    birthCheck: [1, 19],
    sex: [1, 20],
    expiry: [1, 21],
    expiryCheck: [1, 27],
    nationality: [1, 10],
    state: [0, 2],
    name: [0, 5],
    optional: [[1, 28, 42]],
    personal: { field: [1, 28, 42], check: [1, 42] },
    composite: {
      parts: [
        [1, 0, 10],
        [1, 13, 20],
        [1, 21, 43],
      ],
      check: [1, 43],
    },
  },
  TD2: {
    docNumber: [1, 0, 9],
    docCheck: [1, 9],
    overflow: [1, 28, 35],
    birth: [1, 13],
    birthCheck: [1, 19],
    sex: [1, 20],
    expiry: [1, 21],
    expiryCheck: [1, 27],
    nationality: [1, 10],
    state: [0, 2],
    name: [0, 5],
    optional: [[1, 28, 35]],
    composite: {
      parts: [
        [1, 0, 10],
        [1, 13, 20],
        [1, 21, 35],
      ],
      check: [1, 35],
    },
  },
  TD1: {
    docNumber: [0, 5, 14],
    docCheck: [0, 14],
    overflow: [0, 15, 30],
    birth: [1, 0],
    birthCheck: [1, 6],
    sex: [1, 7],
    expiry: [1, 8],
    expiryCheck: [1, 14],
    nationality: [1, 15],
    state: [0, 2],
    name: [2, 0],
    optional: [
      [0, 15, 30],
      [1, 18, 29],
    ],
    composite: {
      parts: [
        [0, 5, 30],
        [1, 0, 7],
        [1, 8, 15],
        [1, 18, 29],
      ],
      check: [1, 29],
    },
  },
  MRVA: {
    docNumber: [1, 0, 9],
    docCheck: [1, 9],
    birth: [1, 13],
    birthCheck: [1, 19],
    sex: [1, 20],
    expiry: [1, 21],
    expiryCheck: [1, 27],
    nationality: [1, 10],
    state: [0, 2],
    name: [0, 5],
    optional: [[1, 28, 44]],
  },
  MRVB: {
    docNumber: [1, 0, 9],
    docCheck: [1, 9],
    birth: [1, 13],
    birthCheck: [1, 19],
    sex: [1, 20],
    expiry: [1, 21],
    expiryCheck: [1, 27],
    nationality: [1, 10],
    state: [0, 2],
    name: [0, 5],
    optional: [[1, 28, 36]],
  },
};

const FIELD_LABEL = {
  documentNumber: 'document number',
  birthDate: 'date of birth',
  expiryDate: 'expiry date',
  personalNumber: 'personal number',
  composite: 'whole line (composite)',
} as const;

export function validateMrz(input: string, options: ValidateOptions = {}): ValidateResult {
  const reasons: ValidateReason[] = [];
  const lines = splitMrzLines(input);
  const parsed: Record<string, unknown> = { lines };

  const bad = lines.flatMap((l, i) =>
    [...l].flatMap((c, j) =>
      /[A-Z0-9<]/.test(c) ? [] : [`'${c}' at line ${i + 1}, position ${j + 1}`],
    ),
  );
  if (bad.length > 0) {
    reasons.push(
      reason(
        'MRZ_BAD_CHARACTER',
        'ERROR',
        `The MRZ may contain only capital letters, digits and '<'; found ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}.`,
      ),
    );
    return makeResult('mrz', input, reasons, parsed);
  }
  const format = detectMrzFormat(lines);
  if (!format) {
    reasons.push(
      reason(
        'MRZ_FORMAT',
        'ERROR',
        `An MRZ has 2 lines of 44 (passport), 2 of 36, or 3 of 30 characters; this one has ${lines.length} line(s) of ${lines.map((l) => l.length).join('/')} characters.`,
      ),
    );
    return makeResult('mrz', input, reasons, parsed);
  }
  parsed.format = format;
  const L = LAYOUTS[format];
  const at = (line: number, start: number, end: number): string => lines[line]!.slice(start, end);
  const ch = (pos: [number, number]): string => lines[pos[0]]![pos[1]]!;

  parsed.documentCode = at(0, 0, 2).replace(/<+$/, '');
  const state = at(L.state[0], L.state[1], L.state[1] + 3);
  const nationality = at(L.nationality[0], L.nationality[1], L.nationality[1] + 3);
  parsed.issuingState = state.replace(/<+$/, '');
  parsed.nationality = nationality.replace(/<+$/, '');

  // Document number, possibly continued in the optional data (TD1/TD2 long numbers).
  let docNumber = at(...L.docNumber);
  let docCheckChar = ch(L.docCheck);
  if (docCheckChar === '<' && L.overflow) {
    const rest = at(...L.overflow);
    const end = rest.indexOf('<');
    if (end > 0) {
      docNumber += rest.slice(0, end - 1);
      docCheckChar = rest[end - 1]!;
      parsed.longDocumentNumber = true;
    }
  }
  parsed.documentNumber = docNumber.replace(/<+$/, '');
  const checks: Record<string, boolean> = {};
  const checkField = (
    key: keyof typeof FIELD_LABEL,
    value: string,
    digit: string,
    fillerAllowed: boolean,
  ): void => {
    if (fillerAllowed && digit === '<' && /^<*$/.test(value)) {
      checks[key] = true;
      return;
    }
    const ok = /\d/.test(digit) && Number(digit) === mrzCheckDigit(value);
    checks[key] = ok;
    if (!ok) {
      reasons.push(
        reason(
          'MRZ_CHECK_DIGIT',
          'ERROR',
          /\d/.test(digit)
            ? `The check digit of the ${FIELD_LABEL[key]} is ${digit} but should be ${mrzCheckDigit(value)}: a character was misread or altered.`
            : `The check digit of the ${FIELD_LABEL[key]} is '${digit}', not a digit.`,
        ),
      );
    }
  };
  checkField('documentNumber', docNumber, docCheckChar, false);
  const birthRaw = at(L.birth[0], L.birth[1], L.birth[1] + 6);
  const expiryRaw = at(L.expiry[0], L.expiry[1], L.expiry[1] + 6);
  checkField('birthDate', birthRaw, ch(L.birthCheck), false);
  checkField('expiryDate', expiryRaw, ch(L.expiryCheck), false);
  if (L.personal) {
    const personal = at(...L.personal.field);
    parsed.personalNumber = personal.replace(/<+$/, '').replace(/</g, ' ');
    checkField('personalNumber', personal, ch(L.personal.check), true);
  }
  if (L.composite) {
    checkField(
      'composite',
      L.composite.parts.map((p) => at(...p)).join(''),
      ch(L.composite.check),
      false,
    );
  }
  parsed.checkDigits = checks;
  parsed.optionalData = L.optional
    .map((o, i) => {
      const raw = at(...o);
      // The first optional field of a long-number document starts with the number's overflow.
      return i === 0 && parsed.longDocumentNumber ? raw.slice(raw.indexOf('<') + 1) : raw;
    })
    .map((s) => s.replace(/<+$/, '').replace(/^<+/, '').replace(/</g, ' '))
    .filter((s) => s.length > 0);

  // R-MRZ-2: real dates; birth not after today; expiry in the past only warns.
  const ref = toYmd(options.today ?? new Date());
  const birth = mrzDate(birthRaw, (yy) => (2000 + yy > ref.y ? 1900 + yy : 2000 + yy));
  if (birth === 'partial') {
    reasons.push(
      reason(
        'MRZ_BIRTH_DATE_PARTIAL',
        'INFO',
        'Part of the date of birth is unknown (filled with <) on this document.',
      ),
    );
  } else if (!birth) {
    reasons.push(
      reason('MRZ_BAD_DATE', 'ERROR', `The date of birth ${birthRaw} (YYMMDD) does not exist.`),
    );
  } else {
    parsed.birthDate = formatYmd(birth);
    if (compareYmd(birth, ref) > 0)
      reasons.push(
        reason(
          'MRZ_BIRTH_IN_FUTURE',
          'ERROR',
          `The date of birth ${formatYmd(birth)} is in the future.`,
        ),
      );
  }
  const expiry = mrzDate(expiryRaw, (yy) => 2000 + yy);
  if (expiry === 'partial' || !expiry) {
    reasons.push(
      reason('MRZ_BAD_DATE', 'ERROR', `The expiry date ${expiryRaw} (YYMMDD) does not exist.`),
    );
  } else {
    parsed.expiryDate = formatYmd(expiry);
    if (compareYmd(expiry, ref) < 0) {
      reasons.push(
        reason('MRZ_EXPIRED', 'WARNING', `The document expired on ${formatYmd(expiry)}.`),
      );
    }
  }

  // R-MRZ-3: state codes.
  for (const [label, code] of [
    ['issuing state', state],
    ['nationality', nationality],
  ] as const) {
    const c = code.replace(/<+$/, '');
    if (SPECIMEN_STATE_CODES.has(c)) {
      reasons.push(
        reason(
          'MRZ_SPECIMEN',
          'ERROR',
          `The ${label} is ${c}, the code used on specimen (sample) documents; this is not a real document.`,
        ),
      );
    } else if (!MRZ_STATE_CODES.has(c)) {
      reasons.push(
        reason(
          'MRZ_UNKNOWN_STATE',
          'WARNING',
          `The ${label} code ${code} is not a known country code.`,
        ),
      );
    }
  }

  // R-MRZ-4: sex.
  const sex = ch(L.sex);
  parsed.sex = sex === '<' ? null : sex;
  if (sex === 'X') {
    reasons.push(
      reason('MRZ_SEX_X', 'WARNING', 'Sex is given as X (unspecified); some providers reject it.'),
    );
  } else if (!['M', 'F', '<'].includes(sex)) {
    reasons.push(
      reason('MRZ_BAD_SEX', 'ERROR', `The sex field is '${sex}'; it must be M, F or <.`),
    );
  }

  const nameField = lines[L.name[0]]!.slice(L.name[1]);
  const [surname = '', given = ''] = nameField.split('<<');
  parsed.surname = surname.replace(/</g, ' ').trim();
  parsed.givenNames = given.replace(/</g, ' ').trim();
  if (/\d/.test(nameField)) {
    reasons.push(reason('MRZ_NAME_DIGITS', 'ERROR', 'The name field of the MRZ contains digits.'));
  }

  // R-MRZ-5 (last bullet): a 16-digit personal number is probably a NIK; check it, but only warn.
  const personal = typeof parsed.personalNumber === 'string' ? parsed.personalNumber : '';
  if (/^\d{16}$/.test(personal)) {
    const nik = validateNik(personal, { ...options, minAge: 0 });
    parsed.nik = personal;
    for (const r of nik.reasons) {
      reasons.push({
        ...r,
        severity: r.severity === 'ERROR' ? 'WARNING' : r.severity,
        message: `Personal number as NIK: ${r.message}`,
      });
    }
  }
  return makeResult('mrz', input, reasons, parsed);
}

function mrzDate(raw: string, century: (yy: number) => number): Ymd | 'partial' | null {
  if (raw.includes('<')) return /^[\d<]{6}$/.test(raw) ? 'partial' : null;
  if (!/^\d{6}$/.test(raw)) return null;
  const yy = Number(raw.slice(0, 2));
  const m = Number(raw.slice(2, 4));
  const d = Number(raw.slice(4, 6));
  const y = century(yy);
  return isRealDate(y, m, d) ? { y, m, d } : null;
}
