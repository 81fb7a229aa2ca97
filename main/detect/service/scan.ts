/**
 * Reading stored events back for detection: by id after a cursor (live),
 * or over a time range in (ts, id) order (retro-hunts, "test on the last N
 * days"), in batches, as NormalizedEvents (`rowToNormalized`).
 */
import { type EventDbRow, rowToNormalized } from '../../events/columns';
import type { NormalizedEvent } from '../../events/types';
import type { Db } from '../../store/db';

export interface StoredEvent {
  id: number;
  ts: number;
  event: NormalizedEvent;
}

const toStored = (r: EventDbRow): StoredEvent => ({ id: r.id, ts: r.ts, event: rowToNormalized(r) });

/** Events with id > cursor (at most `limit`), in time order within the batch. */
export async function eventsAfter(db: Db, cursor: number, limit: number): Promise<{ events: StoredEvent[]; lastId: number }> {
  const rows = await db.all<EventDbRow>('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?', [cursor, limit]);
  const lastId = rows.length ? rows[rows.length - 1].id : cursor;
  return { events: rows.map(toStored).sort((a, b) => a.ts - b.ts || a.id - b.id), lastId };
}

export async function latestEventId(db: Db): Promise<number> {
  return (await db.get<{ id: number | null }>('SELECT max(id) AS id FROM events'))?.id ?? 0;
}

export async function countRange(db: Db, from: number, to: number): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts <= ?', [from, to]))?.n ?? 0;
}

/** Batches of events with from ≤ ts ≤ to, in (ts, id) order; stops when `onBatch` returns false. */
export async function scanRange(
  db: Db,
  range: { from: number; to: number },
  batch: number,
  onBatch: (events: StoredEvent[]) => Promise<boolean>,
): Promise<void> {
  let ts = range.from;
  let id = 0;
  let first = true;
  for (;;) {
    const rows = await db.all<EventDbRow>(
      first
        ? 'SELECT * FROM events WHERE ts >= ? AND ts <= ? ORDER BY ts, id LIMIT ?'
        : 'SELECT * FROM events WHERE ((ts = ? AND id > ?) OR ts > ?) AND ts <= ? ORDER BY ts, id LIMIT ?',
      first ? [ts, range.to, batch] : [ts, id, ts, range.to, batch],
    );
    first = false;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    ts = last.ts;
    id = last.id;
    if (!(await onBatch(rows.map(toStored)))) return;
    if (rows.length < batch) return;
  }
}
