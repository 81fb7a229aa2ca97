/**
 * Forwards OS power and session events to the engine, which locks the vault
 * on suspend / screen lock and catches up scheduled jobs on resume.
 */
import { powerMonitor } from 'electron';
import type { EngineApi, PowerEvent } from '../main/engine/types';

const EVENTS: readonly PowerEvent[] = ['suspend', 'resume', 'lock-screen', 'unlock-screen'];

/** Call after 'ready'. Returns a function removing the listeners. */
export function wirePowerEvents(engine: Pick<EngineApi, 'power'>): () => void {
  const handlers = EVENTS.map((name) => {
    const handler = (): void => engine.power(name);
    // powerMonitor's overloads are per event name; the names above are all valid.
    powerMonitor.on(name as 'suspend', handler);
    return () => powerMonitor.removeListener(name as 'suspend', handler);
  });
  return () => handlers.forEach((off) => off());
}
