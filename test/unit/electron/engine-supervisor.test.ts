import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/contract.ts';
import {
  EngineSupervisor,
  type EngineProcess,
  type SupervisorOptions,
  type SupervisorState,
} from '../../../electron/main/engine-supervisor.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'engine-child.ts');
const children: ChildProcess[] = [];
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkdesk-supervisor-'));
});

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** child_process.fork stands in for utilityProcess.fork: a real process with a message channel. */
function forkEngine(env: Record<string, string>): EngineProcess {
  const child = fork(FIXTURE, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  children.push(child);
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => {
      if (!child.connected) throw new Error('channel closed');
      child.send(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', (code) => listener(code));
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}

interface Harness {
  supervisor: EngineSupervisor;
  states: (SupervisorState & { at: number })[];
  events: EventEnvelope[];
  waitFor(
    predicate: (state: SupervisorState) => boolean,
    timeoutMs?: number,
  ): Promise<SupervisorState>;
}

function harness(
  env: Record<string, string> = {},
  policy: SupervisorOptions['policy'] = {},
): Harness {
  const states: (SupervisorState & { at: number })[] = [];
  const events: EventEnvelope[] = [];
  const waiters: {
    predicate: (s: SupervisorState) => boolean;
    resolve: (s: SupervisorState) => void;
  }[] = [];
  const supervisor = new EngineSupervisor({
    fork: () => forkEngine(env),
    initOptions: () => ({ dataDir, inboxes: [path.join(dataDir, 'Inbox')], providers: [] }),
    onEvent: (event) => events.push(event),
    onState: (state) => {
      states.push({ ...state, at: Date.now() });
      for (const waiter of [...waiters]) {
        if (waiter.predicate(state)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(state);
        }
      }
    },
    policy: {
      baseDelayMs: 50,
      maxDelayMs: 1_000,
      maxCrashes: 3,
      windowMs: 60_000,
      startTimeoutMs: 10_000,
      ...policy,
    },
  });
  return {
    supervisor,
    states,
    events,
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (predicate(supervisor.state())) {
          resolve(supervisor.state());
          return;
        }
        const timer = setTimeout(
          () => reject(new Error(`timed out; states: ${states.map((s) => s.phase).join(' → ')}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (state) => {
            clearTimeout(timer);
            resolve(state);
          },
        });
      }),
  };
}

describe('EngineSupervisor with a real child process', () => {
  it('starts the engine, queues calls until ready, relays replies, events and document lookups', async () => {
    const h = harness();
    h.supervisor.start();
    const early = h.supervisor.call('engine.status', {}, 10_000); // sent before 'ready'
    await h.waitFor((s) => s.phase === 'running');
    expect(await early).toMatchObject({
      ok: true,
      value: { name: 'engine.status', inboxes: [path.join(dataDir, 'Inbox')] },
    });
    expect(h.supervisor.dataDir()).toBe(dataDir);
    expect(h.supervisor.state().logDir).toBe(path.join(dataDir, 'logs'));
    expect(await h.supervisor.documentFile(7)).toEqual({
      path: path.join(dataDir, 'store', 'seven.jpg'),
      mime: 'image/jpeg',
    });
    expect(await h.supervisor.documentFile(8)).toBeNull();
    await expect.poll(() => h.events.map((e) => e.name)).toContain('case.changed');

    const slow = await h.supervisor.call('cases.list', {}, 150);
    expect(slow).toMatchObject({ ok: false, error: { code: 'ENGINE_TIMEOUT', retryable: true } });
    await h.supervisor.shutdown(5_000);
  });

  it('fails the in-flight call with a retryable error when the engine dies, then restarts it after a backoff', async () => {
    const h = harness({}, { baseDelayMs: 200 });
    h.supervisor.start();
    await h.waitFor((s) => s.phase === 'running');
    const crashed = await h.supervisor.call('files.list', { search: 'crash' }, 10_000);
    expect(crashed).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'ENGINE_RESTARTING', retryable: true }),
    });

    const restarting = await h.waitFor((s) => s.phase === 'restarting');
    expect(restarting.message).toContain('exited with code 3');
    expect(restarting.message).toContain(path.join(dataDir, 'logs'));
    expect(restarting.crashes).toBe(1);
    expect(restarting.nextRetryAt).not.toBeNull();

    await h.waitFor((s) => s.phase === 'running');
    const crashAt = h.states.find((s) => s.phase === 'restarting')?.at ?? 0;
    const restartAt = h.states.filter((s) => s.phase === 'starting').at(-1)?.at ?? 0;
    expect(restartAt - crashAt).toBeGreaterThanOrEqual(190);
    expect(await h.supervisor.call('engine.status', {}, 10_000)).toMatchObject({
      ok: true,
      value: { starts: 2 },
    });
    await h.supervisor.shutdown(5_000);
  });

  it('backs off exponentially, gives up after repeated crashes inside the window, and restarts on request', async () => {
    const h = harness({ CRASH_STARTS: '3' }, { baseDelayMs: 40, maxCrashes: 3 });
    h.supervisor.start();
    const failed = await h.waitFor((s) => s.phase === 'failed');
    expect(h.states.map((s) => s.phase)).toEqual([
      'starting',
      'restarting',
      'starting',
      'restarting',
      'starting',
      'failed',
    ]);
    const delays = h.states
      .filter((s) => s.phase === 'restarting')
      .map((s) => (s.nextRetryAt ?? 0) - s.at);
    expect(delays[0]).toBeGreaterThanOrEqual(35);
    expect(delays[0]).toBeLessThanOrEqual(45);
    expect(delays[1]).toBeGreaterThanOrEqual(75);
    expect(delays[1]).toBeLessThanOrEqual(85);
    expect(failed.message).toContain('3 times');
    expect(failed.message).toContain('exited with code 5');
    expect(failed.message).toContain(path.join(dataDir, 'logs'));
    expect(await h.supervisor.call('engine.status', {}, 1_000)).toMatchObject({
      ok: false,
      error: { code: 'ENGINE_FAILED', retryable: false },
    });
    expect(fs.readFileSync(path.join(dataDir, 'starts'), 'utf8')).toBe('3');

    h.supervisor.start(); // File › Restart Engine
    await h.waitFor((s) => s.phase === 'running');
    expect(await h.supervisor.call('engine.status', {}, 10_000)).toMatchObject({
      ok: true,
      value: { starts: 4 },
    });
    await h.supervisor.shutdown(5_000);
  });

  it('counts an engine that never says ready as crashed', async () => {
    const h = harness({ NEVER_READY: '1' }, { startTimeoutMs: 300, maxCrashes: 1 });
    h.supervisor.start();
    const failed = await h.waitFor((s) => s.phase === 'failed');
    expect(failed.message).toContain('did not start within');
  });

  it('drains on shutdown: the engine stops itself and exits', async () => {
    const h = harness();
    h.supervisor.start();
    await h.waitFor((s) => s.phase === 'running');
    await h.supervisor.shutdown(5_000);
    expect(h.supervisor.state().phase).toBe('stopped');
    expect(fs.readFileSync(path.join(dataDir, 'stopped'), 'utf8')).toBe('yes');
    expect(h.states.map((s) => s.phase).slice(-2)).toEqual(['stopping', 'stopped']);
    expect(await h.supervisor.call('engine.status', {}, 1_000)).toMatchObject({
      ok: false,
      error: { code: 'ENGINE_STOPPED' },
    });
  });

  it('kills an engine that does not drain within the bound', async () => {
    const h = harness({ STOP_HANG: '1' });
    h.supervisor.start();
    await h.waitFor((s) => s.phase === 'running');
    const started = Date.now();
    await h.supervisor.shutdown(300);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(h.supervisor.state().phase).toBe('stopped');
    expect(children.every((c) => c.exitCode !== null || c.signalCode !== null)).toBe(true);
  });
});
