import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceManager } from '../../../main/sources/manager';
import { SOURCE_PULL_JOB } from '../../../main/sources/pull-job';
import { getSource } from '../../../main/sources/repository';
import { createSource } from '../../../main/sources/service';
import type { Db } from '../../../main/store/db';
import { loadExamples, startFhirServer, withMeta, type FhirTestServer } from './fhir-server';
import { countEvents, managerDeps, rowCounters, sourcesVault } from './helpers';

const TOKEN = 'fhir-token-3kq9Vb71';
const T0 = Date.parse('2026-03-02T08:00:00Z');

describe.each(['r4', 'r5'] as const)('FHIR AuditEvent pull (%s examples)', (release) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let manager: SourceManager;
  let deps: ReturnType<typeof managerDeps>;
  let server: FhirTestServer;
  const examples = loadExamples(release);
  const pageSize = Math.ceil(examples.length / 2);

  beforeEach(async () => {
    ({ db, dispose } = await sourcesVault());
    deps = managerDeps(db);
    manager = new SourceManager(deps);
  });
  afterEach(async () => {
    await manager.stopAll();
    await server?.close();
    await dispose();
  });

  async function fhirSource(name = 'FHIR hub'): Promise<number> {
    const row = await createSource(
      db,
      { name, kind: 'fhir', config: { baseUrl: server.base, pageSize, auth: { type: 'bearer' }, service: 'Portail-Coordination' }, secret: TOKEN },
      manager,
    );
    return row.id;
  }

  it('stores every example over 2 pages, then nothing new, then only what was added', async () => {
    server = await startFhirServer(withMeta(examples, T0), TOKEN);
    const id = await fhirSource();

    const first = await manager.runConnector(id);
    expect(first).toMatchObject({ pages: 2, fetched: examples.length, received: examples.length, stored: examples.length, quarantined: 0, duplicates: 0 });
    expect(await countEvents(db, id)).toBe(examples.length);
    expect(server.requests[0]).toBe(`/fhir/AuditEvent?_sort=_lastUpdated&_count=${pageSize}`);
    expect(server.requests[1]).toContain('_offset=');
    const last = server.resources[server.resources.length - 1].meta.lastUpdated;
    expect((await getSource(db, id)).state.cursor).toBe(last);
    const services = await db.all<{ service: string; patient: string | null }>('SELECT service, patient FROM events WHERE source_id = ?', [id]);
    expect(new Set(services.map((s) => s.service))).toEqual(new Set(['Portail-Coordination']));

    const second = await manager.runConnector(id);
    expect(second).toMatchObject({ pages: 1, received: 0, stored: 0, duplicates: 0 });
    expect(server.requests[2]).toContain(`_lastUpdated=ge${encodeURIComponent(last)}`);
    expect(await countEvents(db, id)).toBe(examples.length);

    const added = { ...examples[0], id: 'added-later', meta: { versionId: '1', lastUpdated: new Date(T0 + 3_600_000).toISOString() } };
    server.resources.push(added as (typeof server.resources)[number]);
    const third = await manager.runConnector(id);
    expect(third).toMatchObject({ received: 1, stored: 1, duplicates: 0 });
    expect(await countEvents(db, id)).toBe(examples.length + 1);
    expect(await rowCounters(db, id)).toEqual({ received: examples.length + 1, stored: examples.length + 1, quarantined: 0, duplicates: 0, dropped: 0 });
  });

  it('a crash between pages neither duplicates nor skips (even with equal timestamps across the page boundary)', async () => {
    // The first item of page 2 shares the last timestamp of page 1: `gt` would skip it after the crash.
    server = await startFhirServer(withMeta(examples, T0, { [pageSize]: pageSize - 1 }), TOKEN);
    const id = await fhirSource();

    await expect(
      manager.runConnector(id, {
        afterPage: (page) => {
          if (page === 1) throw new Error('simulated crash after page 1');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(await countEvents(db, id)).toBe(pageSize);
    expect((await getSource(db, id)).state.cursor).toBe(server.resources[pageSize - 1].meta.lastUpdated);

    const rerun = await manager.runConnector(id);
    expect(rerun.stored).toBe(examples.length - pageSize);
    expect(rerun.duplicates).toBe(0);
    expect(rerun.skipped).toBe(1); // the page-1 item at the cursor, recognised, not counted
    expect(await countEvents(db, id)).toBe(examples.length);
    const counters = await rowCounters(db, id);
    expect(counters).toMatchObject({ received: examples.length, stored: examples.length, duplicates: 0 });
  });

  it('runs through the source-pull job of the registry, on the connector schedule', async () => {
    server = await startFhirServer(withMeta(examples, T0), TOKEN);
    const id = await fhirSource();
    const run = await deps.jobs.trigger(SOURCE_PULL_JOB, 'manual');
    expect(run.outcome).toBe('success');
    expect(run.message).toContain(`${examples.length} nouveaux événements`);
    expect(await countEvents(db, id)).toBe(examples.length);
    // Just ran: the next slot of '*/5 * * * *' has not come yet.
    const again = await deps.jobs.trigger(SOURCE_PULL_JOB, 'manual');
    expect(again.message).toBe('aucun connecteur à exécuter');
    expect(server.requests.length).toBe(2);
  });
});
