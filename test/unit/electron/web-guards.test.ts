import { describe, expect, it } from 'vitest';
import {
  createExternalLinkOpener,
  type MessageBoxOptionsLike,
} from '../../../electron/main/external-links.ts';
import { isAppUiUrl, resolveUiLocation, UI_START_URL } from '../../../electron/main/ui-location.ts';
import {
  hardenSession,
  hardenWebContents,
  type GuardableContents,
  type NavigationEvent,
  type PreventableEvent,
} from '../../../electron/main/web-guards.ts';

type NavListener = (event: NavigationEvent, url?: string) => void;

class FakeContents implements GuardableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  readonly listeners = new Map<string, NavListener[]>();

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  on(event: string, listener: NavListener | ((event: PreventableEvent) => void)): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as NavListener]);
    return this;
  }

  /** Emits like Electron: returns whether some listener prevented the default. */
  emit(name: string, url = ''): boolean {
    let prevented = false;
    const event: NavigationEvent = { url, preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(name) ?? []) listener(event, url);
    return prevented;
  }
}

function guarded() {
  const contents = new FakeContents();
  const offered: string[] = [];
  hardenWebContents(contents, {
    isTrustedUrl: isAppUiUrl,
    openExternal: async (url) => {
      offered.push(url);
      return false;
    },
  });
  return { contents, offered };
}

describe('web contents guards', () => {
  it('denies every window.open, offering only https links to the confirmed opener', () => {
    const { contents, offered } = guarded();
    for (const url of [
      'https://example.com/help',
      'http://example.com/',
      'file:///etc/passwd',
      'app://checkdesk/index.html',
      'javascript:alert(1)',
    ]) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(offered).toEqual(['https://example.com/help']);
  });

  it('prevents navigation away from the UI origin and lets in-app navigation through', () => {
    const { contents, offered } = guarded();
    expect(contents.emit('will-navigate', 'app://checkdesk/index.html#/cases')).toBe(false);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'app://checkdesk.evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emit('will-navigate', 'app://documents/1')).toBe(true);
    expect(offered).toEqual(['https://evil.example/']);
  });

  it('prevents foreign redirects, sub-frame navigations and <webview>', () => {
    const { contents } = guarded();
    expect(contents.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-redirect', 'app://checkdesk/index.html')).toBe(false);
    expect(contents.emit('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-attach-webview')).toBe(true);
  });

  it('denies every permission request, permission check and device request', () => {
    const recorded: {
      request?: (c: unknown, p: string, cb: (g: boolean) => void) => void;
      check?: (c: unknown, p: string) => boolean;
      device?: (d: unknown) => boolean;
    } = {};
    hardenSession({
      setPermissionRequestHandler: (handler) => {
        if (handler) recorded.request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        if (handler) recorded.check = handler;
      },
      setDevicePermissionHandler: (handler) => {
        if (handler) recorded.device = handler;
      },
    });
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fileSystem',
    ]) {
      const answers: boolean[] = [];
      recorded.request?.({}, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(recorded.check?.({}, permission)).toBe(false);
    }
    expect(recorded.device?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('external links', () => {
  function opener(response: number) {
    const dialogs: MessageBoxOptionsLike[] = [];
    const opened: string[] = [];
    const open = createExternalLinkOpener({
      showMessageBox: async (options) => {
        dialogs.push(options);
        return { response };
      },
      shell: {
        openExternal: async (url) => {
          opened.push(url);
        },
      },
    });
    return { open, dialogs, opened };
  }

  it('opens an https link only after the person confirms', async () => {
    const yes = opener(0);
    expect(await yes.open('https://docs.example.com/kyc?x=1')).toBe(true);
    expect(yes.dialogs[0]?.message).toContain('docs.example.com');
    expect(yes.dialogs[0]?.cancelId).toBe(1);
    expect(yes.opened).toEqual(['https://docs.example.com/kyc?x=1']);

    const no = opener(1);
    expect(await no.open('https://docs.example.com/')).toBe(false);
    expect(no.dialogs).toHaveLength(1);
    expect(no.opened).toEqual([]);
  });

  it('never offers anything but plain https', async () => {
    const yes = opener(0);
    for (const url of [
      'http://example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(await yes.open(url)).toBe(false);
    }
    expect(yes.dialogs).toEqual([]);
    expect(yes.opened).toEqual([]);
  });
});

describe('UI location', () => {
  it('uses the app:// origin in packaged builds whatever the environment says', () => {
    const ui = resolveUiLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(ui.startUrl).toBe(UI_START_URL);
    expect(ui.servedByProtocol).toBe(true);
    expect(ui.isTrustedUrl('http://localhost:5173/')).toBe(false);
  });

  it('accepts a loopback dev server only when unpackaged', () => {
    const dev = resolveUiLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(dev.startUrl).toBe('http://localhost:5173/');
    expect(dev.isTrustedUrl('http://localhost:5173/index.html')).toBe(true);
    expect(dev.isTrustedUrl('http://localhost:5174/')).toBe(false);
    expect(
      resolveUiLocation({ isPackaged: false, devServerUrl: 'http://192.168.1.5:5173/' }).startUrl,
    ).toBe(UI_START_URL);
  });

  it('compares parsed origins, not prefixes', () => {
    expect(isAppUiUrl('app://checkdesk/index.html')).toBe(true);
    expect(isAppUiUrl('app://checkdesk.evil/index.html')).toBe(false);
    expect(isAppUiUrl('app://user@checkdesk/index.html')).toBe(false);
    expect(isAppUiUrl('app://documents/1')).toBe(false);
  });
});
