/** Live detection: every write is examined, alerts are grouped, announced, and the cursor survives a restart. */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/engine/bus';
import { startDetection, detectionFor } from '../../../../main/detect/service';
import { alertsOf, paris, RULES, useDetection } from './fixture';
import { writeTraces, type Access } from './traces';

const f = useDetection();
const MIN = 60_000;

const breakGlass = (user: string, n: number, start: number, step = MIN): Access[] =>
  Array.from({ length: n }, (_, i) => ({ ts: start + i * step, user, ip: '10.20.0.5', patient: `27509751080${String(i).padStart(2, '0')}`, purpose: 'ETREAT' }));

describe('live detection', () => {
  it('an alert appears after a write and alert.new is emitted once', async () => {
    await writeTraces(f.db, 'fhir', breakGlass('dr.urgence', 1, paris(10, 10)));
    await f.drain();
    const [alert] = await alertsOf(f.db, RULES.breakGlass);
    expect(alert).toMatchObject({ event_count: 1, status: 'nouvelle', group_key: 'user.name=dr.urgence' });
    expect(alert.title).toBe('Accès en bris de glace : dr.urgence');
    expect(f.announced.filter((a) => a.ruleId === RULES.breakGlass)).toEqual([expect.objectContaining({ id: alert.id, severity: 'medium' })]);
    expect(await f.db.all('SELECT actor, field, to_value FROM alert_history WHERE alert_id = ?', [alert.id])).toEqual([
      { actor: 'Vigie (détection)', field: 'created', to_value: 'nouvelle' },
    ]);
    // A second hit in the window joins it silently.
    await writeTraces(f.db, 'fhir', breakGlass('dr.urgence', 1, paris(10, 10, 30)).map((a) => ({ ...a, patient: '2750975108099' })));
    await f.drain();
    expect(await alertsOf(f.db, RULES.breakGlass)).toEqual([expect.objectContaining({ id: alert.id, event_count: 2 })]);
    expect(f.announced.filter((a) => a.ruleId === RULES.breakGlass)).toHaveLength(1);
  });

  it('groups: 20 hits of one user within the window make one alert of 20 events; another user and a later hit do not join', async () => {
    await writeTraces(f.db, 'fhir', breakGlass('dr.a', 20, paris(10, 10), 2 * MIN));
    await writeTraces(f.db, 'fhir', breakGlass('dr.b', 2, paris(10, 10)));
    await writeTraces(f.db, 'fhir', breakGlass('dr.a', 1, paris(10, 14)).map((a) => ({ ...a, patient: '2750975108199' })));
    await f.drain();
    const alerts = await alertsOf(f.db, RULES.breakGlass);
    expect(alerts.map((a) => [a.group_key, a.event_count])).toEqual([
      ['user.name=dr.a', 20],
      ['user.name=dr.b', 2],
      ['user.name=dr.a', 1],
    ]);
    expect(alerts[0].last_seen - alerts[0].first_seen).toBe(38 * MIN);
    expect(await f.db.get('SELECT count(*) AS n FROM alert_events WHERE alert_id = ?', [alerts[0].id])).toEqual({ n: 20 });
  });

  it('a closed alert is not reopened: a new hit makes a new alert', async () => {
    await writeTraces(f.db, 'fhir', breakGlass('dr.c', 1, paris(10, 10)));
    await f.drain();
    await f.db.run("UPDATE alerts SET status = 'close'");
    await writeTraces(f.db, 'fhir', breakGlass('dr.c', 1, paris(10, 10, 5)).map((a) => ({ ...a, patient: '2750975108299' })));
    await f.drain();
    expect((await alertsOf(f.db, RULES.breakGlass)).map((a) => a.status)).toEqual(['close', 'nouvelle']);
  });

  it('reports its status and lag; after a restart it catches up from its saved cursor', async () => {
    await writeTraces(f.db, 'fhir', breakGlass('dr.d', 1, paris(10, 10)));
    await f.drain();
    const s = await f.service.status();
    expect(s).toMatchObject({ running: true, lag: 0, rejected: 0, rules: 11, correlations: 6 });
    expect(s.cursor).toBe(s.latestEventId);
    await f.service.stop();
    expect(() => detectionFor(f.db)).toThrow(/pas démarrée/);
    // Written while detection was stopped (CLI import, for instance).
    await writeTraces(f.db, 'fhir', breakGlass('dr.e', 1, paris(10, 11)));
    const again = await startDetection({ db: f.db, bus: new EventBus() });
    try {
      await again.drain();
      expect((await alertsOf(f.db, RULES.breakGlass)).map((a) => a.group_key)).toEqual(['user.name=dr.d', 'user.name=dr.e']);
      expect(detectionFor(f.db)).toBe(again);
    } finally {
      await again.stop();
    }
  });

  it('a disabled rule stops alerting; enabled again it alerts', async () => {
    const { setRuleEnabled } = await import('../../../../main/detect/rules-store');
    await setRuleEnabled(f.db, RULES.breakGlass, false, 'rssi');
    await f.service.reload();
    expect(f.service.set.byId.has(RULES.breakGlass)).toBe(false);
    await writeTraces(f.db, 'fhir', breakGlass('dr.f', 1, paris(10, 10)));
    await f.drain();
    expect(await alertsOf(f.db, RULES.breakGlass)).toEqual([]);
    await setRuleEnabled(f.db, RULES.breakGlass, true, 'rssi');
    await f.service.reload();
    await writeTraces(f.db, 'fhir', breakGlass('dr.f', 1, paris(10, 11)).map((a) => ({ ...a, patient: '2750975108399' })));
    await f.drain();
    expect(await alertsOf(f.db, RULES.breakGlass)).toHaveLength(1);
  });
});

describe('a retro-hunt after live detection', () => {
  it('counts the matches live detection already alerted on, and the alerts they are in, without creating any', async () => {
    await writeTraces(f.db, 'fhir', [...breakGlass('dr.e', 3, paris(10, 10)), ...breakGlass('dr.f', 2, paris(10, 11))]);
    await f.drain();
    const live = await alertsOf(f.db, RULES.breakGlass);
    expect(live.map((a) => [a.group_key, a.event_count])).toEqual([
      ['user.name=dr.e', 3],
      ['user.name=dr.f', 2],
    ]);
    const taskId = f.service.retro.start({ from: new Date(paris(10, 0)).toISOString(), to: new Date(paris(11, 0)).toISOString() });
    const task = await f.service.retro.wait(taskId);
    expect(task).toMatchObject({ status: 'done', scanned: 5, hits: 5, alertsCreated: 0, matchesInExisting: 5, existingAlerts: 2, suppressed: 0 });
    expect(await alertsOf(f.db, RULES.breakGlass)).toEqual(live);
  });
});

