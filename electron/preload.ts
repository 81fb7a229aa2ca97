/**
 * The only bridge between the sandboxed renderer and the shell, exposed as
 * `window.vigie`. Bundled alone as out/preload/index.cjs: it may import
 * `electron` (contextBridge, ipcRenderer) and types, nothing else — hence the
 * channel and event names written out here (a unit test keeps them in sync
 * with the contract). ipcRenderer itself is never exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope, EventName } from '../main/api/contract';

const INVOKE_CHANNEL = 'vigie:invoke';
const EVENT_CHANNEL = 'vigie:event';
const MAX_OP_LENGTH = 100;
const EVENT_NAMES: readonly EventName[] = [
  'vault.changed',
  'progress',
  'alert.new',
  'job.run',
  'import.progress',
  'source.health',
  'legal.deadline',
];

type Listener = (payload: unknown) => void;
/** One entry per subscription, so unsubscribing removes exactly that one. */
const subscriptions = new Map<EventName, Set<{ listener: Listener }>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  const subs = subscriptions.get(name as EventName);
  if (!subs) return;
  for (const sub of [...subs]) {
    try {
      sub.listener(payload);
    } catch (err) {
      console.error('[vigie] event listener failed', err);
    }
  }
});

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

const api = {
  mode: 'electron' as const,
  invoke(op: string, input?: unknown): Promise<Envelope<unknown>> {
    if (typeof op !== 'string' || op.length === 0 || op.length > MAX_OP_LENGTH) {
      return Promise.resolve({
        ok: false,
        error: { code: 'VALIDATION', message: `Operation name must be a string of 1 to ${MAX_OP_LENGTH} characters.` },
      });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, op, input === undefined ? {} : input) as Promise<Envelope<unknown>>;
  },
  on(event: EventName, listener: Listener): () => void {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('Listener must be a function');
    const sub = { listener };
    let subs = subscriptions.get(event);
    if (!subs) subscriptions.set(event, (subs = new Set()));
    subs.add(sub);
    return () => {
      subs.delete(sub);
    };
  },
};

contextBridge.exposeInMainWorld('vigie', api);
