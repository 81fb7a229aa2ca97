/**
 * How a prepared search touches the database. The ideas:
 *
 * - Time first: every query is bounded by `ts` (index `events_ts`, or the
 *   `(field, ts)` indexes) and ordered by `ts, id`, so LIMIT stops the walk early.
 * - Free text: a rare FTS term is answered from its (few) rowids directly; a
 *   common one is read slice by slice, newest first, with the FTS lookup
 *   restricted to the rowid span of the slice (`rowid BETWEEN`), so the first
 *   page costs what the newest slice costs, not what millions of matches cost.
 * - Slices: `[lo, hi)` windows growing ×4 from one hour, walked from the end
 *   the sort starts at; counting stops at a cap or a time budget.
 */
import type { Db } from '../store/db';
import type { Prepared } from './prepare';

const HOUR = 3_600_000;
const GROWTH = 4;
/** Up to this many FTS matches (all time), the search works from the match list itself. */
export const RARE_MATCHES = 2000;

export type Order = 'desc' | 'asc';

/** Time slices of [from, to), from the end `order` starts at, growing geometrically. */
export function* slices(from: number, to: number, order: Order): Generator<[number, number]> {
  let size = HOUR;
  if (order === 'desc') {
    for (let hi = to; hi > from; size *= GROWTH) {
      const lo = Math.max(from, hi - size);
      yield [lo, hi];
      hi = lo;
    }
  } else {
    for (let lo = from; lo < to; size *= GROWTH) {
      const hi = Math.min(to, lo + size);
      yield [lo, hi];
      lo = hi;
    }
  }
}

/** The ids of all events matching `fts` when there are at most RARE_MATCHES of them, else null. */
export async function rareMatches(db: Db, fts: string): Promise<number[] | null> {
  const rows = await db.all<{ id: number }>('SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ? LIMIT ?', [
    fts,
    RARE_MATCHES + 1,
  ]);
  return rows.length > RARE_MATCHES ? null : rows.map((r) => r.id);
}

/** A WHERE clause over `events` for the slice [lo, hi) and how its FTS part is bound. */
export interface SliceSql {
  sql: string;
  params: unknown[];
}

export type FtsMode =
  | { kind: 'none' }
  | { kind: 'ids'; ids: number[] }
  /** Per slice, FTS restricted to the slice's rowid span (spans cached for the page and its count). */
  | { kind: 'span'; spans: Map<string, Span> }
  | { kind: 'subquery' };

/** Events of a slice: how many, lowest and highest id (one index-only walk of `events_ts`). */
interface Span {
  n: number;
  a: number | null;
  b: number | null;
}

async function spanOf(db: Db, mode: { spans: Map<string, Span> }, lo: number, hi: number): Promise<Span> {
  const key = `${lo}:${hi}`;
  let span = mode.spans.get(key);
  if (!span) {
    span = (await db.get<Span>('SELECT count(*) AS n, min(id) AS a, max(id) AS b FROM events WHERE ts >= ? AND ts < ?', [lo, hi]))!;
    mode.spans.set(key, span);
  }
  return span;
}

/**
 * Number of events of [lo, hi) matching a free-text-only query, counted in the FTS index alone (no
 * row read), when that is exact: the slice's n events have ids a…b with n = b − a + 1, so every id of
 * the span belongs to the slice. Null when it does not apply (then count with `sliceWhere`).
 */
export async function ftsOnlyCount(db: Db, p: Prepared, lo: number, hi: number, fts: FtsMode): Promise<number | null> {
  if (!p.fts || p.where !== '1' || fts.kind !== 'span') return null;
  const span = await spanOf(db, fts, lo, hi);
  if (span.a === null || span.b === null) return 0;
  if (span.n !== span.b - span.a + 1) return null;
  const row = await db.get<{ n: number }>(
    'SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?',
    [p.fts, span.a, span.b],
  );
  return row?.n ?? 0;
}

/**
 * Condition for events of [lo, hi) matching the prepared query. With
 * `{kind: 'span'}` the FTS lookup is limited to the rowid span of the slice
 * (one extra index-only query); empty slices give null.
 */
export async function sliceWhere(db: Db, p: Prepared, lo: number, hi: number, fts: FtsMode): Promise<SliceSql | null> {
  const parts = ['ts >= ?', 'ts < ?'];
  const params: unknown[] = [lo, hi];
  if (p.fts && fts.kind === 'ids') {
    if (fts.ids.length === 0) return null;
    parts.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(fts.ids));
  } else if (p.fts && fts.kind === 'span') {
    const span = await spanOf(db, fts, lo, hi);
    if (span.a === null || span.b === null) return null;
    parts.push('id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?)');
    params.push(p.fts, span.a, span.b);
  } else if (p.fts) {
    parts.push('id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
    params.push(p.fts);
  }
  if (p.where !== '1') {
    parts.push(`(${p.where})`);
    params.push(...p.params);
  }
  return { sql: parts.join(' AND '), params };
}

/** How to bind the FTS part for this search: from the match list when rare, per slice span otherwise. */
export async function ftsMode(db: Db, p: Prepared): Promise<FtsMode> {
  if (!p.fts) return { kind: 'none' };
  const ids = await rareMatches(db, p.fts);
  return ids ? { kind: 'ids', ids } : { kind: 'span', spans: new Map() };
}
