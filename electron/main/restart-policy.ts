/**
 * When to restart a crashed engine, and when to stop trying. Crashes are counted inside a sliding
 * window: a crash loop (a damaged ledger, a missing native module) gives up after a few attempts,
 * while an engine that crashes once a day is restarted every time.
 */

export interface RestartPolicy {
  /** Delay before the first restart; doubles for each further crash inside the window. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** This many crashes inside `windowMs` and the supervisor gives up. */
  maxCrashes: number;
  windowMs: number;
  /** An engine that has not said 'ready' by then counts as crashed. */
  startTimeoutMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 5 * 60_000,
  // Opening the ledger may run migrations, a quick_check and a restore from backup first.
  startTimeoutMs: 120_000,
};

export function crashesInWindow(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((at) => now - at < windowMs);
}

/** Delay before restart number `crashCount` (1 = first crash in the window). */
export function restartDelay(
  crashCount: number,
  policy: Pick<RestartPolicy, 'baseDelayMs' | 'maxDelayMs'>,
): number {
  const exponent = Math.max(0, crashCount - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
}
