/**
 * ID_NUMBER checks: the shared offline rules applied to numbers the applicant declared or the
 * document showed. A declared number that cannot exist keeps its ERROR (a provider would reject it
 * and still charge). A number read by OCR may be a misreading, so its ERRORs become WARNINGs.
 */
import type { Reason } from '../../../shared/model.ts';
import {
  describeRepairs,
  validateIdNumber,
  type IdKind,
  type OcrRepair,
  type ValidateResult,
} from '../../../shared/rules/index.ts';
import { makeCheck, outcomeFromReasons, reason } from './check-builder.ts';
import type { PreflightCheck } from './types.ts';

export type IdSource = 'declared' | 'document';

const LABEL: Record<IdKind, string> = {
  nik: 'NIK',
  npwp: 'NPWP',
  mrz: 'MRZ',
  kk: 'KK number',
  vin: 'frame number',
  land_certificate: 'certificate number',
};

export interface IdCheckResult {
  check: PreflightCheck;
  result: ValidateResult;
}

export function idNumberCheck(
  kind: IdKind,
  value: string,
  source: IdSource,
  options: { today: Date; minAge?: number },
  repairs: readonly OcrRepair[] = [],
): IdCheckResult {
  const result = validateIdNumber(kind, value, options);
  const prefix =
    source === 'declared' ? `Declared ${LABEL[kind]}` : `${LABEL[kind]} read from the document`;
  const reasons: Reason[] = result.reasons.map((r) => {
    const ocrError = source === 'document' && r.severity === 'ERROR';
    return reason(
      r.code,
      ocrError ? 'WARNING' : r.severity,
      `${prefix}: ${r.message}${ocrError ? ' It may be a misreading; compare with the document.' : ''}`,
    );
  });
  if (repairs.length > 0) {
    const listed =
      describeRepairs(repairs.slice(0, 6)) +
      (repairs.length > 6 ? ` and ${repairs.length - 6} more` : '');
    reasons.push(
      reason(
        'OCR_REPAIRED',
        'INFO',
        `Characters misread by OCR were corrected where the format allows only one kind of character: ${listed}.`,
      ),
    );
  }
  const details: Record<string, unknown> = {
    source,
    value: kind === 'mrz' ? undefined : stripValue(result),
  };
  if (kind === 'nik' || kind === 'npwp' || kind === 'kk') {
    for (const key of [
      'provinceCode',
      'provinceName',
      'regencyCode',
      'regencyName',
      'gender',
      'birthDate',
      'serial',
      'format',
      'formatted',
    ]) {
      if (result.parsed[key] !== undefined) details[key] = result.parsed[key];
    }
  }
  if (kind === 'mrz') {
    for (const key of [
      'format',
      'documentNumber',
      'issuingState',
      'nationality',
      'birthDate',
      'expiryDate',
      'sex',
      'checkDigits',
    ]) {
      if (result.parsed[key] !== undefined) details[key] = result.parsed[key];
    }
  }
  if (repairs.length > 0) details.repairs = repairs;
  const name = kind === 'mrz' ? 'mrz' : source === 'declared' ? `declared_${kind}` : kind;
  return {
    check: makeCheck('ID_NUMBER', name, outcomeFromReasons(reasons), {
      reasons,
      details: dropUndefined(details),
    }),
    result,
  };
}

function stripValue(result: ValidateResult): string {
  const p = result.parsed;
  return String(p.nik ?? p.npwp ?? p.kk ?? p.vin ?? p.number ?? result.input);
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
