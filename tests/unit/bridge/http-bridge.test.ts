import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../main/bridge/http-bridge';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP (node:http) so the Host header and every other header are exactly what the test says. */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('loopback HTTP bridge', () => {
  let t: Awaited<ReturnType<typeof tempEngine>>;
  let bridge: Bridge;
  afterEach(async () => {
    await bridge?.close();
    await t?.dispose();
  });

  async function setup() {
    t = await tempEngine({ mode: 'browser' });
    const staticDir = await mkdtemp(join(tmpdir(), 'vigie-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Vigie</title>');
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    bridge = await startBridge({ engine: t.engine, staticDir });
    const host = `127.0.0.1:${bridge.port}`;
    const call = (op: string, input: unknown, headers: Record<string, string> = {}) =>
      raw(bridge.port, `/api/call/${op}`, {
        method: 'POST',
        headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}`, ...headers },
        body: JSON.stringify(input),
      });
    return { host, call };
  }

  it('listens on 127.0.0.1 only, with a random port and a fresh 256-bit token', async () => {
    await setup();
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
    expect(bridge.openUrl).toBe(`${bridge.url}#token=${bridge.token}`);
  });

  it('serves the contract with the token, and refuses calls without it or with a wrong one', async () => {
    const { host, call } = await setup();
    const okReply = await call('vault.status', {});
    expect(okReply.status).toBe(200);
    expect(JSON.parse(okReply.body)).toMatchObject({ ok: true, data: { state: 'absent' } });
    const none = await raw(bridge.port, '/api/call/vault.status', {
      method: 'POST',
      headers: { Host: host, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await call('vault.status', {}, { Authorization: `Bearer ${'0'.repeat(64)}` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, and sends no CORS header', async () => {
    const { call } = await setup();
    const rebinding = await call('vault.status', {}, { Host: 'evil.example' });
    expect(rebinding.status).toBe(421);
    const otherPort = await call('vault.status', {}, { Host: '127.0.0.1:1' });
    expect(otherPort.status).toBe(421);
    const origin = await call('vault.status', {}, { Origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const good = await call('vault.status', {});
    expect(Object.keys(good.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
    expect(good.headers['content-security-policy']).toContain("default-src 'self'");
    const preflight = await raw(bridge.port, '/api/call/vault.status', { method: 'OPTIONS', headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(preflight.status).not.toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('validates input through the same dispatcher and refuses non-JSON bodies', async () => {
    const { call } = await setup();
    const bad = await call('vault.create', { passphrase: 1 });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const form = await call('vault.status', {}, { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
    const big = await call('log.write', { level: 'info', message: 'x'.repeat(3 * 1024 * 1024) });
    expect(big.status).toBe(413);
  });

  it('streams engine events over SSE to an authorised client', async () => {
    const { host, call } = await setup();
    // The call is awaited before the test ends: the bridge closes at teardown, which would reset a call in flight.
    let created: Promise<unknown> = Promise.resolve();
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { Host: host, Authorization: `Bearer ${bridge.token}` } },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (c) => {
            text += c.toString();
            if (text.includes('event: vault.changed')) {
              req.destroy();
              resolve(text);
            }
          });
          created = call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Ana', role: 'admin' } });
          created.catch(reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    await created;
    const data = received.split('\n').find((l) => l.startsWith('data: '));
    expect(JSON.parse(data!.slice(6))).toMatchObject({ state: 'unlocked' });
    const noToken = await raw(bridge.port, '/api/events', { headers: { Host: host } });
    expect(noToken.status).toBe(401);
  });

  it('serves the built UI confined to its folder', async () => {
    const { host } = await setup();
    const index = await raw(bridge.port, '/', { headers: { Host: host } });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Vigie</title>');
    expect((await raw(bridge.port, '/assets/app.js', { headers: { Host: host } })).headers['content-type']).toContain('javascript');
    // Dot segments are resolved by URL parsing (so this lands on the UI, never on /etc/passwd)…
    const dots = await raw(bridge.port, '/%2e%2e/%2e%2e/etc/passwd', { headers: { Host: host } });
    expect(dots.body).not.toContain('root:');
    // …and encoded slashes that would climb out after decoding are refused.
    expect((await raw(bridge.port, '/assets/..%2f..%2f..%2fetc%2fpasswd', { headers: { Host: host } })).status).toBe(403);
    expect((await raw(bridge.port, '/missing.js', { headers: { Host: host } })).status).toBe(404);
    expect((await raw(bridge.port, '/#/alertes', { headers: { Host: host } })).status).toBe(200);
  });
});
