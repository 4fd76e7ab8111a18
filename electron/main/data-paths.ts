/**
 * Where the desktop app keeps things. userData is the OS app-data folder "CheckDesk" (the same
 * folder the CLI uses by default, electron/hosts/paths.ts), so the desktop app and
 * `checkdesk status` look at the same ledger. CHECKDESK_DATA_DIR overrides it, as for the CLI,
 * which is also how tests give each run its own data dir.
 */
import fs from 'node:fs';
import path from 'node:path';

export const APP_NAME = 'CheckDesk';

export function resolveUserDataDir(appData: string, env: NodeJS.ProcessEnv): string {
  const override = env.CHECKDESK_DATA_DIR;
  return override ? path.resolve(override) : path.join(appData, APP_NAME);
}

export interface DesktopPaths {
  dataDir: string;
  inbox: string;
  credentialsFile: string;
  settingsFile: string;
  logDir: string;
}

export function desktopPaths(userData: string): DesktopPaths {
  return {
    dataDir: userData,
    inbox: path.join(userData, 'Inbox'),
    credentialsFile: path.join(userData, 'credentials.json'),
    settingsFile: path.join(userData, 'desktop-settings.json'),
    logDir: path.join(userData, 'logs'),
  };
}

export function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
}
