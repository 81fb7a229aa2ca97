import { useEffect, useRef } from 'react';

export const AUTO_REFRESH_MS = 60_000;

/**
 * Calls `refresh` every `intervalMs` while the page is open and not paused, skipping the ticks where the
 * tab is hidden; coming back to a tab left stale refreshes at once.
 */
export function useAutoRefresh(refresh: () => void, paused: boolean, lastRefresh: number, intervalMs = AUTO_REFRESH_MS): void {
  const ref = useRef(refresh);
  ref.current = refresh;
  const last = useRef(lastRefresh);
  last.current = lastRefresh;

  useEffect(() => {
    if (paused) return;
    const tick = () => {
      if (document.visibilityState === 'visible') ref.current();
    };
    const timer = window.setInterval(tick, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - last.current >= intervalMs) ref.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [paused, intervalMs]);
}
