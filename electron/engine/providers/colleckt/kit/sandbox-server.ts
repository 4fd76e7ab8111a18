/**
 * Loopback plumbing every CheckDesk sandbox shares: body cap, latency, rate limit, injected faults,
 * the billing journal and the JSON-lines state file. A provider plugs in its wire dialect (auth,
 * error body, routes); this file knows nothing about any vendor.
 *
 * Faults, in the order a real network produces them:
 * - `500` / `502` / `503`: answered before the handler runs, so nothing was committed;
 * - `slow`: the handler runs after an extra delay;
 * - `reset`: the handler runs and commits (a create is billed), then the socket is destroyed
 *   before any answer — the case that makes a submission "in doubt".
 * They come from `faultRate` (seeded, reproducible) or are armed one by one through
 * `POST /__sandbox/faults {"kind": "reset", "match": "POST /api/v1/usps1583/verifications/", "count": 1}`
 * (match: substring of "METHOD /path"), which is how tests hit one exact request.
 *
 * `/__sandbox/*` needs no auth: `GET /__sandbox/billing` → `{creates: [...]}`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BillingEntry, Logger, RunningSandbox, SandboxOptions } from '../../types.ts';

/** 10 MB documents travel base64-encoded (×4/3) inside JSON: 16 MiB leaves room for one side plus fields. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
const SLOW_MS = 1500;
const FAULT_KINDS = ['500', '502', '503', 'slow', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface SandboxRequest {
  method: string;
  /** URL path without the query string. */
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
  /** Credits left, or null when the sandbox was started without a balance. */
  creditsLeft(): number | null;
  /** Appends one provider state record to the state file (no-op in memory-only mode). */
  persist(record: unknown): void;
  log: Logger | undefined;
}

export interface SandboxDialect {
  provider: string;
  defaultApiKey: string;
  /** Null lets the request through; otherwise the vendor's 401 answer. */
  authorize(req: SandboxRequest, apiKey: string): SandboxAnswer | null;
  /** The vendor's error answer for statuses the plumbing produces (400 bad JSON, 413, 429, 5xx). */
  error(status: number, message: string): SandboxAnswer;
  /** Replays the provider records of a state file, oldest first. */
  restore(records: unknown[]): void;
  handle(req: SandboxRequest, tools: SandboxTools): SandboxAnswer | Promise<SandboxAnswer>;
}

interface ArmedFault {
  kind: FaultKind;
  match: string;
  count: number;
}

/** Small, seedable PRNG (mulberry32): the same seed injects the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

type StateLine = { k: 'bill'; v: BillingEntry } | { k: 'state'; v: unknown };

function readStateFile(file: string, log: Logger | undefined): StateLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: StateLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JSON.parse(line) as StateLine;
      if (parsed && (parsed.k === 'bill' || parsed.k === 'state')) out.push(parsed);
    } catch {
      // A torn last line (killed mid-write) is expected; everything before it still counts.
      log?.warn('sandbox: skipped an unreadable state line', { file });
    }
  }
  return out;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function parseFault(body: unknown): ArmedFault | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const kind = String(b['kind'] ?? '');
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) return null;
  const count = typeof b['count'] === 'number' && b['count'] > 0 ? Math.floor(b['count']) : 1;
  const match = typeof b['match'] === 'string' ? b['match'] : '';
  return { kind: kind as FaultKind, match, count };
}

export async function startSandboxServer(
  options: SandboxOptions,
  dialect: SandboxDialect,
): Promise<RunningSandbox> {
  const apiKey = options.apiKey ?? dialect.defaultApiKey;
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const faultRate = Math.min(1, Math.max(0, options.faultRate ?? 0));
  const random = seededRandom(options.seed ?? 1);
  const rateLimit = Math.max(0, options.rateLimit ?? 0);
  const log = options.log;
  const journal: BillingEntry[] = [];
  const armed: ArmedFault[] = [];
  let window = { second: -1, count: 0 };

  const providerRecords: unknown[] = [];
  if (options.stateFile) {
    for (const line of readStateFile(options.stateFile, log)) {
      if (line.k === 'bill') journal.push(line.v);
      else providerRecords.push(line.v);
    }
    fs.mkdirSync(path.dirname(options.stateFile), { recursive: true });
  }
  dialect.restore(providerRecords);

  function append(line: StateLine): void {
    if (!options.stateFile) return;
    try {
      fs.appendFileSync(options.stateFile, JSON.stringify(line) + '\n');
    } catch (err) {
      log?.error('sandbox: could not write the state file', {
        file: options.stateFile,
        error: String(err),
      });
    }
  }

  const tools: SandboxTools = {
    bill(entry, now) {
      const full: BillingEntry = { ...entry, at: new Date(now).toISOString() };
      journal.push(full);
      append({ k: 'bill', v: full });
      return full;
    },
    creditsLeft() {
      return options.credits === undefined ? null : Math.max(0, options.credits - journal.length);
    },
    persist(record) {
      append({ k: 'state', v: record });
    },
    log,
  };

  function send(
    res: ServerResponse,
    answer: SandboxAnswer,
    extra: Record<string, string> = {},
  ): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string> = { ...extra, ...answer.headers };
    let payload = '';
    if (answer.body !== undefined) {
      payload = JSON.stringify(answer.body);
      headers['content-type'] = 'application/json';
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  }

  function pickFault(method: string, urlPath: string): FaultKind | null {
    const line = `${method} ${urlPath}`;
    const index = armed.findIndex((f) => line.includes(f.match));
    if (index >= 0) {
      const fault = armed[index]!;
      fault.count -= 1;
      if (fault.count <= 0) armed.splice(index, 1);
      return fault.kind;
    }
    if (faultRate > 0 && random() < faultRate) {
      return FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)] ?? '503';
    }
    return null;
  }

  function control(method: string, urlPath: string, body: unknown): SandboxAnswer {
    if (urlPath === '/__sandbox/billing' && method === 'GET')
      return { status: 200, body: { creates: journal } };
    if (urlPath === '/__sandbox/faults') {
      if (method === 'GET') return { status: 200, body: { armed } };
      if (method === 'DELETE') {
        armed.length = 0;
        return { status: 204 };
      }
      if (method === 'POST') {
        const fault = parseFault(body);
        if (!fault)
          return {
            status: 400,
            body: { message: `kind must be one of ${FAULT_KINDS.join(', ')}` },
          };
        armed.push(fault);
        return { status: 201, body: { armed } };
      }
    }
    return { status: 404, body: { message: 'unknown sandbox control path' } };
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const urlPath = url.pathname;
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        send(res, dialect.error(413, `request body larger than ${MAX_BODY_BYTES} bytes`), {
          connection: 'close',
        });
        // Stop reading the rest of an oversized upload.
        res.on('finish', () => req.destroy());
        return;
      }
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
    if (urlPath.startsWith('/__sandbox/')) {
      send(res, control(method, urlPath, body));
      return;
    }

    await sleep(latencyMs);
    const now = Date.now();
    const limitHeaders: Record<string, string> = {};
    if (rateLimit > 0) {
      const second = Math.floor(now / 1000);
      if (window.second !== second) window = { second, count: 0 };
      window.count += 1;
      limitHeaders['x-ratelimit-limit'] = String(rateLimit);
      limitHeaders['x-ratelimit-remaining'] = String(Math.max(0, rateLimit - window.count));
      if (window.count > rateLimit) {
        const retryAfter = Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000));
        send(res, dialect.error(429, 'too many requests'), {
          ...limitHeaders,
          'retry-after': String(retryAfter),
        });
        return;
      }
    }

    const request: SandboxRequest = {
      method,
      path: urlPath,
      query: url.searchParams,
      headers: req.headers,
      body,
      now,
    };
    const denied = dialect.authorize(request, apiKey);
    if (denied) {
      send(res, denied, limitHeaders);
      return;
    }

    const fault = pickFault(method, urlPath);
    if (fault === '500' || fault === '502' || fault === '503') {
      send(
        res,
        dialect.error(Number(fault), 'injected sandbox fault (nothing was committed)'),
        limitHeaders,
      );
      return;
    }
    if (fault === 'slow') await sleep(SLOW_MS);

    const answer = await dialect.handle({ ...request, now: Date.now() }, tools);
    if (fault === 'reset') {
      log?.info('sandbox: connection reset after commit', {
        method,
        path: urlPath,
        status: answer.status,
      });
      req.socket.destroy();
      return;
    }
    send(res, answer, limitHeaders);
  }

  const server = http.createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      log?.error('sandbox: request failed', { error: String(err) });
      try {
        send(res, dialect.error(500, 'sandbox internal error'));
      } catch {
        res.destroy();
      }
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log?.info(`${dialect.provider} sandbox listening`, { url });

  return {
    url,
    apiKey,
    journal: () => journal.map((e) => ({ ...e, sha256s: [...e.sha256s] })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
