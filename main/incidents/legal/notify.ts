/**
 * Deadline notifications: 24 h, 6 h and 1 h before the 72-hour CNIL
 * deadline, and when it has passed; for the ARS declaration ("sans délai",
 * no numeric deadline), once when 24 h have elapsed since the discovery
 * without a declaration.
 *
 * Each (incident, clock, threshold, deadline) is notified at most once: it is
 * written to `legal_notifications` before being handed to the notifier (a
 * correction of the awareness time moves the deadline, so its thresholds can
 * fire again). When several thresholds are crossed at once (the app was
 * closed), only the most urgent is shown; the others are logged as
 * superseded (`delivered` = 0).
 */
import type { Deadline, DeadlineNotification, NotificationThreshold } from '../../api/ops/legal';
import type { Severity } from '../../api/contract';
import type { Db } from '../../store/db';
import { listDeadlines } from './deadlines';
import { formatDuration, formatParisWithOffset, HOUR_MS } from './time';

/** CNIL thresholds, least urgent first: time left at or below which each fires. */
export const CNIL_THRESHOLDS: readonly { threshold: NotificationThreshold; remainingMs: number; severity: Severity }[] = [
  { threshold: '24h', remainingMs: 24 * HOUR_MS, severity: 'medium' },
  { threshold: '6h', remainingMs: 6 * HOUR_MS, severity: 'high' },
  { threshold: '1h', remainingMs: 1 * HOUR_MS, severity: 'critical' },
  { threshold: 'overdue', remainingMs: 0, severity: 'critical' },
];

interface Due {
  deadline: Deadline;
  crossed: NotificationThreshold[];
  notify: NotificationThreshold;
  severity: Severity;
  refAt: number;
}

/** Thresholds crossed by an open clock (pure). */
export function crossedThresholds(d: Deadline): { crossed: NotificationThreshold[]; severity: Severity } | null {
  if (d.kind === 'ars') return d.status === 'overdue' ? { crossed: ['overdue'], severity: 'high' } : null;
  if (d.remainingMs == null) return null;
  const remaining = d.remainingMs;
  const hit = CNIL_THRESHOLDS.filter((t) => (t.threshold === 'overdue' ? remaining <= 0 : remaining <= t.remainingMs));
  return hit.length ? { crossed: hit.map((t) => t.threshold), severity: hit[hit.length - 1].severity } : null;
}

export function notificationText(d: Deadline, threshold: NotificationThreshold): { title: string; body: string } {
  const who = `Incident n°${d.incidentId} — ${d.incidentTitle}`;
  if (d.kind === 'ars') {
    return {
      title: 'Vigie : signalement ARS / CERT Santé non fait',
      body: `${who}. Découvert le ${d.startAtParis}, il y a ${formatDuration(d.elapsedMs)} : le signalement « sans délai » reste à faire.`,
    };
  }
  const due = d.dueAt ? formatParisWithOffset(Date.parse(d.dueAt)) : '';
  if (threshold === 'overdue') {
    return {
      title: 'Vigie : délai de notification CNIL dépassé',
      body: `${who}${d.ref ? ` (${d.ref})` : ''}. Échéance des 72 h passée (${due}) : notifier la CNIL avec les motifs du retard.`,
    };
  }
  return {
    title: `Vigie : notification CNIL dans moins de ${threshold.replace('h', ' h')}`,
    body: `${who}${d.ref ? ` (${d.ref})` : ''}. Reste ${formatDuration(d.remainingMs ?? 0)} avant l’échéance des 72 h (${due}).`,
  };
}

/**
 * Finds the thresholds newly crossed at `now`, logs them, and returns the
 * notifications to show (one per clock). Safe to run concurrently: a
 * threshold already logged is skipped.
 */
export async function collectDeadlineNotifications(db: Db, now: number): Promise<DeadlineNotification[]> {
  const deadlines = await listDeadlines(db, { now });
  const pending: Due[] = [];
  for (const d of deadlines) {
    const hit = crossedThresholds(d);
    if (!hit) continue;
    const refAt = Date.parse(d.kind === 'ars' ? d.startAt : (d.dueAt as string));
    const sent = await db.all<{ threshold: NotificationThreshold }>(
      'SELECT threshold FROM legal_notifications WHERE incident_id = ? AND kind = ? AND ref_at = ?',
      [d.incidentId, d.kind, refAt],
    );
    const fresh = hit.crossed.filter((t) => !sent.some((s) => s.threshold === t));
    if (!fresh.length) continue;
    pending.push({ deadline: d, crossed: fresh, notify: fresh[fresh.length - 1], severity: hit.severity, refAt });
  }
  const out: DeadlineNotification[] = [];
  for (const p of pending) {
    const inserted = await db.transaction(async (tx) => {
      let delivered = 0;
      for (const t of p.crossed) {
        const r = await tx.run(
          `INSERT OR IGNORE INTO legal_notifications (incident_id, kind, threshold, ref_at, sent_at, delivered) VALUES (?, ?, ?, ?, ?, ?)`,
          [p.deadline.incidentId, p.deadline.kind, t, p.refAt, now, t === p.notify ? 1 : 0],
        );
        if (t === p.notify) delivered = r.changes;
      }
      return delivered > 0;
    });
    if (!inserted) continue;
    const text = notificationText(p.deadline, p.notify);
    out.push({
      incidentId: p.deadline.incidentId,
      incidentTitle: p.deadline.incidentTitle,
      kind: p.deadline.kind,
      threshold: p.notify,
      dueAt: p.deadline.dueAt,
      severity: p.severity,
      ...text,
    });
  }
  return out;
}
