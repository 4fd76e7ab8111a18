/**
 * A real ProviderContext for adapter tests: in-memory cache, a logger that records every line,
 * a recorder for rate-limit hints and a clock the test can move.
 */
import type { ProviderCache, ProviderContext } from '../../electron/engine/providers/types.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export interface TestContext extends ProviderContext {
  lines: LogLine[];
  hints: { remaining: number; resetInMs: number | null }[];
  store: Map<string, unknown>;
  /** Moves this context's clock (ms); starts at the real time. */
  advance(ms: number): void;
}

/** `clock` is shared with other contexts when given; `at` pins the clock to one instant. */
export function testContext(options: { clock?: { now: number }; at?: number } = {}): TestContext {
  const clock = options.clock ?? { now: options.at ?? Date.now() };
  const lines: LogLine[] = [];
  const hints: TestContext['hints'] = [];
  const store = new Map<string, unknown>();
  const cache: ProviderCache = {
    get: <T>(key: string) => (store.has(key) ? (store.get(key) as T) : null),
    set: (key, value) => void store.set(key, value),
  };
  return {
    signal: new AbortController().signal,
    now: () => clock.now,
    log: {
      info: (message, fields) => void lines.push({ level: 'info', message, fields }),
      warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
      error: (message, fields) => void lines.push({ level: 'error', message, fields }),
    },
    cache,
    rateLimitHint: (remaining, resetInMs) => void hints.push({ remaining, resetInMs }),
    lines,
    hints,
    store,
    advance: (ms) => {
      clock.now += ms;
    },
  };
}
