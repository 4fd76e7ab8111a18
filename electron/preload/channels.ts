/**
 * IPC channel names shared by the preload (caller) and main (handler). Plain strings only: the
 * sandboxed preload cannot load npm packages at run time, so nothing here may import zod.
 */

/** One ipcMain.handle channel per contract handler: `checkdesk:engine:<handler name>`. */
export const HANDLER_CHANNEL_PREFIX = 'checkdesk:engine:';

export function handlerChannel(name: string): string {
  return `${HANDLER_CHANNEL_PREFIX}${name}`;
}

/** Main → window: every engine event envelope and every shell state change. */
export const EVENT_CHANNEL = 'checkdesk:event';

/** Main-only services that are not engine handlers. */
export const DESKTOP_CHANNELS = {
  pickFolder: 'checkdesk:desktop:pickFolder',
  saveFile: 'checkdesk:desktop:saveFile',
  openExternal: 'checkdesk:desktop:openExternal',
  shellState: 'checkdesk:desktop:shellState',
} as const;

/** Events the shell itself emits (engine supervision, secure storage warnings). */
export const SHELL_EVENT_NAMES = ['shell.state'] as const;
export type ShellEventName = (typeof SHELL_EVENT_NAMES)[number];
