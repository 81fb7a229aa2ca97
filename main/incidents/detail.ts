/** Everything about one incident, as the detail view and exports need it. */
import type { IncidentDetail, IncidentHistoryEntry, LinkedEvent, PhaseSpan } from '../api/ops/incidents';
import { rowToAlert, type AlertDbRow } from '../alerts/queries';
import type { Db } from '../store/db';
import { listEvidence } from './evidence/store';
import { listChildren } from './merge';
import { categoryInfo, PHASES, type Pap, type Phase } from './model';
import { listObservables } from './observables';
import { incidentRow, rowToIncident } from './queries';
import { listTasks } from './tasks';
import { listTimeline } from './timeline';

export const DETAIL_EVENTS = 200;

interface HistoryDbRow {
  id: number;
  ts: number;
  actor: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

export async function incidentHistory(db: Db, incidentId: number): Promise<IncidentHistoryEntry[]> {
  const rows = await db.all<HistoryDbRow>('SELECT * FROM incident_history WHERE incident_id = ? ORDER BY ts, id', [incidentId]);
  return rows.map((h) => ({ id: h.id, at: new Date(h.ts).toISOString(), actor: h.actor, field: h.field, from: h.from_value, to: h.to_value }));
}

/** Phases the incident went through, replayed from its history. */
export function phaseSpans(history: IncidentHistoryEntry[], currentPhase: Phase, createdAt: string): PhaseSpan[] {
  const isPhase = (p: string | null): p is Phase => p != null && (PHASES as readonly string[]).includes(p);
  const moves = history.filter((h) => h.field === 'phase' && isPhase(h.to));
  const first = moves[0]?.from;
  const spans: PhaseSpan[] = [{ phase: isPhase(first ?? null) ? (first as Phase) : currentPhase, from: history.find((h) => h.field === 'created')?.at ?? createdAt, to: null }];
  for (const m of moves) {
    const last = spans[spans.length - 1];
    if (m.to === last.phase) continue;
    last.to = m.at;
    spans.push({ phase: m.to as Phase, from: m.at, to: null });
  }
  return spans;
}

async function linkedEvents(db: Db, incidentId: number): Promise<{ events: LinkedEvent[]; total: number }> {
  const total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM incident_events WHERE incident_id = ?', [incidentId]))?.n ?? 0;
  const rows = await db.all<{
    event_id: number;
    ts: number;
    service: string;
    action: string;
    user_name: string | null;
    source_ip: string | null;
    message: string;
    origin: LinkedEvent['origin'];
    observable_id: number | null;
  }>(
    `SELECT l.event_id, e.ts, e.service, e.action, e.user_name, e.source_ip, e.message, l.origin, l.observable_id
       FROM incident_events l JOIN events e ON e.id = l.event_id
      WHERE l.incident_id = ? ORDER BY e.ts DESC, e.id DESC LIMIT ?`,
    [incidentId, DETAIL_EVENTS],
  );
  return {
    total,
    events: rows.map((r) => ({
      eventId: r.event_id,
      at: new Date(r.ts).toISOString(),
      service: r.service,
      action: r.action,
      userName: r.user_name,
      sourceIp: r.source_ip,
      message: r.message,
      origin: r.origin,
      observableId: r.observable_id,
    })),
  };
}

export async function getIncidentDetail(db: Db, id: number): Promise<IncidentDetail> {
  const row = await incidentRow(db, id);
  const base = rowToIncident(row);
  const history = await incidentHistory(db, id);
  const parent = row.parent_id == null ? undefined : await db.get<{ id: number; title: string }>('SELECT id, title FROM incidents WHERE id = ?', [row.parent_id]);
  const alerts = await db.all<AlertDbRow>('SELECT * FROM alerts WHERE incident_id = ? ORDER BY first_seen, id', [id]);
  const list = async (sql: string) => (await db.all<{ v: string }>(sql, [id])).map((r) => r.v);
  const { events, total } = await linkedEvents(db, id);
  return {
    ...base,
    description: row.description,
    pap: row.pap as Pap,
    classification: categoryInfo(row.category),
    createdBy: row.created_by,
    structures: await db.all<{ name: string; finess: string | null }>(
      'SELECT name, finess FROM incident_structures WHERE incident_id = ? ORDER BY position',
      [id],
    ),
    services: await list('SELECT service AS v FROM incident_services WHERE incident_id = ? ORDER BY rowid'),
    assignees: await list('SELECT name AS v FROM incident_assignees WHERE incident_id = ? ORDER BY rowid'),
    risks: await list('SELECT risk_ref AS v FROM incident_risks WHERE incident_id = ? ORDER BY rowid'),
    parentId: row.parent_id,
    mergedInto: row.merged_into,
    parent: parent ?? null,
    children: await listChildren(db, id),
    alerts: alerts.map(rowToAlert),
    events,
    eventCount: total,
    observables: await listObservables(db, id),
    tasks: await listTasks(db, id),
    timeline: await listTimeline(db, id),
    evidence: await listEvidence(db, id),
    history,
    phases: phaseSpans(history, row.phase as Phase, base.createdAt),
  };
}
