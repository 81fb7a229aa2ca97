/**
 * Contract operations of the legal clocks (ARS / CERT Santé declaration,
 * GDPR breach register, deadlines) and of incident exports and shared-bundle
 * imports (see main/incidents/legal/README.md, main/incidents/export/README.md).
 * zod and types only (the renderer imports types).
 */
import { z } from 'zod';
import type { Page, Severity } from '../contract';
import type { Tlp } from '../../incidents/model';
import { TLPS } from '../../incidents/model';
import { isoDate, none, op, pageInput, WRITERS } from './define';

// ---------------------------------------------------------------- ARS / CERT Santé

export const ARS_CRITERIA_IDS = [
  'exceptional',
  'careSafety',
  'healthData',
  'operations',
  'healthSystem',
  'otherStructures',
  'malicious',
  'personalData',
] as const;
export type ArsCriterionId = (typeof ARS_CRITERIA_IDS)[number];
export type ArsLevel = 'aucun' | 'grave' | 'significatif';
/** prerequisite/grave/significatif: criteria of the decree; context: asked by the form, not a criterion. */
export type ArsEffect = 'prerequisite' | 'grave' | 'significatif' | 'context';

export interface ArsCriterion {
  id: ArsCriterionId;
  question: string;
  help: string;
  effect: ArsEffect;
  /** Legal source (article and paragraph). */
  source: string;
}

export type ArsAnswers = Partial<Record<ArsCriterionId, boolean | null>>;

export interface ArsQualification {
  level: ArsLevel;
  /** True when the incident must be declared (grave or significatif). */
  toDeclare: boolean;
  /** False while a criterion that could change the level is unanswered. */
  complete: boolean;
  /** Criteria answered yes. */
  met: ArsCriterionId[];
  /** One French sentence per reason, each citing its source. */
  rationale: string[];
}

export type ClockKind = 'ars' | 'cnil';
/**
 * pending: running, not late; due_soon: CNIL deadline in less than 24 h;
 * overdue: CNIL deadline passed, or ARS not declared 24 h after discovery;
 * done / done_late: declared or notified (late: after the limit);
 * not_required: qualified "aucun" (ARS) or breach unlikely to result in a risk (CNIL).
 */
export type ClockStatus = 'pending' | 'due_soon' | 'overdue' | 'done' | 'done_late' | 'not_required';

export interface LegalClock {
  kind: ClockKind;
  startAt: string;
  /** null for the ARS declaration: "sans délai" has no numeric deadline. */
  dueAt: string | null;
  doneAt: string | null;
  status: ClockStatus;
  elapsedMs: number;
  /** Time left until `dueAt` (negative once passed); null without a deadline or once done. */
  remainingMs: number | null;
  /** Paris time, for display (`31/03/2026 11:00 (UTC+2)`). */
  startAtParis: string;
  dueAtParis: string | null;
  doneAtParis: string | null;
  /** One French sentence: what the clock says now. */
  summary: string;
}

export interface ArsDeclarant {
  name?: string;
  role?: string;
  email?: string;
  phone?: string;
}

/** Fields of the national portal's form that Vigie cannot deduce (or that the operator rewrote). */
export interface ArsForm {
  declarant?: ArsDeclarant;
  structureType?: string;
  structureAddress?: string;
  scope?: string;
  affectedSystems?: string;
  affectedData?: string;
  handlingStatus?: string;
  impactData?: string;
  impactPeople?: string;
  impactSystems?: string;
  impactStructure?: string;
  causes?: string;
}

export interface ArsRecord {
  incidentId: number;
  discoveredAt: string;
  answers: ArsAnswers;
  qualification: ArsQualification | null;
  qualifiedBy: string | null;
  qualifiedAt: string | null;
  declaredAt: string | null;
  declaredBy: string | null;
  reference: string | null;
  form: ArsForm;
  clock: LegalClock;
  updatedBy: string;
  updatedAt: string;
}

export interface ArsDraftBlock {
  number: 1 | 2 | 3 | 4;
  title: string;
  fields: { label: string; value: string }[];
}

export interface ArsDraft {
  incidentId: number;
  blocks: ArsDraftBlock[];
  /** The four blocks as plain text, to paste into the portal. */
  text: string;
  filename: string;
  pdfBase64: string;
}

// ---------------------------------------------------------------- GDPR

export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
export const BREACH_RISKS = ['undetermined', 'none', 'risk', 'high'] as const;
export const SUBJECT_DECISIONS = ['undetermined', 'required', 'not_required'] as const;
/** Art. 34(3): (a) data unintelligible (encryption), (b) high risk no longer likely, (c) disproportionate effort (public communication instead). */
export const SUBJECT_EXEMPTIONS = ['protected', 'mitigated', 'disproportionate'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];
export type BreachRisk = (typeof BREACH_RISKS)[number];
export type SubjectDecision = (typeof SUBJECT_DECISIONS)[number];
export type SubjectExemption = (typeof SUBJECT_EXEMPTIONS)[number];

export interface BreachRecord {
  id: number;
  /** Register reference, e.g. VIOL-2026-003. */
  ref: string;
  incidentId: number;
  incidentTitle: string;
  awareAt: string;
  occurredAt: string | null;
  /** Art. 33(3)(a). */
  nature: string;
  breachTypes: BreachType[];
  subjectCategories: string[];
  subjectsApprox: number | null;
  recordCategories: string[];
  recordsApprox: number | null;
  /** Art. 33(3)(b). */
  dpoContact: string;
  /** Art. 33(3)(c). */
  consequences: string;
  /** Art. 33(3)(d). */
  measures: string;
  risk: BreachRisk;
  riskJustification: string;
  /** Whether the CNIL must be notified (Art. 33(1)): not when the breach is unlikely to result in a risk. */
  notificationRequired: boolean;
  notifiedAt: string | null;
  cnilReference: string | null;
  /** Art. 33(1): required when notified after the 72 h. */
  delayReasons: string;
  late: boolean;
  subjectsDecision: SubjectDecision;
  subjectsExemption: SubjectExemption | null;
  subjectsNotifiedAt: string | null;
  subjectsMeans: string;
  subjectsContent: string;
  /** Fields still missing for a complete Art. 33(3) notification. */
  missing: string[];
  clock: LegalClock;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** One line of the Art. 33(5) register. */
export type RegisterEntry = Omit<BreachRecord, 'missing'>;

export interface LegalHistoryEntry {
  id: number;
  incidentId: number;
  kind: 'ars' | 'gdpr';
  at: string;
  actor: string;
  field: string;
  from: string | null;
  to: string | null;
}

// ---------------------------------------------------------------- deadlines

export interface Deadline extends LegalClock {
  incidentId: number;
  incidentTitle: string;
  /** Register reference (CNIL clocks). */
  ref: string | null;
}

export type NotificationThreshold = '24h' | '6h' | '1h' | 'overdue';

/** A desktop notification about a legal deadline (sent once per threshold). */
export interface DeadlineNotification {
  incidentId: number;
  incidentTitle: string;
  kind: ClockKind;
  threshold: NotificationThreshold;
  dueAt: string | null;
  title: string;
  body: string;
  severity: Severity;
}

// ---------------------------------------------------------------- exports / imports

export const EXPORT_FORMATS = ['pdf', 'html', 'json', 'misp', 'stix'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Redaction {
  /** What was stripped: observables, evidence, timeline, tasks, description, structures, history, legal. */
  section: string;
  removed: number;
  /** French sentence for the report. */
  reason: string;
}

export interface IncidentExport {
  filename: string;
  mime: string;
  /** Text formats (html, json, misp, stix). */
  content?: string;
  /** Binary formats (pdf). */
  contentBase64?: string;
  tlp: Tlp;
  redactions: Redaction[];
  sha256: string;
  size: number;
}

export interface BundleCounts {
  observables: number;
  tasks: number;
  timeline: number;
}

export interface BundleImportResult {
  incidentId: number;
  incidentUuid: string;
  /** True when the bundle's incident did not exist here and was created. */
  createdIncident: boolean;
  /** True when nothing was new (same bundle, or every item already present). */
  noop: boolean;
  added: BundleCounts;
  existing: BundleCounts;
  sourceMember: string;
  importId: number | null;
}

export interface SharingIdentity {
  /** UUID of this Vigie (MISP Orgc, STIX identity, bundle source). */
  uuid: string;
  name: string;
  /** When this identity was created (STIX identity `created`). */
  createdAt: string;
}

export interface LegalFileExport {
  filename: string;
  mime: string;
  content: string;
}

// ---------------------------------------------------------------- input schemas

const id = z.number().int().positive();
const text = (max: number) => z.string().max(max);
const label = (max: number) => z.string().trim().min(1).max(max);
const tlp = z.enum(TLPS);
const answer = z.boolean().nullable();
const answers = z
  .object(Object.fromEntries(ARS_CRITERIA_IDS.map((k) => [k, answer.optional()])) as Record<ArsCriterionId, z.ZodOptional<typeof answer>>)
  .strict();
const declarant = z
  .object({ name: text(200).optional(), role: text(200).optional(), email: text(320).optional(), phone: text(50).optional() })
  .strict();
const arsForm = z
  .object({
    declarant: declarant.optional(),
    structureType: text(200).optional(),
    structureAddress: text(500).optional(),
    scope: text(10_000).optional(),
    affectedSystems: text(10_000).optional(),
    affectedData: text(10_000).optional(),
    handlingStatus: text(10_000).optional(),
    impactData: text(10_000).optional(),
    impactPeople: text(10_000).optional(),
    impactSystems: text(10_000).optional(),
    impactStructure: text(10_000).optional(),
    causes: text(10_000).optional(),
  })
  .strict();
const categories = z.array(label(200)).max(50);
const count = z.number().int().min(0).max(1_000_000_000).nullable();

export const gdprPatchSchema = z
  .object({
    incidentId: id,
    awareAt: isoDate.optional(),
    occurredAt: isoDate.nullable().optional(),
    nature: text(20_000).optional(),
    breachTypes: z.array(z.enum(BREACH_TYPES)).max(3).optional(),
    subjectCategories: categories.optional(),
    subjectsApprox: count.optional(),
    recordCategories: categories.optional(),
    recordsApprox: count.optional(),
    dpoContact: text(1000).optional(),
    consequences: text(20_000).optional(),
    measures: text(20_000).optional(),
    risk: z.enum(BREACH_RISKS).optional(),
    riskJustification: text(10_000).optional(),
    notifiedAt: isoDate.nullable().optional(),
    cnilReference: text(200).nullable().optional(),
    delayReasons: text(10_000).optional(),
    subjectsDecision: z.enum(SUBJECT_DECISIONS).optional(),
    subjectsExemption: z.enum(SUBJECT_EXEMPTIONS).nullable().optional(),
    subjectsNotifiedAt: isoDate.nullable().optional(),
    subjectsMeans: text(2000).optional(),
    subjectsContent: text(20_000).optional(),
  })
  .strict();
export type GdprPatch = z.output<typeof gdprPatchSchema>;

export const arsPatchSchema = z
  .object({
    incidentId: id,
    discoveredAt: isoDate.optional(),
    declaredAt: isoDate.nullable().optional(),
    reference: text(200).nullable().optional(),
    form: arsForm.optional(),
  })
  .strict();
export type ArsPatch = z.output<typeof arsPatchSchema>;

/** Largest shared bundle accepted (JSON text). */
export const BUNDLE_MAX_CHARS = 50 * 1024 * 1024;

export const legalOps = {
  'legal.criteria': op<ArsCriterion[]>()(none, 'any', false),
  'legal.qualify': op<ArsRecord>()(z.object({ incidentId: id, answers }).strict(), WRITERS),
  'legal.ars.get': op<{ record: ArsRecord | null }>()(z.object({ incidentId: id }).strict(), 'any'),
  'legal.ars.update': op<ArsRecord>()(arsPatchSchema, WRITERS),
  'legal.arsDraft': op<ArsDraft>()(z.object({ incidentId: id }).strict(), 'any'),
  'legal.gdpr.get': op<{ record: BreachRecord | null }>()(z.object({ incidentId: id }).strict(), 'any'),
  'legal.gdpr.update': op<BreachRecord>()(gdprPatchSchema, WRITERS),
  'legal.history': op<LegalHistoryEntry[]>()(
    z.object({ incidentId: id, kind: z.enum(['ars', 'gdpr']).optional() }).strict(),
    'any',
  ),
  'legal.register.list': op<Page<RegisterEntry>>()(
    pageInput.extend({ status: z.enum(['all', 'notified', 'not_notified', 'not_required']).default('all') }),
    'any',
  ),
  'legal.register.export': op<LegalFileExport>()(none, 'any'),
  'legal.deadlines': op<Deadline[]>()(
    z.object({ now: isoDate.optional(), incidentId: id.optional(), includeClosed: z.boolean().default(false) }).strict(),
    'any',
    false,
  ),
  'incidents.export': op<IncidentExport>()(
    z.object({ incidentId: id, format: z.enum(EXPORT_FORMATS), tlp }).strict(),
    'any',
  ),
  'incidents.importBundle': op<BundleImportResult>()(
    z.object({ content: z.string().min(2).max(BUNDLE_MAX_CHARS) }).strict(),
    WRITERS,
  ),
  'incidents.items.setTlp': op<{ ok: true }>()(
    z.object({ kind: z.enum(['observable', 'timeline', 'evidence']), id, tlp: tlp.nullable() }).strict(),
    WRITERS,
  ),
  'sharing.identity.get': op<SharingIdentity>()(none, 'any', false),
  'sharing.identity.set': op<SharingIdentity>()(z.object({ name: label(200) }).strict(), ['admin']),
} as const;
