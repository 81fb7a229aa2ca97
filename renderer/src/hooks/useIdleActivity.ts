import { useEffect } from 'react';
import { api } from '../api/client';

const MIN_INTERVAL_MS = 60_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

/**
 * Tells the engine the operator is still there (it owns the idle lock).
 * At most one `session.activity` per minute, only after real user input.
 */
export function useIdleActivity(): void {
  useEffect(() => {
    let last = Date.now();
    const onInput = () => {
      const now = Date.now();
      if (now - last < MIN_INTERVAL_MS) return;
      last = now;
      api.call('session.activity', {}).catch(() => undefined);
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { passive: true, capture: true });
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, []);
}
