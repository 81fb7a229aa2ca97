import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operations, type OpName } from '../../../main/api/contract';
import type { HandlerCtx } from '../../../main/api/handlers/context';
import { sourceHandlers } from '../../../main/api/handlers/sources';
import { createLogger, type ClosableLogger } from '../../../main/logging/logger';
import { SourceManager } from '../../../main/sources/manager';
import type { Db } from '../../../main/store/db';
import { freePort, managerDeps, selfSignedBundle, sourcesVault } from './helpers';

const TOKEN = 'tok-Zq8X2vN4pL7wR1sK9mB3';
const PASSWORD = 'mdp-Hs71Kd92Lq03Pz';

describe('sources operations (handlers, vault, secrets)', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let logDir: string;
  let logger: ClosableLogger;
  let manager: SourceManager;
  let ctx: HandlerCtx;
  const audits: unknown[] = [];

  /** Validates the input with the contract's schema, then runs the handler (what the dispatcher does). */
  async function call<N extends OpName & keyof typeof sourceHandlers>(op: N, input: unknown) {
    const parsed = operations[op].input.parse(input);
    return (sourceHandlers[op] as (i: unknown, c: HandlerCtx) => Promise<unknown>)(parsed, ctx) as ReturnType<(typeof sourceHandlers)[N]>;
  }

  beforeEach(async () => {
    ({ db, dispose } = await sourcesVault());
    logDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-srclog-'));
    logger = createLogger({ logDir, level: 'debug' });
    const deps = managerDeps(db, logger);
    manager = new SourceManager(deps);
    audits.length = 0;
    ctx = {
      session: { db: () => db, audit: async (...a: unknown[]) => void audits.push(a) },
      jobs: deps.jobs,
      bus: deps.bus,
      logger,
    } as unknown as HandlerCtx;
  });

  afterEach(async () => {
    await manager.stopAll();
    await logger.close().catch(() => undefined);
    rmSync(logDir, { recursive: true, force: true });
    await dispose();
  });

  it('creates, lists, updates, pauses and deletes sources; secrets never come back out', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(req.headers.authorization === `Bearer ${TOKEN}-new` ? 200 : 401, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/fhir`;
    try {
      const fhir = await call('sources.create', {
        name: 'SRI FHIR',
        kind: 'fhir',
        config: { baseUrl: base, auth: { type: 'bearer' } },
        secret: TOKEN,
      });
      expect(fhir).toMatchObject({ kind: 'fhir', hasSecret: true, exposed: false, enabled: true });
      expect(fhir.config).toMatchObject({ secretRef: `source:${fhir.id}`, pageSize: 100 });

      const rest = await call('sources.create', {
        name: 'Portail REST',
        kind: 'rest',
        config: { url: `${base}/logs`, auth: { type: 'basic', username: 'svc' } },
        secret: PASSWORD,
        enabled: false,
      });
      expect(rest.health.status).toBe('paused');

      const port = await freePort('udp');
      const udp = await call('sources.create', {
        name: 'Syslog exposé',
        kind: 'syslog-udp',
        config: { port, bindAddress: '0.0.0.0', allowExternal: true },
      });
      expect(udp).toMatchObject({ exposed: true, hasSecret: false });
      expect(udp.listening?.port).toBe(port);

      // The secret is stored in the vault and nowhere in the outputs.
      const list = await call('sources.list', {});
      expect(list.map((s) => s.name)).toEqual(['Portail REST', 'SRI FHIR', 'Syslog exposé']);
      const text = JSON.stringify(list);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
      const stored = await db.all<{ name: string; value: string }>('SELECT name, value FROM secrets ORDER BY name');
      expect(stored).toEqual([
        { name: `source:${fhir.id}`, value: TOKEN },
        { name: `source:${rest.id}`, value: PASSWORD },
      ]);
      const configs = await db.all<{ config: string }>('SELECT config FROM sources');
      expect(JSON.stringify(configs)).not.toContain(TOKEN);

      // A 401 is a clean error, without the token.
      const bad = await call('sources.test', { id: fhir.id });
      expect(bad).toEqual({ ok: false, message: `HTTP 401 Unauthorized from ${base}/AuditEvent`, warnings: [] });
      await expect(manager.runConnector(fhir.id)).rejects.toThrow(`HTTP 401 Unauthorized from ${base}/AuditEvent`);
      const errRow = await db.get<{ last_error: string }>('SELECT last_error FROM sources WHERE id = ?', [fhir.id]);
      expect(errRow?.last_error).toBe(`HTTP 401 Unauthorized from ${base}/AuditEvent`);
      expect((await call('sources.list', {})).find((s) => s.id === fhir.id)?.health).toMatchObject({
        status: 'error',
        lastError: `HTTP 401 Unauthorized from ${base}/AuditEvent`,
      });

      // Replace the secret: the test passes, the error clears after a run.
      const updated = await call('sources.update', { id: fhir.id, secret: `${TOKEN}-new` });
      expect(updated.hasSecret).toBe(true);
      expect(await call('sources.test', { id: fhir.id })).toMatchObject({ ok: true });
      await manager.runConnector(fhir.id);
      expect((await call('sources.list', {})).find((s) => s.id === fhir.id)?.health).toMatchObject({ status: 'ok', lastError: null });

      // Removing a required secret is refused; switching auth off and removing it is fine.
      await expect(call('sources.update', { id: fhir.id, secret: null })).rejects.toMatchObject({ code: 'VALIDATION' });
      const noAuth = await call('sources.update', { id: fhir.id, config: { baseUrl: base }, secret: null });
      expect(noAuth.hasSecret).toBe(false);
      expect(noAuth.config).not.toHaveProperty('secretRef');

      // Pause releases the port, resume binds it again.
      const paused = await call('sources.setEnabled', { id: udp.id, enabled: false });
      expect(paused.health.status).toBe('paused');
      expect(paused.listening).toBeNull();
      const resumed = await call('sources.setEnabled', { id: udp.id, enabled: true });
      expect(resumed.listening?.port).toBe(port);

      // Name clash, unknown id.
      await expect(call('sources.create', { name: 'SRI FHIR', kind: 'syslog-tcp', config: { port: 1 } })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await expect(call('sources.delete', { id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      // Delete stops and removes, with its secret; ids are never reused.
      await call('sources.delete', { id: rest.id });
      await call('sources.delete', { id: udp.id });
      expect(manager.listening(udp.id)).toBeUndefined();
      expect(await db.get('SELECT name FROM secrets WHERE name = ?', [`source:${rest.id}`])).toBeUndefined();
      const again = await call('sources.create', { name: 'Nouvelle', kind: 'syslog-tcp', config: { port: await freePort('tcp') } });
      expect(again.id).toBeGreaterThan(udp.id);

      // Audit trail without secrets; the log file without secrets.
      expect(JSON.stringify(audits)).not.toContain(TOKEN);
      await manager.stopAll();
      await logger.close();
      const logs = readdirSync(logDir)
        .filter((f) => f.endsWith('.log'))
        .map((f) => readFileSync(path.join(logDir, f), 'utf8'))
        .join('\n');
      expect(logs).toContain('source created');
      expect(logs).toContain('connector run failed');
      expect(logs).not.toContain(TOKEN);
      expect(logs).not.toContain(PASSWORD);
    } finally {
      server.close();
    }
  });

  it('rejects invalid input at the contract and in the handler', async () => {
    expect(() => operations['sources.create'].input.parse({ name: 'x', kind: 'syslog-udp', config: { port: 70000 } })).toThrow();
    expect(() => operations['sources.create'].input.parse({ name: 'x', kind: 'smtp', config: {} })).toThrow();
    const tcp = await call('sources.create', { name: 'tcp', kind: 'syslog-tcp', config: { port: await freePort('tcp') } });
    await expect(call('sources.update', { id: tcp.id, config: { port: 5514, bindAddress: '10.1.2.3' } })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(call('sources.create', { name: 'tls', kind: 'syslog-tls', config: { port: 6514 } })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('tests a listener config: free port, port in use, exposed port', async () => {
    const port = await freePort('tcp');
    expect(await call('sources.test', { kind: 'syslog-tcp', config: { port } })).toEqual({
      ok: true,
      message: `Port TCP 127.0.0.1:${port} disponible`,
      warnings: [],
    });
    const running = await call('sources.create', { name: 'TCP actif', kind: 'syslog-tcp', config: { port } });
    expect(await call('sources.test', { kind: 'syslog-tcp', config: { port } })).toMatchObject({
      ok: false,
      message: 'Port déjà utilisé par la source « TCP actif »',
    });
    expect(await call('sources.test', { id: running.id })).toMatchObject({ ok: true, message: `En écoute (TCP) sur 127.0.0.1:${port}` });
    const exposed = await call('sources.test', { kind: 'syslog-udp', config: { port: await freePort('udp'), bindAddress: '0.0.0.0', allowExternal: true } });
    expect(exposed.ok).toBe(true);
    expect(exposed.warnings[0]).toMatch(/exposé/);
    const bundle = selfSignedBundle();
    if (bundle) {
      const tls = await call('sources.test', { kind: 'syslog-tls', config: { port: await freePort('tcp') }, secret: bundle });
      expect(tls.ok).toBe(true);
      expect(JSON.stringify(tls)).not.toContain('PRIVATE KEY');
    }
  });
});
