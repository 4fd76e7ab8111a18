/**
 * Waiting for a provider to finish with a verification, for tests on a loaded machine: poll until
 * the answer is terminal (or shows the state a test waits for) within a generous deadline,
 * instead of sleeping a fixed time and polling once. The sandboxes compute a verification's state
 * from its timestamps when it is read, so polling early is harmless and a late poll always sees
 * the final state.
 */
import { until } from '../../helpers/tmp.ts';
import type {
  PollTarget,
  ProviderAdapter,
  ProviderContext,
  ProviderSnapshot,
} from '../../../electron/engine/providers/types.ts';

/** Generous: processing takes well under a second in the sandboxes; a busy 2-core CI runner is slow. */
export const SETTLE_TIMEOUT_MS = 20_000;

/** The provider is still working on it: a later poll will say more. */
export function inFlight(snapshot: ProviderSnapshot): boolean {
  return snapshot.result.runStatus === 'QUEUED' || snapshot.result.runStatus === 'PROCESSING';
}

function targetOf(s: Pick<ProviderSnapshot, 'externalId' | 'externalGroup'>): PollTarget {
  return { verificationId: 1, externalId: s.externalId, externalGroup: s.externalGroup };
}

/**
 * Polls one verification until `done` (by default: no longer in flight) and returns that
 * snapshot. Throws after the deadline, naming the last state seen.
 */
export async function pollUntil(
  adapter: Pick<ProviderAdapter, 'poll'>,
  verification: Pick<ProviderSnapshot, 'externalId' | 'externalGroup'>,
  ctx: ProviderContext,
  done: (snapshot: ProviderSnapshot) => boolean = (s) => !inFlight(s),
): Promise<ProviderSnapshot> {
  let last = 'nothing (not in the poll answer)';
  return until(
    async () => {
      const snapshot = (await adapter.poll([targetOf(verification)], ctx)).get(
        verification.externalId,
      );
      if (!snapshot) return null;
      last = `${snapshot.result.runStatus}/${snapshot.result.vendorStatus ?? 'no vendor status'}`;
      return done(snapshot) ? snapshot : null;
    },
    {
      timeoutMs: SETTLE_TIMEOUT_MS,
      intervalMs: 25,
      // Read when the deadline passes, so the message names the last state seen.
      get what() {
        return `${verification.externalId} to settle (last seen: ${last})`;
      },
    },
  );
}

/** Polls several verifications together until none of those the provider knows is in flight. */
export async function pollUntilAllSettled(
  adapter: Pick<ProviderAdapter, 'poll'>,
  verifications: readonly Pick<ProviderSnapshot, 'externalId' | 'externalGroup'>[],
  ctx: ProviderContext,
): Promise<Map<string, ProviderSnapshot>> {
  return until(
    async () => {
      const map = await adapter.poll(verifications.map(targetOf), ctx);
      return [...map.values()].some(inFlight) ? null : map;
    },
    {
      timeoutMs: SETTLE_TIMEOUT_MS,
      intervalMs: 25,
      what: `${verifications.length} verifications to settle`,
    },
  );
}
