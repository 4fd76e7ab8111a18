/**
 * Composition root of the Electron main process: wires the real `electron` module into the small
 * modules next to this file, which take the Electron APIs they need as parameters (and are tested
 * with stand-ins, since the Electron binary cannot run on the build machines).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineStatus } from '../../shared/contract.ts';
import { EVENT_CHANNEL } from '../preload/channels.ts';
import { iconPng } from './app-icon.ts';
import { appMenuTemplate } from './app-menu.ts';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  SHELL_PAGE_PREFIX,
} from './app-protocol.ts';
import { CredentialStore } from './credentials-store.ts';
import { APP_NAME, desktopPaths, ensureDir, resolveUserDataDir } from './data-paths.ts';
import { registerDesktopRoutes } from './desktop-ipc.ts';
import {
  applyOpenAtLogin,
  loginItemsSupported,
  readDesktopSettings,
  writeDesktopSettings,
} from './desktop-settings.ts';
import { ENGINE_FAILED_PAGE, engineFailedPage } from './engine-failed-page.ts';
import { forkUtilityEngine } from './engine-process.ts';
import { EngineSupervisor } from './engine-supervisor.ts';
import { createExternalLinkOpener } from './external-links.ts';
import { registerEngineRoutes } from './ipc-router.ts';
import { createMainLog } from './main-log.ts';
import { ProviderCredentials } from './provider-credentials.ts';
import { queueSummary } from './queue-summary.ts';
import { createQuitCoordinator } from './quit-coordinator.ts';
import { scrubSecrets } from './secret-scrub.ts';
import { createSenderGuard } from './sender-guard.ts';
import { ShellStateHub } from './shell-state.ts';
import { StatusNotifier } from './status-notifier.ts';
import { TrayController } from './tray.ts';
import { APP_SCHEME, resolveUiLocation, UI_HOST } from './ui-location.ts';
import { mainWindowOptions } from './window-options.ts';
import { hardenSession, hardenWebContents } from './web-guards.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, '../preload/index.cjs');
const RENDERER = path.join(here, '../renderer');
const ENGINE_ENTRY = path.join(here, 'engine.js');
const SHUTDOWN_TIMEOUT_MS = 15_000;
const ENGINE_FAILED_URL = `${APP_SCHEME}://${UI_HOST}/${SHELL_PAGE_PREFIX}/${ENGINE_FAILED_PAGE}`;

// Before 'ready': the data folder (the single-instance lock lives in it, so it must be final
// first), the sandbox for every renderer, and the app:// scheme's privileges.
app.setName(APP_NAME);
app.setPath('userData', resolveUserDataDir(app.getPath('appData'), process.env));
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Two instances would watch the same inboxes; the first one gets focused instead.
  app.quit();
} else {
  start().catch((err: unknown) => {
    dialog.showErrorBox(
      'CheckDesk could not start',
      err instanceof Error ? err.message : String(err),
    );
    app.exit(1);
  });
}

function userName(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const paths = desktopPaths(app.getPath('userData'));
  ensureDir(paths.inbox);
  const log = createMainLog(paths.logDir);
  const ui = resolveUiLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const windowIcon = nativeImage.createFromBuffer(iconPng(256));

  let mainWindow: BrowserWindow | null = null;
  const liveWindow = (): BrowserWindow | null =>
    mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  const sendToWindow = (payload: unknown): void =>
    liveWindow()?.webContents.send(EVENT_CHANNEL, payload);

  const openExternal = createExternalLinkOpener({
    showMessageBox: (options) => {
      const parent = liveWindow();
      return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
    },
    shell,
  });

  hardenSession(session.defaultSession, log);
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { isTrustedUrl: ui.isTrustedUrl, openExternal, log }),
  );

  const store = new CredentialStore({
    file: paths.credentialsFile,
    safeStorage,
    platform: process.platform,
  });
  const credentials = new ProviderCredentials(store);
  const notifier = new StatusNotifier({
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body, icon: windowIcon }).show();
    },
    isWindowFocused: () => liveWindow()?.isFocused() ?? false,
  });

  let lastStatus: EngineStatus | null = null;
  let tray: TrayController<Menu> | null = null;
  const shellHub = new ShellStateHub(sendToWindow, {
    phase: 'stopped',
    message: null,
    logDir: paths.logDir,
    crashes: 0,
    nextRetryAt: null,
  });

  const supervisor = new EngineSupervisor({
    fork: () => forkUtilityEngine(utilityProcess, ENGINE_ENTRY),
    initOptions: () => {
      const { configs, warnings } = credentials.providerConfigs();
      shellHub.setWarnings(warnings);
      const actor = userName();
      return {
        dataDir: paths.dataDir,
        inboxes: [paths.inbox],
        providers: configs,
        ...(actor ? { actor } : {}),
      };
    },
    onEvent: (event) => {
      sendToWindow(scrubSecrets(event, credentials.knownSecrets()));
      if (event.name === 'engine.status') {
        lastStatus = event.payload as EngineStatus;
        notifier.observe(lastStatus);
        tray?.update(queueSummary(lastStatus, supervisor.state()));
      }
    },
    onState: (state) => {
      shellHub.setEngine(state);
      tray?.update(queueSummary(lastStatus, state));
      if (state.phase === 'failed') void liveWindow()?.loadURL(ENGINE_FAILED_URL);
    },
    log,
  });

  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererRoot: RENDERER,
      documentFile: (id) => supervisor.documentFile(id),
      documentRoot: () => supervisor.dataDir(),
      shellPage: (name) =>
        name === ENGINE_FAILED_PAGE ? engineFailedPage(supervisor.state()) : null,
    }),
  );

  const isTrustedSender = createSenderGuard(liveWindow, ui.isTrustedUrl);
  registerEngineRoutes({ ipcMain, isTrustedSender, engine: supervisor, credentials, log });
  registerDesktopRoutes({
    ipcMain,
    isTrustedSender,
    dialogs: {
      showOpenDialog: (options) => {
        const parent = liveWindow();
        return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
      },
      showSaveDialog: (options) => {
        const parent = liveWindow();
        return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
      },
    },
    openExternal,
    shellState: () => shellHub.current(),
    defaultSaveDir: () => app.getPath('documents'),
    log,
  });

  function showWindow(): void {
    const window = liveWindow() ?? createWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  function createWindow(): BrowserWindow {
    const window = new BrowserWindow(
      mainWindowOptions({ preloadPath: PRELOAD, isPackaged: app.isPackaged, icon: windowIcon }),
    );
    mainWindow = window;
    window.once('ready-to-show', () => window.show());
    window.webContents.on('did-finish-load', () => shellHub.emit());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(supervisor.state().phase === 'failed' ? ENGINE_FAILED_URL : ui.startUrl);
    return window;
  }

  async function restartEngine(): Promise<void> {
    await supervisor.shutdown(SHUTDOWN_TIMEOUT_MS);
    supervisor.start();
    const window = liveWindow();
    if (window && window.webContents.getURL().startsWith(ENGINE_FAILED_URL))
      void window.loadURL(ui.startUrl);
  }

  const settings = readDesktopSettings(paths.settingsFile);
  applyOpenAtLogin(app, process.platform, settings.openAtLogin);
  const buildMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          isPackaged: app.isPackaged,
          openAtLogin: settings.openAtLogin,
          actions: {
            restartEngine: () => void restartEngine(),
            openLogFolder: () => void shell.openPath(paths.logDir),
            openInboxFolder: () => void shell.openPath(paths.inbox),
            setOpenAtLogin: loginItemsSupported(process.platform)
              ? (enabled) => {
                  settings.openAtLogin = enabled;
                  writeDesktopSettings(paths.settingsFile, settings);
                  applyOpenAtLogin(app, process.platform, enabled);
                  buildMenu();
                }
              : null,
            about: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: 'About CheckDesk',
                message: `CheckDesk ${app.getVersion()}`,
                detail: `Data folder: ${paths.dataDir}`,
              }),
          },
        }),
      ),
    );
  buildMenu();

  const quitter = createQuitCoordinator({
    shutdownEngine: (ms) => supervisor.shutdown(ms),
    quit: () => app.quit(),
    timeoutMs: SHUTDOWN_TIMEOUT_MS,
    log,
  });
  app.on('before-quit', (event) => quitter.onBeforeQuit(event));
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Watchers can stall across a long sleep: ask the engine for a reconciliation scan on wake.
  powerMonitor.on('resume', () => void supervisor.call('inboxes.rescan', {}, 300_000));

  supervisor.start();
  createWindow();
  const trayController = new TrayController<Menu>({
    tray: new Tray(nativeImage.createFromBuffer(iconPng(32), { scaleFactor: 2 })),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    onShow: showWindow,
    onQuit: () => app.quit(),
  });
  trayController.update(queueSummary(lastStatus, supervisor.state()));
  tray = trayController;
}
