import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope } from '../api/contract';
import type { EngineApi } from '../engine/types';
import { SECURITY_HEADERS } from './headers';
import { openEventStream } from './sse';
import { serveStatic } from './static';

export interface BridgeOptions {
  engine: EngineApi;
  /** Built renderer (out/renderer); when absent only the API is served. */
  staticDir?: string;
  /** 0 picks a random free port. */
  port?: number;
  /** Per-launch token; generated when omitted (tests may pass one). */
  token?: string;
  maxBodyBytes?: number;
}

export interface Bridge {
  url: string;
  /** The address to open: the token rides in the fragment, which browsers never send to servers. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Browser-mode transport: the same contract and dispatcher as Electron IPC,
 * over HTTP bound to loopback only. Every API call needs the per-launch
 * bearer token; the Host header must name this very listener (DNS-rebinding
 * defence); no CORS headers are ever sent, and bodies must be JSON.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const tokenBuf = Buffer.from(token);
  // 2 MiB: room for a 1 MiB upload chunk once base64-encoded in JSON.
  const maxBody = opts.maxBodyBytes ?? 2 * 1024 * 1024;
  let allowedHosts: Set<string> = new Set();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Erreur interne.' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return send(res, 421, fail('FORBIDDEN', 'Hôte non autorisé.'));
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('FORBIDDEN', 'Méthode refusée.'));
      return serveStatic(opts.staticDir, url.pathname, req, res);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '').toLowerCase())) {
      return send(res, 403, fail('FORBIDDEN', 'Origine non autorisée.'));
    }
    if (!authorised(req)) return send(res, 401, fail('UNAUTHORIZED', 'Jeton de session absent ou invalide.'));

    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(opts.engine, req, res);
    const m = /^\/api\/call\/([A-Za-z][A-Za-z0-9.]{0,99})$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return send(res, 404, fail('UNKNOWN_OPERATION', 'Route inconnue.'));
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return send(res, 415, fail('VALIDATION', 'Le corps de la requête doit être du JSON.'));
    }
    const body = await readBody(req, maxBody);
    if (body === null) return send(res, 413, fail('VALIDATION', 'Requête trop volumineuse.'));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return send(res, 400, fail('VALIDATION', 'JSON invalide.'));
    }
    const envelope = await opts.engine.dispatch(m[1], input, { transport: 'http' });
    send(res, 200, envelope);
  }

  function authorised(req: IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const given = Buffer.from(h.startsWith('Bearer ') ? h.slice(7) : '');
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const url = `http://${HOST}:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function fail(code: 'FORBIDDEN' | 'UNAUTHORIZED' | 'VALIDATION' | 'UNKNOWN_OPERATION', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
