/**
 * The browser host: the engine's contract over HTTP (POST /api/invoke/<name>) and a server-sent
 * event stream (GET /api/events), plus the built renderer and document previews, on 127.0.0.1
 * only.
 *
 * Hardening: every request must carry the per-run token (query `token` once, then an HttpOnly
 * SameSite=Strict cookie, or `Authorization: Bearer`), or it gets 401; the Host header must be
 * the loopback address we listen on (no DNS rebinding); state-changing requests must come from
 * our own Origin; no CORS headers are ever sent.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HANDLER_NAMES, type HandlerName } from '../../../shared/contract.ts';
import type { Engine } from '../../engine/api.ts';

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const MAX_BODY = 64 * 1024 * 1024;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('request too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves a URL path inside `root`, refusing anything that escapes it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

export async function startBrowserHost(options: {
  engine: Engine;
  rendererDir: string;
  port?: number;
}): Promise<BrowserHost> {
  const { engine } = options;
  const rendererDir = path.resolve(options.rendererDir);
  const token = randomBytes(24).toString('base64url');
  const handlerNames = new Set<string>(HANDLER_NAMES);
  let port = 0;
  const cookieName = () => `cd_token_${port}`;
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      const status = (err as { status?: number }).status ?? 500;
      if (!res.headersSent)
        send(res, status, status === 413 ? 'request too large' : 'internal error');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      return send(res, 403, 'forbidden host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      return send(res, 403, 'forbidden origin');
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const queryToken = url.searchParams.get('token');
    const presented = bearer ?? queryToken ?? cookieToken(req.headers.cookie, cookieName());
    if (!presented || !safeEqual(presented, token))
      return send(res, 401, 'a valid access token is required');

    const headers: Record<string, string> = {};
    if (queryToken)
      headers['set-cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`;

    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events' && req.method === 'GET') return events(req, res);
      const invoke = /^\/api\/invoke\/([\w.]+)$/.exec(url.pathname);
      if (invoke) {
        if (req.method !== 'POST') return send(res, 405, 'use POST');
        const name = invoke[1]!;
        if (!handlerNames.has(name)) return send(res, 404, 'unknown handler');
        const text = await readBody(req);
        let args: unknown = {};
        if (text.trim()) {
          try {
            args = JSON.parse(text);
          } catch {
            return send(
              res,
              400,
              JSON.stringify({
                ok: false,
                error: {
                  code: 'BAD_JSON',
                  message: 'the request body is not JSON',
                  retryable: false,
                },
              }),
              'application/json',
            );
          }
        }
        const result = await engine.call(name as HandlerName, args);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      const doc = /^\/api\/documents\/(\d+)$/.exec(url.pathname);
      if (doc && req.method === 'GET') return document(res, Number(doc[1]));
      return send(res, 404, 'not found');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    return serveStatic(url.pathname, res, headers);
  }

  async function serveStatic(
    urlPath: string,
    res: http.ServerResponse,
    extra: Record<string, string>,
  ): Promise<void> {
    let file = resolveInside(rendererDir, urlPath === '/' ? '/index.html' : urlPath);
    if (!file) return send(res, 400, 'bad path');
    let st = await fs.stat(file).catch(() => null);
    if (!st || !st.isFile()) {
      // Client-side routes fall back to the app shell.
      if (path.extname(urlPath)) return send(res, 404, 'not found');
      file = path.join(rendererDir, 'index.html');
      st = await fs.stat(file).catch(() => null);
      if (!st) return send(res, 503, 'the UI has not been built: run `npm run build`');
    }
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(st.size),
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(type.startsWith('text/html')
        ? { 'content-security-policy': CSP, 'x-frame-options': 'DENY' }
        : {}),
      ...extra,
    });
    createReadStream(file).pipe(res);
  }

  async function document(res: http.ServerResponse, id: number): Promise<void> {
    const doc = engine.documentFile(id);
    if (!doc) return send(res, 404, 'no such document');
    const st = await fs.stat(doc.path).catch(() => null);
    if (!st) return send(res, 404, 'the stored copy is missing');
    res.writeHead(200, {
      'content-type': doc.mime,
      'content-length': String(st.size),
      'content-disposition': 'inline',
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    });
    createReadStream(doc.path).pipe(res);
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const off = engine.subscribe((e) => {
      res.write(`data: ${JSON.stringify(e)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      off();
      clearInterval(ping);
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const s of streams) s.end();
      // close() only stops accepting; open keep-alive and event-stream connections would keep
      // its callback (and the process) waiting forever, so drop them right away.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
