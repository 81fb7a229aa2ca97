import type { Migration } from './types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: Monday-aligned weeks start 4 days after a multiple of 7 days. */
const MONDAY_SHIFT = 4 * DAY;
const week = (col: string) => `((${col} - ${MONDAY_SHIFT}) / ${WEEK}) * ${WEEK} + ${MONDAY_SHIFT}`;

const entityWeek = (table: string, from: string, column: string) => `
CREATE TABLE ${table} (
  week     INTEGER NOT NULL,   -- Monday 00:00 UTC, ms since epoch
  ${column} TEXT NOT NULL,
  count    INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (week, ${column})
) STRICT, WITHOUT ROWID;
INSERT INTO ${table} (week, ${column}, count, failures)
  SELECT ${week('day')}, ${column}, sum(count), sum(failures) FROM ${from} GROUP BY 1, 2;`;

/**
 * Coarse rollups for long dashboard ranges (main/events/rollups-coarse.ts
 * maintains them at write time, with the others): the same figures as the fine
 * rollups, per UTC day instead of hour and per UTC week (Monday) instead of
 * day, so a 90-day dashboard reads about 90 days + 48 hours of buckets instead
 * of 2,160 hours, and 13 weeks + a few days of top-list rows instead of 90 days.
 * Backfilled from the fine rollups (which equal the events), not from `events`.
 *
 * - `rollup_day`: UTC day × service × severity × outcome × category (= rollup_hour summed per day);
 * - `rollup_user_week`, `rollup_ip_week`, `rollup_host_week` (= rollup_*_day summed per week);
 * - `rollup_access_total_day`: accesses, night accesses, break-glass per UTC day, all users;
 * - a partial index of the user-days that can be flagged as access anomalies (above the
 *   floors of main/events/dashboard-access.ts, or with a break-glass access): the anomaly
 *   panel reads those only, not every user-day of the range.
 */
export const migration011: Migration = {
  version: 11,
  name: 'coarse_rollups',
  sql: `
CREATE TABLE rollup_day (
  day      INTEGER NOT NULL,   -- UTC day start, ms since epoch
  service  TEXT NOT NULL,
  severity INTEGER NOT NULL,
  outcome  TEXT NOT NULL,
  category TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (day, service, severity, outcome, category)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_day (day, service, severity, outcome, category, count)
  SELECT (bucket / ${DAY}) * ${DAY}, service, severity, outcome, category, sum(count) FROM rollup_hour GROUP BY 1, 2, 3, 4, 5;
${entityWeek('rollup_user_week', 'rollup_user_day', 'user_name')}
${entityWeek('rollup_ip_week', 'rollup_ip_day', 'source_ip')}
${entityWeek('rollup_host_week', 'rollup_host_day', 'host')}

CREATE TABLE rollup_access_total_day (
  day         INTEGER NOT NULL PRIMARY KEY,
  accesses    INTEGER NOT NULL,
  night       INTEGER NOT NULL,
  break_glass INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_access_total_day (day, accesses, night, break_glass)
  SELECT day, sum(accesses), sum(night), sum(break_glass) FROM rollup_access_user_day GROUP BY 1;

CREATE INDEX rollup_access_user_day_flaggable ON rollup_access_user_day(day)
  WHERE user_name <> '' AND (patients > 30 OR night > 10 OR break_glass > 0);
`,
};
