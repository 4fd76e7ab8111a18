/**
 * The planner turns settled cases into queued verifications. A case is planned once it has been
 * quiet for its settle time, no file of it is still being written and every document was
 * checked; documents that arrive later are planned on their own. A document is never planned
 * twice for the same provider service (the UNIQUE idempotency key and the per-service check
 * below); only a person's retry or resubmit creates a new generation.
 */
import type { InboxProfile } from '../../../shared/contract.ts';
import type { DocumentKind } from '../../../shared/model.ts';
import type { Ledger } from '../ledger/index.ts';
import { HELD_REASON } from './holds.ts';
import { idempotencyKey, planCase, type PlannedDocument } from './routes.ts';

export interface PlannerOptions {
  ledger: Ledger;
  /** Settle time override (tests); the inbox profile's caseSettleSeconds otherwise. */
  settleMs?: number;
  /** Time budget for retries of one verification. */
  retryBudgetMs?: number;
  onPlanned(caseIds: number[]): void;
}

const DEFAULT_SETTLE_MS = 5_000;

export class Planner {
  constructor(private readonly o: PlannerOptions) {}

  /** Plans every case that is ready; returns how many cases were planned. */
  planReady(): number {
    const ledger = this.o.ledger;
    // Ask with the smallest settle time any inbox uses, then apply each inbox's own.
    const minSettle = this.o.settleMs ?? 0;
    const candidates = ledger.cases.readyToPlan(minSettle);
    const planned: number[] = [];
    for (const caseId of candidates) {
      const kase = ledger.cases.get(caseId);
      if (!kase) continue;
      const profile = ledger.inboxes.get(kase.inboxId)?.profile;
      const settle =
        this.o.settleMs ??
        (profile?.caseSettleSeconds !== undefined
          ? profile.caseSettleSeconds * 1000
          : DEFAULT_SETTLE_MS);
      if ((kase.lastFileAt ?? kase.createdAt) > ledger.now() - settle) continue;
      ledger.tx(() => this.planOne(caseId, profile));
      planned.push(caseId);
    }
    if (planned.length) this.o.onPlanned(planned);
    return planned.length;
  }

  /** Earliest time a waiting case becomes ready (for the engine's timer), or null. */
  private planOne(caseId: number, profile: InboxProfile | undefined): void {
    const ledger = this.o.ledger;
    const kase = ledger.cases.get(caseId)!;
    const docs: PlannedDocument[] = ledger.cases.ownDocuments(caseId).map((d) => ({
      id: d.id,
      kind: d.kind as DocumentKind,
      sha256: d.sha256,
      preflight: d.preflight,
    }));
    const plan = planCase(docs, kase.expected, profile);
    const now = ledger.now();
    let created = 0;
    for (const v of plan.verifications) {
      // Never the same document twice for one provider service.
      const already = v.documents.some((d) =>
        ledger.verifications
          .servicesOfDocument(d.documentId)
          .some((s) => s.provider === v.provider && s.service === v.service),
      );
      if (already) continue;
      const blocked = v.documents
        .map((d) => docs.find((x) => x.id === d.documentId)!)
        .filter((d) => d.preflight === 'BLOCKED');
      const id = ledger.verifications.plan({
        caseId,
        provider: v.provider,
        service: v.service,
        config: v.config,
        idempotencyKey: idempotencyKey(v, 0),
        generation: 0,
        phase: blocked.length ? 'HELD' : 'READY',
        phaseReason: blocked.length ? HELD_REASON : null,
        documents: v.documents.map((d) => ({ documentId: d.documentId, field: d.field })),
        deadlineAt: now + (this.o.retryBudgetMs ?? 3 * 24 * 3600_000),
      });
      if (id !== null) {
        created++;
        ledger.history.append({
          entity: 'verification',
          entityId: id,
          caseId,
          what: 'planned',
          to: blocked.length ? 'HELD' : 'READY',
          reason: `${v.provider} ${v.service}${typeof v.config.verification_type === 'string' ? ` (${v.config.verification_type})` : ''}`,
        });
      }
    }
    for (const n of plan.notSent) {
      ledger.history.append({
        entity: 'document',
        entityId: n.documentId,
        caseId,
        what: 'not_sent',
        reason: n.reason,
      });
    }
    ledger.cases.markPlanned(caseId);
    ledger.history.append({
      entity: 'case',
      entityId: caseId,
      caseId,
      what: 'case_planned',
      reason: `${created} verification(s) queued`,
    });
    ledger.cases.recompute(caseId);
  }
}
