import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/main/window-options.ts';

describe('main window options', () => {
  it('sets every security flag explicitly', () => {
    const options = mainWindowOptions({
      preloadPath: '/app/out/preload/index.cjs',
      isPackaged: true,
    });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('allows developer tools only in an unpackaged build', () => {
    expect(
      mainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools,
    ).toBe(true);
  });

  it('waits for the first paint before showing the window', () => {
    const options = mainWindowOptions({ preloadPath: 'p', isPackaged: true });
    expect(options.show).toBe(false);
    expect(options.title).toBe('CheckDesk');
  });
});
