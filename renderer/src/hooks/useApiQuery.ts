import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpInput, OpName, OpOutput } from '@contract';
import { api } from '../api/client';

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export interface QueryOptions {
  /** False: do not call (yet). */
  enabled?: boolean;
  /** Any change calls again with the same input. */
  refreshKey?: unknown;
}

/** Calls one operation whenever its input changes; keeps the last data while reloading. */
export function useApiQuery<N extends OpName>(op: N, input: OpInput<N>, options: QueryOptions = {}): Query<OpOutput<N>> {
  const { enabled = true, refreshKey } = options;
  const key = JSON.stringify(input);
  const [data, setData] = useState<OpOutput<N> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    api.call(op, inputRef.current).then(
      (result) => {
        if (!live) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [op, key, tick, enabled, refreshKey]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
