import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDLER_NAMES, type HandlerName } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/errors.ts';
import { CredentialStore } from '../../../electron/main/credentials-store.ts';
import {
  defaultTimeoutFor,
  registerEngineRoutes,
  type EngineCaller,
} from '../../../electron/main/ipc-router.ts';
import { ProviderCredentials } from '../../../electron/main/provider-credentials.ts';
import { createSenderGuard } from '../../../electron/main/sender-guard.ts';
import { isAppUiUrl } from '../../../electron/main/ui-location.ts';
import { handlerChannel } from '../../../electron/preload/channels.ts';
import { fakeWindow, FakeIpcMain, FakeSafeStorage, frame } from './support/stand-ins.ts';

const API_KEY = 'sk_live_51HxQeVgT2ZyCheckDeskSecret9f2a';

class RecordingEngine implements EngineCaller {
  readonly calls: { name: HandlerName; args: unknown; timeoutMs: number }[] = [];
  answer: (name: HandlerName, args: unknown) => Promise<Result<unknown>> = async (name, args) => ({
    ok: true,
    value: { name, args },
  });

  call(name: HandlerName, args: unknown, timeoutMs: number): Promise<Result<unknown>> {
    this.calls.push({ name, args, timeoutMs });
    return this.answer(name, args);
  }
}

let dir: string;
let ipc: FakeIpcMain;
let engine: RecordingEngine;
let safeStorage: FakeSafeStorage;
const top = frame('app://checkdesk/index.html');
const window = fakeWindow(top);
const trusted = { senderFrame: top };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkdesk-router-'));
  ipc = new FakeIpcMain();
  engine = new RecordingEngine();
  safeStorage = new FakeSafeStorage();
  window.destroyed = false;
  const store = new CredentialStore({
    file: path.join(dir, 'credentials.json'),
    safeStorage,
    platform: 'linux',
    now: () => 1_700_000_000_000,
  });
  registerEngineRoutes({
    ipcMain: ipc,
    isTrustedSender: createSenderGuard(() => window, isAppUiUrl),
    engine,
    credentials: new ProviderCredentials(store),
  });
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('IPC router', () => {
  it('registers exactly one channel per contract handler and nothing else', () => {
    const expected = HANDLER_NAMES.map(handlerChannel).sort();
    expect([...ipc.handlers.keys()].sort()).toEqual(expected);
    expect(ipc.handlers.size).toBe(HANDLER_NAMES.length);
  });

  it('forwards validated arguments (defaults applied) with a per-call timeout', async () => {
    const answer = await ipc.invoke(handlerChannel('files.list'), trusted, { limit: 10 });
    expect(answer).toEqual({
      ok: true,
      value: { name: 'files.list', args: { offset: 0, limit: 10, dir: 'desc', sort: 'updatedAt' } },
    });
    await ipc.invoke(handlerChannel('providers.test'), trusted, { name: 'anycheck' });
    expect(engine.calls.map((c) => [c.name, c.timeoutMs])).toEqual([
      ['files.list', defaultTimeoutFor('files.list')],
      ['providers.test', 90_000],
    ]);
  });

  it('refuses calls from a subframe, another window, a foreign origin or a missing frame', async () => {
    const refusedFrames = [
      frame('app://checkdesk/index.html', { routingId: 7 }, top), // an iframe inside our page
      frame('app://checkdesk/index.html', { processId: 2 }), // the top frame of some other window
      { ...top, url: 'https://evil.example/' }, // our window after navigating away
      { ...top, url: 'app://checkdesk.evil.example/index.html' },
      { ...top, url: 'file:///etc/passwd' },
    ];
    for (const senderFrame of refusedFrames) {
      const answer = await ipc.invoke(handlerChannel('engine.status'), { senderFrame });
      expect(answer).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER', message: expect.any(String), retryable: false },
      });
    }
    expect(await ipc.invoke(handlerChannel('engine.status'), { senderFrame: null })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    window.destroyed = true;
    expect(await ipc.invoke(handlerChannel('engine.status'), trusted)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(engine.calls).toEqual([]);
  });

  it('returns invalid arguments as error data without a stack', async () => {
    const answer = await ipc.invoke(handlerChannel('cases.get'), trusted, {
      id: 'one',
      extra: true,
    });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'BAD_ARGUMENTS', message: expect.any(String), retryable: false },
    });
    const error = (answer as { error: Record<string, unknown> }).error;
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'retryable']);
    expect(String(error.message)).not.toMatch(/\n\s+at /);
    expect(engine.calls).toEqual([]);
  });

  it('turns an engine failure into plain error data', async () => {
    engine.answer = async () => {
      throw Object.assign(new Error('socket hang up'), {
        stack: 'Error: socket hang up\n    at internal (/engine.ts:1:1)',
        cause: new Error('x'),
      });
    };
    const answer = await ipc.invoke(handlerChannel('engine.status'), trusted);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'socket hang up', retryable: false },
    });
  });

  it('refuses to take an API key when Linux only offers the basic_text store, and tells why', async () => {
    safeStorage.backend = 'basic_text';
    const answer = await ipc.invoke(handlerChannel('providers.configure'), trusted, {
      name: 'anycheck',
      baseUrl: 'https://api.anycheck.ai',
      apiKey: API_KEY,
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'SECURE_STORAGE_UNAVAILABLE',
        message: expect.stringMatching(/keyring/i),
        retryable: false,
      },
    });
    expect(engine.calls).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'credentials.json'))).toBe(false);
    expect(JSON.stringify(answer)).not.toContain(API_KEY);
  });

  it('stores the key encrypted, gives the engine the clear value and the renderer only a masked one', async () => {
    engine.answer = async (_name, args) => {
      const { apiKey } = args as { apiKey: string };
      // An engine (or vendor error) echoing the key must not get it to the renderer.
      return {
        ok: true,
        value: { name: 'anycheck', credential: apiKey, reason: `rejected key ${apiKey}` },
      };
    };
    const answer = await ipc.invoke(handlerChannel('providers.configure'), trusted, {
      name: 'anycheck',
      baseUrl: 'https://api.anycheck.ai',
      apiKey: API_KEY,
      options: { region: 'id', secretKey: 'hmac-secret-value-123' },
    });
    expect(engine.calls[0]?.args).toMatchObject({
      apiKey: API_KEY,
      options: { secretKey: 'hmac-secret-value-123' },
    });
    expect(JSON.stringify(answer)).not.toContain(API_KEY);
    expect(answer).toEqual({
      ok: true,
      value: { name: 'anycheck', credential: 'sk_…9f2a', reason: 'rejected key sk_…9f2a' },
    });

    const onDisk = fs.readFileSync(path.join(dir, 'credentials.json'), 'utf8');
    expect(onDisk).not.toContain(API_KEY);
    expect(onDisk).not.toContain('hmac-secret-value-123');
    const saved = JSON.parse(onDisk) as {
      providers: {
        anycheck: {
          baseUrl: string;
          options: Record<string, string>;
          secrets: Record<string, string>;
        };
      };
    };
    expect(saved.providers.anycheck.baseUrl).toBe('https://api.anycheck.ai');
    expect(saved.providers.anycheck.options).toEqual({ region: 'id' });
    expect(Object.keys(saved.providers.anycheck.secrets).sort()).toEqual(['apiKey', 'secretKey']);

    engine.answer = async () => ({
      ok: false,
      error: { code: 'AUTH', message: `401 for key ${API_KEY}`, retryable: false },
    });
    const failed = await ipc.invoke(handlerChannel('providers.list'), trusted);
    expect(JSON.stringify(failed)).not.toContain(API_KEY);
  });

  it('does not store anything when the engine rejects the configuration', async () => {
    engine.answer = async () => ({
      ok: false,
      error: { code: 'BAD_ARGUMENTS', message: 'baseUrl unreachable', retryable: false },
    });
    await ipc.invoke(handlerChannel('providers.configure'), trusted, {
      name: 'anycheck',
      baseUrl: 'https://x.example',
      apiKey: API_KEY,
    });
    expect(fs.existsSync(path.join(dir, 'credentials.json'))).toBe(false);
  });
});
