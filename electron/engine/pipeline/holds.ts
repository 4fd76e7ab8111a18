/**
 * Holding and releasing verifications when a document's pre-flight verdict changes after the
 * case was planned: a person overrides a block, a password unlocks a PDF, or a password is
 * needed again after a restart. One place decides, so the override and the re-check agree.
 */
import type { Ledger } from '../ledger/index.ts';

export const HELD_REASON =
  'held: a document failed the checks before sending; a person can override';

/**
 * Verifications still waiting to be sent whose documents are all unblocked go back to READY.
 * `byPerson`: released by a reviewer's override (recorded as a review action), else by a re-check.
 */
export function releaseHeld(
  ledger: Ledger,
  caseIds: readonly number[],
  actor: string,
  reason: string,
  byPerson = false,
): number {
  let released = 0;
  for (const caseId of caseIds) {
    for (const v of ledger.verifications.forCase(caseId)) {
      if (v.phase !== 'HELD') continue;
      const stillBlocked = ledger.verifications
        .documentsOf(v.id)
        .some((d) => ledger.documents.get(d.documentId)?.preflight === 'BLOCKED');
      if (stillBlocked) continue;
      if (
        !ledger.verifications.update(
          v.id,
          { phase: 'READY', nextAt: ledger.now(), phaseReason: null },
          ['HELD'],
        )
      )
        continue;
      ledger.history.append({
        entity: 'verification',
        entityId: v.id,
        caseId,
        what: byPerson ? 'review:released' : 'released',
        from: 'HELD',
        to: 'READY',
        actor,
        reason,
      });
      released++;
    }
  }
  return released;
}

/** Verifications of this document that were about to be sent wait for a person instead. */
export function holdReady(ledger: Ledger, documentId: number, reason = HELD_REASON): number {
  let held = 0;
  for (const caseId of ledger.cases.casesOfDocument(documentId)) {
    for (const v of ledger.verifications.forCase(caseId)) {
      if (v.phase !== 'READY') continue;
      if (!ledger.verifications.documentsOf(v.id).some((d) => d.documentId === documentId))
        continue;
      if (!ledger.verifications.update(v.id, { phase: 'HELD', phaseReason: reason }, ['READY']))
        continue;
      ledger.history.append({
        entity: 'verification',
        entityId: v.id,
        caseId,
        what: 'held',
        from: 'READY',
        to: 'HELD',
        reason,
      });
      held++;
    }
  }
  return held;
}
