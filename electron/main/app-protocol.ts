/**
 * The app:// protocol: the built UI from app://checkdesk/…, stored document copies from
 * app://documents/<id>, and the shell's own pages under app://checkdesk/_shell/. Every response
 * carries the CSP; anything that is not a plain GET of a known, contained file is refused.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DocumentFile } from '../hosts/utility/protocol.ts';
import { securityHeaders } from './csp.ts';
import { checkRequestPath, realFileInside, resolveInsideRoot, splitRawUrl } from './safe-path.ts';
import { APP_SCHEME, DOCUMENTS_HOST, UI_HOST } from './ui-location.ts';

/** Privileges for protocol.registerSchemesAsPrivileged (before app ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    corsEnabled: false,
    bypassCSP: false,
  },
} as const;

export const SHELL_PAGE_PREFIX = '_shell';

export interface AppProtocolDeps {
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  /** The engine's stored copy of a document, or null for an unknown id. */
  documentFile(documentId: number): Promise<DocumentFile | null>;
  /** Where stored copies must live (the data dir); null until the engine has said. */
  documentRoot(): string | null;
  /** HTML of a shell page (e.g. 'engine-failed'), or null when there is no such page. */
  shellPage(name: string): string | null;
}

export interface ProtocolRequest {
  url: string;
  method?: string;
}

const UI_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types a preview may have; anything else is refused rather than sniffed by Chromium. */
const PREVIEW_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/bmp',
  'application/pdf',
]);

const DOCUMENT_ID = /^\/([1-9][0-9]{0,14})$/;

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      ...securityHeaders(),
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}

async function fileResponse(
  file: string,
  contentType: string,
  method: string,
  extra: Record<string, string>,
  kind: 'page' | 'document' = 'page',
): Promise<Response> {
  const stat = await fs.stat(file);
  const headers = {
    ...securityHeaders(kind),
    'Content-Type': contentType,
    'Content-Length': String(stat.size),
    ...extra,
  };
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

export function createAppProtocolHandler(
  deps: AppProtocolDeps,
): (request: ProtocolRequest) => Promise<Response> {
  async function serveUi(segments: string[], method: string): Promise<Response> {
    if (segments[0] === SHELL_PAGE_PREFIX) {
      const html = segments.length === 2 && segments[1] ? deps.shellPage(segments[1]) : null;
      if (html === null) return plain(404, 'Not found');
      return new Response(method === 'HEAD' ? null : html, {
        status: 200,
        headers: {
          ...securityHeaders(),
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
        },
      });
    }
    const target = segments.length === 0 ? ['index.html'] : segments;
    const file = await resolveInsideRoot(deps.rendererRoot, target);
    if (!file) return plain(404, 'Not found');
    const type = UI_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return fileResponse(file, type, method, { 'Cache-Control': 'no-cache' });
  }

  async function serveDocument(rawPath: string, method: string): Promise<Response> {
    const match = DOCUMENT_ID.exec(rawPath);
    if (!match?.[1]) return plain(400, 'Bad document id');
    const root = deps.documentRoot();
    if (!root) return plain(503, 'The engine is not running');
    const stored = await deps.documentFile(Number(match[1]));
    if (!stored) return plain(404, 'Unknown document');
    const mime = stored.mime.toLowerCase();
    if (!PREVIEW_TYPES.has(mime)) return plain(415, 'This document type has no preview');
    // The engine names the file; still, only a real file inside the data dir is ever served.
    const file = await realFileInside(root, stored.path);
    if (!file) return plain(404, 'Stored copy missing');
    // Scans of ID cards are personal data: never kept in Chromium's cache.
    return fileResponse(
      file,
      mime,
      method,
      { 'Cache-Control': 'no-store', 'Content-Disposition': 'inline' },
      'document',
    );
  }

  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    try {
      if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
      const parts = splitRawUrl(request.url);
      if (!parts || parts.scheme !== APP_SCHEME) return plain(400, 'Bad URL');
      const check = checkRequestPath(parts.rawPath);
      if (!check.ok) return plain(400, `Refused: ${check.reason}`);
      if (parts.host === UI_HOST) return await serveUi(check.segments, method);
      if (parts.host === DOCUMENTS_HOST) return await serveDocument(parts.rawPath, method);
      return plain(404, 'Not found');
    } catch {
      return plain(500, 'Internal error');
    }
  };
}
