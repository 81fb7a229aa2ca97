import { createHash } from 'node:crypto';
import type { Db } from '../store/db';
import { notifyAfterWrite } from './after-write';
import { eventToJsonRow, INSERT_COLUMNS, toEpochMs, validateEvent } from './columns';
import { maintainRollups, type RollupColumns } from './rollups';
import type { NormalizedEvent } from './types';

export interface WriteOptions {
  /** `sources.id` of the collector the events came from; NULL for demo and CLI imports. */
  sourceId?: number | null;
  /** Dedup key of an event; default `defaultFingerprint`. Collectors pass one that includes source + position. */
  fingerprint?: (e: NormalizedEvent, index: number) => string;
  /** `event.ingested` for events that do not carry one; default: now. */
  ingestedAt?: Date;
  /**
   * The caller already ran `validateEvent` on every event (the import pipeline does, to quarantine a bad
   * one instead of failing its batch): not done a second time. Timestamps are still parsed (`eventToJsonRow`).
   */
  validated?: boolean;
}

export interface WriteResult {
  stored: number;
  duplicates: number;
}

/** sha256(dataset + '\n' + event.original + '\n' + ISO timestamp), hex. */
export function defaultFingerprint(e: NormalizedEvent): string {
  const ts = new Date(toEpochMs(e['@timestamp'])).toISOString();
  return createHash('sha256').update(`${e['event.dataset']}\n${e['event.original']}\n${ts}`, 'utf8').digest('hex');
}

/** Rows per INSERT statement: one JSON parameter each (bounded to keep one string under a few MiB). */
const MAX_ROWS_PER_STATEMENT = 2000;
const col = (c: (typeof INSERT_COLUMNS)[number]) => INSERT_COLUMNS.indexOf(c);
const ROLLUP_COLUMNS: RollupColumns = {
  ts: col('ts'), service: col('service'), host: col('host'), severity: col('severity'), category: col('category'),
  outcome: col('outcome'), user_name: col('user_name'), source_ip: col('source_ip'), patient: col('patient'),
  break_glass: col('break_glass'),
};

/**
 * One bound parameter per statement: a JSON array of rows (arrays in
 * INSERT_COLUMNS order) unpacked by `jsonb_each` (SQLite ≥ 3.51). Binding 24
 * values per row one by one costs more in the driver than the whole JSON
 * round trip (`JSON.stringify` is native; `->>` gives back INTEGER, TEXT or
 * NULL as the STRICT columns expect). `jsonb_each`, not `json_each`: the
 * latter hands each row over as JSON *text*, re-rendered and re-parsed for
 * every one of the 24 `->>` (≈ 40 % of the insert's CPU); the former hands
 * over the parsed binary form, read in place. `attrs` travels as the object
 * itself (`eventToJsonRow`): `->>` renders it back to the text
 * `JSON.stringify(attributes)` gives (numbers and strings are kept as
 * written), instead of a JSON string escaped twice. Same values as
 * `eventToRow` (writer.test.ts round-trips escapes, Unicode, big integers,
 * floats and NULLs).
 * `WHERE true` lets the upsert clause follow a SELECT.
 */
const INSERT_SQL = `INSERT INTO events (${INSERT_COLUMNS.join(', ')})
  SELECT ${INSERT_COLUMNS.map((_, i) => `value->>${i}`).join(', ')} FROM jsonb_each(?) WHERE true
  ON CONFLICT(fingerprint) DO NOTHING`;

const FINGERPRINT_INDEX = INSERT_COLUMNS.indexOf('fingerprint');

/**
 * The rows of the call that were stored, when some were duplicates: the fingerprints of the rows with
 * `id > before` (this transaction's), each matched to its FIRST row in the call — the one `INSERT` kept
 * when the call holds the same fingerprint twice (rows go in in array order).
 */
async function insertedRows(tx: Db, rows: readonly unknown[][], before: number): Promise<unknown[][]> {
  const stored = new Set(
    (await tx.all<{ fingerprint: string }>('SELECT fingerprint FROM events WHERE id > ?', [before])).map((r) => r.fingerprint),
  );
  const out: unknown[][] = [];
  for (const r of rows) {
    const fp = r[FINGERPRINT_INDEX] as string;
    if (stored.delete(fp)) out.push(r);
  }
  return out;
}

/**
 * Stores events and maintains the rollups, all in ONE transaction.
 *
 * Rows go in with `INSERT … SELECT … FROM jsonb_each(?) ON CONFLICT(fingerprint) DO NOTHING`
 * (one JSON parameter per 2,000 rows);
 * the rollups (rollups.ts) are then incremented from exactly the rows this
 * call inserted, grouped in JS. When every row went in (the usual case of an
 * import) those are the call's rows; otherwise they are found by id:
 * `events.id` is an INTEGER PRIMARY KEY without AUTOINCREMENT, so SQLite gives
 * every new row `max(id) + 1`, and inside the transaction no one else writes.
 * Rows with `id > max(id) before` are therefore this call's rows, and a
 * duplicate (skipped) never counts.
 */
export async function writeEvents(db: Db, events: readonly NormalizedEvent[], opts: WriteOptions = {}): Promise<WriteResult> {
  if (events.length === 0) return { stored: 0, duplicates: 0 };
  const ingested = (opts.ingestedAt ?? new Date()).getTime();
  const sourceId = opts.sourceId ?? null;
  const fingerprint = opts.fingerprint ?? defaultFingerprint;
  if (!opts.validated) events.forEach(validateEvent);
  const rows = new Array<unknown[]>(events.length);
  for (let i = 0; i < events.length; i++) rows[i] = eventToJsonRow(events[i], { ingested, sourceId, fingerprint: fingerprint(events[i], i) });

  const stored = await db.transaction(async (tx) => {
    const before = (await tx.get<{ maxId: number | null }>('SELECT max(id) AS maxId FROM events'))?.maxId ?? 0;
    let inserted = 0;
    for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
      const chunk = start === 0 && rows.length <= MAX_ROWS_PER_STATEMENT ? rows : rows.slice(start, start + MAX_ROWS_PER_STATEMENT);
      inserted += (await tx.run(INSERT_SQL, [JSON.stringify(chunk)])).changes;
    }
    if (inserted === 0) return 0;
    await maintainRollups(tx, inserted === rows.length ? rows : await insertedRows(tx, rows, before), ROLLUP_COLUMNS);
    return inserted;
  });
  if (stored > 0) notifyAfterWrite(db, { stored });
  return { stored, duplicates: events.length - stored };
}
