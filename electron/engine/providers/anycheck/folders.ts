/**
 * One AnyCheck folder per inbox (or the `folder_name` option), created on first use. Before
 * creating, the folder is looked up by name: a crash between "create folder" and "remember its
 * id" must not leave a new folder behind on every restart.
 */
import { ProviderError } from '../errors.ts';
import type { ProviderContext } from '../types.ts';
import type { AnyCheckClient } from './client.ts';
import { WireFolder, WireFolderList, WireMe } from './wire.ts';

const MAX_NAME = 100;

export class FolderResolver {
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly client: AnyCheckClient,
    private readonly cachePrefix: string,
    private readonly options: {
      folderName: string | null;
      groupId: string | null;
      pageSize: number;
    },
  ) {}

  nameFor(inboxLabel: string): string {
    const name = (this.options.folderName ?? inboxLabel).trim() || 'CheckDesk';
    return name.length > MAX_NAME ? name.slice(0, MAX_NAME) : name;
  }

  async resolve(ctx: ProviderContext, inboxLabel: string): Promise<string> {
    const name = this.nameFor(inboxLabel);
    const cached = ctx.cache.get<string>(`${this.cachePrefix}:folder:${name}`);
    if (typeof cached === 'string' && cached.length > 0) return cached;
    let pending = this.inflight.get(name);
    if (!pending) {
      pending = this.findOrCreate(ctx, name).finally(() => this.inflight.delete(name));
      this.inflight.set(name, pending);
    }
    return pending;
  }

  forget(ctx: ProviderContext, inboxLabel: string): void {
    ctx.cache.set(`${this.cachePrefix}:folder:${this.nameFor(inboxLabel)}`, null);
  }

  private async findOrCreate(ctx: ProviderContext, name: string): Promise<string> {
    const existing = await this.findByName(ctx, name);
    const id = existing ?? (await this.create(ctx, name));
    ctx.cache.set(`${this.cachePrefix}:folder:${name}`, id);
    return id;
  }

  private async create(ctx: ProviderContext, name: string): Promise<string> {
    const { data } = await this.client.call(ctx, {
      op: 'upload',
      method: 'POST',
      endpoint: 'folders',
      body: { name },
      schema: WireFolder,
      what: 'create a folder',
    });
    if (data.group?.id) ctx.cache.set(`${this.cachePrefix}:group`, data.group.id);
    ctx.log.info('anycheck folder created', { folderId: data.id });
    return data.id;
  }

  private async groupId(ctx: ProviderContext): Promise<string | null> {
    if (this.options.groupId) return this.options.groupId;
    const cached = ctx.cache.get<string>(`${this.cachePrefix}:group`);
    if (typeof cached === 'string' && cached) return cached;
    try {
      const { data } = await this.client.call(ctx, {
        op: 'upload',
        method: 'GET',
        endpoint: 'me',
        schema: WireMe,
        what: 'say which group this key belongs to',
      });
      const id = data.group?.id ?? data.group_id ?? null;
      if (id) ctx.cache.set(`${this.cachePrefix}:group`, id);
      return id;
    } catch (err) {
      // A deployment without the endpoint: folders can still be created, just not looked up first.
      if (err instanceof ProviderError && (err.status === 404 || err.status === 405)) {
        ctx.log.warn(
          'anycheck cannot tell the group id; set the groupId option so folders are looked up before being created',
        );
        return null;
      }
      throw err;
    }
  }

  private async findByName(ctx: ProviderContext, name: string): Promise<string | null> {
    const group = await this.groupId(ctx);
    if (!group) return null;
    const pageSize = this.options.pageSize;
    for (let offset = 0; offset < 10_000; offset += pageSize) {
      const { data } = await this.client.call(ctx, {
        op: 'upload',
        method: 'GET',
        endpoint: 'groupFolders',
        params: { group_id: group },
        query: { search: name, page_size: pageSize, page_offset: offset },
        schema: WireFolderList,
        what: 'list its folders',
      });
      // `search` is a case-insensitive substring match: only an exact name counts.
      const hit = data.items
        .filter((f) => f.name === name)
        .sort((a, b) => String(a.id).localeCompare(String(b.id)))[0];
      if (hit) return hit.id;
      if (data.items.length < pageSize || (data.total != null && offset + pageSize >= data.total))
        break;
    }
    return null;
  }
}
