/** Append-only history of the legal records (`legal_history`, migration 008). */
import type { LegalHistoryEntry } from '../../api/ops/legal';
import type { Db } from '../../store/db';

export type LegalKind = 'ars' | 'gdpr';

export interface LegalChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** Writes the changes at `at` (the record's new updated_at: the update trigger checks it). */
export async function writeLegalHistory(db: Db, incidentId: number, kind: LegalKind, actor: string, at: number, changes: readonly LegalChange[]): Promise<void> {
  if (!changes.length) return;
  await db.insertMany(
    'legal_history',
    ['incident_id', 'kind', 'ts', 'actor', 'field', 'from_value', 'to_value'],
    changes.map((c) => [incidentId, kind, at, actor, c.field, c.from, c.to]),
  );
}

interface Row {
  id: number;
  incident_id: number;
  kind: LegalKind;
  ts: number;
  actor: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

export async function listLegalHistory(db: Db, incidentId: number, kind?: LegalKind): Promise<LegalHistoryEntry[]> {
  const rows = await db.all<Row>(
    `SELECT * FROM legal_history WHERE incident_id = ? ${kind ? 'AND kind = ?' : ''} ORDER BY ts, id`,
    kind ? [incidentId, kind] : [incidentId],
  );
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind,
    at: new Date(r.ts).toISOString(),
    actor: r.actor,
    field: r.field,
    from: r.from_value,
    to: r.to_value,
  }));
}

/** A change's value as stored text (JSON for arrays and objects). */
export function asText(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Next timestamp for a record: now, but never before (or equal to) its last change. */
export function nextStamp(lastUpdatedAt: number | null, now = Date.now()): number {
  return lastUpdatedAt == null ? now : Math.max(now, lastUpdatedAt + 1);
}
