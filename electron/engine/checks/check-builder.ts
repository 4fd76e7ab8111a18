/**
 * Small constructors so every pre-flight check has the same shape: canonical Check, source
 * 'preflight', reasons with stable codes and clerk-facing messages, a score with its scale.
 */
import type { CheckOutcome, CheckType, Reason, Score, Severity } from '../../../shared/model.ts';
import type { PreflightCheck } from './types.ts';

export function reason(code: string, severity: Severity, message: string): Reason {
  return { code, severity, message };
}

export function score(
  raw: number | null,
  scale: string,
  threshold: number | null,
  direction: Score['direction'],
  normalized: number | null = null,
): Score {
  const round = (v: number | null): number | null =>
    v === null || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000;
  return {
    raw: round(raw),
    scale,
    normalized: normalized === null ? null : Math.max(0, Math.min(1, round(normalized)!)),
    threshold,
    direction,
  };
}

export function makeCheck(
  type: CheckType,
  name: string,
  outcome: CheckOutcome,
  parts: { reasons?: Reason[]; score?: Score | null; details?: Record<string, unknown> } = {},
): PreflightCheck {
  const check: PreflightCheck = {
    type,
    name,
    outcome,
    reasons: parts.reasons ?? [],
    source: 'preflight',
    blocking: false,
  };
  if (parts.score !== undefined) check.score = parts.score;
  if (parts.details && Object.keys(parts.details).length > 0) check.details = parts.details;
  return check;
}

/** A check that could not run at all, with the reason in plain words. */
export function notRun(
  type: CheckType,
  name: string,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): PreflightCheck {
  return makeCheck(type, name, 'NOT_RUN', {
    reasons: [reason(code, 'INFO', message)],
    ...(details ? { details } : {}),
  });
}

/** Outcome implied by the worst reason: ERROR → FAIL, WARNING → REVIEW, otherwise PASS. */
export function outcomeFromReasons(reasons: readonly Reason[]): CheckOutcome {
  if (reasons.some((r) => r.severity === 'ERROR')) return 'FAIL';
  if (reasons.some((r) => r.severity === 'WARNING')) return 'REVIEW';
  return 'PASS';
}
