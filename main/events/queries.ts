import type { DashboardSummary, EventDetail, EventRow, Page } from '../api/contract';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { rowToEventDetail, rowToEventRow, ROW_COLUMNS, toEpochMs, type EventDbRow } from './columns';
import { accessAnomalies } from './dashboard-access';
import { eventPanels, topPanel, windowsOf } from './dashboard-events';
import { and, BREAK_GLASS, timeWindow } from './dashboard-query';
import { alertPanels, incidentPanels, legalBoard, responseTrend } from './dashboard-response';

export interface TimeRange {
  from: string | Date;
  to: string | Date;
}

/**
 * Every dashboard panel for [from, to), read from the rollup tables (cost
 * independent of the number of events) and the small alert / incident /
 * legal tables. See README.md « Dashboard » for what each figure covers:
 * `rollup_hour` figures cover the whole hours overlapping the range, the
 * top lists and access-trace figures the whole UTC days; series are hourly up
 * to 3 days, daily (UTC days) beyond; alert severities, incident phases and
 * legal deadlines are the current state. Every element carries the search
 * query that reproduces it.
 */
export async function dashboardSummary(db: Db, range: TimeRange, opts: { now?: number } = {}): Promise<DashboardSummary> {
  const fromMs = toEpochMs(range.from, 'from');
  const toMs = toEpochMs(range.to, 'to');
  if (toMs <= fromMs) throw new VigieError('VALIDATION', '`to` must be after `from`');
  const w = windowsOf(fromMs, toMs);
  const events = await eventPanels(db, w);
  const topUsers = await topPanel(db, w, 'user');
  const topSourceIps = await topPanel(db, w, 'ip');
  const topHosts = await topPanel(db, w, 'host');
  const anomalies = await accessAnomalies(db, w);
  const breakGlass = await db.get<{ n: number | null }>(
    'SELECT sum(count) AS n FROM rollup_break_glass_hour WHERE bucket >= ? AND bucket < ?',
    [w.lo, w.hi],
  );
  const alerts = await alertPanels(db, { from: fromMs, to: toMs });
  const incidents = await incidentPanels(db);
  const responseTrendRows = await responseTrend(db, { from: fromMs, to: toMs });
  const legalDeadlines = await legalBoard(db, opts.now ?? Date.now());
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    searchRange: { from: new Date(w.dayLo).toISOString(), to: new Date(w.dayHi).toISOString() },
    bucket: w.bucket,
    ...events,
    topUsers,
    topSourceIps,
    topHosts,
    breakGlass: breakGlass?.n ?? 0,
    breakGlassQuery: and(BREAK_GLASS, timeWindow(w.lo, w.hi)),
    accessAnomalies: anomalies,
    ...alerts,
    ...incidents,
    responseTrend: responseTrendRows,
    legalDeadlines,
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
