/**
 * Alert triage: the detail (events, comments, history), status and assignee
 * changes (each written to the append-only `alert_history` with who, when,
 * from and to), comments, and promotion to an incident (new or existing,
 * through main/incidents/links).
 */
import type { AlertComment, AlertDetail, AlertHistoryEntry } from '../api/ops/detection';
import { VigieError } from '../api/errors';
import { ROW_COLUMNS, rowToEventRow, type EventDbRow } from '../events/columns';
import { attachAlert, createIncidentFromAlert } from '../incidents/links';
import type { Db } from '../store/db';
import { ALERT_STATUSES, type AlertDbRow, type AlertStatus, rowToAlert } from './queries';

export const DETAIL_EVENTS = 500;

type AlertRowWithAssignee = AlertDbRow & { assignee: string | null };

async function alertRow(db: Db, id: number): Promise<AlertRowWithAssignee> {
  const row = await db.get<AlertRowWithAssignee>('SELECT * FROM alerts WHERE id = ?', [id]);
  if (!row) throw new VigieError('NOT_FOUND', `Alerte n°${id} introuvable.`);
  return row;
}

async function appendAlertHistory(db: Db, alertId: number, h: { actor: string; field: AlertHistoryEntry['field']; from: string | null; to: string | null; at?: number }) {
  await db.run('INSERT INTO alert_history (alert_id, ts, actor, field, from_value, to_value) VALUES (?, ?, ?, ?, ?, ?)', [
    alertId,
    h.at ?? Date.now(),
    h.actor,
    h.field,
    h.from,
    h.to,
  ]);
}

export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  falsepositives: string[];
}

export async function getAlertDetail(db: Db, id: number, ruleInfo?: (ruleId: string) => RuleInfo | null): Promise<AlertDetail> {
  const row = await alertRow(db, id);
  const events = await db.all<EventDbRow>(
    `SELECT ${ROW_COLUMNS} FROM events WHERE id IN (SELECT event_id FROM alert_events WHERE alert_id = ?) ORDER BY ts, id LIMIT ?`,
    [id, DETAIL_EVENTS],
  );
  const comments = await db.all<{ id: number; ts: number; author: string; text: string }>(
    'SELECT id, ts, author, text FROM alert_comments WHERE alert_id = ? ORDER BY ts, id',
    [id],
  );
  const history = await db.all<{ id: number; ts: number; actor: string; field: AlertHistoryEntry['field']; from_value: string | null; to_value: string | null }>(
    'SELECT id, ts, actor, field, from_value, to_value FROM alert_history WHERE alert_id = ? ORDER BY ts, id',
    [id],
  );
  return {
    ...rowToAlert(row),
    assignee: row.assignee,
    createdAt: new Date(row.created_at).toISOString(),
    events: events.map(rowToEventRow),
    comments: comments.map((c) => ({ id: c.id, at: new Date(c.ts).toISOString(), author: c.author, text: c.text })),
    history: history.map((h) => ({ id: h.id, at: new Date(h.ts).toISOString(), actor: h.actor, field: h.field, from: h.from_value, to: h.to_value })),
    rule: ruleInfo?.(row.rule_id) ?? null,
  };
}

/** Changes status and/or assignee; one history row per actual change (a no-op writes nothing). */
export async function updateAlert(db: Db, id: number, patch: { status?: AlertStatus; assignee?: string | null }, actor: string): Promise<void> {
  if (patch.status !== undefined && !(ALERT_STATUSES as readonly string[]).includes(patch.status)) {
    throw new VigieError('VALIDATION', `Statut inconnu : ${String(patch.status)}`);
  }
  await db.transaction(async (tx) => {
    const row = await alertRow(tx, id);
    const at = Date.now();
    if (patch.status !== undefined && patch.status !== row.status) {
      await appendAlertHistory(tx, id, { actor, field: 'status', from: row.status, to: patch.status, at });
      await tx.run('UPDATE alerts SET status = ? WHERE id = ?', [patch.status, id]);
    }
    if (patch.assignee !== undefined) {
      const next = patch.assignee === null || patch.assignee.trim() === '' ? null : patch.assignee.trim();
      if (next !== row.assignee) {
        await appendAlertHistory(tx, id, { actor, field: 'assignee', from: row.assignee, to: next, at });
        await tx.run('UPDATE alerts SET assignee = ? WHERE id = ?', [next, id]);
      }
    }
  });
}

export async function commentAlert(db: Db, id: number, text: string, author: string): Promise<AlertComment> {
  const clean = text.trim();
  if (!clean) throw new VigieError('VALIDATION', 'Commentaire vide.');
  await alertRow(db, id);
  const at = Date.now();
  const { lastID } = await db.run('INSERT INTO alert_comments (alert_id, ts, author, text) VALUES (?, ?, ?, ?)', [id, at, author, clean]);
  return { id: lastID, at: new Date(at).toISOString(), author, text: clean };
}

/** Opens a new incident from the alert (its events linked) and takes the alert into account. */
export async function promoteAlert(db: Db, id: number, actor: string): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await alertRow(tx, id);
    const incident = await createIncidentFromAlert(tx, id, actor);
    await appendAlertHistory(tx, id, { actor, field: 'incident', from: null, to: String(incident.id) });
    if (row.status === 'nouvelle') {
      await appendAlertHistory(tx, id, { actor, field: 'status', from: 'nouvelle', to: 'prise_en_compte' });
      await tx.run("UPDATE alerts SET status = 'prise_en_compte' WHERE id = ?", [id]);
    }
    return incident.id;
  });
}

/** Attaches the alert (and its events) to an existing incident. */
export async function attachAlertToIncident(db: Db, id: number, incidentId: number, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await alertRow(tx, id);
    if (row.incident_id === incidentId) return;
    await attachAlert(tx, incidentId, id, actor);
    await appendAlertHistory(tx, id, { actor, field: 'incident', from: row.incident_id === null ? null : String(row.incident_id), to: String(incidentId) });
    if (row.status === 'nouvelle') {
      await appendAlertHistory(tx, id, { actor, field: 'status', from: 'nouvelle', to: 'prise_en_compte' });
      await tx.run("UPDATE alerts SET status = 'prise_en_compte' WHERE id = ?", [id]);
    }
  });
}
