/**
 * NIK (Nomor Induk Kependudukan) rules R-NIK-0..8 from domain-checks.md §1.
 *
 * Deliberately not like the popular npm parser: the day is checked before subtracting 40 for women,
 * the date must exist in the real calendar, serial 0000 is rejected, and the century comes from a
 * minimum age instead of "YY below this year means 20YY".
 */
import { ageOn, compareYmd, formatYmd, isRealDate, minusYears, toYmd, type Ymd } from './dates.ts';
import { checkRegion } from './region-rules.ts';
import {
  makeResult,
  reason,
  stripSeparators,
  type ValidateOptions,
  type ValidateReason,
  type ValidateResult,
} from './types.ts';

/** KTP-el is issued from age 17 (or at marriage): UU 24/2013 Pasal 63(1). */
export const KTP_MIN_AGE = 17;
const MAX_PLAUSIBLE_AGE = 100;

export function validateNik(input: string, options: ValidateOptions = {}): ValidateResult {
  const reasons: ValidateReason[] = [];
  const nik = stripSeparators(input);
  const parsed: Record<string, unknown> = { nik };
  if (!/^\d{16}$/.test(nik)) {
    const detail = /^\d+$/.test(nik)
      ? `it has ${nik.length} digits`
      : 'it contains characters other than digits';
    reasons.push(reason('NIK_FORMAT', 'ERROR', `A NIK has exactly 16 digits; ${detail}.`));
    return makeResult('nik', input, reasons, parsed);
  }

  Object.assign(parsed, checkRegion(nik, 'NIK', 'NIK', reasons));

  const dd = Number(nik.slice(6, 8));
  const mm = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);
  parsed.serial = serial;

  const dayOk = (dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71);
  if (!dayOk) {
    reasons.push(
      reason(
        'NIK_BAD_DAY',
        'ERROR',
        `Digits 7–8 of the NIK are ${nik.slice(6, 8)}; they must be the day of birth (01–31 for men, 41–71 for women).`,
      ),
    );
  } else {
    parsed.gender = dd >= 41 ? 'F' : 'M';
  }
  if (mm < 1 || mm > 12) {
    reasons.push(
      reason(
        'NIK_BAD_MONTH',
        'ERROR',
        `Digits 9–10 of the NIK are ${nik.slice(8, 10)}; they must be the month of birth (01–12).`,
      ),
    );
  }
  if (dayOk && mm >= 1 && mm <= 12) {
    const day = dd >= 41 ? dd - 40 : dd;
    const ref = toYmd(options.today ?? new Date());
    const birth = resolveCentury(day, mm, yy, ref, options.minAge ?? KTP_MIN_AGE);
    if (!birth) {
      reasons.push(
        reason(
          'NIK_BAD_DATE',
          'ERROR',
          `The NIK encodes birth date ${String(day).padStart(2, '0')}-${String(mm).padStart(2, '0')}-..${String(yy).padStart(2, '0')}, which does not exist in the calendar.`,
        ),
      );
    } else {
      parsed.birthDate = formatYmd(birth);
      const age = ageOn(birth, ref);
      parsed.age = age;
      if (compareYmd(birth, ref) > 0) {
        reasons.push(
          reason(
            'NIK_BIRTH_IN_FUTURE',
            'ERROR',
            `The NIK's birth date ${formatYmd(birth)} is in the future.`,
          ),
        );
      } else if (age > MAX_PLAUSIBLE_AGE) {
        const younger = { ...birth, y: birth.y + 100 };
        const alt =
          compareYmd(younger, ref) <= 0
            ? ` (or ${ageOn(younger, ref)} if born in ${younger.y}, too young for a KTP)`
            : '';
        reasons.push(
          reason(
            'NIK_AGE_OVER_100',
            'WARNING',
            `The NIK gives birth date ${formatYmd(birth)}, so the holder would be ${age}${alt}. Check the year digits (11–12).`,
          ),
        );
      } else if (age < (options.minAge ?? KTP_MIN_AGE)) {
        reasons.push(
          reason(
            'NIK_UNDER_MIN_AGE',
            'WARNING',
            `The NIK gives birth date ${formatYmd(birth)}, so the holder is ${age}; a KTP is only issued from 17 or at marriage.`,
          ),
        );
      }
    }
  }
  if (serial === '0000') {
    reasons.push(
      reason(
        'NIK_BAD_SERIAL',
        'ERROR',
        'The last four digits of the NIK are 0000; serial numbers start at 0001.',
      ),
    );
  }
  return makeResult('nik', input, reasons, parsed);
}

/**
 * R-NIK-7: 20YY when that date is at least `minAge` years before `ref`, otherwise 19YY. When a
 * day/month exists in only one of the two centuries (29 February of '00: 2000 was a leap year,
 * 1900 was not), that century is used. Returns null when the date exists in neither.
 */
function resolveCentury(
  day: number,
  month: number,
  yy: number,
  ref: Ymd,
  minAge: number,
): Ymd | null {
  const recent = { y: 2000 + yy, m: month, d: day };
  const older = { y: 1900 + yy, m: month, d: day };
  const recentReal = isRealDate(recent.y, month, day);
  const olderReal = isRealDate(older.y, month, day);
  if (recentReal && compareYmd(recent, minusYears(ref, minAge)) <= 0) return recent;
  if (olderReal) return older;
  return recentReal ? recent : null;
}
