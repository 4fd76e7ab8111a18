/**
 * KK (Kartu Keluarga, family card) number rules R-KK-1..4 from domain-checks.md §2:
 * 6-digit region of issue + DDMMYY date the card was recorded + 4-digit family serial.
 * The date and serial rules are WARNINGs only: the sources describing them are secondary.
 */
import { compareYmd, formatYmd, isRealDate, toYmd } from './dates.ts';
import { checkRegion } from './region-rules.ts';
import {
  makeResult,
  reason,
  stripSeparators,
  type ValidateOptions,
  type ValidateReason,
  type ValidateResult,
} from './types.ts';

export function validateKk(input: string, options: ValidateOptions = {}): ValidateResult {
  const reasons: ValidateReason[] = [];
  const kk = stripSeparators(input);
  const parsed: Record<string, unknown> = { kk };
  if (!/^\d{16}$/.test(kk)) {
    const detail = /^\d+$/.test(kk)
      ? `it has ${kk.length} digits`
      : 'it contains characters other than digits';
    reasons.push(
      reason('KK_FORMAT', 'ERROR', `A KK (family card) number has exactly 16 digits; ${detail}.`),
    );
    return makeResult('kk', input, reasons, parsed);
  }
  Object.assign(parsed, checkRegion(kk, 'KK number', 'KK', reasons));

  const d = Number(kk.slice(6, 8));
  const m = Number(kk.slice(8, 10));
  const yy = Number(kk.slice(10, 12));
  const ref = toYmd(options.today ?? new Date());
  const recent = { y: 2000 + yy, m, d };
  const older = { y: 1900 + yy, m, d };
  const pick =
    isRealDate(recent.y, m, d) && compareYmd(recent, ref) <= 0
      ? recent
      : isRealDate(older.y, m, d)
        ? older
        : null;
  if (!pick) {
    reasons.push(
      reason(
        'KK_BAD_DATE',
        'WARNING',
        `Digits 7–12 of the KK number (${kk.slice(6, 12)}) should be the date the card was recorded (DDMMYY), but that date does not exist.`,
      ),
    );
  } else {
    parsed.recordedDate = formatYmd(pick);
  }
  parsed.serial = kk.slice(12, 16);
  if (parsed.serial === '0000') {
    reasons.push(
      reason(
        'KK_BAD_SERIAL',
        'WARNING',
        'The last four digits of the KK number are 0000; family serials start at 0001.',
      ),
    );
  }
  return makeResult('kk', input, reasons, parsed);
}
