/**
 * What result-import providers (ADVANCE.AI, AiPrise) share: the applicant's session is created
 * in the vendor's own H5/SDK flow, so CheckDesk never creates or acts, it only collects results
 * for ids imported from a sheet. Used by both adapters.
 */
import type { CanonicalVerification, ProviderName } from '../../../../shared/model.ts';
import { parseRateLimitReset, ProviderError } from '../errors.ts';
import type { HttpResponse } from '../http.ts';
import type { LookupOutcome, ProviderAction, ProviderContext } from '../types.ts';

export function importOnlySubmitError(provider: ProviderName, label: string, idName: string): ProviderError {
  return new ProviderError({
    kind: 'protocol',
    op: 'create',
    provider,
    message: `${label} sessions are started by the applicant in ${label}'s own flow; CheckDesk only imports their results by ${idName}`,
  });
}

export function importOnlyLookup(label: string, idName: string): LookupOutcome {
  return {
    kind: 'unknown',
    explanation: `${label} results are imported by ${idName}; CheckDesk never creates ${label} sessions, so there is nothing of its own to look up`,
  };
}

export function unsupportedActionError(provider: ProviderName, label: string, action: ProviderAction): ProviderError {
  return new ProviderError({
    kind: 'protocol',
    op: 'action',
    provider,
    message: `${label} offers no '${action}' action through its API; decide in CheckDesk's review queue or in the ${label} dashboard`,
  });
}

/** Passes X-RateLimit-Remaining / Reset on to the queue when the vendor sends them. */
export function reportRateLimit(res: HttpResponse, ctx: ProviderContext): void {
  const remaining = res.headers.get('x-ratelimit-remaining');
  if (remaining === null || !/^\d+$/.test(remaining.trim())) return;
  ctx.rateLimitHint(Number(remaining), parseRateLimitReset(res.headers.get('x-ratelimit-reset'), ctx.now()));
}

/**
 * Runs `work` over `items` with at most `limit` in flight, in input order of start. The first
 * failure stops new work and is rethrown once the running ones settle: a poll either answers for
 * every target or fails as a whole (a missing target would read as "not found").
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const n = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: n }, () => worker()));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** Canonical result for input that is not a result at all (normalize never throws). */
export function unreadableResult(provider: ProviderName, why: string): CanonicalVerification {
  return {
    provider,
    runStatus: 'FAILED',
    decision: 'REVIEW',
    review: 'REQUIRED',
    vendorStatus: null,
    vendorDecision: null,
    reasons: [{ code: 'UNREADABLE_PAYLOAD', vendorCode: null, message: `The payload could not be read as a ${provider} result: ${why}`, severity: 'ERROR' }],
    checks: [],
    extracted: {},
  };
}
