import type { Migration } from './types';

/** Core schema: settings, normalized events (ECS-named columns documented in main/events/README.md), the app's own audit trail. */
export const migration001: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  ts          INTEGER NOT NULL,          -- @timestamp, ms since epoch, UTC
  ingested    INTEGER NOT NULL,          -- event.ingested, ms since epoch
  source_id   INTEGER,                   -- sources.id (issue 3); NULL for demo/CLI
  dataset     TEXT NOT NULL,             -- event.dataset, e.g. sri.auth
  service     TEXT NOT NULL,             -- service.name: hub service (SRI, ROR, MSSante, PACS, ...)
  host        TEXT,                      -- host.name
  app         TEXT,                      -- process.name / syslog app-name
  severity    INTEGER NOT NULL,          -- 0 info, 1 low, 2 medium, 3 high, 4 critical
  category    TEXT NOT NULL,             -- event.category (ECS allowed values)
  action      TEXT NOT NULL,             -- event.action
  outcome     TEXT NOT NULL,             -- event.outcome: success | failure | unknown
  user_id     TEXT,                      -- user.id
  user_name   TEXT,                      -- user.name
  user_role   TEXT,                      -- user.roles (comma separated)
  source_ip   TEXT,                      -- source.ip
  dest_ip     TEXT,                      -- destination.ip
  patient     TEXT,                      -- health.patient.pseudonym (keyed HMAC, never the identifier)
  object      TEXT,                      -- health.object: the record / document / study accessed
  purpose     TEXT,                      -- health.purpose_of_use (TREAT, ETREAT = break-glass, ...)
  break_glass INTEGER NOT NULL DEFAULT 0,-- health.break_glass
  message     TEXT NOT NULL,             -- message
  original    TEXT NOT NULL,             -- event.original, verbatim
  attrs       TEXT,                      -- extra attributes, JSON object
  fingerprint TEXT NOT NULL UNIQUE       -- dedup key: same source + same bytes + same position = same event
) STRICT;
CREATE INDEX events_ts ON events(ts);
CREATE INDEX events_service_ts ON events(service, ts);
CREATE INDEX events_user_ts ON events(user_name, ts);
CREATE INDEX events_patient_ts ON events(patient, ts) WHERE patient IS NOT NULL;

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  ts      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT,
  details TEXT
) STRICT;
`,
};
