import type { AlertRow, Page } from '../api/contract';
import type { Db } from '../store/db';
import { severityFromInt } from '../events/severity';

export const ALERT_STATUSES = ['nouvelle', 'prise_en_compte', 'faux_positif', 'vrai_positif', 'close'] as const;
export type AlertStatus = AlertRow['status'];
/** Statuses that still need work: everything but "false positive" and "closed". */
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['nouvelle', 'prise_en_compte', 'vrai_positif'];

export interface AlertDbRow {
  id: number;
  rule_id: string;
  title: string;
  severity: number;
  status: string;
  group_key: string;
  first_seen: number;
  last_seen: number;
  event_count: number;
  incident_id: number | null;
  created_at: number;
}

export function rowToAlert(r: AlertDbRow): AlertRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    title: r.title,
    severity: severityFromInt(r.severity),
    status: (ALERT_STATUSES as readonly string[]).includes(r.status) ? (r.status as AlertStatus) : 'nouvelle',
    groupKey: r.group_key,
    firstSeen: new Date(r.first_seen).toISOString(),
    lastSeen: new Date(r.last_seen).toISOString(),
    eventCount: r.event_count,
    incidentId: r.incident_id,
  };
}

/** Alerts, most recently active first. */
export async function listAlerts(db: Db, page: { limit: number; offset: number }): Promise<Page<AlertRow>> {
  const total = await db.get<{ n: number }>('SELECT count(*) AS n FROM alerts');
  const rows = await db.all<AlertDbRow>(
    'SELECT * FROM alerts ORDER BY last_seen DESC, id DESC LIMIT ? OFFSET ?',
    [page.limit, page.offset],
  );
  return { total: total?.n ?? 0, items: rows.map(rowToAlert) };
}
