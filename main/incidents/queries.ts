import type { IncidentRow, Severity } from '../api/contract';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { severityFromInt, severityToInt } from '../events/severity';
import { cleanLabel, finessProblem, isCategory, PAPS, PHASES, TLPS, type Pap, type Phase, type Tlp } from './model';

export { PHASES, TLPS };
export type { Phase, Tlp };

export interface IncidentDbRow {
  id: number;
  title: string;
  description: string;
  severity: number;
  tlp: string;
  pap: string;
  category: string;
  phase: string;
  structure: string | null;
  finess: string | null;
  parent_id: number | null;
  merged_into: number | null;
  /** Stable identifier shared with other Vigie instances (migration 008). */
  uuid?: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** Contract row; `parentId` / `mergedInto` only appear when set. */
export function rowToIncident(r: IncidentDbRow): IncidentRow {
  return {
    id: r.id,
    title: r.title,
    severity: severityFromInt(r.severity),
    tlp: r.tlp as Tlp,
    category: r.category,
    phase: r.phase as Phase,
    structure: r.structure,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    ...(r.parent_id != null ? { parentId: r.parent_id } : {}),
    ...(r.merged_into != null ? { mergedInto: r.merged_into } : {}),
  };
}

/** The incident's row, or NOT_FOUND. */
export async function incidentRow(db: Db, id: number): Promise<IncidentDbRow> {
  const row = await db.get<IncidentDbRow>('SELECT * FROM incidents WHERE id = ?', [id]);
  if (!row) throw new VigieError('NOT_FOUND', `Incident n°${id} introuvable.`);
  return row;
}

/** Like `incidentRow`, and refuses an incident merged into another (it is closed for changes). */
export async function writableIncident(db: Db, id: number): Promise<IncidentDbRow> {
  const row = await incidentRow(db, id);
  if (row.merged_into != null) {
    throw new VigieError('CONFLICT', `L’incident n°${id} a été fusionné dans l’incident n°${row.merged_into} : modifiez ce dernier.`);
  }
  return row;
}

export interface StructureInput {
  name: string;
  finess?: string | null;
}

export interface NewIncident {
  title: string;
  description?: string;
  severity: Severity;
  tlp?: Tlp;
  pap?: Pap;
  category: string;
  phase?: Phase;
  /** First affected structure (kept for callers that know only one; same as `structures[0]`). */
  structure?: string | null;
  /** FINESS number of `structure` (9 characters, Luhn key). */
  finess?: string | null;
  structures?: StructureInput[];
  services?: string[];
  assignees?: string[];
  risks?: string[];
  parentId?: number | null;
}

/** Appends one row to an incident's history (the history is append-only). */
export async function appendHistory(
  db: Db,
  incidentId: number,
  entry: { actor: string; field: string; from?: string | null; to?: string | null; at?: Date },
): Promise<void> {
  await db.run(
    'INSERT INTO incident_history (incident_id, ts, actor, field, from_value, to_value) VALUES (?, ?, ?, ?, ?, ?)',
    [incidentId, (entry.at ?? new Date()).getTime(), entry.actor, entry.field, entry.from ?? null, entry.to ?? null],
  );
}

/** Validated, de-duplicated structures (by name, first wins). */
export function normaliseStructures(list: readonly StructureInput[]): { name: string; finess: string | null }[] {
  const out: { name: string; finess: string | null }[] = [];
  for (const s of list) {
    const name = cleanLabel(s.name);
    if (!name) throw new VigieError('VALIDATION', 'Nom de structure vide.');
    const finess = s.finess ? s.finess.trim().toUpperCase() : null;
    if (finess) {
      const problem = finessProblem(finess);
      if (problem) throw new VigieError('VALIDATION', problem, { field: 'finess', value: finess });
    }
    if (!out.some((o) => o.name === name)) out.push({ name, finess: finess || null });
  }
  return out;
}

/** Trimmed, control-free, de-duplicated labels (order kept). */
export function normaliseLabels(list: readonly string[], what: string): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const v = cleanLabel(raw);
    if (!v) throw new VigieError('VALIDATION', `${what} : valeur vide.`);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

export function assertEnum<T extends string>(value: string, list: readonly T[], what: string): T {
  if (!(list as readonly string[]).includes(value)) throw new VigieError('VALIDATION', `${what} invalide : ${value}`);
  return value as T;
}

/** Replaces the rows of one list table of an incident (no history: callers write it). */
export async function writeList(db: Db, table: 'incident_services' | 'incident_assignees' | 'incident_risks', incidentId: number, values: readonly string[]): Promise<void> {
  const column = { incident_services: 'service', incident_assignees: 'name', incident_risks: 'risk_ref' }[table];
  await db.run(`DELETE FROM ${table} WHERE incident_id = ?`, [incidentId]);
  if (values.length) await db.insertMany(table, ['incident_id', column], values.map((v) => [incidentId, v]));
}

export async function writeStructures(db: Db, incidentId: number, list: readonly { name: string; finess: string | null }[]): Promise<void> {
  await db.run('DELETE FROM incident_structures WHERE incident_id = ?', [incidentId]);
  if (list.length) {
    await db.insertMany('incident_structures', ['incident_id', 'name', 'finess', 'position'], list.map((s, i) => [incidentId, s.name, s.finess, i]));
  }
}

/**
 * Creates an incident and its first history row (field 'created', to_value =
 * the title), in one transaction (a savepoint when called inside one).
 */
export async function createIncident(
  db: Db,
  input: NewIncident,
  actor: string,
  opts: { at?: Date } = {},
): Promise<IncidentRow> {
  const title = cleanLabel(input.title);
  if (!title) throw new VigieError('VALIDATION', 'Incident title is required');
  const category = input.category.trim();
  if (!category) throw new VigieError('VALIDATION', 'Incident category is required');
  if (!isCategory(category)) throw new VigieError('VALIDATION', `Catégorie d’incident inconnue : ${category}`);
  const tlp = assertEnum(input.tlp ?? 'AMBER', TLPS, 'TLP');
  const pap = assertEnum(input.pap ?? 'AMBER', PAPS, 'PAP');
  const phase = assertEnum(input.phase ?? 'detection', PHASES, 'Phase');
  const legacy = input.structure ? [{ name: input.structure, finess: input.finess ?? null }] : [];
  if (!input.structure && input.finess) legacy.push({ name: `FINESS ${input.finess}`, finess: input.finess });
  const structures = normaliseStructures([...legacy, ...(input.structures ?? [])]);
  const services = normaliseLabels(input.services ?? [], 'Service');
  const assignees = normaliseLabels(input.assignees ?? [], 'Assigné');
  const risks = normaliseLabels(input.risks ?? [], 'Risque');
  const at = (opts.at ?? new Date()).getTime();
  return db.transaction(async (tx) => {
    if (input.parentId != null) await writableIncident(tx, input.parentId);
    const { lastID } = await tx.run(
      `INSERT INTO incidents (title, description, severity, tlp, pap, category, phase, structure, finess, parent_id,
                              created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        title,
        input.description ?? '',
        severityToInt(input.severity),
        tlp,
        pap,
        category,
        phase,
        structures[0]?.name ?? null,
        structures[0]?.finess ?? null,
        input.parentId ?? null,
        actor,
        at,
        at,
      ],
    );
    await appendHistory(tx, lastID, { actor, field: 'created', to: title, at: new Date(at) });
    if (input.parentId != null) {
      await appendHistory(tx, lastID, { actor, field: 'parent', to: String(input.parentId), at: new Date(at) });
      const parent = await incidentRow(tx, input.parentId);
      const parentAt = Math.max(at, parent.updated_at);
      await appendHistory(tx, input.parentId, { actor, field: 'child', to: String(lastID), at: new Date(parentAt) });
      await tx.run('UPDATE incidents SET updated_at = ? WHERE id = ?', [parentAt, input.parentId]);
    }
    await writeStructures(tx, lastID, structures);
    await writeList(tx, 'incident_services', lastID, services);
    await writeList(tx, 'incident_assignees', lastID, assignees);
    await writeList(tx, 'incident_risks', lastID, risks);
    return rowToIncident(await incidentRow(tx, lastID));
  });
}
