/**
 * Every credential field of a provider through `providers.configure`, against a real engine and
 * the providers' real loopback sandboxes: ADVANCE.AI's access + secret key, FrankieOne's key +
 * customer id. A missing required field is named in plain words; an unknown field is refused
 * with the allowed list and changes nothing; secret values never reach the provider list, the
 * history or the engine log, while identifiers (the customer id) are shown in clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/api.ts';
import { createEngine } from '../../../electron/engine/index.ts';
import {
  startAdvanceAiSandbox,
  type AdvanceAiSandbox,
} from '../../../electron/engine/providers/advanceai/index.ts';
import { startFrankieOneSandbox } from '../../../electron/engine/providers/frankieone/index.ts';
import type { RunningSandbox } from '../../../electron/engine/providers/types.ts';
import type { EventRow, HandlerName, ProviderStatus } from '../../../shared/contract.ts';
import type { ErrorData } from '../../../shared/errors.ts';
import { tmpDir } from '../../helpers/tmp.ts';

const ACCESS_KEY = 'ak-live-0123456789abcdef';
const SECRET_KEY = 'sk-live-fedcba9876543210';
const FRANKIE_KEY = 'fk-live-a1b2c3d4e5f6a7b8c9d0';
const CUSTOMER_ID = 'cust-00000000-4000-8000-000000000001';

let t: ReturnType<typeof tmpDir>;
let engine: Engine;
let advance: AdvanceAiSandbox;
let frankie: RunningSandbox;

async function call<T>(name: HandlerName, args?: unknown): Promise<T> {
  const r = await engine.call(name, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function refusal(name: HandlerName, args: unknown): Promise<ErrorData> {
  const r = await engine.call(name, args);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error;
}

async function statusOf(name: string): Promise<ProviderStatus> {
  const list = await call<ProviderStatus[]>('providers.list');
  const s = list.find((p) => p.name === name);
  if (!s) throw new Error(`${name} is not listed`);
  return s;
}

async function providerHistory(): Promise<EventRow[]> {
  return (await call<{ items: EventRow[] }>('activity.list', { entity: 'provider', limit: 100 }))
    .items;
}

const field = (s: ProviderStatus, key: string) => s.credentialFields?.find((f) => f.key === key);

beforeEach(async () => {
  t = tmpDir('cd-credentials-');
  advance = await startAdvanceAiSandbox({ apiKey: ACCESS_KEY, secretKey: SECRET_KEY });
  frankie = await startFrankieOneSandbox({ apiKey: FRANKIE_KEY });
  engine = await createEngine({
    dataDir: path.join(t.dir, 'data'),
    ocr: false,
    actor: 'admin-a',
    retryPolicy: { baseMs: 100, capMs: 500 },
  });
});

afterEach(async () => {
  await engine?.stop();
  await advance?.close();
  await frankie?.close();
  t.cleanup();
});

describe('provider credentials through providers.configure', () => {
  it('ADVANCE.AI with only the access key names secretKey; with both keys the connection test succeeds', async () => {
    const configured = await call<ProviderStatus>('providers.configure', {
      name: 'advanceai',
      baseUrl: advance.url,
      credentials: { accessKey: ACCESS_KEY },
    });
    expect(configured.configured).toBe(true);
    expect(configured.credentialFields).toEqual([
      { key: 'accessKey', secret: true, set: true, display: 'ak-…cdef', missing: false },
      { key: 'secretKey', secret: true, set: false, display: null, missing: true },
    ]);
    expect(configured.reason).toMatch(/needs the credential secretKey/);

    const incomplete = await call<{ ok: boolean; message: string }>('providers.test', {
      name: 'advanceai',
    });
    expect(incomplete.ok).toBe(false);
    expect(incomplete.message).toBe(
      'advanceai cannot be used yet: it needs the credential secretKey',
    );

    const complete = await call<ProviderStatus>('providers.configure', {
      name: 'advanceai',
      credentials: { secretKey: SECRET_KEY },
    });
    expect(complete.credentialFields?.every((f) => f.set && !f.missing)).toBe(true);
    const test = await call<{ ok: boolean; message: string }>('providers.test', {
      name: 'advanceai',
    });
    expect(test).toEqual({ ok: true, message: 'advanceai answered and accepted the credentials' });

    // The history names the fields that changed, never their values.
    const reasons = (await providerHistory())
      .filter((e) => e.what === 'provider_configured')
      .map((e) => e.reason);
    expect(reasons).toContain(`advanceai at ${advance.url}; credentials set: accessKey`);
    expect(reasons).toContain('advanceai; credentials set: secretKey');
  });

  it('secret-looking options are credentials, as the desktop shell stores them', async () => {
    await call('providers.configure', {
      name: 'advanceai',
      baseUrl: advance.url,
      options: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, returnImageType: 'URL' },
    });
    expect((await statusOf('advanceai')).credentialFields?.map((f) => f.set)).toEqual([true, true]);
    expect(await call('providers.test', { name: 'advanceai' })).toMatchObject({ ok: true });
  });

  it('an unknown credential name is refused with the allowed ones, and nothing changes', async () => {
    await call('providers.configure', {
      name: 'advanceai',
      baseUrl: advance.url,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });
    const before = await statusOf('advanceai');
    const historyBefore = await providerHistory();

    const error = await refusal('providers.configure', {
      name: 'advanceai',
      credentials: { accessKey: 'ak-other-value-000000', apiToken: 'tok-should-not-show-1234' },
    });
    expect(error.code).toBe('PROVIDER_CONFIG');
    expect(error.message).toBe(
      'advanceai does not take the credential apiToken; it takes accessKey, secretKey',
    );
    expect(error.message).not.toContain('tok-should-not-show-1234');

    expect(await statusOf('advanceai')).toEqual(before);
    expect(await providerHistory()).toEqual(historyBefore);
    expect(await call('providers.test', { name: 'advanceai' })).toMatchObject({ ok: true });
  });

  it('FrankieOne: the key is shown masked, the customer id in clear; removing the customer id names it', async () => {
    const s = await call<ProviderStatus>('providers.configure', {
      name: 'frankieone',
      baseUrl: frankie.url,
      apiKey: FRANKIE_KEY,
      credentials: { customerId: CUSTOMER_ID },
    });
    expect(field(s, 'apiKey')).toEqual({
      key: 'apiKey',
      secret: true,
      set: true,
      display: 'fk-…c9d0',
      missing: false,
    });
    expect(field(s, 'customerId')).toEqual({
      key: 'customerId',
      secret: false,
      set: true,
      display: CUSTOMER_ID,
      missing: false,
    });
    expect(field(s, 'customerChildId')).toEqual({
      key: 'customerChildId',
      secret: false,
      set: false,
      display: null,
      missing: false,
    });
    expect(s.credential).toBe('fk-…c9d0');
    expect(await call('providers.test', { name: 'frankieone' })).toMatchObject({ ok: true });

    // '' removes, like null.
    const removed = await call<ProviderStatus>('providers.configure', {
      name: 'frankieone',
      credentials: { customerId: '' },
    });
    expect(field(removed, 'customerId')).toMatchObject({
      set: false,
      display: null,
      missing: true,
    });
    expect(removed.reason).toBe(
      'frankieone cannot be used yet: it needs the credential customerId',
    );
    const test = await call<{ ok: boolean; message: string }>('providers.test', {
      name: 'frankieone',
    });
    expect(test).toEqual({
      ok: false,
      message: 'frankieone cannot be used yet: it needs the credential customerId',
    });
    const reasons = (await providerHistory()).map((e) => e.reason);
    expect(reasons).toContain('frankieone; credentials removed: customerId');

    await call('providers.configure', {
      name: 'frankieone',
      credentials: { customerId: CUSTOMER_ID, customerChildId: null },
    });
    expect(await call('providers.test', { name: 'frankieone' })).toMatchObject({ ok: true });
  });

  it('no secret value reaches the provider list, the history or the engine log', async () => {
    await call('providers.configure', {
      name: 'advanceai',
      baseUrl: advance.url,
      credentials: { accessKey: ACCESS_KEY },
    });
    await call('providers.test', { name: 'advanceai' });
    await call('providers.configure', {
      name: 'advanceai',
      credentials: { secretKey: SECRET_KEY },
    });
    await call('providers.test', { name: 'advanceai' });
    await call('providers.configure', {
      name: 'frankieone',
      baseUrl: frankie.url,
      credentials: { apiKey: FRANKIE_KEY, customerId: CUSTOMER_ID },
    });
    await call('providers.test', { name: 'frankieone' });
    // A wrong key: the vendor's refusal must not echo it anywhere either.
    await call('providers.configure', { name: 'frankieone', apiKey: 'fk-wrong-zzzzzzzzzzzzzzzz' });
    const wrong = await call<{ ok: boolean; message: string }>('providers.test', {
      name: 'frankieone',
    });
    expect(wrong.ok).toBe(false);
    await refusal('providers.configure', {
      name: 'frankieone',
      credentials: { password: SECRET_KEY },
    });

    const secrets = [ACCESS_KEY, SECRET_KEY, FRANKIE_KEY, 'fk-wrong-zzzzzzzzzzzzzzzz'];
    const list = JSON.stringify(await call('providers.list'));
    const history = JSON.stringify(await call('activity.list', { limit: 500 }));
    const status = JSON.stringify(await call('engine.status'));
    await engine.stop();
    const log = fs.readFileSync(path.join(t.dir, 'data', 'logs', 'engine.log'), 'utf8');
    expect(log).toContain('engine started');
    for (const secret of secrets) {
      expect(list).not.toContain(secret);
      expect(history).not.toContain(secret);
      expect(status).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
    expect(wrong.message).not.toContain('fk-wrong-zzzzzzzzzzzzzzzz');
    // The identifier is not a secret: the list shows it as entered.
    expect(list).toContain(CUSTOMER_ID);
  });
});
