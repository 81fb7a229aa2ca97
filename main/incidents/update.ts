/**
 * `updateIncident`: the one way to change an incident's fields. It compares
 * the patch with the stored incident and writes, in the same transaction, one
 * history row per change (scalar fields: old → new; lists: one row per item
 * added or removed) before updating the row. A patch that changes nothing
 * writes nothing. The database refuses a traced column update without its
 * history row (trigger of migration 007), so a forgotten history is an error.
 */
import type { Severity } from '../api/contract';
import { VigieError } from '../api/errors';
import { severityFromInt, severityToInt } from '../events/severity';
import type { Db } from '../store/db';
import { CATEGORIES, PAPS, PHASES, TLPS, cleanLabel, type IncidentCategory, type Pap, type Phase, type Tlp } from './model';
import {
  appendHistory,
  assertEnum,
  normaliseLabels,
  normaliseStructures,
  writableIncident,
  writeList,
  writeStructures,
  type IncidentDbRow,
  type StructureInput,
} from './queries';

export interface IncidentPatch {
  title?: string;
  description?: string;
  severity?: Severity;
  tlp?: Tlp;
  pap?: Pap;
  category?: IncidentCategory;
  phase?: Phase;
  structures?: StructureInput[];
  services?: string[];
  assignees?: string[];
  risks?: string[];
}

export interface HistoryChange {
  field: string;
  from: string | null;
  to: string | null;
}

const structureLabel = (s: { name: string; finess: string | null }) => (s.finess ? `${s.name} (FINESS ${s.finess})` : s.name);

/** One row per item added or removed. */
function listDiff(field: string, before: readonly string[], after: readonly string[]): HistoryChange[] {
  return [
    ...before.filter((v) => !after.includes(v)).map((v) => ({ field, from: v, to: null })),
    ...after.filter((v) => !before.includes(v)).map((v) => ({ field, from: null, to: v })),
  ];
}

async function readList(db: Db, table: string, column: string, incidentId: number): Promise<string[]> {
  const rows = await db.all<{ v: string }>(`SELECT ${column} AS v FROM ${table} WHERE incident_id = ? ORDER BY rowid`, [incidentId]);
  return rows.map((r) => r.v);
}

/** Changes of the scalar columns: [column, history field, old, new, SQL value]. */
function scalarChanges(row: IncidentDbRow, patch: IncidentPatch): { column: string; change: HistoryChange; value: unknown }[] {
  const out: { column: string; change: HistoryChange; value: unknown }[] = [];
  const text = (column: 'title' | 'description', v: string | undefined) => {
    if (v === undefined || v === row[column]) return;
    out.push({ column, change: { field: column, from: row[column], to: v }, value: v });
  };
  if (patch.title !== undefined) {
    const title = cleanLabel(patch.title);
    if (!title) throw new VigieError('VALIDATION', 'Le titre est obligatoire.');
    text('title', title);
  }
  text('description', patch.description);
  if (patch.severity !== undefined) {
    const before = severityFromInt(row.severity);
    const value = severityToInt(patch.severity);
    if (value !== row.severity) out.push({ column: 'severity', change: { field: 'severity', from: before, to: patch.severity }, value });
  }
  const enumField = (column: 'tlp' | 'pap' | 'category' | 'phase', v: string | undefined, list: readonly string[], what: string) => {
    if (v === undefined) return;
    assertEnum(v, list, what);
    if (v !== row[column]) out.push({ column, change: { field: column, from: row[column], to: v }, value: v });
  };
  enumField('tlp', patch.tlp, TLPS, 'TLP');
  enumField('pap', patch.pap, PAPS, 'PAP');
  enumField('category', patch.category, CATEGORIES, 'Catégorie');
  enumField('phase', patch.phase, PHASES, 'Phase');
  return out;
}

/**
 * Applies `patch` to incident `id` as `actor`; returns the changes written
 * (empty when the patch changed nothing). `at` (tests, imports) must not be
 * earlier than the incident's last change.
 */
export async function updateIncident(
  db: Db,
  id: number,
  patch: IncidentPatch,
  actor: string,
  opts: { at?: Date } = {},
): Promise<HistoryChange[]> {
  return db.transaction(async (tx) => {
    const row = await writableIncident(tx, id);
    const at = opts.at ? opts.at.getTime() : Math.max(Date.now(), row.updated_at);
    if (at < row.updated_at) {
      throw new VigieError('VALIDATION', 'Une modification ne peut pas être datée avant la précédente.', { lastChange: row.updated_at });
    }
    const scalars = scalarChanges(row, patch);
    const changes: HistoryChange[] = scalars.map((s) => s.change);
    const sets: [string, unknown][] = scalars.map((s) => [s.column, s.value]);

    if (patch.structures !== undefined) {
      const next = normaliseStructures(patch.structures);
      const before = await tx.all<{ name: string; finess: string | null }>(
        'SELECT name, finess FROM incident_structures WHERE incident_id = ? ORDER BY position',
        [id],
      );
      const diff = listDiff('structure', before.map(structureLabel), next.map(structureLabel));
      const reordered = diff.length === 0 && before.map((s) => s.name).join('\n') !== next.map((s) => s.name).join('\n');
      if (reordered) {
        diff.push({ field: 'structure', from: before.map(structureLabel).join(' ; '), to: next.map(structureLabel).join(' ; ') });
      }
      if (diff.length) {
        changes.push(...diff);
        await writeStructures(tx, id, next);
        const first = next[0] ?? { name: null, finess: null };
        if (first.name !== row.structure) sets.push(['structure', first.name]);
        if (first.finess !== row.finess) sets.push(['finess', first.finess]);
      }
    }
    const lists = [
      ['services', 'incident_services', 'service', 'service', 'Service'],
      ['assignees', 'incident_assignees', 'name', 'assignee', 'Assigné'],
      ['risks', 'incident_risks', 'risk_ref', 'risk', 'Risque'],
    ] as const;
    for (const [key, table, column, field, what] of lists) {
      const values = patch[key];
      if (values === undefined) continue;
      const next = normaliseLabels(values, what);
      const before = await readList(tx, table, column, id);
      const diff = listDiff(field, before, next);
      if (diff.length) {
        changes.push(...diff);
        await writeList(tx, table, id, next);
      }
    }
    if (changes.length === 0) return changes;

    for (const c of changes) await appendHistory(tx, id, { actor, ...c, at: new Date(at) });
    sets.push(['updated_at', at]);
    await tx.run(`UPDATE incidents SET ${sets.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...sets.map(([, v]) => v), id]);
    return changes;
  });
}

/** Records a change that is not a column of `incidents` (link, task, evidence…) and bumps `updated_at`. */
export async function recordEvent(
  db: Db,
  incidentId: number,
  entry: { actor: string; field: string; from?: string | null; to?: string | null; at?: number },
): Promise<number> {
  const row = await db.get<{ updated_at: number }>('SELECT updated_at FROM incidents WHERE id = ?', [incidentId]);
  if (!row) throw new VigieError('NOT_FOUND', `Incident n°${incidentId} introuvable.`);
  const at = entry.at ?? Math.max(Date.now(), row.updated_at);
  await appendHistory(db, incidentId, { actor: entry.actor, field: entry.field, from: entry.from, to: entry.to, at: new Date(at) });
  if (at > row.updated_at) await db.run('UPDATE incidents SET updated_at = ? WHERE id = ?', [at, incidentId]);
  return at;
}
