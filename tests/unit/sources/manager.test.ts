import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeSourceManager, SourceManager } from '../../../main/sources/manager';
import { activeRunner, isDue, SOURCE_PULL_JOB } from '../../../main/sources/pull-job';
import { createSource, listSourceRows } from '../../../main/sources/service';
import type { Db } from '../../../main/store/db';
import { countEvents, freePort, managerDeps, sendTcp, sourcesVault, waitFor } from './helpers';

async function canBind(port: number): Promise<boolean> {
  const s = net.createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('SourceManager lifecycle (unlock → startAll, lock → stopAll)', () => {
  let db: Db;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ db, dispose } = await sourcesVault());
  });
  afterEach(async () => {
    await dispose();
  });

  it('starts the enabled sources, leaves paused ones, stops everything and can start again', async () => {
    const deps = managerDeps(db);
    const [p1, p2] = [await freePort('tcp'), await freePort('tcp')];
    // Configured while no manager runs (e.g. by an earlier session).
    const on = await createSource(db, { name: 'actif', kind: 'syslog-tcp', config: { port: p1 } });
    await createSource(db, { name: 'en pause', kind: 'syslog-tcp', config: { port: p2 }, enabled: false });
    const rows = await listSourceRows(db);
    expect(rows.find((r) => r.id === on.id)?.health.status).toBe('starting');

    const manager = new SourceManager(deps);
    expect(activeSourceManager(deps.jobs)).toBe(manager);
    expect(deps.jobs.names()).toContain(SOURCE_PULL_JOB);
    await manager.startAll();
    expect(await canBind(p1)).toBe(false);
    expect(await canBind(p2)).toBe(true);
    expect((await listSourceRows(db, manager)).map((r) => [r.name, r.health.status])).toEqual([
      ['actif', 'ok'],
      ['en pause', 'paused'],
    ]);

    await sendTcp(p1, ['<13>1 2026-03-02T10:00:00Z h app - - - bonjour\n']);
    await waitFor(() => manager.health(on.id)?.stored === 1);

    await manager.stopAll();
    expect(await canBind(p1)).toBe(true);
    expect(activeSourceManager(deps.jobs)).toBeUndefined();
    expect(activeRunner(deps.jobs)).toBeUndefined();
    const run = await deps.jobs.trigger(SOURCE_PULL_JOB, 'manual');
    expect(run.message).toBe('aucune source active');
    const persisted = await db.get<{ received: number; stored: number }>('SELECT received, stored FROM sources WHERE id = ?', [on.id]);
    expect(persisted).toEqual({ received: 1, stored: 1 });

    // Next unlock: a new manager on the same registry (the job is registered once).
    const again = new SourceManager(deps);
    await again.startAll();
    expect(again.health(on.id)).toMatchObject({ status: 'ok', received: 1, stored: 1 });
    await again.stopAll();
  });

  it('watches a drop folder through the ingest pipeline and counts its imports', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-drop-'));
    const manager = new SourceManager(managerDeps(db));
    try {
      const folder = await createSource(db, { name: 'dépôt', kind: 'folder', config: { path: dir, pollSeconds: 1, service: 'PACS' } }, manager);
      expect(folder.health.status).toBe('ok');
      writeFileSync(path.join(dir, 'pacs.log'), ['<13>1 2026-03-02T10:00:00Z pacs-01 dcm4chee - - - étude ouverte', '<13>1 2026-03-02T10:00:01Z pacs-01 dcm4chee - - - étude fermée', ''].join('\n'));
      await waitFor(() => manager.health(folder.id)?.stored === 2, 20_000, () => `folder import: ${JSON.stringify(manager.health(folder.id))}`);
      expect(manager.health(folder.id)).toMatchObject({ received: 2, stored: 2, quarantined: 0, status: 'ok' });
      expect(await countEvents(db, folder.id)).toBe(2);

      const missing = await createSource(db, { name: 'absent', kind: 'folder', config: { path: path.join(dir, 'nope'), pollSeconds: 1 } }, manager);
      await waitFor(() => manager.health(missing.id)?.status === 'error', 10_000, 'missing folder error');
      expect(manager.health(missing.id)?.lastError).toMatch(/illisible/);
    } finally {
      await manager.stopAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the folder starter when the engine provides one', async () => {
    const deps = managerDeps(db);
    const started: number[] = [];
    let stopped = 0;
    const manager = new SourceManager({
      ...deps,
      folderStarter: async (source) => {
        started.push(source.id);
        return { stop: async () => void stopped++ };
      },
    });
    const folder = await createSource(db, { name: 'dépôt', kind: 'folder', config: { path: '/tmp' } }, manager);
    expect(folder.health.status).toBe('ok');
    expect(started).toEqual([folder.id]);
    await manager.stopAll();
    expect(stopped).toBe(1);
  });

  it('decides when a connector is due from its cron schedule and its last run', () => {
    const now = new Date('2026-03-02T10:07:30Z');
    expect(isDue('*/5 * * * *', undefined, now)).toBe(true);
    expect(isDue('*/5 * * * *', Date.parse('2026-03-02T10:04:00Z'), now)).toBe(true); // slot 10:05 passed since
    expect(isDue('*/5 * * * *', Date.parse('2026-03-02T10:05:10Z'), now)).toBe(false);
    expect(isDue('0 3 * * *', now.getTime() - 60_000, now)).toBe(false);
    expect(isDue('0 3 * * *', now.getTime() - 25 * 3_600_000, now)).toBe(true); // a slot missed while closed: runs once
  });
});
