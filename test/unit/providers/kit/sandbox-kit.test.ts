/**
 * The shared sandbox kit (electron/engine/providers/kit/): seeded randomness and faults, the
 * token bucket, the JSON-lines state file and the generic loopback server every sandbox but
 * AnyCheck's runs on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FaultInjector,
  parseFault,
  seededRandom,
  seededRandomFromText,
} from '../../../../electron/engine/providers/kit/sandbox-faults.ts';
import {
  rateLimitHeaders,
  retryAfterSeconds,
  TokenBucket,
} from '../../../../electron/engine/providers/kit/rate-limit.ts';
import {
  recordsOfKind,
  startSandboxServer,
  type SandboxDialect,
} from '../../../../electron/engine/providers/kit/sandbox-server.ts';
import { openStateFile } from '../../../../electron/engine/providers/kit/state-file.ts';
import type {
  Logger,
  RunningSandbox,
  SandboxOptions,
} from '../../../../electron/engine/providers/types.ts';
import { tmpDir } from '../../../helpers/tmp.ts';

const tmp: { cleanup(): void }[] = [];
const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  for (const t of tmp.splice(0)) t.cleanup();
});

function dir(): string {
  const t = tmpDir('cd-kit-');
  tmp.push(t);
  return t.dir;
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: add('info'), warn: add('warn'), error: add('error') };
}

describe('seeded randomness and faults', () => {
  it('draws the same sequence for the same seed (mulberry32, values pinned)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(seededRandom(8)()).not.toBe(xs[0]);
    // The sequence the sandboxes have always drawn: changing it would change every seeded test.
    expect(xs.slice(0, 3).map((x) => x.toFixed(12))).toEqual([
      '0.011704753153',
      '0.061958257575',
      '0.976907632779',
    ]);
    const fromText = seededRandomFromText('KTP_VERIFICATION|seed');
    expect([fromText(), fromText()].map((x) => x.toFixed(12))).toEqual([
      '0.561689640628',
      '0.065628035227',
    ]);
  });

  it('injects seeded faults in the same order as before the kit existed', () => {
    const faults = new FaultInjector(0.5, 7);
    const picks = Array.from({ length: 12 }, () => faults.pick('GET /x'));
    expect(picks).toEqual([
      '500',
      null,
      null,
      null,
      '503',
      '503',
      null,
      '500',
      null,
      null,
      '502',
      '503',
    ]);
    expect(Array.from({ length: 20 }, () => new FaultInjector(0, 7).pick('GET /x'))).toEqual(
      Array(20).fill(null),
    );
  });

  it('arms faults for matching requests only, count times, before any seeded one', () => {
    const faults = new FaultInjector(0, 1);
    faults.arm(parseFault({ kind: 'reset', match: 'POST /v1/submit', count: 2 })!);
    expect(faults.pick('GET /v1/submit')).toBeNull();
    expect(faults.pick('POST /v1/submit')).toBe('reset');
    expect(faults.pick('POST /v1/submit')).toBe('reset');
    expect(faults.pick('POST /v1/submit')).toBeNull();
    faults.arm(parseFault({ kind: '503' })!);
    faults.clear();
    expect(faults.pick('GET /anything')).toBeNull();
    expect(parseFault({ kind: 'explode' })).toBeNull();
    expect(parseFault({ kind: 'slow', count: -3 })).toEqual({ kind: 'slow', match: '', count: 1 });
  });
});

describe('token bucket', () => {
  it('grants R requests per second and says when the next one is possible', () => {
    const bucket = new TokenBucket(2, 1_000_000);
    expect(bucket.take(1_000_000)).toBeNull();
    expect(bucket.take(1_000_000)).toBeNull();
    expect(bucket.take(1_000_000)).toBe(500);
    expect(bucket.state(1_000_000)).toEqual({ limit: 2, remaining: 0, resetAt: 1001 });
    expect(rateLimitHeaders(bucket.state(1_000_000))).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1001',
    });
    expect(bucket.take(1_000_500)).toBeNull();
  });

  it('says Retry-After in whole seconds, at least one', () => {
    expect([retryAfterSeconds(1), retryAfterSeconds(1000), retryAfterSeconds(1001)]).toEqual([
      '1',
      '1',
      '2',
    ]);
  });
});

describe('state file', () => {
  it('keeps everything in memory without a file', () => {
    const state = openStateFile(undefined, { label: 'x' });
    state.append({ a: 1 });
    state.rewrite([{ b: 2 }]);
    expect(state.records).toEqual([]);
  });

  it('skips unreadable lines, and starts new records on a fresh line after a torn tail', () => {
    const file = path.join(dir(), 'nested', 'state.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"n":1}\nnot json\n{"n":2}\n{"n":3, "torn');
    const log = recordingLog();
    const first = openStateFile(file, { log, label: 'test' });
    expect(first.records).toEqual([{ n: 1 }, { n: 2 }]);
    expect(log.lines).toEqual([
      expect.stringMatching(/^warn test sandbox skipped unreadable state lines .*"skipped":2/),
    ]);
    first.append({ n: 4 });
    // Without the repair the torn tail would have swallowed this record.
    expect(openStateFile(file, { label: 'test' }).records).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
  });

  it('rewrites (compacts) atomically', () => {
    const file = path.join(dir(), 'state.jsonl');
    const state = openStateFile(file, { label: 'test' });
    state.append({ n: 1 });
    state.append({ n: 2 });
    state.rewrite([{ n: 2 }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":2}\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.jsonl']);
  });
});

describe('generic sandbox server', () => {
  /** A minimal dialect: POST /things creates (billed), GET /things lists; key in x-key. */
  function echoDialect(restored: unknown[] = []): SandboxDialect {
    const things: { id: string }[] = [];
    return {
      provider: 'echo',
      defaultApiKey: 'k',
      maxBodyBytes: 1024,
      authorize: (req, apiKey) =>
        req.headers['x-key'] === apiKey ? null : { status: 401, body: { error: 'no' } },
      error: (status, message) => ({ status, body: { error: message } }),
      restore(records) {
        restored.push(...records);
        things.push(...recordsOfKind<{ id: string }>(records, 'thing'));
      },
      handle(req, tools) {
        if (req.method === 'POST') {
          const thing = { id: `t${things.length + 1}` };
          things.push(thing);
          tools.persist({ kind: 'thing', value: thing });
          tools.bill({ id: thing.id, service: 'echo', resultId: null, sha256s: [] }, req.now);
          return { status: 201, body: thing };
        }
        return { status: 200, body: { things } };
      },
    };
  }

  async function start(options: SandboxOptions, dialect = echoDialect()): Promise<RunningSandbox> {
    const sb = await startSandboxServer(options, dialect);
    running.push(sb);
    return sb;
  }

  it('answers control paths under any prefix, without auth, faults or limits', async () => {
    const sb = await start({ faultRate: 1, rateLimit: 1 });
    for (const prefix of ['', '/api/v1']) {
      const res = await fetch(`${sb.url}${prefix}/__sandbox/billing`);
      expect([res.status, await res.json()]).toEqual([200, { creates: [] }]);
    }
    expect((await fetch(`${sb.url}/__sandbox/nothing`)).status).toBe(404);
  });

  it('refuses oversized and malformed bodies in the dialect’s format, and keeps serving', async () => {
    const sb = await start({});
    const post = (body: string) =>
      fetch(`${sb.url}/things`, { method: 'POST', headers: { 'x-key': 'k' }, body });
    // Past the cap the body is drained, so the client reads its 413…
    const large = await post('x'.repeat(2000));
    expect([large.status, ((await large.json()) as { error: string }).error]).toEqual([
      413,
      'request body larger than 1024 bytes',
    ]);
    // …and far past it (4×) the connection is dropped instead of reading on.
    await expect(post('x'.repeat(5000))).rejects.toThrow();
    expect((await post('{"a":')).status).toBe(400);
    expect((await post('{}')).status).toBe(201);
    expect(sb.journal()).toHaveLength(1);
  });

  it('limits the rate with 429, Retry-After and the X-RateLimit headers', async () => {
    const sb = await start({ rateLimit: 1 });
    const first = await fetch(`${sb.url}/things`, { headers: { 'x-key': 'k' } });
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    const second = await fetch(`${sb.url}/things`, { headers: { 'x-key': 'k' } });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(second.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
  });

  it('an armed reset commits (and bills) before dropping the connection', async () => {
    const sb = await start({});
    const arm = await fetch(`${sb.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'reset', match: 'POST /things' }),
    });
    expect(arm.status).toBe(201);
    await expect(
      fetch(`${sb.url}/things`, { method: 'POST', headers: { 'x-key': 'k' } }),
    ).rejects.toThrow();
    expect(sb.journal().map((e) => e.id)).toEqual(['t1']);
  });

  it('replays its state file, including files written before the sandboxes shared this server', async () => {
    const file = path.join(dir(), 'echo.jsonl');
    fs.writeFileSync(
      file,
      [
        // The ADVANCE.AI / AiPrise format of old: bare records and `{t: 'billing', entry}`.
        JSON.stringify({ t: 'session', signatureId: 'old', outcome: 'PASS', createdAt: 1 }),
        JSON.stringify({
          t: 'billing',
          entry: {
            id: 'bill_1',
            service: 'old',
            resultId: 'old',
            sha256s: [],
            at: '2025-01-01T00:00:00.000Z',
          },
        }),
        '',
      ].join('\n'),
    );
    const restored: unknown[] = [];
    const first = await start({ stateFile: file }, echoDialect(restored));
    expect(restored).toEqual([{ t: 'session', signatureId: 'old', outcome: 'PASS', createdAt: 1 }]);
    expect(first.journal().map((e) => e.id)).toEqual(['bill_1']);
    await fetch(`${first.url}/things`, { method: 'POST', headers: { 'x-key': 'k' } });
    await first.close();
    const second = await start({ stateFile: file });
    expect(second.journal().map((e) => e.id)).toEqual(['bill_1', 't1']);
    expect(
      await (await fetch(`${second.url}/things`, { headers: { 'x-key': 'k' } })).json(),
    ).toEqual({ things: [{ id: 't1' }] });
  });
});
