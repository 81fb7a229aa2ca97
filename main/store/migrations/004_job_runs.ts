import type { Migration } from './types';

/** Every run of a scheduled job: start, end, outcome; what the job registry shows and catches up from. */
export const migration004: Migration = {
  version: 4,
  name: 'job_runs',
  sql: `
CREATE TABLE job_runs (
  id         INTEGER PRIMARY KEY,
  job        TEXT NOT NULL,
  trigger    TEXT NOT NULL CHECK (trigger IN ('schedule','catch-up','manual')),
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  outcome    TEXT NOT NULL CHECK (outcome IN ('running','success','failure','skipped')),
  message    TEXT
) STRICT;
CREATE INDEX job_runs_job ON job_runs(job, started_at);
`,
};
