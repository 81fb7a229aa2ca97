/**
 * The incident list with its filters (`incidents.list`): phase, severity,
 * category, TLP, assignee, free text, open/closed, overdue legal deadline,
 * creation window; paged, most recently updated first. Every filter is a SQL
 * condition, so `total` counts all the matching incidents, not one page.
 */
import type { IncidentListFilter, IncidentRow } from '../api/ops/incidents';
import type { Page } from '../api/contract';
import type { Db } from '../store/db';
import { severityToInt } from '../events/severity';
import { ARS_WARNING_MS, CNIL_DELAY_MS } from './legal/clocks';
import { rowToIncident, type IncidentDbRow } from './queries';
import { textMatcher } from './text-fold';

export type ListFilter = Partial<IncidentListFilter> & { limit: number; offset: number };

/** WHERE clause and parameters of every filter but the free text (`i` = incidents). */
export function incidentFilterSql(f: ListFilter, now: number): { where: string; params: unknown[] } {
  const cond: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    cond.push(sql);
    params.push(...values);
  };
  if (f.phase) add('i.phase = ?', f.phase);
  if (f.severity) add('i.severity = ?', severityToInt(f.severity));
  if (f.category) add('i.category = ?', f.category);
  if (f.tlp) add('i.tlp = ?', f.tlp);
  if (f.assignee) add('EXISTS (SELECT 1 FROM incident_assignees a WHERE a.incident_id = i.id AND a.name = ?)', f.assignee.trim());
  if (f.state === 'open') cond.push("(i.phase <> 'cloture' AND i.merged_into IS NULL)");
  if (f.state === 'closed') cond.push("(i.phase = 'cloture' OR i.merged_into IS NOT NULL)");
  if (f.overdue) {
    // The same rules as legal/clocks.ts: CNIL overdue = risk not "none", not notified, 72 h passed;
    // ARS overdue = not declared, not qualified "aucun", 24 h since discovery.
    add(
      `(EXISTS (SELECT 1 FROM breaches b WHERE b.incident_id = i.id AND b.notified_at IS NULL AND b.risk <> 'none' AND b.aware_at + ? <= ?)
        OR EXISTS (SELECT 1 FROM ars_declarations d WHERE d.incident_id = i.id AND d.declared_at IS NULL
                   AND coalesce(d.qualification, '') <> 'aucun' AND d.discovered_at + ? <= ?))`,
      CNIL_DELAY_MS, now, ARS_WARNING_MS, now,
    );
  }
  if (f.createdFrom) add('i.created_at >= ?', Date.parse(f.createdFrom));
  if (f.createdTo) add('i.created_at < ?', Date.parse(f.createdTo));
  return { where: cond.length ? `WHERE ${cond.join(' AND ')}` : '', params };
}

/** Incidents matching the filter, most recently updated first; `total` = all matches. */
export async function listIncidents(db: Db, filter: ListFilter, now = Date.now()): Promise<Page<IncidentRow>> {
  const { where, params } = incidentFilterSql(filter, now);
  const order = 'ORDER BY i.updated_at DESC, i.id DESC';
  const text = filter.text?.trim();
  if (!text) {
    const total = await db.get<{ n: number }>(`SELECT count(*) AS n FROM incidents i ${where}`, params);
    const rows = await db.all<IncidentDbRow>(`SELECT i.* FROM incidents i ${where} ${order} LIMIT ? OFFSET ?`, [...params, filter.limit, filter.offset]);
    return { total: total?.n ?? 0, items: rows.map(rowToIncident) };
  }
  // Free text is matched here, not by LIKE (see text-fold.ts): the short columns of the incidents that pass
  // the other filters are read in list order, then only the page's rows are loaded.
  const candidates = await db.all<{ id: number; title: string; structure: string | null }>(
    `SELECT i.id, i.title, i.structure FROM incidents i ${where} ${order}`,
    params,
  );
  const idMatch = /^(?:n°|#)?\s*(\d{1,12})$/i.exec(text);
  const id = idMatch ? Number(idMatch[1]) : null;
  const matches = textMatcher(text);
  const hits = candidates.filter((c) => c.id === id || matches(c.title, c.structure)).map((c) => c.id);
  const pageIds = hits.slice(filter.offset, filter.offset + filter.limit);
  const rows = pageIds.length
    ? await db.all<IncidentDbRow>(`SELECT i.* FROM incidents i WHERE i.id IN (${pageIds.map(() => '?').join(',')}) ${order}`, pageIds)
    : [];
  return { total: hits.length, items: rows.map(rowToIncident) };
}
