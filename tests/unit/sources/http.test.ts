import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atPath, authHeaders, displayUrl, getJson, HttpError } from '../../../main/sources/connectors/http';
import { freePort } from './helpers';

describe('connector HTTP client', () => {
  let base: string;
  let other: string;
  const seen: { url: string; auth?: string }[] = [];
  const servers: http.Server[] = [];

  async function serve(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  beforeAll(async () => {
    other = await serve((req, res) => {
      seen.push({ url: `other${req.url}`, auth: req.headers.authorization });
      res.end('{}');
    });
    base = await serve((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      switch (req.url) {
        case '/redirect':
          res.writeHead(302, { location: '/ok?x=1' }).end();
          return;
        case '/away':
          res.writeHead(302, { location: `${other}/steal` }).end();
          return;
        case '/loop':
          res.writeHead(302, { location: '/loop' }).end();
          return;
        case '/big':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: 'x'.repeat(50_000) }));
          return;
        case '/slow':
          setTimeout(() => res.end('{}'), 3000);
          return;
        case '/html':
          res.end('<html>login</html>');
          return;
        default:
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"a":{"b":[1,2]}}');
      }
    });
  });
  afterAll(() => {
    for (const s of servers) s.closeAllConnections?.();
    for (const s of servers) s.close();
  });

  const opts = { timeoutMs: 1000, maxBytes: 10_000 };

  it('follows a same-origin redirect with the credential', async () => {
    const r = await getJson(`${base}/redirect`, authHeaders({ type: 'bearer' }, 'tok'), opts);
    expect(r.body).toEqual({ ok: true, a: { b: [1, 2] } });
    expect(r.url).toBe(`${base}/ok?x=1`);
    expect(seen.find((s) => s.url === '/ok?x=1')?.auth).toBe('Bearer tok');
  });

  it('refuses a redirect to another origin (the credential never travels there), loops and big or slow answers', async () => {
    await expect(getJson(`${base}/away`, authHeaders({ type: 'bearer' }, 'tok'), opts)).rejects.toThrow(/autre origine refusée/);
    expect(seen.some((s) => s.url.startsWith('other'))).toBe(false);
    await expect(getJson(`${base}/loop`, {}, opts)).rejects.toThrow(/Trop de redirections/);
    await expect(getJson(`${base}/big`, {}, opts)).rejects.toThrow(/trop volumineuse/);
    await expect(getJson(`${base}/slow`, {}, opts)).rejects.toThrow(`Délai dépassé (1 s) pour ${base}/slow`);
    await expect(getJson(`${base}/html`, {}, opts)).rejects.toThrow(`Réponse non JSON de ${base}/html`);
    const closed = await freePort('tcp');
    await expect(getJson(`http://127.0.0.1:${closed}/x?token=abc`, {}, opts)).rejects.toThrow(
      `Connexion impossible à http://127.0.0.1:${closed}/x : ECONNREFUSED`,
    );
  });

  it('builds auth headers and never shows queries or user info in URLs', () => {
    expect(authHeaders({ type: 'none' }, 'x')).toEqual({});
    expect(authHeaders({ type: 'basic', username: 'u' }, 'p')).toEqual({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(() => authHeaders({ type: 'bearer' }, null)).toThrow(HttpError);
    expect(displayUrl('https://user:pw@h.example/p/q?token=abc#f')).toBe('https://h.example/p/q');
    expect(atPath({ a: { b: [1] } }, 'a.b')).toEqual([1]);
    expect(atPath([1, 2], '')).toEqual([1, 2]);
    expect(atPath({ a: 1 }, 'a.b.c')).toBeUndefined();
  });
});
