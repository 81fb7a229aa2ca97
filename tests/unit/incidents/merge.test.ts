import { describe, expect, it } from 'vitest';
import { getIncidentDetail } from '../../../main/incidents/detail';
import { addEvidence } from '../../../main/incidents/evidence/store';
import { listCustody } from '../../../main/incidents/evidence/read';
import { attachAlert, linkEvents } from '../../../main/incidents/links';
import { listChildren, mergeIncidents, setParent } from '../../../main/incidents/merge';
import { addObservable } from '../../../main/incidents/observables';
import { applyPlaybook } from '../../../main/incidents/playbooks/store';
import { createIncident } from '../../../main/incidents/queries';
import { addTask } from '../../../main/incidents/tasks';
import { addTimelineEntry } from '../../../main/incidents/timeline';
import { updateIncident } from '../../../main/incidents/update';
import { history, insertAlert, insertEvent, useVault } from './fixture';

const v = useVault();

const make = (title: string, extra: Record<string, unknown> = {}) =>
  createIncident(v.db, { title, severity: 'medium', category: 'phishing', ...extra }, 'Alice');

describe('mergeIncidents', () => {
  it('moves links, tasks, timeline, observables and evidence to the target, closes the source, and both histories say so', async () => {
    const target = await make('Hameçonnage CHU', { structures: [{ name: 'CHU Grenoble Alpes', finess: '380780080' }], assignees: ['Alice'] });
    const source = await make('Hameçonnage CH Valence (doublon)', { structures: [{ name: 'CH de Valence' }], assignees: ['Bruno'], services: ['MSSante'] });
    const e1 = await insertEvent(v.db, { message: 'm1' });
    const e2 = await insertEvent(v.db, { message: 'm2' });
    const alert = await insertAlert(v.db);
    await v.db.run('INSERT INTO alert_events VALUES (?, ?)', [alert, e1]);
    await attachAlert(v.db, source.id, alert, 'Bruno');
    await linkEvents(v.db, target.id, [e1], 'Alice');
    await linkEvents(v.db, source.id, [e2], 'Bruno');
    await applyPlaybook(v.db, target.id, 'phishing', 'Alice');
    await applyPlaybook(v.db, source.id, 'phishing', 'Bruno');
    await addTask(v.db, source.id, { title: 'Appeler le RSSI du CH' }, 'Bruno');
    await addTimelineEntry(v.db, source.id, { at: '2026-03-10T09:00:00Z', title: 'Premier signalement' }, 'Bruno');
    await addTimelineEntry(v.db, target.id, { at: '2026-03-10T09:00:00Z', title: 'Premier signalement' }, 'Alice');
    await addTimelineEntry(v.db, source.id, { at: '2026-03-10T10:00:00Z', title: 'Clics identifiés' }, 'Bruno');
    const shared = await addObservable(v.db, source.id, { value: 'evil-mail.example.com' }, 'Bruno');
    await addObservable(v.db, target.id, { value: 'evil-mail.example.com' }, 'Alice');
    await addObservable(v.db, source.id, { value: '203.0.113.9' }, 'Bruno');
    await v.db.run('UPDATE incident_events SET observable_id = ? WHERE incident_id = ? AND event_id = ?', [shared.id, source.id, e2]);
    const ev = await addEvidence(v.db, source.id, { name: 'courriel.eml', data: Buffer.from('From: x') }, 'Bruno');
    const child = await make('Sous-incident', { parentId: source.id });

    const merged = await mergeIncidents(v.db, source.id, target.id, 'Chloé');
    expect(merged.id).toBe(target.id);

    const t = await getIncidentDetail(v.db, target.id);
    expect(t.alerts.map((a) => a.id)).toEqual([alert]);
    expect(t.events.map((e) => e.eventId).sort()).toEqual([e1, e2].sort());
    expect(t.tasks.filter((x) => x.playbookId === 'phishing')).toHaveLength(20);
    expect(t.tasks.some((x) => x.title === 'Appeler le RSSI du CH')).toBe(true);
    expect(t.timeline.filter((e) => e.kind === 'manual').map((e) => e.title)).toEqual(['Premier signalement', 'Clics identifiés']);
    expect(t.observables.map((o) => o.value).sort()).toEqual(['203.0.113.9', 'evil-mail.example.com']);
    const targetObs = t.observables.find((o) => o.value === 'evil-mail.example.com');
    expect(t.events.find((e) => e.eventId === e2)?.observableId).toBe(targetObs?.id);
    expect(t.evidence.map((e) => e.id)).toEqual([ev.id]);
    expect(t.structures.map((s) => s.name)).toEqual(['CHU Grenoble Alpes', 'CH de Valence']);
    expect(t.assignees).toEqual(['Alice', 'Bruno']);
    expect(t.services).toEqual(['MSSante']);
    expect(t.children.map((c) => c.id)).toEqual([child.id]);
    expect((await listCustody(v.db, ev.id)).map((c) => c.action)).toEqual(['added', 'moved']);

    const s = await getIncidentDetail(v.db, source.id);
    expect(s).toMatchObject({ mergedInto: target.id, phase: 'cloture', tasks: [], evidence: [], alerts: [], eventCount: 0 });
    expect((await history(v.db, source.id)).slice(-2).map((r) => [r.actor, r.field, r.from_value, r.to_value])).toEqual([
      ['Chloé', 'merged_into', null, String(target.id)],
      ['Chloé', 'phase', 'detection', 'cloture'],
    ]);
    const th = await history(v.db, target.id);
    expect(th.find((r) => r.field === 'merged_from')).toMatchObject({ actor: 'Chloé', to_value: expect.stringMatching(new RegExp(`^${source.id} — .*1 alerte\\(s\\)`)) });
    expect(th.filter((r) => r.field === 'assignee').map((r) => r.to_value)).toEqual(['Bruno']);

    // The merged source is read-only; merging it again is refused.
    await expect(updateIncident(v.db, source.id, { title: 'x' }, 'a')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(mergeIncidents(v.db, source.id, target.id, 'a')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(mergeIncidents(v.db, target.id, target.id, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a target that was the source’s child takes the source’s parent', async () => {
    const top = await make('Campagne régionale');
    const source = await make('CH A', { parentId: top.id });
    const target = await make('CH A bis', { parentId: source.id });
    await mergeIncidents(v.db, source.id, target.id, 'a');
    expect((await getIncidentDetail(v.db, target.id)).parentId).toBe(top.id);
  });
});

describe('parent and child incidents', () => {
  it('sets and unsets a parent, lists children, records both sides', async () => {
    const parent = await make('Campagne d’hameçonnage régionale');
    const a = await make('CH A');
    const b = await make('CH B');
    await setParent(v.db, a.id, parent.id, 'Alice');
    await setParent(v.db, b.id, parent.id, 'Alice');
    expect((await listChildren(v.db, parent.id)).map((c) => c.id)).toEqual([a.id, b.id]);
    expect((await getIncidentDetail(v.db, a.id)).parent).toEqual({ id: parent.id, title: 'Campagne d’hameçonnage régionale' });
    await setParent(v.db, b.id, null, 'Bruno');
    expect((await listChildren(v.db, parent.id)).map((c) => c.id)).toEqual([a.id]);
    expect((await history(v.db, parent.id)).filter((r) => r.field === 'child').map((r) => [r.actor, r.from_value, r.to_value])).toEqual([
      ['Alice', null, String(a.id)],
      ['Alice', null, String(b.id)],
      ['Bruno', String(b.id), null],
    ]);
    expect((await history(v.db, b.id)).filter((r) => r.field === 'parent').map((r) => [r.from_value, r.to_value])).toEqual([
      [null, String(parent.id)],
      [String(parent.id), null],
    ]);
    // Created directly under a parent: both histories say so too.
    const c = await make('CH C', { parentId: parent.id });
    expect((await history(v.db, c.id)).map((r) => [r.field, r.to_value])).toEqual([['created', 'CH C'], ['parent', String(parent.id)]]);
    expect((await history(v.db, parent.id)).at(-1)).toMatchObject({ field: 'child', to_value: String(c.id) });
    await expect(make('Orphelin', { parentId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses cycles (direct, indirect, self) and leaves the links unchanged', async () => {
    const a = await make('A');
    const b = await make('B');
    const c = await make('C');
    await setParent(v.db, b.id, a.id, 'x');
    await setParent(v.db, c.id, b.id, 'x');
    await expect(setParent(v.db, a.id, c.id, 'x')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/cycle/) });
    await expect(setParent(v.db, a.id, b.id, 'x')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(setParent(v.db, a.id, a.id, 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(setParent(v.db, a.id, 999, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await v.db.all('SELECT id, parent_id FROM incidents ORDER BY id')).toEqual([
      { id: a.id, parent_id: null },
      { id: b.id, parent_id: a.id },
      { id: c.id, parent_id: b.id },
    ]);
    expect((await history(v.db, a.id)).map((r) => r.field)).toEqual(['created', 'child']);
  });
});
