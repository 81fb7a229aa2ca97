import type { Migration } from './types';

/**
 * Search: full-text index over events (FTS5, external content = the events
 * table itself, kept in step by triggers and backfilled here), saved searches,
 * the append-only log of exports, partial indexes for break-glass counts and
 * source-address pivots.
 *
 * Indexed text: the message plus the user name, host, source address, action,
 * object (record, document, study) and patient pseudonym, so a login, a machine,
 * an address, a document or a pseudonym typed as free text finds its events, and these fields can use the
 * index as a case-insensitive secondary index (main/search/README.md). The raw
 * `original` is not indexed (it would cost ~70 % more ingest CPU for little
 * gain; `event.original:` searches it by substring). Tokenizer: unicode61 with
 * diacritics removed (« echec » finds « Échec »).
 */
export const migration006: Migration = {
  version: 6,
  name: 'search',
  sql: `
CREATE VIRTUAL TABLE events_fts USING fts5(
  message, user_name, host, source_ip, action, object, patient,
  content = 'events', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (events_fts) VALUES ('rebuild');

CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, message, user_name, host, source_ip, action, object, patient)
    VALUES (new.id, new.message, new.user_name, new.host, new.source_ip, new.action, new.object, new.patient);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, message, user_name, host, source_ip, action, object, patient)
    VALUES ('delete', old.id, old.message, old.user_name, old.host, old.source_ip, old.action, old.object, old.patient);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF message, user_name, host, source_ip, action, object, patient ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, message, user_name, host, source_ip, action, object, patient)
    VALUES ('delete', old.id, old.message, old.user_name, old.host, old.source_ip, old.action, old.object, old.patient);
  INSERT INTO events_fts (rowid, message, user_name, host, source_ip, action, object, patient)
    VALUES (new.id, new.message, new.user_name, new.host, new.source_ip, new.action, new.object, new.patient);
END;

-- Break-glass counts (dashboard, access traces) walk only break-glass rows.
CREATE INDEX events_break_glass_ts ON events(ts) WHERE break_glass = 1;
-- Pivots on an address (source.ip:…, CIDR blocks): measured +10 % ingest CPU, the FTS index
-- cannot serve them fast (octets are its commonest tokens).
CREATE INDEX events_source_ip_ts ON events(source_ip, ts) WHERE source_ip IS NOT NULL;

CREATE TABLE saved_searches (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  query       TEXT NOT NULL,
  range_from  TEXT NOT NULL,            -- ISO 8601 or date math (now-24h)
  range_to    TEXT NOT NULL,
  owner       TEXT NOT NULL,            -- operator name
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (owner, name)
) STRICT;

-- Who exported what, when: append-only (the triggers refuse changes and deletions).
CREATE TABLE exports (
  id          INTEGER PRIMARY KEY,
  ts          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  query       TEXT NOT NULL,
  range_from  INTEGER NOT NULL,
  range_to    INTEGER NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('csv', 'json')),
  rows        INTEGER NOT NULL,
  filename    TEXT NOT NULL,
  sha256      TEXT NOT NULL             -- of the exported content
) STRICT;
CREATE INDEX exports_ts ON exports(ts);
CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports BEGIN
  SELECT RAISE(ABORT, 'exports is append-only');
END;
CREATE TRIGGER exports_no_delete BEFORE DELETE ON exports BEGIN
  SELECT RAISE(ABORT, 'exports is append-only');
END;
`,
};
