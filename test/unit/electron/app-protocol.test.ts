import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/app-protocol.ts';
import { CONTENT_SECURITY_POLICY, DOCUMENT_SECURITY_POLICY } from '../../../electron/main/csp.ts';
import { checkRequestPath } from '../../../electron/main/safe-path.ts';
import type { DocumentFile } from '../../../electron/hosts/utility/protocol.ts';

let base: string;
let rendererRoot: string;
let dataDir: string;
let documentRoot: string | null;
const documents = new Map<number, DocumentFile>();
const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'checkdesk-protocol-'));
  rendererRoot = path.join(base, 'renderer');
  dataDir = path.join(base, 'data');
  fs.mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(dataDir, 'store', 'ab'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererRoot, 'index.html'),
    '<!doctype html><title>CheckDesk</title>',
  );
  fs.writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log("ui")');
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(dataDir, 'store', 'ab', 'abcdef.jpg'), JPEG);
  fs.writeFileSync(path.join(dataDir, 'store', 'ab', 'sheet.xlsx'), 'PK');
  if (process.platform !== 'win32')
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(rendererRoot, 'assets', 'escape.js'));
  documentRoot = dataDir;
  documents.set(1, { path: path.join(dataDir, 'store', 'ab', 'abcdef.jpg'), mime: 'image/jpeg' });
  documents.set(2, { path: path.join(base, 'secret.txt'), mime: 'image/jpeg' }); // outside the data dir
  documents.set(3, {
    path: path.join(dataDir, 'store', 'ab', 'sheet.xlsx'),
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const lookups: number[] = [];
// Built per request because the temp renderer root only exists once beforeAll has run.
const serve = (url: string, method = 'GET') =>
  createAppProtocolHandler({
    rendererRoot,
    documentFile: async (id) => {
      lookups.push(id);
      return documents.get(id) ?? null;
    },
    documentRoot: () => documentRoot,
    shellPage: (name) => (name === 'engine-failed' ? '<!doctype html><p>stopped</p>' : null),
  })({ url, method });

describe('app:// protocol handler', () => {
  it('serves the UI from a real file with the CSP header', async () => {
    const response = await serve('app://checkdesk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>CheckDesk</title>');

    const script = await serve('app://checkdesk/assets/app.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("ui")');
  });

  it('states the required CSP directives', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: app:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
  });

  const traversals = [
    'app://checkdesk/../secret.txt',
    'app://checkdesk/assets/../../secret.txt',
    'app://checkdesk/%2e%2e/secret.txt',
    'app://checkdesk/%2E%2E/secret.txt',
    'app://checkdesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://checkdesk/.%2e/secret.txt',
    'app://checkdesk//etc/passwd',
    'app://checkdesk/%2Fetc%2Fpasswd',
    'app://checkdesk/C:/Windows/win.ini',
    'app://checkdesk/c%3a%5cWindows%5cwin.ini',
    'app://checkdesk/..\\secret.txt',
    'app://checkdesk/%5c..%5csecret.txt',
    'app://checkdesk/index.html%00.js',
    'app://checkdesk/%E0%A4%A',
  ];

  it.each(traversals)('refuses %s with 400 and the CSP header', async (url) => {
    const response = await serve(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain(SECRET);
  });

  it.runIf(process.platform !== 'win32')('does not follow a symlink out of the root', async () => {
    const response = await serve('app://checkdesk/assets/escape.js');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('answers unknown files, hosts, schemes and methods without serving anything', async () => {
    expect((await serve('app://checkdesk/nope.js')).status).toBe(404);
    expect((await serve('app://checkdesk/assets')).status).toBe(404);
    expect((await serve('app://elsewhere/index.html')).status).toBe(404);
    expect((await serve('file:///etc/passwd')).status).toBe(400);
    expect((await serve('app://checkdesk/index.html', 'POST')).status).toBe(405);
    const head = await serve('app://checkdesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves a stored document for a known id only, uncached', async () => {
    lookups.length = 0;
    const response = await serve('app://documents/1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(DOCUMENT_SECURITY_POLICY);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(JPEG);

    expect((await serve('app://documents/99')).status).toBe(404);
    expect(lookups).toEqual([1, 99]);
  });

  it('refuses document ids that are not plain numbers before asking the engine', async () => {
    lookups.length = 0;
    for (const url of [
      'app://documents/abc',
      'app://documents/0',
      'app://documents/1/../2',
      'app://documents/1.jpg',
      'app://documents/',
      'app://documents/%31',
    ]) {
      expect((await serve(url)).status).toBe(400);
    }
    expect(lookups).toEqual([]);
  });

  it('never serves a document path outside the data dir, or a type without preview', async () => {
    const outside = await serve('app://documents/2');
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain(SECRET);
    expect((await serve('app://documents/3')).status).toBe(415);
    documentRoot = null;
    expect((await serve('app://documents/1')).status).toBe(503);
    documentRoot = dataDir;
  });

  it('serves the shell pages under the same CSP', async () => {
    const page = await serve('app://checkdesk/_shell/engine-failed');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await serve('app://checkdesk/_shell/other')).status).toBe(404);
  });
});

describe('checkRequestPath', () => {
  it('accepts plain relative paths and splits them', () => {
    expect(checkRequestPath('/assets/app.js')).toEqual({
      ok: true,
      segments: ['assets', 'app.js'],
    });
    expect(checkRequestPath('/')).toEqual({ ok: true, segments: [] });
    expect(checkRequestPath('/fonts/Inter%20Var.woff2')).toEqual({
      ok: true,
      segments: ['fonts', 'Inter Var.woff2'],
    });
  });

  it('names the reason of a refusal', () => {
    expect(checkRequestPath('/a/../b')).toEqual({ ok: false, reason: 'dot segment in path' });
    expect(checkRequestPath('/a%00')).toEqual({ ok: false, reason: 'NUL in path' });
    expect(checkRequestPath('/a\\b')).toEqual({ ok: false, reason: 'backslash in path' });
    expect(checkRequestPath('//etc')).toEqual({ ok: false, reason: 'absolute path' });
  });
});
