import type { Migration } from './types';

/** Ingestion: sources and their health, credentials, file imports (resumable), quarantine, CSV mappings. */
export const migration005: Migration = {
  version: 5,
  name: 'ingest',
  sql: `
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('folder','syslog-udp','syslog-tcp','syslog-tls','fhir','rest')),
  config      TEXT NOT NULL,             -- JSON, validated by the source kind's schema; never holds a secret
  enabled     INTEGER NOT NULL DEFAULT 1,
  state       TEXT,                      -- JSON: connector cursor etc.
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  last_ok_at  INTEGER,
  last_error  TEXT,
  received    INTEGER NOT NULL DEFAULT 0,
  stored      INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  dropped     INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Credentials of connectors (tokens, passwords, TLS keys): only ever inside the encrypted vault.
CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER REFERENCES sources(id),
  origin      TEXT NOT NULL,             -- file path, upload name
  identity    TEXT NOT NULL,             -- sha256 of the first 64 KiB: same file = same identity
  size        INTEGER,
  format      TEXT NOT NULL,             -- requested format or 'auto'
  status      TEXT NOT NULL CHECK (status IN ('running','done','cancelled','failed','interrupted')),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  bytes_done  INTEGER NOT NULL DEFAULT 0, -- input bytes fully committed (resume point)
  records_in  INTEGER NOT NULL DEFAULT 0,
  stored      INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  options     TEXT,                      -- JSON: timezone, csv mapping name…
  message     TEXT
) STRICT;
CREATE INDEX imports_identity ON imports(identity);

CREATE TABLE quarantine (
  id           INTEGER PRIMARY KEY,
  import_id    INTEGER REFERENCES imports(id),
  source_id    INTEGER REFERENCES sources(id),
  origin       TEXT NOT NULL,            -- file path or listener name
  position     TEXT NOT NULL,            -- 'line 12', 'offset 4096', 'frame 7'
  raw          BLOB NOT NULL,            -- the bytes as received (possibly truncated copy for huge records, see reason)
  format       TEXT,
  code         TEXT NOT NULL,
  reason       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  fingerprint  TEXT NOT NULL UNIQUE,
  reprocessed_at INTEGER,
  resolved_event_id INTEGER REFERENCES events(id)
) STRICT;
CREATE INDEX quarantine_open ON quarantine(created_at) WHERE resolved_event_id IS NULL;

CREATE TABLE csv_mappings (
  name       TEXT PRIMARY KEY,
  mapping    TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`,
};
