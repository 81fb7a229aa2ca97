/**
 * `search.query`: one page of events matching a query in a time range, newest
 * (or oldest) first, with a total that is exact up to TOTAL_CAP and a lower
 * bound beyond it (or when counting would exceed its time budget).
 */
import type { SearchResult } from '../api/ops/search';
import { VigieError } from '../api/errors';
import { rowToEventRow, ROW_COLUMNS, type EventDbRow } from '../events/columns';
import type { Db } from '../store/db';
import { ftsMode, ftsOnlyCount, sliceWhere, slices, type FtsMode, type Order } from './plan';
import { prepareSearchIn, type Prepared, type RangeInput } from './prepare';
import { rollupCount } from './rollup';

/** Totals are exact up to this many events (beyond, when the rollup cannot count). */
export const TOTAL_CAP = 10_000;
/** Counting the total stops after about this long (the page itself is always complete). */
export const COUNT_BUDGET_MS = 80;

export interface SearchOptions {
  /** What `now` means in date math; default: the clock. */
  now?: number;
  /** Time budget of the total count, ms (default COUNT_BUDGET_MS). */
  countBudgetMs?: number;
}

export interface SearchInput extends RangeInput {
  limit: number;
  offset?: number;
  /** `nextCursor` of the previous page: keyset pagination (cheap at any depth). */
  cursor?: string;
  sort?: Order;
}


export interface Position {
  ts: number;
  id: number;
}

function parseCursor(cursor: string): Position {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor);
  if (!m) throw new VigieError('VALIDATION', 'Curseur de pagination invalide.', { field: 'cursor' });
  return { ts: Number(m[1]), id: Number(m[2]) };
}
const makeCursor = (r: Position) => `${r.ts}.${r.id}`;

export async function searchEvents(db: Db, input: SearchInput, opts: SearchOptions = {}): Promise<SearchResult> {
  const started = performance.now();
  const p = await prepareSearchIn(db, input, opts.now ?? Date.now());
  const order = input.sort ?? 'desc';
  const offset = input.offset ?? 0;
  const after = input.cursor ? parseCursor(input.cursor) : undefined;
  let items: EventDbRow[] = [];
  let total = { total: 0, exact: true };
  if (p.from < p.to) {
    const mode = await ftsMode(db, p);
    items = await fetchPage(db, p, mode, order, input.limit + 1, offset, after);
    if (!after && items.length <= input.limit && (items.length > 0 || offset === 0)) {
      // A page that is not full ends the result: the total is known without counting.
      total = { total: offset + items.length, exact: true };
    } else {
      const budget = opts.countBudgetMs ?? Math.max(30, COUNT_BUDGET_MS - (performance.now() - started));
      total = await countTotal(db, p, mode, budget);
      // The page itself proves a minimum when counting stopped early.
      const seen = after ? 0 : offset + input.limit + 1;
      if (total.total < seen) total = { total: seen, exact: false };
    }
  }
  const more = items.length > input.limit;
  const page = items.slice(0, input.limit);
  return {
    total: total.total,
    totalExact: total.exact,
    items: page.map(rowToEventRow),
    nextCursor: more && page.length ? makeCursor(page[page.length - 1]) : null,
    from: new Date(p.requested.from).toISOString(),
    to: new Date(p.requested.to).toISOString(),
    tookMs: Math.round(performance.now() - started),
  };
}

/** `limit` rows after `offset` (or after the cursor), in `order`; `columns` as in a SELECT list. */
export async function fetchPage(
  db: Db,
  p: Prepared,
  mode: FtsMode,
  order: Order,
  limit: number,
  offset: number,
  after: Position | undefined,
  columns = ROW_COLUMNS,
): Promise<EventDbRow[]> {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const keyset = after ? (order === 'desc' ? '(ts < ? OR (ts = ? AND id < ?))' : '(ts > ? OR (ts = ? AND id > ?))') : null;
  const keyParams = after ? [after.ts, after.ts, after.id] : [];
  let from = p.from;
  let to = p.to;
  if (after && order === 'desc') to = Math.min(to, after.ts + 1);
  if (after && order === 'asc') from = Math.max(from, after.ts);
  const select = async (lo: number, hi: number, n: number, skip: number, fts: FtsMode) => {
    const w = await sliceWhere(db, p, lo, hi, fts);
    if (!w) return [];
    const sql = `SELECT ${columns} FROM events WHERE ${w.sql}${keyset ? ` AND ${keyset}` : ''}
      ORDER BY ts ${dir}, id ${dir} LIMIT ? OFFSET ?`;
    return db.all<EventDbRow>(sql, [...w.params, ...keyParams, n, skip]);
  };
  // Deep offsets and non-FTS queries: one statement (the planner walks a (…, ts) index and stops at LIMIT).
  if (mode.kind !== 'span' || offset > 0) {
    return select(from, to, limit, offset, mode.kind === 'span' ? { kind: 'subquery' } : mode);
  }
  const rows: EventDbRow[] = [];
  for (const [lo, hi] of slices(from, to, order)) {
    rows.push(...(await select(lo, hi, limit - rows.length, 0, mode)));
    if (rows.length >= limit) break;
  }
  return rows;
}

/** Exact total from the rollup when possible; otherwise counted slice by slice up to the cap or the budget. */
async function countTotal(db: Db, p: Prepared, mode: FtsMode, budgetMs: number): Promise<{ total: number; exact: boolean }> {
  // The rollup counts exactly at constant cost: no cap needed.
  if (p.rollup) return { total: await rollupCount(db, p), exact: true };
  const started = performance.now();
  let total = 0;
  const all = mode.kind === 'ids' ? ([[p.from, p.to]] as [number, number][]) : [...slices(p.from, p.to, 'desc')];
  for (let i = 0; i < all.length; i++) {
    const [lo, hi] = all[i];
    const fast = await ftsOnlyCount(db, p, lo, hi, mode);
    const w = fast === null ? await sliceWhere(db, p, lo, hi, mode) : null;
    if (fast !== null) total += fast;
    else if (w) {
      const row = await db.get<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE ${w.sql} LIMIT ?)`, [
        ...w.params,
        TOTAL_CAP + 1 - total,
      ]);
      total += row?.n ?? 0;
    }
    if (total > TOTAL_CAP) return { total: TOTAL_CAP, exact: false };
    if (i < all.length - 1 && performance.now() - started > budgetMs) return { total, exact: false };
  }
  return { total, exact: true };
}
