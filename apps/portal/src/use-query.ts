import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gql, type VariablesOf } from './api';
import type { TypedDocumentString } from './gql/graphql';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Loads data for a screen; re-runs when `deps` change (compared with Object.is: pass primitives).
 * New parameters never show the old answer, not even for the render before the load starts: a
 * screen asked for page 1 says it is loading rather than show page 2's rows under page 1's label.
 */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[]): QueryState<T>;
/** Runs one typed document (from ./gql) with `variables`; re-runs when they change. */
export function useQuery<T, V>(document: TypedDocumentString<T, V>, variables: V): QueryState<T>;
export function useQuery<T, V>(
  loadOrDocument: (() => Promise<T>) | TypedDocumentString<T, V>,
  depsOrVariables: unknown[] | V,
): QueryState<T> {
  const [load, deps] =
    typeof loadOrDocument === 'function'
      ? [loadOrDocument, depsOrVariables as unknown[]]
      : [() => gql(loadOrDocument, ...([depsOrVariables] as VariablesOf<V>)), [loadOrDocument.toString(), JSON.stringify(depsOrVariables)]];
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean; deps: unknown[] | null }>({
    data: null,
    error: null,
    loading: true,
    deps: null,
  });
  const [tick, setTick] = useState(0);
  const lastTick = useRef(tick);
  useEffect(() => {
    let live = true;
    const current = [...deps];
    // A reload keeps what is shown while it loads.
    const reloading = lastTick.current !== tick;
    lastTick.current = tick;
    setState((s) => ({ data: reloading ? s.data : null, loading: true, error: null, deps: current }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false, deps: current }),
      (error: unknown) =>
        live &&
        setState({
          data: null,
          error: error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL_SERVER_ERROR'),
          loading: false,
          deps: current,
        }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps -- `deps` are the caller's list for `load`, a new closure each render
  const reload = useCallback(() => setTick((t) => t + 1), []);
  if (state.deps === null || !sameDeps(state.deps, deps)) return { data: null, error: null, loading: true, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
