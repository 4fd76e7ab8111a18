import { useEffect, useRef } from 'react';

/** Calls `fn(value)` once `value` has been stable for `ms` (search boxes). */
export function useDebouncedEffect<T>(value: T, ms: number, fn: (value: T) => void): void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => latest.current(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
}
