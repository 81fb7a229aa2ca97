import type { IncidentRow, OpInput, OpOutput, Severity } from '@contract';

/*
 * Types of the incident workflow, taken from the contract's operations (the
 * contract is imported for types only), and runtime lists mirroring its
 * unions (`satisfies` keeps them complete at compile time).
 */
export type IncidentDetail = OpOutput<'incidents.get'>;
export type IncidentTask = IncidentDetail['tasks'][number];
export type TimelineEntry = IncidentDetail['timeline'][number];
export type EvidenceRow = IncidentDetail['evidence'][number];
export type ObservableRow = IncidentDetail['observables'][number];
export type HistoryEntry = IncidentDetail['history'][number];
export type LinkedEvent = IncidentDetail['events'][number];
export type CustodyRow = OpOutput<'incidents.evidence.custody'>[number];
export type PlaybookInfo = OpOutput<'incidents.playbooks.list'>[number];
export type Deadline = OpOutput<'legal.deadlines'>[number];
export type ArsRecord = OpOutput<'legal.qualify'>;
export type ArsCriterion = OpOutput<'legal.criteria'>[number];
export type ArsForm = ArsRecord['form'];
export type BreachRecord = OpOutput<'legal.gdpr.update'>;
export type RegisterEntry = OpOutput<'legal.register.list'>['items'][number];
export type IncidentExport = OpOutput<'incidents.export'>;
export type LegalClock = BreachRecord['clock'];

export type Tlp = IncidentRow['tlp'];
export type Phase = IncidentRow['phase'];
export type Pap = IncidentDetail['pap'];
export type Category = NonNullable<OpInput<'incidents.update'>['category']>;
export type TaskStatus = IncidentTask['status'];
export type ObservableType = ObservableRow['type'];
export type ExportFormat = OpInput<'incidents.export'>['format'];
export type BreachType = BreachRecord['breachTypes'][number];
export type BreachRisk = BreachRecord['risk'];
export type SubjectDecision = BreachRecord['subjectsDecision'];
export type SubjectExemption = NonNullable<BreachRecord['subjectsExemption']>;
export type ClockStatus = LegalClock['status'];

function keysOf<K extends string>(record: Record<K, true>): K[] {
  return Object.keys(record) as K[];
}

export const TLP_LIST: Tlp[] = keysOf({ CLEAR: true, GREEN: true, AMBER: true, 'AMBER+STRICT': true, RED: true } satisfies Record<Tlp, true>);
export const PAP_LIST: Pap[] = keysOf({ CLEAR: true, GREEN: true, AMBER: true, RED: true } satisfies Record<Pap, true>);
export const SEVERITIES: Severity[] = keysOf({ info: true, low: true, medium: true, high: true, critical: true } satisfies Record<Severity, true>);
export const CATEGORY_LIST: Category[] = keysOf({
  ransomware: true,
  phishing: true,
  'patient-data-leak': true,
  ddos: true,
  'account-compromise': true,
  'provider-compromise': true,
  other: true,
} satisfies Record<Category, true>);
export const TASK_STATUS_LIST: TaskStatus[] = keysOf({ todo: true, in_progress: true, done: true, cancelled: true } satisfies Record<TaskStatus, true>);
export const OBSERVABLE_TYPE_LIST: ObservableType[] = keysOf({
  ip: true,
  domain: true,
  url: true,
  hash: true,
  email: true,
  account: true,
} satisfies Record<ObservableType, true>);
export const EXPORT_FORMAT_LIST: ExportFormat[] = keysOf({ pdf: true, html: true, json: true, misp: true, stix: true } satisfies Record<ExportFormat, true>);
export const BREACH_TYPE_LIST: BreachType[] = keysOf({ confidentiality: true, integrity: true, availability: true } satisfies Record<BreachType, true>);
export const BREACH_RISK_LIST: BreachRisk[] = keysOf({ undetermined: true, none: true, risk: true, high: true } satisfies Record<BreachRisk, true>);
export const SUBJECT_DECISION_LIST: SubjectDecision[] = keysOf({ undetermined: true, required: true, not_required: true } satisfies Record<
  SubjectDecision,
  true
>);
export const SUBJECT_EXEMPTION_LIST: SubjectExemption[] = keysOf({ protected: true, mitigated: true, disproportionate: true } satisfies Record<
  SubjectExemption,
  true
>);

/** Hub services of the region, offered as suggestions (any name is accepted). */
export const HUB_SERVICES = ['SRI', 'ROR', 'MSSante', 'PACS', 'Telemedecine', 'Portail-Coordination'] as const;
