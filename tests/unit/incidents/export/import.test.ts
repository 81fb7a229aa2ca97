import { describe, expect, it } from 'vitest';
import type { Db } from '../../../../main/store/db';
import { exportIncident } from '../../../../main/incidents/export/export';
import { setSharingName } from '../../../../main/incidents/export/identity';
import { importBundle } from '../../../../main/incidents/export/import';
import { addObservable, addTask, HOUR, legalVault, T0 } from '../legal/fixture';
import { seedIncident } from './seed';

const NOW = T0 + 6 * HOUR;

async function counts(db: Db) {
  const n = async (t: string) => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))?.n ?? 0;
  return {
    incidents: await n('incidents'),
    observables: await n('incident_observables'),
    tasks: await n('incident_tasks'),
    timeline: await n('incident_timeline'),
    history: await n('incident_history'),
    imports: await n('incident_imports'),
  };
}

async function sharedBundle(tlp: 'RED' | 'GREEN' = 'RED') {
  const a = await legalVault();
  await setSharingName(a, 'GHT Rhône Nord');
  const id = await seedIncident(a);
  const exported = await exportIncident(a, { incidentId: id, format: 'json', tlp }, 'm.durand', NOW);
  return { a, id, content: exported.content ?? '' };
}

describe('shared bundle import', () => {
  it('creates the incident with the same UUIDs and keeps provenance', async () => {
    const { a, id, content } = await sharedBundle();
    const b = await legalVault();
    const r = await importBundle(b, content, 'rssi.leroy', NOW + HOUR);
    expect(r).toMatchObject({ createdIncident: true, noop: false, sourceMember: 'm.durand (GHT Rhône Nord)', added: { observables: 7, tasks: 2, timeline: 3 }, existing: { observables: 0, tasks: 0, timeline: 0 } });

    const uuids = async (db: Db, table: string, incidentId: number) =>
      (await db.all<{ uuid: string }>(`SELECT uuid FROM ${table} WHERE incident_id = ? ORDER BY uuid`, [incidentId])).map((x) => x.uuid);
    const src = await a.get<{ uuid: string }>('SELECT uuid FROM incidents WHERE id = ?', [id]);
    expect(r.incidentUuid).toBe(src?.uuid);
    expect(await b.get('SELECT uuid, title, tlp, category, import_id FROM incidents WHERE id = ?', [r.incidentId])).toEqual({
      uuid: src?.uuid, title: 'Hameçonnage ciblé du CH de Vienne', tlp: 'AMBER', category: 'phishing', import_id: r.importId,
    });
    for (const t of ['incident_observables', 'incident_tasks', 'incident_timeline']) {
      expect(await uuids(b, t, r.incidentId)).toEqual(await uuids(a, t, id));
    }
    expect(await b.get('SELECT name, finess FROM incident_structures WHERE incident_id = ?', [r.incidentId])).toEqual({ name: 'CH de Vienne', finess: '260018734' });
    expect(await b.all('SELECT DISTINCT import_id FROM incident_observables')).toEqual([{ import_id: r.importId }]);
    expect(await b.get('SELECT source_member, source_instance, exported_at, imported_at, imported_by, created_incident FROM incident_imports')).toEqual({
      source_member: 'm.durand (GHT Rhône Nord)',
      source_instance: expect.stringMatching(/^[0-9a-f-]{36}$/),
      exported_at: NOW,
      imported_at: NOW + HOUR,
      imported_by: 'rssi.leroy',
      created_incident: 1,
    });
    const history = await b.all<{ field: string; actor: string; to_value: string }>('SELECT field, actor, to_value FROM incident_history WHERE incident_id = ? ORDER BY id', [r.incidentId]);
    expect(history.map((h) => [h.field, h.actor])).toEqual([['created', 'rssi.leroy'], ['import', 'rssi.leroy']]);
    expect(history[1].to_value).toMatch(/^Paquet de m\.durand \(GHT Rhône Nord\).*7 observable\(s\), 2 tâche\(s\), 3 entrée\(s\).*2 preuve\(s\) non incluse\(s\)/);
    // The local legal records are never created by an import.
    expect(await b.get('SELECT count(*) AS n FROM breaches')).toEqual({ n: 0 });
  });

  it('re-importing the same bundle changes nothing', async () => {
    const { content } = await sharedBundle();
    const b = await legalVault();
    const first = await importBundle(b, content, 'rssi.leroy', NOW + HOUR);
    const before = await counts(b);
    const again = await importBundle(b, content, 'rssi.leroy', NOW + 2 * HOUR);
    expect(again).toMatchObject({ noop: true, createdIncident: false, incidentId: first.incidentId, importId: first.importId });
    expect(await counts(b)).toEqual(before);
  });

  it('a newer bundle adds only what is new; one with nothing new is a no-op; local items are untouched', async () => {
    const { a, id, content } = await sharedBundle();
    const b = await legalVault();
    const first = await importBundle(b, content, 'rssi.leroy', NOW + HOUR);
    await b.run("UPDATE incident_tasks SET status = 'in_progress' WHERE incident_id = ? AND title = 'Prévenir les utilisateurs'", [first.incidentId]);
    await addObservable(a, id, { type: 'domain', value: 'second-wave.example', tlp: 'GREEN' });
    await addTask(a, id, 'Changer les mots de passe');
    const second = (await exportIncident(a, { incidentId: id, format: 'json', tlp: 'RED' }, 'm.durand', NOW + 3 * HOUR)).content ?? '';
    const r = await importBundle(b, second, 'rssi.leroy', NOW + 4 * HOUR);
    expect(r).toMatchObject({ noop: false, createdIncident: false, incidentId: first.incidentId, added: { observables: 1, tasks: 1, timeline: 0 }, existing: { observables: 7, tasks: 2, timeline: 3 } });
    expect(await b.get("SELECT status FROM incident_tasks WHERE title = 'Prévenir les utilisateurs'")).toEqual({ status: 'in_progress' });
    expect(await b.get('SELECT count(*) AS n FROM incident_imports')).toEqual({ n: 2 });
    // A third export with nothing new (different bytes: later export time).
    const third = (await exportIncident(a, { incidentId: id, format: 'json', tlp: 'RED' }, 'm.durand', NOW + 5 * HOUR)).content ?? '';
    const before = await counts(b);
    expect(await importBundle(b, third, 'rssi.leroy', NOW + 6 * HOUR)).toMatchObject({ noop: true, importId: null, added: { observables: 0, tasks: 0, timeline: 0 } });
    expect(await counts(b)).toEqual(before);
    // Importing one's own export back is a no-op too.
    const own = (await exportIncident(b, { incidentId: first.incidentId, format: 'json', tlp: 'RED' }, 'rssi.leroy', NOW + 7 * HOUR)).content ?? '';
    const beforeOwn = await counts(b);
    expect((await importBundle(b, own, 'rssi.leroy', NOW + 8 * HOUR)).noop).toBe(true);
    expect(await counts(b)).toEqual(beforeOwn);
  });

  it('an observable already present (same type and value) is not duplicated', async () => {
    const { content } = await sharedBundle();
    const b = await legalVault();
    const first = await importBundle(b, content, 'x', NOW);
    const bundle = JSON.parse(content) as { observables: { uuid: string }[] };
    bundle.observables[0].uuid = '0b7d2a44-2f0e-4a1b-8c3d-5e6f7a8b9c0d'; // same value, another UUID
    const r = await importBundle(b, JSON.stringify(bundle), 'x', NOW + 1);
    expect(r).toMatchObject({ noop: true, existing: { observables: 7 } });
    expect(await b.get('SELECT count(*) AS n FROM incident_observables WHERE incident_id = ?', [first.incidentId])).toEqual({ n: 7 });
  });

  it('a GREEN bundle of an AMBER incident arrives without the withheld content', async () => {
    const { content } = await sharedBundle('GREEN');
    const b = await legalVault();
    const r = await importBundle(b, content, 'x', NOW);
    expect(r.added).toEqual({ observables: 3, tasks: 0, timeline: 1 });
    expect(await b.get('SELECT title, description FROM incidents WHERE id = ?', [r.incidentId])).toEqual({ title: 'Incident hameçonnage du 28/03/2026', description: '' });
  });

  it('refuses anything but a valid bundle, writing nothing', async () => {
    const { content } = await sharedBundle();
    const b = await legalVault();
    const before = await counts(b);
    await expect(importBundle(b, '{not json', 'x', NOW)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(importBundle(b, JSON.stringify({ format: 'misp' }), 'x', NOW)).rejects.toMatchObject({ code: 'VALIDATION' });
    const extra = { ...(JSON.parse(content) as object), injected: true };
    await expect(importBundle(b, JSON.stringify(extra), 'x', NOW)).rejects.toMatchObject({ code: 'VALIDATION' });
    const badUuid = JSON.parse(content) as { incident: { uuid: string } };
    badUuid.incident.uuid = 'not-a-uuid';
    await expect(importBundle(b, JSON.stringify(badUuid), 'x', NOW)).rejects.toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'incident.uuid' }] } });
    const badIp = JSON.parse(content) as { observables: { type: string; value: string }[] };
    badIp.observables[0].value = '999.1.1.1';
    await expect(importBundle(b, JSON.stringify(badIp), 'x', NOW)).rejects.toThrow(/Observable de type ip invalide/);
    expect(await counts(b)).toEqual(before);
  });
});
