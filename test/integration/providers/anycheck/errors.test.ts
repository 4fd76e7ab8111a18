/**
 * The failures the queue's classifier must see as they are: auth, billing, rate limits, injected
 * faults before and after commit, the legacy error format, and a sandbox that survives bad input.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../electron/engine/providers/errors.ts';
import {
  ANYCHECK_SERVICE_CODES,
  startAnyCheckSandbox,
} from '../../../../electron/engine/providers/anycheck/index.ts';
import type { RunningSandbox } from '../../../../electron/engine/providers/types.ts';
import {
  adapterFor,
  cardImage,
  faceImage,
  makeCtx,
  request,
  tempDir,
  VALID_NIK,
  writeDoc,
} from './helpers.ts';

const open: RunningSandbox[] = [];
const dirs: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) d();
});

async function sandbox(
  options: Parameters<typeof startAnyCheckSandbox>[0],
): Promise<RunningSandbox> {
  const s = await startAnyCheckSandbox({ processingMs: 20, ...options });
  open.push(s);
  return s;
}

const nikRequest = (groupRef?: string) =>
  request({
    service: ANYCHECK_SERVICE_CODES.KTP,
    config: { verification_type: 'NIK', nik: VALID_NIK },
    ...(groupRef ? { groupRef } : {}),
  });

async function caught(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('auth and billing errors', () => {
  it('401 with the vendor code for a wrong key; a missing key is refused locally', async () => {
    const sb = await sandbox({ apiKey: 'right-key-123456' });
    const err = await caught(
      adapterFor(sb, {}, { credentials: { apiKey: 'wrong-key-654321' } }).probe(makeCtx().ctx),
    );
    expect([err.kind, err.op, err.status, err.vendorCode]).toEqual([
      'http',
      'probe',
      401,
      'INVALID_API_KEY',
    ]);
    expect(err.message).not.toContain('wrong-key-654321');
    const none = await caught(adapterFor(sb, {}, { credentials: {} }).probe(makeCtx().ctx));
    expect([none.status, none.vendorCode]).toEqual([401, 'UNAUTHORIZED']);
    const raw = await fetch(`${sb.url}/services`);
    expect([raw.status, ((await raw.json()) as { error_code: string }).error_code]).toEqual([
      401,
      'UNAUTHORIZED',
    ]);
  });

  it('403 INSUFFICIENT_BALANCE once the credits are spent; the refused create is not billed', async () => {
    const sb = await sandbox({ credits: 15 });
    const a = adapterFor(sb);
    const c = makeCtx();
    await a.submit(nikRequest(), c.ctx);
    const err = await caught(a.submit(nikRequest(), c.ctx));
    expect([err.kind, err.op, err.status, err.vendorCode]).toEqual([
      'http',
      'create',
      403,
      'INSUFFICIENT_BALANCE',
    ]);
    expect(sb.journal()).toHaveLength(1);
  });

  it('429 with Retry-After in seconds and the rate-limit headers', async () => {
    const sb = await sandbox({ rateLimit: 1, rateLimitScope: 'creates' });
    const a = adapterFor(sb);
    const c = makeCtx();
    await a.submit(nikRequest(), c.ctx);
    const err = await caught(a.submit(nikRequest(), c.ctx));
    expect([err.status, err.op, err.vendorCode]).toEqual([429, 'create', 'RATE_LIMIT_EXCEEDED']);
    expect(err.retryAfterMs).toBe(1000);
    expect(c.hints.at(-1)).toMatchObject({ remaining: 0 });
    expect(c.hints.at(-1)!.resetInMs).toBeGreaterThanOrEqual(0);
    expect(sb.journal()).toHaveLength(1);
  });
});

describe('injected faults', () => {
  it('5xx before commit: an http error on create, nothing billed', async () => {
    const sb = await sandbox({
      faultRate: 1,
      seed: 3,
      faultWeights: { error: 1, slow: 0, reset: 0 },
      faultScope: 'creates',
    });
    const a = adapterFor(sb);
    const c = makeCtx();
    const statuses = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const err = await caught(a.submit(nikRequest(), c.ctx));
      expect([err.kind, err.op]).toEqual(['http', 'create']);
      statuses.add(err.status!);
    }
    expect([...statuses].every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect(sb.journal()).toHaveLength(0);
  });

  it('reset after commit: a connection error on create, then lookup finds it — billed once', async () => {
    const sb = await sandbox({
      faultRate: 1,
      faultWeights: { error: 0, slow: 0, reset: 1 },
      faultScope: 'creates',
    });
    const a = adapterFor(sb);
    const c = makeCtx();
    const req = nikRequest();
    const err = await caught(a.submit(req, c.ctx));
    expect([err.kind, err.op, err.maybeDelivered]).toEqual(['connection', 'create', true]);
    expect(sb.journal()).toHaveLength(1);
    const found = await a.lookup(req, c.ctx);
    expect(found.kind).toBe('found');
    expect(found.kind === 'found' && found.externalId).toBe(sb.journal()[0]!.id);
    expect(found.kind === 'found' && found.externalGroup).toBe(req.groupRef);
    expect(sb.journal()).toHaveLength(1);
  });

  it('reset after commit of a file-based create: found by result group, and by check-duplicate with the provider strategy', async () => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const sb = await sandbox({
      faultRate: 1,
      faultWeights: { error: 0, slow: 0, reset: 1 },
      faultScope: 'creates',
    });
    for (const strategy of ['client', 'provider'] as const) {
      const a = adapterFor(sb, { resultIdStrategy: strategy });
      const c = makeCtx();
      const seed = strategy === 'client' ? 1 : 2;
      const req = request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        config: { verification_type: 'KTP_SELFIE' },
        documents: [
          writeDoc(dir, 'ktp.png', await cardImage(seed), 'ktp_file', 'KTP'),
          writeDoc(dir, 'selfie.png', await faceImage(seed), 'selfie_file', 'SELFIE'),
        ],
        ...(strategy === 'provider' ? { groupRef: null } : {}),
      });
      const err = await caught(a.submit(req, c.ctx));
      expect([err.kind, err.op]).toEqual(['connection', 'create']);
      const found = await a.lookup(req, c.ctx);
      expect(found.kind).toBe('found');
      expect(found.kind === 'found' && found.externalId).toBe(sb.journal().at(-1)!.id);
    }
    expect(sb.journal()).toHaveLength(2);
  });

  it('slow answer after commit: a timeout on create, then lookup finds it', async () => {
    const sb = await sandbox({
      faultRate: 1,
      faultWeights: { error: 0, slow: 1, reset: 0 },
      faultScope: 'creates',
      slowMs: 1_500,
    });
    const a = adapterFor(sb, {}, { timeoutMs: 300 });
    const c = makeCtx();
    const req = nikRequest();
    const err = await caught(a.submit(req, c.ctx));
    expect([err.kind, err.op]).toEqual(['timeout', 'create']);
    const found = await a.lookup(req, c.ctx);
    expect(found.kind === 'found' && found.externalId).toBe(sb.journal()[0]!.id);
    expect(sb.journal()).toHaveLength(1);
  });

  it('a seeded fault mix is the same on every run', async () => {
    const run = async () => {
      const sb = await sandbox({
        faultRate: 0.5,
        seed: 42,
        faultWeights: { error: 1, slow: 0, reset: 1 },
        faultScope: 'creates',
      });
      const a = adapterFor(sb);
      const c = makeCtx();
      const kinds: string[] = [];
      for (let i = 0; i < 12; i++) {
        try {
          await a.submit(nikRequest(), c.ctx);
          kinds.push('ok');
        } catch (err) {
          kinds.push((err as ProviderError).kind);
        }
      }
      return kinds;
    };
    const first = await run();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await run()).toEqual(first);
  });
});

describe('legacy error format', () => {
  it('reads vendor codes from {success:false, error:{code,message}}', async () => {
    const sb = await sandbox({ legacyErrors: true, credits: 5 });
    const bad = await caught(
      adapterFor(sb, {}, { credentials: { apiKey: 'not-the-key' } }).probe(makeCtx().ctx),
    );
    expect([bad.status, bad.vendorCode]).toEqual([401, 'INVALID_API_KEY']);
    const a = adapterFor(sb);
    const c = makeCtx();
    const broke = await caught(a.submit(nikRequest(), c.ctx));
    expect([broke.status, broke.vendorCode, broke.op]).toEqual([
      403,
      'INSUFFICIENT_CREDITS',
      'create',
    ]);
    const res = await fetch(`${sb.url}/verifications/${crypto.randomUUID()}`, {
      headers: { 'x-api-key': sb.apiKey },
    });
    expect(await res.json()).toEqual({
      success: false,
      error: { code: 'VERIFICATION_NOT_FOUND', message: 'Verification not found.' },
    });
    const missing = await a.poll(
      [{ verificationId: 1, externalId: crypto.randomUUID(), externalGroup: null }],
      c.ctx,
    );
    expect(missing.size).toBe(0);
  });
});

describe('the sandbox survives bad input', () => {
  it('answers malformed JSON, bad multipart, bad ids, unknown routes and oversized bodies with errors, and keeps serving', async () => {
    const sb = await sandbox({ maxBodyBytes: 4096 });
    const h = { 'x-api-key': sb.apiKey };
    const post = (path: string, body: string, type = 'application/json') =>
      fetch(`${sb.url}${path}`, { method: 'POST', headers: { ...h, 'content-type': type }, body });
    const code = async (r: Response) => [
      r.status,
      ((await r.json()) as { error_code: string }).error_code,
    ];
    expect(await code(await post('/verifications', '{"service_id": '))).toEqual([
      400,
      'INVALID_REQUEST',
    ]);
    expect(await code(await post('/verifications', '[1,2]'))).toEqual([400, 'INVALID_REQUEST']);
    expect(
      await code(await post('/uploads', 'garbage', 'multipart/form-data; boundary=xyz')),
    ).toEqual([400, 'INVALID_REQUEST']);
    expect(await code(await post('/uploads', '{}'))).toEqual([400, 'INVALID_REQUEST']);
    expect(await code(await fetch(`${sb.url}/verifications/not-a-uuid`, { headers: h }))).toEqual([
      400,
      'INVALID_ID',
    ]);
    expect(await code(await fetch(`${sb.url}/nowhere`, { headers: h }))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(await code(await fetch(`${sb.url}/verifications/%E0%A4%A`, { headers: h }))).toEqual([
      400,
      'INVALID_ID',
    ]);
    expect(await code(await fetch(`${sb.url}/uploads`, { headers: h }))).toEqual([
      405,
      'METHOD_NOT_ALLOWED',
    ]);
    const services = (await (await fetch(`${sb.url}/services`, { headers: h })).json()) as {
      items: { id: string }[];
    };
    expect(
      await code(
        await post(
          '/verifications',
          JSON.stringify({
            service_id: services.items[0]!.id,
            folder_id: crypto.randomUUID(),
            configuration: {},
          }),
        ),
      ),
    ).toEqual([404, 'NOT_FOUND']);
    expect(await code(await post('/folders', JSON.stringify({ name: '' })))).toEqual([
      400,
      'INVALID_REQUEST',
    ]);
    const folder = (await (await post('/folders', JSON.stringify({ name: 'x' }))).json()) as {
      id: string;
    };
    expect(
      await code(
        await post(
          '/verifications',
          JSON.stringify({
            service_id: services.items[0]!.id,
            folder_id: folder.id,
            result_id: 'case-17',
            configuration: { verification_type: 'NIK', nik: VALID_NIK },
          }),
        ),
      ),
    ).toEqual([400, 'INVALID_ID']);
    expect(
      await code(
        await post(
          '/verifications',
          JSON.stringify({
            service_id: services.items[0]!.id,
            folder_id: folder.id,
            configuration: { verification_type: 'SELFIE_ONLY' },
          }),
        ),
      ),
    ).toEqual([400, 'INVALID_VALUE']);
    expect(await code(await post('/verifications', 'x'.repeat(10_000)))).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    // A client that disappears mid-body.
    await new Promise<void>((resolve) => {
      const req = http.request(`${sb.url}/uploads`, {
        method: 'POST',
        headers: {
          ...h,
          'content-type': 'multipart/form-data; boundary=b',
          'content-length': '100000',
        },
      });
      req.on('error', () => resolve());
      req.write('--b\r\n');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 30);
    });
    const ok = await fetch(`${sb.url}/services`, { headers: h });
    expect(ok.status).toBe(200);
  });
});
