/**
 * Legal deadlines of all incidents (dashboard) or of one (incident view):
 * one ARS clock per incident with an ARS record, one CNIL clock per breach.
 * Open clocks first, most urgent first (overdue, then least time left / most
 * time elapsed); closed ones (done, not required) only on request.
 */
import type { Deadline } from '../../api/ops/legal';
import type { Db } from '../../store/db';
import { allArs } from './ars';
import { toEntry, type BreachDbRow } from './gdpr';

const OPEN = new Set(['pending', 'due_soon', 'overdue']);
const RANK: Record<string, number> = { overdue: 0, due_soon: 1, pending: 2, done_late: 3, done: 4, not_required: 5 };

export async function listDeadlines(
  db: Db,
  opts: { now: number; incidentId?: number; includeClosed?: boolean },
): Promise<Deadline[]> {
  const out: Deadline[] = [];
  for (const a of await allArs(db, opts.now)) {
    if (opts.incidentId != null && a.incidentId !== opts.incidentId) continue;
    out.push({ ...a.clock, incidentId: a.incidentId, incidentTitle: a.incidentTitle, ref: null });
  }
  const breaches = await db.all<BreachDbRow & { title: string }>(
    `SELECT b.*, i.title FROM breaches b JOIN incidents i ON i.id = b.incident_id ${opts.incidentId != null ? 'WHERE b.incident_id = ?' : ''}`,
    opts.incidentId != null ? [opts.incidentId] : [],
  );
  for (const b of breaches) {
    const e = toEntry(b, b.title, opts.now);
    out.push({ ...e.clock, incidentId: e.incidentId, incidentTitle: e.incidentTitle, ref: e.ref });
  }
  const shown = opts.includeClosed ? out : out.filter((d) => OPEN.has(d.status));
  // Urgency: time left for CNIL, minus time elapsed for ARS (its "due" is now).
  const urgency = (d: Deadline) => d.remainingMs ?? -d.elapsedMs;
  return shown.sort((a, b) => RANK[a.status] - RANK[b.status] || urgency(a) - urgency(b) || a.incidentId - b.incidentId);
}
