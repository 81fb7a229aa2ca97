/**
 * A complete, self-describing picture of one incident, as the exports and
 * shared bundles carry it: stable UUIDs instead of local ids, instants in
 * ISO 8601 UTC, each item's own TLP (null: the incident's). Loaded straight
 * from the tables of migrations 003/007/008.
 */
import type { Severity } from '../../api/contract';
import type { TimelineColumns } from '../../api/ops/incidents';
import type { ArsRecord, BreachRecord } from '../../api/ops/legal';
import type { Db } from '../../store/db';
import { severityFromInt } from '../../events/severity';
import type { HashType, ObservableType, Pap, Phase, TaskStatus, Tlp } from '../model';
import { incidentRow } from '../queries';
import { getArs } from '../legal/ars';
import { getBreach } from '../legal/gdpr';

export interface SnapshotIncident {
  id: number;
  uuid: string;
  title: string;
  description: string;
  severity: Severity;
  tlp: Tlp;
  pap: Pap;
  category: string;
  phase: Phase;
  structures: { name: string; finess: string | null }[];
  services: string[];
  assignees: string[];
  risks: string[];
  parentUuid: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SnapshotObservable {
  uuid: string;
  type: ObservableType;
  value: string;
  hashType: HashType | null;
  tlp: Tlp;
  description: string;
  sightings: number | null;
  addedBy: string;
  addedAt: string;
}

export interface SnapshotTask {
  uuid: string;
  title: string;
  description: string;
  owner: string | null;
  dueAt: string | null;
  status: TaskStatus;
  phase: Phase | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SnapshotTimelineEntry extends TimelineColumns {
  uuid: string;
  at: string;
  origin: 'manual' | 'iris';
  tlp: Tlp | null;
  createdBy: string;
  createdAt: string;
}

export interface SnapshotEvidence {
  uuid: string;
  name: string;
  description: string;
  size: number;
  sha256: string | null;
  tlp: Tlp | null;
  addedBy: string;
  addedAt: string;
}

export interface SnapshotHistoryEntry {
  at: string;
  actor: string;
  field: string;
  from: string | null;
  to: string | null;
}

export interface IncidentSnapshot {
  incident: SnapshotIncident;
  observables: SnapshotObservable[];
  tasks: SnapshotTask[];
  timeline: SnapshotTimelineEntry[];
  evidence: SnapshotEvidence[];
  history: SnapshotHistoryEntry[];
  alerts: { title: string; severity: Severity; firstSeen: string; eventCount: number }[];
  linkedEvents: number;
  legal: { ars: ArsRecord | null; breach: BreachRecord | null };
}

const isoOf = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
const isoNow = (ms: number) => new Date(ms).toISOString();
const list = (s: string): string[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export async function loadSnapshot(db: Db, incidentId: number, now = Date.now()): Promise<IncidentSnapshot> {
  const r = await incidentRow(db, incidentId);
  const extra = await db.get<{ uuid: string; parent_uuid: string | null }>(
    'SELECT i.uuid, p.uuid AS parent_uuid FROM incidents i LEFT JOIN incidents p ON p.id = i.parent_id WHERE i.id = ?',
    [incidentId],
  );
  const strings = async (sql: string) => (await db.all<{ v: string }>(sql, [incidentId])).map((x) => x.v);
  const incident: SnapshotIncident = {
    id: r.id,
    uuid: extra?.uuid ?? '',
    title: r.title,
    description: r.description,
    severity: severityFromInt(r.severity),
    tlp: r.tlp as Tlp,
    pap: (r.pap ?? 'AMBER') as Pap,
    category: r.category,
    phase: r.phase as Phase,
    structures: await db.all<{ name: string; finess: string | null }>(
      'SELECT name, finess FROM incident_structures WHERE incident_id = ? ORDER BY position, name',
      [incidentId],
    ),
    services: await strings('SELECT service AS v FROM incident_services WHERE incident_id = ? ORDER BY rowid'),
    assignees: await strings('SELECT name AS v FROM incident_assignees WHERE incident_id = ? ORDER BY rowid'),
    risks: await strings('SELECT risk_ref AS v FROM incident_risks WHERE incident_id = ? ORDER BY rowid'),
    parentUuid: extra?.parent_uuid ?? null,
    createdBy: r.created_by,
    createdAt: isoNow(r.created_at),
    updatedAt: isoNow(r.updated_at),
  };

  const observables = (
    await db.all<{
      uuid: string; type: ObservableType; value: string; hash_type: HashType | null; tlp: Tlp; description: string;
      sightings: number | null; added_by: string; added_at: number;
    }>('SELECT * FROM incident_observables WHERE incident_id = ? ORDER BY added_at, id', [incidentId])
  ).map((o) => ({
    uuid: o.uuid, type: o.type, value: o.value, hashType: o.hash_type, tlp: o.tlp, description: o.description,
    sightings: o.sightings, addedBy: o.added_by, addedAt: isoNow(o.added_at),
  }));

  const tasks = (
    await db.all<{
      uuid: string; title: string; description: string; owner: string | null; due_at: number | null; status: TaskStatus;
      phase: Phase | null; created_by: string; created_at: number; updated_at: number;
    }>('SELECT * FROM incident_tasks WHERE incident_id = ? ORDER BY created_at, id', [incidentId])
  ).map((t) => ({
    uuid: t.uuid, title: t.title, description: t.description, owner: t.owner, dueAt: isoOf(t.due_at), status: t.status,
    phase: t.phase, createdBy: t.created_by, createdAt: isoNow(t.created_at), updatedAt: isoNow(t.updated_at),
  }));

  const timeline = (
    await db.all<{
      uuid: string; ts: number; tz: string; title: string; category: string; content: string; raw: string; source: string;
      assets: string; iocs: string; tags: string; origin: 'manual' | 'iris'; tlp: Tlp | null; created_by: string; created_at: number;
    }>('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY ts, id', [incidentId])
  ).map((e) => ({
    uuid: e.uuid, at: isoNow(e.ts), tz: e.tz, title: e.title, category: e.category, content: e.content, raw: e.raw,
    source: e.source, assets: list(e.assets), iocs: list(e.iocs), tags: list(e.tags), origin: e.origin, tlp: e.tlp,
    createdBy: e.created_by, createdAt: isoNow(e.created_at),
  }));

  const evidence = (
    await db.all<{
      uuid: string; name: string; description: string; size: number; sha256: string | null; tlp: Tlp | null; added_by: string; added_at: number;
    }>("SELECT * FROM incident_evidence WHERE incident_id = ? AND status = 'stored' ORDER BY added_at, id", [incidentId])
  ).map((e) => ({
    uuid: e.uuid, name: e.name, description: e.description, size: e.size, sha256: e.sha256, tlp: e.tlp,
    addedBy: e.added_by, addedAt: isoNow(e.added_at),
  }));

  const history = (
    await db.all<{ ts: number; actor: string; field: string; from_value: string | null; to_value: string | null }>(
      'SELECT ts, actor, field, from_value, to_value FROM incident_history WHERE incident_id = ? ORDER BY ts, id',
      [incidentId],
    )
  ).map((h) => ({ at: isoNow(h.ts), actor: h.actor, field: h.field, from: h.from_value, to: h.to_value }));

  const alerts = (
    await db.all<{ title: string; severity: number; first_seen: number; event_count: number }>(
      'SELECT title, severity, first_seen, event_count FROM alerts WHERE incident_id = ? ORDER BY first_seen, id',
      [incidentId],
    )
  ).map((a) => ({ title: a.title, severity: severityFromInt(a.severity), firstSeen: isoNow(a.first_seen), eventCount: a.event_count }));
  const linked = await db.get<{ n: number }>('SELECT count(*) AS n FROM incident_events WHERE incident_id = ?', [incidentId]);

  return {
    incident,
    observables,
    tasks,
    timeline,
    evidence,
    history,
    alerts,
    linkedEvents: linked?.n ?? 0,
    legal: { ars: await getArs(db, incidentId, now), breach: await getBreach(db, incidentId, now) },
  };
}
