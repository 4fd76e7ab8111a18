/**
 * The engine log: one line per entry in <dataDir>/logs/engine.log (rotated at 5 MB, three kept).
 * Fields pass through redact(); document numbers and images are never logged by callers.
 * Repeated identical messages (a share that keeps failing) are collapsed: at most one line per
 * key per minute, with a count of what was suppressed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { redact } from '../../shared/redact.ts';
import type { Logger } from './providers/types.ts';

const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 3;

export interface EngineLogger extends Logger {
  /** Logs at most once per `key` per minute (error storms from watchers or the network). */
  throttled(
    key: string,
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ): void;
  readonly file: string;
}

export function createLogger(dataDir: string, onLine?: (line: string) => void): EngineLogger {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'engine.log');
  let ready = false;
  const throttle = new Map<string, { at: number; suppressed: number }>();

  function write(level: string, message: string, fields?: Record<string, unknown>): void {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${
      fields && Object.keys(fields).length ? ` ${JSON.stringify(redact(fields))}` : ''
    }`;
    onLine?.(line);
    try {
      if (!ready) {
        fs.mkdirSync(dir, { recursive: true });
        ready = true;
      }
      rotate();
      fs.appendFileSync(file, line + '\n');
    } catch {
      // logging must never take the engine down (disk full, permissions)
    }
  }

  function rotate(): void {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size < MAX_BYTES) return;
    for (let i = KEEP - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
  }

  return {
    file,
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    throttled(key, level, message, fields) {
      const now = Date.now();
      const entry = throttle.get(key);
      if (entry && now - entry.at < 60_000) {
        entry.suppressed++;
        return;
      }
      const suppressed = entry?.suppressed ?? 0;
      throttle.set(key, { at: now, suppressed: 0 });
      write(
        level,
        suppressed ? `${message} (${suppressed} similar in the last minute)` : message,
        fields,
      );
    },
  };
}
