/**
 * The loopback server every CheckDesk sandbox but AnyCheck's runs on: 127.0.0.1, body cap,
 * latency, rate limit (token bucket, 429 + Retry-After), injected faults, the billing journal and
 * the JSON-lines state file. A provider plugs in its wire dialect (auth, error body, routes); this
 * file knows nothing about any vendor. (AnyCheck's sandbox has vendor-specific fault weights,
 * scopes and a legacy error format; it uses the same pieces from this folder directly.)
 *
 * Faults (./sandbox-faults.ts) come from `faultRate` (seeded, reproducible) or are armed one by
 * one through `POST /__sandbox/faults {"kind": "reset", "match": "POST /api/v1/usps1583/verifications/", "count": 1}`
 * (match: substring of "METHOD /path"), which is how tests hit one exact request.
 *
 * `/__sandbox/*` (also under a path prefix, e.g. `/api/v1/__sandbox/billing`) needs no auth and
 * never meets latency, faults or the rate limit: `GET /__sandbox/billing` → `{creates: [...]}`,
 * `GET|POST|DELETE /__sandbox/faults`, plus whatever the dialect's `control` answers.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { BillingEntry, Logger, RunningSandbox, SandboxOptions } from '../types.ts';
import { rateLimitHeaders, retryAfterSeconds, TokenBucket } from './rate-limit.ts';
import { FAULT_KINDS, FaultInjector, parseFault } from './sandbox-faults.ts';
import {
  cancellableSleep,
  closeServer,
  listenOnLoopback,
  readBody,
  writeAnswer,
} from './sandbox-http.ts';
import { openStateFile } from './state-file.ts';

/** 10 MB documents travel base64-encoded (×4/3) inside JSON: 16 MiB leaves room for one side plus fields. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_SLOW_MS = 1500;

export interface SandboxServerOptions extends SandboxOptions {
  /** How long a "slow" fault holds the request before the handler runs (default: the dialect's). */
  slowMs?: number;
}

export interface SandboxRequest {
  method: string;
  /** URL path without the query string; for control requests, the part from `/__sandbox/` on. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  now: number;
}

export interface SandboxAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SandboxTools {
  /** Records one billable create; `at` is filled in. */
  bill(entry: Omit<BillingEntry, 'at'>, now: number): BillingEntry;
  /** How many creates were billed so far. */
  billed(): number;
  /** Credits left, or null when the sandbox was started without a balance. */
  creditsLeft(): number | null;
  /** Appends one provider state record to the state file (no-op in memory-only mode). */
  persist(record: unknown): void;
  log: Logger | undefined;
}

export interface SandboxDialect {
  provider: string;
  defaultApiKey: string;
  /** Largest accepted request body (default 16 MiB); larger → 413. */
  maxBodyBytes?: number;
  /** Default hold of a "slow" fault (1500 ms). */
  slowMs?: number;
  /** Null lets the request through; otherwise the vendor's 401 answer. Absent: the handler checks. */
  authorize?(req: SandboxRequest, apiKey: string): SandboxAnswer | null;
  /** The vendor's error answer for statuses the plumbing produces (400 bad JSON, 413, 429, 5xx). */
  error(status: number, message: string): SandboxAnswer;
  /**
   * Replays the provider records of a state file, oldest first. `tools` stay valid for the
   * server's lifetime, e.g. to create seed data outside a request.
   */
  restore(records: unknown[], tools: SandboxTools): void;
  handle(req: SandboxRequest, tools: SandboxTools): SandboxAnswer | Promise<SandboxAnswer>;
  /** Extra control endpoints (`req.path` starts with `/__sandbox/`); null when not one of its own. */
  control?(req: SandboxRequest, tools: SandboxTools): SandboxAnswer | null;
  /** Called once the server listens, with its origin (http://127.0.0.1:PORT). */
  listening?(origin: string): void;
}

/**
 * The values of a dialect's `{kind, value}` state records of one kind, oldest first (what
 * `tools.persist({kind, value})` wrote). A later record of the same object replaces an earlier one.
 */
export function recordsOfKind<T extends object>(records: readonly unknown[], kind: string): T[] {
  const out: T[] = [];
  for (const record of records) {
    const r = record as { kind?: unknown; value?: unknown } | null;
    if (r && r.kind === kind && r.value && typeof r.value === 'object') out.push(r.value as T);
  }
  return out;
}

/** A state-file line: a billed create, or one of the provider's own records. */
type StateLine = { k: 'bill'; v: BillingEntry } | { k: 'state'; v: unknown };

/** The control part of a path (`/__sandbox/…`), or null for a vendor request. */
function controlPath(urlPath: string): string | null {
  const at = urlPath.indexOf('/__sandbox/');
  if (at >= 0) return urlPath.slice(at);
  return urlPath.endsWith('/__sandbox') ? '/__sandbox' : null;
}

export async function startSandboxServer(
  options: SandboxServerOptions,
  dialect: SandboxDialect,
): Promise<RunningSandbox> {
  const apiKey = options.apiKey ?? dialect.defaultApiKey;
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const maxBody = dialect.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const slowMs = options.slowMs ?? dialect.slowMs ?? DEFAULT_SLOW_MS;
  const faults = new FaultInjector(options.faultRate, options.seed);
  const bucket =
    options.rateLimit && options.rateLimit > 0
      ? new TokenBucket(options.rateLimit, Date.now())
      : null;
  const timers = cancellableSleep();
  const log = options.log;
  const journal: BillingEntry[] = [];

  const state = openStateFile(options.stateFile, { log, label: dialect.provider });
  const providerRecords: unknown[] = [];
  for (const record of state.records) {
    if (!record || typeof record !== 'object') continue;
    const line = record as Partial<StateLine> & { t?: unknown; entry?: BillingEntry };
    if (line.k === 'bill' && line.v) journal.push(line.v as BillingEntry);
    else if (line.k === 'state') providerRecords.push(line.v);
    // Files written before the sandboxes shared this server: `{t: 'billing', entry}` and bare records.
    else if (line.t === 'billing' && line.entry && typeof line.entry.id === 'string')
      journal.push(line.entry);
    else if (line.k === undefined) providerRecords.push(record);
  }

  const tools: SandboxTools = {
    bill(entry, now) {
      const full: BillingEntry = { ...entry, at: new Date(now).toISOString() };
      journal.push(full);
      state.append({ k: 'bill', v: full } satisfies StateLine);
      return full;
    },
    billed: () => journal.length,
    creditsLeft() {
      return options.credits === undefined ? null : Math.max(0, options.credits - journal.length);
    },
    persist(record) {
      state.append({ k: 'state', v: record } satisfies StateLine);
    },
    log,
  };
  dialect.restore(providerRecords, tools);

  function send(
    res: ServerResponse,
    answer: SandboxAnswer,
    extra: Record<string, string> = {},
  ): void {
    const headers: Record<string, string> = { ...extra, ...answer.headers };
    let payload = '';
    if (answer.body !== undefined) {
      payload = JSON.stringify(answer.body);
      headers['content-type'] = 'application/json';
    }
    writeAnswer(res, answer.status, headers, payload);
  }

  function control(req: SandboxRequest): SandboxAnswer {
    const { method, path } = req;
    if (path === '/__sandbox/billing' && method === 'GET')
      return { status: 200, body: { creates: journal } };
    if (path === '/__sandbox/faults') {
      if (method === 'GET') return { status: 200, body: { armed: faults.armed } };
      if (method === 'DELETE') {
        faults.clear();
        return { status: 204 };
      }
      if (method === 'POST') {
        const fault = parseFault(req.body);
        if (!fault)
          return {
            status: 400,
            body: { message: `kind must be one of ${FAULT_KINDS.join(', ')}` },
          };
        faults.arm(fault);
        return { status: 201, body: { armed: faults.armed } };
      }
    }
    return (
      dialect.control?.(req, tools) ?? {
        status: 404,
        body: { message: 'unknown sandbox control path' },
      }
    );
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const urlPath = url.pathname;
    let raw: Buffer;
    try {
      const read = await readBody(req, maxBody);
      if (read.tooLarge) {
        send(res, dialect.error(413, `request body larger than ${maxBody} bytes`), {
          connection: 'close',
        });
        return;
      }
      raw = read.body;
    } catch {
      // The client went away mid-body: nothing left to answer.
      req.destroy();
      return;
    }
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        send(res, dialect.error(400, 'the request body is not valid JSON'));
        return;
      }
    }
    const request: SandboxRequest = {
      method,
      path: urlPath,
      query: url.searchParams,
      headers: req.headers,
      body,
      now: Date.now(),
    };
    const sandboxPath = controlPath(urlPath);
    if (sandboxPath !== null) {
      send(res, control({ ...request, path: sandboxPath }));
      return;
    }

    await timers.sleep(latencyMs / 2);
    const now = Date.now();
    let limitHeaders: Record<string, string> = {};
    if (bucket) {
      const wait = bucket.take(now);
      limitHeaders = rateLimitHeaders(bucket.state(now));
      if (wait !== null) {
        send(res, dialect.error(429, 'Too many requests'), {
          ...limitHeaders,
          'retry-after': retryAfterSeconds(wait),
        });
        return;
      }
    }

    const denied = dialect.authorize?.({ ...request, now }, apiKey) ?? null;
    if (denied) {
      send(res, denied, limitHeaders);
      return;
    }

    const fault = faults.pick(`${method} ${urlPath}`);
    if (fault === '500' || fault === '502' || fault === '503') {
      send(
        res,
        dialect.error(Number(fault), 'injected sandbox fault (nothing was committed)'),
        limitHeaders,
      );
      return;
    }
    if (fault === 'slow') await timers.sleep(slowMs);

    const answer = await dialect.handle({ ...request, now: Date.now() }, tools);
    if (fault === 'reset') {
      // Processed, then the answer is lost: what a client must treat as "may have happened".
      log?.info('sandbox: connection reset after commit', {
        method,
        path: urlPath,
        status: answer.status,
      });
      req.socket.destroy();
      return;
    }
    await timers.sleep(latencyMs / 2);
    send(res, answer, limitHeaders);
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    serve(req, res).catch((err: unknown) => {
      log?.error('sandbox: request failed', { error: String(err) });
      try {
        send(res, dialect.error(500, 'sandbox internal error'));
      } catch {
        res.destroy();
      }
    });
  });
  const origin = await listenOnLoopback(server, options.port);
  dialect.listening?.(origin);
  log?.info(`${dialect.provider} sandbox listening`, { url: origin });

  return {
    url: origin,
    apiKey,
    journal: () => journal.map((e) => ({ ...e, sha256s: [...e.sha256s] })),
    close: () => {
      timers.cancelAll();
      return closeServer(server);
    },
  };
}
