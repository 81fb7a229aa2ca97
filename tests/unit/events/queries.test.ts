import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardSummary, getEvent, listEvents } from '../../../main/events/queries';
import { writeEvents } from '../../../main/events/writer';
import type { Db } from '../../../main/store/db';
import { makeEvent, prng, randomEvents, T0 } from './factory';
import { openTempVault } from './vault-fixture';

let db: Db;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ db, dispose } = await openTempVault());
});
afterEach(async () => dispose());

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const SEV = ['info', 'low', 'medium', 'high', 'critical'];
/** Panel items without their queries (checked in dashboard.test.ts). */
const plain = (items: { key: string; count: number }[]) => items.map(({ key, count }) => ({ key, count }));

async function seedAlertsAndIncidents(): Promise<void> {
  const rows: [string, number, string][] = [
    ['r1', 3, 'nouvelle'], ['r2', 4, 'prise_en_compte'], ['r3', 3, 'vrai_positif'], ['r4', 2, 'close'], ['r5', 1, 'faux_positif'],
  ];
  for (const [rule, sev, status] of rows) {
    await db.run(
      `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
       VALUES (?, 't', ?, ?, 'k', ?, ?, 0, ?)`,
      [rule, sev, status, T0, T0, T0],
    );
  }
  for (const phase of ['qualification', 'cloture', 'detection']) {
    await db.run(
      `INSERT INTO incidents (title, severity, category, phase, created_by, created_at, updated_at) VALUES ('i', 3, 'c', ?, 'x', ?, ?)`,
      [phase, T0, T0],
    );
  }
}

describe('dashboardSummary', () => {
  it('matches direct SQL counts over the events of the range', async () => {
    await writeEvents(db, randomEvents(prng(7), 3000, 120));
    await seedAlertsAndIncidents();
    const from = T0 + 24 * HOUR;
    const to = T0 + 72 * HOUR; // 2 days: hourly buckets
    const s = await dashboardSummary(db, { from: iso(from), to: iso(to) });
    const where = 'ts >= ? AND ts < ?';
    const q = async (sql: string) => (await db.get<{ n: number }>(sql, [from, to]))!.n;

    expect(s.bucket).toBe('hour');
    expect(s.series).toHaveLength(48);
    expect(s.from).toBe(iso(from));
    expect(s.totalEvents).toBe(await q(`SELECT count(*) AS n FROM events WHERE ${where}`));
    expect(s.authFailures).toBe(await q(`SELECT count(*) AS n FROM events WHERE ${where} AND category = 'authentication' AND outcome = 'failure'`));
    expect(s.breakGlass).toBe(await q(`SELECT count(*) AS n FROM events WHERE ${where} AND break_glass = 1`));
    expect(s.breakGlass).toBeGreaterThan(0);
    const byService = await db.all<{ key: string; count: number }>(
      `SELECT service AS key, count(*) AS count FROM events WHERE ${where} GROUP BY service ORDER BY count DESC, key`, [from, to]);
    expect(plain(s.byService)).toEqual(byService);
    const bySev = await db.all<{ severity: number; n: number }>(
      `SELECT severity, count(*) AS n FROM events WHERE ${where} GROUP BY severity`, [from, to]);
    expect(plain(s.bySeverity)).toEqual(SEV.map((key, i) => ({ key, count: bySev.find((r) => r.severity === i)?.n ?? 0 })));
    const users = await db.all<{ key: string; count: number }>(
      `SELECT user_name AS key, count(*) AS count FROM events WHERE ${where} AND user_name IS NOT NULL
       GROUP BY user_name ORDER BY count DESC, key LIMIT 10`, [from, to]);
    expect(plain(s.topUsers)).toEqual(users);
    // The series is the same events, stacked by severity, one bucket per hour.
    const seriesTotal = s.series.reduce((sum, b) => sum + Object.values(b.bySeverity).reduce((a, c) => a + c, 0), 0);
    expect(seriesTotal).toBe(s.totalEvents);
    const hour5 = await db.all<{ severity: number; n: number }>(
      `SELECT severity, count(*) AS n FROM events WHERE ts >= ? AND ts < ? GROUP BY severity`, [from + 5 * HOUR, from + 6 * HOUR]);
    expect(s.series[5].bucket).toBe(iso(from + 5 * HOUR));
    for (const r of hour5) expect(s.series[5].bySeverity[SEV[r.severity] as 'info']).toBe(r.n);

    expect(s.openAlerts).toBe(3);
    expect(plain(s.alertsBySeverity)).toEqual([
      { key: 'info', count: 0 }, { key: 'low', count: 0 }, { key: 'medium', count: 0 }, { key: 'high', count: 2 }, { key: 'critical', count: 1 },
    ]);
    expect(s.openIncidents).toBe(2);
  });

  it('switches to daily buckets beyond three days and fills empty buckets', async () => {
    await writeEvents(db, [makeEvent(0), makeEvent(1, { '@timestamp': iso(T0 + 50 * HOUR + 5), 'event.severity': 'high' })]);
    const s = await dashboardSummary(db, { from: iso(T0), to: iso(T0 + 5 * 24 * HOUR) });
    expect(s.bucket).toBe('day');
    expect(s.series.map((b) => b.bucket)).toEqual([0, 1, 2, 3, 4].map((d) => iso(T0 + d * 24 * HOUR)));
    expect(s.series[0].bySeverity).toEqual({ info: 1, low: 0, medium: 0, high: 0, critical: 0 });
    expect(s.series[2].bySeverity.high).toBe(1);
    expect(s.totalEvents).toBe(2);
  });

  it('returns zeros on an empty vault and rejects an inverted range', async () => {
    const s = await dashboardSummary(db, { from: iso(T0), to: iso(T0 + HOUR) });
    expect(s).toMatchObject({ totalEvents: 0, authFailures: 0, breakGlass: 0, openAlerts: 0, openIncidents: 0, byService: [], topUsers: [] });
    await expect(dashboardSummary(db, { from: iso(T0 + HOUR), to: iso(T0) })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('listEvents / getEvent', () => {
  beforeEach(async () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      makeEvent(i, { 'service.name': i % 3 === 0 ? 'PACS' : 'SRI' }));
    await writeEvents(db, events);
  });

  it('pages newest first with the total', async () => {
    const p1 = await listEvents(db, { limit: 10, offset: 0 });
    const p2 = await listEvents(db, { limit: 10, offset: 10 });
    expect(p1.total).toBe(30);
    expect(p1.items).toHaveLength(10);
    const all = [...p1.items, ...p2.items].map((e) => Date.parse(e['@timestamp']));
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set([...p1.items, ...p2.items].map((e) => e.id)).size).toBe(20);
    expect(p1.items[0]['@timestamp']).toBe(iso(T0 + 29 * 7 * 60_000));
    expect(p1.items[0]).not.toHaveProperty('event.original');
  });

  it('filters by service and time range', async () => {
    const pacs = await listEvents(db, { limit: 100, offset: 0, service: 'PACS' });
    expect(pacs.total).toBe(10);
    expect(pacs.items.every((e) => e['service.name'] === 'PACS')).toBe(true);
    const ranged = await listEvents(db, { limit: 100, offset: 0, from: iso(T0 + 7 * 60_000), to: iso(T0 + 4 * 7 * 60_000), service: 'SRI' });
    expect(ranged.items.map((e) => e.message)).toEqual(['login 2', 'login 1']);
    expect(ranged.total).toBe(2);
  });

  it('gets one event in detail, NOT_FOUND otherwise', async () => {
    const { items } = await listEvents(db, { limit: 1, offset: 0 });
    const d = await getEvent(db, items[0].id);
    expect(d).toMatchObject({ ...items[0], attributes: {} });
    expect(d['event.original']).toContain('event 29');
    await expect(getEvent(db, 99_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
