import type { EventName } from '@contract';
import type { VigieBridge } from '../vigie';
import type { Transport } from './transport';

/** Electron: the preload's `window.vigie` already speaks envelopes. */
export function createIpcTransport(bridge: VigieBridge): Transport {
  return {
    mode: 'electron',
    async invoke(op, input) {
      try {
        return await bridge.invoke(op, input);
      } catch (e) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: e instanceof Error ? e.message : String(e) } };
      }
    },
    subscribe(event: EventName, listener) {
      return bridge.on(event, listener);
    },
  };
}
