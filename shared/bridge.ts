/**
 * The type of `window.checkdesk`, exposed by the desktop preload. The browser host has no
 * bridge: the renderer then speaks HTTP + server-sent events to the same contract.
 */
import type {
  EventEnvelope,
  EventName,
  HandlerArgs,
  HandlerName,
  HandlerResult,
} from './contract.ts';
import type { Result } from './errors.ts';

/** Where the engine's utility process is in its life, as the shell's supervisor sees it. */
export type EnginePhase = 'starting' | 'running' | 'restarting' | 'failed' | 'stopping' | 'stopped';

export interface ShellState {
  engine: {
    phase: EnginePhase;
    /** Plain-language account of the latest trouble; null while all is well. */
    message: string | null;
    /** Folder holding engine.log and engine-host.log; null before the data dir is known. */
    logDir: string | null;
    /** Unexpected exits inside the supervisor's crash window. */
    crashes: number;
    /** When the next restart attempt happens (epoch ms) while phase is 'restarting'. */
    nextRetryAt: number | null;
  };
  /** Shell-level warnings for a banner: no secure storage, a saved key that cannot be decrypted. */
  warnings: string[];
}

export type ShellEventName = 'shell.state';
export type BridgeEventName = EventName | ShellEventName;

export interface ShellEnvelope {
  seq: number;
  name: 'shell.state';
  payload: ShellState;
}

export type BridgeEnvelope<N extends BridgeEventName> = N extends EventName
  ? EventEnvelope<N>
  : ShellEnvelope;

export interface DesktopBridge {
  /** Native folder picker; null when the person cancels. */
  pickFolder(): Promise<Result<string | null>>;
  /** Native save dialog pre-filled with a file name (no folders); null when cancelled. */
  saveFile(defaultName: string): Promise<Result<string | null>>;
  /** Opens an https link in the browser after the person confirms; false when they decline. */
  openExternal(url: string): Promise<Result<boolean>>;
  /** The current shell state (the same payload as the 'shell.state' event). */
  shellState(): Promise<Result<ShellState>>;
}

export interface CheckDeskBridge {
  /** Never rejects: failures (including an unknown name or a dead engine) come back as data. */
  invoke<N extends HandlerName>(name: N, args?: HandlerArgs<N>): Promise<Result<HandlerResult<N>>>;
  /** Subscribes to one event; returns the unsubscribe function. Throws on an unknown name. */
  on<N extends BridgeEventName>(
    event: N,
    callback: (envelope: BridgeEnvelope<N>) => void,
  ): () => void;
  desktop: DesktopBridge;
}
