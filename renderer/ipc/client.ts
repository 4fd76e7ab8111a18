/**
 * The renderer's only way to the engine. Under Electron it uses the preload bridge
 * (`window.checkdesk`); in a browser it speaks HTTP (POST /api/invoke/<name>) and server-sent
 * events (/api/events) to the browser host. Same contract, same Result data, either way.
 */
import type { CheckDeskBridge, DesktopBridge, ShellState } from '../../shared/bridge.ts';
import type {
  EventEnvelope,
  EventName,
  HandlerArgs,
  HandlerName,
  HandlerResult,
} from '../../shared/contract.ts';
import type { ErrorData, Result } from '../../shared/errors.ts';

declare global {
  interface Window {
    checkdesk?: CheckDeskBridge;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'lost';

type Listener = (e: EventEnvelope) => void;

/** Every engine event (a compile error until a new one is listed): subscribed to under Electron. */
const EVENT_SET: Record<EventName, true> = {
  'engine.status': true,
  'file.added': true,
  'file.changed': true,
  'case.changed': true,
  'report.progress': true,
  activity: true,
};
const EVENT_NAMES = Object.keys(EVENT_SET) as EventName[];

const bridge: CheckDeskBridge | undefined =
  typeof window !== 'undefined' ? window.checkdesk : undefined;

export const isDesktop = !!bridge;

/** Native dialogs and shell state: only under Electron. */
export const desktop: DesktopBridge | null = bridge?.desktop ?? null;

/** The desktop shell's view of the engine process (restarting, failed, …); never fires in a browser. */
export function onShellState(listener: (state: ShellState) => void): () => void {
  if (!bridge) return () => undefined;
  let live = true;
  void bridge.desktop.shellState().then((r) => {
    if (live && r.ok) listener(r.value);
  });
  const off = bridge.on('shell.state', (e) => listener(e.payload));
  return () => {
    live = false;
    off();
  };
}

export async function invoke<N extends HandlerName>(
  name: N,
  args?: HandlerArgs<N>,
): Promise<Result<HandlerResult<N>>> {
  try {
    if (bridge) return await bridge.invoke(name, args);
    const res = await fetch(`./api/invoke/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(args ?? {}),
    });
    if (res.status === 401)
      return {
        ok: false,
        error: {
          code: 'UNAUTHORIZED',
          message:
            'This page needs its access link again (open the URL printed by `checkdesk serve`).',
          retryable: false,
        },
      };
    const body = (await res.json()) as Result<HandlerResult<N>>;
    return body;
  } catch (err) {
    return {
      ok: false,
      error: {
        code: 'ENGINE_UNREACHABLE',
        message: `CheckDesk is not reachable (${(err as Error).message})`,
        retryable: true,
      },
    };
  }
}

/** Like invoke, but throws ErrorData: for places that show one error message. */
export async function call<N extends HandlerName>(
  name: N,
  args?: HandlerArgs<N>,
): Promise<HandlerResult<N>> {
  const r = await invoke(name, args);
  if (!r.ok) throw r.error;
  return r.value;
}

export function isErrorData(e: unknown): e is ErrorData {
  return !!e && typeof e === 'object' && 'code' in e && 'message' in e;
}

const listeners = new Set<Listener>();
const stateListeners = new Set<(s: ConnectionState) => void>();
let source: EventSource | null = null;
let unbridge: (() => void) | null = null;

function dispatch(e: EventEnvelope): void {
  for (const l of listeners) l(e);
}

function setState(s: ConnectionState): void {
  for (const l of stateListeners) l(s);
}

function connect(): void {
  if (bridge) {
    const offs = EVENT_NAMES.map((n) => bridge.on(n, (e) => dispatch(e as EventEnvelope)));
    unbridge = () => offs.forEach((off) => off());
    setState('open');
    return;
  }
  source = new EventSource('./api/events', { withCredentials: true });
  source.onopen = () => setState('open');
  source.onerror = () =>
    setState(source?.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
  source.onmessage = (m: MessageEvent<string>) => {
    try {
      dispatch(JSON.parse(m.data) as EventEnvelope);
    } catch {
      // a malformed frame is dropped; the next snapshot repairs the view
    }
  };
}

/** Subscribes to every engine event; the stream opens with the first subscriber. */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  if (!source && !unbridge) connect();
  return () => listeners.delete(listener);
}

export function onConnection(listener: (s: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** URL of a stored document for the viewer (served by the host, never a file path). */
export function documentUrl(id: number): string {
  return bridge ? `app://documents/${id}` : `./api/documents/${id}`;
}
