import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../main/api/contract';
import type { IncidentCategory, Phase } from '../../../main/incidents/model';
import { mergeIncidents } from '../../../main/incidents/merge';
import { incidentMetrics } from '../../../main/incidents/metrics';
import { appendHistory, createIncident } from '../../../main/incidents/queries';
import { updateIncident } from '../../../main/incidents/update';
import { HOUR, MIN, T0, insertAlert, useVault } from './fixture';

const v = useVault();

async function incident(at: number, severity: Severity, category: IncidentCategory, moves: [number, Phase][] = []) {
  const inc = await createIncident(v.db, { title: `${category} ${at}`, severity, category }, 'Alice', { at: new Date(at) });
  for (const [t, phase] of moves) await updateIncident(v.db, inc.id, { phase }, 'Bruno', { at: new Date(t) });
  return inc;
}

const range = { from: new Date(T0 - HOUR).toISOString(), to: new Date(T0 + 24 * HOUR).toISOString() };

describe('incidentMetrics', () => {
  it('computes MTTA, MTTR and time per phase from the histories, overall, per severity and per category', async () => {
    const a = await incident(T0, 'high', 'ransomware', [[T0 + HOUR, 'qualification'], [T0 + 3 * HOUR, 'confinement'], [T0 + 10 * HOUR, 'cloture']]);
    await updateIncident(v.db, a.id, { severity: 'critical' }, 'Bruno', { at: new Date(T0 + 10 * HOUR) });
    const b = await incident(T0 + HOUR, 'high', 'phishing', [[T0 + 2 * HOUR, 'qualification']]);
    await incident(T0 + 2 * HOUR, 'low', 'phishing', [[T0 + 6 * HOUR, 'cloture']]);
    // Closed, reopened, closed again: MTTR runs to the last closure; time in clôture is not a phase worked.
    await incident(T0, 'low', 'ddos', [[T0 + 2 * HOUR, 'cloture'], [T0 + 3 * HOUR, 'remediation'], [T0 + 5 * HOUR, 'cloture']]);
    // Out of range, and merged: ignored.
    await incident(T0 - 2 * HOUR, 'high', 'ddos', [[T0, 'cloture']]);
    const dup = await incident(T0 + HOUR, 'high', 'phishing');
    await mergeIncidents(v.db, dup.id, b.id, 'Bruno');

    // Alerts: acknowledged 10 min after first seen; linked to an incident opened 30 min after; never handled;
    // seen after its incident existed and attached 1 h later.
    const a1 = await insertAlert(v.db, { firstSeen: T0 - 20 * MIN, severity: 3 });
    await v.db.run('INSERT INTO alert_acks (alert_id, ts) VALUES (?, ?)', [a1, T0 - 10 * MIN]);
    const a2 = await insertAlert(v.db, { firstSeen: T0 - 30 * MIN, severity: 2 });
    await v.db.run('UPDATE alerts SET incident_id = ? WHERE id = ?', [a.id, a2]);
    await insertAlert(v.db, { firstSeen: T0 + HOUR, severity: 2 });
    const a4 = await insertAlert(v.db, { firstSeen: T0 + 5 * HOUR, severity: 3 });
    await v.db.run('UPDATE alerts SET incident_id = ? WHERE id = ?', [a.id, a4]);
    await appendHistory(v.db, a.id, { actor: 'Bruno', field: 'alert', to: String(a4), at: new Date(T0 + 6 * HOUR) });
    await insertAlert(v.db, { firstSeen: T0 - 2 * HOUR, severity: 4 });

    const m = await incidentMetrics(v.db, range);
    expect(m.incidents).toBe(4);
    expect(m.mtta).toEqual({ count: 3, meanMs: Math.round((10 + 30 + 60) * MIN / 3), medianMs: 30 * MIN, pending: 1 });
    expect(m.mttr).toEqual({ count: 3, meanMs: Math.round(19 * HOUR / 3), medianMs: 5 * HOUR, open: 1 });
    expect(m.timePerPhase.detection).toEqual({ count: 4, meanMs: 2 * HOUR, medianMs: 1.5 * HOUR });
    expect(m.timePerPhase.qualification).toEqual({ count: 1, meanMs: 2 * HOUR, medianMs: 2 * HOUR });
    expect(m.timePerPhase.confinement).toEqual({ count: 1, meanMs: 7 * HOUR, medianMs: 7 * HOUR });
    expect(m.timePerPhase.remediation).toEqual({ count: 1, meanMs: 2 * HOUR, medianMs: 2 * HOUR });
    expect(m.timePerPhase.cloture).toEqual({ count: 0, meanMs: null, medianMs: null });

    // Severity from the history: A was raised to critical.
    expect(m.bySeverity.map((g) => [g.key, g.incidents, g.mttr.count, g.mtta.count])).toEqual([
      ['critical', 1, 1, 0],
      ['high', 1, 0, 2],
      ['low', 2, 2, 0],
      ['medium', 0, 0, 1],
    ]);
    const ransomware = m.byCategory.find((g) => g.key === 'ransomware');
    expect(ransomware).toMatchObject({ incidents: 1, mttr: { count: 1, meanMs: 10 * HOUR }, mtta: { count: 2, medianMs: 45 * MIN } });
    expect(m.byCategory.map((g) => g.key)).toEqual(['ddos', 'phishing', 'ransomware']);
  });

  it('is empty, not failing, for a range without data; refuses an inverted range', async () => {
    const m = await incidentMetrics(v.db, range);
    expect(m).toMatchObject({ incidents: 0, mtta: { count: 0, meanMs: null, pending: 0 }, mttr: { count: 0, open: 0 }, bySeverity: [], byCategory: [] });
    await expect(incidentMetrics(v.db, { from: range.to, to: range.from })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
