import type { Envelope, EventName } from '@contract';

/** How the client reaches the engine: Electron IPC or the loopback HTTP bridge. */
export interface Transport {
  readonly mode: 'electron' | 'browser';
  invoke(op: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}
