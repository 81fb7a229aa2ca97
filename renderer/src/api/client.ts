import type { ErrorCode, EventName, EventPayloads, OpInput, OpName, OpOutput } from '@contract';
import type { Transport } from './transport';
import { createHttpTransport } from './transport-http';
import { createIpcTransport } from './transport-ipc';

/** A failed call, rebuilt from the `{ ok: false, error }` envelope. */
export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

type ErrorListener = (op: OpName, error: ApiCallError) => void;

let transport: Transport | null = null;
const errorListeners = new Set<ErrorListener>();

function current(): Transport {
  if (!transport) transport = window.vigie ? createIpcTransport(window.vigie) : createHttpTransport();
  return transport;
}

/** The one typed client of the engine. */
export const api = {
  get mode(): Transport['mode'] {
    return current().mode;
  },

  /** Prepares the transport (in browser mode: captures the token from the address bar). */
  init(): void {
    current();
  },

  async call<N extends OpName>(op: N, input: OpInput<N>): Promise<OpOutput<N>> {
    const envelope = await current().invoke(op, input);
    if (envelope.ok) return envelope.data as OpOutput<N>;
    const error = new ApiCallError(envelope.error.code, envelope.error.message, envelope.error.details);
    for (const listener of [...errorListeners]) listener(op, error);
    throw error;
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    return current().subscribe(event, listener as (payload: unknown) => void);
  },

  /** Observes every failed call (the app uses it to notice a vault locked behind its back). */
  onCallError(listener: ErrorListener): () => void {
    errorListeners.add(listener);
    return () => errorListeners.delete(listener);
  },
};
