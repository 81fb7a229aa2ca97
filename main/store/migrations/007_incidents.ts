import type { Migration } from './types';

/**
 * Columns of `incidents` that may only change together with a history row for
 * the same field (see the `incidents_history_required` trigger). Column →
 * `incident_history.field`. `structure`/`finess` mirror the first affected
 * structure (list display), whose changes are written as `structure` rows.
 */
const TRACED_COLUMNS: readonly (readonly [string, string])[] = [
  ['title', 'title'],
  ['description', 'description'],
  ['severity', 'severity'],
  ['tlp', 'tlp'],
  ['pap', 'pap'],
  ['category', 'category'],
  ['phase', 'phase'],
  ['structure', 'structure'],
  ['finess', 'structure'],
  ['parent_id', 'parent'],
  ['merged_into', 'merged_into'],
];

const untraced = TRACED_COLUMNS.map(
  ([column, field]) =>
    `(new.${column} IS NOT old.${column} AND NOT EXISTS (SELECT 1 FROM incident_history h
       WHERE h.incident_id = new.id AND h.field = '${field}' AND h.ts >= old.updated_at AND h.ts <= new.updated_at))`,
).join('\n    OR ');

/**
 * Incident workflow: PAP, parent/child and merge links, affected structures,
 * hub services, assignees, risk references, linked events, tasks, playbook
 * copies, manual timeline entries, observables, evidence files (chunked BLOBs
 * inside the encrypted vault) with their chain of custody, and the time each
 * alert was first acknowledged (for MTTA).
 *
 * The history stays the only record of change: `incident_history` and
 * `evidence_custody` refuse UPDATE and DELETE, and an UPDATE of a traced
 * incident column is refused unless a history row for that field was written
 * since the previous change (between old and new `updated_at`).
 */
export const migration007: Migration = {
  version: 7,
  name: 'incidents',
  sql: `
ALTER TABLE incidents ADD COLUMN pap TEXT NOT NULL DEFAULT 'AMBER' CHECK (pap IN ('CLEAR','GREEN','AMBER','RED'));
ALTER TABLE incidents ADD COLUMN parent_id INTEGER REFERENCES incidents(id);
ALTER TABLE incidents ADD COLUMN merged_into INTEGER REFERENCES incidents(id);
CREATE INDEX incidents_parent ON incidents(parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE incident_structures (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  name        TEXT NOT NULL,
  finess      TEXT,                     -- 9 characters, Luhn key checked by the engine
  position    INTEGER NOT NULL,
  PRIMARY KEY (incident_id, name)
) STRICT;
INSERT INTO incident_structures (incident_id, name, finess, position)
  SELECT id, structure, finess, 0 FROM incidents WHERE structure IS NOT NULL AND trim(structure) <> '';

CREATE TABLE incident_services (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  service     TEXT NOT NULL,
  PRIMARY KEY (incident_id, service)
) STRICT;

CREATE TABLE incident_assignees (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  name        TEXT NOT NULL,
  PRIMARY KEY (incident_id, name)
) STRICT;

CREATE TABLE incident_risks (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  risk_ref    TEXT NOT NULL,
  PRIMARY KEY (incident_id, risk_ref)
) STRICT;

CREATE TABLE incident_observables (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  type        TEXT NOT NULL CHECK (type IN ('ip','domain','url','hash','email','account')),
  value       TEXT NOT NULL,            -- normalised (lower-case domain, compressed IPv6, …)
  hash_type   TEXT CHECK (hash_type IN ('md5','sha1','sha256')),
  tlp         TEXT NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR','GREEN','AMBER','AMBER+STRICT','RED')),
  description TEXT NOT NULL DEFAULT '',
  sightings   INTEGER,                  -- events found by the last sightings search
  sighted_at  INTEGER,                  -- when that search ran
  added_by    TEXT NOT NULL,
  added_at    INTEGER NOT NULL,
  UNIQUE (incident_id, type, value)
) STRICT;

-- Events linked to an incident: by hand, through an alert, or found by a sightings search.
CREATE TABLE incident_events (
  incident_id   INTEGER NOT NULL REFERENCES incidents(id),
  event_id      INTEGER NOT NULL REFERENCES events(id),
  origin        TEXT NOT NULL CHECK (origin IN ('manual','alert','sighting')),
  observable_id INTEGER REFERENCES incident_observables(id),
  added_by      TEXT NOT NULL,
  added_at      INTEGER NOT NULL,
  PRIMARY KEY (incident_id, event_id)
) STRICT;
CREATE INDEX incident_events_event ON incident_events(event_id);

CREATE TABLE incident_tasks (
  id           INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incidents(id),
  title        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  owner        TEXT,
  due_at       INTEGER,
  status       TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','in_progress','done','cancelled')),
  phase        TEXT CHECK (phase IN ('detection','qualification','confinement','eradication','remediation','cloture')),
  playbook_id  TEXT,                    -- set when created by a playbook: applying it again adds nothing
  playbook_key TEXT,
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (incident_id, playbook_id, playbook_key)
) STRICT;
CREATE INDEX incident_tasks_incident ON incident_tasks(incident_id);

-- Playbooks edited in Vigie: override the shipped template with the same id.
CREATE TABLE incident_playbooks (
  id         TEXT PRIMARY KEY,
  yaml       TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Manual and imported (DFIR-IRIS CSV) timeline entries; automatic ones are derived from incident_history.
CREATE TABLE incident_timeline (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  ts          INTEGER NOT NULL,
  tz          TEXT NOT NULL DEFAULT '+00:00',
  title       TEXT NOT NULL,
  category    TEXT NOT NULL DEFAULT 'Unspecified',
  content     TEXT NOT NULL DEFAULT '',
  raw         TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  assets      TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  iocs        TEXT NOT NULL DEFAULT '[]',
  tags        TEXT NOT NULL DEFAULT '[]',
  origin      TEXT NOT NULL CHECK (origin IN ('manual','iris')),
  dedup       TEXT NOT NULL,            -- sha256 of the entry's content: an import adds an entry once
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (incident_id, dedup)
) STRICT;

CREATE TABLE incident_evidence (
  id           INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incidents(id),
  name         TEXT NOT NULL,           -- sanitised file name
  description  TEXT NOT NULL DEFAULT '',
  size         INTEGER NOT NULL,
  sha256       TEXT,                    -- of the whole file; NULL while an upload is pending
  status       TEXT NOT NULL CHECK (status IN ('pending','stored')),
  upload_token TEXT UNIQUE,             -- chunked upload in progress
  added_by     TEXT NOT NULL,
  added_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX incident_evidence_incident ON incident_evidence(incident_id);

-- File content, at most 1 MiB per row, each with its own sha256.
CREATE TABLE evidence_chunks (
  id          INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES incident_evidence(id),
  seq         INTEGER NOT NULL,
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  data        BLOB NOT NULL,
  UNIQUE (evidence_id, seq)
) STRICT;

-- Chain of custody: every addition, view, download, export and integrity failure. Append-only.
CREATE TABLE evidence_custody (
  id          INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES incident_evidence(id),
  ts          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('added','viewed','downloaded','exported','moved','integrity_failed')),
  verified    INTEGER,                  -- 1: sha256 recomputed and equal; 0: mismatch; NULL: not checked
  sha256      TEXT,                     -- what was computed
  details     TEXT                      -- JSON
) STRICT;
CREATE INDEX evidence_custody_evidence ON evidence_custody(evidence_id, ts);
CREATE TRIGGER evidence_custody_no_update BEFORE UPDATE ON evidence_custody BEGIN
  SELECT RAISE(ABORT, 'evidence_custody is append-only');
END;
CREATE TRIGGER evidence_custody_no_delete BEFORE DELETE ON evidence_custody BEGIN
  SELECT RAISE(ABORT, 'evidence_custody is append-only');
END;

CREATE TRIGGER incident_history_no_update BEFORE UPDATE ON incident_history BEGIN
  SELECT RAISE(ABORT, 'incident_history is append-only');
END;
CREATE TRIGGER incident_history_no_delete BEFORE DELETE ON incident_history BEGIN
  SELECT RAISE(ABORT, 'incident_history is append-only');
END;
CREATE TRIGGER incidents_history_required BEFORE UPDATE ON incidents
  WHEN ${untraced}
BEGIN
  SELECT RAISE(ABORT, 'incident changed without a history row');
END;

-- First acknowledgement of each alert (status leaves 'nouvelle'): the end of its "time to acknowledge".
CREATE TABLE alert_acks (
  alert_id INTEGER PRIMARY KEY REFERENCES alerts(id),
  ts       INTEGER NOT NULL
) STRICT;
CREATE TRIGGER alerts_ack_on_insert AFTER INSERT ON alerts WHEN new.status <> 'nouvelle' BEGIN
  INSERT OR IGNORE INTO alert_acks (alert_id, ts) VALUES (new.id, new.created_at);
END;
CREATE TRIGGER alerts_ack_on_update AFTER UPDATE OF status ON alerts
  WHEN old.status = 'nouvelle' AND new.status <> 'nouvelle'
BEGIN
  INSERT OR IGNORE INTO alert_acks (alert_id, ts)
    VALUES (new.id, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;
`,
};
