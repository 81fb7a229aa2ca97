/**
 * Access-trace anomalies, from `rollup_access_user_day` (UTC day × user:
 * accesses, distinct patients, night accesses, break-glass) and
 * `rollup_break_glass_hour`. A user-day is flagged when:
 *
 * - `volume`: distinct patients > max(30, 3 × the user's median), or
 * - `night`: accesses 20:00–07:00 Paris > max(10, 3 × the user's median), or
 * - `break_glass`: it holds at least one break-glass access.
 *
 * Accesses without a user name (machine traffic such as PACS storage) count
 * in the totals but are never flagged: they describe no one's behaviour.
 *
 * Medians are over the user's OTHER active days (days with at least one
 * access) in the baseline: the 28 days before the range plus the range
 * itself; 0 without any. Only user-days above the floors (30 patients, 10
 * night accesses) or with a break-glass access can be flagged, so baselines
 * are read for the users with such a day in the range only (one statement,
 * from the covering index `rollup_access_user_day_baseline`, migration 012).
 */
import type { AccessAnomalies, AccessAnomaly, AnomalyReason, CountPoint } from '../api/ops/dashboard';
import type { Db } from '../store/db';
import { and, anyOf, BREAK_GLASS, equals, HAS_PATIENT, MAX_QUERY_LENGTH, timeWindow } from './dashboard-query';
import { bucketWindow, type Windows } from './dashboard-events';
import { DAY, nightIntervals } from './rollups-paris';

export const ANOMALY_RULES = {
  minPatients: 30,
  patientsFactor: 3,
  minNight: 10,
  nightFactor: 3,
  nightStart: '20:00',
  nightEnd: '07:00',
  timeZone: 'Europe/Paris',
  baselineDays: 28,
} as const;
export const MAX_FLAGGED = 100;

interface UserDay {
  day: number;
  user_name: string;
  accesses: number;
  patients: number;
  night: number;
  break_glass: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Night windows of [from, to) as one query; past the language's length limit, null. */
function nightWindows(from: number, to: number): string | null {
  const q = anyOf(nightIntervals(from, to).map(([a, b]) => timeWindow(a, b)));
  return q.length > MAX_QUERY_LENGTH - 200 ? null : q;
}

/**
 * Median of `sorted` (ascending) without one occurrence of `v`; of `sorted` itself when `v` is not in it.
 * O(log n): the same figure as sorting the other days again for every candidate day, without the sorting.
 */
export function medianWithout(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= sorted.length || sorted[lo] !== v) return median(Array.from(sorted));
  const n = sorted.length - 1;
  if (n === 0) return 0;
  const at = (k: number) => (k < lo ? sorted[k] : sorted[k + 1]);
  const mid = n >> 1;
  return n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** A user's baseline: the distinct patients and night accesses of each active day, each sorted once. */
interface Baseline {
  patients: Float64Array;
  night: Float64Array;
}

/** `group_concat` of integers to a sorted array (typed arrays sort numerically). */
function sortedNumbers(list: string | null): Float64Array {
  return list ? Float64Array.from(list.split(','), Number).sort() : new Float64Array(0);
}

/**
 * `base`: the user's baseline, the candidate day included (a candidate is always an active day: each of the
 * flaggable figures counts accesses), whose own figures are left out of the medians.
 */
function anomaly(r: UserDay, base: Baseline): Flag | null {
  const medianPatients = medianWithout(base.patients, r.patients);
  const medianNight = medianWithout(base.night, r.night);
  const baselineDays = Math.max(0, base.patients.length - 1);
  const reasons: AnomalyReason[] = [];
  if (r.patients > Math.max(ANOMALY_RULES.minPatients, ANOMALY_RULES.patientsFactor * medianPatients)) reasons.push('volume');
  if (r.night > Math.max(ANOMALY_RULES.minNight, ANOMALY_RULES.nightFactor * medianNight)) reasons.push('night');
  if (r.break_glass > 0) reasons.push('break_glass');
  if (reasons.length === 0) return null;
  return { r, medianPatients, medianNight, baselineDays, reasons };
}

interface Flag {
  r: UserDay;
  medianPatients: number;
  medianNight: number;
  baselineDays: number;
  reasons: AnomalyReason[];
}

/** A flagged user-day with the searches that reproduce it (built only for the listed ones: night windows cost). */
function described({ r, medianPatients, medianNight, baselineDays, reasons }: Flag): AccessAnomaly {
  const user = r.user_name;
  const who = and(equals('user.name', user), HAS_PATIENT);
  const day = timeWindow(r.day, r.day + DAY);
  return {
    day: new Date(r.day).toISOString(),
    user,
    accesses: r.accesses,
    patients: r.patients,
    night: r.night,
    breakGlass: r.break_glass,
    medianPatients,
    medianNight,
    baselineDays,
    reasons,
    query: and(who, day),
    nightQuery: and(who, nightWindows(r.day, r.day + DAY) ?? day),
    breakGlassQuery: and(who, BREAK_GLASS, day),
  };
}

/**
 * The user-days that can be flagged, as the partial index `rollup_access_user_day_flaggable` (migration 011)
 * holds them: the floors are inlined so the statement matches the index's WHERE, and `INDEXED BY` makes a
 * mismatch an error instead of a silent scan of every user-day.
 */
const FLAGGABLE = `user_name <> '' AND (patients > ${ANOMALY_RULES.minPatients} OR night > ${ANOMALY_RULES.minNight} OR break_glass > 0)`;

interface PerUser {
  user_name: string;
  /** Distinct patients of each active day of the baseline, comma-separated (unsorted). */
  patients: string | null;
  night: string | null;
  /** The flaggable days of the range: `day,accesses,patients,night,break_glass;…`. */
  candidates: string | null;
}

/**
 * One row per user with a flaggable day in [$lo, $hi): that user's baseline over [$blo, $hi) and candidate days,
 * as strings (node-sqlite3 builds a JS object per row: 100k user-days as rows cost ≈ 10 × more than as 1k strings).
 * The rows come in user order from the covering index of migration 012: grouped without a sort, no table lookup.
 */
const perUser = (coarse: boolean) => `
SELECT user_name,
  group_concat(patients) FILTER (WHERE accesses > 0) AS patients,
  group_concat(night) FILTER (WHERE accesses > 0) AS night,
  group_concat(day || ',' || accesses || ',' || patients || ',' || night || ',' || break_glass, ';')
    FILTER (WHERE day >= $lo AND ${FLAGGABLE}) AS candidates
FROM rollup_access_user_day INDEXED BY rollup_access_user_day_baseline
WHERE user_name IN (
    SELECT user_name FROM rollup_access_user_day ${coarse ? 'INDEXED BY rollup_access_user_day_flaggable' : 'NOT INDEXED'}
    WHERE day >= $lo AND day < $hi AND ${FLAGGABLE})
  AND day >= $blo AND day < $hi
GROUP BY user_name`;

export async function accessAnomalies(db: Db, w: Windows, opts: { coarse?: boolean } = {}): Promise<AccessAnomalies> {
  const coarse = opts.coarse !== false;
  const totals = await db.get<{ accesses: number | null; night: number | null; bg: number | null }>(
    `SELECT sum(accesses) AS accesses, sum(night) AS night, sum(break_glass) AS bg
     FROM ${coarse ? 'rollup_access_total_day' : 'rollup_access_user_day'} WHERE day >= ? AND day < ?`,
    [w.dayLo, w.dayHi],
  );
  const flagged: Flag[] = [];
  for (const u of await db.all<PerUser>(perUser(coarse), { $lo: w.dayLo, $hi: w.dayHi, $blo: w.dayLo - ANOMALY_RULES.baselineDays * DAY })) {
    const base = { patients: sortedNumbers(u.patients), night: sortedNumbers(u.night) };
    for (const c of u.candidates?.split(';') ?? []) {
      const [day, accesses, patients, night, breakGlass] = c.split(',').map(Number);
      const flag = anomaly({ day, user_name: u.user_name, accesses, patients, night, break_glass: breakGlass }, base);
      if (flag) flagged.push(flag);
    }
  }
  flagged.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length || b.r.patients - a.r.patients || b.r.night - a.r.night || b.r.day - a.r.day ||
      (a.r.user_name < b.r.user_name ? -1 : a.r.user_name > b.r.user_name ? 1 : 0),
  );

  const bgRows = await db.all<{ b: number; n: number }>(
    `SELECT (bucket / ${w.step}) * ${w.step} AS b, sum(count) AS n FROM rollup_break_glass_hour
     WHERE bucket >= ? AND bucket < ? GROUP BY 1`,
    [w.lo, w.hi],
  );
  const bg = new Map(bgRows.map((r) => [r.b, r.n]));
  const breakGlassSeries: CountPoint[] = w.buckets.map((b) => ({
    bucket: new Date(b).toISOString(),
    count: bg.get(b) ?? 0,
    query: and(BREAK_GLASS, bucketWindow(w, b)),
  }));
  const days = timeWindow(w.dayLo, w.dayHi);
  return {
    rules: { ...ANOMALY_RULES },
    accesses: { key: 'accesses', count: totals?.accesses ?? 0, query: and(HAS_PATIENT, days) },
    night: { key: 'night', count: totals?.night ?? 0, query: and(HAS_PATIENT, nightWindows(w.dayLo, w.dayHi) ?? days) },
    breakGlass: { key: 'break_glass', count: totals?.bg ?? 0, query: and(HAS_PATIENT, BREAK_GLASS, days) },
    breakGlassSeries,
    flagged: flagged.slice(0, MAX_FLAGGED).map(described),
    flaggedTotal: flagged.length,
  };
}
