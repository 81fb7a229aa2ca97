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
 * night accesses) can be flagged for volume or night, so baselines are read
 * for those users only (index `rollup_access_user_day_user`).
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
/** Users whose baselines are read per statement. */
const IN_CHUNK = 400;

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

async function baselines(db: Db, users: string[], from: number, to: number): Promise<Map<string, UserDay[]>> {
  const out = new Map<string, UserDay[]>();
  for (let i = 0; i < users.length; i += IN_CHUNK) {
    const chunk = users.slice(i, i + IN_CHUNK);
    const rows = await db.all<UserDay>(
      `SELECT day, user_name, accesses, patients, night, break_glass FROM rollup_access_user_day
       WHERE user_name IN (${chunk.map(() => '?').join(', ')}) AND day >= ? AND day < ?`,
      [...chunk, from, to],
    );
    for (const r of rows) {
      const list = out.get(r.user_name);
      if (list) list.push(r);
      else out.set(r.user_name, [r]);
    }
  }
  return out;
}

/**
 * Median of `sorted` (ascending) without one occurrence of `v`; of `sorted` itself when `v` is not in it.
 * O(log n): the same figure as sorting the other days again for every candidate day, without the sorting.
 */
export function medianWithout(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= sorted.length || sorted[lo] !== v) return median(sorted);
  const n = sorted.length - 1;
  if (n === 0) return 0;
  const at = (k: number) => (k < lo ? sorted[k] : sorted[k + 1]);
  const mid = n >> 1;
  return n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** A user's baseline: active days' distinct patients and night accesses, each sorted once. */
interface Baseline {
  patients: number[];
  night: number[];
}

function baselineOf(rows: UserDay[]): Baseline {
  const active = rows.filter((b) => b.accesses > 0);
  return { patients: active.map((b) => b.patients).sort((a, b) => a - b), night: active.map((b) => b.night).sort((a, b) => a - b) };
}

/** `base`: the user's baseline, the candidate day included (its figures are left out of the medians); null: none read. */
function anomaly(r: UserDay, base: Baseline | null): Flag | null {
  const medianPatients = base ? medianWithout(base.patients, r.patients) : 0;
  const medianNight = base ? medianWithout(base.night, r.night) : 0;
  const baselineDays = base ? base.patients.length - 1 : 0;
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

export async function accessAnomalies(db: Db, w: Windows, opts: { coarse?: boolean } = {}): Promise<AccessAnomalies> {
  const coarse = opts.coarse !== false;
  const totals = await db.get<{ accesses: number | null; night: number | null; bg: number | null }>(
    `SELECT sum(accesses) AS accesses, sum(night) AS night, sum(break_glass) AS bg
     FROM ${coarse ? 'rollup_access_total_day' : 'rollup_access_user_day'} WHERE day >= ? AND day < ?`,
    [w.dayLo, w.dayHi],
  );
  const candidates = await db.all<UserDay>(
    `SELECT day, user_name, accesses, patients, night, break_glass
     FROM rollup_access_user_day ${coarse ? 'INDEXED BY rollup_access_user_day_flaggable' : 'NOT INDEXED'}
     WHERE day >= ? AND day < ? AND ${FLAGGABLE}`,
    [w.dayLo, w.dayHi],
  );
  const needBaseline = [
    ...new Set(candidates.filter((c) => c.patients > ANOMALY_RULES.minPatients || c.night > ANOMALY_RULES.minNight).map((c) => c.user_name)),
  ];
  const base = await baselines(db, needBaseline, w.dayLo - ANOMALY_RULES.baselineDays * DAY, w.dayHi);
  const sortedBase = new Map([...base.entries()].map(([user, rows]) => [user, baselineOf(rows)]));
  const flagged = candidates
    .map((c) => anomaly(c, sortedBase.get(c.user_name) ?? null))
    .filter((a): a is Flag => a !== null)
    .sort((a, b) => b.reasons.length - a.reasons.length || b.r.patients - a.r.patients || b.r.night - a.r.night || b.r.day - a.r.day);

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
