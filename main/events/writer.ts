import { createHash } from 'node:crypto';
import type { Db } from '../store/db';
import { eventToRow, INSERT_COLUMNS, toEpochMs, validateEvent } from './columns';
import type { NormalizedEvent } from './types';

export interface WriteOptions {
  /** `sources.id` of the collector the events came from; NULL for demo and CLI imports. */
  sourceId?: number | null;
  /** Dedup key of an event; default `defaultFingerprint`. Collectors pass one that includes source + position. */
  fingerprint?: (e: NormalizedEvent, index: number) => string;
  /** `event.ingested` for events that do not carry one; default: now. */
  ingestedAt?: Date;
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

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Upper bound of rows per INSERT statement, below the parameter limit anyway. */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Stores events and maintains the rollups, all in ONE transaction.
 *
 * Rows go in with multi-row `INSERT … ON CONFLICT(fingerprint) DO NOTHING`;
 * the rollups are then incremented from exactly the rows this call inserted.
 * Those are found by id: `events.id` is an INTEGER PRIMARY KEY without
 * AUTOINCREMENT, so SQLite gives every new row `max(id) + 1`, and inside the
 * transaction no one else writes. Rows with `id > max(id) before` are
 * therefore this call's rows, and a duplicate (skipped) never counts.
 */
export async function writeEvents(db: Db, events: readonly NormalizedEvent[], opts: WriteOptions = {}): Promise<WriteResult> {
  if (events.length === 0) return { stored: 0, duplicates: 0 };
  const ingested = (opts.ingestedAt ?? new Date()).getTime();
  const sourceId = opts.sourceId ?? null;
  const fingerprint = opts.fingerprint ?? defaultFingerprint;
  const rows = events.map((e, i) => {
    validateEvent(e, i);
    return eventToRow(e, { ingested, sourceId, fingerprint: fingerprint(e, i) });
  });

  const stored = await db.transaction(async (tx) => {
    const before = (await tx.get<{ maxId: number | null }>('SELECT max(id) AS maxId FROM events'))?.maxId ?? 0;
    const perStatement = Math.max(
      1,
      Math.min(MAX_ROWS_PER_STATEMENT, Math.floor((await tx.maxBoundParams()) / INSERT_COLUMNS.length)),
    );
    const head = `INSERT INTO events (${INSERT_COLUMNS.join(', ')}) VALUES `;
    const tuple = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`;
    let inserted = 0;
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const sql = head + chunk.map(() => tuple).join(', ') + ' ON CONFLICT(fingerprint) DO NOTHING';
      inserted += (await tx.run(sql, chunk.flat())).changes;
    }
    if (inserted === 0) return 0;
    await tx.run(
      `INSERT INTO rollup_hour (bucket, service, severity, outcome, count)
         SELECT (ts / ${HOUR}) * ${HOUR}, service, severity, outcome, count(*)
         FROM events WHERE id > ? GROUP BY 1, 2, 3, 4
       ON CONFLICT (bucket, service, severity, outcome) DO UPDATE SET count = count + excluded.count`,
      [before],
    );
    await tx.run(
      `INSERT INTO rollup_user_day (day, user_name, count, failures)
         SELECT (ts / ${DAY}) * ${DAY}, user_name, count(*), sum(outcome = 'failure')
         FROM events WHERE id > ? AND user_name IS NOT NULL GROUP BY 1, 2
       ON CONFLICT (day, user_name) DO UPDATE SET
         count = count + excluded.count, failures = failures + excluded.failures`,
      [before],
    );
    return inserted;
  });
  return { stored, duplicates: events.length - stored };
}
