/**
 * Which checks block a document (it is not sent to a paid provider until a person acts) and the
 * verdict/summary derived from them. By default only what is certain to waste credits blocks:
 * an exact duplicate, a file that cannot be read, an ID number that cannot exist. Everything else
 * flags the document for a person and lets it through.
 */
import { CHECK_OUTCOMES, SEVERITIES } from '../../../shared/model.ts';
import type { PreflightCheck, PreflightPolicy, PreflightResult } from './types.ts';

export const DEFAULT_POLICY: PreflightPolicy = {
  block: ['DUPLICATE:FAIL', 'FILE_INTEGRITY:FAIL', 'ID_NUMBER:ERROR'],
};

function matches(entry: string, check: PreflightCheck): boolean {
  const [subject = '', qualifier] = entry.split(':');
  if (subject !== check.type && subject !== check.name) return false;
  if (qualifier === undefined) return check.outcome === 'FAIL' || check.outcome === 'REVIEW';
  // 'ERROR' is both an outcome and a severity; either reading blocks.
  const byOutcome =
    (CHECK_OUTCOMES as readonly string[]).includes(qualifier) && check.outcome === qualifier;
  // A severity only counts on a check that is itself a problem (never on PASS/INFO/NOT_RUN).
  const bySeverity =
    (SEVERITIES as readonly string[]).includes(qualifier) &&
    (check.outcome === 'FAIL' || check.outcome === 'REVIEW') &&
    check.reasons.some((r) => r.severity === qualifier);
  return byOutcome || bySeverity;
}

export function applyPolicy(checks: PreflightCheck[], policy: PreflightPolicy): void {
  for (const c of checks) c.blocking = policy.block.some((entry) => matches(entry, c));
}

export function verdictOf(checks: readonly PreflightCheck[]): PreflightResult['verdict'] {
  if (checks.some((c) => c.blocking)) return 'BLOCKED';
  // ERROR means a check itself broke: the file was not fully checked, so a person should look.
  if (checks.some((c) => c.outcome === 'FAIL' || c.outcome === 'REVIEW' || c.outcome === 'ERROR'))
    return 'FLAGGED';
  return 'PASSED';
}

/** One sentence: the most important problem, and how many more there are. */
export function summaryOf(
  checks: readonly PreflightCheck[],
  verdict: PreflightResult['verdict'],
): string | null {
  if (verdict === 'PASSED') return null;
  const problems = checks.filter(
    (c) => c.blocking || c.outcome === 'FAIL' || c.outcome === 'REVIEW' || c.outcome === 'ERROR',
  );
  const ordered = [...problems].sort((a, b) => rank(a) - rank(b));
  const first = ordered[0];
  if (!first) return null;
  const message =
    (first.reasons.find((r) => r.severity !== 'INFO') ?? first.reasons[0])?.message ??
    `${first.name ?? first.type} did not pass.`;
  const lead = verdict === 'BLOCKED' ? 'Not sent to a provider: ' : 'Needs a look: ';
  const more = ordered.length - 1;
  const sentence = message.replace(/\.$/, '');
  return `${lead}${lowerFirst(sentence)}${more > 0 ? ` (and ${more} more issue${more > 1 ? 's' : ''})` : ''}.`;
}

function rank(c: PreflightCheck): number {
  return (c.blocking ? 0 : 10) + (c.outcome === 'FAIL' ? 0 : 1);
}

function lowerFirst(s: string): string {
  // Keep acronyms and proper nouns ("NIK", "PDF", "KTP") as they are.
  return /^[A-Z](?![A-Z])/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
