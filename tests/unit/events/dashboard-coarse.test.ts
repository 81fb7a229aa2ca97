import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessAnomalies, median, medianWithout } from '../../../main/events/dashboard-access';
import { hourRows, topPanel, windowsOf } from '../../../main/events/dashboard-events';
import { dashboardSummary } from '../../../main/events/queries';
import { splitRange, weekOf } from '../../../main/events/rollups-coarse';
import { loadDemo } from '../../../main/demo/generate';
import type { Db } from '../../../main/store/db';
import { migration011 } from '../../../main/store/migrations/011_coarse_rollups';
import { actualRollups, expectedRollups } from './rollup-expect';
import { openTempVault } from './vault-fixture';

/**
 * The coarse rollups (per day, per week; migration 011) against the fine ones on a real vault: the demo's
 * 40 days of hub traffic written through `writeEvents`. Every panel computed both ways must be identical,
 * over ranges whose ends fall mid-hour, mid-day and mid-week.
 */
const NOW = new Date('2026-03-18T15:20:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;
let db: Db;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ db, dispose } = await openTempVault());
  await loadDemo(db, { seed: 7, days: 40, now: NOW });
}, 240_000);
afterAll(async () => dispose());

const byKey = <T>(rows: T[]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

const RANGES: [string, number, number][] = [
  ['40 days to now', NOW.getTime() - 40 * DAY, NOW.getTime()],
  ['30 days, odd minutes', NOW.getTime() - 30 * DAY - 17 * 60_000 - 5 * HOUR, NOW.getTime() - 3 * HOUR - 41 * 60_000],
  ['9 days from a Wednesday noon', Date.parse('2026-02-25T12:30:00Z'), Date.parse('2026-03-06T07:00:00Z')],
  ['4 days (daily series, no whole week)', Date.parse('2026-03-02T06:00:00Z'), Date.parse('2026-03-06T06:00:00Z')],
  ['two whole weeks, Monday to Monday', Date.parse('2026-03-02T00:00:00Z'), Date.parse('2026-03-16T00:00:00Z')],
];

describe('coarse rollups (day / week) give the fine-grained figures', () => {
  it('are maintained by writeEvents equal to the events', async () => {
    const [actual, expected] = [await actualRollups(db), await expectedRollups(db)];
    for (const t of ['rollup_day', 'rollup_user_week', 'rollup_ip_week', 'rollup_host_week', 'rollup_access_total_day']) {
      expect(actual[t].length, t).toBeGreaterThan(0);
      expect(actual[t], t).toEqual(expected[t]);
    }
  }, 120_000);

  for (const [name, from, to] of RANGES) {
    it(`every panel is identical through either path: ${name}`, async () => {
      const w = windowsOf(from, to);
      expect(byKey(await hourRows(db, w))).toEqual(byKey(await hourRows(db, w, { coarse: false })));
      for (const kind of ['user', 'ip', 'host'] as const) {
        const top = await topPanel(db, w, kind);
        expect(top.length).toBeGreaterThan(0);
        expect(top).toEqual(await topPanel(db, w, kind, { coarse: false }));
      }
      const anomalies = await accessAnomalies(db, w);
      expect(anomalies.accesses.count).toBeGreaterThan(0);
      expect(anomalies).toEqual(await accessAnomalies(db, w, { coarse: false }));
    });
  }

  it('long ranges read the coarse tables for their whole days and weeks, the fine ones for the edges only', () => {
    const w = windowsOf(Date.parse('2026-01-07T10:00:00Z'), Date.parse('2026-03-18T15:00:00Z'));
    expect(splitRange(w.lo, w.hi, DAY, (ms) => Math.floor(ms / DAY) * DAY)).toEqual({
      coarse: [Date.parse('2026-01-08T00:00:00Z'), Date.parse('2026-03-18T00:00:00Z')],
      edges: [
        [Date.parse('2026-01-07T10:00:00Z'), Date.parse('2026-01-08T00:00:00Z')],
        [Date.parse('2026-03-18T00:00:00Z'), Date.parse('2026-03-18T15:00:00Z')],
      ],
    });
    // 2026-01-12 and 2026-03-16 are Mondays.
    expect(splitRange(w.dayLo, w.dayHi, 7 * DAY, weekOf)).toEqual({
      coarse: [Date.parse('2026-01-12T00:00:00Z'), Date.parse('2026-03-16T00:00:00Z')],
      edges: [
        [Date.parse('2026-01-07T00:00:00Z'), Date.parse('2026-01-12T00:00:00Z')],
        [Date.parse('2026-03-16T00:00:00Z'), Date.parse('2026-03-19T00:00:00Z')],
      ],
    });
    expect(new Date(weekOf(Date.parse('2026-03-18T15:00:00Z'))).toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });

  it('the anomaly candidates are read through the partial index of flaggable user-days', async () => {
    const plan = await db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT day FROM rollup_access_user_day INDEXED BY rollup_access_user_day_flaggable
       WHERE day >= 0 AND day < 1 AND user_name <> '' AND (patients > 30 OR night > 10 OR break_glass > 0)`,
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX rollup_access_user_day_flaggable/);
  });

  it('migration 011 backfills the coarse tables from the fine ones, equal to what the writer maintains', async () => {
    const before = await actualRollups(db);
    const summary = await dashboardSummary(db, { from: new Date(NOW.getTime() - 40 * DAY).toISOString(), to: NOW.toISOString() }, { now: NOW.getTime() });
    await db.exec(`DROP INDEX rollup_access_user_day_flaggable; DROP TABLE rollup_day; DROP TABLE rollup_user_week;
      DROP TABLE rollup_ip_week; DROP TABLE rollup_host_week; DROP TABLE rollup_access_total_day;`);
    await db.exec(migration011.sql);
    expect(await actualRollups(db)).toEqual(before);
    expect(await dashboardSummary(db, { from: new Date(NOW.getTime() - 40 * DAY).toISOString(), to: NOW.toISOString() }, { now: NOW.getTime() })).toEqual(summary);
  }, 120_000);
});

describe('medianWithout (anomaly baselines sorted once per user)', () => {
  it('equals the median of the other days, re-sorted, for any baseline and any day of it', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }), fc.nat(), (values, pick) => {
        const sorted = [...values].sort((a, b) => a - b);
        const i = pick % values.length;
        const others = values.filter((_, k) => k !== i);
        expect(medianWithout(sorted, values[i])).toBe(median(others));
      }),
    );
    expect(medianWithout([3, 5, 9], 4)).toBe(5);
    expect(medianWithout([7], 7)).toBe(0);
  });
});
