import type { IncidentRow, Page, Severity } from '../api/contract';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { severityFromInt, severityToInt } from '../events/severity';

export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const PHASES = ['detection', 'qualification', 'confinement', 'eradication', 'remediation', 'cloture'] as const;
export type Tlp = IncidentRow['tlp'];
export type Phase = IncidentRow['phase'];

export interface IncidentDbRow {
  id: number;
  title: string;
  description: string;
  severity: number;
  tlp: string;
  category: string;
  phase: string;
  structure: string | null;
  finess: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

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
  };
}

/** Incidents, most recently updated first. */
export async function listIncidents(db: Db, page: { limit: number; offset: number }): Promise<Page<IncidentRow>> {
  const total = await db.get<{ n: number }>('SELECT count(*) AS n FROM incidents');
  const rows = await db.all<IncidentDbRow>(
    'SELECT * FROM incidents ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?',
    [page.limit, page.offset],
  );
  return { total: total?.n ?? 0, items: rows.map(rowToIncident) };
}

export interface NewIncident {
  title: string;
  description?: string;
  severity: Severity;
  tlp?: Tlp;
  category: string;
  phase?: Phase;
  structure?: string | null;
  /** FINESS number of the structure (9 characters). */
  finess?: string | null;
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
  const title = input.title.trim();
  if (!title) throw new VigieError('VALIDATION', 'Incident title is required');
  if (!input.category.trim()) throw new VigieError('VALIDATION', 'Incident category is required');
  const tlp = input.tlp ?? 'AMBER';
  const phase = input.phase ?? 'detection';
  if (!(TLPS as readonly string[]).includes(tlp)) throw new VigieError('VALIDATION', `Invalid TLP ${tlp}`);
  if (!(PHASES as readonly string[]).includes(phase)) throw new VigieError('VALIDATION', `Invalid phase ${phase}`);
  if (input.finess != null && !/^[0-9][0-9AB][0-9]{7}$/.test(input.finess)) {
    throw new VigieError('VALIDATION', 'FINESS must be 9 characters (digits, 2A/2B for Corsica)');
  }
  const at = (opts.at ?? new Date()).getTime();
  return db.transaction(async (tx) => {
    const { lastID } = await tx.run(
      `INSERT INTO incidents (title, description, severity, tlp, category, phase, structure, finess,
                              created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        title,
        input.description ?? '',
        severityToInt(input.severity),
        tlp,
        input.category.trim(),
        phase,
        input.structure ?? null,
        input.finess ?? null,
        actor,
        at,
        at,
      ],
    );
    await appendHistory(tx, lastID, { actor, field: 'created', to: title, at: new Date(at) });
    const row = await tx.get<IncidentDbRow>('SELECT * FROM incidents WHERE id = ?', [lastID]);
    if (!row) throw new VigieError('INTERNAL', 'Incident vanished after insert');
    return rowToIncident(row);
  });
}
