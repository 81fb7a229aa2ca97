import type { ApiError, Envelope, EventName } from '@contract';
import { SseParser } from './sse';
import { captureToken } from './token';
import type { Transport } from './transport';

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

function failure(code: ApiError['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function codeForStatus(status: number): ApiError['code'] {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'UNKNOWN_OPERATION';
  return 'UNAVAILABLE';
}

/** Loopback HTTP bridge: POST /api/call/<op>, events over GET /api/events (SSE read with fetch). */
export function createHttpTransport(): Transport {
  const token = captureToken();
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let controller: AbortController | null = null;

  function dispatch(event: string, data: string): void {
    const set = listeners.get(event);
    if (!set || set.size === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of [...set]) listener(payload);
  }

  async function readStream(signal: AbortSignal): Promise<boolean> {
    const res = await fetch('/api/events', {
      headers: { ...auth, Accept: 'text/event-stream' },
      cache: 'no-store',
      credentials: 'omit',
      signal,
    });
    if (!res.ok || !res.body) return false;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      for (const msg of parser.push(value)) dispatch(msg.event, msg.data);
    }
  }

  async function run(signal: AbortSignal): Promise<void> {
    let backoff = MIN_BACKOFF_MS;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await readStream(signal);
      } catch {
        // network error or abort: fall through to the backoff
      }
      if (signal.aborted) return;
      // A connection that lived a while was healthy: start the backoff again.
      if (Date.now() - started > 10_000) backoff = MIN_BACKOFF_MS;
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  function ensureConnected(): void {
    if (controller) return;
    controller = new AbortController();
    void run(controller.signal);
  }

  function disconnectIfIdle(): void {
    for (const set of listeners.values()) if (set.size > 0) return;
    controller?.abort();
    controller = null;
  }

  return {
    mode: 'browser',
    async invoke(op, input) {
      let res: Response;
      try {
        res = await fetch(`/api/call/${encodeURIComponent(op)}`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (e) {
        return failure('UNAVAILABLE', e instanceof Error ? e.message : String(e));
      }
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      if (isEnvelope(body)) return body;
      return failure(codeForStatus(res.status), `HTTP ${res.status}`);
    },
    subscribe(event: EventName, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      ensureConnected();
      return () => {
        set.delete(listener);
        disconnectIfIdle();
      };
    },
  };
}
