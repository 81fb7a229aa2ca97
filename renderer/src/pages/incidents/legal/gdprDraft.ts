import type { OpInput } from '@contract';
import { fromParisInput, toParisInput } from '../../../parisTime';
import type { BreachRecord, BreachRisk, BreachType, SubjectDecision, SubjectExemption } from '../types';

/** The breach form as typed: times in Paris (`datetime-local`), lists one item per line, counts as text. */
export interface GdprDraft {
  awareAt: string;
  occurredAt: string;
  nature: string;
  breachTypes: BreachType[];
  subjectCategories: string;
  subjectsApprox: string;
  recordCategories: string;
  recordsApprox: string;
  dpoContact: string;
  consequences: string;
  measures: string;
  risk: BreachRisk;
  riskJustification: string;
  notifiedAt: string;
  cnilReference: string;
  delayReasons: string;
  subjectsDecision: SubjectDecision;
  subjectsExemption: SubjectExemption | '';
  subjectsNotifiedAt: string;
  subjectsMeans: string;
  subjectsContent: string;
}

export type GdprPatch = Omit<OpInput<'legal.gdpr.update'>, 'incidentId'>;

const lines = (list: string[]) => list.join('\n');
const list = (text: string) => [...new Set(text.split(/\n|;/).map((s) => s.trim()).filter(Boolean))];
const count = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

export function draftOf(r: BreachRecord): GdprDraft {
  return {
    awareAt: toParisInput(r.awareAt),
    occurredAt: toParisInput(r.occurredAt),
    nature: r.nature,
    breachTypes: r.breachTypes,
    subjectCategories: lines(r.subjectCategories),
    subjectsApprox: r.subjectsApprox == null ? '' : String(r.subjectsApprox),
    recordCategories: lines(r.recordCategories),
    recordsApprox: r.recordsApprox == null ? '' : String(r.recordsApprox),
    dpoContact: r.dpoContact,
    consequences: r.consequences,
    measures: r.measures,
    risk: r.risk,
    riskJustification: r.riskJustification,
    notifiedAt: toParisInput(r.notifiedAt),
    cnilReference: r.cnilReference ?? '',
    delayReasons: r.delayReasons,
    subjectsDecision: r.subjectsDecision,
    subjectsExemption: r.subjectsExemption ?? '',
    subjectsNotifiedAt: toParisInput(r.subjectsNotifiedAt),
    subjectsMeans: r.subjectsMeans,
    subjectsContent: r.subjectsContent,
  };
}

/** The draft as the operation's fields (times as instants, lists split, counts as numbers). */
function toInput(d: GdprDraft): Required<GdprPatch> {
  return {
    awareAt: fromParisInput(d.awareAt) ?? '',
    occurredAt: fromParisInput(d.occurredAt),
    nature: d.nature,
    breachTypes: d.breachTypes,
    subjectCategories: list(d.subjectCategories),
    subjectsApprox: count(d.subjectsApprox),
    recordCategories: list(d.recordCategories),
    recordsApprox: count(d.recordsApprox),
    dpoContact: d.dpoContact,
    consequences: d.consequences,
    measures: d.measures,
    risk: d.risk,
    riskJustification: d.riskJustification,
    notifiedAt: fromParisInput(d.notifiedAt),
    cnilReference: d.cnilReference.trim() || null,
    delayReasons: d.delayReasons,
    subjectsDecision: d.subjectsDecision,
    subjectsExemption: d.subjectsExemption || null,
    subjectsNotifiedAt: fromParisInput(d.subjectsNotifiedAt),
    subjectsMeans: d.subjectsMeans,
    subjectsContent: d.subjectsContent,
  };
}

/** What changed since the record was loaded (the engine writes one register history row per field). */
export function patchOf(record: BreachRecord, draft: GdprDraft): GdprPatch {
  const before = toInput(draftOf(record));
  const after = toInput(draft);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof GdprPatch)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as GdprPatch;
}

/** A count field holds a whole number (or nothing). */
export function countValid(text: string): boolean {
  return text.trim() === '' || /^\d{1,10}$/.test(text.trim());
}

/** True when notifying at `notifiedAt` (or now, when empty) is beyond the 72 h of Art. 33(1). */
export function isLate(record: BreachRecord, draft: GdprDraft, now: number): boolean {
  const aware = Date.parse(fromParisInput(draft.awareAt) ?? record.awareAt);
  const notified = fromParisInput(draft.notifiedAt);
  return (notified ? Date.parse(notified) : now) > aware + 72 * 3600_000;
}
