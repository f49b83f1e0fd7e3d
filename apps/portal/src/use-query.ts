import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a screen; re-runs when `deps` change. */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[]): QueryState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const lastTick = useRef(tick);
  useEffect(() => {
    let live = true;
    // A reload keeps what is shown while it loads; new parameters never show the old answer.
    const reloading = lastTick.current !== tick;
    lastTick.current = tick;
    setState((s) => ({ data: reloading ? s.data : null, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error: error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL_SERVER_ERROR'), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
