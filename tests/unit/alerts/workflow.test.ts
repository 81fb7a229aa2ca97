/** Alert workflow: status/assignee history, comments, promotion and attachment, suppressions. */
import { describe, expect, it } from 'vitest';
import { recordHits, type AlertHit } from '../../../main/alerts/record';
import { listAlerts } from '../../../main/alerts/queries';
import { activeSuppressions, createSuppression, deleteSuppression, listSuppressions } from '../../../main/alerts/suppressions';
import { attachAlertToIncident, commentAlert, getAlertDetail, promoteAlert, updateAlert } from '../../../main/alerts/workflow';
import { createIncident } from '../../../main/incidents/queries';
import { insertEvent, MIN, T0, useVault } from '../incidents/fixture';

const v = useVault();

async function hit(over: Partial<AlertHit> & { eventIds?: number[] } = {}): Promise<AlertHit> {
  const ids = over.eventIds ?? [await insertEvent(v.db, { ts: T0, user: 'dr.martin' })];
  return {
    ruleId: 'rule-1',
    title: 'Accès en bris de glace : dr.martin',
    severity: 'medium',
    windowMs: 60 * MIN,
    groupKey: 'user.name=dr.martin',
    events: ids.map((id, i) => ({ id, ts: T0 + i * MIN })),
    fieldValue: (f) => (f === 'user.name' ? 'dr.martin' : null),
    ...over,
  };
}

describe('alert workflow', () => {
  it('status and assignee changes are written to the history (who, when, from, to); a no-op writes nothing', async () => {
    const { created } = await recordHits(v.db, [await hit()]);
    const id = created[0].id;
    await updateAlert(v.db, id, { status: 'prise_en_compte', assignee: 'Claire (RSSI)' }, 'claire');
    await updateAlert(v.db, id, { status: 'prise_en_compte', assignee: 'Claire (RSSI)' }, 'claire');
    await updateAlert(v.db, id, { status: 'faux_positif', assignee: null }, 'paul');
    const d = await getAlertDetail(v.db, id);
    expect(d).toMatchObject({ status: 'faux_positif', assignee: null, eventCount: 1 });
    expect(d.history.map((h) => [h.actor, h.field, h.from, h.to])).toEqual([
      ['Vigie (détection)', 'created', null, 'nouvelle'],
      ['claire', 'status', 'nouvelle', 'prise_en_compte'],
      ['claire', 'assignee', null, 'Claire (RSSI)'],
      ['paul', 'status', 'prise_en_compte', 'faux_positif'],
      ['paul', 'assignee', 'Claire (RSSI)', null],
    ]);
    expect(d.events.map((e) => e['user.name'])).toEqual(['dr.martin']);
    // The first acknowledgement is recorded for MTTA (migration 007 trigger).
    expect(await v.db.get('SELECT count(*) AS n FROM alert_acks WHERE alert_id = ?', [id])).toEqual({ n: 1 });
    await expect(updateAlert(v.db, 999, { status: 'close' }, 'x')).rejects.toThrow(/introuvable/);
  });

  it('comments keep author, time and text', async () => {
    const { created } = await recordHits(v.db, [await hit()]);
    const c = await commentAlert(v.db, created[0].id, '  Vérifié avec le cadre du service.  ', 'claire');
    expect(c).toMatchObject({ author: 'claire', text: 'Vérifié avec le cadre du service.' });
    await expect(commentAlert(v.db, created[0].id, '   ', 'claire')).rejects.toThrow(/vide/);
    expect((await getAlertDetail(v.db, created[0].id)).comments).toEqual([c]);
  });

  it('promotes to a new incident (events linked) or attaches to an existing one', async () => {
    const a = (await recordHits(v.db, [await hit()])).created[0];
    const incidentId = await promoteAlert(v.db, a.id, 'claire');
    const d = await getAlertDetail(v.db, a.id);
    expect(d).toMatchObject({ incidentId, status: 'prise_en_compte' });
    expect(d.history.filter((h) => h.field === 'incident')).toEqual([expect.objectContaining({ to: String(incidentId), actor: 'claire' })]);
    expect(await v.db.get('SELECT count(*) AS n FROM incident_events WHERE incident_id = ?', [incidentId])).toEqual({ n: 1 });
    await expect(promoteAlert(v.db, a.id, 'claire')).rejects.toThrow(/déjà rattachée/);

    const other = await createIncident(v.db, { title: 'Fuite', severity: 'high', category: 'patient-data-leak' }, 'claire');
    const b = (await recordHits(v.db, [await hit({ ruleId: 'rule-2' })])).created[0];
    await attachAlertToIncident(v.db, b.id, other.id, 'paul');
    expect((await getAlertDetail(v.db, b.id)).incidentId).toBe(other.id);
    expect(await v.db.get("SELECT count(*) AS n FROM incident_history WHERE incident_id = ? AND field = 'alert'", [other.id])).toEqual({ n: 1 });
  });

  it('groups hits of the same rule and key within the window, and never links an event twice to the same rule', async () => {
    const e1 = await insertEvent(v.db, { ts: T0 });
    const e2 = await insertEvent(v.db, { ts: T0 + 30 * MIN });
    const first = await recordHits(v.db, [await hit({ eventIds: [e1] })]);
    const second = await recordHits(v.db, [await hit({ events: [{ id: e1, ts: T0 }, { id: e2, ts: T0 + 30 * MIN }] })]);
    expect(first.created).toHaveLength(1);
    expect(second).toMatchObject({ created: [], updated: 1, grouped: [first.created[0].id] });
    expect(await recordHits(v.db, [await hit({ eventIds: [e1] })])).toMatchObject({ skipped: 1, grouped: [first.created[0].id] });
    const page = await listAlerts(v.db, { limit: 10, offset: 0 });
    expect(page.items).toEqual([expect.objectContaining({ eventCount: 2, firstSeen: new Date(T0).toISOString(), lastSeen: new Date(T0 + 30 * MIN).toISOString() })]);
  });

  it('suppressions: an active one counts the hit instead of alerting; an expired one no longer applies', async () => {
    const now = Date.now();
    await expect(createSuppression(v.db, { ruleId: 'rule-1', fields: { 'user.name': 'dr.martin' }, reason: 'x', expiresAt: new Date(now - 1000).toISOString() }, 'claire')).rejects.toThrow(/futur/);
    await expect(createSuppression(v.db, { ruleId: 'rule-1', fields: { 'user.name': 'dr.martin' }, reason: '  ', expiresAt: new Date(now + 1000).toISOString() }, 'claire')).rejects.toThrow(/motif/);
    const s = await createSuppression(v.db, { ruleId: 'rule-1', fields: { 'user.name': 'DR.MARTIN' }, reason: 'Garde aux urgences ce mois-ci', expiresAt: new Date(now + 3_600_000).toISOString() }, 'claire', now);
    const r = await recordHits(v.db, [await hit(), await hit({ ruleId: 'rule-2' }), await hit({ fieldValue: () => 'dr.autre', groupKey: 'user.name=dr.autre' })], now);
    expect(r).toMatchObject({ suppressed: 1 });
    expect(r.created.map((a) => a.groupKey).sort()).toEqual(['user.name=dr.autre', 'user.name=dr.martin']);
    expect(r.created.find((a) => a.ruleId === 'rule-1')?.groupKey).toBe('user.name=dr.autre');
    expect((await listSuppressions(v.db))[0]).toMatchObject({ id: s.id, hits: 1, active: true, reason: 'Garde aux urgences ce mois-ci' });
    // Two hours later the suppression has expired: the same hit alerts.
    const later = now + 2 * 3_600_000;
    expect((await activeSuppressions(v.db, later)).size).toBe(0);
    const r2 = await recordHits(v.db, [await hit()], later);
    expect(r2.suppressed).toBe(0);
    expect(r2.created).toEqual([expect.objectContaining({ ruleId: 'rule-1', groupKey: 'user.name=dr.martin' })]);
    expect(await listSuppressions(v.db, { now: later })).toEqual([]);
    expect(await listSuppressions(v.db, { now: later, includeExpired: true })).toEqual([expect.objectContaining({ active: false })]);
    expect(await deleteSuppression(v.db, s.id)).toBe(true);
  });
});
