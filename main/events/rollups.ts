/**
 * Rollup maintenance at ingest time (see README.md, « Rollups »).
 *
 * `maintainRollups` runs inside `writeEvents`' transaction, right after the
 * INSERTs, and adds the rows this call inserted (`id > afterId`) to every
 * rollup: ONE `INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE` per rollup
 * over those rows only. Migration 009 backfills the same tables with the same
 * definitions over all existing events.
 */
import type { Db } from '../store/db';
import { COARSE_ROLLUP_STATEMENTS, COARSE_ROLLUP_TABLES, weekSql } from './rollups-coarse';
import { DAY, HOUR, nightSql } from './rollups-paris';

/** Every rollup table, for tests and tools (all are WITHOUT ROWID, keyed by their time bucket first). */
export const ROLLUP_TABLES = [
  'rollup_hour',
  'rollup_user_day',
  'rollup_ip_day',
  'rollup_host_day',
  'rollup_access_user_day',
  'rollup_access_day',
  'rollup_break_glass_hour',
  ...COARSE_ROLLUP_TABLES,
] as const;

/**
 * The rows this call inserted, narrowed to the rollup columns, copied ONCE from
 * `events` (a rowid range read: `NOT INDEXED`, so the planner never walks
 * `events_patient_ts` or `events_break_glass_ts`, which would touch every
 * older row too) into a connection-private in-memory table: every rollup
 * then groups that small table instead of re-reading the wide event rows.
 */
const BATCH = 'temp.rollup_batch';
const CREATE_BATCH = `CREATE TEMP TABLE IF NOT EXISTS rollup_batch (
  hour INTEGER, day INTEGER, week INTEGER, service TEXT, severity INTEGER, outcome TEXT, category TEXT,
  user_name TEXT, source_ip TEXT, host TEXT, patient TEXT, night INTEGER, break_glass INTEGER)`;

function fillBatch(night: string): string {
  return `INSERT INTO ${BATCH}
    SELECT (ts / ${HOUR}) * ${HOUR}, (ts / ${DAY}) * ${DAY}, ${weekSql(`((ts / ${DAY}) * ${DAY})`)}, service, severity, outcome, category,
           user_name, source_ip, host, patient, CASE WHEN patient IS NULL THEN 0 ELSE ${night} END, break_glass
    FROM events NOT INDEXED WHERE id > ?`;
}

/** Top-N per day of one column: count and failures. */
function entityDay(table: string, column: string): string {
  return `INSERT INTO ${table} (day, ${column}, count, failures)
      SELECT day, ${column}, count(*), sum(outcome = 'failure') FROM ${BATCH} WHERE ${column} IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (day, ${column}) DO UPDATE SET count = count + excluded.count, failures = failures + excluded.failures`;
}

/** One statement per rollup, over the batch table. */
export const ROLLUP_STATEMENTS: readonly string[] = [
  `INSERT INTO rollup_hour (bucket, service, severity, outcome, category, count)
      SELECT hour, service, severity, outcome, category, count(*) FROM ${BATCH} WHERE 1 GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (bucket, service, severity, outcome, category) DO UPDATE SET count = count + excluded.count`,
  entityDay('rollup_user_day', 'user_name'),
  entityDay('rollup_ip_day', 'source_ip'),
  entityDay('rollup_host_day', 'host'),
  // Before rollup_access_day: a (day, user, patient) not yet there is a new distinct patient of that user-day.
  `INSERT INTO rollup_access_user_day (day, user_name, accesses, patients, night, break_glass)
      SELECT day, u, sum(c),
             sum(NOT EXISTS (SELECT 1 FROM rollup_access_day r WHERE r.day = t.day AND r.user_name = t.u AND r.patient = t.patient)),
             sum(n), sum(bg)
      FROM (SELECT day, coalesce(user_name, '') AS u, patient, count(*) AS c, sum(night) AS n, sum(break_glass) AS bg
            FROM ${BATCH} WHERE patient IS NOT NULL GROUP BY 1, 2, 3) AS t
      WHERE 1 GROUP BY day, u
    ON CONFLICT (day, user_name) DO UPDATE SET accesses = accesses + excluded.accesses,
      patients = patients + excluded.patients, night = night + excluded.night,
      break_glass = break_glass + excluded.break_glass`,
  `INSERT INTO rollup_access_day (day, user_name, patient, count, night, break_glass)
      SELECT day, coalesce(user_name, ''), patient, count(*), sum(night), sum(break_glass)
      FROM ${BATCH} WHERE patient IS NOT NULL GROUP BY 1, 2, 3
    ON CONFLICT (day, user_name, patient) DO UPDATE SET count = count + excluded.count,
      night = night + excluded.night, break_glass = break_glass + excluded.break_glass`,
  `INSERT INTO rollup_break_glass_hour (bucket, service, user_name, count)
      SELECT hour, service, coalesce(user_name, ''), count(*) FROM ${BATCH} WHERE break_glass = 1 GROUP BY 1, 2, 3
    ON CONFLICT (bucket, service, user_name) DO UPDATE SET count = count + excluded.count`,
  ...COARSE_ROLLUP_STATEMENTS,
];

/**
 * Adds the events with `id > afterId` (this transaction's inserts) to every
 * rollup. `span` bounds their `ts` (it may be wider): the Paris night test is
 * exact inside it.
 */
export async function maintainRollups(tx: Db, afterId: number, span: { minTs: number; maxTs: number }): Promise<void> {
  if (!Number.isSafeInteger(afterId)) throw new Error(`maintainRollups: invalid id ${String(afterId)}`);
  // ONE exec (sqlite3_exec: one trip to the thread pool) instead of one call per statement: each call
  // needs a turn of the main thread's event loop to issue the next one, and the main thread is busy
  // parsing the next batch meanwhile. The only value, afterId, is an integer checked above.
  await tx.exec(
    [
      CREATE_BATCH,
      `DELETE FROM ${BATCH}`,
      fillBatch(nightSql('ts', span.minTs, span.maxTs)).replace(/\?$/, String(afterId)),
      ...ROLLUP_STATEMENTS,
      `DELETE FROM ${BATCH}`,
    ].join(';\n'),
  );
}

/** The statement reading `events` (for plan checks). */
export function batchFillStatement(span: { minTs: number; maxTs: number }): string {
  return fillBatch(nightSql('ts', span.minTs, span.maxTs));
}
