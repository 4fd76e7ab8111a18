/**
 * The region part of a NIK or KK number (digits 1–6): R-NIK-2..4, shared by R-KK-2.
 */
import { lookupRegency, provinceName } from './regions.ts';
import { reason, type ValidateReason } from './types.ts';

export interface RegionParse {
  provinceCode: string;
  provinceName: string | null;
  regencyCode: string;
  regencyName: string | null;
  regencyKind: 'kabupaten' | 'kota';
  districtCode: string;
}

/** `digits` is the 16-digit number; `label` names it in messages ("NIK", "KK number"). */
export function checkRegion(
  digits: string,
  label: string,
  codePrefix: string,
  reasons: ValidateReason[],
): RegionParse {
  const pp = digits.slice(0, 2);
  const kk = digits.slice(2, 4);
  const cc = digits.slice(4, 6);
  const province = provinceName(pp);
  if (!province) {
    reasons.push(
      reason(
        `${codePrefix}_BAD_PROVINCE`,
        'ERROR',
        `The ${label} starts with ${pp}, which is not an Indonesian province code. Check the first two digits.`,
      ),
    );
  }
  const regency = lookupRegency(pp + kk);
  if (kk === '00' || kk === '70') {
    reasons.push(
      reason(
        `${codePrefix}_BAD_REGENCY`,
        'ERROR',
        `Digits 3–4 of the ${label} are ${kk}, which is never a regency or city code.`,
      ),
    );
  } else if (province && !regency.name) {
    reasons.push(
      reason(
        `${codePrefix}_REGENCY_UNKNOWN`,
        'WARNING',
        `Regency/city code ${pp}.${kk} is not in CheckDesk's region table for ${province}. It may be new or mistyped; check digits 3–4.`,
      ),
    );
  } else if (regency.nowCode) {
    reasons.push(
      reason(
        `${codePrefix}_REGENCY_MOVED`,
        'INFO',
        `Region ${pp}.${kk} (${regency.name}) now belongs to ${provinceName(regency.nowCode.slice(0, 2)) ?? 'another province'} (code ${regency.nowCode}); ${label}s issued before the split keep the old code.`,
      ),
    );
  }
  if (cc === '00') {
    reasons.push(
      reason(
        `${codePrefix}_BAD_DISTRICT`,
        'ERROR',
        `Digits 5–6 of the ${label} are 00, which is never a district (kecamatan) code.`,
      ),
    );
  }
  return {
    provinceCode: pp,
    provinceName: province,
    regencyCode: pp + kk,
    regencyName: regency.name,
    regencyKind: regency.kind,
    districtCode: pp + kk + cc,
  };
}
