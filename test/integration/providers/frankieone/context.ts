/**
 * A real ProviderContext for adapter tests: in-memory cache, a logger that records every line and
 * a recorder for rate-limit hints.
 */
import type { ProviderContext } from '../../../../electron/engine/providers/types.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export interface TestContext extends ProviderContext {
  logs: LogLine[];
  hints: { remaining: number; resetInMs: number | null }[];
  store: Map<string, unknown>;
}

export function makeContext(now: () => number = Date.now): TestContext {
  const logs: LogLine[] = [];
  const hints: TestContext['hints'] = [];
  const store = new Map<string, unknown>();
  return {
    signal: new AbortController().signal,
    now,
    log: {
      info: (message, fields) => logs.push({ level: 'info', message, fields }),
      warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
      error: (message, fields) => logs.push({ level: 'error', message, fields }),
    },
    cache: {
      get: <T>(key: string) => (store.has(key) ? (store.get(key) as T) : null),
      set: (key, value) => void store.set(key, value),
    },
    rateLimitHint: (remaining, resetInMs) => void hints.push({ remaining, resetInMs }),
    logs,
    hints,
    store,
  };
}
