/**
 * The host's own log lines (start failures, crashes) in <dataDir>/logs/engine-host.log, beside the
 * engine's log. Before `init` names a data dir there is nowhere to write but stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { logDirOf } from './protocol.ts';

export const HOST_LOG_NAME = 'engine-host.log';

export function appendHostLog(dataDir: string | null, line: string): void {
  const stamped = `${new Date().toISOString()} ${line}\n`;
  process.stderr.write(`checkdesk engine host: ${line}\n`);
  if (!dataDir) return;
  try {
    const dir = logDirOf(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, HOST_LOG_NAME), stamped);
  } catch {
    // a full or read-only disk must not turn a crash report into a second crash
  }
}
