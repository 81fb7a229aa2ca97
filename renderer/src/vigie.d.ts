/**
 * What the Electron preload exposes on `window.vigie` (contextBridge).
 * Deliberately loose at the boundary: the renderer's client (api/client.ts)
 * gives every call and event its contract type.
 */
import type { Envelope } from '@contract';

export interface VigieBridge {
  readonly mode: 'electron';
  invoke(op: string, input: unknown): Promise<Envelope<unknown>>;
  on(eventName: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    vigie?: VigieBridge;
  }
}

export {};
