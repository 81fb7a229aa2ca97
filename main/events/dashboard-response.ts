/**
 * Response panels of the dashboard: alerts by severity and status, incidents
 * by phase, the weekly MTTA/MTTR trend (main/incidents/metrics.ts, replayed
 * from the histories), and the open legal deadlines (main/incidents/legal).
 * Small tables: read directly, no rollup needed.
 */
import type { LegalDeadlineItem, PanelItem, WeeklyResponse } from '../api/ops/dashboard';
import { SEVERITIES } from '../api/contract';
import { ALERT_STATUSES, OPEN_ALERT_STATUSES } from '../alerts/queries';
import { listDeadlines } from '../incidents/legal/deadlines';
import { incidentMetrics } from '../incidents/metrics';
import { PHASES } from '../incidents/model';
import type { Db } from '../store/db';
import { and, timeWindow } from './dashboard-query';
import { DAY } from './rollups-paris';
import { emptyBySeverity, severityFromInt } from './severity';

const WEEK = 7 * DAY;
/** The trend shows at least this many weeks (ending with the week of the range's end). */
export const TREND_MIN_WEEKS = 8;
/** 1970-01-01 was a Thursday: Mondays are 4 days after a multiple of a week. */
const MONDAY_SHIFT = 4 * DAY;

export function weekStart(ms: number): number {
  return Math.floor((ms - MONDAY_SHIFT) / WEEK) * WEEK + MONDAY_SHIFT;
}

const openStatuses = `status:(${OPEN_ALERT_STATUSES.join(' OR ')})`;

export async function alertPanels(
  db: Db,
  range: { from: number; to: number },
): Promise<{ openAlerts: number; alertsBySeverity: PanelItem[]; alertsByStatus: PanelItem[] }> {
  const placeholders = OPEN_ALERT_STATUSES.map(() => '?').join(', ');
  const open = await db.all<{ severity: number; n: number }>(
    `SELECT severity, count(*) AS n FROM alerts WHERE status IN (${placeholders}) GROUP BY severity`,
    [...OPEN_ALERT_STATUSES],
  );
  const bySeverity = emptyBySeverity();
  for (const r of open) bySeverity[severityFromInt(r.severity)] += r.n;
  const active = await db.all<{ status: string; n: number }>(
    'SELECT status, count(*) AS n FROM alerts WHERE first_seen < ? AND last_seen >= ? GROUP BY status',
    [range.to, range.from],
  );
  const byStatus = new Map(active.map((r) => [r.status, r.n]));
  const win = timeWindow(range.from, range.to);
  return {
    openAlerts: SEVERITIES.reduce((s, k) => s + bySeverity[k], 0),
    alertsBySeverity: SEVERITIES.map((key) => ({
      key,
      count: bySeverity[key],
      query: and(`severity:${key}`, openStatuses),
      target: 'alerts' as const,
    })),
    alertsByStatus: ALERT_STATUSES.map((key) => ({
      key,
      count: byStatus.get(key) ?? 0,
      query: and(`status:${key}`, win),
      target: 'alerts' as const,
    })),
  };
}

export async function incidentPanels(db: Db): Promise<{ openIncidents: number; incidentsByPhase: PanelItem[] }> {
  const rows = await db.all<{ phase: string; n: number }>(
    'SELECT phase, count(*) AS n FROM incidents WHERE merged_into IS NULL GROUP BY phase',
  );
  const open = await db.get<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE phase <> 'cloture'");
  const byPhase = new Map(rows.map((r) => [r.phase, r.n]));
  return {
    openIncidents: open?.n ?? 0,
    incidentsByPhase: PHASES.map((key) => ({ key, count: byPhase.get(key) ?? 0, query: `phase:${key}`, target: 'incidents' as const })),
  };
}

/** MTTA/MTTR per UTC week (Monday to Monday) over the weeks of the range, at least the last `TREND_MIN_WEEKS`. */
export async function responseTrend(db: Db, range: { from: number; to: number }): Promise<WeeklyResponse[]> {
  const last = weekStart(range.to - 1);
  const first = Math.min(weekStart(range.from), last - (TREND_MIN_WEEKS - 1) * WEEK);
  const out: WeeklyResponse[] = [];
  for (let w = first; w <= last; w += WEEK) {
    const from = new Date(w).toISOString();
    const to = new Date(w + WEEK).toISOString();
    const m = await incidentMetrics(db, { from, to });
    out.push({
      weekStart: from,
      weekEnd: to,
      mtta: m.mtta,
      mttr: m.mttr,
      incidents: m.incidents,
      query: `created:[${from} TO ${to}}`,
      target: 'incidents',
    });
  }
  return out;
}

/** Open ARS and CNIL clocks, most urgent first (main/incidents/legal/deadlines.ts). */
export async function legalBoard(db: Db, now: number): Promise<LegalDeadlineItem[]> {
  const deadlines = await listDeadlines(db, { now });
  return deadlines.map((d) => ({ ...d, query: `incident:${d.incidentId} AND kind:${d.kind}`, target: 'legal' as const }));
}
