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

export type ListFilter = Partial<IncidentListFilter> & { limit: number; offset: number };

/** `%`, `_` and `\` taken literally in a LIKE pattern (with `ESCAPE '\'`). */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** WHERE clause and parameters of a filter (`i` = incidents). */
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
  const text = f.text?.trim();
  if (text) {
    const id = /^(?:n°|#)?\s*(\d{1,12})$/i.exec(text);
    const pattern = `%${likeEscape(text)}%`;
    if (id) add("(i.id = ? OR i.title LIKE ? ESCAPE '\\' OR coalesce(i.structure, '') LIKE ? ESCAPE '\\')", Number(id[1]), pattern, pattern);
    else add("(i.title LIKE ? ESCAPE '\\' OR coalesce(i.structure, '') LIKE ? ESCAPE '\\')", pattern, pattern);
  }
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
  const total = await db.get<{ n: number }>(`SELECT count(*) AS n FROM incidents i ${where}`, params);
  const rows = await db.all<IncidentDbRow>(
    `SELECT i.* FROM incidents i ${where} ORDER BY i.updated_at DESC, i.id DESC LIMIT ? OFFSET ?`,
    [...params, filter.limit, filter.offset],
  );
  return { total: total?.n ?? 0, items: rows.map(rowToIncident) };
}
