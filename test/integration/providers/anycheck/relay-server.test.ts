/**
 * The webhook relay over real HTTP on 127.0.0.1: open webhook intake, token-guarded reads with
 * a cursor, the body size limit, a state file that survives a restart, and pruning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startWebhookRelay,
  type RelayDelivery,
  type RunningRelay,
  type WebhookRelayOptions,
} from '../../../../electron/engine/providers/anycheck/relay/server.ts';
import { tmpDir } from '../../../helpers/tmp.ts';

const TOKEN = 'relay-token-0123456789abcdef';

let t: ReturnType<typeof tmpDir>;
const open: RunningRelay[] = [];

async function relay(options: Partial<WebhookRelayOptions> = {}): Promise<RunningRelay> {
  const r = await startWebhookRelay({ token: TOKEN, ...options });
  open.push(r);
  return r;
}

function hook(
  r: RunningRelay,
  body: string | Buffer,
  hookPath = '/hooks/anycheck',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${r.url}${hookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

interface Page {
  deliveries: RelayDelivery[];
  next: string;
}

async function read(
  r: RunningRelay,
  query = '',
  token: string | null = TOKEN,
): Promise<{ status: number; page: Page }> {
  const res = await fetch(`${r.url}/deliveries${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, page: (await res.json()) as Page };
}

beforeEach(() => {
  t = tmpDir('cd-relay-');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  t.cleanup();
});

describe('webhook relay', () => {
  it('stores what the provider posts (raw body, lower-cased headers, its own receivedAt) and serves it with the token', async () => {
    let clock = 1_800_000_000_000;
    const r = await relay({ now: () => clock });
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const body =
      '{"event":"verification.status_changed",  "verification_id":"v-1","note":"ünïcode"}';
    const res = await hook(r, body, '/hooks/anycheck', {
      'X-AnyCheck-Signature': 'abc',
      'X-AnyCheck-Timestamp': '1800000000',
      Authorization: 'Bearer someone-elses',
      Cookie: 'session=1',
    });
    expect(res.status).toBe(200);
    clock += 1_000;
    await hook(r, 'second', '/hooks/other/path');

    const { status, page } = await read(r);
    expect(status).toBe(200);
    expect(page.deliveries).toHaveLength(2);
    const [first, second] = page.deliveries;
    expect(first).toMatchObject({ receivedAt: 1_800_000_000_000, path: '/hooks/anycheck', body });
    expect(first!.headers).toMatchObject({
      'x-anycheck-signature': 'abc',
      'x-anycheck-timestamp': '1800000000',
      'content-type': 'application/json',
    });
    // Credentials of whoever called the open endpoint are neither kept nor handed on.
    expect(first!.headers.authorization).toBeUndefined();
    expect(first!.headers.cookie).toBeUndefined();
    expect(second).toMatchObject({
      receivedAt: 1_800_000_001_000,
      path: '/hooks/other/path',
      body: 'second',
    });
    expect(Number(second!.id)).toBeGreaterThan(Number(first!.id));
    expect(page.next).toBe(second!.id);
  });

  it('answers 401 without the token or with a wrong one, and stores nothing for other paths', async () => {
    const r = await relay();
    await hook(r, '{"x":1}');
    expect((await read(r, '', null)).status).toBe(401);
    expect((await read(r, '', `${TOKEN}x`)).status).toBe(401);
    expect((await read(r, '', TOKEN.slice(0, -1))).status).toBe(401);
    expect((await read(r, '', 'short')).status).toBe(401);
    const basic = await fetch(`${r.url}/deliveries`, {
      headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
    // No other path accepts deliveries; reads are GET only.
    expect((await hook(r, '{}', '/hooks/')).status).toBe(404);
    expect((await hook(r, '{}', '/deliveries')).status).toBe(405);
    expect((await fetch(`${r.url}/hooks/anycheck`)).status).toBe(405);
    expect(r.size()).toBe(1);
    expect((await read(r)).page.deliveries).toHaveLength(1);
  });

  it('pages with the cursor: after + limit, next to continue, an empty page keeps the cursor', async () => {
    const r = await relay();
    for (let i = 0; i < 7; i++) await hook(r, `{"n":${i}}`);
    const seen: string[] = [];
    let cursor = '0';
    for (let pages = 0; pages < 10; pages++) {
      const { page } = await read(r, `?after=${cursor}&limit=3`);
      expect(page.deliveries.length).toBeLessThanOrEqual(3);
      seen.push(...page.deliveries.map((d) => d.body));
      if (page.deliveries.length === 0) {
        expect(page.next).toBe(cursor);
        break;
      }
      cursor = page.next;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `{"n":${n}}`));
    await hook(r, '{"n":7}');
    expect((await read(r, `?after=${cursor}`)).page.deliveries.map((d) => d.body)).toEqual([
      '{"n":7}',
    ]);
    expect((await read(r, '?after=abc')).status).toBe(400);
    expect((await read(r, '?limit=-1')).status).toBe(400);
    // A cursor this relay never issued (its state was wiped): start again from the oldest.
    expect((await read(r, '?after=999999&limit=2')).page.deliveries.map((d) => d.body)).toEqual([
      '{"n":0}',
      '{"n":1}',
    ]);
  });

  it('refuses a body over the size limit with 413 and keeps nothing of it', async () => {
    const r = await relay({ maxBodyBytes: 1024 });
    expect((await hook(r, Buffer.alloc(1024, 'a'))).status).toBe(200);
    const big = await hook(r, Buffer.alloc(1025, 'b'));
    expect(big.status).toBe(413);
    expect(r.size()).toBe(1);
    expect((await read(r)).page.deliveries.map((d) => d.body.length)).toEqual([1024]);
  });

  it('the default limit is 1 MiB', async () => {
    const r = await relay();
    expect((await hook(r, Buffer.alloc(1024 * 1024 + 1, 'c'))).status).toBe(413);
    expect(r.size()).toBe(0);
  });

  it('keeps deliveries and the cursor sequence across a restart with a state file', async () => {
    const stateFile = path.join(t.dir, 'relay', 'deliveries.jsonl');
    const first = await relay({ stateFile });
    await hook(first, '{"a":1}', '/hooks/anycheck', { 'x-anycheck-signature': 'sig-a' });
    await hook(first, '{"b":2}');
    const before = (await read(first)).page;
    await first.close();

    const second = await relay({ stateFile });
    const after = (await read(second)).page;
    expect(after.deliveries).toEqual(before.deliveries);
    // New deliveries continue the sequence: a client's cursor stays valid.
    await hook(second, '{"c":3}');
    const fresh = (await read(second, `?after=${before.next}`)).page;
    expect(fresh.deliveries.map((d) => d.body)).toEqual(['{"c":3}']);
    expect(Number(fresh.deliveries[0]!.id)).toBeGreaterThan(Number(before.next));
    // The state file holds the deliveries as they were sent, nothing of the reader's token.
    expect(fs.readFileSync(stateFile, 'utf8')).not.toContain(TOKEN);
  });

  it('prunes by age and by count, oldest first, and the sequence never goes back', async () => {
    let clock = 1_800_000_000_000;
    const stateFile = path.join(t.dir, 'deliveries.jsonl');
    const r = await relay({ now: () => clock, retentionMs: 60_000, maxDeliveries: 3, stateFile });
    for (let i = 0; i < 5; i++) {
      await hook(r, `{"n":${i}}`);
      clock += 10_000;
    }
    // Count: only the newest three are kept.
    expect((await read(r)).page.deliveries.map((d) => d.body)).toEqual([
      '{"n":2}',
      '{"n":3}',
      '{"n":4}',
    ]);
    // Age: n=2 arrived at +20 s, n=3 at +30 s, n=4 at +40 s; at +85 s only n=3 and n=4 are younger than a minute.
    clock = 1_800_000_000_000 + 85_000;
    expect(r.prune()).toBe(1);
    const { page } = await read(r);
    expect(page.deliveries.map((d) => d.body)).toEqual(['{"n":3}', '{"n":4}']);
    clock += 60_000;
    expect(r.prune()).toBe(2);
    expect(r.size()).toBe(0);
    await r.close();

    // Everything pruned, then a restart: new ids still come after every id handed out before.
    const again = await relay({
      now: () => clock,
      retentionMs: 60_000,
      maxDeliveries: 3,
      stateFile,
    });
    expect(again.size()).toBe(0);
    await hook(again, '{"n":5}');
    const next = (await read(again, `?after=${page.next}`)).page;
    expect(next.deliveries.map((d) => d.body)).toEqual(['{"n":5}']);
  });

  it('refuses to start with a short token', async () => {
    await expect(startWebhookRelay({ token: 'short' })).rejects.toThrow(/at least 16/);
  });
});
