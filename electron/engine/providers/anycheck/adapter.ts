/**
 * The AnyCheck adapter: what the queue calls (submit, lookup, poll, act), the CLI's normalize,
 * bulk export and the services catalogue.
 *
 * Options (ProviderConfig.options):
 * - resultIdStrategy: 'client' (default: the case's groupRef is sent as `result_id`, so a lost
 *   create can be found for certain by listing the group) | 'provider' (AnyCheck picks it).
 * - folder_name: one folder for everything instead of one per inbox.
 * - groupId: the AnyCheck group of the key (otherwise asked once via `path.me`).
 * - webhookUrl: registered on every verification (credential `webhookSecret` signs deliveries).
 * - firstPollMs (3000), maxPollIntervalMs (60000), pageSize (100, max 100), path.* (paths.ts).
 */
import { createHash } from 'node:crypto';
import { redact } from '../../../../shared/redact.ts';
import { ProviderError, type ProviderOp } from '../errors.ts';
import type { HttpResponse } from '../http.ts';
import type {
  LookupOutcome,
  PollTarget,
  ProviderAction,
  ProviderAdapter,
  ProviderConfig,
  ProviderContext,
  ProviderSnapshot,
  SubmissionDocument,
  SubmissionRequest,
} from '../types.ts';
import { ServiceCatalogue } from './catalogue.ts';
import { AnyCheckClient, PROVIDER, protocolError } from './client.ts';
import { duplicateForm, filesByField, uploadForm } from './documents.ts';
import { FolderResolver } from './folders.ts';
import { normalizeAnyCheck } from './normalize.ts';
import type { AnyCheckService } from './services.ts';
import {
  unwrapEnvelope,
  WireDuplicate,
  WireExport,
  WireUpload,
  WireVerification,
  WireVerificationList,
} from './wire.ts';

export interface AnyCheckAdapter extends ProviderAdapter {
  /** Bulk export in chunks of ≤10 result groups / ≤50 verifications per request; one xlsx Buffer per chunk. */
  bulkExport(resultIds: string[], ctx: ProviderContext): Promise<Buffer[]>;
  /** Services catalogue (cached via ctx.cache so an offline CheckDesk still knows what it can send). */
  services(ctx: ProviderContext, options?: { refresh?: boolean }): Promise<AnyCheckService[]>;
}

const EXPORT_MAX_GROUPS = 10;
const EXPORT_MAX_VERIFICATIONS = 50;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The workbook itself first; hosts that wrap it in JSON (base64) are still understood. */
const EXPORT_ACCEPT = `${XLSX_TYPE}, application/octet-stream;q=0.9, application/json;q=0.5`;
const MAX_DUPLICATE_HITS = 10;

type DuplicateHit = NonNullable<WireDuplicate['previous_verifications']>[number];

interface DuplicateVerdict {
  /** Verifications of this request that the provider already has (same group, service, type). */
  adoptable: WireVerification[];
  /** Hits that make sending again a possible double payment. */
  conflicts: { hit: DuplicateHit; payload: WireVerification | null }[];
}

function numberOption(value: unknown, fallback: number, min: number, max: number): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function mapStrings(value: unknown, fn: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return fn(value);
  if (depth > 30 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      mapStrings(v, fn, depth + 1),
    ]),
  );
}

/** An xlsx workbook is a zip archive: it starts with the local-file-header signature PK\x03\x04. */
function isZip(bytes: Buffer): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04
  );
}

/**
 * The workbook of one bulk-export answer: the answer's bytes when it is the file itself, or the
 * `file_base64` of a JSON answer `{file_name, file_base64, file_url?}`.
 */
function exportedWorkbook(res: HttpResponse, scrub: (text: string) => string): Buffer {
  if (res.json === undefined) {
    if (res.body && isZip(res.body)) return res.body;
    const type = res.headers.get('content-type') ?? 'no content type';
    throw protocolError(
      'poll',
      `AnyCheck answered the export with ${res.body?.length ?? 0} bytes (${type}) that are neither an xlsx workbook nor JSON.`,
      'EXPORT_UNREADABLE',
    );
  }
  const parsed = WireExport.safeParse(unwrapEnvelope(res.json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw protocolError(
      'poll',
      `AnyCheck answered "export the results" with a body CheckDesk cannot read (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not JSON'}).`,
      null,
      parsed.error,
    );
  }
  const data = parsed.data;
  if (!data.file_base64) {
    throw protocolError(
      'poll',
      `AnyCheck delivered the export as a link only${data.file_url ? ` (${scrub(data.file_url)})` : ''}; CheckDesk needs the workbook in the answer.`,
      'EXPORT_LINK_ONLY',
    );
  }
  return Buffer.from(data.file_base64, 'base64');
}

export function createAnyCheckAdapter(config: ProviderConfig): AnyCheckAdapter {
  const client = new AnyCheckClient(config);
  const opts = config.options;
  const strategy: 'client' | 'provider' =
    opts.resultIdStrategy === 'provider' ? 'provider' : 'client';
  const pageSize = numberOption(opts.pageSize, 100, 1, 100);
  // Cached ids belong to one host and one account: switching either must not reuse them. The
  // scope is a short hash, never the credential itself.
  const identity = config.credentials.apiKey ?? config.credentials.email ?? '';
  const scope = `anycheck:${createHash('sha256').update(`${client.baseUrl}\u0000${identity}`).digest('hex').slice(0, 12)}`;
  const catalogue = new ServiceCatalogue(client, `${scope}:services`);
  const folders = new FolderResolver(client, scope, {
    folderName:
      typeof opts.folder_name === 'string'
        ? opts.folder_name
        : typeof opts.folderName === 'string'
          ? opts.folderName
          : null,
    groupId: typeof opts.groupId === 'string' && opts.groupId ? opts.groupId : null,
    pageSize,
  });
  const webhookUrl =
    typeof opts.webhookUrl === 'string' && opts.webhookUrl ? opts.webhookUrl : null;

  function snapshot(payload: WireVerification, ctx: ProviderContext): ProviderSnapshot {
    const result = normalizeAnyCheck(payload);
    const code = catalogue.codeOf(ctx, payload.service?.id);
    if (code) result.service = code;
    result.environment = config.sandbox ? 'SANDBOX' : 'PRODUCTION';
    return {
      externalId: payload.id,
      externalGroup: payload.result_id ?? null,
      result,
      // AnyCheck echoes the api_key in every verification: keys named like secrets are dropped
      // and any credential value left in a string is scrubbed.
      raw: mapStrings(redact(payload), (s) => client.scrub(s)),
      credits: payload.credit_used ?? null,
    };
  }

  async function fetchOne(
    ctx: ProviderContext,
    id: string,
    op: ProviderOp,
  ): Promise<WireVerification> {
    const { data } = await client.call(ctx, {
      op,
      method: 'GET',
      endpoint: 'verification',
      params: { id },
      schema: WireVerification,
      what: 'return the verification',
    });
    return data;
  }

  async function listGroup(
    ctx: ProviderContext,
    resultId: string,
    op: ProviderOp,
  ): Promise<{ items: WireVerification[]; overall: string | null }> {
    const items: WireVerification[] = [];
    const seen = new Set<string>();
    let overall: string | null = null;
    for (let offset = 0; offset <= 10_000; offset += pageSize) {
      const { data } = await client.call(ctx, {
        op,
        method: 'GET',
        endpoint: 'verifications',
        query: { result_id: resultId, page_size: pageSize, page_offset: offset },
        schema: WireVerificationList,
        what: 'list the result group',
      });
      overall = data.overall_status ?? overall;
      let fresh = 0;
      for (const item of data.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        items.push(item);
        fresh++;
      }
      // Stop on a short page, a page with nothing new (a server that pages differently), or the total.
      if (
        data.items.length < pageSize ||
        fresh === 0 ||
        (data.total != null && items.length >= data.total)
      )
        break;
    }
    return { items, overall };
  }

  function sameService(
    service: AnyCheckService,
    ref: { id?: string | null; code?: string | null; name?: string | null } | null | undefined,
  ): boolean {
    if (!ref) return false;
    if (ref.id) return ref.id === service.id;
    if (ref.code) return ref.code === service.code;
    return !!ref.name && ref.name === service.name;
  }

  function verificationType(req: SubmissionRequest): string | null {
    const t = req.config.verification_type;
    return typeof t === 'string' && t ? t : null;
  }

  function sameRequest(
    item: WireVerification,
    service: AnyCheckService,
    req: SubmissionRequest,
  ): boolean {
    if (!sameService(service, item.service)) return false;
    const want = verificationType(req);
    const got = item.input_config?.verification_type;
    return want === null || typeof got !== 'string' || got === want;
  }

  async function duplicates(
    ctx: ProviderContext,
    docs: readonly SubmissionDocument[],
    op: ProviderOp,
    excludeId: string | null,
  ): Promise<DuplicateHit[]> {
    const { data } = await client.call(ctx, {
      op,
      method: 'POST',
      endpoint: 'checkDuplicate',
      body: await duplicateForm(docs, op, excludeId),
      long: true,
      schema: WireDuplicate,
      what: 'check the documents for duplicates',
    });
    if (!data.is_duplicate) return [];
    return (data.previous_verifications ?? [])
      .filter((h) => h.id !== excludeId)
      .slice(0, MAX_DUPLICATE_HITS);
  }

  /**
   * Sorts check-duplicate hits: the same service and verification type inside this case's result
   * group and not yet adopted → our own earlier create (adopt); another service inside the group
   * → the case using the same file twice (fine); anything else → a possible double payment.
   */
  async function duplicateVerdict(
    ctx: ProviderContext,
    req: SubmissionRequest,
    service: AnyCheckService,
    op: ProviderOp,
    excludeId: string | null,
  ): Promise<DuplicateVerdict> {
    const hits = await duplicates(ctx, req.documents, op, excludeId);
    const verdict: DuplicateVerdict = { adoptable: [], conflicts: [] };
    const known = new Set(req.knownExternalIds);
    for (const hit of hits) {
      let payload: WireVerification;
      try {
        payload = await fetchOne(ctx, hit.id, op);
      } catch (err) {
        // Gone at the provider since the duplicate index saw it: nothing to adopt or to pay twice for.
        if (err instanceof ProviderError && err.status === 404) continue;
        throw err;
      }
      const inGroup = req.groupRef !== null && payload.result_id === req.groupRef;
      if (inGroup && !sameRequest(payload, service, req)) continue;
      if (inGroup && !known.has(hit.id)) verdict.adoptable.push(payload);
      else verdict.conflicts.push({ hit, payload });
    }
    return verdict;
  }

  function duplicateError(op: ProviderOp, conflicts: DuplicateVerdict['conflicts']): ProviderError {
    const described = conflicts.slice(0, 3).map(({ hit, payload }) => {
      const serviceName = hit.service?.name ?? payload?.service?.name ?? 'a verification';
      const folder = hit.folder?.name ? ` in folder "${hit.folder.name}"` : '';
      return `${serviceName}${folder} (verification ${hit.id})`;
    });
    const more = conflicts.length > 3 ? ` and ${conflicts.length - 3} more` : '';
    return new ProviderError({
      kind: 'duplicate',
      op,
      provider: PROVIDER,
      vendorCode: 'DUPLICATE',
      message: client.scrub(
        `AnyCheck already verified these documents: ${described.join('; ')}${more}. Sending them again would be paid again; a person decides.`,
      ),
    });
  }

  async function prepareCreate(
    req: SubmissionRequest,
    ctx: ProviderContext,
    service: AnyCheckService,
  ): Promise<Record<string, unknown>> {
    const folderId = await folders.resolve(ctx, req.inboxLabel);
    const configuration: Record<string, unknown> = { ...req.config };
    if (req.documents.length > 0) {
      const { data } = await client.call(ctx, {
        op: 'upload',
        method: 'POST',
        endpoint: 'uploads',
        body: await uploadForm(req.documents),
        long: true,
        schema: WireUpload,
        what: 'accept the upload',
      });
      if (data.files.length !== req.documents.length) {
        throw protocolError(
          'upload',
          `AnyCheck stored ${data.files.length} of ${req.documents.length} uploaded files.`,
        );
      }
      configuration.files = filesByField(
        req.documents,
        data.files.map((f) => f.path),
      );
    }
    const body: Record<string, unknown> = {
      service_id: service.id,
      folder_id: folderId,
      configuration,
    };
    if (strategy === 'client' && req.groupRef) body.result_id = req.groupRef;
    if (webhookUrl) {
      body.webhook_url = webhookUrl;
      const metadata: Record<string, unknown> = { checkdesk_key: req.idempotencyKey };
      if (config.credentials.webhookSecret)
        metadata.webhook_secret = config.credentials.webhookSecret;
      body.webhook_metadata = metadata;
    }
    return body;
  }

  async function create(
    ctx: ProviderContext,
    body: Record<string, unknown>,
  ): Promise<WireVerification> {
    const { data } = await client.call(ctx, {
      op: 'create',
      method: 'POST',
      endpoint: 'verifications',
      body,
      schema: WireVerification,
      what: 'create the verification',
    });
    return data;
  }

  const adapter: AnyCheckAdapter = {
    name: 'anycheck',
    capabilities: {
      create: true,
      lookup: true,
      batchPoll: true,
      actions: ['retry', 'retry_force', 'confirm_fraud', 'cancel_fraud'],
    },
    polling: {
      firstAfterMs: numberOption(opts.firstPollMs, 3_000, 0, 3_600_000),
      maxIntervalMs: numberOption(opts.maxPollIntervalMs, 60_000, 1_000, 3_600_000),
    },

    async probe(ctx) {
      await catalogue.list(ctx, { refresh: true, op: 'probe', strict: true });
    },

    async submit(req, ctx) {
      const service = await catalogue.resolve(ctx, req.service, 'upload');
      if (req.documents.length > 0 && !req.force) {
        const verdict = await duplicateVerdict(ctx, req, service, 'upload', req.externalId);
        if (verdict.adoptable.length === 1) {
          ctx.log.info('anycheck adopted an existing verification instead of creating one', {
            externalId: verdict.adoptable[0]!.id,
          });
          return snapshot(verdict.adoptable[0]!, ctx);
        }
        const conflicts = [
          ...verdict.conflicts,
          ...verdict.adoptable.map((payload) => ({
            hit: { id: payload.id, service: payload.service },
            payload,
          })),
        ];
        if (conflicts.length > 0) throw duplicateError('create', conflicts);
      }
      let body = await prepareCreate(req, ctx, service);
      try {
        return snapshot(await create(ctx, body), ctx);
      } catch (err) {
        // A cached service or folder id the provider no longer knows (refused with 404 / bad id:
        // nothing was created). Re-resolve once and send again.
        if (!(
          err instanceof ProviderError &&
          err.kind === 'http' &&
          (err.vendorCode === 'NOT_FOUND' || err.vendorCode === 'INVALID_ID')
        ))
          throw err;
        catalogue.invalidate(ctx);
        folders.forget(ctx, req.inboxLabel);
        const fresh = await catalogue.resolve(ctx, req.service, 'upload');
        const before = { service: body.service_id, folder: body.folder_id };
        body = await prepareCreate(req, ctx, fresh);
        if (before.service === body.service_id && before.folder === body.folder_id) throw err;
        ctx.log.warn('anycheck refreshed stale service/folder ids and sent the verification again');
        return snapshot(await create(ctx, body), ctx);
      }
    },

    async lookup(req, ctx): Promise<LookupOutcome> {
      const service = await catalogue.resolve(ctx, req.service, 'lookup');
      const known = new Set(req.knownExternalIds);
      if (strategy === 'client' && req.groupRef) {
        const { items } = await listGroup(ctx, req.groupRef, 'lookup');
        const candidates = items.filter((i) => sameRequest(i, service, req) && !known.has(i.id));
        if (candidates.length === 1) return { kind: 'found', ...snapshot(candidates[0]!, ctx) };
        if (candidates.length === 0) return { kind: 'absent' };
        const ids = candidates.map((c) => c.id);
        if (req.documents.length === 0) {
          return {
            kind: 'unknown',
            explanation: `AnyCheck has ${ids.length} ${service.name} verifications in this case's result group that CheckDesk has not matched yet (${ids.join(', ')}); without files it cannot tell which one it sent. Pick the right one or resend.`,
          };
        }
        const hitIds = new Set(
          (await duplicates(ctx, req.documents.slice(0, 1), 'lookup', null)).map((h) => h.id),
        );
        const matching = candidates.filter((c) => hitIds.has(c.id));
        if (matching.length === 1) return { kind: 'found', ...snapshot(matching[0]!, ctx) };
        return {
          kind: 'unknown',
          explanation: `AnyCheck has ${ids.length} ${service.name} verifications in this case's result group that could be the one CheckDesk sent (${ids.join(', ')}), and the file check ${matching.length === 0 ? 'matches none of them' : `matches ${matching.length}`}. Pick the right one or resend.`,
        };
      }
      if (req.documents.length === 0) {
        return {
          kind: 'unknown',
          explanation: `AnyCheck chose the result group for this ${service.name} verification and it carries no files to search by, so CheckDesk cannot tell whether the unanswered request was created. Check the AnyCheck dashboard (folder "${folders.nameFor(req.inboxLabel)}") before resending.`,
        };
      }
      const hits = await duplicates(ctx, req.documents, 'lookup', null);
      const found: WireVerification[] = [];
      for (const hit of hits) {
        if (known.has(hit.id) || (hit.service && !sameService(service, hit.service))) continue;
        try {
          const payload = await fetchOne(ctx, hit.id, 'lookup');
          if (sameRequest(payload, service, req)) found.push(payload);
        } catch (err) {
          if (!(err instanceof ProviderError && err.status === 404)) throw err;
        }
      }
      if (found.length === 1) return { kind: 'found', ...snapshot(found[0]!, ctx) };
      if (found.length === 0) {
        return {
          kind: 'unknown',
          explanation: `AnyCheck reports no ${service.name} verification with these files, but AnyCheck chose the result group so this is not certain. Check the AnyCheck dashboard before resending.`,
        };
      }
      return {
        kind: 'unknown',
        explanation: `AnyCheck has ${found.length} ${service.name} verifications with these files (${found.map((f) => f.id).join(', ')}); pick the one CheckDesk sent.`,
      };
    },

    async poll(targets: readonly PollTarget[], ctx) {
      const out = new Map<string, ProviderSnapshot>();
      const groups = new Map<string, PollTarget[]>();
      const singles: PollTarget[] = [];
      for (const t of targets) {
        if (t.externalGroup) {
          const list = groups.get(t.externalGroup) ?? [];
          list.push(t);
          groups.set(t.externalGroup, list);
        } else singles.push(t);
      }
      for (const [group, members] of groups) {
        if (members.length === 1) {
          singles.push(members[0]!);
          continue;
        }
        const { items } = await listGroup(ctx, group, 'poll');
        const index = new Map(items.map((i) => [i.id, i]));
        for (const t of members) {
          const item = index.get(t.externalId);
          if (item) out.set(t.externalId, snapshot(item, ctx));
          else singles.push(t);
        }
      }
      for (const t of singles) {
        try {
          out.set(t.externalId, snapshot(await fetchOne(ctx, t.externalId, 'poll'), ctx));
        } catch (err) {
          if (err instanceof ProviderError && err.status === 404) continue;
          throw err;
        }
      }
      return out;
    },

    async act(action: ProviderAction, target, input, ctx) {
      switch (action) {
        case 'retry':
        case 'retry_force': {
          const req = input.request;
          if (req && req.documents.length > 0 && !req.force) {
            const service = await catalogue.resolve(ctx, req.service, 'action');
            const verdict = await duplicateVerdict(ctx, req, service, 'action', target.externalId);
            // While retrying, any other verification with these files is a possible second payment.
            const conflicts = [
              ...verdict.conflicts,
              ...verdict.adoptable.map((payload) => ({
                hit: { id: payload.id, service: payload.service },
                payload,
              })),
            ];
            if (conflicts.length > 0) throw duplicateError('action', conflicts);
          }
          const { data } = await client.call(ctx, {
            op: 'action',
            method: 'POST',
            endpoint: 'retry',
            params: { id: target.externalId },
            query: action === 'retry_force' ? { force: true } : undefined,
            schema: WireVerification,
            what: 'retry the verification',
          });
          return snapshot(data, ctx);
        }
        case 'confirm_fraud':
        case 'cancel_fraud': {
          // confirm_fraud = a person confirms that processing may proceed; cancel_fraud = stop it.
          const body: Record<string, unknown> = {
            action: action === 'confirm_fraud' ? 'PROCEED' : 'REJECT',
          };
          if (input.reason) body.reason = input.reason;
          const { data } = await client.call(ctx, {
            op: 'action',
            method: 'POST',
            endpoint: 'fraudConfirmation',
            params: { id: target.externalId },
            body,
            schema: WireVerification,
            what:
              action === 'confirm_fraud'
                ? 'continue the verification'
                : 'stop the verification as fraud',
          });
          return snapshot(data, ctx);
        }
        default:
          throw protocolError(
            'action',
            `AnyCheck has no "${action}" action; it is handled inside CheckDesk.`,
            'UNSUPPORTED_ACTION',
          );
      }
    },

    normalize(payload) {
      return normalizeAnyCheck(payload);
    },

    async services(ctx, options = {}) {
      return catalogue.list(ctx, { refresh: options.refresh === true, op: 'probe' });
    },

    async bulkExport(resultIds, ctx) {
      const sizes: { id: string; n: number }[] = [];
      for (const id of [...new Set(resultIds)]) {
        const { data } = await client.call(ctx, {
          op: 'poll',
          method: 'GET',
          endpoint: 'verifications',
          query: { result_id: id, page_size: 1, page_offset: 0 },
          schema: WireVerificationList,
          what: 'count the result group',
        });
        const n = data.total ?? data.items.length;
        if (n > 0) sizes.push({ id, n });
      }
      const chunks: string[][] = [];
      let current: string[] = [];
      let count = 0;
      for (const { id, n } of sizes) {
        if (
          current.length > 0 &&
          (current.length >= EXPORT_MAX_GROUPS || count + n > EXPORT_MAX_VERIFICATIONS)
        ) {
          chunks.push(current);
          current = [];
          count = 0;
        }
        current.push(id);
        count += n;
      }
      if (current.length > 0) chunks.push(current);
      const files: Buffer[] = [];
      for (const chunk of chunks) {
        const { res } = await client.call(ctx, {
          op: 'poll',
          method: 'POST',
          endpoint: 'bulkExport',
          body: { result_ids: chunk, format: 'xlsx', sheet_mode: 'multiple' },
          long: true,
          responseType: 'buffer',
          accept: EXPORT_ACCEPT,
          what: 'export the results',
        });
        files.push(exportedWorkbook(res, (text) => client.scrub(text)));
      }
      return files;
    },
  };
  return adapter;
}
