/**
 * `search.count`: exact number of matching events, optionally grouped by a
 * field (top values) or by time (`@timestamp`: hourly up to 3 days, daily
 * UTC buckets beyond, empty buckets included, as on the dashboard).
 *
 * Queries using only service/severity/outcome/category are answered from the
 * rollup (plus the partial hours at the edges); the top users, source
 * addresses and hosts of an unfiltered range from the per-day rollups;
 * everything else from `events`.
 */
import type { CountGroup, SearchCount } from '../api/ops/search';
import { severityFromInt } from '../events/severity';
import type { Db } from '../store/db';
import { resolveField, type GroupableField } from './fields';
import { ftsMode, ftsOnlyCount, sliceWhere, slices, type FtsMode } from './plan';
import { prepareSearchIn, type Prepared, type RangeInput } from './prepare';
import { rollupGroups, type RollupColumn } from './rollup';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const HOURLY_MAX_RANGE = 3 * DAY;

export interface CountInput extends RangeInput {
  groupBy?: GroupableField;
  /** Number of groups returned for a field (largest first). */
  top?: number;
}

type Raw = { key: string | number | null; count: number }[];

export async function countEvents(db: Db, input: CountInput, now = Date.now()): Promise<SearchCount> {
  const started = performance.now();
  const p = await prepareSearchIn(db, input, now);
  const groupBy = input.groupBy;
  const byTime = groupBy === '@timestamp';
  const step = p.requested.to - p.requested.from <= HOURLY_MAX_RANGE ? HOUR : DAY;
  const def = groupBy && !byTime ? resolveField(groupBy) : undefined;
  let raw: Raw = [];
  if (p.from < p.to) {
    const column = byTime ? 'bucket' : ((def?.rollup as RollupColumn | undefined) ?? null);
    if (p.rollup && (!groupBy || column)) raw = await rollupGroups(db, p, column, step);
    else if (def && def.column in DAY_ROLLUPS && p.where === '1' && !p.fts) raw = await topFromDayRollup(db, p, def.column);
    else {
      const key = byTime ? `(ts / ${step}) * ${step}` : (def?.column ?? 'NULL');
      raw = await aggregate(db, p, await ftsMode(db, p), key, byTime ? step : undefined);
    }
  }
  const total = raw.reduce((s, r) => s + r.count, 0);
  let groups: CountGroup[] = [];
  if (byTime) groups = timeBuckets(raw, p.requested.from, p.requested.to, step);
  else if (groupBy) {
    const label = (k: string | number | null): string | null =>
      k === null ? null : def?.kind === 'severity' ? severityFromInt(Number(k)) : def?.kind === 'bool' ? String(k === 1) : String(k);
    groups = raw
      .filter((r) => r.count > 0)
      .map((r) => ({ key: label(r.key), count: r.count }))
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)))
      .slice(0, input.top ?? 10);
  }
  return {
    total,
    groups,
    bucket: byTime ? (step === HOUR ? 'hour' : 'day') : null,
    from: new Date(p.requested.from).toISOString(),
    to: new Date(p.requested.to).toISOString(),
    tookMs: Math.round(performance.now() - started),
  };
}

/**
 * `SELECT key, count(*) … GROUP BY key` over the window; slice by slice when the FTS part is bound per
 * slice (time buckets as slices for a histogram). Free text alone is counted in the FTS index when exact.
 */
async function aggregate(db: Db, p: Prepared, mode: FtsMode, key: string, step?: number): Promise<Raw> {
  let windows: [number, number][] = [[p.from, p.to]];
  if (mode.kind === 'span') {
    windows = step ? bucketWindows(p.from, p.to, step) : [...slices(p.from, p.to, 'asc')];
  }
  const sum = new Map<string | number | null, number>();
  const add = (k: string | number | null, n: number) => sum.set(k, (sum.get(k) ?? 0) + n);
  for (const [lo, hi] of windows) {
    if (key === 'NULL' || step) {
      const n = await ftsOnlyCount(db, p, lo, hi, mode);
      if (n !== null) {
        add(step ? Math.floor(lo / step) * step : null, n);
        continue;
      }
    }
    const w = await sliceWhere(db, p, lo, hi, mode);
    if (!w) continue;
    const rows = await db.all<{ k: string | number | null; n: number }>(
      `SELECT ${key} AS k, count(*) AS n FROM events WHERE ${w.sql} GROUP BY 1`,
      w.params,
    );
    for (const r of rows) add(r.k, r.n);
  }
  return [...sum.entries()].map(([k, count]) => ({ key: k, count }));
}

/** [from, to) cut at multiples of `step`. */
function bucketWindows(from: number, to: number, step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let b = Math.floor(from / step) * step; b < to; b += step) out.push([Math.max(from, b), Math.min(to, b + step)]);
  return out;
}

/** Per-day rollups (count by value and UTC day) of an events column: top values of an unfiltered range. */
const DAY_ROLLUPS: Record<string, string> = { user_name: 'rollup_user_day', source_ip: 'rollup_ip_day', host: 'rollup_host_day' };

/** Top values of an unfiltered range: whole UTC days from the day rollup, partial days from events. */
async function topFromDayRollup(db: Db, p: Prepared, column: string): Promise<Raw> {
  // `table` and `column` come from DAY_ROLLUPS (constants), never from the request.
  const table = DAY_ROLLUPS[column];
  const lo = Math.ceil(p.from / DAY) * DAY;
  const hi = Math.floor(p.to / DAY) * DAY;
  const sum = new Map<string | null, number>();
  const add = (rows: { k: string | null; n: number }[]) => rows.forEach((r) => sum.set(r.k, (sum.get(r.k) ?? 0) + Number(r.n)));
  const edges: [number, number][] = lo < hi ? [] : [[p.from, p.to]];
  if (lo < hi) {
    const values = await db.all<{ k: string; n: number }>(
      `SELECT ${column} AS k, sum(count) AS n FROM ${table} WHERE day >= ? AND day < ? GROUP BY 1`,
      [lo, hi],
    );
    add(values);
    // Events without a value have no row in the day rollup: all events of those days minus the others.
    const all = await db.get<{ n: number | null }>('SELECT sum(count) AS n FROM rollup_hour WHERE bucket >= ? AND bucket < ?', [lo, hi]);
    add([{ k: null, n: Number(all?.n ?? 0) - values.reduce((t, u) => t + Number(u.n), 0) }]);
    if (p.from < lo) edges.push([p.from, lo]);
    if (hi < p.to) edges.push([hi, p.to]);
  }
  for (const [a, b] of edges) {
    add(await db.all(`SELECT ${column} AS k, count(*) AS n FROM events WHERE ts >= ? AND ts < ? GROUP BY 1`, [a, b]));
  }
  return [...sum.entries()].map(([k, count]) => ({ key: k, count }));
}

function timeBuckets(raw: Raw, from: number, to: number, step: number): CountGroup[] {
  const counts = new Map(raw.map((r) => [Number(r.key), r.count]));
  const out: CountGroup[] = [];
  for (let b = Math.floor(from / step) * step; b < to; b += step) {
    out.push({ key: new Date(b).toISOString(), count: counts.get(b) ?? 0 });
  }
  return out;
}
