/**
 * After-write listeners: `writeEvents` calls `notifyAfterWrite` once its write
 * (transaction or savepoint) has completed with new rows. Listeners must be
 * cheap and must not throw (detection only sets a flag and catches up from
 * its own cursor); an error in one is contained and never reaches the writer.
 */
import type { Db } from '../store/db';

export interface AfterWriteInfo {
  /** Rows this write inserted (duplicates excluded). */
  stored: number;
}

export type AfterWriteListener = (db: Db, info: AfterWriteInfo) => void;

const listeners = new Set<AfterWriteListener>();

/** Registers a listener; returns its unsubscribe. */
export function onAfterWrite(listener: AfterWriteListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function notifyAfterWrite(db: Db, info: AfterWriteInfo): void {
  for (const l of [...listeners]) {
    try {
      l(db, info);
    } catch {
      // A listener's failure is its own business: the write has succeeded.
    }
  }
}
