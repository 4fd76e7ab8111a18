/**
 * Runs one engine behind a message port: the body of the Electron utility process, kept free of
 * Electron so it can run under any port (process.parentPort in Electron, process.send in tests).
 */
import { HANDLER_NAMES, type HandlerName } from '../../../shared/contract.ts';
import { toErrorData, type ErrorData } from '../../../shared/errors.ts';
import type { Engine, EngineOptions } from '../../engine/api.ts';
import {
  logDirOf,
  parseMainToEngine,
  type EngineToMain,
  type HostInitOptions,
} from './protocol.ts';

export interface HostPort {
  onMessage(listener: (message: unknown) => void): void;
  postMessage(message: EngineToMain): void;
}

export interface EngineHostDeps {
  port: HostPort;
  createEngine: (options: EngineOptions) => Promise<Engine>;
  exit: (code: number) => void;
  /** Where the host reports its own trouble (the engine logs to <dataDir>/logs itself). */
  log?: (line: string) => void;
}

export interface EngineHost {
  /** The data dir once `init` arrived; crash handlers use it to find the log folder. */
  dataDir(): string | null;
}

const KNOWN_HANDLERS: ReadonlySet<string> = new Set(HANDLER_NAMES);

function errorOf(code: string, message: string, retryable: boolean): ErrorData {
  return { code, message, retryable };
}

/** A fresh object with exactly the three fields: nothing else (a stack, a cause) may cross. */
function pickError(data: ErrorData): ErrorData {
  return { code: data.code, message: data.message, retryable: data.retryable };
}

function cleanError(err: unknown): ErrorData {
  return pickError(toErrorData(err));
}

export function runEngineHost(deps: EngineHostDeps): EngineHost {
  const { port, createEngine, exit } = deps;
  const log = deps.log ?? (() => undefined);
  let engine: Promise<Engine> | null = null;
  let dataDir: string | null = null;
  let stopping = false;

  function reply(
    seq: number,
    outcome: { ok: true; value: unknown } | { ok: false; error: ErrorData },
  ): void {
    port.postMessage(
      outcome.ok
        ? { type: 'reply', seq, ok: true, value: outcome.value }
        : { type: 'reply', seq, ok: false, error: outcome.error },
    );
  }

  function start(options: HostInitOptions): void {
    dataDir = options.dataDir;
    const engineOptions: EngineOptions = {
      dataDir: options.dataDir,
      inboxes: options.inboxes,
      ...(options.providers && options.providers.length > 0
        ? { providers: options.providers }
        : {}),
      ...(options.actor ? { actor: options.actor } : {}),
    };
    engine = createEngine(engineOptions);
    engine.then(
      (running) => {
        running.subscribe((event) => port.postMessage({ type: 'event', event }));
        port.postMessage({
          type: 'ready',
          dataDir: running.dataDir,
          logDir: logDirOf(running.dataDir),
        });
      },
      (err: unknown) => {
        log(
          `engine failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        port.postMessage({
          type: 'fatal',
          error: cleanError(err),
          logDir: logDirOf(options.dataDir),
        });
        exit(1);
      },
    );
  }

  /** Resolves to the running engine, or to an error the caller can send back as data. */
  async function runningEngine(): Promise<Engine | ErrorData> {
    if (stopping) return errorOf('ENGINE_STOPPING', 'The engine is shutting down.', true);
    if (!engine) return errorOf('ENGINE_NOT_READY', 'The engine has not been started yet.', true);
    try {
      return await engine;
    } catch (err) {
      return errorOf(
        'ENGINE_FAILED',
        `The engine could not start: ${cleanError(err).message}`,
        false,
      );
    }
  }

  async function handleCall(seq: number, name: string, args: unknown): Promise<void> {
    if (!KNOWN_HANDLERS.has(name)) {
      reply(seq, {
        ok: false,
        error: errorOf('UNKNOWN_HANDLER', `No handler named "${name}".`, false),
      });
      return;
    }
    const target = await runningEngine();
    if (!('call' in target)) {
      reply(seq, { ok: false, error: target });
      return;
    }
    try {
      const result = await target.call(name as HandlerName, args);
      if (result.ok) reply(seq, { ok: true, value: result.value });
      else reply(seq, { ok: false, error: pickError(result.error) });
    } catch (err) {
      reply(seq, { ok: false, error: cleanError(err) });
    }
  }

  async function handleDocumentFile(seq: number, documentId: number): Promise<void> {
    const target = await runningEngine();
    if (!('call' in target)) {
      reply(seq, { ok: false, error: target });
      return;
    }
    try {
      reply(seq, { ok: true, value: target.documentFile(documentId) });
    } catch (err) {
      reply(seq, { ok: false, error: cleanError(err) });
    }
  }

  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    if (engine) {
      try {
        const running = await engine;
        await running.stop();
      } catch (err) {
        log(`engine stop failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    port.postMessage({ type: 'stopped' });
    exit(0);
  }

  port.onMessage((raw) => {
    const message = parseMainToEngine(raw);
    if (!message) {
      log('dropped a malformed message from main');
      return;
    }
    switch (message.type) {
      case 'init':
        if (engine) log('ignored a second init message');
        else start(message.options);
        return;
      case 'call':
        void handleCall(message.seq, message.name, message.args);
        return;
      case 'documentFile':
        void handleDocumentFile(message.seq, message.documentId);
        return;
      case 'shutdown':
        void shutdown();
        return;
    }
  });

  return { dataDir: () => dataDir };
}
