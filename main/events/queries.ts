import type { CountBy, DashboardSummary, EventDetail, EventRow, Page, Severity } from '../api/contract';
import { SEVERITIES } from '../api/contract';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { OPEN_ALERT_STATUSES } from '../alerts/queries';
import { rowToEventDetail, rowToEventRow, ROW_COLUMNS, toEpochMs, type EventDbRow } from './columns';
import { emptyBySeverity, severityFromInt } from './severity';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Up to this range the series is hourly, beyond it daily. */
const HOURLY_MAX_RANGE = 3 * DAY;
const TOP_USERS = 10;

export interface TimeRange {
  from: string | Date;
  to: string | Date;
}

/**
 * Dashboard figures for [from, to), read from the rollup tables so the cost
 * does not grow with the number of events.
 *
 * Granularity: rollup_hour counts whole hours, so every rollup figure covers
 * the hours overlapping the range (from rounded down, to rounded up to the
 * hour); the break-glass count uses the same hour-aligned window so figures
 * agree. topUsers comes from rollup_user_day and covers whole UTC days.
 * Daily series buckets are UTC days. openAlerts/openIncidents are the
 * current state, not limited to the range.
 *
 * authFailures: rollup_hour has no category column, so this is the number of
 * events with outcome = 'failure' over all services (in practice dominated by
 * SRI login failures). An exact "authentication failures" figure needs the
 * category in the rollup key (schema change, see README).
 */
export async function dashboardSummary(db: Db, range: TimeRange): Promise<DashboardSummary> {
  const fromMs = toEpochMs(range.from, 'from');
  const toMs = toEpochMs(range.to, 'to');
  if (toMs <= fromMs) throw new VigieError('VALIDATION', '`to` must be after `from`');
  const lo = Math.floor(fromMs / HOUR) * HOUR;
  const hi = Math.ceil(toMs / HOUR) * HOUR;
  const bucket: 'hour' | 'day' = toMs - fromMs <= HOURLY_MAX_RANGE ? 'hour' : 'day';
  const step = bucket === 'hour' ? HOUR : DAY;
  const inRange = 'bucket >= ? AND bucket < ?';

  const seriesRows = await db.all<{ b: number; severity: number; n: number }>(
    `SELECT (bucket / ${step}) * ${step} AS b, severity, sum(count) AS n FROM rollup_hour
     WHERE ${inRange} GROUP BY 1, 2 ORDER BY 1`,
    [lo, hi],
  );
  const byService = await db.all<CountBy>(
    `SELECT service AS key, sum(count) AS count FROM rollup_hour WHERE ${inRange}
     GROUP BY service ORDER BY count DESC, key`,
    [lo, hi],
  );
  const failures = await db.get<{ n: number | null }>(
    `SELECT sum(count) AS n FROM rollup_hour WHERE ${inRange} AND outcome = 'failure'`,
    [lo, hi],
  );
  const dayLo = Math.floor(fromMs / DAY) * DAY;
  const dayHi = Math.ceil(toMs / DAY) * DAY;
  const topUsers = await db.all<CountBy>(
    `SELECT user_name AS key, sum(count) AS count FROM rollup_user_day WHERE day >= ? AND day < ?
     GROUP BY user_name ORDER BY count DESC, key LIMIT ${TOP_USERS}`,
    [dayLo, dayHi],
  );
  const breakGlass = await db.get<{ n: number }>(
    'SELECT count(*) AS n FROM events WHERE break_glass = 1 AND ts >= ? AND ts < ?',
    [lo, hi],
  );
  const placeholders = OPEN_ALERT_STATUSES.map(() => '?').join(', ');
  const alertRows = await db.all<{ severity: number; n: number }>(
    `SELECT severity, count(*) AS n FROM alerts WHERE status IN (${placeholders}) GROUP BY severity`,
    [...OPEN_ALERT_STATUSES],
  );
  const incidents = await db.get<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE phase <> 'cloture'");

  // Series with every bucket of the range present (zeros included), stacked by severity.
  const buckets = new Map<number, Record<Severity, number>>();
  for (let b = Math.floor(fromMs / step) * step; b < hi; b += step) buckets.set(b, emptyBySeverity());
  const totals = emptyBySeverity();
  for (const r of seriesRows) {
    const sev = severityFromInt(r.severity);
    const slot = buckets.get(r.b) ?? emptyBySeverity();
    slot[sev] += r.n;
    buckets.set(r.b, slot);
    totals[sev] += r.n;
  }
  const series = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([b, bySeverity]) => ({ bucket: new Date(b).toISOString(), bySeverity }));

  const openBySeverity = emptyBySeverity();
  for (const r of alertRows) openBySeverity[severityFromInt(r.severity)] += r.n;

  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    totalEvents: SEVERITIES.reduce((sum, s) => sum + totals[s], 0),
    series,
    bucket,
    byService: byService.map((r) => ({ key: r.key, count: Number(r.count) })),
    bySeverity: SEVERITIES.map((s) => ({ key: s, count: totals[s] })),
    topUsers: topUsers.map((r) => ({ key: r.key, count: Number(r.count) })),
    authFailures: Number(failures?.n ?? 0),
    breakGlass: breakGlass?.n ?? 0,
    openAlerts: SEVERITIES.reduce((sum, s) => sum + openBySeverity[s], 0),
    alertsBySeverity: SEVERITIES.map((s) => ({ key: s, count: openBySeverity[s] })),
    openIncidents: incidents?.n ?? 0,
  };
}

export interface ListEventsInput {
  limit: number;
  offset: number;
  from?: string | Date;
  to?: string | Date;
  service?: string;
}

/** Events newest first, optionally within [from, to) and for one service. */
export async function listEvents(db: Db, input: ListEventsInput): Promise<Page<EventRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.from !== undefined) {
    where.push('ts >= ?');
    params.push(toEpochMs(input.from, 'from'));
  }
  if (input.to !== undefined) {
    where.push('ts < ?');
    params.push(toEpochMs(input.to, 'to'));
  }
  if (input.service !== undefined) {
    where.push('service = ?');
    params.push(input.service);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.get<{ n: number }>(`SELECT count(*) AS n FROM events ${clause}`, params);
  const rows = await db.all<EventDbRow>(
    `SELECT ${ROW_COLUMNS} FROM events ${clause} ORDER BY ts DESC, id DESC LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset],
  );
  return { total: total?.n ?? 0, items: rows.map(rowToEventRow) };
}

/** One event with its original text and attributes; NOT_FOUND when absent. */
export async function getEvent(db: Db, id: number): Promise<EventDetail> {
  const row = await db.get<EventDbRow>('SELECT * FROM events WHERE id = ?', [id]);
  if (!row) throw new VigieError('NOT_FOUND', `Event ${id} not found`);
  return rowToEventDetail(row);
}
