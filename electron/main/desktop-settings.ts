/**
 * Settings that belong to this desktop installation rather than the engine (which keeps its own
 * in the ledger): for now, whether CheckDesk starts at login. Stored in userData.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const DesktopSettings = z.object({ openAtLogin: z.boolean().default(false) });
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export function readDesktopSettings(file: string): DesktopSettings {
  try {
    const parsed = DesktopSettings.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // missing or damaged: the defaults are harmless
  }
  return { openAtLogin: false };
}

export function writeDesktopSettings(file: string, settings: DesktopSettings): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temp, file);
}

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/** Electron manages login items on macOS and Windows only. */
export function loginItemsSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function applyOpenAtLogin(
  app: LoginItemApp,
  platform: NodeJS.Platform,
  enabled: boolean,
): void {
  if (loginItemsSupported(platform)) app.setLoginItemSettings({ openAtLogin: enabled });
}
