/**
 * What result-import providers (ADVANCE.AI, AiPrise) share: the applicant's session is created in
 * the vendor's own H5/SDK flow, so CheckDesk never creates or acts, it only collects results for
 * ids imported from a sheet.
 */
import type { CanonicalVerification, ProviderName } from '../../../../shared/model.ts';
import { ProviderError, type ProviderOp } from '../errors.ts';
import type {
  LookupOutcome,
  PollTarget,
  ProviderAction,
  ProviderAdapter,
  ProviderContext,
  ProviderSnapshot,
} from '../types.ts';
import { asObj, type Obj } from './payload.ts';
import { unreadableResult } from './results.ts';

export function importOnlySubmitError(
  provider: ProviderName,
  label: string,
  idName: string,
): ProviderError {
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

export function unsupportedActionError(
  provider: ProviderName,
  label: string,
  action: ProviderAction,
): ProviderError {
  return new ProviderError({
    kind: 'protocol',
    op: 'action',
    provider,
    message: `${label} offers no '${action}' action through its API; decide in CheckDesk's review queue or in the ${label} dashboard`,
  });
}

/**
 * Runs `work` over `items` with at most `limit` in flight, in input order of start. The first
 * failure stops new work and is rethrown once the running ones settle: a poll either answers for
 * every target or fails as a whole (a missing target would read as "not found").
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
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

/**
 * The adapter methods that are the same for every result-import provider: submit, lookup and act
 * refuse (nothing is created or decided at the vendor through CheckDesk), poll fetches one result
 * per target with at most `concurrency` requests in flight, normalize is the provider's mapping.
 */
export function importOnlyMethods(spec: {
  provider: ProviderName;
  /** The vendor's name in messages, e.g. "ADVANCE.AI". */
  label: string;
  /** The imported id's name in messages, e.g. "signatureId". */
  idName: string;
  concurrency: number;
  snapshotFor(target: PollTarget, ctx: ProviderContext, op: ProviderOp): Promise<ProviderSnapshot>;
  normalize(payload: unknown): CanonicalVerification;
}): Pick<ProviderAdapter, 'submit' | 'lookup' | 'poll' | 'act' | 'normalize'> {
  const { provider, label, idName } = spec;
  return {
    async submit() {
      throw importOnlySubmitError(provider, label, idName);
    },
    async lookup() {
      return importOnlyLookup(label, idName);
    },
    async poll(targets, ctx) {
      const out = new Map<string, ProviderSnapshot>();
      await forEachLimited(targets, spec.concurrency, async (target) => {
        out.set(target.externalId, await spec.snapshotFor(target, ctx, 'poll'));
      });
      return out;
    },
    async act(action) {
      throw unsupportedActionError(provider, label, action);
    },
    normalize(payload) {
      return spec.normalize(payload);
    },
  };
}

/**
 * An explicitly configured base URL (a sandbox, a proxy): trailing slashes removed, or an error
 * text when it is not an http(s) URL. Null when none is configured. Errors are returned, not
 * thrown, so the adapter can report them as a ProviderError of the failing operation.
 */
export function explicitBaseUrl(
  label: string,
  baseUrl: string,
): { url: string } | { error: string } | null {
  const explicit = baseUrl.trim();
  if (explicit.length === 0) return null;
  try {
    const url = new URL(explicit);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { error: `${label} base URL must be http(s): ${explicit}` };
    return { url: explicit.replace(/\/+$/, '') };
  } catch {
    return { error: `${label} base URL is not a URL: ${explicit}` };
  }
}

/** The snapshot of one imported id: no credits are known (CheckDesk never bills these). */
export function importedSnapshot(
  target: PollTarget,
  result: CanonicalVerification,
  raw: unknown,
): ProviderSnapshot {
  return {
    externalId: target.externalId,
    externalGroup: target.externalGroup,
    result,
    raw,
    credits: null,
  };
}

/**
 * The total entry point of an import provider's `normalize`: the first element of a list (an
 * empty list, a non-object or an exception is an unreadable result, never a throw), then the
 * provider's own mapping of one object.
 */
export function normalizeObjectPayload(
  provider: ProviderName,
  payload: unknown,
  fromObject: (obj: Obj) => CanonicalVerification,
): CanonicalVerification {
  try {
    let value = payload;
    while (Array.isArray(value)) {
      if (value.length === 0) return unreadableResult(provider, 'an empty list');
      value = value[0];
    }
    const obj = asObj(value);
    if (!obj) return unreadableResult(provider, 'not a JSON object');
    return fromObject(obj);
  } catch (err) {
    return unreadableResult(provider, err instanceof Error ? err.message : 'unexpected shape');
  }
}
