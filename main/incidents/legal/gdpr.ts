/**
 * Personal-data breaches (GDPR) and their register (`breaches`): the
 * awareness time (start of the 72 h), the content of Art. 33(3) (a)–(d), the
 * risk assessment deciding whether the CNIL must be notified (Art. 33(1)),
 * the notification (late: reasons required), and the communication to the
 * data subjects (Art. 34). One breach per incident; every breach stays in the
 * register whether notified or not (Art. 33(5)): rows are never deleted and
 * every change goes to `legal_history` first.
 */
import type { BreachRecord, GdprPatch, RegisterEntry } from '../../api/ops/legal';
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { appendHistory, incidentRow, writableIncident } from '../queries';
import { cnilClock, isLateNotification } from './clocks';
import { asText, nextStamp, writeLegalHistory, type LegalChange } from './history';
import { formatParisWithOffset, iso, parisDate, parseInstant } from './time';

export interface BreachDbRow {
  id: number;
  ref: string;
  incident_id: number;
  aware_at: number;
  occurred_at: number | null;
  nature: string;
  breach_types: string;
  subject_categories: string;
  subjects_approx: number | null;
  record_categories: string;
  records_approx: number | null;
  dpo_contact: string;
  consequences: string;
  measures: string;
  risk: BreachRecord['risk'];
  risk_justification: string;
  notified_at: number | null;
  cnil_reference: string | null;
  delay_reasons: string;
  subjects_decision: BreachRecord['subjectsDecision'];
  subjects_exemption: BreachRecord['subjectsExemption'];
  subjects_notified_at: number | null;
  subjects_means: string;
  subjects_content: string;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

const list = (s: string): string[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/** What Art. 33(3) asks for that is still empty. */
export function missingFields(r: BreachDbRow): string[] {
  const out: string[] = [];
  if (!r.nature.trim()) out.push('nature de la violation (art. 33(3)(a))');
  if (!list(r.subject_categories).length) out.push('catégories de personnes concernées (art. 33(3)(a))');
  if (r.subjects_approx == null) out.push('nombre approximatif de personnes concernées (art. 33(3)(a))');
  if (!list(r.record_categories).length) out.push('catégories d’enregistrements concernés (art. 33(3)(a))');
  if (r.records_approx == null) out.push('nombre approximatif d’enregistrements concernés (art. 33(3)(a))');
  if (!r.dpo_contact.trim()) out.push('coordonnées du DPO ou d’un point de contact (art. 33(3)(b))');
  if (!r.consequences.trim()) out.push('conséquences probables (art. 33(3)(c))');
  if (!r.measures.trim()) out.push('mesures prises ou envisagées (art. 33(3)(d))');
  return out;
}

export function toEntry(r: BreachDbRow, title: string, now: number): RegisterEntry {
  return {
    id: r.id,
    ref: r.ref,
    incidentId: r.incident_id,
    incidentTitle: title,
    awareAt: new Date(r.aware_at).toISOString(),
    occurredAt: iso(r.occurred_at),
    nature: r.nature,
    breachTypes: list(r.breach_types) as BreachRecord['breachTypes'],
    subjectCategories: list(r.subject_categories),
    subjectsApprox: r.subjects_approx,
    recordCategories: list(r.record_categories),
    recordsApprox: r.records_approx,
    dpoContact: r.dpo_contact,
    consequences: r.consequences,
    measures: r.measures,
    risk: r.risk,
    riskJustification: r.risk_justification,
    notificationRequired: r.risk !== 'none',
    notifiedAt: iso(r.notified_at),
    cnilReference: r.cnil_reference,
    delayReasons: r.delay_reasons,
    late: r.notified_at != null ? isLateNotification(r.aware_at, r.notified_at) : r.risk !== 'none' && now > r.aware_at + 72 * 3_600_000,
    subjectsDecision: r.subjects_decision,
    subjectsExemption: r.subjects_exemption,
    subjectsNotifiedAt: iso(r.subjects_notified_at),
    subjectsMeans: r.subjects_means,
    subjectsContent: r.subjects_content,
    clock: cnilClock({ awareAt: r.aware_at, notifiedAt: r.notified_at, risk: r.risk }, now),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function toRecord(r: BreachDbRow, title: string, now: number): BreachRecord {
  return { ...toEntry(r, title, now), missing: missingFields(r) };
}

async function breachRow(db: Db, incidentId: number): Promise<BreachDbRow | undefined> {
  return db.get<BreachDbRow>('SELECT * FROM breaches WHERE incident_id = ?', [incidentId]);
}

export async function getBreach(db: Db, incidentId: number, now = Date.now()): Promise<BreachRecord | null> {
  const incident = await incidentRow(db, incidentId);
  const r = await breachRow(db, incidentId);
  return r ? toRecord(r, incident.title, now) : null;
}

/** Checks the state a change would leave; throws VALIDATION with the rule's source. */
export function checkBreach(r: BreachDbRow, now: number): void {
  const v = (message: string, field: string) => {
    throw new VigieError('VALIDATION', message, { field });
  };
  if (r.aware_at > now) v('La prise de connaissance ne peut pas être dans le futur.', 'awareAt');
  if (r.occurred_at != null && r.occurred_at > r.aware_at) v('La violation ne peut pas survenir après sa prise de connaissance.', 'occurredAt');
  if (r.notified_at != null) {
    if (r.notified_at < r.aware_at) v('La notification ne peut pas précéder la prise de connaissance.', 'notifiedAt');
    if (r.notified_at > now) v('La date de notification ne peut pas être dans le futur.', 'notifiedAt');
    if (isLateNotification(r.aware_at, r.notified_at) && !r.delay_reasons.trim()) {
      v('Notification au-delà de 72 heures : les motifs du retard sont obligatoires (RGPD, art. 33(1)).', 'delayReasons');
    }
  }
  if (r.risk === 'none' && !r.risk_justification.trim()) {
    v('Absence de risque : justifiez l’absence de notification (documentation exigée par le RGPD, art. 33(5)).', 'riskJustification');
  }
  if (r.subjects_decision === 'not_required' && r.risk === 'high' && !r.subjects_exemption) {
    v('Risque élevé : la communication aux personnes est obligatoire sauf exception de l’art. 34(3) (indiquez laquelle).', 'subjectsExemption');
  }
  if (r.subjects_notified_at != null) {
    if (r.subjects_notified_at < r.aware_at) v('La communication aux personnes ne peut pas précéder la prise de connaissance.', 'subjectsNotifiedAt');
    if (r.subjects_notified_at > now) v('La date de communication aux personnes ne peut pas être dans le futur.', 'subjectsNotifiedAt');
    if (!r.subjects_means.trim()) v('Indiquez le moyen de communication aux personnes concernées (RGPD, art. 34).', 'subjectsMeans');
    if (!r.subjects_content.trim()) v('Indiquez le contenu de la communication aux personnes concernées (RGPD, art. 34(2)).', 'subjectsContent');
  }
}

async function nextRef(db: Db, at: number): Promise<string> {
  const year = parisDate(at).slice(0, 4);
  const last = await db.get<{ n: number | null }>(
    "SELECT max(CAST(substr(ref, 11) AS INTEGER)) AS n FROM breaches WHERE ref LIKE ?",
    [`VIOL-${year}-%`],
  );
  return `VIOL-${year}-${String((last?.n ?? 0) + 1).padStart(3, '0')}`;
}

type Column = keyof BreachDbRow;
/** A column with no value yet (null, empty text or empty list). */
const isEmpty = (v: unknown): boolean => v == null || v === '' || v === '[]';
const FIELDS: readonly [keyof GdprPatch, Column, 'instant' | 'list' | 'text' | 'value'][] = [
  ['awareAt', 'aware_at', 'instant'],
  ['occurredAt', 'occurred_at', 'instant'],
  ['nature', 'nature', 'text'],
  ['breachTypes', 'breach_types', 'list'],
  ['subjectCategories', 'subject_categories', 'list'],
  ['subjectsApprox', 'subjects_approx', 'value'],
  ['recordCategories', 'record_categories', 'list'],
  ['recordsApprox', 'records_approx', 'value'],
  ['dpoContact', 'dpo_contact', 'text'],
  ['consequences', 'consequences', 'text'],
  ['measures', 'measures', 'text'],
  ['risk', 'risk', 'value'],
  ['riskJustification', 'risk_justification', 'text'],
  ['notifiedAt', 'notified_at', 'instant'],
  ['cnilReference', 'cnil_reference', 'value'],
  ['delayReasons', 'delay_reasons', 'text'],
  ['subjectsDecision', 'subjects_decision', 'value'],
  ['subjectsExemption', 'subjects_exemption', 'value'],
  ['subjectsNotifiedAt', 'subjects_notified_at', 'instant'],
  ['subjectsMeans', 'subjects_means', 'text'],
  ['subjectsContent', 'subjects_content', 'text'],
];

function columnValue(kind: (typeof FIELDS)[number][2], value: unknown, field: string): unknown {
  if (value == null) return kind === 'text' ? '' : null;
  if (kind === 'instant') return parseInstant(String(value), field);
  if (kind === 'list') return JSON.stringify([...new Set((value as string[]).map((s) => s.trim()).filter(Boolean))]);
  if (kind === 'text') return String(value);
  return typeof value === 'string' ? value.trim() || null : value;
}

/**
 * Creates (awareAt required) or updates the breach of an incident. The new
 * state is validated as a whole (late notification ⇒ reasons, Art. 34
 * communication ⇒ means and content…), then history and row are written in one
 * transaction.
 */
export async function updateBreach(db: Db, patch: GdprPatch, actor: string, now = Date.now()): Promise<BreachRecord> {
  return db.transaction(async (tx) => {
    const incident = await incidentRow(tx, patch.incidentId);
    const current = await breachRow(tx, patch.incidentId);
    if (!current) {
      await writableIncident(tx, patch.incidentId);
      if (!patch.awareAt) {
        throw new VigieError('VALIDATION', 'Indiquez la date de prise de connaissance de la violation (départ des 72 h).', { field: 'awareAt' });
      }
    }
    const base: BreachDbRow = current ?? {
      id: 0, ref: '', incident_id: patch.incidentId, aware_at: 0, occurred_at: null, nature: '', breach_types: '[]',
      subject_categories: '[]', subjects_approx: null, record_categories: '[]', records_approx: null, dpo_contact: '',
      consequences: '', measures: '', risk: 'undetermined', risk_justification: '', notified_at: null, cnil_reference: null,
      delay_reasons: '', subjects_decision: 'undetermined', subjects_exemption: null, subjects_notified_at: null,
      subjects_means: '', subjects_content: '', created_by: actor, created_at: now, updated_by: actor, updated_at: now,
    };
    const next: BreachDbRow = { ...base };
    const changes: LegalChange[] = [];
    for (const [key, column, kind] of FIELDS) {
      if (patch[key] === undefined) continue;
      const value = columnValue(kind, patch[key], key);
      if (value === base[column]) continue;
      (next as unknown as Record<string, unknown>)[column] = value;
      changes.push({
        field: key,
        // A first value has no "from" (creation, or a field still empty): null, never 1970 or "".
        from: !current || isEmpty(base[column]) ? null : kind === 'instant' ? iso(base[column] as number) : asText(base[column]),
        to: kind === 'instant' ? iso(value as number | null) : asText(value),
      });
    }
    if (next.subjects_decision === 'required' && next.subjects_exemption) {
      changes.push({ field: 'subjectsExemption', from: next.subjects_exemption, to: null });
      next.subjects_exemption = null;
    }
    checkBreach(next, now);
    if (current && !changes.length) return toRecord(current, incident.title, now);

    const stamp = nextStamp(current?.updated_at ?? null, now);
    if (!current) {
      next.ref = await nextRef(tx, now);
      await writeLegalHistory(tx, patch.incidentId, 'gdpr', actor, stamp, [{ field: 'created', from: null, to: next.ref }, ...changes]);
      const cols = Object.keys(next).filter((k) => k !== 'id') as Column[];
      await tx.run(
        `INSERT INTO breaches (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        cols.map((c) => (c === 'created_at' || c === 'updated_at' ? stamp : next[c])),
      );
      await appendHistory(tx, patch.incidentId, { actor, field: 'gdpr.registered', to: next.ref, at: new Date(stamp) });
    } else {
      await writeLegalHistory(tx, patch.incidentId, 'gdpr', actor, stamp, changes);
      const cols = FIELDS.map(([, c]) => c);
      await tx.run(
        `UPDATE breaches SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_by = ?, updated_at = ? WHERE id = ?`,
        [...cols.map((c) => next[c]), actor, stamp, current.id],
      );
    }
    if (base.notified_at !== next.notified_at) {
      await appendHistory(tx, patch.incidentId, {
        actor,
        field: 'gdpr.notified',
        from: iso(base.notified_at),
        to: next.notified_at == null ? null : `${iso(next.notified_at)} (${formatParisWithOffset(next.notified_at)})`,
        at: new Date(stamp),
      });
    }
    if (base.subjects_notified_at !== next.subjects_notified_at) {
      await appendHistory(tx, patch.incidentId, {
        actor,
        field: 'gdpr.subjects',
        from: iso(base.subjects_notified_at),
        to: iso(next.subjects_notified_at),
        at: new Date(stamp),
      });
    }
    const saved = await breachRow(tx, patch.incidentId);
    if (!saved) throw new VigieError('INTERNAL', 'Violation introuvable après enregistrement.');
    return toRecord(saved, incident.title, now);
  });
}
