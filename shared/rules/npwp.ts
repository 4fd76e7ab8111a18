/**
 * NPWP (tax number) rules R-NPWP-1..4 from domain-checks.md §2.
 *
 * Legacy NPWP: 2-digit taxpayer type + 6-digit serial + check digit + 3-digit tax office (KPP) +
 * 3-digit branch. Since PMK 112/2022 the 16-digit form is either the legacy number with a leading 0
 * (same check digit) or, for resident individuals, the holder's NIK.
 */
import { luhnValid } from './luhn.ts';
import { validateNik } from './nik.ts';
import {
  makeResult,
  reason,
  stripSeparators,
  type ValidateOptions,
  type ValidateReason,
  type ValidateResult,
} from './types.ts';

export function validateNpwp(input: string, options: ValidateOptions = {}): ValidateResult {
  const reasons: ValidateReason[] = [];
  const digits = stripSeparators(input);
  const parsed: Record<string, unknown> = { npwp: digits };
  if (!/^\d+$/.test(digits) || (digits.length !== 15 && digits.length !== 16)) {
    const detail = /^\d+$/.test(digits)
      ? `it has ${digits.length} digits`
      : 'it contains characters other than digits';
    reasons.push(
      reason('NPWP_FORMAT', 'ERROR', `An NPWP has 15 digits (or 16 in the new format); ${detail}.`),
    );
    return makeResult('npwp', input, reasons, parsed);
  }

  if (digits.length === 16 && !digits.startsWith('0')) {
    // R-NPWP-4: a 16-digit NPWP that does not start with 0 is the holder's NIK.
    parsed.format = 'nik';
    const nik = validateNik(digits, options);
    Object.assign(parsed, nik.parsed, { npwp: digits });
    reasons.push(
      reason(
        'NPWP_IS_NIK',
        'INFO',
        'This 16-digit NPWP is a NIK (individual taxpayers use their NIK since 2022); it was checked with the NIK rules.',
      ),
    );
    reasons.push(...nik.reasons);
    return makeResult('npwp', input, reasons, parsed);
  }

  const legacy = digits.length === 16 ? digits.slice(1) : digits;
  parsed.format = digits.length === 16 ? 'legacy16' : 'legacy15';
  parsed.taxpayerType = legacy.slice(0, 2);
  parsed.serial = legacy.slice(2, 8);
  parsed.checkDigit = legacy.slice(8, 9);
  parsed.taxOffice = legacy.slice(9, 12);
  parsed.branch = legacy.slice(12, 15);
  parsed.formatted = `${legacy.slice(0, 2)}.${legacy.slice(2, 5)}.${legacy.slice(5, 8)}.${legacy.slice(8, 9)}-${legacy.slice(9, 12)}.${legacy.slice(12, 15)}`;

  // R-NPWP-1/3: Luhn over the first 9 digits of the legacy number (a leading 0 does not change it).
  if (!luhnValid(legacy.slice(0, 9))) {
    reasons.push(
      reason(
        'NPWP_CHECK_DIGIT',
        'ERROR',
        `The NPWP check digit (the 9th digit of ${parsed.formatted}) does not match the digits before it; the number was probably mistyped.`,
      ),
    );
  }
  if (parsed.serial === '000000') {
    reasons.push(
      reason(
        'NPWP_BAD_SERIAL',
        'ERROR',
        'The NPWP serial (digits 3–8) is 000000; serial numbers start at 000001.',
      ),
    );
  }
  return makeResult('npwp', input, reasons, parsed);
}
