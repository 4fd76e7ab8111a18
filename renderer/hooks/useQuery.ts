/**
 * Reads one handler's answer and keeps it while the screen shows it. `key` names the query:
 * when it changes the handler is asked again; `reload()` asks again with the same key. Answers
 * to an older key are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HandlerArgs, HandlerName, HandlerResult } from '../../shared/contract.ts';
import type { ErrorData } from '../../shared/errors.ts';
import { invoke } from '../ipc/client.ts';

export interface Query<T> {
  /** The latest answer; while a new key loads, the previous one (see `stale`). */
  value: T | null;
  stale: boolean;
  error: ErrorData | null;
  reload(): void;
  /** Replaces the value (e.g. with a handler's answer to a command). */
  set(value: T): void;
}

export function useQuery<N extends HandlerName>(
  name: N,
  args: HandlerArgs<N>,
  key: string,
): Query<HandlerResult<N>> {
  const [state, setState] = useState<{
    key: string;
    value: HandlerResult<N> | null;
    error: ErrorData | null;
  }>({ key, value: null, error: null });
  const [tick, setTick] = useState(0);
  const latest = useRef({ name, args });
  useEffect(() => {
    latest.current = { name, args };
  });
  useEffect(() => {
    let live = true;
    void invoke(latest.current.name, latest.current.args).then((r) => {
      if (!live) return;
      setState((s) =>
        r.ok ? { key, value: r.value, error: null } : { key, value: s.value, error: r.error },
      );
    });
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  const set = useCallback(
    (value: HandlerResult<N>) => setState({ key, value, error: null }),
    [key],
  );
  return { value: state.value, stale: state.key !== key, error: state.error, reload, set };
}
