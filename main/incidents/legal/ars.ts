/**
 * The ARS / CERT Santé declaration of an incident (`ars_declarations`): the
 * answers to the decree's criteria and the resulting qualification, the
 * discovery time (start of the "sans délai" clock; the incident's creation
 * unless corrected), the declaration time and portal reference, and the form
 * fields the operator completed. Every change is written to `legal_history`
 * first; the qualification and the declaration are also written to the
 * incident's history (they appear on its timeline).
 */
import type { ArsAnswers, ArsForm, ArsPatch, ArsQualification, ArsRecord } from '../../api/ops/legal';
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { appendHistory, incidentRow, writableIncident } from '../queries';
import { arsClock } from './clocks';
import { asText, nextStamp, writeLegalHistory, type LegalChange } from './history';
import { qualify } from './qualify';
import { iso, parseInstant } from './time';

interface ArsDbRow {
  incident_id: number;
  discovered_at: number;
  answers: string;
  qualification: ArsQualification['level'] | null;
  qualified_by: string | null;
  qualified_at: number | null;
  declared_at: number | null;
  declared_by: string | null;
  reference: string | null;
  form: string;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

const parseJson = <T>(s: string, fallback: T): T => {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
};

function toRecord(r: ArsDbRow, now: number): ArsRecord {
  const answers = parseJson<ArsAnswers>(r.answers, {});
  return {
    incidentId: r.incident_id,
    discoveredAt: new Date(r.discovered_at).toISOString(),
    answers,
    qualification: r.qualification ? qualify(answers) : null,
    qualifiedBy: r.qualified_by,
    qualifiedAt: iso(r.qualified_at),
    declaredAt: iso(r.declared_at),
    declaredBy: r.declared_by,
    reference: r.reference,
    form: parseJson<ArsForm>(r.form, {}),
    clock: arsClock({ discoveredAt: r.discovered_at, declaredAt: r.declared_at, notRequired: r.qualification === 'aucun' }, now),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function row(db: Db, incidentId: number): Promise<ArsDbRow | undefined> {
  return db.get<ArsDbRow>('SELECT * FROM ars_declarations WHERE incident_id = ?', [incidentId]);
}

export async function getArs(db: Db, incidentId: number, now = Date.now()): Promise<ArsRecord | null> {
  await incidentRow(db, incidentId);
  const r = await row(db, incidentId);
  return r ? toRecord(r, now) : null;
}

/** The record, created (discovery = incident creation) when absent, inside the caller's transaction. */
async function ensure(db: Db, incidentId: number, actor: string, at: number): Promise<ArsDbRow> {
  const existing = await row(db, incidentId);
  if (existing) return existing;
  const incident = await writableIncident(db, incidentId);
  const stamp = Math.max(at, incident.created_at);
  await writeLegalHistory(db, incidentId, 'ars', actor, stamp, [
    { field: 'created', from: null, to: new Date(incident.created_at).toISOString() },
  ]);
  await db.run(
    `INSERT INTO ars_declarations (incident_id, discovered_at, created_by, created_at, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [incidentId, incident.created_at, actor, stamp, actor, stamp],
  );
  const created = await row(db, incidentId);
  if (!created) throw new VigieError('INTERNAL', 'Déclaration ARS introuvable après création.');
  return created;
}

/** Records answers and the resulting qualification. */
export async function qualifyIncident(db: Db, incidentId: number, answers: ArsAnswers, actor: string, now = Date.now()): Promise<ArsRecord> {
  return db.transaction(async (tx) => {
    const current = await ensure(tx, incidentId, actor, now);
    const result = qualify(answers);
    const stamp = nextStamp(current.updated_at, now);
    const changes: LegalChange[] = [];
    const before = parseJson<ArsAnswers>(current.answers, {});
    for (const [k, v] of Object.entries(answers)) {
      if ((before as Record<string, unknown>)[k] !== v) changes.push({ field: `answer.${k}`, from: asText(before[k as keyof ArsAnswers]), to: asText(v) });
    }
    if (current.qualification !== result.level) changes.push({ field: 'qualification', from: current.qualification, to: result.level });
    if (!changes.length) return toRecord(current, now);
    await writeLegalHistory(tx, incidentId, 'ars', actor, stamp, changes);
    await tx.run(
      `UPDATE ars_declarations SET answers = ?, qualification = ?, qualified_by = ?, qualified_at = ?, updated_by = ?, updated_at = ?
        WHERE incident_id = ?`,
      [JSON.stringify({ ...before, ...answers }), result.level, actor, stamp, actor, stamp, incidentId],
    );
    if (current.qualification !== result.level) {
      await appendHistory(tx, incidentId, { actor, field: 'ars.qualification', from: current.qualification, to: result.level, at: new Date(stamp) });
    }
    const updated = await row(tx, incidentId);
    return toRecord(updated as ArsDbRow, now);
  });
}

/** Changes the discovery time, the declaration (time, reference) or the form fields. */
export async function updateArs(db: Db, patch: ArsPatch, actor: string, now = Date.now()): Promise<ArsRecord> {
  const { incidentId } = patch;
  return db.transaction(async (tx) => {
    const current = await ensure(tx, incidentId, actor, now);
    const next = { ...current };
    const changes: LegalChange[] = [];
    const set = <K extends keyof ArsDbRow>(key: K, field: string, value: ArsDbRow[K]) => {
      if (current[key] === value) return;
      changes.push({ field, from: asText(current[key]), to: asText(value) });
      next[key] = value;
    };
    if (patch.discoveredAt !== undefined) {
      const t = parseInstant(patch.discoveredAt, 'Date de découverte');
      if (t > now) throw new VigieError('VALIDATION', 'La date de découverte ne peut pas être dans le futur.');
      set('discovered_at', 'discoveredAt', t);
    }
    if (patch.declaredAt !== undefined) {
      const t = patch.declaredAt == null ? null : parseInstant(patch.declaredAt, 'Date du signalement');
      if (t != null && t > now) throw new VigieError('VALIDATION', 'La date du signalement ne peut pas être dans le futur.');
      set('declared_at', 'declaredAt', t);
      set('declared_by', 'declaredBy', t == null ? null : (current.declared_at === t ? current.declared_by : actor));
    }
    if (next.declared_at != null && next.declared_at < next.discovered_at) {
      throw new VigieError('VALIDATION', 'Le signalement ne peut pas précéder la découverte.');
    }
    if (patch.reference !== undefined) set('reference', 'reference', patch.reference?.trim() || null);
    if (patch.form !== undefined) {
      const before = parseJson<ArsForm>(current.form, {});
      const merged: ArsForm = { ...before, ...patch.form, declarant: { ...before.declarant, ...patch.form.declarant } };
      if (!patch.form.declarant && !before.declarant) delete merged.declarant;
      set('form', 'form', JSON.stringify(merged));
    }
    if (!changes.length) return toRecord(current, now);
    const stamp = nextStamp(current.updated_at, now);
    await writeLegalHistory(tx, incidentId, 'ars', actor, stamp, changes);
    await tx.run(
      `UPDATE ars_declarations SET discovered_at = ?, declared_at = ?, declared_by = ?, reference = ?, form = ?, updated_by = ?, updated_at = ?
        WHERE incident_id = ?`,
      [next.discovered_at, next.declared_at, next.declared_by, next.reference, next.form, actor, stamp, incidentId],
    );
    if (current.declared_at !== next.declared_at) {
      await appendHistory(tx, incidentId, {
        actor,
        field: 'ars.declared',
        from: iso(current.declared_at),
        to: iso(next.declared_at),
        at: new Date(stamp),
      });
    }
    return toRecord((await row(tx, incidentId)) as ArsDbRow, now);
  });
}

/** Every ARS record with its incident title (deadlines). */
export async function allArs(db: Db, now: number): Promise<(ArsRecord & { incidentTitle: string })[]> {
  const rows = await db.all<ArsDbRow & { title: string }>(
    `SELECT a.*, i.title FROM ars_declarations a JOIN incidents i ON i.id = a.incident_id ORDER BY a.discovered_at`,
  );
  return rows.map((r) => ({ ...toRecord(r, now), incidentTitle: r.title }));
}
