/**
 * Output types of the incident operations (`./incidents.ts`): incidents and
 * their detail, tasks, playbooks, timeline, evidence, observables, metrics.
 * Types only; re-exported by the contract.
 */
import type { AlertRow, Severity } from '../contract';
import type { EnisaClass, HashType, IncidentCategory, ObservableType, Pap, Phase, TaskStatus, Tlp } from '../../incidents/model';

export type { EnisaClass, HashType, IncidentCategory, ObservableType, Pap, Phase, TaskStatus, Tlp };

export interface IncidentRow {
  id: number;
  title: string;
  severity: Severity;
  tlp: Tlp;
  category: string;
  phase: Phase;
  structure: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set when the incident has a parent incident. */
  parentId?: number;
  /** Set when the incident was merged into another (it is then closed). */
  mergedInto?: number;
}

export interface IncidentStructure {
  name: string;
  finess: string | null;
}

export interface IncidentHistoryEntry {
  id: number;
  at: string;
  actor: string;
  field: string;
  from: string | null;
  to: string | null;
}

export interface IncidentTask {
  id: number;
  incidentId: number;
  title: string;
  description: string;
  owner: string | null;
  dueAt: string | null;
  status: TaskStatus;
  phase: Phase | null;
  playbookId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The columns a timeline entry shares with the DFIR-IRIS CSV (besides its date). */
export interface TimelineColumns {
  /** UTC offset the entry was written in (`+02:00`). */
  tz: string;
  title: string;
  category: string;
  content: string;
  raw: string;
  source: string;
  assets: string[];
  iocs: string[];
  tags: string[];
}

export interface TimelineEntry extends TimelineColumns {
  /** `h<id>` for entries derived from the history, `t<id>` for manual/imported ones. */
  id: string;
  kind: 'auto' | 'manual' | 'iris';
  at: string;
  actor: string;
}

export interface ObservableRow {
  id: number;
  incidentId: number;
  type: ObservableType;
  value: string;
  hashType: HashType | null;
  tlp: Tlp;
  description: string;
  sightings: number | null;
  sightedAt: string | null;
  addedBy: string;
  addedAt: string;
}

export interface EvidenceRow {
  id: number;
  incidentId: number;
  name: string;
  description: string;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
}

export interface CustodyRow {
  id: number;
  evidenceId: number;
  at: string;
  actor: string;
  action: 'added' | 'viewed' | 'downloaded' | 'exported' | 'moved' | 'integrity_failed';
  /** true: SHA-256 recomputed and equal; false: mismatch; null: not checked. */
  verified: boolean | null;
  sha256: string | null;
  details: Record<string, unknown> | null;
}

export interface LinkedEvent {
  eventId: number;
  at: string;
  service: string;
  action: string;
  userName: string | null;
  sourceIp: string | null;
  message: string;
  origin: 'manual' | 'alert' | 'sighting';
  observableId: number | null;
}

export interface PhaseSpan {
  phase: Phase;
  from: string;
  /** null while the incident is still in this phase. */
  to: string | null;
}

export interface IncidentDetail extends Omit<IncidentRow, 'parentId' | 'mergedInto'> {
  description: string;
  pap: Pap;
  classification: EnisaClass;
  createdBy: string;
  structures: IncidentStructure[];
  services: string[];
  assignees: string[];
  risks: string[];
  parentId: number | null;
  mergedInto: number | null;
  parent: { id: number; title: string } | null;
  children: IncidentRow[];
  alerts: AlertRow[];
  /** Most recent linked events (at most 200); `eventCount` is the total. */
  events: LinkedEvent[];
  eventCount: number;
  observables: ObservableRow[];
  tasks: IncidentTask[];
  timeline: TimelineEntry[];
  evidence: EvidenceRow[];
  history: IncidentHistoryEntry[];
  phases: PhaseSpan[];
}

export interface PlaybookTask {
  key: string;
  title: string;
  description?: string;
  phase?: Phase;
  /** Due this many hours after the playbook is applied. */
  dueHours?: number;
  owner?: string;
}

export interface Playbook {
  id: string;
  version: number;
  title: string;
  category: IncidentCategory;
  description: string;
  tasks: PlaybookTask[];
}

export interface PlaybookInfo {
  id: string;
  title: string;
  category: IncidentCategory;
  taskCount: number;
  /** builtin: shipped template; modified: shipped template overridden in the vault; custom: vault only. */
  source: 'builtin' | 'modified' | 'custom';
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface PlaybookApplyResult {
  created: number;
  existing: number;
  tasks: IncidentTask[];
}

export interface FileExport {
  filename: string;
  mime: string;
  content: string;
}

export interface IrisImportResult {
  imported: number;
  duplicates: number;
  rejected: { line: number; message: string }[];
}

export interface SightingsResult {
  observableId: number;
  /** Events matching the observable (up to the cap). */
  total: number;
  /** Newly linked to the incident by this search. */
  linked: number;
  /** More events matched than were linked (cap reached). */
  truncated: boolean;
  method: 'ip' | 'account' | 'fulltext' | 'like';
}

export interface EvidenceContent {
  evidence: EvidenceRow;
  dataBase64: string;
  /** Always true: a mismatch is an error. */
  verified: true;
}

export interface EvidenceChunk {
  evidenceId: number;
  seq: number;
  chunks: number;
  dataBase64: string;
}

export interface DurationStat {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

export interface MetricsGroup {
  key: string;
  incidents: number;
  mtta: DurationStat;
  mttr: DurationStat;
  timePerPhase: Record<Phase, DurationStat>;
}

export interface IncidentMetrics {
  from: string;
  to: string;
  incidents: number;
  /** Alerts first seen in the range: first_seen → acknowledgement or incident creation. `pending`: not yet acknowledged. */
  mtta: DurationStat & { pending: number };
  /** Incidents created in the range: creation → (last) move to clôture. `open`: not closed. */
  mttr: DurationStat & { open: number };
  /** Time spent in each phase (phases left only). */
  timePerPhase: Record<Phase, DurationStat>;
  bySeverity: MetricsGroup[];
  byCategory: MetricsGroup[];
}

export interface EvidenceConfig {
  maxBytes: number;
  chunkBytes: number;
}
