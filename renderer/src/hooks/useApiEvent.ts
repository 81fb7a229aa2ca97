import { useEffect, useRef } from 'react';
import type { EventName, EventPayloads } from '@contract';
import { api } from '../api/client';

/** Subscribes to one engine event for the lifetime of the component. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.on(event, (payload) => ref.current(payload)), [event]);
}
