/**
 * Response metrics computed from the histories (never from the current
 * columns alone, which only say where an incident is now):
 *
 * - MTTA, per alert first seen in the range: first_seen → the earliest of its
 *   first acknowledgement (`alert_acks`, status leaving « nouvelle »), its
 *   attachment to an incident (history `alert`) and the creation of the
 *   incident it belongs to (when not before the alert);
 * - MTTR, per incident created in the range: creation → its last move to
 *   « clôture » (incidents not closed are counted as `open`);
 * - time per phase: the length of every phase an incident has left, replayed
 *   from its `phase` history rows (the phase it is in now is not counted);
 *
 * overall, per severity and per category. Incidents merged into another are
 * left out (their work continues in the target).
 */
import type { DurationStat, IncidentMetrics, MetricsGroup } from '../api/ops/incidents';
import { VigieError } from '../api/errors';
import { severityFromInt } from '../events/severity';
import type { Db } from '../store/db';
import { PHASES, type Phase } from './model';

interface IncidentFacts {
  id: number;
  severity: string;
  category: string;
  mttr: number | null;
  phases: { phase: Phase; ms: number }[];
}

interface AlertFacts {
  severity: string;
  category: string | null;
  tta: number | null;
}

function stat(values: number[]): DurationStat {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    count: values.length,
    meanMs: Math.round(values.reduce((s, v) => s + v, 0) / values.length),
    medianMs: sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2),
  };
}

function perPhase(incidents: IncidentFacts[]): Record<Phase, DurationStat> {
  const out = {} as Record<Phase, DurationStat>;
  for (const p of PHASES) out[p] = stat(incidents.flatMap((i) => i.phases.filter((s) => s.phase === p).map((s) => s.ms)));
  return out;
}

interface HistoryRow {
  incident_id: number;
  ts: number;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

/** Replays one incident's history. */
function replay(inc: { id: number; created_at: number; phase: string; severity: number; category: string }, rows: HistoryRow[]): IncidentFacts {
  const created = rows.find((r) => r.field === 'created')?.ts ?? inc.created_at;
  const phaseRows = rows.filter((r) => r.field === 'phase');
  const sevRows = rows.filter((r) => r.field === 'severity');
  const catRows = rows.filter((r) => r.field === 'category');
  const isPhase = (p: string | null): p is Phase => p != null && (PHASES as readonly string[]).includes(p);
  let phase: Phase = isPhase(phaseRows[0]?.from_value ?? null) ? (phaseRows[0].from_value as Phase) : (inc.phase as Phase);
  let since = created;
  let closedAt: number | null = phase === 'cloture' ? created : null;
  const phases: { phase: Phase; ms: number }[] = [];
  for (const r of phaseRows) {
    if (!isPhase(r.to_value) || r.to_value === phase) continue;
    if (phase !== 'cloture') phases.push({ phase, ms: Math.max(0, r.ts - since) });
    phase = r.to_value;
    since = r.ts;
    closedAt = phase === 'cloture' ? r.ts : null;
  }
  return {
    id: inc.id,
    severity: sevRows.length ? (sevRows[sevRows.length - 1].to_value ?? severityFromInt(inc.severity)) : severityFromInt(inc.severity),
    category: catRows.length ? (catRows[catRows.length - 1].to_value ?? inc.category) : inc.category,
    mttr: closedAt === null ? null : Math.max(0, closedAt - created),
    phases,
  };
}

function group(key: string, incidents: IncidentFacts[], alerts: AlertFacts[]): MetricsGroup {
  return {
    key,
    incidents: incidents.length,
    mtta: stat(alerts.flatMap((a) => (a.tta === null ? [] : [a.tta]))),
    mttr: stat(incidents.flatMap((i) => (i.mttr === null ? [] : [i.mttr]))),
    timePerPhase: perPhase(incidents),
  };
}

function groups(
  keys: (string | null)[],
  incidents: IncidentFacts[],
  alerts: AlertFacts[],
  incKey: (i: IncidentFacts) => string,
  alertKey: (a: AlertFacts) => string | null,
): MetricsGroup[] {
  const distinct = [...new Set(keys.filter((k): k is string => k !== null))].sort();
  return distinct.map((k) => group(k, incidents.filter((i) => incKey(i) === k), alerts.filter((a) => alertKey(a) === k)));
}

/** MTTA, MTTR and time per phase for incidents created and alerts first seen in [from, to). */
export async function incidentMetrics(db: Db, range: { from: string; to: string }): Promise<IncidentMetrics> {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    throw new VigieError('VALIDATION', 'Période invalide : la fin doit suivre le début.');
  }
  const incRows = await db.all<{ id: number; created_at: number; phase: string; severity: number; category: string }>(
    'SELECT id, created_at, phase, severity, category FROM incidents WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL',
    [from, to],
  );
  const history = await db.all<HistoryRow>(
    `SELECT h.incident_id, h.ts, h.field, h.from_value, h.to_value FROM incident_history h
       JOIN incidents i ON i.id = h.incident_id
      WHERE i.created_at >= ? AND i.created_at < ? AND i.merged_into IS NULL
        AND h.field IN ('created', 'phase', 'severity', 'category')
      ORDER BY h.incident_id, h.ts, h.id`,
    [from, to],
  );
  const byIncident = new Map<number, HistoryRow[]>();
  for (const h of history) byIncident.set(h.incident_id, [...(byIncident.get(h.incident_id) ?? []), h]);
  const incidents = incRows.map((i) => replay(i, byIncident.get(i.id) ?? []));

  const alertRows = await db.all<{ id: number; severity: number; first_seen: number; ack: number | null; attached: number | null; inc_created: number | null; category: string | null }>(
    `SELECT a.id, a.severity, a.first_seen,
            (SELECT ts FROM alert_acks k WHERE k.alert_id = a.id) AS ack,
            (SELECT min(h.ts) FROM incident_history h WHERE h.field = 'alert' AND h.to_value = CAST(a.id AS TEXT)) AS attached,
            i.created_at AS inc_created, i.category
       FROM alerts a LEFT JOIN incidents i ON i.id = a.incident_id
      WHERE a.first_seen >= ? AND a.first_seen < ?`,
    [from, to],
  );
  const alerts: AlertFacts[] = alertRows.map((a) => {
    const candidates = [a.ack, a.attached, a.inc_created != null && a.inc_created >= a.first_seen ? a.inc_created : null].filter(
      (v): v is number => v != null,
    );
    return {
      severity: severityFromInt(a.severity),
      category: a.category,
      tta: candidates.length ? Math.max(0, Math.min(...candidates) - a.first_seen) : null,
    };
  });

  const mttaValues = alerts.flatMap((a) => (a.tta === null ? [] : [a.tta]));
  const mttrValues = incidents.flatMap((i) => (i.mttr === null ? [] : [i.mttr]));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    incidents: incidents.length,
    mtta: { ...stat(mttaValues), pending: alerts.length - mttaValues.length },
    mttr: { ...stat(mttrValues), open: incidents.length - mttrValues.length },
    timePerPhase: perPhase(incidents),
    bySeverity: groups(
      [...incidents.map((i) => i.severity), ...alerts.map((a) => a.severity)],
      incidents,
      alerts,
      (i) => i.severity,
      (a) => a.severity,
    ),
    byCategory: groups(incidents.map((i) => i.category), incidents, alerts, (i) => i.category, (a) => a.category),
  };
}
