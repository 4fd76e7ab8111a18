/**
 * Quitting waits for the engine to drain: the first 'before-quit' is held back while the engine
 * stops (bounded), then the app quits for real. Nothing is lost if the bound is hit: the ledger
 * reconciles whatever was in flight on the next start.
 */

export interface QuitDeps {
  shutdownEngine(timeoutMs: number): Promise<void>;
  quit(): void;
  timeoutMs: number;
  log?(message: string): void;
}

export function createQuitCoordinator(deps: QuitDeps): {
  onBeforeQuit(event: { preventDefault(): void }): void;
} {
  let state: 'running' | 'draining' | 'drained' = 'running';
  return {
    onBeforeQuit(event) {
      if (state === 'drained') return;
      event.preventDefault();
      if (state === 'draining') return;
      state = 'draining';
      deps
        .shutdownEngine(deps.timeoutMs)
        .catch((err: unknown) => deps.log?.(`engine shutdown failed: ${String(err)}`))
        .finally(() => {
          state = 'drained';
          deps.quit();
        });
    },
  };
}
