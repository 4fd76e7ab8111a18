/**
 * The clerk-facing pipeline stage, derived (never stored for files/documents) from the document's
 * pre-flight result and the phases of the verifications that carry it. One definition, used by
 * file lists, case lists and `checkdesk files`.
 */
import type { Stage } from '../../../shared/contract.ts';

/** Lower rank wins when a document is in several verifications: a person's attention first. */
const RANKED: readonly Stage[] = ['REVIEW', 'IN_DOUBT', 'SUBMITTED', 'QUEUED', 'DONE', 'CANCELLED'];

/** SQL giving the rank (index in RANKED) of one verification row aliased `v`. */
export const VERIFICATION_RANK_SQL = `CASE
    WHEN v.phase IN ('NEEDS_PERSON', 'ON_HOLD') OR v.review IN ('REQUIRED', 'IN_REVIEW') THEN 0
    WHEN v.phase = 'IN_DOUBT' THEN 1
    WHEN v.phase IN ('SUBMITTING', 'POLLING', 'ACTION') THEN 2
    WHEN v.phase IN ('READY', 'HELD') THEN 3
    WHEN v.phase = 'DONE' THEN 4
    ELSE 5 END`;

export function stageFromRank(rank: number | null): Stage | null {
  return rank === null ? null : (RANKED[rank] ?? null);
}

export function documentStage(input: {
  preflight: string | null;
  verificationRank: number | null;
  casePlanned: boolean;
}): Stage | null {
  if (input.preflight === null) return null;
  if (input.preflight === 'PENDING') return 'CHECKING';
  if (input.preflight === 'BLOCKED') return 'BLOCKED';
  const fromVerifications = stageFromRank(input.verificationRank);
  if (fromVerifications) return fromVerifications;
  return input.casePlanned ? 'NOT_SENT' : 'WAITING_CASE';
}
