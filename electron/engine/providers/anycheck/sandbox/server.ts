/**
 * The AnyCheck sandbox: a loopback HTTP server speaking AnyCheck's wire format closely enough that
 * the client cannot tell it from the real service. It is also CheckDesk's out-of-the-box provider.
 * Behaviour is documented in ../SANDBOX.md; outcome rules and marker names in ./rules.ts.
 *
 * Deterministic by construction: a verification's status is computed from its timestamps when it
 * is read (IN_QUEUE for the first fifth of `processingMs`, IN_PROGRESS until `processingMs`, then
 * its outcome) — no timers advance state. Faults come from a PRNG seeded with `seed`.
 *
 * Webhooks: a verification created with `webhook_url` gets a signed POST at each status change
 * (./webhooks.ts); deliveries run on timers but never change what a read returns.
 *
 * Billing journal (`GET /__sandbox/billing`, no auth): one entry per billable request accepted.
 * A create that was committed and then had its connection reset is billed (that is the point of
 * the fault). A retry (POST /verifications/{id}/retry) is billed too and appears as another entry
 * with the SAME verification id; a create AnyCheck refused (4xx, or an injected 5xx before commit)
 * is not billed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { redact } from '../../../../../shared/redact.ts';
import { rateLimitHeaders, retryAfterSeconds, TokenBucket } from '../../kit/rate-limit.ts';
import { seededRandom } from '../../kit/sandbox-faults.ts';
import {
  cancellableSleep,
  closeServer,
  headerValue,
  listenOnLoopback,
  readBody,
  writeAnswer,
} from '../../kit/sandbox-http.ts';
import type { BillingEntry, RunningSandbox, SandboxOptions } from '../../types.ts';
import { SERVICE_PROFILES, type AnyCheckServiceCode } from '../services.ts';
import { decodeParam, errorBody, SandboxError } from './errors.ts';
import { filesOf, formBody, jsonBody } from './io.ts';
import {
  folderJson,
  overallStatus,
  phase,
  serviceJson,
  stableId,
  verificationJson,
  webhookPayloadJson,
  type RenderEnv,
} from './render.ts';
import { analyseFile, decideOutcome, FRAUD_INDICATORS, type Outcome } from './rules.ts';
import { SandboxStore, type SbVerification } from './store.ts';
import { WebhookSender, type WebhookTransition } from './webhooks.ts';
import { exportWorkbook } from './xlsx.ts';

export interface AnyCheckSandboxOptions extends SandboxOptions {
  /** Time from create to the terminal status (default 3000 ms). */
  processingMs?: number;
  /** Answer errors in the legacy `{success: false, error: {code, message}}` format. */
  legacyErrors?: boolean;
  /** How long a "slow" fault holds its answer (default 35 000 ms: past the client's 30 s timeout). */
  slowMs?: number;
  /** Relative weights of the injected faults (default error 2, slow 1, reset 1). */
  faultWeights?: { error?: number; slow?: number; reset?: number };
  /** Which requests can meet a fault: 'all' (default), 'writes' (POST) or 'creates' (create and retry). */
  faultScope?: 'all' | 'writes' | 'creates';
  /**
   * Which requests the rate limit counts: 'writes' (default: every POST; reads are free),
   * 'creates' (only billable requests: create and retry) or 'all'. `/__sandbox/*` never counts.
   */
  rateLimitScope?: 'writes' | 'creates' | 'all';
  /** Largest accepted request body (default 25 MiB); larger → 413. */
  maxBodyBytes?: number;
  /** Lifetime of JWT access tokens (default 1 h), to exercise TOKEN_EXPIRED. */
  accessTokenTtlMs?: number;
  /**
   * How bulk exports are answered: 'negotiate' (default) sends the xlsx file itself to a client
   * whose Accept names it (or application/octet-stream) and JSON with the workbook as base64
   * otherwise; 'json' always answers JSON, like older hosts.
   */
  bulkExportFormat?: 'negotiate' | 'json';
  /** Webhook delivery: attempts per status change (default 4) and the first retry delay (default 1000 ms, doubling). */
  webhookAttempts?: number;
  webhookRetryMs?: number;
  /**
   * Sign every webhook with this secret instead of the `webhook_metadata.webhook_secret` each
   * create registered (an account-level secret, or one rotated since the create).
   */
  webhookSigningSecret?: string;
  /** Clock (tests). */
  now?: () => number;
}

export const DEFAULT_SANDBOX_API_KEY = 'cdx-anycheck-sandbox-key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Answer {
  status: number;
  json?: unknown;
  /** A file answered as itself instead of JSON. */
  file?: { type: string; name: string; bytes: Buffer };
}

interface RequestCtx {
  method: string;
  url: URL;
  params: string[];
  headers: IncomingMessage['headers'];
  body: Buffer;
  now: number;
  viaApiKey: boolean;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: (ctx: RequestCtx) => Answer | Promise<Answer>;
  /** No authentication (sign-in endpoints). */
  open?: boolean;
  /** Costs credits (counts in the 'creates' rate-limit scope). */
  billable?: boolean;
}

export async function startAnyCheckSandbox(
  options: AnyCheckSandboxOptions = {},
): Promise<RunningSandbox> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? DEFAULT_SANDBOX_API_KEY;
  const processingMs = Math.max(0, options.processingMs ?? 3_000);
  const slowMs = options.slowMs ?? 35_000;
  const maxBody = options.maxBodyBytes ?? 25 * 1024 * 1024;
  const tokenTtl = options.accessTokenTtlMs ?? 3_600_000;
  const faultRate = Math.min(1, Math.max(0, options.faultRate ?? 0));
  const weights = {
    error: options.faultWeights?.error ?? 2,
    slow: options.faultWeights?.slow ?? 1,
    reset: options.faultWeights?.reset ?? 1,
  };
  const dice = seededRandom(options.seed ?? 1);
  const bucket =
    options.rateLimit && options.rateLimit > 0 ? new TokenBucket(options.rateLimit, now()) : null;
  const scope = options.rateLimitScope ?? 'writes';
  const faultScope = options.faultScope ?? 'all';
  const store = new SandboxStore(options.stateFile ?? null, options.log);
  const legacy = options.legacyErrors === true;
  const groupId = stableId(`group:${apiKey}`);
  // baseUrl is known once the server listens.
  const env: RenderEnv = { baseUrl: '', apiKey, userId: stableId(`user:${apiKey}`), groupId };
  const services = Object.values(SERVICE_PROFILES).map((p) => ({
    profile: p,
    id: stableId(`service:${p.code}`),
  }));
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Map<string, number>();
  const timers = cancellableSleep();
  const webhooks = new WebhookSender({
    now,
    log: options.log,
    attempts: options.webhookAttempts,
    retryMs: options.webhookRetryMs,
    signingSecret: options.webhookSigningSecret,
  });

  // ------------------------------------------------------------------ request helpers

  function page(ctx: RequestCtx, defaultSize: number): { size: number; offset: number } {
    const size = Number(ctx.url.searchParams.get('page_size') ?? defaultSize);
    const offset = Number(ctx.url.searchParams.get('page_offset') ?? 0);
    if (!Number.isInteger(size) || size < 1 || !Number.isInteger(offset) || offset < 0) {
      throw new SandboxError(400, 'INVALID_VALUE', 'page_size must be 1..100 and page_offset ≥ 0.');
    }
    return { size: Math.min(size, 100), offset };
  }

  function folderContents(folderId: string): SbVerification[] {
    return [...store.verifications.values()].filter((v) => v.folderId === folderId);
  }

  function needVerification(id: string): SbVerification {
    if (!UUID.test(id))
      throw new SandboxError(400, 'INVALID_ID', 'The verification id is not a UUID.');
    const v = store.verifications.get(id);
    if (!v) throw new SandboxError(404, 'NOT_FOUND', 'Verification not found.');
    return v;
  }

  function creditsLeft(): number | null {
    if (options.credits === undefined) return null;
    let spent = 0;
    for (const v of store.verifications.values()) spent += v.creditUsed;
    return options.credits - spent;
  }

  function charge(cost: number): void {
    const left = creditsLeft();
    if (left !== null && left < cost)
      throw new SandboxError(
        403,
        'INSUFFICIENT_BALANCE',
        `Not enough credits: ${left} left, ${cost} needed.`,
      );
  }

  function bill(v: SbVerification, at: number): void {
    const entry: BillingEntry = {
      id: v.id,
      service: v.serviceCode,
      resultId: v.resultId,
      sha256s: v.files.map((f) => f.analysis.sha256),
      at: new Date(at).toISOString(),
    };
    store.bill(entry);
  }

  /** Plans the webhooks of the run `v` has just started (nothing without a webhook_url). */
  function announce(v: SbVerification): void {
    if (!v.webhookUrl || !/^https?:\/\//i.test(v.webhookUrl)) return;
    const runKey = (x: SbVerification) => `${x.attempt}:${x.updatedAt}:${x.doneAt}`;
    const transitions: WebhookTransition[] = [];
    if (v.doneAt > v.queuedUntil) transitions.push({ at: v.queuedUntil, status: 'IN_PROGRESS' });
    transitions.push({ at: v.doneAt, status: v.outcome.status });
    webhooks.schedule({
      verificationId: v.id,
      url: v.webhookUrl,
      runKey: runKey(v),
      transitions,
      currentRunKey: () => {
        const current = store.verifications.get(v.id);
        return current ? runKey(current) : null;
      },
      payload: (status, sentAt) =>
        webhookPayloadJson(store.verifications.get(v.id) ?? v, status, sentAt),
    });
  }

  function outcomeFor(
    v: Pick<SbVerification, 'serviceCode' | 'inputConfig' | 'files' | 'attempt' | 'fraudCleared'>,
    at: number,
  ): Outcome {
    return decideOutcome({
      service: v.serviceCode,
      config: v.inputConfig,
      files: v.files,
      attempt: v.attempt,
      fraudCleared: v.fraudCleared,
      now: new Date(at),
    });
  }

  // ------------------------------------------------------------------ handlers

  function issueTokens(at: number, refresh?: string): Record<string, unknown> {
    const access = `sbx_at_${randomUUID().replace(/-/g, '')}`;
    accessTokens.set(access, at + tokenTtl);
    const refreshToken = refresh ?? `sbx_rt_${randomUUID().replace(/-/g, '')}`;
    if (!refresh) refreshTokens.set(refreshToken, at + 30 * 86_400_000);
    return {
      access_token: access,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: Math.round(tokenTtl / 1000),
    };
  }

  function login(ctx: RequestCtx): Answer {
    const b = jsonBody(ctx.body);
    if (typeof b.email !== 'string' || typeof b.password !== 'string')
      throw new SandboxError(400, 'INVALID_REQUEST', 'email and password are required.');
    // Any e-mail; the password is the sandbox API key.
    if (b.password !== apiKey)
      throw new SandboxError(401, 'INVALID_CREDENTIALS', 'Wrong e-mail or password.');
    return { status: 200, json: issueTokens(ctx.now) };
  }

  function refresh(ctx: RequestCtx): Answer {
    const b = jsonBody(ctx.body);
    const token = typeof b.refresh_token === 'string' ? b.refresh_token : '';
    const until = refreshTokens.get(token);
    if (until === undefined) throw new SandboxError(401, 'INVALID_TOKEN', 'Unknown refresh token.');
    if (until <= ctx.now)
      throw new SandboxError(401, 'TOKEN_EXPIRED', 'The refresh token expired.');
    return { status: 200, json: issueTokens(ctx.now, token) };
  }

  function me(): Answer {
    return {
      status: 200,
      json: {
        id: env.userId,
        email: 'sandbox@checkdesk.local',
        name: 'CheckDesk Sandbox',
        group: { id: groupId, name: 'CheckDesk Sandbox' },
      },
    };
  }

  function listServices(ctx: RequestCtx): Answer {
    const { size, offset } = page(ctx, 100);
    return {
      status: 200,
      json: {
        total: services.length,
        items: services.slice(offset, offset + size).map((s) => serviceJson(s.profile, s.id, env)),
      },
    };
  }

  function getService(ctx: RequestCtx): Answer {
    const s = serviceById.get(ctx.params[0]!);
    if (!s) throw new SandboxError(404, 'NOT_FOUND', 'Service not found.');
    return { status: 200, json: serviceJson(s.profile, s.id, env) };
  }

  function createFolder(ctx: RequestCtx): Answer {
    const b = jsonBody(ctx.body);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name || name.length > 255)
      throw new SandboxError(400, 'INVALID_REQUEST', 'name is required (1..255 characters).', [
        { field: 'name', message: 'required' },
      ]);
    const id = randomUUID();
    store.putFolder({ id, name, createdAt: ctx.now });
    return { status: 201, json: folderJson(store.folders.get(id)!, folderContents(id), env) };
  }

  function getFolder(ctx: RequestCtx): Answer {
    const id = ctx.params[0]!;
    if (!UUID.test(id)) throw new SandboxError(400, 'INVALID_ID', 'The folder id is not a UUID.');
    if (!store.folders.has(id)) throw new SandboxError(404, 'NOT_FOUND', 'Folder not found.');
    return { status: 200, json: folderJson(store.folders.get(id)!, folderContents(id), env) };
  }

  function listFolders(ctx: RequestCtx): Answer {
    if (ctx.params[0] !== groupId)
      throw new SandboxError(403, 'FORBIDDEN', 'This key has no access to that group.');
    const { size, offset } = page(ctx, 10);
    const search = (ctx.url.searchParams.get('search') ?? '').toLowerCase();
    const matching = [...store.folders.values()]
      .filter((f) => f.name.toLowerCase().includes(search))
      .sort((a, b) => a.createdAt - b.createdAt);
    return {
      status: 200,
      json: {
        total: matching.length,
        items: matching
          .slice(offset, offset + size)
          .map((f) => folderJson(f, folderContents(f.id), env)),
      },
    };
  }

  async function upload(ctx: RequestCtx): Promise<Answer> {
    const form = await formBody(ctx.body, ctx.headers['content-type']);
    const category = form.get('file_category');
    const fileCategory = typeof category === 'string' ? category : 'VERIFICATION_INPUT_FILE';
    if (!['VERIFICATION_INPUT_FILE', 'PROFILE_PICTURE'].includes(fileCategory))
      throw new SandboxError(400, 'INVALID_VALUE', 'Unknown file_category.', [
        { field: 'file_category', message: 'invalid value' },
      ]);
    const files = filesOf(form);
    if (files.length === 0)
      throw new SandboxError(400, 'INVALID_REQUEST', 'At least one file is required.', [
        { field: 'files', message: 'required' },
      ]);
    const passwords = [...form.getAll('file_passwords[]'), ...form.getAll('file_passwords')].map(
      (p) => (typeof p === 'string' ? p : ''),
    );
    const out: { path: string; url: string; page_count: number }[] = [];
    const objectId = randomUUID();
    for (const [i, file] of files.entries()) {
      const bytes = Buffer.from(await file.arrayBuffer());
      const analysis = await analyseFile(bytes, file.name, passwords[i] || null);
      const safe = file.name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'file';
      const path = `files/${objectId}/${i}-${safe}`;
      store.putUpload({ path, analysis, createdAt: ctx.now });
      out.push({ path, url: `${env.baseUrl}/${path}`, page_count: analysis.pageCount });
    }
    return { status: 201, json: { object_id: objectId, file_category: fileCategory, files: out } };
  }

  function requiredFields(code: AnyCheckServiceCode, config: Record<string, unknown>): string[] {
    if (code !== 'KTP_VERIFICATION') return [...SERVICE_PROFILES[code].fileFields];
    const type = config.verification_type;
    if (type === 'NIK') {
      if (typeof config.nik !== 'string' || !config.nik)
        throw new SandboxError(
          400,
          'INVALID_REQUEST',
          'configuration.nik is required for NIK verification.',
          [{ field: 'configuration.nik', message: 'required' }],
        );
      return [];
    }
    if (type === 'KTP_SELFIE') return ['ktp_file', 'selfie_file'];
    if (type === 'KTP_PEP') return ['ktp_file'];
    throw new SandboxError(
      400,
      'INVALID_VALUE',
      'configuration.verification_type must be NIK, KTP_SELFIE or KTP_PEP.',
      [{ field: 'configuration.verification_type', message: 'invalid value' }],
    );
  }

  function createVerification(ctx: RequestCtx): Answer {
    const b = jsonBody(ctx.body);
    const service = typeof b.service_id === 'string' ? serviceById.get(b.service_id) : undefined;
    if (!service)
      throw new SandboxError(404, 'NOT_FOUND', 'Service not found.', [
        { field: 'service_id', message: 'not found' },
      ]);
    if (typeof b.folder_id !== 'string' || !store.folders.has(b.folder_id))
      throw new SandboxError(404, 'NOT_FOUND', 'Folder not found.', [
        { field: 'folder_id', message: 'not found' },
      ]);
    if (
      b.result_id !== undefined &&
      b.result_id !== null &&
      (typeof b.result_id !== 'string' || !UUID.test(b.result_id))
    ) {
      throw new SandboxError(400, 'INVALID_ID', 'result_id must be a UUID.', [
        { field: 'result_id', message: 'invalid UUID' },
      ]);
    }
    const config = b.configuration;
    if (!config || typeof config !== 'object' || Array.isArray(config))
      throw new SandboxError(400, 'INVALID_REQUEST', 'configuration is required.', [
        { field: 'configuration', message: 'required' },
      ]);
    const cfg = config as Record<string, unknown>;
    const code = service.profile.code;
    const required = requiredFields(code, cfg);
    const given =
      cfg.files && typeof cfg.files === 'object' && !Array.isArray(cfg.files)
        ? (cfg.files as Record<string, unknown>)
        : {};
    const files: SbVerification['files'] = [];
    for (const [field, paths] of Object.entries(given)) {
      if (!service.profile.fileFields.includes(field))
        throw new SandboxError(400, 'INVALID_REQUEST', `${field} is not a file field of ${code}.`, [
          { field: `configuration.files.${field}`, message: 'unknown field' },
        ]);
      if (!Array.isArray(paths))
        throw new SandboxError(
          400,
          'INVALID_REQUEST',
          `configuration.files.${field} must be an array of upload paths.`,
        );
      for (const p of paths) {
        const up = typeof p === 'string' ? store.uploads.get(p) : undefined;
        if (!up)
          throw new SandboxError(400, 'INVALID_REQUEST', `Unknown upload path in ${field}.`, [
            { field: `configuration.files.${field}`, message: 'unknown path' },
          ]);
        files.push({ field, path: up.path, analysis: up.analysis });
      }
    }
    for (const field of required) {
      if (!files.some((f) => f.field === field))
        throw new SandboxError(
          400,
          'INVALID_REQUEST',
          `configuration.files.${field} is required.`,
          [{ field: `configuration.files.${field}`, message: 'required' }],
        );
    }
    if (cfg.fraud_detection !== undefined && typeof cfg.fraud_detection !== 'boolean')
      throw new SandboxError(400, 'INVALID_VALUE', 'fraud_detection must be a boolean.');
    charge(service.profile.creditCost);
    const at = ctx.now;
    const v: SbVerification = {
      id: randomUUID(),
      serviceCode: code,
      serviceId: service.id,
      folderId: b.folder_id,
      resultId: typeof b.result_id === 'string' ? b.result_id.toLowerCase() : randomUUID(),
      inputConfig: cfg,
      files,
      createdAt: at,
      updatedAt: at,
      attempt: 1,
      queuedUntil: at + processingMs / 5,
      doneAt: at + processingMs,
      outcome: { status: 'FAILED', outputStatus: null, output: null },
      fraudCleared: false,
      creditUsed: service.profile.creditCost,
      viaApiKey: ctx.viaApiKey,
      webhookUrl: typeof b.webhook_url === 'string' ? b.webhook_url : null,
      // Stored without its secret: the state file never holds one. The secret that signs this
      // verification's webhooks stays in the sender's memory.
      webhookMetadata:
        b.webhook_metadata && typeof b.webhook_metadata === 'object'
          ? redact(b.webhook_metadata)
          : null,
    };
    v.outcome = outcomeFor(v, at);
    store.putVerification(v);
    bill(v, at);
    const metadata =
      b.webhook_metadata && typeof b.webhook_metadata === 'object'
        ? (b.webhook_metadata as Record<string, unknown>)
        : {};
    webhooks.remember(
      v.id,
      typeof metadata.webhook_secret === 'string' ? metadata.webhook_secret : null,
    );
    announce(v);
    return { status: 201, json: verificationJson(v, at, env) };
  }

  function getVerification(ctx: RequestCtx): Answer {
    return { status: 200, json: verificationJson(needVerification(ctx.params[0]!), ctx.now, env) };
  }

  function listVerifications(ctx: RequestCtx): Answer {
    const resultId = ctx.url.searchParams.get('result_id');
    if (!resultId)
      throw new SandboxError(400, 'INVALID_REQUEST', 'result_id is required.', [
        { field: 'result_id', message: 'required' },
      ]);
    if (!UUID.test(resultId)) throw new SandboxError(400, 'INVALID_ID', 'result_id is not a UUID.');
    const { size, offset } = page(ctx, 10);
    const all = [...store.verifications.values()]
      .filter((v) => v.resultId === resultId.toLowerCase())
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const overall = overallStatus(all.map((v) => phase(v, ctx.now).status));
    return {
      status: 200,
      json: {
        total: all.length,
        overall_status: overall,
        items: all.slice(offset, offset + size).map((v) => verificationJson(v, ctx.now, env)),
      },
    };
  }

  function retry(ctx: RequestCtx): Answer {
    const v = needVerification(ctx.params[0]!);
    const force = ctx.url.searchParams.get('force') === 'true';
    const { status } = phase(v, ctx.now);
    if (status === 'IN_QUEUE' || status === 'IN_PROGRESS')
      throw new SandboxError(400, 'INVALID_REQUEST', 'The verification is still being processed.');
    if (!force && status !== 'FAILED' && status !== 'CANCELLED')
      throw new SandboxError(
        400,
        'INVALID_REQUEST',
        `A ${status} verification can only be retried with force=true.`,
      );
    const cost = SERVICE_PROFILES[v.serviceCode].creditCost;
    charge(cost);
    const at = ctx.now;
    const next: SbVerification = {
      ...v,
      attempt: v.attempt + 1,
      fraudCleared: false,
      updatedAt: at,
      queuedUntil: at + processingMs / 5,
      doneAt: at + processingMs,
      creditUsed: v.creditUsed + cost,
    };
    next.outcome = outcomeFor(next, at);
    store.putVerification(next);
    bill(next, at);
    announce(next);
    return { status: 200, json: verificationJson(next, at, env) };
  }

  async function checkDuplicate(ctx: RequestCtx): Promise<Answer> {
    const form = await formBody(ctx.body, ctx.headers['content-type']);
    const files = filesOf(form);
    if (files.length === 0)
      throw new SandboxError(400, 'INVALID_REQUEST', 'At least one file is required.', [
        { field: 'files', message: 'required' },
      ]);
    const exclude = form.get('verification_id');
    const hashes = new Set<string>();
    for (const f of files)
      hashes.add(
        createHash('sha256')
          .update(Buffer.from(await f.arrayBuffer()))
          .digest('hex'),
      );
    const hits = [...store.verifications.values()]
      .filter((v) => v.id !== exclude && v.files.some((f) => hashes.has(f.analysis.sha256)))
      .sort((a, b) => b.createdAt - a.createdAt);
    const detected = (v: SbVerification) => [...SERVICE_PROFILES[v.serviceCode].detectedDocuments];
    return {
      status: 200,
      json: {
        is_duplicate: hits.length > 0,
        detected_documents: [...new Set(hits.flatMap(detected))],
        previous_verifications: hits.map((v) => ({
          id: v.id,
          service: { id: v.serviceId, name: SERVICE_PROFILES[v.serviceCode].name },
          folder: { id: v.folderId, name: store.folders.get(v.folderId)?.name ?? null },
          detected_documents: detected(v),
        })),
      },
    };
  }

  async function bulkExport(ctx: RequestCtx): Promise<Answer> {
    const b = jsonBody(ctx.body);
    const ids = b.result_ids;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string')) {
      throw new SandboxError(
        400,
        'INVALID_REQUEST',
        'result_ids must be a non-empty array of ids.',
        [{ field: 'result_ids', message: 'required' }],
      );
    }
    if (ids.length > 10)
      throw new SandboxError(400, 'INVALID_REQUEST', 'At most 10 result groups per export.', [
        { field: 'result_ids', message: 'too many' },
      ]);
    if (b.format !== undefined && b.format !== 'xlsx')
      throw new SandboxError(400, 'INVALID_VALUE', 'format must be xlsx.');
    const wanted = new Set(ids.map((x) => String(x).toLowerCase()));
    const rows = [...store.verifications.values()]
      .filter((v) => wanted.has(v.resultId))
      .sort((a, c) => a.createdAt - c.createdAt);
    if (rows.length > 50)
      throw new SandboxError(
        400,
        'INVALID_REQUEST',
        `At most 50 verifications per export (${rows.length} requested).`,
      );
    if (typeof b.email === 'string' && b.email)
      return {
        status: 202,
        json: {
          message: 'The export will be e-mailed when it is ready.',
          total_verifications: rows.length,
        },
      };
    const buffer = await exportWorkbook(
      rows.map((v) => ({
        serviceName: SERVICE_PROFILES[v.serviceCode].name,
        payload: verificationJson(v, ctx.now, env),
      })),
      b.sheet_mode === 'single' ? 'single' : 'multiple',
    );
    const fileName = `anycheck-export-${new Date(ctx.now).toISOString().slice(0, 10)}.xlsx`;
    const accept = headerValue(ctx.headers, 'accept') ?? '';
    if (
      options.bulkExportFormat !== 'json' &&
      /spreadsheetml\.sheet|application\/octet-stream/i.test(accept)
    ) {
      return { status: 200, file: { type: XLSX_TYPE, name: fileName, bytes: buffer } };
    }
    return {
      status: 200,
      json: {
        file_name: fileName,
        content_type: XLSX_TYPE,
        total_result_ids: ids.length,
        total_verifications: rows.length,
        file_base64: buffer.toString('base64'),
      },
    };
  }

  function fraudConfirmation(ctx: RequestCtx): Answer {
    const v = needVerification(ctx.params[0]!);
    const b = jsonBody(ctx.body);
    if (b.action !== 'PROCEED' && b.action !== 'REJECT')
      throw new SandboxError(400, 'INVALID_VALUE', 'action must be PROCEED or REJECT.', [
        { field: 'action', message: 'invalid value' },
      ]);
    if (phase(v, ctx.now).status !== 'FRAUD_DETECTED')
      throw new SandboxError(
        400,
        'INVALID_REQUEST',
        'The verification is not waiting for a fraud confirmation.',
      );
    const at = ctx.now;
    const next: SbVerification =
      b.action === 'PROCEED'
        ? { ...v, fraudCleared: true, updatedAt: at, queuedUntil: at, doneAt: at + processingMs }
        : {
            ...v,
            updatedAt: at,
            queuedUntil: at,
            doneAt: at,
            outcome: {
              status: 'CANCELLED',
              outputStatus: null,
              output: { fraud_confirmed: true, fraud_indicators: FRAUD_INDICATORS },
            },
          };
    if (b.action === 'PROCEED') next.outcome = outcomeFor(next, at);
    store.putVerification(next);
    announce(next);
    return { status: 200, json: verificationJson(next, at, env) };
  }

  const routes: Route[] = [
    { method: 'POST', pattern: /^\/auth\/login$/, handler: login, open: true },
    { method: 'POST', pattern: /^\/auth\/refresh$/, handler: refresh, open: true },
    { method: 'GET', pattern: /^\/auth\/me$/, handler: me },
    { method: 'GET', pattern: /^\/services$/, handler: listServices },
    { method: 'GET', pattern: /^\/services\/([^/]+)$/, handler: getService },
    { method: 'POST', pattern: /^\/folders$/, handler: createFolder },
    { method: 'GET', pattern: /^\/folders\/([^/]+)$/, handler: getFolder },
    { method: 'GET', pattern: /^\/groups\/([^/]+)\/folders$/, handler: listFolders },
    { method: 'POST', pattern: /^\/uploads$/, handler: upload },
    { method: 'POST', pattern: /^\/verifications\/check-duplicate$/, handler: checkDuplicate },
    { method: 'POST', pattern: /^\/verifications\/bulk-export$/, handler: bulkExport },
    { method: 'POST', pattern: /^\/verifications$/, handler: createVerification, billable: true },
    { method: 'GET', pattern: /^\/verifications$/, handler: listVerifications },
    { method: 'GET', pattern: /^\/verifications\/([^/]+)$/, handler: getVerification },
    {
      method: 'POST',
      pattern: /^\/verifications\/([^/]+)\/retry$/,
      handler: retry,
      billable: true,
    },
    {
      method: 'POST',
      pattern: /^\/verifications\/([^/]+)\/fraud-confirmation$/,
      handler: fraudConfirmation,
    },
  ];

  // ------------------------------------------------------------------ transport

  function authenticate(headers: IncomingMessage['headers'], at: number): { viaApiKey: boolean } {
    const key = headers['x-api-key'];
    if (typeof key === 'string' && key) {
      if (key !== apiKey)
        throw new SandboxError(401, 'INVALID_API_KEY', 'The API key is not valid.');
      return { viaApiKey: true };
    }
    const auth = headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
      const token = auth.replace(/^Bearer\s+/i, '').trim();
      const until = accessTokens.get(token);
      if (until === undefined)
        throw new SandboxError(401, 'INVALID_TOKEN', 'The access token is not valid.');
      if (until <= at) throw new SandboxError(401, 'TOKEN_EXPIRED', 'The access token expired.');
      return { viaApiKey: false };
    }
    throw new SandboxError(
      401,
      'UNAUTHORIZED',
      'Authentication required: send X-API-Key or a Bearer token.',
    );
  }

  /** Writes an answer (JSON, or a file as itself); the rate-limit headers go on every one. */
  function send(
    res: ServerResponse,
    status: number,
    json: unknown,
    extra: Record<string, string> = {},
    file?: Answer['file'],
  ): void {
    const headers: Record<string, string> = file
      ? {
          'content-type': file.type,
          'content-disposition': `attachment; filename="${file.name}"`,
          ...extra,
        }
      : { 'content-type': 'application/json; charset=utf-8', ...extra };
    if (bucket) Object.assign(headers, rateLimitHeaders(bucket.state(now())));
    writeAnswer(res, status, headers, file ? file.bytes : JSON.stringify(json ?? null));
  }

  function drawFault(): 'error' | 'slow' | 'reset' | null {
    if (faultRate <= 0 || dice() >= faultRate) return null;
    const total = weights.error + weights.slow + weights.reset;
    if (total <= 0) return null;
    const r = dice() * total;
    if (r < weights.error) return 'error';
    if (r < weights.error + weights.slow) return 'slow';
    return 'reset';
  }

  function inScope(which: 'all' | 'writes' | 'creates', route: Route, method: string): boolean {
    if (which === 'all') return true;
    if (which === 'creates') return route.billable === true;
    return method === 'POST';
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/__sandbox/')) {
      req.resume();
      if (method === 'GET' && url.pathname === '/__sandbox/billing')
        return send(res, 200, { creates: store.billing });
      if (method === 'GET' && url.pathname === '/__sandbox/state') {
        return send(res, 200, {
          verifications: store.verifications.size,
          folders: store.folders.size,
          uploads: store.uploads.size,
          billed: store.billing.length,
          creditsLeft: creditsLeft(),
        });
      }
      return send(
        res,
        404,
        errorBody(new SandboxError(404, 'NOT_FOUND', 'No such sandbox endpoint.'), legacy),
      );
    }
    // Half the round trip before the request is handled, half before its answer (see SandboxOptions).
    const leg = Math.max(0, options.latencyMs ?? 0) / 2;
    if (leg > 0) await timers.sleep(leg);
    const { body, tooLarge } = await readBody(req, maxBody);
    if (tooLarge)
      return send(
        res,
        413,
        errorBody(
          new SandboxError(
            413,
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than ${maxBody} bytes.`,
          ),
          legacy,
        ),
        { connection: 'close' },
      );
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      let params: string[] = [];
      const samePath = routes.filter((r) => {
        const m = r.pattern.exec(path);
        if (m) params = m.slice(1).map(decodeParam);
        return !!m;
      });
      const route = samePath.find((r) => r.method === method);
      if (!route) {
        if (samePath.length > 0)
          throw new SandboxError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here.`);
        throw new SandboxError(404, 'NOT_FOUND', 'No such endpoint.');
      }
      const at = now();
      const auth = route.open ? { viaApiKey: false } : authenticate(req.headers, at);
      if (bucket && inScope(scope, route, method)) {
        const wait = bucket.take(at);
        if (wait !== null) {
          const err = new SandboxError(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests; slow down.');
          return send(res, 429, errorBody(err, legacy), { 'retry-after': retryAfterSeconds(wait) });
        }
      }
      const fault = inScope(faultScope, route, method) ? drawFault() : null;
      if (fault === 'error') {
        const status = [500, 502, 503][Math.floor(dice() * 3)]!;
        const code =
          status === 500
            ? 'INTERNAL_SERVER_ERROR'
            : status === 502
              ? 'BAD_GATEWAY'
              : 'SERVICE_UNAVAILABLE';
        options.log?.info('anycheck sandbox injected an error', { status, path });
        throw new SandboxError(status, code, 'Injected fault: the service is having trouble.');
      }
      const answer = await route.handler({
        method,
        url,
        params,
        headers: req.headers,
        body,
        now: at,
        viaApiKey: auth.viaApiKey,
      });
      if (fault === 'reset') {
        options.log?.info('anycheck sandbox reset a connection after committing', { path });
        req.socket.destroy();
        return;
      }
      if (fault === 'slow') {
        options.log?.info('anycheck sandbox holds an answer', { path, ms: slowMs });
        await timers.sleep(slowMs);
      }
      if (leg > 0) await timers.sleep(leg);
      send(res, answer.status, answer.json, {}, answer.file);
    } catch (err) {
      if (err instanceof SandboxError) return send(res, err.status, errorBody(err, legacy));
      options.log?.error('anycheck sandbox handler failed', {
        path,
        error: err instanceof Error ? err.message : String(err),
      });
      send(
        res,
        500,
        errorBody(
          new SandboxError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error in the sandbox.'),
          legacy,
        ),
      );
    }
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch(() => {
      // The client went away mid-request (aborted upload, timeout): nothing left to answer.
      if (!res.headersSent && !res.destroyed)
        send(
          res,
          400,
          errorBody(
            new SandboxError(400, 'INVALID_REQUEST', 'The request could not be read.'),
            legacy,
          ),
        );
    });
  });
  env.baseUrl = await listenOnLoopback(server, options.port);

  return {
    url: env.baseUrl,
    apiKey,
    journal: () => store.billing.map((e) => ({ ...e, sha256s: [...e.sha256s] })),
    close: () => {
      timers.cancelAll();
      webhooks.close();
      return closeServer(server);
    },
  };
}
