/**
 * Import of a shared incident bundle (the JSON export of another task-force
 * member's Vigie), merged without duplicates:
 *
 * - the incident is matched by its UUID (following local merges); when absent
 *   it is created with that UUID, its history starting with `created` by the
 *   importer;
 * - observables, tasks and timeline entries are matched by UUID, then by
 *   what makes them the same (type + value; the timeline's content hash);
 *   only new ones are added, carrying their UUID and `import_id`; local items
 *   are never overwritten;
 * - provenance: one `incident_imports` row (who exported it, from which Vigie,
 *   when, who imported it, what was added) and an `import` history row;
 * - importing the same bundle again — or one with nothing new — changes
 *   nothing at all (no row written).
 * Evidence files are listed in bundles without their content: not imported.
 * The whole bundle is validated first (`bundleSchema`, observable values);
 * any error refuses it entirely.
 */
import { createHash } from 'node:crypto';
import type { BundleCounts, BundleImportResult } from '../../api/ops/legal';
import { VigieError } from '../../api/errors';
import { severityToInt } from '../../events/severity';
import type { Db } from '../../store/db';
import { validateObservable } from '../observables';
import { appendHistory, normaliseLabels, normaliseStructures, writeList, writeStructures } from '../queries';
import { timelineDedup } from '../timeline';
import { recordEvent } from '../update';
import { bundleSchema, type IncidentBundle } from './bundle';

const ms = (iso: string) => Date.parse(iso);

export function parseBundle(content: string): IncidentBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new VigieError('VALIDATION', 'Le paquet n’est pas un JSON valide.');
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new VigieError('VALIDATION', 'Ce fichier n’est pas un paquet d’incident Vigie valide.', {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Local incident holding `uuid` (the one it was merged into, if so), or null. */
async function localIncident(db: Db, uuid: string): Promise<number | null> {
  let row = await db.get<{ id: number; merged_into: number | null }>('SELECT id, merged_into FROM incidents WHERE uuid = ?', [uuid]);
  for (let hops = 0; row?.merged_into != null && hops < 50; hops++) {
    row = await db.get<{ id: number; merged_into: number | null }>('SELECT id, merged_into FROM incidents WHERE id = ?', [row.merged_into]);
  }
  return row?.id ?? null;
}

const exists = async (db: Db, sql: string, params: unknown[]) => (await db.get(sql, params)) !== undefined;

export async function importBundle(db: Db, content: string, actor: string, now = Date.now()): Promise<BundleImportResult> {
  const b = parseBundle(content);
  const observables = b.observables.map((o) => ({ ...o, ...validateObservable(o.type, o.value) }));
  const sha = createHash('sha256').update(content, 'utf8').digest('hex');
  const sourceMember = `${b.exportedBy} (${b.source.name})`;
  const zero = (): BundleCounts => ({ observables: 0, tasks: 0, timeline: 0 });

  return db.transaction(async (tx) => {
    const existingId = await localIncident(tx, b.incident.uuid);
    const done = await tx.get<{ id: number }>('SELECT id FROM incident_imports WHERE bundle_sha256 = ? ORDER BY id LIMIT 1', [sha]);
    if (existingId != null && done) {
      return { incidentId: existingId, incidentUuid: b.incident.uuid, createdIncident: false, noop: true, added: zero(), existing: zero(), sourceMember, importId: done.id };
    }

    // What is new (nothing is written before the counts are known: the import row is append-only).
    const added = zero();
    const existing = zero();
    const newObs: typeof observables = [];
    for (const o of observables) {
      const dup = (await exists(tx, 'SELECT 1 FROM incident_observables WHERE uuid = ?', [o.uuid])) ||
        (existingId != null && (await exists(tx, 'SELECT 1 FROM incident_observables WHERE incident_id = ? AND type = ? AND value = ?', [existingId, o.type, o.value]))) ||
        newObs.some((n) => n.type === o.type && n.value === o.value);
      if (dup) existing.observables++;
      else newObs.push(o);
    }
    const newTasks: typeof b.tasks = [];
    for (const t of b.tasks) {
      if (await exists(tx, 'SELECT 1 FROM incident_tasks WHERE uuid = ?', [t.uuid])) existing.tasks++;
      else newTasks.push(t);
    }
    const newTimeline: (IncidentBundle['timeline'][number] & { dedup: string })[] = [];
    for (const e of b.timeline) {
      const dedup = timelineDedup({ ts: ms(e.at), title: e.title, category: e.category, content: e.content, raw: e.raw, source: e.source });
      const dup = (await exists(tx, 'SELECT 1 FROM incident_timeline WHERE uuid = ?', [e.uuid])) ||
        (existingId != null && (await exists(tx, 'SELECT 1 FROM incident_timeline WHERE incident_id = ? AND dedup = ?', [existingId, dedup]))) ||
        newTimeline.some((n) => n.dedup === dedup);
      if (dup) existing.timeline++;
      else newTimeline.push({ ...e, dedup });
    }
    added.observables = newObs.length;
    added.tasks = newTasks.length;
    added.timeline = newTimeline.length;
    const nothingNew = existingId != null && newObs.length + newTasks.length + newTimeline.length === 0;
    if (nothingNew) {
      return { incidentId: existingId, incidentUuid: b.incident.uuid, createdIncident: false, noop: true, added, existing, sourceMember, importId: null };
    }

    const incidentId = existingId ?? (await createFromBundle(tx, b, actor, now));
    const { lastID: importId } = await tx.run(
      `INSERT INTO incident_imports (incident_id, bundle_sha256, source_member, source_instance, exported_at, imported_at, imported_by, created_incident, counts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [incidentId, sha, sourceMember, b.source.uuid, ms(b.exportedAt), now, actor, existingId == null ? 1 : 0,
        JSON.stringify({ added, existing, evidenceNotImported: b.evidence.length, tlp: b.tlp, redactions: b.redactions.length })],
    );
    if (existingId == null) await tx.run('UPDATE incidents SET import_id = ? WHERE id = ?', [importId, incidentId]);

    if (newObs.length) {
      await tx.insertMany(
        'incident_observables',
        ['incident_id', 'uuid', 'type', 'value', 'hash_type', 'tlp', 'description', 'added_by', 'added_at', 'import_id'],
        newObs.map((o) => [incidentId, o.uuid, o.type, o.value, o.hashType, o.tlp, o.description, o.addedBy, ms(o.addedAt), importId]),
      );
    }
    if (newTasks.length) {
      await tx.insertMany(
        'incident_tasks',
        ['incident_id', 'uuid', 'title', 'description', 'owner', 'due_at', 'status', 'phase', 'created_by', 'created_at', 'updated_at', 'import_id'],
        newTasks.map((t) => [incidentId, t.uuid, t.title, t.description, t.owner, t.dueAt ? ms(t.dueAt) : null, t.status, t.phase, t.createdBy, ms(t.createdAt), ms(t.updatedAt), importId]),
      );
    }
    if (newTimeline.length) {
      await tx.insertMany(
        'incident_timeline',
        ['incident_id', 'uuid', 'ts', 'tz', 'title', 'category', 'content', 'raw', 'source', 'assets', 'iocs', 'tags', 'origin', 'dedup', 'tlp', 'created_by', 'created_at', 'import_id'],
        newTimeline.map((e) => [
          incidentId, e.uuid, ms(e.at), e.tz, e.title, e.category, e.content, e.raw, e.source, JSON.stringify(e.assets),
          JSON.stringify(e.iocs), JSON.stringify(e.tags), e.origin, e.dedup, e.tlp, e.createdBy, ms(e.createdAt), importId,
        ]),
      );
    }
    await recordEvent(tx, incidentId, {
      actor,
      field: 'import',
      to: `Paquet de ${sourceMember} exporté le ${b.exportedAt} (${b.tlp}) : ${added.observables} observable(s), ${added.tasks} tâche(s), ` +
        `${added.timeline} entrée(s) de chronologie ajoutées${b.evidence.length ? `, ${b.evidence.length} preuve(s) non incluse(s)` : ''}`,
      at: Math.max(now, (await tx.get<{ u: number }>('SELECT updated_at AS u FROM incidents WHERE id = ?', [incidentId]))?.u ?? now),
    });
    return { incidentId, incidentUuid: b.incident.uuid, createdIncident: existingId == null, noop: false, added, existing, sourceMember, importId };
  });
}

/** Creates the bundle's incident here, with its UUID (the history starts with `created` by the importer). */
async function createFromBundle(db: Db, b: IncidentBundle, actor: string, now: number): Promise<number> {
  const i = b.incident;
  const structures = normaliseStructures(i.structures);
  const parent = i.parentUuid ? await localIncident(db, i.parentUuid) : null;
  const { lastID } = await db.run(
    `INSERT INTO incidents (uuid, title, description, severity, tlp, pap, category, phase, structure, finess, parent_id, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [i.uuid, i.title, i.description, severityToInt(i.severity), i.tlp, i.pap, i.category, i.phase,
      structures[0]?.name ?? null, structures[0]?.finess ?? null, parent, actor, now, now],
  );
  await appendHistory(db, lastID, { actor, field: 'created', to: i.title, at: new Date(now) });
  await writeStructures(db, lastID, structures);
  await writeList(db, 'incident_services', lastID, normaliseLabels(i.services, 'Service'));
  await writeList(db, 'incident_assignees', lastID, normaliseLabels(i.assignees, 'Assigné'));
  await writeList(db, 'incident_risks', lastID, normaliseLabels(i.risks, 'Risque'));
  return lastID;
}
