/**
 * Main-only services for the window: native folder picker, save dialog, confirmed external
 * links, the shell state. Same sender check as the engine routes; every answer is a Result.
 */
import path from 'node:path';
import type { ErrorData, Result } from '../../shared/errors.ts';
import type { ShellState } from '../../shared/bridge.ts';
import { DESKTOP_CHANNELS } from '../preload/channels.ts';
import type { IpcMainLike } from './ipc-router.ts';
import type { SenderCheck } from './sender-guard.ts';

export interface OpenDialogOptionsLike {
  title: string;
  properties: ('openDirectory' | 'createDirectory' | 'dontAddToRecent')[];
}

export interface SaveDialogOptionsLike {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

export interface DialogsLike {
  showOpenDialog(
    options: OpenDialogOptionsLike,
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface DesktopRouterDeps {
  ipcMain: IpcMainLike;
  isTrustedSender: SenderCheck;
  dialogs: DialogsLike;
  openExternal(url: string): Promise<boolean>;
  shellState(): ShellState;
  /** Folder the save dialog starts in (Documents). */
  defaultSaveDir(): string;
  log?(message: string): void;
}

const RESERVED_NAME_CHARS = new Set(['\\', '/', ':', '*', '?', '"', '<', '>', '|']);

/** A bare file name for the save dialog: no folders, no reserved or control characters, no leading dots. */
export function safeFileName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const replaced = [...name]
    .map((ch) => (RESERVED_NAME_CHARS.has(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch))
    .join('');
  const cleaned = replaced
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? null : cleaned;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel workbook', extensions: ['xlsx'] },
  '.json': { name: 'JSON', extensions: ['json'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
};

function refused(error: ErrorData): Result<never> {
  return { ok: false, error };
}

export function registerDesktopRoutes(deps: DesktopRouterDeps): {
  channels: string[];
  dispose(): void;
} {
  const forbidden = refused({
    code: 'FORBIDDEN_SENDER',
    message: 'This call did not come from the CheckDesk window.',
    retryable: false,
  });
  const guarded =
    <A extends unknown[], T>(label: string, fn: (...args: A) => Promise<Result<T>>) =>
    async (event: Parameters<SenderCheck>[0], ...args: unknown[]): Promise<Result<T>> => {
      if (!deps.isTrustedSender(event)) {
        deps.log?.(`refused ${label}: the sender is not the CheckDesk window`);
        return forbidden;
      }
      try {
        return await fn(...(args as A));
      } catch (err) {
        return refused({
          code: 'DESKTOP_FAILED',
          message: err instanceof Error ? err.message : String(err),
          retryable: false,
        });
      }
    };

  const routes: [
    string,
    (event: Parameters<SenderCheck>[0], ...args: unknown[]) => Promise<Result<unknown>>,
  ][] = [
    [
      DESKTOP_CHANNELS.pickFolder,
      guarded('pickFolder', async () => {
        const answer = await deps.dialogs.showOpenDialog({
          title: 'Choose a folder',
          properties: ['openDirectory', 'createDirectory'],
        });
        return { ok: true, value: answer.canceled ? null : (answer.filePaths[0] ?? null) };
      }),
    ],
    [
      DESKTOP_CHANNELS.saveFile,
      guarded('saveFile', async (defaultName: unknown) => {
        const name = safeFileName(defaultName);
        if (!name)
          return refused({
            code: 'BAD_ARGUMENTS',
            message: 'saveFile needs a file name.',
            retryable: false,
          });
        const filter = FILTERS[path.extname(name).toLowerCase()];
        const answer = await deps.dialogs.showSaveDialog({
          title: 'Save as',
          defaultPath: path.join(deps.defaultSaveDir(), name),
          filters: [...(filter ? [filter] : []), { name: 'All files', extensions: ['*'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        return { ok: true, value: answer.canceled || !answer.filePath ? null : answer.filePath };
      }),
    ],
    [
      DESKTOP_CHANNELS.openExternal,
      guarded('openExternal', async (url: unknown) => {
        if (typeof url !== 'string' || url.length > 2048)
          return refused({
            code: 'BAD_ARGUMENTS',
            message: 'openExternal needs a URL.',
            retryable: false,
          });
        return { ok: true, value: await deps.openExternal(url) };
      }),
    ],
    [
      DESKTOP_CHANNELS.shellState,
      guarded('shellState', async () => ({ ok: true, value: deps.shellState() })),
    ],
  ];

  for (const [channel, handler] of routes) deps.ipcMain.handle(channel, handler);
  const channels = routes.map(([channel]) => channel);
  return {
    channels,
    dispose: () => {
      for (const channel of channels) deps.ipcMain.removeHandler(channel);
    },
  };
}
