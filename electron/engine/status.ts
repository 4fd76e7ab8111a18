/**
 * The status snapshot: what is waiting, why, and until when. Also the body of
 * `checkdesk status --json` (PRODUCT.md §5 shape plus extras).
 */
import type { EngineStatus, ProviderStatus } from '../../shared/contract.ts';
import type { ProviderName } from '../../shared/model.ts';
import type { EngineContext } from './index.ts';
import { VERSION } from './version.ts';

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

function startOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function computeStatus(ctx: EngineContext): EngineStatus {
  const { ledger } = ctx;
  const phases = ledger.verifications.countsByPhase();
  return {
    version: VERSION,
    dataDir: ctx.dataDir,
    startedAt: ctx.startedAt,
    files: ledger.files.countsByState(),
    documents: ledger.documents.count(),
    cases: ledger.cases.countsByStage(),
    verifications: ledger.verifications.countsBy('run_status'),
    decisions: ledger.verifications.countsBy('decision'),
    reviewQueue: ledger.cases.reviewQueueSize(),
    queue: {
      held: phases.HELD ?? 0,
      ready: phases.READY ?? 0,
      submitting: phases.SUBMITTING ?? 0,
      inDoubt: phases.IN_DOUBT ?? 0,
      polling: phases.POLLING ?? 0,
      done: phases.DONE ?? 0,
      needsPerson: (phases.NEEDS_PERSON ?? 0) + (phases.ON_HOLD ?? 0),
      cancelled: phases.CANCELLED ?? 0,
    },
    nextWake: null,
    creditsToday: ledger.verifications.creditsSince(startOfLocalDay(ledger.now())),
    providers: providerStatuses(ctx),
    inboxes: ledger.inboxes.list(),
    notices: ctx.notices.slice(-20),
    language: ledger.settings.get<'en' | 'id'>('language', 'en'),
    waiting: ledger.verifications.waitingSummary().map((w) => {
      const gate = ctx.runner?.health.gate(w.provider as ProviderName);
      // A paused provider holds everything it has: say so, with the pause's own end time.
      const paused =
        gate &&
        !gate.open &&
        (w.phase === 'READY' ||
          w.phase === 'IN_DOUBT' ||
          w.phase === 'POLLING' ||
          w.phase === 'ACTION');
      return {
        provider: w.provider,
        phase: w.phase,
        count: w.count,
        until: paused
          ? gate.until
          : w.phase === 'NEEDS_PERSON' || w.phase === 'ON_HOLD' || w.phase === 'HELD'
            ? null
            : w.nextAt,
        reason: paused
          ? `${w.provider} is ${gate.health.replace('_', ' ')}${gate.reason ? `: ${gate.reason}` : ''}`
          : w.reason,
      };
    }),
  };
}

/** Configured providers (running engine) or those the ledger knows (one-shot queries). */
export function providerStatuses(ctx: EngineContext): Record<string, ProviderStatus> {
  const out: Record<string, ProviderStatus> = {};
  const names = new Set<string>([
    ...ctx.registry.list().map((e) => e.config.name),
    ...(ctx.runner ? [] : ctx.ledger.providers.names()),
  ]);
  for (const name of names) {
    const s = ctx.ledger.providers.get(name);
    const now = ctx.ledger.now();
    const expiredPause = s.health === 'rate_limited' && (s.pausedUntil ?? 0) <= now;
    out[name] = {
      name: name as ProviderName,
      state: expiredPause ? 'online' : s.health,
      pausedUntil: expiredPause ? null : s.pausedUntil,
      reason: expiredPause ? null : s.reason,
      ...ctx.registry.describe(name as ProviderName),
      inFlight: ctx.runner?.inFlightCount(name as ProviderName) ?? 0,
    };
  }
  return out;
}
