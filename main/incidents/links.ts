/** Alerts and events linked to an incident; an incident opened from an alert. */
import type { IncidentRow } from '../api/contract';
import { VigieError } from '../api/errors';
import { rowToAlert, type AlertDbRow } from '../alerts/queries';
import type { Db } from '../store/db';
import type { IncidentCategory } from './model';
import { createIncident, writableIncident } from './queries';
import { recordEvent } from './update';

export type LinkOrigin = 'manual' | 'alert' | 'sighting';

/**
 * Links events to an incident (already linked ones are left as they are).
 * Writes one history row (`events`, to = how many were linked) when any was new.
 */
export async function linkEvents(
  db: Db,
  incidentId: number,
  eventIds: readonly number[],
  actor: string,
  opts: { origin?: LinkOrigin; observableId?: number | null; note?: string } = {},
): Promise<number> {
  const ids = [...new Set(eventIds)];
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const found = await tx.get<{ n: number }>(
        `SELECT count(*) AS n FROM events WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      if ((found?.n ?? 0) !== chunk.length) throw new VigieError('NOT_FOUND', 'Événement introuvable parmi ceux à lier.');
    }
    const at = Date.now();
    const linked = await tx.insertMany(
      'incident_events',
      ['incident_id', 'event_id', 'origin', 'observable_id', 'added_by', 'added_at'],
      ids.map((e) => [incidentId, e, opts.origin ?? 'manual', opts.observableId ?? null, actor, at]),
      { onConflict: 'ignore' },
    );
    if (linked > 0) {
      await recordEvent(tx, incidentId, {
        actor,
        field: 'events',
        to: `${linked} événement${linked > 1 ? 's' : ''} lié${linked > 1 ? 's' : ''}${opts.note ? ` (${opts.note})` : ''}`,
      });
    }
    return linked;
  });
}

async function alertRow(db: Db, alertId: number): Promise<AlertDbRow> {
  const row = await db.get<AlertDbRow>('SELECT * FROM alerts WHERE id = ?', [alertId]);
  if (!row) throw new VigieError('NOT_FOUND', `Alerte n°${alertId} introuvable.`);
  return row;
}

/**
 * Attaches an alert to an incident (`alerts.incident_id`) and links the
 * alert's events. An alert attached elsewhere moves: both histories say so.
 */
export async function attachAlert(db: Db, incidentId: number, alertId: number, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    const alert = await alertRow(tx, alertId);
    if (alert.incident_id === incidentId) return;
    if (alert.incident_id != null) {
      await recordEvent(tx, alert.incident_id, { actor, field: 'alert', from: String(alertId), to: null });
    }
    await tx.run('UPDATE alerts SET incident_id = ? WHERE id = ?', [incidentId, alertId]);
    await recordEvent(tx, incidentId, { actor, field: 'alert', from: null, to: String(alertId) });
    const events = await tx.all<{ event_id: number }>('SELECT event_id FROM alert_events WHERE alert_id = ?', [alertId]);
    if (events.length) {
      await linkEvents(tx, incidentId, events.map((e) => e.event_id), actor, { origin: 'alert', note: `alerte n°${alertId}` });
    }
  });
}

/** A category guessed from the alert's rule (the analyst can change it). */
export function categoryForRule(ruleId: string): IncidentCategory {
  const r = ruleId.toLowerCase();
  if (/ransom|crypt|encrypt|pacs.*fail|store_failures/.test(r)) return 'ransomware';
  if (/phish|mail/.test(r)) return 'phishing';
  if (/ddos|flood|dos\b/.test(r)) return 'ddos';
  if (/export|mass|bulk|leak|exfil|patient/.test(r)) return 'patient-data-leak';
  if (/brute|login|account|password|credential|unusual_ip/.test(r)) return 'account-compromise';
  return 'other';
}

/** Opens an incident from an alert (title, severity, description from the alert) and attaches the alert. */
export async function createIncidentFromAlert(
  db: Db,
  alertId: number,
  actor: string,
  opts: { category?: IncidentCategory; title?: string } = {},
): Promise<IncidentRow> {
  return db.transaction(async (tx) => {
    const row = await alertRow(tx, alertId);
    if (row.incident_id != null) {
      throw new VigieError('CONFLICT', `L’alerte n°${alertId} est déjà rattachée à l’incident n°${row.incident_id}.`, {
        incidentId: row.incident_id,
      });
    }
    const alert = rowToAlert(row);
    const incident = await createIncident(
      tx,
      {
        title: opts.title ?? alert.title,
        description:
          `Incident ouvert depuis l’alerte n°${alert.id} (${alert.ruleId}, ${alert.groupKey}) : ` +
          `${alert.eventCount} événement(s) du ${alert.firstSeen} au ${alert.lastSeen}.`,
        severity: alert.severity,
        category: opts.category ?? categoryForRule(alert.ruleId),
      },
      actor,
    );
    await attachAlert(tx, incident.id, alertId, actor);
    return incident;
  });
}
