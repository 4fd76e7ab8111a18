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

/**
 * Tuning overrides for scripts and tests (advanced, documented in the README): file readiness,
 * case settle time, retry backoff, and offline OCR during pre-flight.
 */
export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): {
  stableMs?: number;
  caseSettleMs?: number;
  retryPolicy?: { baseMs?: number; capMs?: number };
  ocr?: boolean | 'auto';
} {
  const num = (v: string | undefined) =>
    v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  const out: ReturnType<typeof tuningFromEnv> = {};
  if (num(env.CHECKDESK_STABLE_MS) !== undefined) out.stableMs = num(env.CHECKDESK_STABLE_MS);
  if (num(env.CHECKDESK_CASE_SETTLE_MS) !== undefined)
    out.caseSettleMs = num(env.CHECKDESK_CASE_SETTLE_MS);
  const base = num(env.CHECKDESK_RETRY_BASE_MS);
  const cap = num(env.CHECKDESK_RETRY_CAP_MS);
  if (base !== undefined || cap !== undefined)
    out.retryPolicy = {
      ...(base !== undefined ? { baseMs: base } : {}),
      ...(cap !== undefined ? { capMs: cap } : {}),
    };
  if (env.CHECKDESK_OCR === '0' || env.CHECKDESK_OCR === 'off') out.ocr = false;
  return out;
}
