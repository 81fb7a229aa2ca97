import type { AlertRow, Page, Severity } from '../api/contract';
import type { Db } from '../store/db';
import { severityFromInt, severityToInt } from '../events/severity';

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

export interface AlertListFilter {
  limit: number;
  offset: number;
  severities?: readonly Severity[];
  statuses?: readonly AlertStatus[];
  /** Active in [activeFrom, activeTo): first seen before `activeTo`, last seen at or after `activeFrom` (ISO). */
  activeFrom?: string;
  activeTo?: string;
}

/** Alerts, most recently active first, optionally filtered (the dashboard's alert panels link here). */
export async function listAlerts(db: Db, input: AlertListFilter): Promise<Page<AlertRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.severities?.length) {
    where.push(`severity IN (${input.severities.map(() => '?').join(', ')})`);
    params.push(...input.severities.map(severityToInt));
  }
  if (input.statuses?.length) {
    where.push(`status IN (${input.statuses.map(() => '?').join(', ')})`);
    params.push(...input.statuses);
  }
  if (input.activeTo !== undefined) {
    where.push('first_seen < ?');
    params.push(Date.parse(input.activeTo));
  }
  if (input.activeFrom !== undefined) {
    where.push('last_seen >= ?');
    params.push(Date.parse(input.activeFrom));
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.get<{ n: number }>(`SELECT count(*) AS n FROM alerts ${clause}`, params);
  const rows = await db.all<AlertDbRow>(`SELECT * FROM alerts ${clause} ORDER BY last_seen DESC, id DESC LIMIT ? OFFSET ?`, [
    ...params,
    input.limit,
    input.offset,
  ]);
  return { total: total?.n ?? 0, items: rows.map(rowToAlert) };
}
