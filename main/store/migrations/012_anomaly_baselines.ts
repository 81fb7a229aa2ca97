import type { Migration } from './types';

/**
 * The access-anomaly panel (main/events/dashboard-access.ts) reads, for every
 * user with a flaggable day in the range, all of that user's days of the range
 * and of the 28 days before (the baseline). Migration 009's index on
 * `rollup_access_user_day(user_name, day)` found those rows but sent each one
 * back to the table for its figures; this index carries the figures, so the
 * panel reads them in user order from the index alone, grouped without a sort
 * (a 90-day dashboard on 5M events: ≈ 240 → ≈ 45 ms for the panel's reads).
 * It replaces the narrower index (same leading columns, nothing else used it).
 */
export const migration012: Migration = {
  version: 12,
  name: 'anomaly_baselines',
  sql: `
DROP INDEX rollup_access_user_day_user;
CREATE INDEX rollup_access_user_day_baseline
  ON rollup_access_user_day(user_name, day, accesses, patients, night, break_glass);
`,
};
