/**
 * Offline ID-number rules (runtime-neutral): what `checkdesk validate` and the pre-flight engine use.
 */
import { validateKk } from './kk.ts';
import { validateLandCertificate } from './land-certificate.ts';
import { validateMrz } from './mrz.ts';
import { validateNik } from './nik.ts';
import { validateNpwp } from './npwp.ts';
import type { IdKind, ValidateOptions, ValidateResult } from './types.ts';
import { validateVin } from './vin.ts';

export type {
  IdKind,
  RuleSeverity,
  ValidateOptions,
  ValidateReason,
  ValidateResult,
} from './types.ts';
export { validateNik, KTP_MIN_AGE } from './nik.ts';
export { validateNpwp } from './npwp.ts';
export {
  validateMrz,
  mrzCheckDigit,
  splitMrzLines,
  detectMrzFormat,
  type MrzFormat,
} from './mrz.ts';
export { validateKk } from './kk.ts';
export { validateVin, vinCheckDigit } from './vin.ts';
export { validateLandCertificate } from './land-certificate.ts';
export { luhnCheckDigit, luhnValid } from './luhn.ts';
export {
  repairDigitsAt,
  repairNik,
  repairMrzLines,
  describeRepairs,
  type OcrRepair,
  type Repaired,
} from './ocr-repair.ts';
export { lookupRegency, provinceName, type RegencyInfo } from './regions.ts';
export { parseDate, formatYmd, type Ymd } from './dates.ts';

export const ID_KINDS: readonly IdKind[] = ['nik', 'npwp', 'mrz', 'kk', 'vin', 'land_certificate'];

export function validateIdNumber(
  kind: IdKind,
  value: string,
  options?: { today?: Date; minAge?: number },
): ValidateResult {
  const opts: ValidateOptions = options ?? {};
  switch (kind) {
    case 'nik':
      return validateNik(value, opts);
    case 'npwp':
      return validateNpwp(value, opts);
    case 'mrz':
      return validateMrz(value, opts);
    case 'kk':
      return validateKk(value, opts);
    case 'vin':
      return validateVin(value);
    case 'land_certificate':
      return validateLandCertificate(value);
  }
}
