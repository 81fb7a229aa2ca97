/**
 * The shipped health rule pack on built FHIR AuditEvent and ATNA traces,
 * parsed by the real parsers, written with writeEvents, detected live.
 */
import { describe, expect, it } from 'vitest';
import { writeEvents } from '../../../../main/events/writer';
import type { NormalizedEvent } from '../../../../main/events/types';
import { addToWatchlist, importCareRelationships } from '../../../../main/detect/service/lists';
import { listRules, loadReport } from '../../../../main/detect/service/rules-api';
import { saveWorkingHours } from '../../../../main/detect/service/working-hours';
import { alertsOf, paris, RULES, useDetection } from '../service/fixture';
import { pseudonymOf, writeTraces, type Access } from '../service/traces';

const f = useDetection();
const MIN = 60_000;
const DAY = 86_400_000;

const reads = (user: string, patients: number, start: number, stepMs: number, extra: Partial<Access> = {}): Access[] =>
  Array.from({ length: patients }, (_, i) => ({ ts: start + i * stepMs, user, ip: '10.20.0.5', patient: `2${String(840975108000 + i)}`, ...extra }));

async function detected(ruleId: string) {
  await f.drain();
  return alertsOf(f.db, ruleId);
}

describe('health rule pack', () => {
  it('loads without any rejection, every rule documented with its level', async () => {
    const rows = listRules(f.service);
    expect(rows.length).toBe(17);
    expect(rows.filter((r) => r.rejected)).toEqual([]);
    expect(loadReport(f.service)).toMatchObject({ documents: 17, rejected: 0 });
    for (const r of rows.filter((x) => x.generates)) expect(r.level).not.toBeNull();
    expect(rows.filter((r) => r.generates).map((r) => r.id).sort()).toEqual(Object.values(RULES).sort());
  });

  it('mass access: 40 distinct patients in 30 minutes alerts (high), 10 do not', async () => {
    await writeTraces(f.db, 'fhir', reads('ide.durand', 40, paris(10, 10), 45_000));
    await writeTraces(f.db, 'fhir', reads('dr.petit', 10, paris(10, 10), 45_000));
    const alerts = await detected(RULES.massAccess);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ group_key: 'user.name=ide.durand', severity: 3, status: 'nouvelle' });
    expect(alerts[0].event_count).toBe(31);
    expect(f.announced.some((a) => a.ruleId === RULES.massAccess && a.severity === 'high')).toBe(true);
  });

  it('access outside working hours: ≥ 10 distinct records in one night or day off per user, break-glass excluded', async () => {
    const period = (user: string, day: string) => `user.name=${user}, vigie.off_hours_period=${day}`;
    await writeTraces(f.db, 'fhir', [
      // Tuesday 22:30 → Wednesday 01:15: one night, 12 records.
      ...reads('ide.nuit', 12, paris(10, 22, 30), 15 * MIN),
      // Saturday daytime: a day off, 10 records.
      ...reads('dr.samedi', 10, paris(14, 11), 10 * MIN),
      // 9 records before 7:00: under the threshold.
      ...reads('ide.aube', 9, paris(11, 5), 5 * MIN),
      // 6 records on two different evenings: two periods, neither reaches 10.
      ...reads('ide.soirs', 6, paris(10, 21), MIN),
      ...reads('ide.soirs', 6, paris(11, 21), MIN).map((a, i) => ({ ...a, patient: `1${String(840975109000 + i)}` })),
      // Working hours: nothing, however many.
      ...reads('dr.jour', 15, paris(10, 10), MIN),
      // Break-glass at night has its own rule.
      ...reads('dr.urgence', 12, paris(10, 23), MIN, { purpose: 'ETREAT' }),
    ]);
    const alerts = await detected(RULES.offHours);
    expect(alerts.map((a) => [a.group_key, a.event_count, a.severity])).toEqual([
      [period('ide.nuit', '2026-03-10'), 10, 2],
      [period('dr.samedi', '2026-03-14'), 10, 2],
    ]);
    expect(alerts[0].title).toBe('Accès à un dossier patient hors des heures ouvrées : ide.nuit, 2026-03-10');
    expect((await alertsOf(f.db, RULES.breakGlass)).map((a) => a.group_key)).toEqual(['user.name=dr.urgence']);
  });

  it('events with a patient but no user (PACS transfers) count neither for mass access nor off hours', async () => {
    const store = (i: number, ts: number): NormalizedEvent => ({
      '@timestamp': new Date(ts).toISOString(), 'event.dataset': 'pacs.audit', 'service.name': 'PACS', 'event.severity': 'info', 'event.category': 'database',
      'event.action': 'study-store', 'event.outcome': 'success', 'user.name': null, 'health.patient.pseudonym': `P-${'ABCDEFGHIJKLMNOP'.slice(0, 14)}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
      message: `C-STORE ${i}`, 'event.original': `store ${i} ${ts}`,
    });
    await writeEvents(f.db, Array.from({ length: 40 }, (_, i) => store(i, paris(10, 22) + i * MIN)));
    expect(await detected(RULES.massAccess)).toEqual([]);
    expect(await alertsOf(f.db, RULES.offHours)).toEqual([]);
  });

  it('working hours are configured in one place: 8 h – 18 h, Monday to Saturday', async () => {
    await saveWorkingHours(f.db, { start: 8, end: 18, days: [1, 2, 3, 4, 5, 6] });
    await f.service.reload();
    await writeTraces(f.db, 'fhir', [...reads('dr.samedi', 10, paris(14, 11), 10 * MIN), ...reads('dr.soir', 10, paris(10, 18, 5), MIN)]);
    expect((await detected(RULES.offHours)).map((a) => a.group_key)).toEqual(['user.name=dr.soir, vigie.off_hours_period=2026-03-10']);
  });

  it('break-glass: FHIR ETREAT and ATNA 110127 alert, a normal access does not', async () => {
    await writeTraces(f.db, 'fhir', [
      { ts: paris(10, 10), user: 'dr.urgence', ip: '10.20.0.7', patient: '1840975108010', purpose: 'ETREAT' },
      { ts: paris(10, 10, 5), user: 'dr.normal', ip: '10.20.0.7', patient: '1840975108011', purpose: 'TREAT' },
    ]);
    await writeTraces(f.db, 'atna', [{ ts: paris(10, 11), user: 'dr.reanimation', ip: '10.20.0.8', eventId: '110113', typeCode: '110127' }]);
    const alerts = await detected(RULES.breakGlass);
    expect(alerts.map((a) => a.group_key).sort()).toEqual(['user.name=dr.reanimation', 'user.name=dr.urgence']);
    expect(alerts.every((a) => a.severity === 2)).toBe(true);
  });

  it('ATNA security alert (110113) alerts, a patient-record event does not', async () => {
    await writeTraces(f.db, 'atna', [
      { ts: paris(10, 9), user: 'admin.sri', ip: '10.1.0.2', eventId: '110113', typeCode: '110129' },
      { ts: paris(10, 9, 1), user: 'admin.sri', ip: '10.1.0.2', eventId: '110110', action: 'R', patient: '1840975108020' },
    ]);
    const alerts = await detected(RULES.atnaSecurity);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ group_key: 'host.name=sri01', event_count: 1, severity: 3 });
  });

  it('failed logins ×5 then a success alerts; ×3 then a success does not', async () => {
    const login = (user: string, ts: number, ok: boolean): Access => ({ ts, user, ip: '10.30.0.9', eventId: '110114', typeCode: '110122', outcome: ok ? '0' : '4' });
    const t = paris(10, 8);
    await writeTraces(f.db, 'atna', [
      ...Array.from({ length: 5 }, (_, i) => login('sec.roux', t + i * MIN, false)),
      login('sec.roux', t + 8 * MIN, true),
      ...Array.from({ length: 3 }, (_, i) => login('dr.oubli', t + i * MIN, false)),
      login('dr.oubli', t + 5 * MIN, true),
    ]);
    const alerts = await detected(RULES.loginAfterFailures);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ group_key: 'user.name=sec.roux', severity: 3 });
    expect(alerts[0].event_count).toBe(6);
  });

  it('login from a new address alerts after the learning period only', async () => {
    const login = (user: string, ts: number, ip: string): Access => ({ ts, user, ip, eventId: '110114', typeCode: '110122', outcome: '0' });
    const t = paris(2, 9);
    await writeTraces(f.db, 'atna', [login('dr.voyage', t, '10.40.0.1'), login('dr.neuf', t, '10.40.0.1')]);
    await writeTraces(f.db, 'atna', [
      login('dr.voyage', t + 8 * DAY, '10.40.0.1'), // known address
      login('dr.voyage', t + 8 * DAY + MIN, '2.7.143.88'), // new, after 7 days of history
      login('dr.neuf', t + 2 * DAY, '2.7.143.99'), // new, but still learning
    ]);
    const alerts = await detected(RULES.newSourceIp);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ group_key: 'user.name=dr.voyage', event_count: 1 });
    expect(await f.db.get('SELECT count(*) AS n FROM user_source_ips WHERE user_name = ?', ['dr.voyage'])).toEqual({ n: 2 });
  });

  it('no care relationship: only users in the imported list, only patients outside their relationships', async () => {
    const linked = await pseudonymOf(f.db, '1840975108030');
    const csv = `utilisateur;patient\ndr.soin;${linked}\ndr.soin;\n`;
    expect(await importCareRelationships(f.db, csv)).toMatchObject({ imported: 1, users: 1, rejected: [{ line: 3 }] });
    await f.service.reload();
    await writeTraces(f.db, 'fhir', [
      { ts: paris(10, 10), user: 'dr.soin', ip: '10.20.0.9', patient: '1840975108030' },
      { ts: paris(10, 10, 1), user: 'dr.soin', ip: '10.20.0.9', patient: '1840975108031' },
      { ts: paris(10, 10, 2), user: 'dr.ailleurs', ip: '10.20.0.9', patient: '1840975108031' },
    ]);
    const alerts = await detected(RULES.noCare);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ group_key: 'user.name=dr.soin', event_count: 1 });
  });

  it('watch-listed records (global) and relatives (per user) alert', async () => {
    const vip = await pseudonymOf(f.db, '1750175108040');
    const relative = await pseudonymOf(f.db, '1750175108041');
    await addToWatchlist(f.db, { pseudonym: vip, category: 'vip', label: 'Élu' }, 'dpo');
    await addToWatchlist(f.db, { pseudonym: relative, category: 'famille', userName: 'ide.martin' }, 'dpo');
    await f.service.reload();
    await writeTraces(f.db, 'fhir', [
      { ts: paris(10, 10), user: 'dr.curieux', ip: '10.20.0.10', patient: '1750175108040' },
      { ts: paris(10, 10, 1), user: 'ide.martin', ip: '10.20.0.10', patient: '1750175108041' },
      { ts: paris(10, 10, 2), user: 'dr.autre', ip: '10.20.0.10', patient: '1750175108041' },
      { ts: paris(10, 10, 3), user: 'dr.autre', ip: '10.20.0.10', patient: '1750175108042' },
    ]);
    const alerts = await detected(RULES.watchlist);
    expect(alerts.map((a) => a.group_key).sort()).toEqual([
      `user.name=dr.curieux, health.patient.pseudonym=${vip}`,
      `user.name=ide.martin, health.patient.pseudonym=${relative}`,
    ]);
  });

  it('an empty watch-list loads the rule and matches nothing', async () => {
    await writeTraces(f.db, 'fhir', [{ ts: paris(10, 10), user: 'dr.x', ip: '10.20.0.11', patient: '1750175108050' }]);
    expect(await detected(RULES.watchlist)).toEqual([]);
    expect(f.service.set.byId.has(RULES.watchlist)).toBe(true);
  });

  it('bulk export: 12 ATNA exports (110106) in an hour, and one export of 1,843 records', async () => {
    await writeTraces(f.db, 'atna', Array.from({ length: 12 }, (_, i) => ({
      ts: paris(10, 18) + i * 3 * MIN, user: 'sec.export', ip: '10.20.0.12', eventId: '110106', action: 'R' as const, patient: `18409751081${String(i).padStart(2, '0')}`,
    })));
    await writeTraces(f.db, 'atna', Array.from({ length: 4 }, (_, i) => ({
      ts: paris(10, 18) + i * 3 * MIN, user: 'sec.calme', ip: '10.20.0.12', eventId: '110106', action: 'R' as const, patient: `18409751082${i}`,
    })));
    const cohort: NormalizedEvent = {
      '@timestamp': new Date(paris(10, 19)).toISOString(), 'event.dataset': 'portail.audit', 'service.name': 'Portail-Coordination',
      'event.severity': 'low', 'event.category': 'database', 'event.action': 'patient-record-export', 'event.outcome': 'success',
      'user.name': 'sec.cohorte', message: 'Export de Group/file-active (1843 dossiers)', 'event.original': '{"export":1843}',
      attributes: { 'export.records': 1843 },
    };
    await writeEvents(f.db, [cohort, { ...cohort, 'user.name': 'sec.petit', 'event.original': '{"export":12}', attributes: { 'export.records': 12 } }]);
    const repeated = await detected(RULES.bulkExportRepeated);
    expect(repeated.map((a) => a.group_key)).toEqual(['user.name=sec.export']);
    expect(repeated[0].event_count).toBe(10);
    const large = await alertsOf(f.db, RULES.bulkExportLarge);
    expect(large.map((a) => a.group_key)).toEqual(['user.name=sec.cohorte']);
  });
});
