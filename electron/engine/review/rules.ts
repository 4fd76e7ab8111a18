/**
 * The review state machine's rules: which actions a person may take on a case right now. The UI
 * shows exactly these and decides nothing; every action is checked against them again when it
 * arrives.
 *
 * Carried over from the provider-side workflow (approve and reject from a submitted or
 * double-check state, reject needs a reason, hold from started/submitted/double-check, resume
 * returns to the previous state, cancel from any non-final state, resubmit only after a
 * rejection), plus CheckDesk's own: fraud gate, in-doubt resolution, pre-flight override, retry
 * and the four-eyes confirmation.
 */
import type { AllowedAction, ReviewAction } from '../../../shared/contract.ts';
import type { VerificationRecord } from '../ledger/verifications.ts';
import type { ProviderAction } from '../providers/types.ts';

export const ACTION_LABELS: Record<ReviewAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  hold: 'Put on hold',
  resume: 'Resume',
  cancel: 'Cancel',
  resubmit: 'Resubmit',
  retry: 'Retry',
  confirm_fraud: 'Checked: let the analysis proceed',
  cancel_fraud: 'Stop it: treat as fraud',
  resolve_in_doubt_found: 'It exists at the provider (enter its id)',
  resolve_in_doubt_not_sent: 'It never reached the provider: send it',
  override_block: 'Send anyway (override the check)',
  confirm_approval: 'Confirm the approval (second person)',
};

/** Actions that need a written reason (kept in the history). */
export const REASON_REQUIRED: ReadonlySet<ReviewAction> = new Set([
  'reject',
  'cancel',
  'override_block',
  'resolve_in_doubt_not_sent',
  'cancel_fraud',
]);

export interface RuleInput {
  verifications: readonly VerificationRecord[];
  blockedDocuments: readonly { id: number; name: string | null }[];
  /** Provider actions each provider can carry out itself. */
  providerActions(provider: string): readonly ProviderAction[];
  actor: string;
  now: number;
}

export function isFraudGate(v: VerificationRecord): boolean {
  return (
    v.vendorStatus === 'FRAUD_DETECTED' ||
    (v.runStatus === 'AWAITING_INPUT' &&
      (v.result?.reasons ?? []).some((r) => r.code === 'FRAUD_SUSPECTED'))
  );
}

export function isInDoubt(v: VerificationRecord): boolean {
  return v.phase === 'NEEDS_PERSON' && v.needsLookup;
}

export function needsDecision(v: VerificationRecord): boolean {
  return (
    (v.review === 'REQUIRED' || v.review === 'IN_REVIEW') &&
    !isFraudGate(v) &&
    !isInDoubt(v) &&
    (v.phase === 'NEEDS_PERSON' || v.phase === 'DONE')
  );
}

export function isFailed(v: VerificationRecord): boolean {
  if (v.phase !== 'NEEDS_PERSON' || v.needsLookup) return false;
  return (
    v.runStatus === 'FAILED' ||
    v.runStatus === 'EXPIRED' ||
    (v.lastError !== null && v.runStatus !== 'COMPLETED')
  );
}

const FINAL_PHASES = new Set(['DONE', 'CANCELLED']);

export function allowedActions(input: RuleInput): AllowedAction[] {
  const out: AllowedAction[] = [];
  const add = (action: ReviewAction, verificationId: number | null, documentId?: number | null) =>
    out.push({
      action,
      verificationId,
      documentId: documentId ?? null,
      requiresReason: REASON_REQUIRED.has(action),
      label: ACTION_LABELS[action],
    });

  for (const v of input.verifications) {
    if (v.supersededBy !== null) continue;
    const leased = v.leaseToken !== null && (v.leaseExpiresAt ?? 0) > input.now;
    const busy = v.phase === 'SUBMITTING' || v.phase === 'ACTION' || leased;
    if (busy) continue;
    const providerCan = input.providerActions(v.provider);
    if (v.approvalBy !== null) {
      if (v.approvalBy !== input.actor) add('confirm_approval', v.id);
      add('reject', v.id);
      continue;
    }
    if (isFraudGate(v)) {
      add('confirm_fraud', v.id);
      add('cancel_fraud', v.id);
      continue;
    }
    if (isInDoubt(v)) {
      add('resolve_in_doubt_found', v.id);
      add('resolve_in_doubt_not_sent', v.id);
      add('cancel', v.id);
      continue;
    }
    const submittedAtProvider = v.phase === 'POLLING' && providerCan.includes('approve');
    if (needsDecision(v) || submittedAtProvider) {
      add('approve', v.id);
      add('reject', v.id);
    }
    if (isFailed(v)) add('retry', v.id);
    if (v.phase === 'ON_HOLD') add('resume', v.id);
    else if (['READY', 'HELD', 'POLLING', 'NEEDS_PERSON'].includes(v.phase) && !isFailed(v))
      add('hold', v.id);
    const rejected =
      v.review === 'RESOLVED_DECLINED' || (v.phase === 'DONE' && v.decision === 'DECLINED');
    if (rejected) add('resubmit', v.id);
    if (!FINAL_PHASES.has(v.phase)) add('cancel', v.id);
  }
  for (const d of input.blockedDocuments) add('override_block', null, d.id);
  return out;
}
