/**
 * What the desktop preload exposes to the renderer as `window.checkdesk`. The browser host has
 * no bridge; the renderer's client then speaks HTTP + server-sent events to the same contract.
 */
import type { EventEnvelope } from './contract.ts';
import type { Result } from './errors.ts';

export interface DesktopBridge {
  /** Native folder picker; null when cancelled. */
  pickFolder(): Promise<string | null>;
  /** Native save dialog; null when cancelled. */
  saveFile(defaultName: string): Promise<string | null>;
  /** Opens an https link in the system browser after the user confirms. */
  openExternal(url: string): Promise<void>;
}

export interface CheckDeskBridge {
  invoke(name: string, args: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (envelope: EventEnvelope) => void): () => void;
  desktop?: DesktopBridge;
}
