import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/contract.ts';
import type { Engine, EngineOptions } from '../../../electron/engine/api.ts';
import { runEngineHost } from '../../../electron/hosts/utility/host.ts';
import type { EngineToMain } from '../../../electron/hosts/utility/protocol.ts';

function memoryPort() {
  let listener: ((message: unknown) => void) | null = null;
  const sent: EngineToMain[] = [];
  return {
    sent,
    port: {
      onMessage: (l: (message: unknown) => void) => {
        listener = l;
      },
      postMessage: (message: EngineToMain) => {
        sent.push(message);
      },
    },
    deliver: (message: unknown) => listener?.(message),
  };
}

function fakeEngine(dataDir: string, log: string[]): Engine {
  let emit: ((event: EventEnvelope) => void) | null = null;
  return {
    dataDir,
    async call(name, args) {
      log.push(`call ${name}`);
      if (name === 'cases.get')
        throw Object.assign(new Error('boom'), {
          stack: 'Error: boom\n    at secret (/src/engine.ts:1:1)',
        });
      if (name === 'inboxes.remove')
        return {
          ok: false,
          error: {
            code: 'NOT_FOUND',
            message: 'no such inbox',
            retryable: false,
            stack: 'x',
          } as never,
        };
      emit?.({ seq: 1, name: 'case.changed', payload: { ids: [1] } });
      return { ok: true, value: { name, args } } as never;
    },
    subscribe(listener) {
      emit = listener;
      return () => undefined;
    },
    documentFile: (id) =>
      id === 3 ? { path: `${dataDir}/store/x.pdf`, mime: 'application/pdf' } : null,
    settled: async () => undefined,
    async stop() {
      log.push('stop');
    },
  };
}

const until = async (predicate: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 2));
};

describe('engine host (utility process body)', () => {
  it('answers calls before init with a retryable error, then serves the engine after init', async () => {
    const { port, sent, deliver } = memoryPort();
    const log: string[] = [];
    const created: EngineOptions[] = [];
    const exits: number[] = [];
    runEngineHost({
      port,
      createEngine: async (options) => {
        created.push(options);
        return fakeEngine(options.dataDir, log);
      },
      exit: (code) => exits.push(code),
    });

    deliver({ type: 'call', seq: 1, name: 'engine.status', args: {} });
    await until(() => sent.length >= 1);
    expect(sent[0]).toEqual({
      type: 'reply',
      seq: 1,
      ok: false,
      error: { code: 'ENGINE_NOT_READY', message: expect.any(String), retryable: true },
    });

    deliver({
      type: 'init',
      options: { dataDir: '/data', inboxes: ['/data/Inbox'], providers: [], actor: 'clerk' },
    });
    await until(() => sent.some((m) => m.type === 'ready'));
    expect(sent.find((m) => m.type === 'ready')).toEqual({
      type: 'ready',
      dataDir: '/data',
      logDir: expect.stringMatching(/logs$/),
    });
    expect(created).toEqual([{ dataDir: '/data', inboxes: ['/data/Inbox'], actor: 'clerk' }]);

    deliver({ type: 'call', seq: 2, name: 'files.list', args: { limit: 5 } });
    deliver({ type: 'call', seq: 3, name: 'cases.get', args: { id: 1 } });
    deliver({ type: 'call', seq: 4, name: 'no.such.handler', args: {} });
    deliver({ type: 'call', seq: 5, name: 'inboxes.remove', args: { id: 9 } });
    deliver({ type: 'documentFile', seq: 6, documentId: 3 });
    deliver({ type: 'documentFile', seq: 7, documentId: 4 });
    deliver({ hello: 'not a protocol message' });
    await until(() => sent.filter((m) => m.type === 'reply').length >= 7);

    const reply = (seq: number) => sent.find((m) => m.type === 'reply' && m.seq === seq);
    expect(reply(2)).toEqual({
      type: 'reply',
      seq: 2,
      ok: true,
      value: { name: 'files.list', args: { limit: 5 } },
    });
    expect(reply(3)).toEqual({
      type: 'reply',
      seq: 3,
      ok: false,
      error: { code: 'INTERNAL', message: 'boom', retryable: false },
    });
    expect(reply(4)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
    expect(reply(5)).toEqual({
      type: 'reply',
      seq: 5,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no such inbox', retryable: false },
    });
    expect(reply(6)).toEqual({
      type: 'reply',
      seq: 6,
      ok: true,
      value: { path: '/data/store/x.pdf', mime: 'application/pdf' },
    });
    expect(reply(7)).toEqual({ type: 'reply', seq: 7, ok: true, value: null });
    expect(sent.filter((m) => m.type === 'event')).toEqual([
      { type: 'event', event: { seq: 1, name: 'case.changed', payload: { ids: [1] } } },
    ]);
    expect(log).toEqual(['call files.list', 'call cases.get', 'call inboxes.remove']);

    deliver({ type: 'shutdown' });
    await until(() => exits.length > 0);
    expect(log.at(-1)).toBe('stop');
    expect(sent.at(-1)).toEqual({ type: 'stopped' });
    expect(exits).toEqual([0]);

    deliver({ type: 'call', seq: 8, name: 'engine.status', args: {} });
    await until(() => reply(8) !== undefined);
    expect(reply(8)).toMatchObject({
      ok: false,
      error: { code: 'ENGINE_STOPPING', retryable: true },
    });
  });

  it('reports a start failure as a fatal message and exits 1', async () => {
    const { port, sent, deliver } = memoryPort();
    const exits: number[] = [];
    runEngineHost({
      port,
      createEngine: async () => {
        throw new Error('the ledger is damaged');
      },
      exit: (code) => exits.push(code),
      log: () => undefined,
    });
    deliver({ type: 'init', options: { dataDir: '/data', inboxes: [] } });
    await until(() => exits.length > 0);
    expect(sent).toEqual([
      {
        type: 'fatal',
        error: { code: 'INTERNAL', message: 'the ledger is damaged', retryable: false },
        logDir: expect.stringMatching(/logs$/),
      },
    ]);
    expect(exits).toEqual([1]);
  });
});
