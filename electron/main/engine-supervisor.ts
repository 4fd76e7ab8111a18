/**
 * Runs the engine in its own process and keeps it running.
 *
 * - Start: fork, send `init`, wait (bounded) for `ready`; calls made meanwhile wait in a queue.
 * - Calls: `{seq, name, args}` with a per-call timeout; a late answer is dropped.
 * - Crash: calls already sent fail with a retryable error (the ledger makes a retry safe: the
 *   engine reconciles in-flight submissions itself on its next start), queued calls wait for the
 *   restart, which comes after an exponential backoff. Too many crashes inside the policy's window
 *   and the supervisor gives up and says so, pointing at the log folder.
 * - Shutdown: `shutdown`, wait (bounded) for the engine to drain and exit, kill it otherwise.
 */
import type { EventEnvelope, HandlerName } from '../../shared/contract.ts';
import type { ErrorData, Result } from '../../shared/errors.ts';
import {
  DocumentFile,
  logDirOf,
  parseEngineToMain,
  type EngineToMain,
  type HostInitOptions,
  type MainToEngine,
} from '../hosts/utility/protocol.ts';
import type { EnginePhase, ShellState } from '../../shared/bridge.ts';
import {
  crashesInWindow,
  DEFAULT_RESTART_POLICY,
  restartDelay,
  type RestartPolicy,
} from './restart-policy.ts';

/** What the supervisor needs from a child process: utilityProcess and child_process both fit. */
export interface EngineProcess {
  readonly pid: number | undefined;
  postMessage(message: MainToEngine): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type SupervisorState = ShellState['engine'];

export interface SupervisorOptions {
  fork(): EngineProcess;
  /** Re-read at every (re)start, so credentials saved since the last start are included. */
  initOptions(): HostInitOptions | Promise<HostInitOptions>;
  onEvent(event: EventEnvelope): void;
  onState(state: SupervisorState): void;
  policy?: Partial<RestartPolicy>;
  log?(line: string): void;
  now?(): number;
}

interface PendingCall {
  message: Extract<MainToEngine, { seq: number }>;
  sent: boolean;
  timer: NodeJS.Timeout;
  resolve(outcome: Result<unknown>): void;
}

function failure(
  code: string,
  message: string,
  retryable: boolean,
): { ok: false; error: ErrorData } {
  return { ok: false, error: { code, message, retryable } };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export class EngineSupervisor {
  private readonly options: SupervisorOptions;
  private readonly policy: RestartPolicy;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  private child: EngineProcess | null = null;
  /** Bumped at every fork; messages and exits of an older child are ignored. */
  private generation = 0;
  private phase: EnginePhase = 'stopped';
  private message: string | null = null;
  private logDir: string | null = null;
  private readyDataDir: string | null = null;
  private crashTimes: number[] = [];
  private nextRetryAt: number | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private startTimer: NodeJS.Timeout | null = null;
  private lastFatal: string | null = null;
  private seq = 0;
  private readonly pending = new Map<number, PendingCall>();
  private exitWaiters: (() => void)[] = [];

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  state(): SupervisorState {
    return {
      phase: this.phase,
      message: this.message,
      logDir: this.logDir,
      crashes: crashesInWindow(this.crashTimes, this.now(), this.policy.windowMs).length,
      nextRetryAt: this.nextRetryAt,
    };
  }

  /** The engine's data dir once it has reported ready (document previews are confined to it). */
  dataDir(): string | null {
    return this.readyDataDir;
  }

  /** Starts the engine; after the supervisor gave up, this is how a person tries again. */
  start(): void {
    if (
      this.phase === 'starting' ||
      this.phase === 'running' ||
      this.phase === 'restarting' ||
      this.phase === 'stopping'
    )
      return;
    this.crashTimes = [];
    this.message = null;
    void this.spawn();
  }

  call(name: HandlerName, args: unknown, timeoutMs: number): Promise<Result<unknown>> {
    return this.request({ type: 'call', seq: ++this.seq, name, args }, timeoutMs, name);
  }

  async documentFile(documentId: number, timeoutMs = 10_000): Promise<DocumentFile | null> {
    const outcome = await this.request(
      { type: 'documentFile', seq: ++this.seq, documentId },
      timeoutMs,
      'documentFile',
    );
    if (!outcome.ok) return null;
    const parsed = DocumentFile.nullable().safeParse(outcome.value);
    return parsed.success ? parsed.data : null;
  }

  /** Asks the engine to drain and exit; kills it when it has not exited within `timeoutMs`. */
  async shutdown(timeoutMs: number): Promise<void> {
    if (this.phase === 'stopped') return;
    this.clearTimers();
    this.setPhase('stopping', null);
    this.failPending(
      (call) => !call.sent,
      failure('ENGINE_STOPPING', 'CheckDesk is closing.', true),
    );
    const child = this.child;
    if (child) {
      const exited = this.waitForExit();
      try {
        child.postMessage({ type: 'shutdown' });
      } catch (err) {
        this.log(`could not ask the engine to stop: ${String(err)}`);
      }
      const drained = await Promise.race([
        exited.then(() => true),
        delay(timeoutMs).then(() => false),
      ]);
      if (!drained) {
        this.log(`the engine did not stop within ${seconds(timeoutMs)}; killing it`);
        child.kill();
        await Promise.race([exited, delay(2_000)]);
      }
    }
    this.child = null;
    this.failPending(() => true, failure('ENGINE_STOPPED', 'The engine has stopped.', true));
    this.setPhase('stopped', null);
  }

  private request(
    message: PendingCall['message'],
    timeoutMs: number,
    label: string,
  ): Promise<Result<unknown>> {
    if (this.phase === 'failed') {
      return Promise.resolve(
        failure('ENGINE_FAILED', this.message ?? 'The engine is not running.', false),
      );
    }
    if (this.phase === 'stopping' || this.phase === 'stopped') {
      return Promise.resolve(failure('ENGINE_STOPPED', 'The engine is not running.', true));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(message.seq)) return;
        resolve(
          failure(
            'ENGINE_TIMEOUT',
            `The engine did not answer ${label} within ${seconds(timeoutMs)}.`,
            true,
          ),
        );
      }, timeoutMs);
      const call: PendingCall = { message, sent: false, timer, resolve };
      this.pending.set(message.seq, call);
      if (this.phase === 'running') this.send(call);
    });
  }

  private send(call: PendingCall): void {
    if (!this.child) return;
    try {
      this.child.postMessage(call.message);
      call.sent = true;
    } catch (err) {
      this.settle(
        call.message.seq,
        failure('ENGINE_UNAVAILABLE', `The engine could not be reached (${String(err)}).`, true),
      );
    }
  }

  private settle(seq: number, outcome: Result<unknown>): void {
    const call = this.pending.get(seq);
    if (!call) return;
    this.pending.delete(seq);
    clearTimeout(call.timer);
    call.resolve(outcome);
  }

  private failPending(which: (call: PendingCall) => boolean, outcome: Result<unknown>): void {
    for (const [seq, call] of [...this.pending]) if (which(call)) this.settle(seq, outcome);
  }

  private async spawn(): Promise<void> {
    this.restartTimer = null;
    this.nextRetryAt = null;
    this.lastFatal = null;
    this.readyDataDir = null;
    const generation = ++this.generation;
    this.setPhase(
      'starting',
      this.crashTimes.length > 0 ? 'Restarting the engine after an unexpected stop…' : null,
    );
    let init: HostInitOptions;
    let child: EngineProcess;
    try {
      init = await this.options.initOptions();
      this.logDir = logDirOf(init.dataDir);
      if (generation !== this.generation || this.phase !== 'starting') return;
      child = this.options.fork();
    } catch (err) {
      this.crashed(
        generation,
        `it could not be started (${err instanceof Error ? err.message : String(err)})`,
      );
      return;
    }
    this.child = child;
    child.onMessage((raw) => {
      if (generation === this.generation) this.receive(raw);
    });
    child.onExit((code) => {
      if (generation !== this.generation) return;
      this.exited(generation, code);
    });
    this.startTimer = setTimeout(() => {
      if (generation !== this.generation || this.phase !== 'starting') return;
      this.lastFatal = `it did not start within ${seconds(this.policy.startTimeoutMs)}`;
      this.log(`engine start timed out (pid ${child.pid ?? '?'}); killing it`);
      child.kill();
    }, this.policy.startTimeoutMs);
    child.postMessage({ type: 'init', options: init });
  }

  private receive(raw: unknown): void {
    const message = parseEngineToMain(raw);
    if (!message) {
      this.log('dropped a malformed message from the engine');
      return;
    }
    this.handle(message);
  }

  private handle(message: EngineToMain): void {
    switch (message.type) {
      case 'ready':
        if (this.startTimer) clearTimeout(this.startTimer);
        this.startTimer = null;
        this.readyDataDir = message.dataDir;
        this.logDir = message.logDir;
        this.setPhase('running', null);
        for (const call of [...this.pending.values()]) if (!call.sent) this.send(call);
        return;
      case 'fatal':
        this.lastFatal = message.error.message;
        if (message.logDir) this.logDir = message.logDir;
        return;
      case 'reply':
        this.settle(
          message.seq,
          message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error },
        );
        return;
      case 'event':
        this.options.onEvent(message.event);
        return;
      case 'stopped':
        return;
    }
  }

  private exited(generation: number, code: number | null): void {
    this.child = null;
    const waiters = this.exitWaiters;
    this.exitWaiters = [];
    for (const wake of waiters) wake();
    if (this.phase === 'stopping' || this.phase === 'stopped') return;
    const reason =
      this.lastFatal ?? (code === null ? 'it was killed' : `it exited with code ${code}`);
    this.crashed(generation, reason);
  }

  private crashed(generation: number, reason: string): void {
    if (generation !== this.generation) return;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    this.readyDataDir = null;
    const now = this.now();
    this.crashTimes = [...crashesInWindow(this.crashTimes, now, this.policy.windowMs), now];
    const count = this.crashTimes.length;
    const where = this.logDir ? ` Details are in the log folder ${this.logDir}.` : '';
    this.log(
      `engine stopped unexpectedly: ${reason} (crash ${count} of ${this.policy.maxCrashes} allowed within ${seconds(this.policy.windowMs)})`,
    );

    if (count >= this.policy.maxCrashes) {
      const minutes = Math.max(1, Math.round(this.policy.windowMs / 60_000));
      const text = `The engine stopped ${count} times within ${minutes} minute${minutes === 1 ? '' : 's'}, so CheckDesk stopped restarting it. Last problem: ${reason}.${where} Choose File › Restart Engine to try again, or quit and reopen CheckDesk.`;
      this.failPending(() => true, failure('ENGINE_FAILED', text, false));
      this.setPhase('failed', text);
      return;
    }
    // Calls the engine had already received may or may not have taken effect; the ledger makes
    // a retry safe. Calls still queued simply wait for the restarted engine.
    this.failPending(
      (call) => call.sent,
      failure(
        'ENGINE_RESTARTING',
        'The engine stopped while working on this; it is being restarted. Try again in a moment.',
        true,
      ),
    );
    const wait = restartDelay(count, this.policy);
    this.nextRetryAt = now + wait;
    this.setPhase(
      'restarting',
      `The engine stopped unexpectedly (${reason}). Restarting in ${seconds(wait)}.${where}`,
    );
    this.restartTimer = setTimeout(() => void this.spawn(), wait);
  }

  private waitForExit(): Promise<void> {
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  private clearTimers(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.startTimer) clearTimeout(this.startTimer);
    this.restartTimer = null;
    this.startTimer = null;
    this.nextRetryAt = null;
  }

  private setPhase(phase: EnginePhase, message: string | null): void {
    this.phase = phase;
    this.message = message;
    this.options.onState(this.state());
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
