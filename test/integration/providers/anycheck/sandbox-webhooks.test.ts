/**
 * The AnyCheck sandbox delivers webhooks: a signed (or, without a secret, unsigned)
 * `verification.status_changed` POST at each status change, retried with backoff when the
 * receiver fails, never affecting the sandbox's own state, never written to its state file.
 */
import fs from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANYCHECK_SERVICE_CODES,
  startAnyCheckSandbox,
  verifyAnyCheckWebhook,
} from '../../../../electron/engine/providers/anycheck/index.ts';
import {
  startWebhookRelay,
  type RelayDelivery,
  type RunningRelay,
} from '../../../../electron/engine/providers/anycheck/relay/server.ts';
import type {
  ProviderSnapshot,
  RunningSandbox,
} from '../../../../electron/engine/providers/types.ts';
import { until } from '../../../helpers/tmp.ts';
import { pollUntil } from '../settle.ts';
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

const SECRET = 'whsec_sandbox_0123456789abcdef0123456789';
const RELAY_TOKEN = 'relay-token-for-sandbox-tests';

let relay: RunningRelay;
let sb: RunningSandbox;
let stateFile: string;
let dir: string;
let cleanup: () => void;
const sandboxLog: string[] = [];

interface Hook {
  delivery: RelayDelivery;
  payload: Record<string, unknown>;
}

async function hooksFor(externalId: string, count: number): Promise<Hook[]> {
  return until(
    async () => {
      const res = await fetch(`${relay.url}/deliveries?limit=500`, {
        headers: { authorization: `Bearer ${RELAY_TOKEN}` },
      });
      const { deliveries } = (await res.json()) as { deliveries: RelayDelivery[] };
      const mine = deliveries
        .map((delivery) => ({
          delivery,
          payload: JSON.parse(delivery.body) as Record<string, unknown>,
        }))
        .filter((h) => h.payload.verification_id === externalId);
      return mine.length >= count ? mine : null;
    },
    { timeoutMs: 20_000, intervalMs: 25, what: `${count} webhook(s) for ${externalId}` },
  );
}

const hookUrl = () => `${relay.url}/hooks/anycheck`;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  stateFile = path.join(dir, 'sandbox.jsonl');
  relay = await startWebhookRelay({ token: RELAY_TOKEN });
  sb = await startAnyCheckSandbox({
    processingMs: 300,
    stateFile,
    webhookRetryMs: 20,
    log: {
      info: (m, f) => sandboxLog.push(JSON.stringify({ m, f })),
      warn: (m, f) => sandboxLog.push(JSON.stringify({ m, f })),
      error: (m, f) => sandboxLog.push(JSON.stringify({ m, f })),
    },
  });
});

afterAll(async () => {
  await sb.close();
  await relay.close();
  cleanup();
});

describe('AnyCheck sandbox webhooks', () => {
  it('signs a status_changed webhook at IN_PROGRESS and at the outcome; the secret stays out of the state file and the answers', async () => {
    const adapter = adapterFor(
      sb,
      { webhookUrl: hookUrl() },
      { credentials: { apiKey: sb.apiKey, webhookSecret: SECRET } },
    );
    const t = makeCtx();
    const created = await adapter.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      t.ctx,
    );
    const hooks = await hooksFor(created.externalId, 2);
    expect(hooks.map((h) => h.payload.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    for (const { delivery, payload } of hooks) {
      expect(
        verifyAnyCheckWebhook({
          rawBody: delivery.body,
          headers: delivery.headers,
          secret: SECRET,
          now: delivery.receivedAt,
        }),
      ).toEqual({ ok: true });
      expect(
        verifyAnyCheckWebhook({
          rawBody: delivery.body,
          headers: delivery.headers,
          secret: `${SECRET}-other`,
          now: delivery.receivedAt,
        }).ok,
      ).toBe(false);
      expect(
        Math.abs(Number(delivery.headers['x-anycheck-timestamp']) * 1000 - delivery.receivedAt),
      ).toBeLessThan(5_000);
      expect(payload).toMatchObject({
        event: 'verification.status_changed',
        verification_id: created.externalId,
        result_id: created.externalGroup,
        credit_used: 10,
      });
      expect(Date.parse(String(payload.timestamp))).not.toBeNaN();
      // The metadata CheckDesk registered comes back, without the secret.
      expect(payload.metadata).toMatchObject({ checkdesk_key: expect.any(String) });
      expect(delivery.body).not.toContain(SECRET);
      expect(JSON.stringify(payload.metadata)).not.toContain('webhook_secret');
    }
    expect(hooks[0]!.payload.output_status).toBeNull();
    expect(hooks[1]!.payload.output_status).toBe('VERIFIED');
    // What polling says is unchanged by deliveries.
    const polled = await pollUntil(adapter, created, t.ctx);
    expect(polled.result.vendorStatus).toBe('COMPLETED');
    expect(JSON.stringify(polled.raw)).not.toContain(SECRET);
    expect(fs.readFileSync(stateFile, 'utf8')).not.toContain(SECRET);
  });

  it('sends unsigned webhooks when the create registered no secret', async () => {
    const adapter = adapterFor(sb, { webhookUrl: hookUrl() });
    const created = await adapter.submit(
      request({
        service: ANYCHECK_SERVICE_CODES.KTP,
        config: { verification_type: 'NIK', nik: VALID_NIK },
      }),
      makeCtx().ctx,
    );
    const hooks = await hooksFor(created.externalId, 2);
    for (const { delivery } of hooks) {
      expect(delivery.headers['x-anycheck-signature']).toBeUndefined();
      expect(delivery.headers['x-anycheck-timestamp']).toBeUndefined();
    }
  });

  it('a retry is a new run with its own deliveries, signed with the secret of the create', async () => {
    const adapter = adapterFor(
      sb,
      { webhookUrl: hookUrl() },
      { credentials: { apiKey: sb.apiKey, webhookSecret: SECRET } },
    );
    const t = makeCtx();
    const { dir: docs, cleanup: done } = tempDir();
    try {
      const seed = Math.floor(Math.random() * 1e9);
      const ktp = writeDoc(docs, 'ktp.png', await cardImage(seed), 'ktp_file', 'KTP');
      const selfie = writeDoc(
        docs,
        'selfie CDX-FAILED.png',
        await faceImage(seed),
        'selfie_file',
        'SELFIE',
      );
      const created = await adapter.submit(
        request({
          service: ANYCHECK_SERVICE_CODES.KTP,
          config: { verification_type: 'KTP_SELFIE' },
          documents: [ktp, selfie],
        }),
        t.ctx,
      );
      expect((await hooksFor(created.externalId, 2)).map((h) => h.payload.status)).toEqual([
        'IN_PROGRESS',
        'FAILED',
      ]);
      const failed: ProviderSnapshot = await pollUntil(adapter, created, t.ctx);
      expect(failed.result.runStatus).toBe('FAILED');
      await adapter.act(
        'retry',
        { verificationId: 1, externalId: created.externalId, externalGroup: created.externalGroup },
        { actor: 'clerk' },
        t.ctx,
      );
      const hooks = await hooksFor(created.externalId, 4);
      expect(hooks.map((h) => h.payload.status)).toEqual([
        'IN_PROGRESS',
        'FAILED',
        'IN_PROGRESS',
        'COMPLETED',
      ]);
      expect(hooks[3]!.payload.credit_used).toBe(20);
      for (const { delivery } of hooks) {
        expect(
          verifyAnyCheckWebhook({
            rawBody: delivery.body,
            headers: delivery.headers,
            secret: SECRET,
            now: delivery.receivedAt,
          }).ok,
        ).toBe(true);
      }
    } finally {
      done();
    }
  });

  it('retries a failing receiver with backoff and a fresh signature; a dead receiver changes nothing in the sandbox', async () => {
    const attempts: { at: number; headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        attempts.push({ at: Date.now(), headers: req.headers, body });
        res.writeHead(attempts.length <= 2 ? 503 : 200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    try {
      const own = await startAnyCheckSandbox({
        processingMs: 0,
        webhookRetryMs: 30,
        webhookAttempts: 4,
        log: {
          info: (m) => sandboxLog.push(m),
          warn: (m) => sandboxLog.push(m),
          error: (m) => sandboxLog.push(m),
        },
      });
      try {
        const adapter = adapterFor(
          own,
          { webhookUrl: `http://127.0.0.1:${port}/hook` },
          { credentials: { apiKey: own.apiKey, webhookSecret: SECRET } },
        );
        const created = await adapter.submit(
          request({
            service: ANYCHECK_SERVICE_CODES.KTP,
            config: { verification_type: 'NIK', nik: VALID_NIK },
          }),
          makeCtx().ctx,
        );
        await until(() => attempts.length >= 3, {
          timeoutMs: 10_000,
          intervalMs: 10,
          what: 'the third delivery attempt',
        });
        expect(attempts.map((a) => JSON.parse(a.body).verification_id)).toEqual([
          created.externalId,
          created.externalId,
          created.externalId,
        ]);
        // Backoff: each wait at least the configured delay, doubling.
        expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(25);
        expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(55);
        for (const a of attempts) {
          expect(
            verifyAnyCheckWebhook({
              rawBody: a.body,
              headers: a.headers as Record<string, string>,
              secret: SECRET,
              now: Date.now(),
            }).ok,
          ).toBe(true);
        }
        expect(
          sandboxLog.filter((l) => l.includes('could not deliver a webhook; retrying')),
        ).toHaveLength(2);

        // A receiver that is gone: a few attempts, one "gave up" line, and the verification reads as before.
        await new Promise<void>((r) => receiver.close(() => r()));
        receiver.closeAllConnections();
        const lost = await adapter.submit(
          request({
            service: ANYCHECK_SERVICE_CODES.KTP,
            config: { verification_type: 'NIK', nik: VALID_NIK },
          }),
          makeCtx().ctx,
        );
        await until(() => sandboxLog.some((l) => l.includes('gave up delivering a webhook')), {
          timeoutMs: 10_000,
          intervalMs: 10,
          what: 'the sandbox to give up',
        });
        const polled = await pollUntil(adapter, lost, makeCtx().ctx);
        expect(polled.result.vendorStatus).toBe('COMPLETED');
        expect(sandboxLog.join('\n')).not.toContain(SECRET);
      } finally {
        await own.close();
      }
    } finally {
      receiver.close();
    }
  });

  it('injected faults never touch deliveries: a create whose answer was reset still announces its result', async () => {
    const faulty = await startAnyCheckSandbox({
      processingMs: 100,
      faultRate: 1,
      faultScope: 'creates',
      faultWeights: { error: 0, slow: 0, reset: 1 },
    });
    try {
      const adapter = adapterFor(
        faulty,
        { webhookUrl: hookUrl() },
        { credentials: { apiKey: faulty.apiKey, webhookSecret: SECRET } },
      );
      await expect(
        adapter.submit(
          request({
            service: ANYCHECK_SERVICE_CODES.KTP,
            config: { verification_type: 'NIK', nik: VALID_NIK },
          }),
          makeCtx().ctx,
        ),
      ).rejects.toMatchObject({ name: 'ProviderError' });
      const billed = faulty.journal();
      expect(billed).toHaveLength(1);
      const hooks = await hooksFor(billed[0]!.id, 2);
      expect(hooks.map((h) => h.payload.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    } finally {
      await faulty.close();
    }
  });
});
