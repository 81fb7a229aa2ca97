/**
 * Marks one observable, timeline entry or evidence file with a TLP (what a
 * TLP-aware export keeps). Timeline entries and evidence may go back to
 * "inherit the incident's TLP" (null); observables always have one. The
 * change is written to the incident's history (`tlp.<kind>`).
 */
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import type { Tlp } from '../model';
import { writableIncident } from '../queries';
import { recordEvent } from '../update';

const TABLE = { observable: 'incident_observables', timeline: 'incident_timeline', evidence: 'incident_evidence' } as const;

export async function setItemTlp(db: Db, input: { kind: keyof typeof TABLE; id: number; tlp: Tlp | null }, actor: string): Promise<void> {
  if (input.kind === 'observable' && input.tlp == null) throw new VigieError('VALIDATION', 'Un observable a toujours un niveau TLP.');
  const table = TABLE[input.kind];
  await db.transaction(async (tx) => {
    const row = await tx.get<{ incident_id: number; tlp: string | null; label: string }>(
      `SELECT incident_id, tlp, ${input.kind === 'observable' ? 'value' : input.kind === 'timeline' ? 'title' : 'name'} AS label FROM ${table} WHERE id = ?`,
      [input.id],
    );
    if (!row) throw new VigieError('NOT_FOUND', `Élément introuvable : ${input.kind} n°${input.id}.`);
    await writableIncident(tx, row.incident_id);
    if (row.tlp === input.tlp) return;
    await tx.run(`UPDATE ${table} SET tlp = ? WHERE id = ?`, [input.tlp, input.id]);
    await recordEvent(tx, row.incident_id, {
      actor,
      field: `tlp.${input.kind}`,
      from: `${row.label} : ${row.tlp ?? 'TLP de l’incident'}`,
      to: `${row.label} : ${input.tlp ?? 'TLP de l’incident'}`,
    });
  });
}
