/** Cases, the review queue and a person's actions. */
import type { CaseDetail, HandlerParsedArgs } from '../../shared/contract.ts';
import { CheckDeskError } from '../../shared/errors.ts';
import { REVIEW_STAGES } from './ledger/cases.ts';
import { toVerificationRow } from './ledger/verifications.ts';
import type { EngineContext } from './index.ts';
import { actionsFor, applyAction, type ReviewContext } from './review/apply.ts';
import type { HandlerTable } from './handlers.ts';

export function reviewContext(ctx: EngineContext): ReviewContext {
  return {
    ledger: ctx.ledger,
    providerActions: (provider) =>
      ctx.registry.get(provider as never)?.adapter.capabilities.actions ?? [],
    fourEyes: (caseId) => {
      const kase = ctx.ledger.cases.get(caseId);
      return kase ? ctx.ledger.inboxes.get(kase.inboxId)?.profile.fourEyes === true : false;
    },
  };
}

/** The reviewer's name: configured in settings, else the OS user. */
export function reviewer(ctx: EngineContext): string {
  return ctx.ledger.settings.get<string>('reviewer', ctx.actor);
}

export function caseDetail(ctx: EngineContext, id: number): CaseDetail {
  const { ledger } = ctx;
  const row = ledger.cases.row(id);
  const kase = ledger.cases.get(id);
  if (!row || !kase) throw new CheckDeskError('NOT_FOUND', `case ${id} does not exist`);
  const verifications = ledger.verifications.forCase(id).map((v) =>
    toVerificationRow(
      v,
      ledger.verifications.documentsOf(v.id).map((d) => d.documentId),
    ),
  );
  return {
    case: row,
    expected: kase.expected,
    expectedSource: kase.expectedSource,
    documents: ledger.documents
      .forCase(id)
      .map((d) => ({ ...d, passwordGiven: ctx.passwords.has(d.id) })),
    verifications,
    checks: ledger.checks.forCase(id),
    history: ledger.history.forCase(id),
    allowedActions: actionsFor(reviewContext(ctx), id, reviewer(ctx)),
  };
}

export function caseHandlers(ctx: EngineContext): HandlerTable {
  const { ledger } = ctx;
  const afterChange = (caseIds: number[]) => {
    for (const id of caseIds) ctx.hub.caseChanged(id);
    ctx.statusChanged();
    ctx.runner?.wake();
  };
  return {
    'cases.list': (a) => ledger.cases.list(a),
    'cases.get': (a) => caseDetail(ctx, a.id),
    'review.list': (a: HandlerParsedArgs<'review.list'>) =>
      ledger.cases.list({ ...a, stage: a.stage?.length ? a.stage : [...REVIEW_STAGES] }),
    'review.act': (a) => {
      applyAction(reviewContext(ctx), { ...a, actor: reviewer(ctx) });
      afterChange([a.caseId]);
      return caseDetail(ctx, a.caseId);
    },
    'documents.unlock': async (a) => {
      const doc = ledger.documents.get(a.documentId);
      const { caseIds } = await ctx.passwords.unlock({
        ledger,
        dataDir: ctx.dataDir,
        documentId: a.documentId,
        password: a.password,
        actor: reviewer(ctx),
      });
      ctx.preflight?.wake();
      afterChange(caseIds);
      return caseDetail(ctx, doc?.caseId ?? caseIds[0]!);
    },
    'review.assign': (a) => {
      const updated = ledger.tx(() => {
        const n = ledger.cases.setAssignee(a.caseIds, a.assignee);
        for (const id of a.caseIds) {
          ledger.history.append({
            entity: 'case',
            entityId: id,
            caseId: id,
            what: 'assigned',
            to: a.assignee ?? 'nobody',
            actor: reviewer(ctx),
          });
        }
        return n;
      });
      afterChange(a.caseIds);
      return { updated };
    },
    'review.bulk': (a) => {
      let applied = 0;
      let skipped = 0;
      const rc = reviewContext(ctx);
      const actor = reviewer(ctx);
      for (const caseId of a.caseIds) {
        const targets = actionsFor(rc, caseId, actor).filter((x) => x.action === a.action);
        if (targets.length === 0) {
          skipped++;
          continue;
        }
        for (const t of targets) {
          try {
            applyAction(rc, {
              caseId,
              action: a.action,
              verificationId: t.verificationId,
              reason: a.reason,
              actor,
            });
            applied++;
          } catch {
            skipped++;
          }
        }
      }
      afterChange(a.caseIds);
      return { applied, skipped };
    },
  };
}
