import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES } from '../api/contract';
import type { EngineApi } from '../engine/types';
import { SECURITY_HEADERS } from './headers';

const KEEPALIVE_MS = 20_000;

/** Server-sent events: every engine event, until the client goes away (then every listener is removed). */
export function openEventStream(engine: EngineApi, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': vigie\n\n');
  const unsubscribers = EVENT_NAMES.map((name) =>
    engine.subscribe(name, (payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  const close = () => {
    clearInterval(keepalive);
    for (const off of unsubscribers) off();
  };
  req.on('close', close);
  res.on('error', close);
}
