import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../app/session';
import { roleCanWrite } from '../../domain';

/** Roles that may change incidents (the contract's WRITERS: every role but the read-only DPO). */
export function useCanWrite(): boolean {
  const { status } = useSession();
  return roleCanWrite(status.operator?.role);
}

/** The current time, ticking every `everyMs` (countdowns). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs `task`; its error is kept (shown by the caller) and its result returned (undefined on failure). */
  run: <T>(task: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
}

/** One user action at a time, with its pending state and its last error. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const run = useCallback(async <T,>(task: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await task();
    } catch (e) {
      if (live.current) setError(e);
      return undefined;
    } finally {
      if (live.current) setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
