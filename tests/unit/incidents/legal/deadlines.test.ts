import { describe, expect, it } from 'vitest';
import type { DeadlineNotification } from '../../../../main/api/ops/legal';
import type { Severity } from '../../../../main/api/contract';
import { DeadlineJob } from '../../../../main/jobs/builtin/deadlines';
import { qualifyIncident, updateArs } from '../../../../main/incidents/legal/ars';
import { listDeadlines } from '../../../../main/incidents/legal/deadlines';
import { updateBreach } from '../../../../main/incidents/legal/gdpr';
import { collectDeadlineNotifications } from '../../../../main/incidents/legal/notify';
import { captureLogger } from '../../jobs/helpers';
import { HOUR, insertIncident, legalVault, MINUTE, T0 } from './fixture';

describe('legal deadlines', () => {
  it('lists open clocks, most urgent first; closed ones on request; per incident', async () => {
    const db = await legalVault();
    const a = await insertIncident(db, { title: 'A' });
    const b = await insertIncident(db, { title: 'B', createdAt: T0 + 10 * HOUR });
    const c = await insertIncident(db, { title: 'C' });
    await updateBreach(db, { incidentId: a, awareAt: new Date(T0).toISOString(), risk: 'risk' }, 'rssi', T0 + HOUR);
    await updateBreach(db, { incidentId: b, awareAt: new Date(T0 + 10 * HOUR).toISOString() }, 'rssi', T0 + 11 * HOUR);
    await qualifyIncident(db, c, { healthData: true }, 'rssi', T0 + HOUR);
    await updateBreach(db, { incidentId: c, awareAt: new Date(T0).toISOString(), risk: 'none', riskJustification: 'Données chiffrées.' }, 'rssi', T0 + HOUR);

    const now = T0 + 55 * HOUR;
    const list = await listDeadlines(db, { now });
    expect(list.map((d) => [d.incidentTitle, d.kind, d.status])).toEqual([
      ['C', 'ars', 'overdue'],
      ['A', 'cnil', 'due_soon'],
      ['B', 'cnil', 'pending'],
    ]);
    expect(list[1]).toMatchObject({ ref: 'VIOL-2026-001', remainingMs: 17 * HOUR, dueAt: '2026-03-31T09:00:00.000Z' });
    expect(list[0]).toMatchObject({ dueAt: null, remainingMs: null, elapsedMs: 55 * HOUR, ref: null });

    const all = await listDeadlines(db, { now, includeClosed: true });
    expect(all.map((d) => d.status)).toEqual(['overdue', 'due_soon', 'pending', 'not_required']);
    expect((await listDeadlines(db, { now, incidentId: a })).map((d) => d.incidentTitle)).toEqual(['A']);

    await updateArs(db, { incidentId: c, declaredAt: new Date(T0 + 2 * HOUR).toISOString() }, 'rssi', now);
    expect((await listDeadlines(db, { now })).map((d) => d.incidentTitle)).toEqual(['A', 'B']);
  });

  it('notifies 24 h, 6 h, 1 h before the CNIL deadline and when overdue — each once', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { title: 'Fuite' });
    await updateBreach(db, { incidentId: id, awareAt: '2026-03-28T10:00:00+01:00', risk: 'high' }, 'rssi', T0 + MINUTE);
    const at = async (h: number) => (await collectDeadlineNotifications(db, T0 + h * HOUR)).map((n) => `${n.kind}:${n.threshold}:${n.severity}`);

    expect(await at(47.9)).toEqual([]);
    expect(await at(48)).toEqual(['cnil:24h:medium']);
    expect(await at(48.1)).toEqual([]); // already sent
    expect(await at(66)).toEqual(['cnil:6h:high']);
    expect(await at(71)).toEqual(['cnil:1h:critical']);
    expect(await at(71.5)).toEqual([]);
    const overdue = await collectDeadlineNotifications(db, T0 + 72 * HOUR);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ threshold: 'overdue', incidentTitle: 'Fuite', dueAt: '2026-03-31T09:00:00.000Z' });
    expect(overdue[0].body).toContain('31/03/2026 11:00 (UTC+2)');
    expect(await at(90)).toEqual([]);
    expect(await db.all('SELECT threshold, delivered FROM legal_notifications ORDER BY id')).toEqual([
      { threshold: '24h', delivered: 1 }, { threshold: '6h', delivered: 1 }, { threshold: '1h', delivered: 1 }, { threshold: 'overdue', delivered: 1 },
    ]);
  });

  it('after a long absence only the most urgent threshold is shown; a corrected awareness re-arms them; notified = silent', async () => {
    const db = await legalVault();
    const id = await insertIncident(db);
    await updateBreach(db, { incidentId: id, awareAt: new Date(T0).toISOString(), risk: 'risk' }, 'rssi', T0 + MINUTE);
    const first = await collectDeadlineNotifications(db, T0 + 71.5 * HOUR);
    expect(first.map((n) => n.threshold)).toEqual(['1h']);
    expect(await db.all('SELECT threshold, delivered FROM legal_notifications ORDER BY id')).toEqual([
      { threshold: '24h', delivered: 0 }, { threshold: '6h', delivered: 0 }, { threshold: '1h', delivered: 1 },
    ]);
    // Awareness corrected one day later: a new deadline, its thresholds fire again.
    await updateBreach(db, { incidentId: id, awareAt: new Date(T0 + 24 * HOUR).toISOString() }, 'rssi', T0 + 71.6 * HOUR);
    expect((await collectDeadlineNotifications(db, T0 + 72 * HOUR)).map((n) => n.threshold)).toEqual(['24h']);
    await updateBreach(db, { incidentId: id, notifiedAt: new Date(T0 + 73 * HOUR).toISOString() }, 'rssi', T0 + 73 * HOUR);
    expect(await collectDeadlineNotifications(db, T0 + 200 * HOUR)).toEqual([]);
  });

  it('ARS: one notification once 24 h have elapsed without a declaration', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { title: 'Rançongiciel' });
    await qualifyIncident(db, id, { careSafety: true }, 'rssi', T0 + HOUR);
    expect(await collectDeadlineNotifications(db, T0 + 23 * HOUR)).toEqual([]);
    const n = await collectDeadlineNotifications(db, T0 + 24 * HOUR);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ kind: 'ars', threshold: 'overdue', severity: 'high', dueAt: null });
    expect(n[0].title).toMatch(/signalement ARS/);
    expect(await collectDeadlineNotifications(db, T0 + 48 * HOUR)).toEqual([]);
  });

  it('the job notifies through the notifier and the listener, and reports what it sent', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { title: 'Fuite' });
    await updateBreach(db, { incidentId: id, awareAt: new Date(T0).toISOString(), risk: 'risk' }, 'rssi', T0 + MINUTE);
    const shown: { title: string; body: string; severity: Severity }[] = [];
    const heard: DeadlineNotification[] = [];
    const job = new DeadlineJob({
      check: (now) => collectDeadlineNotifications(db, now.getTime()),
      notifier: { notify: (n) => shown.push(n) },
      onNotification: (n) => heard.push(n),
    });
    expect(job.schedule).toBe('*/5 * * * *');
    const ctx = (h: number) => ({ now: new Date(T0 + h * HOUR), trigger: 'schedule' as const, signal: new AbortController().signal, logger: captureLogger() });
    expect(await job.run(ctx(10))).toBe('aucune nouvelle échéance à signaler');
    expect(await job.run(ctx(66.5))).toBe(`1 notification(s) d’échéance : incident n°${id} CNIL 6h`);
    expect(shown).toEqual([{ title: 'Vigie : notification CNIL dans moins de 6 h', body: expect.stringContaining('Reste 5 h 30 min'), severity: 'high', link: '#/incidents/1/legal' }]);
    expect(heard.map((n) => n.threshold)).toEqual(['6h']);
    expect(await job.run(ctx(66.6))).toBe('aucune nouvelle échéance à signaler');
    // A failing notifier does not stop the run.
    const failing = new DeadlineJob({ check: (now) => collectDeadlineNotifications(db, now.getTime()), notifier: { notify: () => { throw new Error('dbus'); } } });
    expect(await failing.run(ctx(72))).toMatch(/1 notification\(s\).*\(1 non affichée\(s\)\)/);
  });
});
