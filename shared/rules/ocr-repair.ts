/**
 * OCR repair: letters that OCR confuses with digits (O/0, I/l/1, S/5, B/8, Z/2, G/6, …), fixed only
 * at positions that must hold a digit (domain-checks.md P5), and every substitution recorded so a
 * person can see what was changed. Re-run the rules on the repaired value afterwards.
 */
import { detectMrzFormat, type MrzFormat } from './mrz.ts';

export interface OcrRepair {
  /** 1-based position in the repaired value (for MRZ: in its line). */
  position: number;
  from: string;
  to: string;
  line?: number;
}

export interface Repaired {
  value: string;
  repairs: OcrRepair[];
}

const TO_DIGIT: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  U: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  '!': '1',
  L: '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  G: '6',
  b: '6',
  T: '7',
  B: '8',
  g: '9',
  q: '9',
};

const TO_LETTER: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '5': 'S',
  '6': 'G',
  '8': 'B',
};

/** Replaces confusable letters with digits wherever `mustBeDigit(i)` holds. */
export function repairDigitsAt(value: string, mustBeDigit: (index: number) => boolean): Repaired {
  const repairs: OcrRepair[] = [];
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const to = mustBeDigit(i) && !/\d/.test(c) ? TO_DIGIT[c] : undefined;
    if (to) repairs.push({ position: i + 1, from: c, to });
    out += to ?? c;
  }
  return { value: out, repairs };
}

function repairLettersAt(value: string, mustBeLetter: (index: number) => boolean): Repaired {
  const repairs: OcrRepair[] = [];
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const to = mustBeLetter(i) ? TO_LETTER[c] : undefined;
    if (to) repairs.push({ position: i + 1, from: c, to });
    out += to ?? c;
  }
  return { value: out, repairs };
}

/**
 * A NIK as OCR read it: separators dropped, then, if exactly 16 characters remain, every position
 * must be a digit, so confusable letters are repaired. Anything else is returned unchanged (the
 * NIK rules will then explain what is wrong).
 */
export function repairNik(raw: string): Repaired {
  const compact = raw.replace(/[\s.\-:]/g, '');
  if (compact.length !== 16) return { value: compact, repairs: [] };
  return repairDigitsAt(compact, () => true);
}

/** Positions (0-based, per line) that hold digits or letters only, per MRZ format. */
function mrzPositions(format: MrzFormat): {
  digits: [number, number, number][];
  letters: [number, number, number][];
} {
  switch (format) {
    case 'TD1':
      return {
        // birth date+check, expiry date+check, composite
        digits: [
          [1, 0, 7],
          [1, 8, 15],
          [1, 29, 30],
        ],
        letters: [
          [0, 2, 5],
          [1, 15, 18],
          [1, 7, 8],
          [2, 0, 30],
        ],
      };
    case 'TD2':
    case 'MRVB':
      return {
        digits: [
          [1, 9, 10],
          [1, 13, 20],
          [1, 21, 28],
          ...(format === 'TD2' ? ([[1, 35, 36]] as [number, number, number][]) : []),
        ],
        letters: [
          [0, 2, 36],
          [1, 10, 13],
          [1, 20, 21],
        ],
      };
    case 'TD3':
    case 'MRVA':
      return {
        digits: [
          [1, 9, 10],
          [1, 13, 20],
          [1, 21, 28],
          ...(format === 'TD3' ? ([[1, 42, 44]] as [number, number, number][]) : []),
        ],
        letters: [
          [0, 2, 44],
          [1, 10, 13],
          [1, 20, 21],
        ],
      };
  }
}

/**
 * MRZ lines as OCR read them: common filler misreads normalised ('«' → '<<', spaces dropped), then
 * letters repaired to digits in date/check-digit positions and digits to letters in state, sex and
 * name positions. The document number and optional data are alphanumeric and never touched.
 */
export function repairMrzLines(lines: readonly string[]): {
  lines: string[];
  repairs: OcrRepair[];
} {
  const cleaned = lines.map((l) => l.replace(/«/g, '<<').replace(/\s+/g, '').toUpperCase());
  const format = detectMrzFormat(cleaned);
  if (!format) return { lines: cleaned, repairs: [] };
  const { digits, letters } = mrzPositions(format);
  const repairs: OcrRepair[] = [];
  const nameLine = format === 'TD1' ? 2 : 0;
  const nameStart = format === 'TD1' ? 0 : 5;
  const out = cleaned.map((raw, li) => {
    const line = li === nameLine ? repairTrailingFillers(raw, nameStart, li, repairs) : raw;
    const d = repairDigitsAt(line, (i) => digits.some(([l, s, e]) => l === li && i >= s && i < e));
    const a = repairLettersAt(d.value, (i) =>
      letters.some(([l, s, e]) => l === li && i >= s && i < e),
    );
    repairs.push(...[...d.repairs, ...a.repairs].map((r) => ({ ...r, line: li + 1 })));
    return a.value;
  });
  return { lines: out, repairs };
}

/**
 * OCR often reads the run of '<' fillers that pads a name as K, L, C or '('. Once a name field
 * has reached three fillers in a row, only more fillers can follow, so those letters are fillers.
 */
function repairTrailingFillers(
  line: string,
  start: number,
  lineIndex: number,
  repairs: OcrRepair[],
): string {
  const run = line.indexOf('<<<', start);
  if (run < 0) return line;
  let out = line.slice(0, run);
  for (let i = run; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '<' && /[KLC(]/.test(c)) {
      repairs.push({ position: i + 1, from: c, to: '<', line: lineIndex + 1 });
      out += '<';
    } else {
      out += c;
    }
  }
  return out;
}

export function describeRepairs(repairs: readonly OcrRepair[]): string {
  return repairs
    .map((r) => `${r.from}→${r.to} at ${r.line ? `line ${r.line}, ` : ''}position ${r.position}`)
    .join(', ');
}
