/**
 * providers/http.ts answers: text (default) and binary (`responseType: 'buffer'`, for files such
 * as AnyCheck's xlsx bulk export), against a loopback server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, type HttpRequest } from '../../../electron/engine/providers/http.ts';

const BINARY = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x7b, 0x0a]);
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/file') {
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      res.end(BINARY);
    } else if (req.url === '/json') {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error_code: 'INVALID_REQUEST' }));
    } else {
      res.writeHead(200, { 'content-type': 'application/problem+json' });
      res.end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, extra: Partial<HttpRequest> = {}) =>
  httpRequest({
    provider: 'test',
    op: 'poll',
    method: 'GET',
    url: `${base}${path}`,
    timeoutMs: 5_000,
    ...extra,
  });

describe('httpRequest', () => {
  it('reads text and JSON by default, without a body buffer', async () => {
    const res = await get('/json');
    expect([res.status, res.json, res.body]).toEqual([
      400,
      { error_code: 'INVALID_REQUEST' },
      undefined,
    ]);
  });

  it("keeps a binary answer's bytes as they are, never as text", async () => {
    const res = await get('/file', { responseType: 'buffer' });
    expect(res.status).toBe(200);
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect(res.body!.equals(BINARY)).toBe(true);
    expect([res.text, res.json]).toEqual(['', undefined]);
  });

  it('still reads a JSON answer (an error, or a JSON-wrapped file) in buffer mode', async () => {
    const error = await get('/json', { responseType: 'buffer' });
    expect([error.status, error.json]).toEqual([400, { error_code: 'INVALID_REQUEST' }]);
    expect(error.body!.toString('utf8')).toBe(error.text);
    expect((await get('/problem', { responseType: 'buffer' })).json).toEqual({ ok: true });
  });
});
