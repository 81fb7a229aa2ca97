/**
 * Event panels of the dashboard, from the rollups only: the series stacked by
 * severity and by hub service, totals per service and severity, exact
 * authentication failures (one pass over `rollup_hour`), and the top users,
 * source addresses and hosts (`rollup_*_day`).
 */
import type { CountPoint, PanelItem, ServiceBucket, SeverityBucket, TopItem } from '../api/ops/dashboard';
import { SEVERITIES, type Severity } from '../api/contract';
import type { Db } from '../store/db';
import { and, AUTH_FAILURE, equals, timeWindow } from './dashboard-query';
import { dayOf, splitRange, weekOf, WEEK } from './rollups-coarse';
import { DAY, HOUR } from './rollups-paris';
import { emptyBySeverity, severityFromInt } from './severity';

/** Up to this range the series is hourly, beyond it daily. */
export const HOURLY_MAX_RANGE = 3 * DAY;
export const TOP_N = 10;

/** The windows a summary covers. */
export interface Windows {
  fromMs: number;
  toMs: number;
  /** Whole hours overlapping [from, to): what `rollup_hour` figures cover. */
  lo: number;
  hi: number;
  /** Whole UTC days overlapping [from, to): what `rollup_*_day` figures cover. */
  dayLo: number;
  dayHi: number;
  bucket: 'hour' | 'day';
  step: number;
  /** Series bucket starts (every bucket present, empty ones included). */
  buckets: number[];
}

export function windowsOf(fromMs: number, toMs: number): Windows {
  const bucket = toMs - fromMs <= HOURLY_MAX_RANGE ? 'hour' : 'day';
  const step = bucket === 'hour' ? HOUR : DAY;
  const hi = Math.ceil(toMs / HOUR) * HOUR;
  const buckets: number[] = [];
  for (let b = Math.floor(fromMs / step) * step; b < hi; b += step) buckets.push(b);
  return {
    fromMs,
    toMs,
    lo: Math.floor(fromMs / HOUR) * HOUR,
    hi,
    dayLo: Math.floor(fromMs / DAY) * DAY,
    dayHi: Math.ceil(toMs / DAY) * DAY,
    bucket,
    step,
    buckets,
  };
}

/** The time window a series bucket's figures cover: the bucket clipped to the whole hours of the range. */
export function bucketWindow(w: Windows, b: number): string {
  return timeWindow(Math.max(b, w.lo), Math.min(b + w.step, w.hi));
}

export interface EventPanels {
  totalEvents: number;
  totalQuery: string;
  series: SeverityBucket[];
  seriesByService: ServiceBucket[];
  services: string[];
  byService: PanelItem[];
  bySeverity: PanelItem[];
  authFailures: number;
  authFailuresQuery: string;
  authFailuresSeries: CountPoint[];
}

export interface HourRow {
  b: number;
  service: string;
  severity: number;
  n: number;
  af: number;
}

const HOUR_SELECT = `sum(count) AS n,
  sum(CASE WHEN category = 'authentication' AND outcome = 'failure' THEN count ELSE 0 END) AS af`;

/**
 * The `rollup_hour` figures of [w.lo, w.hi) grouped by series bucket × service × severity. Daily series
 * (long ranges) read the whole UTC days from `rollup_day` and only the edge hours from `rollup_hour`.
 */
export async function hourRows(db: Db, w: Windows, opts: { coarse?: boolean } = {}): Promise<HourRow[]> {
  const split = w.bucket === 'day' && opts.coarse !== false ? splitRange(w.lo, w.hi, DAY, dayOf) : { coarse: null, edges: [[w.lo, w.hi]] };
  const parts: string[] = [];
  const params: number[] = [];
  if (split.coarse) {
    parts.push(`SELECT (day / ${w.step}) * ${w.step} AS b, service, severity, ${HOUR_SELECT} FROM rollup_day
      WHERE day >= ? AND day < ? GROUP BY 1, 2, 3`);
    params.push(...split.coarse);
  }
  for (const [a, b] of split.edges) {
    parts.push(`SELECT (bucket / ${w.step}) * ${w.step} AS b, service, severity, ${HOUR_SELECT} FROM rollup_hour
      WHERE bucket >= ? AND bucket < ? GROUP BY 1, 2, 3`);
    params.push(a, b);
  }
  if (parts.length === 1) return db.all<HourRow>(parts[0], params);
  return db.all<HourRow>(
    `SELECT b, service, severity, sum(n) AS n, sum(af) AS af FROM (${parts.join(' UNION ALL ')}) GROUP BY 1, 2, 3`,
    params,
  );
}

/** Everything `rollup_hour` answers (`hourRows`), in one pass grouped by bucket × service × severity. */
export async function eventPanels(db: Db, w: Windows, opts: { coarse?: boolean } = {}): Promise<EventPanels> {
  const rows = await hourRows(db, w, opts);
  const sev = new Map<number, Record<Severity, number>>(w.buckets.map((b) => [b, emptyBySeverity()]));
  const svc = new Map<number, Record<string, number>>(w.buckets.map((b) => [b, {}]));
  const auth = new Map<number, number>(w.buckets.map((b) => [b, 0]));
  const serviceTotals = new Map<string, number>();
  const severityTotals = emptyBySeverity();
  let authFailures = 0;
  for (const r of rows) {
    const s = severityFromInt(r.severity);
    const bySev = sev.get(r.b) ?? emptyBySeverity();
    bySev[s] += r.n;
    sev.set(r.b, bySev);
    const bySvc = svc.get(r.b) ?? {};
    bySvc[r.service] = (bySvc[r.service] ?? 0) + r.n;
    svc.set(r.b, bySvc);
    auth.set(r.b, (auth.get(r.b) ?? 0) + r.af);
    serviceTotals.set(r.service, (serviceTotals.get(r.service) ?? 0) + r.n);
    severityTotals[s] += r.n;
    authFailures += r.af;
  }
  const services = [...serviceTotals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const all = timeWindow(w.lo, w.hi);
  const sorted = <T>(m: Map<number, T>) => [...m.entries()].sort((a, b) => a[0] - b[0]);
  return {
    totalEvents: SEVERITIES.reduce((sum, s) => sum + severityTotals[s], 0),
    totalQuery: all,
    series: sorted(sev).map(([b, bySeverity]) => {
      const win = bucketWindow(w, b);
      const queries = Object.fromEntries(SEVERITIES.map((s) => [s, and(win, `event.severity:${s}`)])) as Record<Severity, string>;
      return { bucket: new Date(b).toISOString(), bySeverity, query: win, queries };
    }),
    seriesByService: sorted(svc).map(([b, counts]) => {
      const win = bucketWindow(w, b);
      const byService: Record<string, number> = {};
      const queries: Record<string, string> = {};
      for (const s of services) {
        byService[s] = counts[s] ?? 0;
        queries[s] = and(win, equals('service.name', s));
      }
      return { bucket: new Date(b).toISOString(), byService, query: win, queries };
    }),
    services,
    byService: services.map((key) => ({ key, count: serviceTotals.get(key) ?? 0, query: and(equals('service.name', key), all) })),
    bySeverity: SEVERITIES.map((key) => ({ key, count: severityTotals[key], query: and(`event.severity:${key}`, all) })),
    authFailures,
    authFailuresQuery: and(AUTH_FAILURE, all),
    authFailuresSeries: sorted(auth).map(([b, count]) => ({
      bucket: new Date(b).toISOString(),
      count,
      query: and(AUTH_FAILURE, bucketWindow(w, b)),
    })),
  };
}

const TOP_TABLES = {
  user: { table: 'rollup_user_day', column: 'user_name', field: 'user.name' },
  ip: { table: 'rollup_ip_day', column: 'source_ip', field: 'source.ip' },
  host: { table: 'rollup_host_day', column: 'host', field: 'host.name' },
} as const;

/**
 * Top `TOP_N` users, source addresses or hosts over the whole UTC days of the range: the whole weeks
 * from `rollup_*_week`, the days around them from `rollup_*_day` (`coarse: false`: days only).
 */
export async function topPanel(db: Db, w: Windows, kind: keyof typeof TOP_TABLES, opts: { coarse?: boolean } = {}): Promise<TopItem[]> {
  const { table, column, field } = TOP_TABLES[kind];
  const split = opts.coarse === false ? { coarse: null, edges: [[w.dayLo, w.dayHi]] } : splitRange(w.dayLo, w.dayHi, WEEK, weekOf);
  const parts: string[] = [];
  const params: number[] = [];
  if (split.coarse) {
    parts.push(`SELECT ${column} AS key, count, failures FROM ${table.replace(/_day$/, '_week')} WHERE week >= ? AND week < ?`);
    params.push(...split.coarse);
  }
  for (const [a, b] of split.edges) {
    parts.push(`SELECT ${column} AS key, count, failures FROM ${table} WHERE day >= ? AND day < ?`);
    params.push(a, b);
  }
  const rows = await db.all<{ key: string; count: number; failures: number }>(
    `SELECT key, sum(count) AS count, sum(failures) AS failures FROM (${parts.join(' UNION ALL ')})
     GROUP BY 1 ORDER BY count DESC, key LIMIT ${TOP_N}`,
    params,
  );
  const days = timeWindow(w.dayLo, w.dayHi);
  return rows.map((r) => ({ key: r.key, count: r.count, failures: r.failures, query: and(equals(field, r.key), days) }));
}
