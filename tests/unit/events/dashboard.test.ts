import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../main/api/contract';
import type { PanelTarget } from '../../../main/api/ops/dashboard';
import { generateDemo, loadDemo } from '../../../main/demo/generate';
import type { Scenarios } from '../../../main/demo/scenarios';
import { ANOMALY_RULES } from '../../../main/events/dashboard-access';
import { dashboardSummary } from '../../../main/events/queries';
import { listDeadlines } from '../../../main/incidents/legal/deadlines';
import { incidentMetrics } from '../../../main/incidents/metrics';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import { countEvents } from '../../../main/search/count';
import { prepareSearch } from '../../../main/search/prepare';
import type { Db } from '../../../main/store/db';
import { nightIntl } from './rollup-expect';
import { openTempVault } from './vault-fixture';

const NOW = new Date('2026-03-18T15:20:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SEV = ['info', 'low', 'medium', 'high', 'critical'] as const;
let db: Db;
let dispose: () => Promise<void>;
let scenarios: Scenarios;

beforeAll(async () => {
  ({ db, dispose } = await openTempVault());
  await loadDemo(db, { seed: 2026, days: 14, now: NOW });
  scenarios = generateDemo({ seed: 2026, days: 14, now: NOW }, await Pseudonymiser.fromDb(db)).scenarios;
}, 120_000);
afterAll(async () => dispose());

const summary = (from: string, to: string) => dashboardSummary(db, { from, to }, { now: NOW.getTime() });
const n = async (sql: string, params: unknown[]) => (await db.get<{ n: number | null }>(sql, params))!.n ?? 0;

/** Every (query, target, expected count or null) a summary carries. */
function queries(s: DashboardSummary): { query: string; target: PanelTarget; count: number | null }[] {
  const out: { query: string; target: PanelTarget; count: number | null }[] = [];
  const add = (query: string, count: number | null, target: PanelTarget = 'search') => out.push({ query, target, count });
  add(s.totalQuery, s.totalEvents);
  for (const b of s.series) {
    add(b.query, Object.values(b.bySeverity).reduce((a, c) => a + c, 0));
    for (const k of SEV) add(b.queries[k], b.bySeverity[k]);
  }
  for (const b of s.seriesByService) for (const k of s.services) add(b.queries[k], b.byService[k]);
  for (const list of [s.byService, s.bySeverity, s.topUsers, s.topSourceIps, s.topHosts]) for (const i of list) add(i.query, i.count);
  add(s.authFailuresQuery, s.authFailures);
  for (const p of s.authFailuresSeries) add(p.query, p.count);
  add(s.breakGlassQuery, s.breakGlass);
  const a = s.accessAnomalies;
  for (const i of [a.accesses, a.night, a.breakGlass]) add(i.query, i.count);
  for (const p of a.breakGlassSeries) add(p.query, p.count);
  for (const f of a.flagged) {
    add(f.query, f.accesses);
    add(f.nightQuery, f.night);
    add(f.breakGlassQuery, f.breakGlass);
  }
  for (const i of [...s.alertsBySeverity, ...s.alertsByStatus, ...s.incidentsByPhase]) add(i.query, null, i.target);
  for (const w of s.responseTrend) add(w.query, null, w.target);
  for (const d of s.legalDeadlines) add(d.query, null, d.target);
  return out;
}

describe('dashboardSummary on the demo dataset', () => {
  it('event panels equal direct SQL over events', async () => {
    const s = await summary('2026-03-05T00:00:00Z', '2026-03-19T00:00:00Z');
    const [lo, hi] = [Date.parse(s.from), Date.parse(s.to)];
    expect(s.bucket).toBe('day');
    expect(s.totalEvents).toBe(await n('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ?', [lo, hi]));
    for (const b of s.series) {
      const t = Date.parse(b.bucket);
      const rows = await db.all<{ severity: number; c: number }>(
        'SELECT severity, count(*) AS c FROM events WHERE ts >= ? AND ts < ? GROUP BY severity', [t, t + DAY]);
      expect(b.bySeverity).toEqual(Object.fromEntries(SEV.map((k, i) => [k, rows.find((r) => r.severity === i)?.c ?? 0])));
    }
    for (const b of s.seriesByService) {
      const t = Date.parse(b.bucket);
      const rows = await db.all<{ service: string; c: number }>(
        'SELECT service, count(*) AS c FROM events WHERE ts >= ? AND ts < ? GROUP BY service', [t, t + DAY]);
      expect(b.byService).toEqual(Object.fromEntries(s.services.map((k) => [k, rows.find((r) => r.service === k)?.c ?? 0])));
    }
    expect(s.byService).toEqual(
      (await db.all<{ key: string; count: number }>(
        'SELECT service AS key, count(*) AS count FROM events WHERE ts >= ? AND ts < ? GROUP BY 1 ORDER BY 2 DESC, 1', [lo, hi],
      )).map((r) => expect.objectContaining(r)),
    );
    // Exact authentication failures: the brute force is in, PACS write failures are not.
    const auth = await n("SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ? AND category = 'authentication' AND outcome = 'failure'", [lo, hi]);
    const failures = await n("SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ? AND outcome = 'failure'", [lo, hi]);
    expect(s.authFailures).toBe(auth);
    expect(s.authFailures).toBeGreaterThanOrEqual(30);
    expect(s.authFailures).toBeLessThan(failures);
    expect(s.authFailuresSeries.reduce((a, p) => a + p.count, 0)).toBe(auth);
    expect(s.breakGlass).toBe(await n('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ? AND break_glass = 1', [lo, hi]));
    for (const [list, column] of [[s.topUsers, 'user_name'], [s.topSourceIps, 'source_ip'], [s.topHosts, 'host']] as const) {
      const rows = await db.all(
        `SELECT ${column} AS key, count(*) AS count, sum(outcome = 'failure') AS failures FROM events
         WHERE ts >= ? AND ts < ? AND ${column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`, [lo, hi]);
      expect(list.map(({ key, count, failures: f }) => ({ key, count, failures: f }))).toEqual(rows);
    }
    expect(s.topSourceIps.map((i) => i.key)).toContain('10.200.3.32');
  });

  it('covers whole hours and days of an unaligned range, hourly', async () => {
    const s = await summary('2026-03-15T10:30:00Z', '2026-03-17T08:15:00Z');
    expect(s.bucket).toBe('hour');
    expect(s.series).toHaveLength(47);
    const lo = Date.parse('2026-03-15T10:00:00Z');
    const hi = Date.parse('2026-03-17T09:00:00Z');
    expect(s.totalEvents).toBe(await n('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ?', [lo, hi]));
    expect(s.searchRange).toEqual({ from: '2026-03-15T00:00:00.000Z', to: '2026-03-18T00:00:00.000Z' });
    expect(s.series[3].query).toBe('@timestamp:[2026-03-15T13:00:00Z TO 2026-03-15T14:00:00Z}');
  });

  it('flags the night-time mass reading, the break-glass and nobody ordinary', async () => {
    const s = await summary('2026-03-05T00:00:00Z', '2026-03-19T00:00:00Z');
    const a = s.accessAnomalies;
    const [lo, hi] = [Date.parse(s.searchRange.from), Date.parse(s.searchRange.to)];
    const rows = await db.all<{ ts: number; bg: number }>('SELECT ts, break_glass AS bg FROM events WHERE patient IS NOT NULL AND ts >= ? AND ts < ?', [lo, hi]);
    expect(a.accesses.count).toBe(rows.length);
    expect(a.night.count).toBe(rows.filter((r) => nightIntl(r.ts)).length);
    expect(a.breakGlass.count).toBe(rows.filter((r) => r.bg === 1).length);
    expect(a.rules).toMatchObject({ minPatients: 30, patientsFactor: 3, timeZone: 'Europe/Paris' });

    const night = a.flagged.find((f) => f.user === scenarios.actors.nightReader.login && f.reasons.includes('volume'));
    expect(night).toBeDefined();
    expect(night!.reasons).toEqual(expect.arrayContaining(['volume', 'night']));
    expect(night!.patients).toBeGreaterThanOrEqual(60);
    expect(night!.patients).toBeGreaterThan(Math.max(ANOMALY_RULES.minPatients, 3 * night!.medianPatients));
    expect(a.flagged[0].user).toBe(scenarios.actors.nightReader.login);
    const day = Date.parse(night!.day);
    expect(night!.patients).toBe(await n(
      'SELECT count(DISTINCT patient) AS n FROM events WHERE user_name = ? AND patient IS NOT NULL AND ts >= ? AND ts < ?',
      [night!.user, day, day + DAY],
    ));
    const emergency = a.flagged.filter((f) => f.user === scenarios.actors.emergency.login);
    expect(emergency.some((f) => f.reasons.includes('break_glass') && f.breakGlass >= 2)).toBe(true);
    // Every break-glass user-day is listed; volume is flagged for the night reader only.
    const bgDays = await n(
      `SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE break_glass = 1 AND patient IS NOT NULL AND user_name IS NOT NULL
       AND ts >= ? AND ts < ? GROUP BY ts / 86400000, user_name)`, [lo, hi]);
    expect(a.flagged.filter((f) => f.reasons.includes('break_glass'))).toHaveLength(bgDays);
    expect(a.flagged.filter((f) => f.reasons.includes('volume')).map((f) => f.user)).toEqual([scenarios.actors.nightReader.login]);
    expect(a.flaggedTotal).toBe(a.flagged.length);
  });

  it('alerts, incidents, MTTA/MTTR trend and legal deadlines', async () => {
    const s = await summary('2026-03-05T00:00:00Z', '2026-03-19T00:00:00Z');
    const [lo, hi] = [Date.parse(s.from), Date.parse(s.to)];
    for (const i of s.alertsByStatus) {
      expect(i.count).toBe(await n('SELECT count(*) AS n FROM alerts WHERE status = ? AND first_seen < ? AND last_seen >= ?', [i.key, hi, lo]));
    }
    expect(s.alertsByStatus.reduce((a, i) => a + i.count, 0)).toBe(await n('SELECT count(*) AS n FROM alerts', []));
    expect(s.openAlerts).toBe(s.alertsBySeverity.reduce((a, i) => a + i.count, 0));
    expect(s.incidentsByPhase.find((i) => i.key === 'qualification')?.count).toBe(1);
    expect(s.incidentsByPhase.reduce((a, i) => a + i.count, 0)).toBe(await n('SELECT count(*) AS n FROM incidents', []));

    expect(s.responseTrend.length).toBeGreaterThanOrEqual(8);
    for (const [i, w] of s.responseTrend.entries()) {
      expect(new Date(w.weekStart).getUTCDay()).toBe(1);
      expect(Date.parse(w.weekEnd) - Date.parse(w.weekStart)).toBe(7 * DAY);
      if (i > 0) expect(w.weekStart).toBe(s.responseTrend[i - 1].weekEnd);
      const m = await incidentMetrics(db, { from: w.weekStart, to: w.weekEnd });
      expect({ mtta: w.mtta, mttr: w.mttr, incidents: w.incidents }).toEqual({ mtta: m.mtta, mttr: m.mttr, incidents: m.incidents });
    }
    const alertsSeen = s.responseTrend.reduce((a, w) => a + w.mtta.count + w.mtta.pending, 0);
    expect(alertsSeen).toBe(await n('SELECT count(*) AS n FROM alerts', []));
    expect(s.responseTrend.reduce((a, w) => a + w.incidents, 0)).toBe(1);
    expect(s.responseTrend.some((w) => w.mtta.medianMs !== null)).toBe(true);

    expect(s.legalDeadlines.map(({ query: _q, target: _t, ...d }) => d)).toEqual(await listDeadlines(db, { now: NOW.getTime() }));
  });

  it('every element carries a non-empty query; event queries parse and count the same', async () => {
    for (const [from, to] of [['2026-03-05T00:00:00Z', '2026-03-19T00:00:00Z'], ['2026-03-15T10:30:00Z', '2026-03-16T08:15:00Z']]) {
      const s = await summary(from, to);
      const all = queries(s);
      expect(all.length).toBeGreaterThan(100);
      for (const q of all) expect(q.query.trim()).not.toBe('');
      const range = { from: s.searchRange.from, to: s.searchRange.to };
      const search = all.filter((q) => q.target === 'search');
      for (const q of search) expect(() => prepareSearch({ query: q.query, ...range }, NOW.getTime())).not.toThrow();
      // Following a query reproduces the element's figure (every 3rd one, to keep the test short).
      for (const [i, q] of search.entries()) {
        if (i % 3 !== 0 && q.count !== s.totalEvents) continue;
        const c = await countEvents(db, { query: q.query, ...range }, NOW.getTime());
        expect(c.total, q.query).toBe(q.count);
      }
    }
  }, 60_000);
});

describe('dashboardSummary', () => {
  it('refuses an empty or reversed range', async () => {
    await expect(summary('2026-03-05T00:00:00Z', '2026-03-05T00:00:00Z')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps hourly granularity up to three days', async () => {
    const s = await summary('2026-03-16T00:00:00Z', new Date(Date.parse('2026-03-16T00:00:00Z') + 72 * HOUR).toISOString());
    expect(s.bucket).toBe('hour');
    expect(s.series).toHaveLength(72);
    expect(s.accessAnomalies.breakGlassSeries).toHaveLength(72);
  });
});
