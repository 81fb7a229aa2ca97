import type { Migration } from './types';

/** Hourly rollups maintained at ingest time so dashboards never scan events. Backfilled from existing rows. */
export const migration002: Migration = {
  version: 2,
  name: 'rollups',
  sql: `
CREATE TABLE rollup_hour (
  bucket   INTEGER NOT NULL,   -- hour start, ms since epoch UTC
  service  TEXT NOT NULL,
  severity INTEGER NOT NULL,
  outcome  TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (bucket, service, severity, outcome)
) STRICT, WITHOUT ROWID;

INSERT INTO rollup_hour (bucket, service, severity, outcome, count)
  SELECT (ts / 3600000) * 3600000, service, severity, outcome, count(*)
  FROM events GROUP BY 1, 2, 3, 4;

CREATE TABLE rollup_user_day (
  day       INTEGER NOT NULL,  -- day start, ms since epoch UTC
  user_name TEXT NOT NULL,
  count     INTEGER NOT NULL,
  failures  INTEGER NOT NULL,
  PRIMARY KEY (day, user_name)
) STRICT, WITHOUT ROWID;

INSERT INTO rollup_user_day (day, user_name, count, failures)
  SELECT (ts / 86400000) * 86400000, user_name, count(*), sum(outcome = 'failure')
  FROM events WHERE user_name IS NOT NULL GROUP BY 1, 2;
`,
};
