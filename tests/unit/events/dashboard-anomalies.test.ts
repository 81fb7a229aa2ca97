import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessAnomalies, ANOMALY_RULES, median } from '../../../main/events/dashboard-access';
import { windowsOf } from '../../../main/events/dashboard-events';
import type { Db } from '../../../main/store/db';
import { prng } from './factory';
import { openTempVault } from './vault-fixture';

/**
 * The anomaly panel (one grouped statement per range, baselines as strings, medians by binary search) against
 * a naive reading of the rule written here from its documentation: every user-day row read one by one, each
 * candidate's median taken over the user's other active days re-sorted. Rollup rows are generated (seeded) so
 * that many user-days are near the thresholds, ties included, over 150 days and 60 users.
 */
const DAY = 86_400_000;
const D0 = Date.parse('2026-01-05T00:00:00Z');
let db: Db;
let dispose: () => Promise<void>;

interface Row {
  day: number;
  user_name: string;
  accesses: number;
  patients: number;
  night: number;
  break_glass: number;
}

function generate(): Row[] {
  const rand = prng(2026);
  const pick = (n: number) => Math.floor(rand() * n);
  const rows: Row[] = [];
  const users = ['', ...Array.from({ length: 60 }, (_, i) => `agent.${String(i).padStart(2, '0')}`), 'Élodie.B', 'zoé'];
  for (const user_name of users) {
    const habit = 2 + pick(40); // a user's usual distinct patients per day
    for (let d = 0; d < 150; d++) {
      if (rand() < 0.3) continue; // days off
      const patients = rand() < 0.08 ? habit * (2 + pick(4)) : Math.max(0, habit + pick(11) - 5);
      const night = rand() < 0.1 ? 8 + pick(30) : pick(6);
      const break_glass = rand() < 0.03 ? 1 + pick(3) : 0;
      // A few rows with no access at all (not part of any baseline).
      const accesses = rand() < 0.02 ? 0 : patients + night + break_glass + pick(20);
      rows.push({ day: D0 + d * DAY, user_name, accesses, patients: accesses ? patients : 0, night: accesses ? night : 0, break_glass: accesses ? break_glass : 0 });
    }
  }
  return rows;
}

/** The rule as documented in main/events/dashboard-access.ts, computed the slow and obvious way. */
function reference(rows: Row[], dayLo: number, dayHi: number) {
  const R = ANOMALY_RULES;
  const flagged = [];
  for (const r of rows) {
    if (r.day < dayLo || r.day >= dayHi || r.user_name === '') continue;
    const others = rows.filter(
      (o) => o.user_name === r.user_name && o !== r && o.accesses > 0 && o.day >= dayLo - R.baselineDays * DAY && o.day < dayHi,
    );
    const medianPatients = median(others.map((o) => o.patients));
    const medianNight = median(others.map((o) => o.night));
    const reasons = [];
    if (r.patients > Math.max(R.minPatients, R.patientsFactor * medianPatients)) reasons.push('volume');
    if (r.night > Math.max(R.minNight, R.nightFactor * medianNight)) reasons.push('night');
    if (r.break_glass > 0) reasons.push('break_glass');
    if (reasons.length) flagged.push({ r, medianPatients, medianNight, baselineDays: others.length, reasons });
  }
  flagged.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length || b.r.patients - a.r.patients || b.r.night - a.r.night || b.r.day - a.r.day ||
      (a.r.user_name < b.r.user_name ? -1 : 1),
  );
  return flagged.map(({ r, medianPatients, medianNight, baselineDays, reasons }) => ({
    day: new Date(r.day).toISOString(),
    user: r.user_name,
    accesses: r.accesses,
    patients: r.patients,
    night: r.night,
    breakGlass: r.break_glass,
    medianPatients,
    medianNight,
    baselineDays,
    reasons,
  }));
}

const rows = generate();

beforeAll(async () => {
  ({ db, dispose } = await openTempVault());
  await db.insertMany('rollup_access_user_day', ['day', 'user_name', 'accesses', 'patients', 'night', 'break_glass'], rows.map((r) => [
    r.day, r.user_name, r.accesses, r.patients, r.night, r.break_glass,
  ]));
}, 60_000);
afterAll(async () => dispose());

describe('access-trace anomalies', () => {
  const RANGES: [string, number, number][] = [
    ['the first 10 days (baseline cut by the start of the data)', D0, D0 + 10 * DAY],
    ['90 days in the middle, unaligned ends', D0 + 40 * DAY + 3_600_000, D0 + 130 * DAY - 7_200_000],
    ['one day', D0 + 77 * DAY, D0 + 78 * DAY],
    ['past the data', D0 + 200 * DAY, D0 + 230 * DAY],
  ];
  for (const [name, from, to] of RANGES) {
    it(`equals the naive reading of the rule: ${name}`, async () => {
      const w = windowsOf(from, to);
      const expected = reference(rows, w.dayLo, w.dayHi);
      for (const coarse of [true, false]) {
        const a = await accessAnomalies(db, w, { coarse });
        expect(a.flaggedTotal).toBe(expected.length);
        expect(a.flagged.map(({ query, nightQuery, breakGlassQuery, ...f }) => (query && nightQuery && breakGlassQuery ? f : null))).toEqual(
          expected.slice(0, 100),
        );
      }
      if (name.startsWith('90 days')) {
        // More than the 100 listed, and every reason present: the cut and each rule are exercised.
        expect(expected.length).toBeGreaterThan(100);
        for (const reason of ['volume', 'night', 'break_glass']) expect(expected.some((f) => f.reasons.includes(reason))).toBe(true);
      } else if (name !== 'past the data') expect(expected.length).toBeGreaterThan(0);
    });
  }

  it('reads baselines from the covering index in user order, with no table lookup and no sort', async () => {
    const w = windowsOf(D0 + 40 * DAY, D0 + 130 * DAY);
    const plan = await db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT user_name, group_concat(patients) FROM rollup_access_user_day INDEXED BY rollup_access_user_day_baseline
       WHERE user_name IN (SELECT user_name FROM rollup_access_user_day INDEXED BY rollup_access_user_day_flaggable
         WHERE day >= ? AND day < ? AND user_name <> '' AND (patients > 30 OR night > 10 OR break_glass > 0))
       AND day >= ? AND day < ? GROUP BY user_name`,
      [w.dayLo, w.dayHi, w.dayLo - 28 * DAY, w.dayHi],
    );
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/USING COVERING INDEX rollup_access_user_day_baseline/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });
});
