/**
 * Queue progress from successive status snapshots: how many verifications are through, how many
 * still move by themselves, the recent rate and an ETA. Pure functions, no clock of their own.
 */
import type { EngineStatus } from '../../../shared/contract.ts';

export interface ProgressSample {
  at: number;
  /** Verifications that left the automatic pipeline: done, cancelled or waiting for a person. */
  processed: number;
  /** Verifications still moving without a person: held, ready, sending, in doubt, waiting for a result. */
  remaining: number;
}

export function queueTotals(status: EngineStatus): {
  processed: number;
  remaining: number;
  total: number;
} {
  const q = status.queue;
  const processed = q.done + q.cancelled + q.needsPerson;
  const remaining = q.held + q.ready + q.submitting + q.inDoubt + q.polling;
  return { processed, remaining, total: processed + remaining };
}

export function progressSample(status: EngineStatus, at: number): ProgressSample {
  const { processed, remaining } = queueTotals(status);
  return { at, processed, remaining };
}

/**
 * Verifications processed per minute over the recent window, or null when there is not enough
 * history. Measured up to `now`, so the rate decays when nothing moves any more.
 */
export function ratePerMinute(
  samples: readonly ProgressSample[],
  now: number,
  windowMs = 5 * 60_000,
): number | null {
  const recent = samples.filter((s) => now - s.at <= windowMs);
  if (recent.length < 2) return null;
  // Start after the last drop (a resubmission can lower the count): only rises make a rate.
  let start = 0;
  for (let i = 1; i < recent.length; i++)
    if (recent[i]!.processed < recent[i - 1]!.processed) start = i;
  const first = recent[start]!;
  const last = recent[recent.length - 1]!;
  const elapsed = now - first.at;
  if (elapsed < 2000) return null;
  if (last.processed <= first.processed) return 0;
  return ((last.processed - first.processed) / elapsed) * 60_000;
}

/** Milliseconds until the remaining work is through at the given rate; null when unknown. */
export function etaMs(remaining: number, perMinute: number | null): number | null {
  if (remaining === 0) return 0;
  if (!perMinute || perMinute <= 0) return null;
  return (remaining / perMinute) * 60_000;
}
