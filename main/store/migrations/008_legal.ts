import type { Migration } from './types';

/** SQL expression of a random UUID version 4 (RFC 4122 variant), lower-case. */
const UUID_V4 = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/** Tables whose rows get a stable UUID (shared bundles, MISP, STIX). */
const UUID_TABLES = ['incidents', 'incident_observables', 'incident_tasks', 'incident_timeline', 'incident_evidence'] as const;

const uuidColumns = UUID_TABLES.map(
  (t) => `
ALTER TABLE ${t} ADD COLUMN uuid TEXT;
UPDATE ${t} SET uuid = ${UUID_V4} WHERE uuid IS NULL;
CREATE UNIQUE INDEX ${t}_uuid ON ${t}(uuid);
CREATE TRIGGER ${t}_uuid_on_insert AFTER INSERT ON ${t} WHEN new.uuid IS NULL BEGIN
  UPDATE ${t} SET uuid = ${UUID_V4} WHERE rowid = new.rowid;
END;
CREATE TRIGGER ${t}_uuid_fixed BEFORE UPDATE OF uuid ON ${t} WHEN old.uuid IS NOT NULL AND new.uuid IS NOT old.uuid BEGIN
  SELECT RAISE(ABORT, '${t}.uuid cannot change');
END;`,
).join('\n');

const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN
  SELECT RAISE(ABORT, '${table} is append-only');
END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN
  SELECT RAISE(ABORT, '${table} is append-only');
END;`;

const TLP_CHECK = `IN ('CLEAR','GREEN','AMBER','AMBER+STRICT','RED')`;
const GDPR_DELAY_MS = 72 * 3_600_000;

/**
 * Legal clocks and sharing (see main/incidents/legal/README.md and
 * main/incidents/export/README.md):
 *
 * - a stable UUID v4 on incidents, observables, tasks, timeline entries and
 *   evidence, assigned on insert by a trigger (existing rows backfilled), never
 *   changed — bundle imports match on it;
 * - a TLP on timeline entries and evidence (NULL: the incident's TLP), used by
 *   TLP-aware exports;
 * - provenance of shared bundles (`incident_imports`, append-only; `import_id`
 *   on the items an import added);
 * - the ARS / CERT Santé declaration of an incident (`ars_declarations`) and the
 *   personal-data breach register of GDPR Art. 33(5) (`breaches`): rows are
 *   never deleted, every change is written to the append-only `legal_history`
 *   first (an update must move `updated_at` forward to the time of a history
 *   row written for it, otherwise it is refused), and a CNIL
 *   notification later than 72 h after awareness needs reasons for the delay;
 * - the log of deadline notifications (`legal_notifications`: each sent once).
 */
export const migration008: Migration = {
  version: 8,
  name: 'legal',
  sql: `
${uuidColumns}

ALTER TABLE incident_timeline ADD COLUMN tlp TEXT CHECK (tlp IS NULL OR tlp ${TLP_CHECK});
ALTER TABLE incident_evidence ADD COLUMN tlp TEXT CHECK (tlp IS NULL OR tlp ${TLP_CHECK});

CREATE TABLE incident_imports (
  id               INTEGER PRIMARY KEY,
  incident_id      INTEGER NOT NULL REFERENCES incidents(id),
  bundle_sha256    TEXT NOT NULL,         -- of the bundle as received
  source_member    TEXT NOT NULL,         -- task-force member who exported it
  source_instance  TEXT,                  -- UUID of the exporting Vigie
  exported_at      INTEGER,               -- when the member exported it (ms, UTC)
  imported_at      INTEGER NOT NULL,
  imported_by      TEXT NOT NULL,
  created_incident INTEGER NOT NULL CHECK (created_incident IN (0, 1)),
  counts           TEXT NOT NULL,         -- JSON: items added and already present
  UNIQUE (incident_id, bundle_sha256)
) STRICT;
CREATE INDEX incident_imports_sha ON incident_imports(bundle_sha256);
${appendOnly('incident_imports')}

ALTER TABLE incidents ADD COLUMN import_id INTEGER REFERENCES incident_imports(id);
ALTER TABLE incident_observables ADD COLUMN import_id INTEGER REFERENCES incident_imports(id);
ALTER TABLE incident_tasks ADD COLUMN import_id INTEGER REFERENCES incident_imports(id);
ALTER TABLE incident_timeline ADD COLUMN import_id INTEGER REFERENCES incident_imports(id);

CREATE TABLE legal_history (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  kind        TEXT NOT NULL CHECK (kind IN ('ars', 'gdpr')),
  ts          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  field       TEXT NOT NULL,
  from_value  TEXT,
  to_value    TEXT
) STRICT;
CREATE INDEX legal_history_incident ON legal_history(incident_id, kind, ts);
${appendOnly('legal_history')}

CREATE TABLE ars_declarations (
  incident_id   INTEGER PRIMARY KEY REFERENCES incidents(id),
  discovered_at INTEGER NOT NULL,        -- start of the "sans délai" clock
  answers       TEXT NOT NULL DEFAULT '{}', -- JSON: criterion id -> true/false/null
  qualification TEXT CHECK (qualification IN ('aucun', 'grave', 'significatif')),
  qualified_by  TEXT,
  qualified_at  INTEGER,
  declared_at   INTEGER,
  declared_by   TEXT,
  reference     TEXT,                    -- number given by the national portal
  form          TEXT NOT NULL DEFAULT '{}', -- JSON: declarant and the four blocks as edited
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_by    TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK (declared_at IS NULL OR declared_by IS NOT NULL)
) STRICT;
CREATE TRIGGER ars_declarations_no_delete BEFORE DELETE ON ars_declarations BEGIN
  SELECT RAISE(ABORT, 'ars_declarations rows are never deleted');
END;
CREATE TRIGGER ars_declarations_history_required BEFORE UPDATE ON ars_declarations
  WHEN new.updated_at <= old.updated_at OR NOT EXISTS (SELECT 1 FROM legal_history h
    WHERE h.incident_id = new.incident_id AND h.kind = 'ars' AND h.ts = new.updated_at)
BEGIN
  SELECT RAISE(ABORT, 'ARS declaration changed without a history row');
END;

-- GDPR Art. 33(5) register: every personal-data breach, notified or not.
CREATE TABLE breaches (
  id                   INTEGER PRIMARY KEY,
  ref                  TEXT NOT NULL UNIQUE,   -- VIOL-2026-001
  incident_id          INTEGER NOT NULL UNIQUE REFERENCES incidents(id),
  aware_at             INTEGER NOT NULL,       -- awareness: start of the 72 h (ms, UTC)
  occurred_at          INTEGER,
  nature               TEXT NOT NULL DEFAULT '',    -- Art. 33(3)(a)
  breach_types         TEXT NOT NULL DEFAULT '[]',  -- confidentiality / integrity / availability
  subject_categories   TEXT NOT NULL DEFAULT '[]',
  subjects_approx      INTEGER CHECK (subjects_approx IS NULL OR subjects_approx >= 0),
  record_categories    TEXT NOT NULL DEFAULT '[]',
  records_approx       INTEGER CHECK (records_approx IS NULL OR records_approx >= 0),
  dpo_contact          TEXT NOT NULL DEFAULT '',    -- Art. 33(3)(b)
  consequences         TEXT NOT NULL DEFAULT '',    -- Art. 33(3)(c)
  measures             TEXT NOT NULL DEFAULT '',    -- Art. 33(3)(d)
  risk                 TEXT NOT NULL DEFAULT 'undetermined' CHECK (risk IN ('undetermined', 'none', 'risk', 'high')),
  risk_justification   TEXT NOT NULL DEFAULT '',
  notified_at          INTEGER,                     -- notification to the CNIL
  cnil_reference       TEXT,
  delay_reasons        TEXT NOT NULL DEFAULT '',
  subjects_decision    TEXT NOT NULL DEFAULT 'undetermined' CHECK (subjects_decision IN ('undetermined', 'required', 'not_required')),
  subjects_exemption   TEXT CHECK (subjects_exemption IN ('protected', 'mitigated', 'disproportionate')),
  subjects_notified_at INTEGER,                     -- Art. 34 communication
  subjects_means       TEXT NOT NULL DEFAULT '',
  subjects_content     TEXT NOT NULL DEFAULT '',
  created_by           TEXT NOT NULL,
  created_at           INTEGER NOT NULL,
  updated_by           TEXT NOT NULL,
  updated_at           INTEGER NOT NULL,
  CHECK (notified_at IS NULL OR notified_at <= aware_at + ${GDPR_DELAY_MS} OR length(trim(delay_reasons)) > 0)
) STRICT;
CREATE INDEX breaches_aware ON breaches(aware_at);
CREATE TRIGGER breaches_no_delete BEFORE DELETE ON breaches BEGIN
  SELECT RAISE(ABORT, 'the breach register keeps every breach');
END;
CREATE TRIGGER breaches_history_required BEFORE UPDATE ON breaches
  WHEN new.updated_at <= old.updated_at OR new.ref IS NOT old.ref OR new.incident_id IS NOT old.incident_id
    OR NOT EXISTS (SELECT 1 FROM legal_history h
      WHERE h.incident_id = new.incident_id AND h.kind = 'gdpr' AND h.ts = new.updated_at)
BEGIN
  SELECT RAISE(ABORT, 'breach changed without a history row');
END;

-- Deadline notifications already sent (or superseded by a more urgent one): each at most once.
CREATE TABLE legal_notifications (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  kind        TEXT NOT NULL CHECK (kind IN ('ars', 'cnil')),
  threshold   TEXT NOT NULL CHECK (threshold IN ('24h', '6h', '1h', 'overdue')),
  ref_at      INTEGER NOT NULL,          -- the deadline (cnil) or clock start (ars) it refers to
  sent_at     INTEGER NOT NULL,
  delivered   INTEGER NOT NULL CHECK (delivered IN (0, 1)),
  UNIQUE (incident_id, kind, threshold, ref_at)
) STRICT;
`,
};
