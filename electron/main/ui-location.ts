/**
 * Where the UI lives and which URLs count as "ours". The UI is served from app://checkdesk/ (never
 * file://, whose pages can read any local file); document previews from app://documents/<id>.
 * URLs are compared by parsed protocol and host, never by string prefix ("app://checkdesk.evil"
 * must not pass).
 */

export const APP_SCHEME = 'app';
export const UI_HOST = 'checkdesk';
export const DOCUMENTS_HOST = 'documents';
export const UI_START_URL = `${APP_SCHEME}://${UI_HOST}/index.html`;

export interface UiLocation {
  /** What the window loads first. */
  readonly startUrl: string;
  /** True for a URL of the UI's own origin: IPC senders and in-app navigation. */
  isTrustedUrl(url: string): boolean;
  /** True when the UI comes from the packaged app:// origin (not a development server). */
  readonly servedByProtocol: boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isAppUiUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === UI_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `electron-vite dev` serves the renderer with hot reload and passes its URL in
 * ELECTRON_RENDERER_URL. It is honoured only in an unpackaged app and only on loopback, so a
 * packaged build always runs the hardened app:// origin whatever the environment says.
 */
export function resolveUiLocation(input: {
  isPackaged: boolean;
  devServerUrl?: string | undefined;
}): UiLocation {
  const dev = !input.isPackaged && input.devServerUrl ? parse(input.devServerUrl) : null;
  if (
    dev &&
    (dev.protocol === 'http:' || dev.protocol === 'https:') &&
    LOOPBACK.has(dev.hostname)
  ) {
    const origin = dev.origin;
    return {
      startUrl: dev.href,
      servedByProtocol: false,
      isTrustedUrl: (url) => parse(url)?.origin === origin,
    };
  }
  return { startUrl: UI_START_URL, servedByProtocol: true, isTrustedUrl: isAppUiUrl };
}
