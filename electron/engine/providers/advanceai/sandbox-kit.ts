/**
 * The loopback machinery a provider sandbox needs besides its wire format: 127.0.0.1 server,
 * latency, seeded fault injection (500/502/503, slow answer, connection reset after the request
 * was processed), a per-second rate limit with 429 + Retry-After, a billing journal and JSON-lines
 * state that survives restarts. Generic on purpose: the AiPrise sandbox uses it too.
 *
 * Control endpoints (`…/__sandbox/…`) never meet faults, rate limits or auth, so tests and the CLI
 * can always create sessions and read the journal.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { BillingEntry, Logger, SandboxOptions } from '../types.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_SLOW_MS = 2000;

export interface KitRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body; undefined when empty or not JSON. */
  json: unknown;
}

export interface KitReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface KitOptions extends SandboxOptions {
  /** How long a "slow answer" fault waits before answering (default 2000 ms). */
  slowMs?: number;
}

export interface KitServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

/** Deterministic PRNG (mulberry32) so a seed replays the same faults. */
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

type Fault = 'none' | 500 | 502 | 503 | 'slow' | 'reset';
const FAULTS: readonly Fault[] = [500, 502, 503, 'slow', 'reset'];

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export function isControlPath(path: string): boolean {
  return path.includes('/__sandbox/') || path.endsWith('/__sandbox');
}

function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', () => resolve({ text: '', tooLarge }));
  });
}

function send(res: ServerResponse, reply: KitReply): void {
  if (res.headersSent || res.destroyed) return;
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(body);
}

/**
 * Starts the server. `handle` answers vendor and control requests alike; the kit decides before
 * it whether a vendor request meets a fault or the rate limit.
 */
export async function startKitServer(options: KitOptions, handle: (req: KitRequest) => KitReply | Promise<KitReply>): Promise<KitServer> {
  const random = seededRandom(options.seed ?? 1);
  const faultRate = Math.min(1, Math.max(0, options.faultRate ?? 0));
  const rateLimit = Math.max(0, options.rateLimit ?? 0);
  const slowMs = options.slowMs ?? DEFAULT_SLOW_MS;
  let windowStart = 0;
  let windowCount = 0;

  const pickFault = (): Fault => {
    if (faultRate <= 0 || random() >= faultRate) return 'none';
    return FAULTS[Math.floor(random() * FAULTS.length)] ?? 500;
  };

  /** Fixed one-second window; returns the headers to add, and whether the request is refused. */
  const meter = (): { refused: boolean; headers: Record<string, string> } => {
    if (rateLimit <= 0) return { refused: false, headers: {} };
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount++;
    const resetAt = Math.ceil((windowStart + 1000) / 1000);
    const remaining = Math.max(0, rateLimit - windowCount);
    const headers = { 'x-ratelimit-limit': String(rateLimit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetAt) };
    if (windowCount > rateLimit) return { refused: true, headers: { ...headers, 'retry-after': '1' } };
    return { refused: false, headers };
  };

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    void (async () => {
      try {
        const { text, tooLarge } = await readBody(req);
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        await sleep(options.latencyMs ?? 0);
        if (tooLarge) return send(res, { status: 413, body: { message: 'request body too large' } });
        let json: unknown;
        try {
          json = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const request: KitRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, text, json };
        if (isControlPath(url.pathname)) return send(res, await handle(request));

        const metered = meter();
        if (metered.refused) return send(res, { status: 429, body: { message: 'Too many requests' }, headers: metered.headers });
        const fault = pickFault();
        if (typeof fault === 'number') {
          return send(res, { status: fault, body: { message: `sandbox fault ${fault}` }, headers: metered.headers });
        }
        if (fault === 'slow') await sleep(slowMs);
        const reply = await handle(request);
        if (fault === 'reset') {
          // Processed, then the answer is lost: what a client must treat as "may have happened".
          req.socket.destroy();
          return;
        }
        send(res, { ...reply, headers: { ...metered.headers, ...reply.headers } });
      } catch (err) {
        options.log?.error('sandbox request failed', { error: err instanceof Error ? err.message : String(err) });
        send(res, { status: 500, body: { message: 'sandbox internal error' } });
      }
    })();
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
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * JSON-lines state: one record per line, appended as things happen, replayed on start. Lines
 * that do not parse (a torn last write) are skipped rather than fatal.
 */
export interface JsonLinesState {
  records: unknown[];
  append(record: object): void;
}

export function openJsonLinesState(file: string | undefined, log?: Logger): JsonLinesState {
  const records: unknown[] = [];
  let tornTail = false;
  if (file && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    tornTail = text.length > 0 && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (line.trim().length === 0) continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        log?.warn('sandbox state: skipped an unreadable line');
      }
    }
  }
  if (file) mkdirSync(dirname(file), { recursive: true });
  // Start new records on a fresh line so a torn last write cannot swallow them.
  if (file && tornTail) appendFileSync(file, '\n');
  return {
    records,
    append(record) {
      if (file) appendFileSync(file, `${JSON.stringify(record)}\n`);
    },
  };
}

/** Billing journal: every session the vendor would have charged for. */
export interface BillingJournal {
  entries: BillingEntry[];
  record(service: string, resultId: string, at: string): BillingEntry;
}

export function createBillingJournal(state: JsonLinesState): BillingJournal {
  const entries: BillingEntry[] = [];
  for (const r of state.records) {
    const rec = r as { t?: unknown; entry?: BillingEntry };
    if (rec.t === 'billing' && rec.entry && typeof rec.entry.id === 'string') entries.push(rec.entry);
  }
  return {
    entries,
    record(service, resultId, at) {
      const entry: BillingEntry = { id: `bill_${entries.length + 1}`, service, resultId, sha256s: [], at };
      entries.push(entry);
      state.append({ t: 'billing', entry });
      return entry;
    },
  };
}

/** Header value as one string (node gives arrays for repeated headers). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
