import { useCallback, useEffect, useState } from 'react';

export type AsyncState<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'done'; data: T };

/** Runs `load` when deps change (aborting the previous run); `reload` runs it again in place. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { state: AsyncState<T>; reload(): void; set(data: T): void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ status: 'done', data }),
      (error: unknown) => !ctrl.signal.aborted && setState({ status: 'error', error }),
    );
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ status: 'done', data }), []);
  return { state, reload, set };
}
