/**
 * Applying a person's action: validated again against the rules, applied in one transaction,
 * recorded in the history with actor and reason. Where the provider itself has the action
 * (Colleckt's approve/reject/hold/…, AnyCheck's retry and fraud confirmation), the verification
 * goes to phase ACTION and the queue carries it out.
 */
import { createHash } from 'node:crypto';
import type { ReviewAction } from '../../../shared/contract.ts';
import { CheckDeskError } from '../../../shared/errors.ts';
import type { Ledger } from '../ledger/index.ts';
import type { Phase, VerificationPatch, VerificationRecord } from '../ledger/verifications.ts';
import { releaseHeld } from '../pipeline/holds.ts';
import type { ProviderAction } from '../providers/types.ts';
import { allowedActions, isFailed, REASON_REQUIRED } from './rules.ts';

export interface ActionInput {
  caseId: number;
  action: ReviewAction;
  verificationId?: number | null;
  documentId?: number | null;
  reason?: string;
  /** For resolve_in_doubt_found: the provider's id of the verification the person found. */
  externalId?: string;
  actor: string;
}

export interface ReviewContext {
  ledger: Ledger;
  providerActions(provider: string): readonly ProviderAction[];
  /** Four-eyes rule of the case's inbox profile. */
  fourEyes(caseId: number): boolean;
}

/** Review actions that map one-to-one onto a provider action when the provider has it. */
const PROVIDER_SIDE: Partial<Record<ReviewAction, ProviderAction>> = {
  approve: 'approve',
  reject: 'reject',
  hold: 'hold',
  resume: 'resume',
  cancel: 'cancel',
  resubmit: 'resubmit',
  retry: 'retry',
  confirm_fraud: 'confirm_fraud',
  cancel_fraud: 'cancel_fraud',
};

export function blockedDocuments(
  ledger: Ledger,
  caseId: number,
): { id: number; name: string | null }[] {
  return ledger.cases
    .ownDocuments(caseId)
    .filter((d) => d.preflight === 'BLOCKED')
    .map((d) => ({ id: d.id, name: ledger.documents.fileNameOf(d.id) }));
}

export function actionsFor(ctx: ReviewContext, caseId: number, actor: string) {
  return allowedActions({
    verifications: ctx.ledger.verifications.forCase(caseId),
    blockedDocuments: blockedDocuments(ctx.ledger, caseId),
    providerActions: ctx.providerActions,
    actor,
    now: ctx.ledger.now(),
  });
}

export function applyAction(ctx: ReviewContext, input: ActionInput): void {
  const { ledger } = ctx;
  const reason = input.reason?.trim() || null;
  if (REASON_REQUIRED.has(input.action) && !reason) {
    throw new CheckDeskError(
      'REASON_REQUIRED',
      `"${input.action}" needs a reason; it is kept in the case history`,
    );
  }
  ledger.tx(() => {
    const kase = ledger.cases.get(input.caseId);
    if (!kase) throw new CheckDeskError('NOT_FOUND', `case ${input.caseId} does not exist`);
    const allowed = actionsFor(ctx, input.caseId, input.actor).filter(
      (a) => a.action === input.action,
    );
    const match = allowed.find((a) =>
      input.action === 'override_block'
        ? a.documentId === (input.documentId ?? null)
        : a.verificationId === (input.verificationId ?? null),
    );
    if (!match) {
      const why = allowed.length ? 'for that item' : 'right now';
      throw new CheckDeskError(
        'ACTION_NOT_ALLOWED',
        `"${input.action}" is not possible ${why}; the case changed or the action does not apply`,
      );
    }
    if (input.action === 'override_block') {
      overrideBlock(ctx, kase.id, input.documentId!, input.actor, reason!);
    } else {
      const v = ledger.verifications.get(input.verificationId!)!;
      applyToVerification(ctx, v, input, reason);
    }
    ledger.cases.recompute(kase.id);
  });
}

function record(
  ledger: Ledger,
  v: VerificationRecord,
  action: string,
  actor: string,
  reason: string | null,
  to: Phase | string,
): void {
  ledger.history.append({
    entity: 'verification',
    entityId: v.id,
    caseId: v.caseId,
    what: `review:${action}`,
    from: v.phase,
    to,
    actor,
    reason,
  });
}

function update(
  ledger: Ledger,
  v: VerificationRecord,
  patch: VerificationPatch,
): VerificationRecord {
  const done = ledger.verifications.update(v.id, patch, [v.phase]);
  if (!done)
    throw new CheckDeskError(
      'CONFLICT',
      'the verification changed while you were deciding; look again',
      { retryable: true },
    );
  return done;
}

function applyToVerification(
  ctx: ReviewContext,
  v: VerificationRecord,
  input: ActionInput,
  reason: string | null,
): void {
  const { ledger } = ctx;
  const now = ledger.now();
  const actor = input.actor;
  const providerAction = PROVIDER_SIDE[input.action];
  const providerCan =
    providerAction !== undefined &&
    v.externalId !== null &&
    ctx.providerActions(v.provider).includes(providerAction);

  // Four-eyes: the first approval of a flagged case waits for a second person.
  if (input.action === 'approve' && ctx.fourEyes(v.caseId) && flagged(ledger, v)) {
    update(ledger, v, {
      approvalBy: actor,
      approvalAt: now,
      review: 'IN_REVIEW',
      reviewer: actor,
      reviewReason: reason,
      phaseReason: `approved by ${actor}; a second person must confirm`,
    });
    record(ledger, v, 'approve_first', actor, reason, v.phase);
    return;
  }
  if (input.action === 'confirm_approval') {
    const out = providerCanDo(ctx, v, 'approve');
    if (out) return sendToProvider(ctx, v, 'approve', actor, reason, 'confirm_approval');
    update(ledger, v, {
      phase: 'DONE',
      review: 'RESOLVED_APPROVED',
      reviewer: `${v.approvalBy} + ${actor}`,
      reviewReason: reason ?? v.reviewReason,
      reviewedAt: now,
      approvalBy: null,
      phaseReason: null,
      completedAt: now,
    });
    record(ledger, v, 'confirm_approval', actor, reason, 'DONE');
    return;
  }

  switch (input.action) {
    case 'approve':
    case 'reject': {
      if (providerCan) return sendToProvider(ctx, v, providerAction!, actor, reason, input.action);
      update(ledger, v, {
        phase: 'DONE',
        review: input.action === 'approve' ? 'RESOLVED_APPROVED' : 'RESOLVED_DECLINED',
        reviewer: actor,
        reviewReason: reason,
        reviewedAt: now,
        approvalBy: null,
        phaseReason: null,
        completedAt: now,
      });
      record(ledger, v, input.action, actor, reason, 'DONE');
      return;
    }
    case 'hold': {
      if (providerCan) return sendToProvider(ctx, v, 'hold', actor, reason, 'hold');
      update(ledger, v, {
        phase: 'ON_HOLD',
        heldPhase: v.phase,
        phaseReason: `on hold by ${actor}${reason ? `: ${reason}` : ''}`,
      });
      record(ledger, v, 'hold', actor, reason, 'ON_HOLD');
      return;
    }
    case 'resume': {
      if (providerCan) return sendToProvider(ctx, v, 'resume', actor, reason, 'resume');
      const back = v.heldPhase ?? 'READY';
      update(ledger, v, { phase: back, heldPhase: null, nextAt: now, phaseReason: null });
      record(ledger, v, 'resume', actor, reason, back);
      return;
    }
    case 'cancel': {
      if (providerCan && v.phase !== 'NEEDS_PERSON')
        return sendToProvider(ctx, v, 'cancel', actor, reason, 'cancel');
      update(ledger, v, {
        phase: 'CANCELLED',
        runStatus: 'CANCELLED',
        reviewer: actor,
        reviewReason: reason,
        reviewedAt: now,
        phaseReason: `cancelled by ${actor}: ${reason}`,
        completedAt: now,
      });
      record(ledger, v, 'cancel', actor, reason, 'CANCELLED');
      return;
    }
    case 'resubmit': {
      if (providerCan) return sendToProvider(ctx, v, 'resubmit', actor, reason, 'resubmit');
      resubmitAsNewGeneration(ctx, v, actor, reason);
      return;
    }
    case 'retry': {
      if (providerCan && isFailed(v))
        return sendToProvider(ctx, v, 'retry', actor, reason, 'retry');
      // Never created at the provider (refused before creation): sending again cannot double-pay.
      update(ledger, v, {
        phase: 'READY',
        nextAt: now,
        lastError: null,
        needsLookup: v.externalId === null ? v.needsLookup : true,
        phaseReason: `retry asked by ${actor}`,
      });
      record(ledger, v, 'retry', actor, reason, 'READY');
      return;
    }
    case 'confirm_fraud':
    case 'cancel_fraud':
      return sendToProvider(ctx, v, input.action, actor, reason, input.action);
    case 'resolve_in_doubt_found': {
      const ext = input.externalId?.trim();
      if (!ext)
        throw new CheckDeskError(
          'EXTERNAL_ID_REQUIRED',
          'enter the id the provider shows for this verification',
        );
      update(ledger, v, {
        phase: 'POLLING',
        externalId: ext,
        needsLookup: false,
        nextAt: now,
        review: 'NONE',
        phaseReason: `found at the provider by ${actor}`,
      });
      record(ledger, v, 'resolve_in_doubt_found', actor, reason ?? ext, 'POLLING');
      return;
    }
    case 'resolve_in_doubt_not_sent': {
      update(ledger, v, {
        phase: 'READY',
        needsLookup: false,
        nextAt: now,
        review: 'NONE',
        phaseReason: `${actor} confirmed it never reached the provider`,
      });
      record(ledger, v, 'resolve_in_doubt_not_sent', actor, reason, 'READY');
      return;
    }
    default:
      throw new CheckDeskError(
        'ACTION_NOT_ALLOWED',
        `"${input.action}" does not apply to a verification`,
      );
  }
}

function providerCanDo(ctx: ReviewContext, v: VerificationRecord, action: ProviderAction): boolean {
  return v.externalId !== null && ctx.providerActions(v.provider).includes(action);
}

/** Queues a provider-side action: the runner carries it out and records the provider's answer. */
function sendToProvider(
  ctx: ReviewContext,
  v: VerificationRecord,
  action: ProviderAction,
  actor: string,
  reason: string | null,
  recorded: string,
): void {
  const now = ctx.ledger.now();
  update(ctx.ledger, v, {
    phase: 'ACTION',
    nextAt: now,
    pendingAction: {
      action,
      reason,
      actor,
      requestedAt: now,
      fromPhase: v.phase,
      vendorStatus: v.vendorStatus,
    },
    reviewer: actor,
    reviewReason: reason,
    reviewedAt: now,
    phaseReason: `${action.replace(/_/g, ' ')} requested by ${actor}; sending it to ${v.provider}`,
  });
  record(ctx.ledger, v, recorded, actor, reason, 'ACTION');
}

function resubmitAsNewGeneration(
  ctx: ReviewContext,
  v: VerificationRecord,
  actor: string,
  reason: string | null,
): void {
  const { ledger } = ctx;
  const generation = v.generation + 1;
  const key = createHash('sha256')
    .update(`${v.idempotencyKey}:${generation}`)
    .digest('hex')
    .slice(0, 40);
  const docs = ledger.verifications.documentsOf(v.id);
  const id = ledger.verifications.plan({
    caseId: v.caseId,
    provider: v.provider,
    service: v.service,
    config: v.config,
    idempotencyKey: key,
    generation,
    phase: 'READY',
    phaseReason: `resubmitted by ${actor}`,
    documents: docs.map((d) => ({ documentId: d.documentId, field: d.field })),
    deadlineAt: ledger.now() + 3 * 24 * 3600_000,
  });
  if (id === null) throw new CheckDeskError('CONFLICT', 'this resubmission already exists');
  update(ledger, v, { supersededBy: id });
  record(ledger, v, 'resubmit', actor, reason, `generation ${generation}`);
}

function overrideBlock(
  ctx: ReviewContext,
  caseId: number,
  documentId: number,
  actor: string,
  reason: string,
): void {
  const { ledger } = ctx;
  ledger.documents.setPreflight(
    documentId,
    'OVERRIDDEN',
    `sent despite the checks, by ${actor}: ${reason}`,
  );
  ledger.history.append({
    entity: 'document',
    entityId: documentId,
    caseId,
    what: 'review:override_block',
    from: 'BLOCKED',
    to: 'OVERRIDDEN',
    actor,
    reason,
  });
  releaseHeld(ledger, [caseId], actor, reason, true);
}

/** A case is flagged when a check or the provider raised something a person had to look at. */
function flagged(ledger: Ledger, v: VerificationRecord): boolean {
  if (v.decision === 'REVIEW' || v.decision === 'INCONCLUSIVE' || v.review === 'REQUIRED')
    return true;
  return ledger.verifications.documentsOf(v.id).some((d) => {
    const p = ledger.documents.get(d.documentId)?.preflight;
    return p === 'FLAGGED' || p === 'OVERRIDDEN';
  });
}
