/**
 * CheckDesk pulling webhook deliveries from the relay: a verified delivery moves the matching
 * POLLING verification's next poll to now, and nothing else does. Real relay on 127.0.0.1, real
 * SQLite ledger in a temp dir, the provider cache kept in that ledger as the engine keeps it.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../electron/engine/ledger/index.ts';
import { signAnyCheckWebhook } from '../../../../electron/engine/providers/anycheck/index.ts';
import {
  relayPollerOptions,
  webhookVerificationId,
  WebhookRelayPoller,
} from '../../../../electron/engine/providers/anycheck/relay/poller.ts';
import {
  startWebhookRelay,
  type RunningRelay,
} from '../../../../electron/engine/providers/anycheck/relay/server.ts';
import type { ProviderContext } from '../../../../electron/engine/providers/types.ts';
import { tmpDir, until } from '../../../helpers/tmp.ts';

const SECRET = 'whsec_poller_0123456789abcdef0123456789';
const TOKEN = 'relay-token-poller-0123456789';
const BODY_MARKER = 'BODY-MARKER-7f3a';
const LATER = 10 * 60_000;

let t: ReturnType<typeof tmpDir>;
let ledger: Ledger;
let relay: RunningRelay;
let logs: string[];
let clock: number;
const pollers: WebhookRelayPoller[] = [];

function context(): ProviderContext {
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logs.push(JSON.stringify({ level, message, fields: fields ?? null }));
  };
  return {
    signal: new AbortController().signal,
    now: () => clock,
    log: { info: record('info'), warn: record('warn'), error: record('error') },
    cache: {
      get: <T>(key: string) =>
        ((ledger.providers.cache<Record<string, unknown>>('anycheck') ?? {})[key] as
          T | undefined) ?? null,
      set: (key: string, value: unknown) => {
        const all = ledger.providers.cache<Record<string, unknown>>('anycheck') ?? {};
        all[key] = value;
        ledger.providers.setCache('anycheck', all);
      },
    },
    rateLimitHint: () => undefined,
  };
}

function poller(
  options: {
    baseUrl?: string;
    token?: string;
    secret?: string;
    intervalMs?: number;
    maxBackoffMs?: number;
  } = {},
): WebhookRelayPoller {
  const p = new WebhookRelayPoller(
    {
      baseUrl: options.baseUrl ?? relay.url,
      token: options.token ?? TOKEN,
      secret: options.secret ?? SECRET,
      intervalMs: options.intervalMs ?? 50,
      maxBackoffMs: options.maxBackoffMs,
    },
    context(),
    (ids) => ledger.verifications.pollSoon('anycheck', ids, clock),
  );
  pollers.push(p);
  return p;
}

/** A POLLING verification at AnyCheck id `externalId`, next polled in ten minutes. */
function polling(externalId: string, phase: 'POLLING' | 'READY' = 'POLLING'): number {
  const inbox = ledger.inboxes.add({ path: '/inbox' }).row;
  const kase = ledger.cases.ensure(inbox.id, `APP-${externalId}`, `APP-${externalId}`).id;
  const id = ledger.verifications.plan({
    caseId: kase,
    provider: 'anycheck',
    service: 'KTP_VERIFICATION',
    config: {},
    idempotencyKey: randomUUID(),
    generation: 0,
    phase,
    documents: [],
    deadlineAt: null,
    externalId,
  })!;
  ledger.verifications.update(id, { nextAt: clock + LATER });
  return id;
}

const nextAt = (id: number) => ledger.verifications.get(id)!.nextAt;

function body(externalId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event: 'verification.status_changed',
    timestamp: new Date(clock).toISOString(),
    verification_id: externalId,
    status: 'COMPLETED',
    note: BODY_MARKER,
    ...extra,
  });
}

/** What the provider does: POST a body to the relay, signed with `secret` at `signedAt`. */
async function deliver(
  raw: string,
  options: { secret?: string | null; signedAt?: number; headers?: Record<string, string> } = {},
): Promise<void> {
  const timestamp = String(Math.floor((options.signedAt ?? Date.now()) / 1000));
  const secret = options.secret === undefined ? SECRET : options.secret;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) {
    headers['X-AnyCheck-Timestamp'] = timestamp;
    headers['X-AnyCheck-Signature'] = signAnyCheckWebhook(raw, secret, timestamp);
  }
  const res = await fetch(`${relay.url}/hooks/anycheck`, {
    method: 'POST',
    headers: { ...headers, ...options.headers },
    body: raw,
  });
  expect(res.status).toBe(200);
}

function expectNoSecretsLogged(): void {
  const all = logs.join('\n');
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain(TOKEN);
  expect(all).not.toContain(BODY_MARKER);
}

function reasons(): string[] {
  return logs
    .map((l) => JSON.parse(l) as { message: string; fields: { reason?: string } | null })
    .filter((l) => l.message === 'webhook delivery ignored')
    .map((l) => l.fields!.reason!);
}

beforeEach(async () => {
  t = tmpDir('cd-poller-');
  clock = Date.now();
  logs = [];
  ledger = new Ledger({ dataDir: t.dir, instanceId: 'poller-test', now: () => clock });
  relay = await startWebhookRelay({ token: TOKEN });
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
  await relay.close();
  ledger.close();
  t.cleanup();
});

describe('webhook relay poller', () => {
  it('a verified delivery moves the matching POLLING verification to now, and only that one', async () => {
    const a = polling('ext-a');
    const b = polling('ext-b');
    await deliver(body('ext-a'));
    const summary = await poller().pullOnce();
    expect(summary).toEqual({ fetched: 1, accepted: 1, rejected: [] });
    expect(nextAt(a)).toBe(clock);
    expect(nextAt(b)).toBe(clock + LATER);
    // Nothing but the time of the next poll changed: a webhook never sets a status.
    expect(ledger.verifications.get(a)).toMatchObject({
      phase: 'POLLING',
      runStatus: 'QUEUED',
      vendorStatus: null,
      polls: 0,
    });
    expect(logs.some((l) => l.includes('polling it now') && l.includes('ext-a'))).toBe(true);
    expectNoSecretsLogged();
  });

  it('reads both documented payload shapes', async () => {
    expect(
      webhookVerificationId({
        event: 'verification.status_changed',
        timestamp: 'x',
        data: { id: 'v-data' },
      }),
    ).toBe('v-data');
    expect(
      webhookVerificationId({
        event: 'verification.status_changed',
        verification: { id: 'v-nested' },
      }),
    ).toBe('v-nested');
    expect(
      webhookVerificationId({
        event: 'verification.status_changed',
        id: 'v-inline',
        status: 'COMPLETED',
      }),
    ).toBe('v-inline');
    expect(
      webhookVerificationId({
        event: 'verification.completed',
        verification_id: 'v-old',
        result_id: 'r',
      }),
    ).toBe('v-old');
    expect(webhookVerificationId({ event: 'verification.completed' })).toBeNull();
    expect(webhookVerificationId([1, 2])).toBeNull();
    const legacy = polling('ext-legacy');
    await deliver(
      JSON.stringify({
        event: 'verification.completed',
        verification_id: 'ext-legacy',
        output: { note: BODY_MARKER },
      }),
    );
    expect((await poller().pullOnce()).accepted).toBe(1);
    expect(nextAt(legacy)).toBe(clock);
  });

  it('a bad signature, a stale timestamp, a replay, no signature and a body naming no verification change nothing; each reason is logged, no secret or body', async () => {
    const a = polling('ext-a');
    await deliver(body('ext-a'), { secret: 'whsec_someone_else_0123456789abcdef' });
    // Signed 6 minutes before it reached the relay: outside the 5-minute window.
    await deliver(body('ext-a', { n: 2 }), { signedAt: Date.now() - 6 * 60_000 });
    await deliver(body('ext-a', { n: 3 }), { secret: null });
    await deliver(JSON.stringify({ event: 'verification.status_changed', note: BODY_MARKER }));
    const summary = await poller().pullOnce();
    expect(summary.accepted).toBe(0);
    expect(summary.rejected.map((r) => r.reason)).toEqual([
      'the signature does not match',
      'the delivery is outside the replay window',
      'the delivery has no signature header',
      'the payload names no verification',
    ]);
    expect(reasons()).toEqual(summary.rejected.map((r) => r.reason));
    expect(nextAt(a)).toBe(clock + LATER);

    // A replay of a genuine delivery, byte for byte or with the signature spelt differently.
    const genuine = body('ext-a', { n: 4 });
    const signedAt = Date.now();
    await deliver(genuine, { signedAt });
    expect((await poller().pullOnce()).accepted).toBe(1);
    expect(nextAt(a)).toBe(clock);
    ledger.verifications.update(a, { nextAt: clock + LATER });
    const ts = String(Math.floor(signedAt / 1000));
    await deliver(genuine, { signedAt });
    await deliver(genuine, {
      secret: null,
      headers: {
        'x-webhook-timestamp': ts,
        'x-webhook-signature': `sha256=${signAnyCheckWebhook(genuine, SECRET, ts).toUpperCase()}`,
      },
    });
    const replays = await poller().pullOnce();
    expect(replays.rejected.map((r) => r.reason)).toEqual([
      'the same signed delivery was already seen (a replay)',
      'the same signed delivery was already seen (a replay)',
    ]);
    expect(nextAt(a)).toBe(clock + LATER);
    expectNoSecretsLogged();
  });

  it('a verified delivery for a verification CheckDesk does not poll changes nothing and says so', async () => {
    const done = polling('ext-ready', 'READY');
    const a = polling('ext-a');
    await deliver(body('ext-unknown'));
    await deliver(body('ext-ready'));
    const summary = await poller().pullOnce();
    expect(summary.accepted).toBe(2);
    expect(nextAt(a)).toBe(clock + LATER);
    expect(nextAt(done)).toBe(clock + LATER);
    expect(logs.filter((l) => l.includes('not waiting on'))).toHaveLength(2);
    expectNoSecretsLogged();
  });

  it('refuses a delivery the relay dates more than a few minutes ahead of our clock', async () => {
    await relay.close();
    const ahead = 10 * 60_000;
    relay = await startWebhookRelay({ token: TOKEN, now: () => Date.now() + ahead });
    const a = polling('ext-a');
    await deliver(body('ext-a'), { signedAt: Date.now() + ahead });
    const summary = await poller().pullOnce();
    expect(summary.rejected.map((r) => r.reason)).toEqual([
      'the relay dates its arrival in the future',
    ]);
    expect(nextAt(a)).toBe(clock + LATER);
  });

  it('keeps its cursor in the provider cache: a restarted poller does not read old deliveries again', async () => {
    const a = polling('ext-a');
    await deliver(body('ext-a'));
    expect((await poller().pullOnce()).fetched).toBe(1);
    ledger.verifications.update(a, { nextAt: clock + LATER });
    const again = await poller().pullOnce();
    expect(again.fetched).toBe(0);
    expect(nextAt(a)).toBe(clock + LATER);
    const cached =
      ledger.providers.cache<Record<string, { cursor: string; seen: unknown[] }>>('anycheck')!;
    const state = Object.entries(cached).find(([k]) => k.startsWith('webhookRelay:'))![1];
    expect(state.cursor).not.toBe('0');
    expect(state.seen).toHaveLength(1);
    expect(JSON.stringify(cached)).not.toContain(TOKEN);
    expect(JSON.stringify(cached)).not.toContain(SECRET);
  });

  it('running on its own: picks up a new delivery within its interval', async () => {
    const a = polling('ext-a');
    poller({ intervalMs: 30 }).start();
    await deliver(body('ext-a'));
    await until(() => nextAt(a) === clock, {
      timeoutMs: 10_000,
      intervalMs: 10,
      what: 'the poll to move forward',
    });
  });

  it('a dead relay is one logged state change while it backs off, then "answers again"; a wrong token is logged once without the token', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const p = poller({ baseUrl: `http://127.0.0.1:${port}`, intervalMs: 10, maxBackoffMs: 100 });
    p.start();
    await until(() => p.health().failures >= 4, {
      timeoutMs: 10_000,
      intervalMs: 10,
      what: 'four failed pulls',
    });
    const unreachable = logs.filter((l) => l.includes('cannot be reached'));
    expect(unreachable).toHaveLength(1);
    expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect(p.health().problem).toBe('unreachable');

    const revived = await startWebhookRelay({ token: TOKEN, port });
    try {
      await until(() => p.health().failures === 0, {
        timeoutMs: 10_000,
        intervalMs: 10,
        what: 'the relay to answer again',
      });
      expect(logs.filter((l) => l.includes('answers again'))).toHaveLength(1);
    } finally {
      await p.stop();
      await revived.close();
    }

    const wrong = poller({ token: 'not-the-relay-token-at-all', intervalMs: 10, maxBackoffMs: 50 });
    wrong.start();
    await until(() => wrong.health().failures >= 3, {
      timeoutMs: 10_000,
      intervalMs: 10,
      what: 'three refused pulls',
    });
    expect(logs.filter((l) => l.includes('refused the token'))).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('not-the-relay-token-at-all');
    expectNoSecretsLogged();
  });

  it('takes its settings from the AnyCheck config and stays off without a URL or a token', () => {
    const ctx = context();
    const base = { name: 'anycheck' as const, baseUrl: 'http://127.0.0.1:9', sandbox: false };
    expect(relayPollerOptions({ ...base, credentials: {}, options: {} }, ctx)).toBeNull();
    expect(
      relayPollerOptions(
        {
          ...base,
          credentials: { webhookRelayToken: TOKEN },
          options: { webhookRelayUrl: 'ftp://relay' },
        },
        ctx,
      ),
    ).toBeNull();
    expect(
      relayPollerOptions(
        { ...base, credentials: {}, options: { webhookRelayUrl: 'https://relay.example/' } },
        ctx,
      ),
    ).toBeNull();
    expect(
      relayPollerOptions(
        {
          ...base,
          credentials: { webhookRelayToken: TOKEN, webhookSecret: SECRET },
          options: { webhookRelayUrl: 'https://relay.example/base/', webhookRelayPollMs: 2000 },
        },
        ctx,
      ),
    ).toEqual({
      baseUrl: 'https://relay.example/base',
      token: TOKEN,
      secret: SECRET,
      intervalMs: 2000,
    });
    expect(logs.filter((l) => l.includes('webhooks through the relay are off'))).toHaveLength(2);
    expectNoSecretsLogged();
  });
});

describe('ledger: pollSoon', () => {
  it('moves only POLLING rows of that provider whose next poll is later, and says how many', () => {
    const a = polling('ext-a');
    const ready = polling('ext-ready', 'READY');
    expect(
      ledger.verifications.pollSoon('anycheck', ['ext-a', 'ext-ready', 'ext-none'], clock),
    ).toBe(1);
    expect(nextAt(a)).toBe(clock);
    expect(nextAt(ready)).toBe(clock + LATER);
    // Already due: nothing to move (next_at = min(next_at, at)).
    expect(ledger.verifications.pollSoon('anycheck', ['ext-a'], clock + 1_000)).toBe(0);
    expect(nextAt(a)).toBe(clock);
    expect(ledger.verifications.pollSoon('colleckt', ['ext-a'], clock - 1_000)).toBe(0);
    expect(ledger.verifications.pollSoon('anycheck', [], clock)).toBe(0);
  });
});
