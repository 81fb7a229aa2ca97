/**
 * Coarse rollups (migration 011) for long dashboard ranges: per UTC day
 * instead of hour, per UTC week (Monday 00:00) instead of day, and the daily
 * access-trace totals. Maintained by `maintainRollups` (rollups.ts) in the
 * same transaction and from the same groups as the fine ones, so both
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
