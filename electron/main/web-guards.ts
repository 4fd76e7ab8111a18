/**
 * Navigation and permission lockdown for every web contents and the session. By default Electron
 * grants every permission request and lets a page navigate anywhere or open windows; here the
 * page can only stay on the UI's own origin, and https links go out through the confirmed opener.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url?: string;
}

export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: NavigationEvent, url?: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface GuardOptions {
  isTrustedUrl(url: string): boolean;
  /** The confirmed external opener (./external-links.ts); it ignores anything but https. */
  openExternal(url: string): Promise<boolean>;
  log?(message: string): void;
}

function urlOf(event: NavigationEvent, url: string | undefined): string {
  return typeof event.url === 'string' ? event.url : (url ?? '');
}

export function hardenWebContents(contents: GuardableContents, options: GuardOptions): void {
  const log = options.log ?? (() => undefined);
  const offerExternally = (url: string): void => {
    options.openExternal(url).catch((err: unknown) => log(`opening ${url} failed: ${String(err)}`));
  };

  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) offerExternally(url);
    else log(`denied window.open(${url})`);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event, url) => {
    const target = urlOf(event, url);
    if (options.isTrustedUrl(target)) return;
    event.preventDefault();
    if (target.startsWith('https:')) offerExternally(target);
    else log(`blocked navigation to ${target}`);
  });

  // Sub-frames and server redirects are never a way out either.
  contents.on('will-frame-navigate', (event, url) => {
    const target = urlOf(event, url);
    if (!options.isTrustedUrl(target)) {
      event.preventDefault();
      log(`blocked frame navigation to ${target}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    const target = urlOf(event, url);
    if (!options.isTrustedUrl(target)) {
      event.preventDefault();
      log(`blocked redirect to ${target}`);
    }
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

export interface GuardableSession {
  setPermissionRequestHandler(
    handler:
      | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((contents: unknown, permission: string) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/** CheckDesk needs no camera, microphone, notifications-from-page, geolocation, USB … nothing. */
export function hardenSession(
  session: GuardableSession,
  log: (message: string) => void = () => undefined,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
