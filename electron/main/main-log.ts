/**
 * The desktop shell's own log, <userData>/logs/desktop.log, beside the engine's logs: refused IPC
 * calls, blocked navigations, engine restarts. Kept small (one rotation at 2 MB).
 */
import fs from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 2 * 1024 * 1024;

export function createMainLog(
  logDir: string,
  echo: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): (message: string) => void {
  const file = path.join(logDir, 'desktop.log');
  return (message) => {
    const line = `${new Date().toISOString()} ${message}`;
    echo(line);
    try {
      fs.mkdirSync(logDir, { recursive: true });
      if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES)
        fs.renameSync(file, `${file}.1`);
      fs.appendFileSync(file, `${line}\n`);
    } catch {
      // the log is a convenience; a full disk must not break the shell
    }
  };
}
