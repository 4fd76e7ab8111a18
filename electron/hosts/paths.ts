/**
 * Where CheckDesk keeps its data when nothing else is said: the OS app-data folder "CheckDesk"
 * (the same folder Electron's app.getPath('userData') gives the desktop app), with an inbox
 * inside it. CHECKDESK_DATA_DIR overrides (scripts, tests).
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHECKDESK_DATA_DIR) return path.resolve(env.CHECKDESK_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'CheckDesk');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'CheckDesk');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'CheckDesk');
  }
}

export function defaultInbox(dataDir: string): string {
  return path.join(dataDir, 'Inbox');
}
