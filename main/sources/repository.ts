/**
 * The `sources` table (migration 005): CRUD, enable/pause, counters, state.
 * Configs are stored as validated JSON (defaults filled in) and never hold a
 * secret; `secretRef` names the source's `secrets` row.
 */
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { CONFIG_SCHEMAS, SOURCE_KINDS, type AnySourceConfig, type SourceKind } from './config';
import { deleteSecret, secretNameFor } from './secrets';

export interface Counters {
  received: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  dropped: number;
}
export const ZERO_COUNTERS: Counters = { received: 0, stored: 0, quarantined: 0, duplicates: 0, dropped: 0 };
export const COUNTER_NAMES = Object.keys(ZERO_COUNTERS) as (keyof Counters)[];

/** Connector progress, in `sources.state` (JSON). */
export interface SourceState {
  /** Highest item timestamp stored (the string the server gave). */
  cursor?: string | null;
  /** Ids (dedup keys) of the items stored whose timestamp equals the cursor: skipped when fetched again. */
  seenAtCursor?: string[];
  /** Start of the last completed run (ms); the scheduler runs a connector when a cron slot passed since. */
  lastRunAt?: number;
}

export interface SourceRecord {
  id: number;
  name: string;
  kind: SourceKind;
  config: AnySourceConfig;
  /** Set when the stored config no longer validates (schema changed): the source cannot start. */
  configError: string | null;
  enabled: boolean;
  state: SourceState;
  createdAt: number;
  updatedAt: number;
  lastOkAt: number | null;
  lastError: string | null;
  counters: Counters;
}

interface Row {
  id: number;
  name: string;
  kind: string;
  config: string;
  enabled: number;
  state: string | null;
  created_at: number;
  updated_at: number;
  last_ok_at: number | null;
  last_error: string | null;
  received: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  dropped: number;
}

/** Highest source id ever allocated: ids are never reused, so old events never point at a new source. */
const LAST_ID_SETTING = 'sources.lastId';

function toRecord(row: Row): SourceRecord {
  const kind = (SOURCE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as SourceKind) : 'folder';
  let config = {} as AnySourceConfig;
  let configError: string | null = null;
  try {
    const parsed = CONFIG_SCHEMAS[kind].safeParse(JSON.parse(row.config));
    if (parsed.success) config = parsed.data as AnySourceConfig;
    else configError = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  } catch {
    configError = 'configuration illisible';
  }
  let state: SourceState = {};
  try {
    state = row.state ? (JSON.parse(row.state) as SourceState) : {};
  } catch {
    state = {};
  }
  return {
    id: row.id,
    name: row.name,
    kind,
    config,
    configError,
    enabled: row.enabled === 1,
    state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastOkAt: row.last_ok_at,
    lastError: row.last_error,
    counters: {
      received: row.received,
      stored: row.stored,
      quarantined: row.quarantined,
      duplicates: row.duplicates,
      dropped: row.dropped,
    },
  };
}

export async function listSources(db: Db): Promise<SourceRecord[]> {
  return (await db.all<Row>('SELECT * FROM sources ORDER BY name COLLATE NOCASE, id')).map(toRecord);
}

export async function findSource(db: Db, id: number): Promise<SourceRecord | null> {
  const row = await db.get<Row>('SELECT * FROM sources WHERE id = ?', [id]);
  return row ? toRecord(row) : null;
}

export async function getSource(db: Db, id: number): Promise<SourceRecord> {
  const found = await findSource(db, id);
  if (!found) throw new VigieError('NOT_FOUND', `Source inconnue : ${id}`);
  return found;
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed: sources\.name/.test(e.message);
}

function nameTaken(name: string): VigieError {
  return new VigieError('CONFLICT', `Une source porte déjà le nom « ${name} ».`, [{ path: 'name', message: 'déjà utilisé' }]);
}

/** Inserts a source (config already validated); returns its id. `secretRef` is set when `withSecret`. */
export async function insertSource(
  db: Db,
  input: { name: string; kind: SourceKind; config: AnySourceConfig; enabled?: boolean },
  withSecret: boolean,
  now = Date.now(),
): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const last = await tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [LAST_ID_SETTING]);
      const max = (await tx.get<{ m: number | null }>('SELECT max(id) AS m FROM sources'))?.m ?? 0;
      const id = Math.max(Number(last?.value ?? 0) || 0, max) + 1;
      const config = withRef(input.config, id, withSecret);
      await tx.run(
        `INSERT INTO sources (id, name, kind, config, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [id, input.name, input.kind, JSON.stringify(config), input.enabled === false ? 0 : 1, now, now],
      );
      await tx.run(
        `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        [LAST_ID_SETTING, String(id)],
      );
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
}

function withRef(config: AnySourceConfig, id: number, withSecret: boolean): AnySourceConfig {
  const copy = { ...config } as AnySourceConfig & { secretRef?: string };
  if (withSecret) copy.secretRef = secretNameFor(id);
  else delete copy.secretRef;
  return copy;
}

/** Updates name and/or config (validated by the caller); a config change resets nothing else. */
export async function updateSourceRow(
  db: Db,
  id: number,
  patch: { name?: string; config?: AnySourceConfig; withSecret: boolean },
  now = Date.now(),
): Promise<void> {
  const current = await getSource(db, id);
  const name = patch.name ?? current.name;
  const config = withRef(patch.config ?? current.config, id, patch.withSecret);
  try {
    await db.run('UPDATE sources SET name = ?, config = ?, updated_at = ? WHERE id = ?', [name, JSON.stringify(config), now, id]);
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(name);
    throw e;
  }
}

export async function setEnabledRow(db: Db, id: number, enabled: boolean, now = Date.now()): Promise<void> {
  const r = await db.run('UPDATE sources SET enabled = ?, updated_at = ? WHERE id = ?', [enabled ? 1 : 0, now, id]);
  if (r.changes === 0) throw new VigieError('NOT_FOUND', `Source inconnue : ${id}`);
}

/**
 * Deletes a source, its secret, and detaches its quarantine and import rows
 * (they keep their origin text). Events keep their `source_id`: ids are never reused.
 */
export async function deleteSourceRow(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('UPDATE quarantine SET source_id = NULL WHERE source_id = ?', [id]);
    await tx.run('UPDATE imports SET source_id = NULL WHERE source_id = ?', [id]);
    await deleteSecret(tx, secretNameFor(id));
    const r = await tx.run('DELETE FROM sources WHERE id = ?', [id]);
    if (r.changes === 0) throw new VigieError('NOT_FOUND', `Source inconnue : ${id}`);
  });
}

/**
 * Adds counter deltas and records the last success / error. `lastError`
 * undefined leaves it, null clears it. Safe inside a caller's transaction.
 */
export async function addCounters(
  db: Db,
  id: number,
  delta: Counters,
  status: { lastOkAt?: number; lastError?: string | null } = {},
): Promise<void> {
  const sets = COUNTER_NAMES.map((c) => `${c} = ${c} + ?`);
  const params: unknown[] = COUNTER_NAMES.map((c) => delta[c]);
  if (status.lastOkAt !== undefined) {
    sets.push('last_ok_at = ?');
    params.push(status.lastOkAt);
  }
  if (status.lastError !== undefined) {
    sets.push('last_error = ?');
    params.push(status.lastError);
  }
  params.push(id);
  await db.run(`UPDATE sources SET ${sets.join(', ')} WHERE id = ?`, params);
}

export async function setLastError(db: Db, id: number, message: string | null): Promise<void> {
  await db.run('UPDATE sources SET last_error = ? WHERE id = ?', [message, id]);
}

export async function writeState(db: Db, id: number, state: SourceState): Promise<void> {
  await db.run('UPDATE sources SET state = ? WHERE id = ?', [JSON.stringify(state), id]);
}
