import { useSyncExternalStore } from 'react';
import { importQueue, type QueueSnapshot } from './importQueue';

/** The import queue's current jobs (it lives outside React: uploads go on across pages). */
export function useImportQueue(): QueueSnapshot {
  return useSyncExternalStore(importQueue.subscribe, importQueue.getSnapshot);
}
