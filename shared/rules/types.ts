/**
 * Shapes shared by every ID-number rule. `valid` is derived, never set by hand: a result is invalid
 * exactly when one of its reasons is an ERROR (PRODUCT.md §5, `validate`).
 */
export type IdKind = 'nik' | 'npwp' | 'mrz' | 'kk' | 'vin' | 'land_certificate';

export type RuleSeverity = 'ERROR' | 'WARNING' | 'INFO';

export interface ValidateReason {
  /** Stable UPPER_SNAKE code, e.g. NIK_BAD_MONTH. Never translated. */
  code: string;
  severity: RuleSeverity;
  /** Plain English for a clerk. */
  message: string;
}

export interface ValidateResult {
  kind: IdKind;
  input: string;
  valid: boolean;
  reasons: ValidateReason[];
  parsed: Record<string, unknown>;
}

export interface ValidateOptions {
  /** Reference date for ages, expiry and "not in the future" (default: now). */
  today?: Date;
  /** Youngest plausible holder, used to pick the century of a NIK birth year (17 for a KTP, 0 for KK/KIA). */
  minAge?: number;
}

export function makeResult(
  kind: IdKind,
  input: string,
  reasons: ValidateReason[],
  parsed: Record<string, unknown>,
): ValidateResult {
  return { kind, input, valid: !reasons.some((r) => r.severity === 'ERROR'), reasons, parsed };
}

export function reason(code: string, severity: RuleSeverity, message: string): ValidateReason {
  return { code, severity, message };
}

/** Separators people and printers put into ID numbers (R-NIK-0, R-NPWP-1). */
export function stripSeparators(value: string): string {
  return value.replace(/[\s.-]/g, '');
}
