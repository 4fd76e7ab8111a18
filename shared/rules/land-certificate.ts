/**
 * Paper land certificate number (nomor sertipikat SHM/SHGB), R-LAND-1/2 from domain-checks.md §2:
 * PP.KK.CC.DD.T.NNNNN — BPN region codes, one right-type digit, the 5-digit nomor hak.
 * BPN region codes are not Kemendagri codes, so they are reported but never checked against a NIK.
 * Sources agree only that type 1 is Hak Milik; other type digits are reported, never rejected.
 */
import { makeResult, reason, type ValidateReason, type ValidateResult } from './types.ts';

export function validateLandCertificate(input: string): ValidateResult {
  const reasons: ValidateReason[] = [];
  const value = input.replace(/\s/g, '');
  const parsed: Record<string, unknown> = { number: value.replace(/\./g, '') };
  const m = /^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d)\.?(\d{5})$/.exec(value);
  if (!m) {
    reasons.push(
      reason(
        'LAND_CERT_FORMAT',
        'ERROR',
        'A land certificate number has 14 digits, written as PP.KK.CC.DD.T.NNNNN (region codes, right type, right number).',
      ),
    );
    return makeResult('land_certificate', input, reasons, parsed);
  }
  const [, pp, kk, cc, dd, t, n] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  Object.assign(parsed, {
    provinceCode: pp,
    regencyCode: kk,
    districtCode: cc,
    villageCode: dd,
    rightType: t,
    rightNumber: n,
  });
  parsed.rightTypeName = t === '1' ? 'Hak Milik' : null;
  if (t !== '1') {
    reasons.push(
      reason(
        'LAND_CERT_RIGHT_TYPE',
        'INFO',
        `Right-type digit ${t} is not Hak Milik (1); sources disagree on what the other digits mean, so compare it with the type printed on the certificate.`,
      ),
    );
  }
  if (n === '00000') {
    reasons.push(
      reason(
        'LAND_CERT_BAD_RIGHT_NUMBER',
        'WARNING',
        'The right number (last five digits) is 00000; compare it with the Nomor Hak printed under the Garuda.',
      ),
    );
  }
  return makeResult('land_certificate', input, reasons, parsed);
}
