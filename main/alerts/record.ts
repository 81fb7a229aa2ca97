/**
 * Detection hits → alerts. One alert per rule and group key within a window
 * (default 1 h, rule option `vigie.alert_window`): a hit joins the open alert
 * (nouvelle, prise en compte, vrai positif) of the same rule and key whose
 * last event is less than the window before its first one; otherwise a new
 * alert is created (history row `created`). Events already linked to an alert
 * of the same rule are not linked again (a hit made only of such events is
 * skipped); suppressed hits are counted on their suppression.
 */
import type { AlertRow, Severity } from '../api/contract';
import { severityToInt } from '../events/severity';
import type { Db } from '../store/db';
import { type AlertDbRow, OPEN_ALERT_STATUSES, rowToAlert } from './queries';
import { activeSuppressions, matchSuppression } from './suppressions';

/** Actor of what detection itself writes in alert histories. */
export const DETECTION_ACTOR = 'Vigie (détection)';

export interface AlertHit {
  ruleId: string;
  title: string;
  severity: Severity;
  windowMs: number;
  groupKey: string;
  /** Contributing events (id and time, ms). */
  events: { id: number; ts: number }[];
  /** Value of a field for suppression matching (group values first, then the last event). */
  fieldValue: (field: string) => string | null;
}

export interface RecordResult {
  created: AlertRow[];
  /** Hits that added events to an alert that already existed. */
  updated: number;
  suppressed: number;
  /** Hits whose events were all already linked to an alert of the rule. */
  skipped: number;
  /** For each updated or skipped hit, the id of the existing alert it belongs to. */
  grouped: number[];
}

const OPEN = OPEN_ALERT_STATUSES.map((s) => `'${s}'`).join(', ');

/** Events already linked to an alert of the rule → that alert's id. */
async function alreadyLinked(db: Db, ruleId: string, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.all<{ event_id: number; alert_id: number }>(
      `SELECT ae.event_id, ae.alert_id FROM alert_events ae JOIN alerts a ON a.id = ae.alert_id
       WHERE a.rule_id = ? AND ae.event_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY ae.alert_id DESC`,
      [ruleId, ...chunk],
    );
    for (const r of rows) if (!out.has(r.event_id)) out.set(r.event_id, r.alert_id);
  }
  return out;
}

/** Records hits in one transaction; returns the alerts created (to announce once committed). */
export async function recordHits(db: Db, hits: readonly AlertHit[], now = Date.now()): Promise<RecordResult> {
  const result: RecordResult = { created: [], updated: 0, suppressed: 0, skipped: 0, grouped: [] };
  if (hits.length === 0) return result;
  await db.transaction(async (tx) => {
    const suppressions = await activeSuppressions(tx, now);
    for (const hit of hits) {
      const s = matchSuppression(suppressions.get(hit.ruleId), hit.fieldValue);
      if (s) {
        await tx.run('UPDATE alert_suppressions SET hits = hits + 1, last_hit_at = ? WHERE id = ?', [now, s.id]);
        result.suppressed++;
        continue;
      }
      const unique = [...new Map(hit.events.map((e) => [e.id, e])).values()];
      const linked = await alreadyLinked(tx, hit.ruleId, unique.map((e) => e.id));
      const fresh = unique.filter((e) => !linked.has(e.id));
      if (fresh.length === 0) {
        result.skipped++;
        result.grouped.push(Math.max(...linked.values()));
        continue;
      }
      const first = Math.min(...fresh.map((e) => e.ts));
      const last = Math.max(...fresh.map((e) => e.ts));
      const open = await tx.get<AlertDbRow>(
        `SELECT * FROM alerts WHERE rule_id = ? AND group_key = ? AND status IN (${OPEN}) AND last_seen >= ? AND first_seen <= ?
         ORDER BY last_seen DESC LIMIT 1`,
        [hit.ruleId, hit.groupKey, first - hit.windowMs, last + hit.windowMs],
      );
      let alertId: number;
      if (open) {
        alertId = open.id;
        result.updated++;
        result.grouped.push(alertId);
      } else {
        const ins = await tx.run(
          `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
           VALUES (?, ?, ?, 'nouvelle', ?, ?, ?, 0, ?)`,
          [hit.ruleId, hit.title, severityToInt(hit.severity), hit.groupKey, first, last, now],
        );
        alertId = ins.lastID;
        await tx.run(
          "INSERT INTO alert_history (alert_id, ts, actor, field, from_value, to_value) VALUES (?, ?, ?, 'created', NULL, 'nouvelle')",
          [alertId, now, DETECTION_ACTOR],
        );
      }
      await tx.insertMany('alert_events', ['alert_id', 'event_id'], fresh.map((e) => [alertId, e.id]), { onConflict: 'ignore' });
      await tx.run(
        `UPDATE alerts SET event_count = (SELECT count(*) FROM alert_events WHERE alert_id = ?),
           first_seen = min(first_seen, ?), last_seen = max(last_seen, ?) WHERE id = ?`,
        [alertId, first, last, alertId],
      );
      if (!open) {
        const row = await tx.get<AlertDbRow>('SELECT * FROM alerts WHERE id = ?', [alertId]);
        if (row) result.created.push(rowToAlert(row));
      }
    }
  });
  return result;
}
