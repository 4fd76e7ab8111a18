import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, HANDLER_NAMES } from '../../../shared/contract.ts';
import {
  CONTRACT_EVENT_ALLOW_LIST,
  HANDLER_ALLOW_LIST,
} from '../../../electron/preload/allow-lists.ts';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge.ts';
import {
  DESKTOP_CHANNELS,
  EVENT_CHANNEL,
  handlerChannel,
} from '../../../electron/preload/channels.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Listener[]>();
  answer: (channel: string) => Promise<unknown> = async (channel) => ({ ok: true, value: channel });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel);
  }

  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  send(envelope: unknown): void {
    const senderEvent = { sender: this, ports: [] };
    for (const listener of this.listeners.get(EVENT_CHANNEL) ?? []) listener(senderEvent, envelope);
  }
}

describe('preload allow-lists', () => {
  it('match the contract exactly', () => {
    expect([...HANDLER_ALLOW_LIST]).toEqual(HANDLER_NAMES);
    expect([...CONTRACT_EVENT_ALLOW_LIST]).toEqual(EVENT_NAMES);
  });
});

describe('preload bundle', () => {
  it('needs nothing but electron at run time (a sandboxed preload cannot load packages)', async () => {
    const result = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../../electron/preload/index.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) =>
      output.imports.map((i) => i.path),
    );
    expect(imports).toEqual(['electron']);
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.keys(output.inputs),
    );
    expect(inputs.every((input) => input.includes('electron/preload/'))).toBe(true);
  });
});

describe('window.checkdesk bridge', () => {
  it('exposes invoke, on and desktop only — never ipcRenderer', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['desktop', 'invoke', 'on']);
    expect(Object.keys(bridge.desktop).sort()).toEqual([
      'openExternal',
      'pickFolder',
      'saveFile',
      'shellState',
    ]);
    const reachable = [...Object.values(bridge), ...Object.values(bridge.desktop)];
    expect(reachable).not.toContain(ipc);
  });

  it('invokes allow-listed handlers on their own channel and refuses others without touching IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('cases.get', { id: 3 })).toEqual({
      ok: true,
      value: handlerChannel('cases.get'),
    });
    expect(ipc.invoked).toEqual([{ channel: handlerChannel('cases.get'), args: [{ id: 3 }] }]);

    const unknown = await bridge.invoke('ledger.dropAll' as never);
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_HANDLER', retryable: false },
    });
    expect(ipc.invoked).toHaveLength(1);
  });

  it('never rejects: IPC failures and odd answers come back as error data', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    ipc.answer = async () => {
      throw new Error("Error invoking remote method 'x': reply was never sent");
    };
    expect(await bridge.invoke('engine.status')).toMatchObject({
      ok: false,
      error: { code: 'IPC_FAILED', retryable: true },
    });
    ipc.answer = async () => 'surprise';
    expect(await bridge.invoke('engine.status')).toMatchObject({
      ok: false,
      error: { code: 'IPC_BAD_ANSWER' },
    });
  });

  it('delivers only the subscribed event, as the envelope alone, until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const off = bridge.on('case.changed', (envelope) => seen.push(envelope));
    const shell: unknown[] = [];
    bridge.on('shell.state', (envelope) => shell.push(envelope.payload.engine.phase));

    ipc.send({ seq: 1, name: 'case.changed', payload: { ids: [1] } });
    ipc.send({ seq: 2, name: 'file.added', payload: { files: [] } });
    ipc.send({
      seq: 3,
      name: 'shell.state',
      payload: { engine: { phase: 'restarting' }, warnings: [] },
    });
    ipc.send('garbage');
    expect(seen).toEqual([{ seq: 1, name: 'case.changed', payload: { ids: [1] } }]);
    expect(shell).toEqual(['restarting']);

    off();
    ipc.send({ seq: 4, name: 'case.changed', payload: { ids: [2] } });
    expect(seen).toHaveLength(1);
  });

  it('detaches from IPC when the last subscriber leaves', () => {
    const ipc = new FakeIpcRenderer();
    const off = createBridge(ipc).on('activity', () => undefined);
    expect(ipc.listeners.get(EVENT_CHANNEL)).toHaveLength(1);
    off();
    expect(ipc.listeners.get(EVENT_CHANNEL)).toHaveLength(0);
  });

  it('refuses unknown event names and keeps other subscribers alive when one throws', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(() => bridge.on('ipc.raw' as never, () => undefined)).toThrow(/not an event/);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: number[] = [];
    bridge.on('activity', () => {
      throw new Error('broken listener');
    });
    bridge.on('activity', (envelope) => seen.push(envelope.seq));
    ipc.send({ seq: 9, name: 'activity', payload: { events: [] } });
    expect(seen).toEqual([9]);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });

  it('routes desktop calls to their main-only channels', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    await bridge.desktop.pickFolder();
    await bridge.desktop.saveFile('report.xlsx');
    await bridge.desktop.openExternal('https://example.com/');
    await bridge.desktop.shellState();
    expect(ipc.invoked).toEqual([
      { channel: DESKTOP_CHANNELS.pickFolder, args: [] },
      { channel: DESKTOP_CHANNELS.saveFile, args: ['report.xlsx'] },
      { channel: DESKTOP_CHANNELS.openExternal, args: ['https://example.com/'] },
      { channel: DESKTOP_CHANNELS.shellState, args: [] },
    ]);
    expect(await bridge.desktop.saveFile(42 as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENTS' },
    });
  });
});
