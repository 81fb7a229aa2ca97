import { afterEach } from 'vitest';
import type { Db } from '../../../../main/store/db';
import { openTempVault } from '../../events/vault-fixture';

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

/** A real encrypted vault (cheap KDF), migrated to the latest schema; closed and removed after the test. */
export async function legalVault(): Promise<Db> {
  const v = await openTempVault();
  disposers.push(v.dispose);
  return v.db;
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
/** 2026-03-28 10:00 in Paris (UTC+1), the day before the spring DST change. */
export const T0 = Date.UTC(2026, 2, 28, 9, 0);

export interface IncidentSeed {
  title?: string;
  description?: string;
  tlp?: string;
  pap?: string;
  category?: string;
  createdAt?: number;
  structure?: string | null;
  finess?: string | null;
}

/** Inserts an incident the way the workflow stores it (row, `created` history, structure) and returns its id. */
export async function insertIncident(db: Db, o: IncidentSeed = {}): Promise<number> {
  const at = o.createdAt ?? T0;
  const title = o.title ?? 'Rançongiciel au CH de Vienne';
  const structure = o.structure === undefined ? 'CH de Vienne' : o.structure;
  const { lastID } = await db.run(
    `INSERT INTO incidents (title, description, severity, tlp, pap, category, phase, structure, finess, created_by, created_at, updated_at)
     VALUES (?, ?, 4, ?, ?, ?, 'qualification', ?, ?, 'rssi.dupont', ?, ?)`,
    [title, o.description ?? 'Chiffrement des serveurs du DPI', o.tlp ?? 'AMBER', o.pap ?? 'AMBER', o.category ?? 'ransomware', structure, o.finess ?? null, at, at],
  );
  await db.run("INSERT INTO incident_history (incident_id, ts, actor, field, to_value) VALUES (?, ?, 'rssi.dupont', 'created', ?)", [lastID, at, title]);
  if (structure !== null) {
    await db.run('INSERT INTO incident_structures (incident_id, name, finess, position) VALUES (?, ?, ?, 0)', [lastID, structure, o.finess ?? null]);
  }
  return lastID;
}

export async function addObservable(
  db: Db,
  incidentId: number,
  o: { type: string; value: string; tlp?: string; hashType?: string | null; description?: string; at?: number },
): Promise<number> {
  const { lastID } = await db.run(
    `INSERT INTO incident_observables (incident_id, type, value, hash_type, tlp, description, added_by, added_at)
     VALUES (?, ?, ?, ?, ?, ?, 'analyste.martin', ?)`,
    [incidentId, o.type, o.value, o.hashType ?? null, o.tlp ?? 'AMBER', o.description ?? '', o.at ?? T0 + HOUR],
  );
  return lastID;
}

export async function addTimeline(db: Db, incidentId: number, o: { title: string; at?: number; tlp?: string | null; content?: string; iocs?: string[] }): Promise<number> {
  const { lastID } = await db.run(
    `INSERT INTO incident_timeline (incident_id, ts, tz, title, category, content, iocs, origin, dedup, tlp, created_by, created_at)
     VALUES (?, ?, '+01:00', ?, 'Compromission', ?, ?, 'manual', ?, ?, 'analyste.martin', ?)`,
    [incidentId, o.at ?? T0 - 2 * HOUR, o.title, o.content ?? '', JSON.stringify(o.iocs ?? []), `d-${o.title}`, o.tlp ?? null, T0],
  );
  return lastID;
}

export async function addTask(db: Db, incidentId: number, title: string, status = 'todo'): Promise<number> {
  const { lastID } = await db.run(
    `INSERT INTO incident_tasks (incident_id, title, owner, status, created_by, created_at, updated_at) VALUES (?, ?, 'tf.bernard', ?, 'rssi.dupont', ?, ?)`,
    [incidentId, title, status, T0, T0],
  );
  return lastID;
}

export async function addEvidence(db: Db, incidentId: number, name: string, tlp: string | null = null): Promise<number> {
  const { lastID } = await db.run(
    `INSERT INTO incident_evidence (incident_id, name, size, sha256, status, tlp, added_by, added_at) VALUES (?, ?, 12, ?, 'stored', ?, 'analyste.martin', ?)`,
    [incidentId, name, 'a'.repeat(64), tlp, T0 + 2 * HOUR],
  );
  return lastID;
}
