import type { Migration } from './types';

/** Alerts (grouped detections) and incidents with an append-only history. */
export const migration003: Migration = {
  version: 3,
  name: 'alerts_incidents',
  sql: `
CREATE TABLE incidents (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  severity    INTEGER NOT NULL,
  tlp         TEXT NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR','GREEN','AMBER','AMBER+STRICT','RED')),
  category    TEXT NOT NULL,
  phase       TEXT NOT NULL DEFAULT 'detection'
              CHECK (phase IN ('detection','qualification','confinement','eradication','remediation','cloture')),
  structure   TEXT,
  finess      TEXT,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE incident_history (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  ts          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  field       TEXT NOT NULL,
  from_value  TEXT,
  to_value    TEXT
) STRICT;
CREATE INDEX incident_history_incident ON incident_history(incident_id, ts);

CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  rule_id     TEXT NOT NULL,
  title       TEXT NOT NULL,
  severity    INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'nouvelle'
              CHECK (status IN ('nouvelle','prise_en_compte','faux_positif','vrai_positif','close')),
  group_key   TEXT NOT NULL,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  event_count INTEGER NOT NULL DEFAULT 0,
  incident_id INTEGER REFERENCES incidents(id),
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX alerts_status ON alerts(status, last_seen);
CREATE INDEX alerts_rule_key ON alerts(rule_id, group_key, last_seen);

CREATE TABLE alert_events (
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (alert_id, event_id)
) STRICT, WITHOUT ROWID;
`,
};
