import type { Migration } from './types';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Paris offset (ms) of `ts`, any year, by the EU rule: summer time from the
 * last Sunday of March 01:00 UTC (the first Sunday on or after March 25) to
 * the last Sunday of October 01:00 UTC. Exact but costly (two date
 * computations a row): used once here; the writer binds the periods instead
 * (main/events/rollups-paris.ts), and tests check both agree with the tz database.
 */
const sunday = (months: number) =>
  `strftime('%s', date(ts / 1000, 'unixepoch', 'start of year', '+${months} months', '+24 days', 'weekday 0')) * 1000 + ${HOUR}`;
const PARIS_OFFSET = `(CASE WHEN ts >= ${sunday(2)} AND ts < ${sunday(9)} THEN ${2 * HOUR} ELSE ${HOUR} END)`;
const PARIS_HOUR = `(((ts + ${PARIS_OFFSET}) / ${HOUR}) % 24)`;
/** 1 for 20:00–07:00 Paris time. */
const NIGHT = `(${PARIS_HOUR} >= 20 OR ${PARIS_HOUR} < 7)`;

const entityDay = (table: string, column: string) => `
CREATE TABLE ${table} (
  day      INTEGER NOT NULL,   -- day start, ms since epoch UTC
  ${column} TEXT NOT NULL,
  count    INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (day, ${column})
) STRICT, WITHOUT ROWID;
INSERT INTO ${table} (day, ${column}, count, failures)
  SELECT (ts / ${DAY}) * ${DAY}, ${column}, count(*), sum(outcome = 'failure')
  FROM events WHERE ${column} IS NOT NULL GROUP BY 1, 2;`;

/**
 * Dashboard rollups (maintained by `writeEvents`, main/events/rollups.ts),
 * backfilled from the existing events:
 *
 * - `rollup_hour` gains `category` in its key (exact authentication failures);
 *   sums over the other columns are unchanged; `rollup_user_day` is recomputed
 *   too, so every rollup starts equal to the events;
 * - top source addresses and hosts per UTC day (count, failures);
 * - access traces (events with a patient pseudonym): per UTC day × user ×
 *   patient (`rollup_access_day`: accesses, night accesses 20:00–07:00 Paris,
 *   break-glass) and per UTC day × user (`rollup_access_user_day`: accesses,
 *   DISTINCT patients, night, break-glass) — an absent user is stored as '';
 * - break-glass accesses per hour × service × user.
 */
export const migration009: Migration = {
  version: 9,
  name: 'dashboards',
  sql: `
CREATE TABLE rollup_hour_v9 (
  bucket   INTEGER NOT NULL,   -- hour start, ms since epoch UTC
  service  TEXT NOT NULL,
  severity INTEGER NOT NULL,
  outcome  TEXT NOT NULL,
  category TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (bucket, service, severity, outcome, category)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_hour_v9 (bucket, service, severity, outcome, category, count)
  SELECT (ts / ${HOUR}) * ${HOUR}, service, severity, outcome, category, count(*)
  FROM events GROUP BY 1, 2, 3, 4, 5;
DROP TABLE rollup_hour;
ALTER TABLE rollup_hour_v9 RENAME TO rollup_hour;
DELETE FROM rollup_user_day;
INSERT INTO rollup_user_day (day, user_name, count, failures)
  SELECT (ts / ${DAY}) * ${DAY}, user_name, count(*), sum(outcome = 'failure')
  FROM events WHERE user_name IS NOT NULL GROUP BY 1, 2;
${entityDay('rollup_ip_day', 'source_ip')}
${entityDay('rollup_host_day', 'host')}

CREATE TABLE rollup_access_day (
  day         INTEGER NOT NULL,  -- day start, ms since epoch UTC
  user_name   TEXT NOT NULL,     -- '' when the event has no user
  patient     TEXT NOT NULL,     -- pseudonym
  count       INTEGER NOT NULL,
  night       INTEGER NOT NULL,  -- accesses 20:00–07:00 Europe/Paris
  break_glass INTEGER NOT NULL,
  PRIMARY KEY (day, user_name, patient)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_access_day (day, user_name, patient, count, night, break_glass)
  SELECT (ts / ${DAY}) * ${DAY}, coalesce(user_name, ''), patient, count(*), sum(${NIGHT}), sum(break_glass)
  FROM events WHERE patient IS NOT NULL GROUP BY 1, 2, 3;

CREATE TABLE rollup_access_user_day (
  day         INTEGER NOT NULL,
  user_name   TEXT NOT NULL,
  accesses    INTEGER NOT NULL,
  patients    INTEGER NOT NULL,  -- distinct patients that day
  night       INTEGER NOT NULL,
  break_glass INTEGER NOT NULL,
  PRIMARY KEY (day, user_name)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_access_user_day (day, user_name, accesses, patients, night, break_glass)
  SELECT day, user_name, sum(count), count(*), sum(night), sum(break_glass)
  FROM rollup_access_day GROUP BY 1, 2;
CREATE INDEX rollup_access_user_day_user ON rollup_access_user_day(user_name, day);

CREATE TABLE rollup_break_glass_hour (
  bucket    INTEGER NOT NULL,
  service   TEXT NOT NULL,
  user_name TEXT NOT NULL,       -- '' when the event has no user
  count     INTEGER NOT NULL,
  PRIMARY KEY (bucket, service, user_name)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_break_glass_hour (bucket, service, user_name, count)
  SELECT (ts / ${HOUR}) * ${HOUR}, service, coalesce(user_name, ''), count(*)
  FROM events WHERE break_glass = 1 GROUP BY 1, 2, 3;
`,
};
