import { EventEmitter } from 'node:events';
import type { EventName, EventPayloads } from '../api/contract';

/** Typed engine → UI event bus. `subscribe` returns its own unsubscribe. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    this.emitter.emit(name, payload);
  }

  subscribe<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
