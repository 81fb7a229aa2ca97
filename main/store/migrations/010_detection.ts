import type { Migration } from './types';

/**
 * Detection (main/detect/service, main/alerts): Sigma rules kept in the vault,
 * the live-detection cursor, the alert workflow (assignee, append-only
 * history, comments), suppression rules, the watch-list, the care-relationship
 * list and the addresses each user has been seen from.
 */
export const migration010: Migration = {
  version: 10,
  name: 'detection',
  sql: `
-- Rules imported or written in Vigie (one Sigma document each). A row with the id of a shipped rule overrides it.
CREATE TABLE detection_rules (
  id          TEXT PRIMARY KEY,
  yaml        TEXT NOT NULL,
  origin      TEXT NOT NULL CHECK (origin IN ('imported','custom')),
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  file        TEXT NOT NULL DEFAULT '',
  imported_at INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;

-- Enabled flag of the shipped rules (absent: enabled).
CREATE TABLE detection_builtin_state (
  rule_id    TEXT PRIMARY KEY,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0,1)),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

-- Small key/value state of the detection service (live cursor: last event id processed).
CREATE TABLE detection_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

ALTER TABLE alerts ADD COLUMN assignee TEXT;
CREATE INDEX alert_events_event ON alert_events(event_id);

-- Every change of an alert (created, status, assignee, incident): who, when, from, to. Append-only.
CREATE TABLE alert_history (
  id         INTEGER PRIMARY KEY,
  alert_id   INTEGER NOT NULL REFERENCES alerts(id),
  ts         INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  field      TEXT NOT NULL CHECK (field IN ('created','status','assignee','incident')),
  from_value TEXT,
  to_value   TEXT
) STRICT;
CREATE INDEX alert_history_alert ON alert_history(alert_id, ts);
CREATE TRIGGER alert_history_no_update BEFORE UPDATE ON alert_history BEGIN
  SELECT RAISE(ABORT, 'alert_history is append-only');
END;
CREATE TRIGGER alert_history_no_delete BEFORE DELETE ON alert_history BEGIN
  SELECT RAISE(ABORT, 'alert_history is append-only');
END;

CREATE TABLE alert_comments (
  id       INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  ts       INTEGER NOT NULL,
  author   TEXT NOT NULL,
  text     TEXT NOT NULL CHECK (length(trim(text)) > 0)
) STRICT;
CREATE INDEX alert_comments_alert ON alert_comments(alert_id, ts);

-- Suppression: hits of rule_id whose fields all equal these values are counted, not alerted, until expires_at.
CREATE TABLE alert_suppressions (
  id          INTEGER PRIMARY KEY,
  rule_id     TEXT NOT NULL,
  fields      TEXT NOT NULL,             -- JSON object: field -> value
  reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  expires_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  hits        INTEGER NOT NULL DEFAULT 0,
  last_hit_at INTEGER
) STRICT;
CREATE INDEX alert_suppressions_rule ON alert_suppressions(rule_id, expires_at);

-- Watched records (pseudonyms only). user_name set: watched for that user only (relative, same family name).
CREATE TABLE watchlist (
  id        INTEGER PRIMARY KEY,
  pseudonym TEXT NOT NULL,
  category  TEXT NOT NULL CHECK (category IN ('vip','personnel','famille','autre')),
  label     TEXT NOT NULL DEFAULT '',
  user_name TEXT NOT NULL DEFAULT '',
  added_by  TEXT NOT NULL,
  added_at  INTEGER NOT NULL,
  UNIQUE (pseudonym, user_name)
) STRICT;

-- Care relationships (user -> patient pseudonym), imported as CSV.
CREATE TABLE care_relationships (
  user_name   TEXT NOT NULL,
  patient     TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (user_name, patient)
) STRICT, WITHOUT ROWID;

-- Source addresses seen per user (event times), for "login from a new address".
CREATE TABLE user_source_ips (
  user_name  TEXT NOT NULL,
  ip         TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (user_name, ip)
) STRICT, WITHOUT ROWID;
`,
};
