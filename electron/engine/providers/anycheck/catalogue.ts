/**
 * The services catalogue, cached in the provider cache so an offline CheckDesk still knows which
 * services (and prices) it can send; one fetch at a time.
 */
import { ProviderError, type ProviderOp } from '../errors.ts';
import type { ProviderContext } from '../types.ts';
import { protocolError, type AnyCheckClient } from './client.ts';
import type { AnyCheckService } from './services.ts';
import { WireServiceList } from './wire.ts';

interface CachedCatalogue {
  fetchedAt: number;
  items: AnyCheckService[];
}

export class ServiceCatalogue {
  private inflight: Promise<AnyCheckService[]> | null = null;

  constructor(
    private readonly client: AnyCheckClient,
    private readonly cacheKey: string,
  ) {}

  /**
   * The catalogue, from the cache unless `refresh`. A refresh that cannot reach AnyCheck falls
   * back to the cached copy (offline is normal) unless `strict` (the probe wants the real answer).
   */
  async list(
    ctx: ProviderContext,
    options: { refresh?: boolean; op?: ProviderOp; strict?: boolean } = {},
  ): Promise<AnyCheckService[]> {
    const cached = ctx.cache.get<CachedCatalogue>(this.cacheKey);
    if (cached && Array.isArray(cached.items) && !options.refresh) return cached.items;
    try {
      return await this.fetch(ctx, options.op ?? 'probe');
    } catch (err) {
      if (
        !options.strict &&
        cached &&
        Array.isArray(cached.items) &&
        err instanceof ProviderError &&
        err.kind !== 'http'
      ) {
        ctx.log.warn('anycheck services catalogue unreachable; using the cached copy', {
          fetchedAt: cached.fetchedAt,
        });
        return cached.items;
      }
      throw err;
    }
  }

  private fetch(ctx: ProviderContext, op: ProviderOp): Promise<AnyCheckService[]> {
    this.inflight ??= (async () => {
      try {
        const { data } = await this.client.call(ctx, {
          op,
          method: 'GET',
          endpoint: 'services',
          query: { page_size: 100, page_offset: 0 },
          schema: WireServiceList,
          what: 'list its services',
        });
        const items: AnyCheckService[] = data.items.map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name ?? s.code,
          category: s.category?.name ?? null,
          categoryType: s.category?.type ?? null,
          enabled: s.is_enabled !== false,
          creditCost: s.credit_cost_default ?? null,
        }));
        ctx.cache.set(this.cacheKey, { fetchedAt: ctx.now(), items } satisfies CachedCatalogue);
        return items;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  /** The service for a code; refreshes once when the cached catalogue does not have it. */
  async resolve(ctx: ProviderContext, code: string, op: ProviderOp): Promise<AnyCheckService> {
    let found = (await this.list(ctx, { op })).find((s) => s.code === code);
    if (!found) found = (await this.list(ctx, { refresh: true, op })).find((s) => s.code === code);
    if (!found)
      throw protocolError(
        op,
        `AnyCheck does not offer the service ${code} to this account.`,
        'SERVICE_NOT_AVAILABLE',
      );
    if (!found.enabled)
      throw protocolError(
        op,
        `The AnyCheck service ${code} is disabled for this account.`,
        'SERVICE_DISABLED',
      );
    return found;
  }

  /** Forgets the cached catalogue (a create answered that a cached id no longer exists). */
  invalidate(ctx: ProviderContext): void {
    ctx.cache.set(this.cacheKey, null);
  }

  /** The code of a service id, from the cached catalogue only (no request). */
  codeOf(ctx: ProviderContext, serviceId: string | null | undefined): string | null {
    if (!serviceId) return null;
    const cached = ctx.cache.get<CachedCatalogue>(this.cacheKey);
    return cached?.items?.find((s) => s.id === serviceId)?.code ?? null;
  }
}
