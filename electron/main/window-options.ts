/**
 * The main window's options. Every security-relevant webPreferences flag is spelled out, even
 * where it matches Electron's default, so a future default change or a careless edit shows up in
 * review and in test/unit/electron/window-options.test.ts.
 */
import type { BrowserWindowConstructorOptions, NativeImage } from 'electron';

export interface MainWindowInput {
  preloadPath: string;
  isPackaged: boolean;
  icon?: NativeImage;
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'CheckDesk',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so the person never sees a blank white frame.
    show: false,
    backgroundColor: '#f5f7fa',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: !input.isPackaged,
    },
  };
}
