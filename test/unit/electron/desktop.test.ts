import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../shared/contract.ts';
import { iconPng } from '../../../electron/main/app-icon.ts';
import { appMenuTemplate, type MenuActions } from '../../../electron/main/app-menu.ts';
import { desktopPaths, resolveUserDataDir } from '../../../electron/main/data-paths.ts';
import {
  registerDesktopRoutes,
  safeFileName,
  type DialogsLike,
} from '../../../electron/main/desktop-ipc.ts';
import {
  applyOpenAtLogin,
  readDesktopSettings,
  writeDesktopSettings,
} from '../../../electron/main/desktop-settings.ts';
import { engineFailedPage } from '../../../electron/main/engine-failed-page.ts';
import type { SupervisorState } from '../../../electron/main/engine-supervisor.ts';
import { PNG_SIGNATURE } from '../../../electron/main/png.ts';
import { queueSummary } from '../../../electron/main/queue-summary.ts';
import { createQuitCoordinator } from '../../../electron/main/quit-coordinator.ts';
import { createSenderGuard } from '../../../electron/main/sender-guard.ts';
import { ShellStateHub } from '../../../electron/main/shell-state.ts';
import { StatusNotifier } from '../../../electron/main/status-notifier.ts';
import { TrayController } from '../../../electron/main/tray.ts';
import { isAppUiUrl } from '../../../electron/main/ui-location.ts';
import type { ShellEnvelope } from '../../../shared/bridge.ts';
import { DESKTOP_CHANNELS } from '../../../electron/preload/channels.ts';
import { fakeWindow, FakeIpcMain, frame } from './support/stand-ins.ts';

function status(queue: Partial<EngineStatus['queue']> = {}, reviewQueue = 0): EngineStatus {
  return {
    version: '0.1.0',
    dataDir: '/data',
    startedAt: 0,
    files: {},
    documents: 0,
    cases: {},
    verifications: {},
    decisions: {},
    reviewQueue,
    queue: {
      held: 0,
      ready: 0,
      submitting: 0,
      inDoubt: 0,
      polling: 0,
      done: 0,
      needsPerson: 0,
      cancelled: 0,
      ...queue,
    },
    nextWake: null,
    creditsToday: 0,
    providers: {},
    inboxes: [],
    notices: [],
    waiting: [],
    language: 'en',
  };
}

const running: SupervisorState = {
  phase: 'running',
  message: null,
  logDir: '/data/logs',
  crashes: 0,
  nextRetryAt: null,
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkdesk-desktop-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('notifications', () => {
  function notifier(focused = false) {
    const sent: [string, string][] = [];
    let now = 0;
    const n = new StatusNotifier({
      notify: (title, body) => sent.push([title, body]),
      isWindowFocused: () => focused,
      now: () => now,
      minIntervalMs: 1_000,
    });
    return { n, sent, tick: (ms: number) => (now += ms) };
  }

  it('stays silent on the first snapshot, then announces a finished batch', () => {
    const { n, sent, tick } = notifier();
    n.observe(status({ ready: 5 }, 2));
    expect(sent).toEqual([]);
    tick(10);
    n.observe(status({ submitting: 2, done: 3 }, 2));
    n.observe(status({ done: 5 }, 2));
    expect(sent).toEqual([['Batch finished', '5 verifications done, 2 cases waiting for review.']]);
  });

  it('announces more review work, throttled', () => {
    const { n, sent, tick } = notifier();
    n.observe(status({}, 0));
    n.observe(status({}, 1));
    n.observe(status({}, 2)); // within the interval: held back
    expect(sent).toEqual([['Review needed', '1 case waiting for review.']]);
    tick(1_500);
    n.observe(status({}, 2));
    expect(sent.at(-1)).toEqual(['Review needed', '2 cases waiting for review.']);
    n.observe(status({}, 0)); // the person cleared the queue
    tick(1_500);
    n.observe(status({}, 1));
    expect(sent).toHaveLength(3);
  });

  it('says nothing while the window has focus', () => {
    const { n, sent } = notifier(true);
    n.observe(status({ ready: 1 }, 0));
    n.observe(status({ done: 1 }, 3));
    expect(sent).toEqual([]);
  });
});

describe('tray', () => {
  it('shows the queue in the tooltip and menu and rebuilds only on change', () => {
    const tooltips: string[] = [];
    const menus: MenuItemConstructorOptions[][] = [];
    const click: { handler?: () => void } = {};
    const actions: string[] = [];
    const tray = new TrayController<MenuItemConstructorOptions[]>({
      tray: {
        setToolTip: (text) => tooltips.push(text),
        setContextMenu: (menu) => menus.push(menu),
        on: (_event, listener) => (click.handler = listener),
      },
      buildMenu: (template) => template,
      onShow: () => actions.push('show'),
      onQuit: () => actions.push('quit'),
    });
    tray.update(queueSummary(status({ ready: 3, held: 1 }, 2), running));
    tray.update(queueSummary(status({ ready: 3, held: 1 }, 2), running));
    expect(tooltips).toEqual(['CheckDesk — Starting…', 'CheckDesk — 4 in queue · 2 to review']);
    expect(menus).toHaveLength(2);
    const menu = menus.at(-1) ?? [];
    expect(menu[0]).toMatchObject({ label: '4 in queue · 2 to review', enabled: false });
    menu
      .find((item) => item.label === 'Show CheckDesk')
      ?.click?.(undefined as never, undefined, undefined as never);
    menu
      .find((item) => item.label === 'Quit CheckDesk')
      ?.click?.(undefined as never, undefined, undefined as never);
    click.handler?.();
    expect(actions).toEqual(['show', 'quit', 'show']);
  });

  it('summarises engine trouble before queue numbers', () => {
    expect(queueSummary(status({ ready: 3 }), { ...running, phase: 'failed' })).toMatch(
      /Engine stopped/,
    );
    expect(queueSummary(status({ ready: 3 }), { ...running, phase: 'restarting' })).toBe(
      'Engine restarting…',
    );
    expect(queueSummary(status({ done: 9 }), running)).toBe('All done');
  });
});

describe('application menu', () => {
  const actions: MenuActions = {
    restartEngine: () => undefined,
    openLogFolder: () => undefined,
    openInboxFolder: () => undefined,
    setOpenAtLogin: () => undefined,
    about: () => undefined,
  };
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);
  const labels = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.label ? [item.label] : []),
      ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
    ]);

  it('has File/Edit/View/Window/Help and no developer tools when packaged', () => {
    const packaged = appMenuTemplate({
      platform: 'win32',
      isPackaged: true,
      openAtLogin: false,
      actions,
    });
    expect(packaged.map((item) => item.label ?? item.role)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'help',
    ]);
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(packaged)).not.toContain('reload');
    expect(labels(packaged)).toEqual(
      expect.arrayContaining(['Restart Engine', 'Start at Login', 'Open Log Folder']),
    );

    const dev = appMenuTemplate({
      platform: 'win32',
      isPackaged: false,
      openAtLogin: false,
      actions,
    });
    expect(roles(dev)).toContain('toggleDevTools');
  });

  it('adds the macOS app menu and hides login items where the OS has none', () => {
    const mac = appMenuTemplate({
      platform: 'darwin',
      isPackaged: true,
      openAtLogin: true,
      actions,
    });
    expect(mac[0]?.label).toBe('CheckDesk');
    const linux = appMenuTemplate({
      platform: 'linux',
      isPackaged: true,
      openAtLogin: false,
      actions: { ...actions, setOpenAtLogin: null },
    });
    expect(labels(linux)).not.toContain('Start at Login');
  });

  it('stores the start-at-login choice and applies it only where supported', () => {
    const file = path.join(dir, 'desktop-settings.json');
    expect(readDesktopSettings(file)).toEqual({ openAtLogin: false });
    writeDesktopSettings(file, { openAtLogin: true });
    expect(readDesktopSettings(file)).toEqual({ openAtLogin: true });
    const applied: boolean[] = [];
    const app = {
      setLoginItemSettings: (s: { openAtLogin: boolean }) => applied.push(s.openAtLogin),
    };
    applyOpenAtLogin(app, 'win32', true);
    applyOpenAtLogin(app, 'linux', true);
    expect(applied).toEqual([true]);
  });
});

describe('quitting', () => {
  it('holds the first quit until the engine has drained, then quits once', async () => {
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const coordinator = createQuitCoordinator({
      shutdownEngine: (ms) => {
        calls.push(`shutdown ${ms}`);
        return new Promise((resolve) => (release = resolve));
      },
      quit: () => calls.push('quit'),
      timeoutMs: 15_000,
    });
    const prevented: boolean[] = [];
    const attempt = () => {
      let p = false;
      coordinator.onBeforeQuit({ preventDefault: () => (p = true) });
      prevented.push(p);
    };
    attempt();
    attempt(); // a second Quit while draining
    expect(calls).toEqual(['shutdown 15000']);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['shutdown 15000', 'quit']);
    attempt(); // the real quit goes through
    expect(prevented).toEqual([true, true, false]);
  });
});

describe('desktop IPC', () => {
  const top = frame('app://checkdesk/index.html');

  function routes(dialogs: Partial<DialogsLike> = {}) {
    const ipc = new FakeIpcMain();
    const opened: string[] = [];
    const saveOptions: unknown[] = [];
    registerDesktopRoutes({
      ipcMain: ipc,
      isTrustedSender: createSenderGuard(() => fakeWindow(top), isAppUiUrl),
      dialogs: {
        showOpenDialog: async () => ({ canceled: false, filePaths: ['/scans/branch-01'] }),
        showSaveDialog: async (options) => {
          saveOptions.push(options);
          return { canceled: false, filePath: path.join(options.defaultPath) };
        },
        ...dialogs,
      },
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
      shellState: () => ({ engine: running, warnings: [] }),
      defaultSaveDir: () => '/home/clerk/Documents',
    });
    return { ipc, opened, saveOptions };
  }

  it('registers only its own channels and answers the window', async () => {
    const { ipc, opened } = routes();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(DESKTOP_CHANNELS).sort());
    const sender = { senderFrame: top };
    expect(await ipc.invoke(DESKTOP_CHANNELS.pickFolder, sender)).toEqual({
      ok: true,
      value: '/scans/branch-01',
    });
    expect(await ipc.invoke(DESKTOP_CHANNELS.openExternal, sender, 'https://example.com/')).toEqual(
      { ok: true, value: true },
    );
    expect(opened).toEqual(['https://example.com/']);
    expect(await ipc.invoke(DESKTOP_CHANNELS.shellState, sender)).toEqual({
      ok: true,
      value: { engine: running, warnings: [] },
    });
  });

  it('offers only a bare file name inside the default folder', async () => {
    const { ipc, saveOptions } = routes();
    const answer = await ipc.invoke(
      DESKTOP_CHANNELS.saveFile,
      { senderFrame: top },
      '../../etc/report.xlsx',
    );
    expect(answer).toMatchObject({ ok: true });
    const options = saveOptions[0] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(path.dirname(options.defaultPath)).toBe('/home/clerk/Documents');
    expect(options.filters[0]?.extensions).toEqual(['xlsx']);
    expect(safeFileName('a\u0000b:c?.json')).toBe('a_b_c_.json');
    expect(safeFileName('...')).toBeNull();
  });

  it('returns null when the person cancels, and refuses a foreign frame', async () => {
    const { ipc } = routes({ showOpenDialog: async () => ({ canceled: true, filePaths: [] }) });
    expect(await ipc.invoke(DESKTOP_CHANNELS.pickFolder, { senderFrame: top })).toEqual({
      ok: true,
      value: null,
    });
    const iframe = frame('app://checkdesk/index.html', { routingId: 5 }, top);
    expect(await ipc.invoke(DESKTOP_CHANNELS.pickFolder, { senderFrame: iframe })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });
});

describe('shell state', () => {
  it('numbers its envelopes and drops duplicate warnings', () => {
    const sent: ShellEnvelope[] = [];
    const hub = new ShellStateHub((envelope) => sent.push(envelope), running);
    hub.setWarnings(['a', 'a']);
    hub.setWarnings(['a']);
    hub.setEngine({ ...running, phase: 'restarting', message: 'The engine stopped' });
    expect(sent.map((e) => [e.seq, e.payload.engine.phase, e.payload.warnings])).toEqual([
      [1, 'running', ['a']],
      [2, 'restarting', ['a']],
    ]);
  });

  it('builds an escaped error page naming the log folder', () => {
    const html = engineFailedPage({
      ...running,
      phase: 'failed',
      message: 'exit <code> 3 & more',
      logDir: '/data/logs',
    });
    expect(html).toContain('exit &#60;code&#62; 3 &#38; more');
    expect(html).toContain('/data/logs');
    expect(html).not.toContain('<script');
  });
});

describe('paths and icons', () => {
  it('uses the CheckDesk app-data folder unless CHECKDESK_DATA_DIR says otherwise', () => {
    expect(resolveUserDataDir('/home/clerk/.config', {})).toBe(
      path.join('/home/clerk/.config', 'CheckDesk'),
    );
    expect(resolveUserDataDir('/home/clerk/.config', { CHECKDESK_DATA_DIR: '/tmp/run-1' })).toBe(
      path.resolve('/tmp/run-1'),
    );
    expect(desktopPaths('/u')).toMatchObject({
      inbox: path.join('/u', 'Inbox'),
      credentialsFile: path.join('/u', 'credentials.json'),
    });
  });

  it('draws a valid PNG of the requested size', () => {
    const png = iconPng(16);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([16, 16]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((16 * 4 + 1) * 16);
  });

  it('ships a packaging icon generated from the same drawing', () => {
    const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../build/icon.png'));
    expect(shipped.equals(iconPng(512))).toBe(true);
  });
});
