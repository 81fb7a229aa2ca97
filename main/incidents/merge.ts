/** Merging two incidents, and parent/child incidents (no cycles). */
import type { IncidentRow } from '../api/contract';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { appendHistory, rowToIncident, writableIncident, type IncidentDbRow } from './queries';
import { recordEvent, updateIncident } from './update';

/** Ancestors of `id` (parent first), stopping on a loop (should the data hold one). */
async function ancestors(db: Db, id: number): Promise<number[]> {
  const out: number[] = [];
  let current: number | null = id;
  for (;;) {
    const row: { parent_id: number | null } | undefined = await db.get('SELECT parent_id FROM incidents WHERE id = ?', [current]);
    current = row?.parent_id ?? null;
    if (current == null || current === id || out.includes(current)) return out;
    out.push(current);
  }
}

/** Writes the parent change of `childId` and the matching `child` rows on the old and new parents. */
async function writeParent(db: Db, child: IncidentDbRow, parentId: number | null, actor: string): Promise<void> {
  const at = Math.max(Date.now(), child.updated_at);
  await appendHistory(db, child.id, {
    actor,
    field: 'parent',
    from: child.parent_id == null ? null : String(child.parent_id),
    to: parentId == null ? null : String(parentId),
    at: new Date(at),
  });
  await db.run('UPDATE incidents SET parent_id = ?, updated_at = ? WHERE id = ?', [parentId, at, child.id]);
  if (child.parent_id != null) await recordEvent(db, child.parent_id, { actor, field: 'child', from: String(child.id), to: null });
  if (parentId != null) await recordEvent(db, parentId, { actor, field: 'child', from: null, to: String(child.id) });
}

/** Sets (or with null, removes) the parent of an incident. Refuses a cycle. */
export async function setParent(db: Db, id: number, parentId: number | null, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const child = await writableIncident(tx, id);
    if (child.parent_id === parentId) return;
    if (parentId != null) {
      if (parentId === id) throw new VigieError('VALIDATION', 'Un incident ne peut pas être son propre parent.');
      await writableIncident(tx, parentId);
      if ((await ancestors(tx, parentId)).includes(id)) {
        throw new VigieError('CONFLICT', `L’incident n°${parentId} descend déjà de l’incident n°${id} : ce lien créerait un cycle.`);
      }
    }
    await writeParent(tx, child, parentId, actor);
  });
}

export async function listChildren(db: Db, id: number): Promise<IncidentRow[]> {
  const rows = await db.all<IncidentDbRow>('SELECT * FROM incidents WHERE parent_id = ? ORDER BY id', [id]);
  return rows.map(rowToIncident);
}

async function names(db: Db, sql: string, id: number): Promise<string[]> {
  return (await db.all<{ v: string }>(sql, [id])).map((r) => r.v);
}

/** Moves observables; duplicates (same type and value) fold into the target's, their event links following. */
async function moveObservables(db: Db, sourceId: number, targetId: number): Promise<number> {
  const dupes = await db.all<{ s: number; t: number }>(
    `SELECT s.id AS s, t.id AS t FROM incident_observables s
       JOIN incident_observables t ON t.incident_id = ? AND t.type = s.type AND t.value = s.value
      WHERE s.incident_id = ?`,
    [targetId, sourceId],
  );
  for (const d of dupes) {
    await db.run('UPDATE incident_events SET observable_id = ? WHERE observable_id = ?', [d.t, d.s]);
    await db.run('DELETE FROM incident_observables WHERE id = ?', [d.s]);
  }
  return (await db.run('UPDATE incident_observables SET incident_id = ? WHERE incident_id = ?', [targetId, sourceId])).changes + dupes.length;
}

/**
 * Merges `sourceId` into `targetId`: the target keeps its id and receives the
 * source's alerts, linked events, tasks, manual timeline, observables,
 * evidence (custody records the move), structures, services, assignees,
 * risks and children; the source is marked `merged_into` and closed. Both
 * histories record the merge. Returns the target.
 */
export async function mergeIncidents(db: Db, sourceId: number, targetId: number, actor: string): Promise<IncidentRow> {
  if (sourceId === targetId) throw new VigieError('VALIDATION', 'Impossible de fusionner un incident avec lui-même.');
  return db.transaction(async (tx) => {
    const source = await writableIncident(tx, sourceId);
    const target = await writableIncident(tx, targetId);
    const now = Date.now();

    const alerts = (await tx.run('UPDATE alerts SET incident_id = ? WHERE incident_id = ?', [targetId, sourceId])).changes;
    const observables = await moveObservables(tx, sourceId, targetId);
    await tx.run(
      `INSERT OR IGNORE INTO incident_events (incident_id, event_id, origin, observable_id, added_by, added_at)
       SELECT ?, event_id, origin, observable_id, added_by, added_at FROM incident_events WHERE incident_id = ?`,
      [targetId, sourceId],
    );
    const events = (await tx.run('DELETE FROM incident_events WHERE incident_id = ?', [sourceId])).changes;
    // A playbook applied to both keeps both task lists: the source's keys get a suffix.
    await tx.run(
      `UPDATE incident_tasks SET playbook_key = playbook_key || '#' || ?
        WHERE incident_id = ? AND playbook_id IS NOT NULL AND EXISTS (SELECT 1 FROM incident_tasks t
          WHERE t.incident_id = ? AND t.playbook_id = incident_tasks.playbook_id AND t.playbook_key = incident_tasks.playbook_key)`,
      [String(sourceId), sourceId, targetId],
    );
    const tasks = (await tx.run('UPDATE incident_tasks SET incident_id = ?, updated_at = ? WHERE incident_id = ?', [targetId, now, sourceId])).changes;
    await tx.run(
      `DELETE FROM incident_timeline WHERE incident_id = ? AND dedup IN (SELECT dedup FROM incident_timeline WHERE incident_id = ?)`,
      [sourceId, targetId],
    );
    const timeline = (await tx.run('UPDATE incident_timeline SET incident_id = ? WHERE incident_id = ?', [targetId, sourceId])).changes;
    const evidence = await tx.all<{ id: number; sha256: string | null }>('SELECT id, sha256 FROM incident_evidence WHERE incident_id = ?', [sourceId]);
    await tx.run('UPDATE incident_evidence SET incident_id = ? WHERE incident_id = ?', [targetId, sourceId]);
    for (const e of evidence) {
      await tx.run(
        "INSERT INTO evidence_custody (evidence_id, ts, actor, action, verified, sha256, details) VALUES (?, ?, ?, 'moved', NULL, NULL, ?)",
        [e.id, now, actor, JSON.stringify({ fromIncident: sourceId, toIncident: targetId, reason: 'merge' })],
      );
    }

    // Lists: the target gets the union (its history records each addition).
    const union = async (sql: string) => [...new Set([...(await names(tx, sql, targetId)), ...(await names(tx, sql, sourceId))])];
    const structures = await tx.all<{ name: string; finess: string | null; incident_id: number }>(
      'SELECT name, finess, incident_id FROM incident_structures WHERE incident_id IN (?, ?) ORDER BY incident_id = ? DESC, position',
      [targetId, sourceId, targetId],
    );
    await updateIncident(
      tx,
      targetId,
      {
        structures: structures.filter((s, i) => structures.findIndex((o) => o.name === s.name) === i),
        services: await union('SELECT service AS v FROM incident_services WHERE incident_id = ? ORDER BY rowid'),
        assignees: await union('SELECT name AS v FROM incident_assignees WHERE incident_id = ? ORDER BY rowid'),
        risks: await union('SELECT risk_ref AS v FROM incident_risks WHERE incident_id = ? ORDER BY rowid'),
      },
      actor,
    );

    // Children of the source follow it; a target that was the source's child takes the source's parent.
    const children = await tx.all<IncidentDbRow>('SELECT * FROM incidents WHERE parent_id = ? AND id <> ?', [sourceId, targetId]);
    for (const child of children) await writeParent(tx, child, targetId, actor);
    if (target.parent_id === sourceId) {
      await writeParent(tx, await writableIncident(tx, targetId), source.parent_id === targetId ? null : source.parent_id, actor);
    }

    const summary = `${alerts} alerte(s), ${events} événement(s), ${tasks} tâche(s), ${timeline} entrée(s) de chronologie, ` +
      `${observables} observable(s), ${evidence.length} preuve(s)`;
    await recordEvent(tx, targetId, { actor, field: 'merged_from', from: null, to: `${sourceId} — ${source.title} (${summary})` });

    const closedAt = Math.max(Date.now(), (await writableIncident(tx, sourceId)).updated_at);
    await appendHistory(tx, sourceId, { actor, field: 'merged_into', from: null, to: String(targetId), at: new Date(closedAt) });
    if (source.phase !== 'cloture') {
      await appendHistory(tx, sourceId, { actor, field: 'phase', from: source.phase, to: 'cloture', at: new Date(closedAt) });
    }
    await tx.run("UPDATE incidents SET merged_into = ?, phase = 'cloture', updated_at = ? WHERE id = ?", [targetId, closedAt, sourceId]);
    return rowToIncident(await writableIncident(tx, targetId));
  });
}
