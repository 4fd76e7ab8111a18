/**
 * Builds the object exposed as `window.checkdesk`: named operations over an allow-list, never
 * ipcRenderer itself (a generic send/invoke would hand any page script every channel in main).
 */
import type { HandlerName, HandlerResult } from '../../shared/contract.ts';
import type { ErrorData, Result } from '../../shared/errors.ts';
import { EVENT_ALLOWED, HANDLER_ALLOWED } from './allow-lists.ts';
import type {
  BridgeEnvelope,
  BridgeEventName,
  CheckDeskBridge,
  ShellState,
} from '../../shared/bridge.ts';
import { DESKTOP_CHANNELS, EVENT_CHANNEL, handlerChannel } from './channels.ts';

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type AnyEnvelope = { seq: number; name: string; payload: unknown };
type Listener = (envelope: AnyEnvelope) => void;

function failure(
  code: string,
  message: string,
  retryable: boolean,
): { ok: false; error: ErrorData } {
  return { ok: false, error: { code, message, retryable } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return (
    value.ok === false &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null
  );
}

function isEnvelope(value: unknown): value is AnyEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    'seq' in value &&
    typeof value.seq === 'number' &&
    'name' in value &&
    typeof value.name === 'string' &&
    'payload' in value
  );
}

async function invokeChannel<T>(
  ipc: IpcRendererLike,
  channel: string,
  ...args: unknown[]
): Promise<Result<T>> {
  try {
    const answer = await ipc.invoke(channel, ...args);
    if (isResult(answer)) return answer as Result<T>;
    return failure(
      'IPC_BAD_ANSWER',
      'The desktop shell sent an answer CheckDesk does not understand.',
      false,
    );
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return failure('IPC_FAILED', `The desktop shell did not answer (${why}).`, true);
  }
}

export function createBridge(ipc: IpcRendererLike): CheckDeskBridge {
  const listeners = new Map<string, Set<Listener>>();
  let attached = false;

  const dispatch = (_event: unknown, ...args: unknown[]): void => {
    const envelope = args[0];
    if (!isEnvelope(envelope)) return;
    const subscribers = listeners.get(envelope.name);
    if (!subscribers) return;
    for (const listener of [...subscribers]) {
      try {
        listener(envelope);
      } catch (err) {
        // One broken subscriber must not starve the others of the same event.
        console.error(`checkdesk: a listener for "${envelope.name}" threw`, err);
      }
    }
  };

  function invoke<N extends HandlerName>(
    name: N,
    args?: unknown,
  ): Promise<Result<HandlerResult<N>>> {
    if (typeof name !== 'string' || !HANDLER_ALLOWED.has(name)) {
      return Promise.resolve(
        failure(
          'UNKNOWN_HANDLER',
          `"${String(name)}" is not an operation CheckDesk offers.`,
          false,
        ),
      );
    }
    return invokeChannel<HandlerResult<N>>(ipc, handlerChannel(name), args ?? {});
  }

  function on<N extends BridgeEventName>(
    event: N,
    callback: (envelope: BridgeEnvelope<N>) => void,
  ): () => void {
    if (typeof event !== 'string' || !EVENT_ALLOWED.has(event)) {
      throw new Error(`checkdesk: "${String(event)}" is not an event CheckDesk emits.`);
    }
    if (typeof callback !== 'function')
      throw new Error('checkdesk: on() needs a callback function.');
    const listener = callback as unknown as Listener;
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    if (!attached) {
      ipc.on(EVENT_CHANNEL, dispatch);
      attached = true;
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(event);
      if (listeners.size === 0 && attached) {
        ipc.removeListener(EVENT_CHANNEL, dispatch);
        attached = false;
      }
    };
  }

  return {
    invoke,
    on,
    desktop: {
      pickFolder: () => invokeChannel<string | null>(ipc, DESKTOP_CHANNELS.pickFolder),
      saveFile: (defaultName: string) => {
        if (typeof defaultName !== 'string')
          return Promise.resolve(failure('BAD_ARGUMENTS', 'saveFile needs a file name.', false));
        return invokeChannel<string | null>(ipc, DESKTOP_CHANNELS.saveFile, defaultName);
      },
      openExternal: (url: string) => {
        if (typeof url !== 'string')
          return Promise.resolve(failure('BAD_ARGUMENTS', 'openExternal needs a URL.', false));
        return invokeChannel<boolean>(ipc, DESKTOP_CHANNELS.openExternal, url);
      },
      shellState: () => invokeChannel<ShellState>(ipc, DESKTOP_CHANNELS.shellState),
    },
  };
}
