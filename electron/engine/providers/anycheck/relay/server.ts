/**
 * The webhook relay: a small store-and-forward service for a host the provider can reach, because
 * a desktop in a branch office usually cannot receive webhooks. `checkdesk webhook-relay` runs it.
 *
 *   POST /hooks/<anything>              from the provider. No auth (a provider cannot send our
 *                                       token); at most `maxBodyBytes`. Stores the raw body as
 *                                       UTF-8 text, the request headers (lower-cased) and the
 *                                       relay's own receivedAt, and answers 200.
 *   GET  /deliveries?after=C&limit=N    for CheckDesk, with `Authorization: Bearer <token>`:
 *                                       `{deliveries: [{id, receivedAt, path, headers, body}], next}`,
 *                                       oldest first. `next` is the cursor to send as `after` next
 *                                       time; a cursor the relay never issued (its state was
 *                                       wiped) starts again from the oldest delivery it holds.
 *   GET  /health                        `{ok: true}`, no auth.
 *
 * The relay never verifies signatures and never needs the webhook secret: CheckDesk verifies
 * each delivery end to end. Deliveries are kept in memory (and appended to an optional JSON-lines
 * state file) and pruned by age, count and total size. It is provider-neutral in what it stores;
 * it lives beside the AnyCheck client because AnyCheck is the provider that needs it today.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, readBody, writeAnswer } from '../../kit/sandbox-http.ts';
import { openStateFile, type StateFile } from '../../kit/state-file.ts';
import type { Logger } from '../../types.ts';

export interface WebhookRelayOptions {
  /** The bearer token CheckDesk presents to read deliveries. */
  token: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind: 127.0.0.1 unless told otherwise (e.g. 0.0.0.0 behind a TLS proxy). */
  host?: string;
  /** JSON-lines file the deliveries survive a restart in; memory only when absent. */
  stateFile?: string;
  /** Largest accepted webhook body (default 1 MiB); larger → 413, nothing stored. */
  maxBodyBytes?: number;
  /** How long a delivery is kept (default 7 days). */
  retentionMs?: number;
  /** Most deliveries kept (default 10 000); the oldest go first. */
  maxDeliveries?: number;
  /** Most body bytes kept in total (default 64 MiB); the oldest go first. */
  maxStoredBytes?: number;
  now?: () => number;
  log?: Logger;
}

export interface RelayDelivery {
  id: string;
  receivedAt: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RunningRelay {
  url: string;
  /** Deliveries held now. */
  size(): number;
  /** Drops what is past the retention limits now; returns how many went. */
  prune(): number;
  close(): Promise<void>;
}

export const RELAY_MIN_TOKEN_LENGTH = 16;
const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_RETENTION_MS = 7 * 86_400_000;
const DEFAULT_MAX_DELIVERIES = 10_000;
const DEFAULT_MAX_STORED_BYTES = 64 * 1024 * 1024;
const PAGE_DEFAULT = 100;
const PAGE_MAX = 500;
const PRUNE_EVERY_MS = 10 * 60_000;
/** Never stored or handed on: credentials of whoever called the open endpoint. */
const DROPPED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

type Line = { t: 'delivery'; v: Stored } | { t: 'seq'; v: number };

interface Stored extends Omit<RelayDelivery, 'id'> {
  seq: number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison of a presented bearer token (whatever its length) with ours. */
function tokenMatches(header: string | undefined, expected: Buffer): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return timingSafeEqual(digest(m?.[1] ?? ''), expected) && m !== null;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  writeAnswer(
    res,
    status,
    { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra },
    JSON.stringify(body),
  );
}

function originOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startWebhookRelay(options: WebhookRelayOptions): Promise<RunningRelay> {
  if (typeof options.token !== 'string' || options.token.length < RELAY_MIN_TOKEN_LENGTH) {
    throw new Error(`the relay token must be at least ${RELAY_MIN_TOKEN_LENGTH} characters`);
  }
  const now = options.now ?? Date.now;
  const log = options.log;
  const expected = digest(options.token);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const maxDeliveries = Math.max(1, options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES);
  const maxStoredBytes = options.maxStoredBytes ?? DEFAULT_MAX_STORED_BYTES;

  // Oldest first; seq only grows, also across restarts (the state file keeps the last one).
  const held: Stored[] = [];
  let lastSeq = 0;
  let storedBytes = 0;
  let prunedSinceCompact = 0;
  const file: StateFile = openStateFile(options.stateFile, { log, label: 'webhook relay' });
  const seen = new Set<number>();
  for (const record of file.records) {
    const line = record as Line;
    if (line?.t === 'seq' && Number.isInteger(line.v)) lastSeq = Math.max(lastSeq, line.v);
    else if (
      line?.t === 'delivery' &&
      Number.isInteger(line.v?.seq) &&
      typeof line.v.body === 'string'
    ) {
      if (seen.has(line.v.seq)) continue;
      seen.add(line.v.seq);
      held.push(line.v);
      storedBytes += Buffer.byteLength(line.v.body);
      lastSeq = Math.max(lastSeq, line.v.seq);
    }
  }
  held.sort((a, b) => a.seq - b.seq);

  function compact(): void {
    try {
      file.rewrite([
        { t: 'seq', v: lastSeq } satisfies Line,
        ...held.map((v): Line => ({ t: 'delivery', v })),
      ]);
      prunedSinceCompact = 0;
    } catch (err) {
      log?.error('webhook relay could not compact its state file', { error: String(err) });
    }
  }

  function prune(): number {
    const cutoff = now() - retentionMs;
    let n = 0;
    while (
      n < held.length &&
      (held[n]!.receivedAt < cutoff ||
        held.length - n > maxDeliveries ||
        storedBytes > maxStoredBytes)
    ) {
      storedBytes -= Buffer.byteLength(held[n]!.body);
      n++;
    }
    if (n > 0) {
      held.splice(0, n);
      prunedSinceCompact += n;
      // Rewriting the file for every pruned line would cost more than it saves.
      if (prunedSinceCompact >= Math.max(100, Math.floor(maxDeliveries / 10))) compact();
    }
    return n;
  }

  prune();
  compact();

  function accept(req: IncomingMessage, path: string, body: Buffer): void {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      const name = k.toLowerCase();
      if (v === undefined || DROPPED_HEADERS.has(name)) continue;
      headers[name] = Array.isArray(v) ? v.join(', ') : v;
    }
    const delivery: Stored = {
      seq: ++lastSeq,
      receivedAt: now(),
      path,
      headers,
      body: body.toString('utf8'),
    };
    held.push(delivery);
    storedBytes += Buffer.byteLength(delivery.body);
    file.append({ t: 'delivery', v: delivery } satisfies Line);
    prune();
  }

  function page(url: URL): { deliveries: RelayDelivery[]; next: string } | null {
    const afterText = url.searchParams.get('after') ?? '0';
    const limitText = url.searchParams.get('limit') ?? String(PAGE_DEFAULT);
    if (!/^\d{1,15}$/.test(afterText) || !/^\d{1,4}$/.test(limitText)) return null;
    const limit = Math.min(PAGE_MAX, Math.max(1, Number(limitText)));
    let after = Number(afterText);
    // A cursor beyond anything issued here belongs to an earlier life of this relay.
    if (after > lastSeq) after = 0;
    let lo = 0;
    let hi = held.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (held[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    const slice = held.slice(lo, lo + limit);
    return {
      deliveries: slice.map((d) => ({
        id: String(d.seq),
        receivedAt: d.receivedAt,
        path: d.path,
        headers: d.headers,
        body: d.body,
      })),
      next: String(slice.length > 0 ? slice[slice.length - 1]!.seq : after),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    if (path.startsWith('/hooks/') && path.length > '/hooks/'.length && path.length <= 512) {
      if (method !== 'POST') {
        req.resume();
        return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
      }
      const { body, tooLarge } = await readBody(req, maxBody);
      if (tooLarge)
        return sendJson(
          res,
          413,
          { error: `the body is larger than ${maxBody} bytes` },
          { connection: 'close' },
        );
      accept(req, path, body);
      return sendJson(res, 200, { received: true });
    }
    req.resume();
    if (path === '/health' && method === 'GET') return sendJson(res, 200, { ok: true });
    if (path === '/deliveries') {
      if (method !== 'GET')
        return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
      if (!tokenMatches(req.headers.authorization, expected)) {
        return sendJson(
          res,
          401,
          { error: 'a valid bearer token is required' },
          { 'www-authenticate': 'Bearer' },
        );
      }
      const answer = page(url);
      if (!answer)
        return sendJson(res, 400, {
          error: 'after must be a cursor this relay issued and limit a number 1..500',
        });
      return sendJson(res, 200, answer);
    }
    return sendJson(res, 404, { error: 'not found' });
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch(() => {
      // The sender went away mid-body: nothing was stored and nobody is left to answer.
      if (!res.headersSent && !res.destroyed)
        sendJson(res, 400, { error: 'the request could not be read' });
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  // Slow senders must not hold sockets open forever on a public interface.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = originOf(host, (server.address() as AddressInfo).port);
  const timer = setInterval(() => {
    prune();
    if (prunedSinceCompact > 0) compact();
  }, PRUNE_EVERY_MS);
  timer.unref?.();
  log?.info('webhook relay listening', { url, deliveries: held.length });

  return {
    url,
    size: () => held.length,
    prune,
    close: () => {
      clearInterval(timer);
      return closeServer(server);
    },
  };
}
