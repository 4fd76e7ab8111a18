/**
 * Vehicle frame number (nomor rangka, ISO 3779 VIN) as printed on BPKB/STNK (R-STNK-1).
 * The position-9 check digit is mandatory only in North America, so a mismatch is INFO here.
 */
import { makeResult, reason, type ValidateReason, type ValidateResult } from './types.ts';

const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** North-American check digit ('0'–'9' or 'X'). */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const v = /\d/.test(c) ? Number(c) : (TRANSLITERATION[c] ?? 0);
    sum += v * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function validateVin(input: string): ValidateResult {
  const reasons: ValidateReason[] = [];
  const upper = input.replace(/[\s-]/g, '').toUpperCase();
  // I and O never occur in a VIN, so they can only be misread 1 and 0 (R-STNK-1: in the VIN only).
  let vin = '';
  const repairs: { position: number; from: string; to: string }[] = [];
  for (let i = 0; i < upper.length; i++) {
    const c = upper[i]!;
    const to = c === 'O' ? '0' : c === 'I' ? '1' : c;
    if (to !== c) repairs.push({ position: i + 1, from: c, to });
    vin += to;
  }
  const parsed: Record<string, unknown> = { vin };
  if (repairs.length > 0) {
    parsed.repairs = repairs;
    reasons.push(
      reason(
        'VIN_LETTERS_REPAIRED',
        'INFO',
        `Letters that never occur in a frame number were read as digits: ${repairs.map((r) => `${r.from}→${r.to} at position ${r.position}`).join(', ')}.`,
      ),
    );
  }
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) {
    const detail =
      vin.length !== 17
        ? `it has ${vin.length} characters`
        : 'it contains Q or a character that is not a letter or digit';
    reasons.push(
      reason(
        'VIN_FORMAT',
        'ERROR',
        `A frame number (VIN) has 17 letters and digits without I, O or Q; ${detail}.`,
      ),
    );
    return makeResult('vin', input, reasons, parsed);
  }
  parsed.wmi = vin.slice(0, 3);
  parsed.vds = vin.slice(3, 9);
  parsed.vis = vin.slice(9, 17);
  const expected = vinCheckDigit(vin);
  parsed.checkDigitMatches = expected === vin[8];
  if (expected !== vin[8]) {
    reasons.push(
      reason(
        'VIN_CHECK_DIGIT',
        'INFO',
        `Position 9 is not the North-American check digit (${expected}); this is normal for vehicles made for other markets.`,
      ),
    );
  }
  return makeResult('vin', input, reasons, parsed);
}
