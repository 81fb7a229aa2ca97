/**
 * Coarse rollups (migration 011) for long dashboard ranges: per UTC day
 * instead of hour, per UTC week (Monday 00:00) instead of day, and the daily
 * access-trace totals. Maintained by `maintainRollups` (rollups.ts) in the
 * same transaction and from the same batch table as the fine ones, so both
 * levels always agree; the dashboard (dashboard-events.ts, dashboard-access.ts)
 * reads the coarse level for the whole days / weeks of a range and the fine
 * level for its edges (`splitRange`).
 */
import { DAY } from './rollups-paris';

export const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: Mondays are 4 days after a multiple of 7 days. */
export const MONDAY_SHIFT = 4 * DAY;

export const COARSE_ROLLUP_TABLES = ['rollup_day', 'rollup_user_week', 'rollup_ip_week', 'rollup_host_week', 'rollup_access_total_day'] as const;

/** Monday 00:00 UTC of the week holding `ms`. */
export function weekOf(ms: number): number {
  return Math.floor((ms - MONDAY_SHIFT) / WEEK) * WEEK + MONDAY_SHIFT;
}

/** SQL: the week start of the integer column `col` (ms UTC, after 1970-01-05). */
export function weekSql(col: string): string {
  return `((${col} - ${MONDAY_SHIFT}) / ${WEEK}) * ${WEEK} + ${MONDAY_SHIFT}`;
}

/**
 * `[lo, hi)` cut into the whole `unit`s it contains (`coarse`, null when none)
 * and the fine-grained edges before and after them. `align(ms)` gives the start
 * of the unit holding `ms`. Every bound is a multiple of the fine unit when lo and hi are.
 */
export function splitRange(
  lo: number,
  hi: number,
  unit: number,
  align: (ms: number) => number,
): { coarse: [number, number] | null; edges: [number, number][] } {
  const first = align(lo) === lo ? lo : align(lo) + unit;
  const last = align(hi);
  if (first >= last) return { coarse: null, edges: [[lo, hi]] };
  const edges: [number, number][] = [];
  if (lo < first) edges.push([lo, first]);
  if (last < hi) edges.push([last, hi]);
  return { coarse: [first, last], edges };
}

export const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;

const BATCH = 'temp.rollup_batch';

function entityWeek(table: string, column: string): string {
  return `INSERT INTO ${table} (week, ${column}, count, failures)
      SELECT week, ${column}, count(*), sum(outcome = 'failure') FROM ${BATCH} WHERE ${column} IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (week, ${column}) DO UPDATE SET count = count + excluded.count, failures = failures + excluded.failures`;
}

/** One statement per coarse rollup, over the batch table (which carries `day` and `week`). */
export const COARSE_ROLLUP_STATEMENTS: readonly string[] = [
  `INSERT INTO rollup_day (day, service, severity, outcome, category, count)
      SELECT day, service, severity, outcome, category, count(*) FROM ${BATCH} WHERE 1 GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (day, service, severity, outcome, category) DO UPDATE SET count = count + excluded.count`,
  entityWeek('rollup_user_week', 'user_name'),
  entityWeek('rollup_ip_week', 'source_ip'),
  entityWeek('rollup_host_week', 'host'),
  `INSERT INTO rollup_access_total_day (day, accesses, night, break_glass)
      SELECT day, count(*), sum(night), sum(break_glass) FROM ${BATCH} WHERE patient IS NOT NULL GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET accesses = accesses + excluded.accesses, night = night + excluded.night,
      break_glass = break_glass + excluded.break_glass`,
];
