/**
 * Webhooks end to end: an engine whose AnyCheck polling alone would wait a minute (firstPollMs
 * 60 s) finishes a case within seconds because the sandbox's signed webhook reaches the relay,
 * the engine pulls it, verifies it and polls at once. With a secret that does not match, the
 * same deliveries arrive and are ignored: the verifications keep waiting for their regular poll.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseRow } from '../../../../shared/contract.ts';
import type { Engine } from '../../../../electron/engine/api.ts';
import { createEngine } from '../../../../electron/engine/index.ts';
import { startAnyCheckSandbox } from '../../../../electron/engine/providers/anycheck/index.ts';
import {
  startWebhookRelay,
  type RelayDelivery,
  type RunningRelay,
} from '../../../../electron/engine/providers/anycheck/relay/server.ts';
import type { RunningSandbox } from '../../../../electron/engine/providers/types.ts';
import { writeCases } from '../../../helpers/inbox-fixtures.ts';
import { tmpDir, until } from '../../../helpers/tmp.ts';

const SECRET = 'whsec_e2e_0123456789abcdef0123456789abcdef';
const TOKEN = 'relay-token-e2e-0123456789abcdef';
const KEY = 'APP-HOOK-1';
const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'NEED_REVIEW', 'FRAUD_DETECTED'];

let t: ReturnType<typeof tmpDir>;
let relay: RunningRelay;
let sandbox: RunningSandbox | null = null;
let engine: Engine | null = null;
let logs: string[];

async function call<T>(name: Parameters<Engine['call']>[0], args?: unknown): Promise<T> {
  const r = await engine!.call(name, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function start(sandboxOptions: Parameters<typeof startAnyCheckSandbox>[0]): Promise<void> {
  sandbox = await startAnyCheckSandbox(sandboxOptions);
  const inbox = path.join(t.dir, 'inbox');
  await writeCases(inbox, [{ key: KEY, kind: 'ktp_selfie' }]);
  engine = await createEngine({
    dataDir: path.join(t.dir, 'data'),
    inboxes: [inbox],
    stableMs: 150,
    caseSettleMs: 300,
    ocr: false,
    retryPolicy: { baseMs: 100, capMs: 500 },
    onLog: (line) => logs.push(line),
    providers: [
      {
        name: 'anycheck',
        baseUrl: sandbox.url,
        credentials: { apiKey: sandbox.apiKey, webhookSecret: SECRET, webhookRelayToken: TOKEN },
        options: {
          // Polling alone would look a minute after the create, then back off for up to ten.
          firstPollMs: 60_000,
          maxPollIntervalMs: 600_000,
          webhookUrl: `${relay.url}/hooks/anycheck`,
          webhookRelayUrl: relay.url,
          webhookRelayPollMs: 200,
        },
        sandbox: true,
      },
    ],
  });
}

async function detail(): Promise<CaseDetail> {
  const row = await until(
    async () =>
      (await call<{ items: CaseRow[] }>('cases.list', { search: KEY, limit: 5 })).items.find(
        (c) => c.key === KEY,
      ) ?? null,
    { timeoutMs: 30_000, what: KEY },
  );
  return call<CaseDetail>('cases.get', { id: row.id });
}

/** Every verification of the case was sent and is being polled; returns their AnyCheck ids. */
async function sentAndPolling(): Promise<string[]> {
  return until(
    async () => {
      const d = await detail();
      const ok =
        d.verifications.length > 0 &&
        d.verifications.every((v) => v.externalId && v.phase === 'POLLING');
      return ok ? d.verifications.map((v) => v.externalId!) : null;
    },
    { timeoutMs: 30_000, intervalMs: 25, what: `${KEY} to be sent and polling` },
  );
}

async function relayDeliveries(): Promise<RelayDelivery[]> {
  const res = await fetch(`${relay.url}/deliveries?limit=500`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return ((await res.json()) as { deliveries: RelayDelivery[] }).deliveries;
}

function secretsNowhere(): void {
  const dataDir = path.join(t.dir, 'data');
  const onDisk = ['ledger.sqlite', 'ledger.sqlite-wal', path.join('logs', 'engine.log')]
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'));
  for (const text of [logs.join('\n'), ...onDisk]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  }
}

beforeEach(async () => {
  t = tmpDir('cd-webhook-e2e-');
  logs = [];
  relay = await startWebhookRelay({ token: TOKEN });
});

afterEach(async () => {
  await engine?.stop();
  engine = null;
  await sandbox?.close();
  sandbox = null;
  await relay.close();
  t.cleanup();
});

describe('AnyCheck webhooks through the relay, end to end', () => {
  it('a verified webhook makes the engine poll at once: the case completes in seconds, not after the 60 s first poll', async () => {
    await start({ processingMs: 1_500 });
    const ids = await sentAndPolling();
    const sentAt = Date.now();
    const done = await until(
      async () => {
        const d = await detail();
        return d.verifications.every((v) => v.phase !== 'POLLING' && v.runStatus === 'COMPLETED')
          ? d
          : null;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: `${KEY} to complete` },
    );
    expect(Date.now() - sentAt).toBeLessThan(20_000);
    expect(done.case).toMatchObject({ stage: 'DONE', decision: 'APPROVED' });
    for (const id of ids)
      expect(logs.some((l) => l.includes('polling it now') && l.includes(id))).toBe(true);
    expect(logs.some((l) => l.includes('webhook delivery ignored'))).toBe(false);
    await engine!.stop();
    secretsNowhere();
  }, 60_000);

  it('with a secret that does not match, the same deliveries arrive and are ignored: nothing completes early', async () => {
    // The provider signs with another secret than CheckDesk verifies with (rotated, or a forger).
    await start({
      processingMs: 500,
      webhookSigningSecret: 'whsec_not_the_one_checkdesk_has_0123456789',
    });
    const ids = await sentAndPolling();
    // Wait until the provider has announced every outcome to the relay…
    const delivered = await until(
      async () => {
        const all = await relayDeliveries();
        const terminal = all.filter((d) => {
          const p = JSON.parse(d.body) as { verification_id?: string; status?: string };
          return ids.includes(p.verification_id ?? '') && TERMINAL.includes(p.status ?? '');
        });
        return terminal.length >= ids.length ? all : null;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: 'the outcomes at the relay' },
    );
    // …and the engine has read every one of those deliveries and refused it.
    await until(
      () =>
        logs.filter(
          (l) =>
            l.includes('webhook delivery ignored') && l.includes('the signature does not match'),
        ).length >= delivered.length,
      {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: 'the engine to refuse the deliveries',
      },
    );
    const d = await detail();
    for (const v of d.verifications) {
      expect(v.phase).toBe('POLLING');
      expect(v.runStatus).not.toBe('COMPLETED');
      expect(v.nextAt!).toBeGreaterThan(Date.now() + 30_000);
    }
    expect(logs.some((l) => l.includes('polling it now'))).toBe(false);
    await engine!.stop();
    secretsNowhere();
  }, 60_000);
});
