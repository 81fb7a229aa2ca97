/**
 * Contract operations of the incident workflow (see main/incidents/README.md):
 * incidents, merge and parent links, alerts, tasks, playbooks, timeline with
 * DFIR-IRIS CSV, evidence files with chain of custody, observables and
 * sightings, metrics. zod and types only (the renderer imports types).
 */
import { z } from 'zod';
import type { AlertRow, IncidentRow } from '../contract';
import {
  CATEGORIES,
  OBSERVABLE_TYPES,
  PAPS,
  PHASES,
  TASK_STATUSES,
  TLPS,
  type EnisaClass,
  type HashType,
  type IncidentCategory,
  type ObservableType,
  type Pap,
  type Phase,
  type TaskStatus,
  type Tlp,
} from '../../incidents/model';
import { isoDate, none, op, timeRange, WRITERS } from './define';

export type { EnisaClass, HashType, IncidentCategory, ObservableType, Pap, Phase, TaskStatus, Tlp };

/** Evidence bytes per call (single add or one chunk), before base64. Over the HTTP bridge keep chunks ≤ 512 KiB. */
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;
/** Default size limit of one evidence file (changeable by an admin). */
export const DEFAULT_EVIDENCE_MAX_BYTES = 200 * 1024 * 1024;
/** Largest file `incidents.evidence.get` returns in one answer; beyond, read it with `incidents.evidence.read`. */
export const EVIDENCE_GET_MAX_BYTES = 32 * 1024 * 1024;

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

export interface TimelineEntry {
  /** `h<id>` for entries derived from the history, `t<id>` for manual/imported ones. */
  id: string;
  kind: 'auto' | 'manual' | 'iris';
  at: string;
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

// ---------------------------------------------------------------- input schemas

const id = z.number().int().positive();
const label = (max: number) => z.string().trim().min(1).max(max);
// Not SEVERITIES from the contract: the contract imports this module (no runtime cycle).
const severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
const structure = z.object({ name: label(200), finess: z.string().trim().max(9).nullable().optional() }).strict();
const names = z.array(label(120)).max(100);
const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64 attendu.' });

const incidentFields = {
  title: label(300),
  description: z.string().max(20_000),
  severity,
  tlp: z.enum(TLPS),
  pap: z.enum(PAPS),
  category: z.enum(CATEGORIES),
  phase: z.enum(PHASES),
  structures: z.array(structure).max(50),
  services: z.array(label(100)).max(50),
  assignees: names,
  risks: z.array(label(200)).max(100),
};

const taskFields = {
  title: label(300),
  description: z.string().max(5000),
  owner: label(120).nullable(),
  dueAt: isoDate.nullable(),
  phase: z.enum(PHASES).nullable(),
};

const timelineFields = {
  at: isoDate,
  title: label(300),
  category: z.string().trim().max(100).default('Unspecified'),
  content: z.string().max(20_000).default(''),
  raw: z.string().max(100_000).default(''),
  source: z.string().max(300).default(''),
  assets: z.array(label(200)).max(100).default([]),
  iocs: z.array(label(500)).max(100).default([]),
  tags: z.array(label(100)).max(50).default([]),
};

const playbookTask = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    title: label(300),
    description: z.string().max(5000).optional(),
    phase: z.enum(PHASES).optional(),
    dueHours: z.number().min(0).max(24 * 365).optional(),
    owner: label(120).optional(),
  })
  .strict();

/** A playbook as written in YAML (resources/playbooks/*.yml) or sent by the UI. */
export const playbookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'Identifiant : minuscules, chiffres et tirets.' }),
    version: z.number().int().min(1).default(1),
    title: label(200),
    category: z.enum(CATEGORIES),
    description: z.string().max(5000).default(''),
    tasks: z.array(playbookTask).min(1).max(200),
  })
  .strict()
  .refine((p) => new Set(p.tasks.map((t) => t.key)).size === p.tasks.length, { message: 'Clés de tâches en double.' });

const observableInput = z
  .object({
    incidentId: id,
    value: z.string().trim().min(1).max(2048),
    type: z.enum(OBSERVABLE_TYPES).optional(),
    tlp: z.enum(TLPS).default('AMBER'),
    description: z.string().max(2000).default(''),
  })
  .strict();

export const incidentOps = {
  'incidents.get': op<IncidentDetail>()(z.object({ id }).strict(), 'any'),
  'incidents.create': op<IncidentDetail>()(
    z
      .object({
        ...incidentFields,
        description: incidentFields.description.default(''),
        tlp: incidentFields.tlp.default('AMBER'),
        pap: incidentFields.pap.default('AMBER'),
        phase: incidentFields.phase.default('detection'),
        structures: incidentFields.structures.default([]),
        services: incidentFields.services.default([]),
        assignees: incidentFields.assignees.default([]),
        risks: incidentFields.risks.default([]),
        parentId: id.optional(),
      })
      .strict(),
    WRITERS,
  ),
  'incidents.update': op<IncidentDetail>()(
    z
      .object({
        id,
        title: incidentFields.title.optional(),
        description: incidentFields.description.optional(),
        severity: incidentFields.severity.optional(),
        tlp: incidentFields.tlp.optional(),
        pap: incidentFields.pap.optional(),
        category: incidentFields.category.optional(),
        phase: incidentFields.phase.optional(),
        structures: incidentFields.structures.optional(),
        services: incidentFields.services.optional(),
        assignees: incidentFields.assignees.optional(),
        risks: incidentFields.risks.optional(),
      })
      .strict(),
    WRITERS,
  ),
  'incidents.merge': op<IncidentDetail>()(
    z.object({ sourceId: id, targetId: id }).strict().refine((v) => v.sourceId !== v.targetId, { message: 'Deux incidents différents.' }),
    WRITERS,
  ),
  'incidents.setParent': op<IncidentDetail>()(z.object({ id, parentId: id.nullable() }).strict(), WRITERS),
  'incidents.linkAlert': op<IncidentDetail>()(z.object({ incidentId: id, alertId: id }).strict(), WRITERS),
  'incidents.createFromAlert': op<IncidentDetail>()(
    z.object({ alertId: id, category: z.enum(CATEGORIES).optional(), title: label(300).optional() }).strict(),
    WRITERS,
  ),
  'incidents.linkEvents': op<{ linked: number }>()(
    z.object({ incidentId: id, eventIds: z.array(id).min(1).max(1000) }).strict(),
    WRITERS,
  ),
  'incidents.tasks.add': op<IncidentTask>()(
    z
      .object({
        incidentId: id,
        ...taskFields,
        description: taskFields.description.default(''),
        owner: taskFields.owner.default(null),
        dueAt: taskFields.dueAt.default(null),
        phase: taskFields.phase.default(null),
      })
      .strict(),
    WRITERS,
  ),
  'incidents.tasks.update': op<IncidentTask>()(
    z
      .object({
        taskId: id,
        title: taskFields.title.optional(),
        description: taskFields.description.optional(),
        owner: taskFields.owner.optional(),
        dueAt: taskFields.dueAt.optional(),
        phase: taskFields.phase.optional(),
        status: z.enum(TASK_STATUSES).optional(),
      })
      .strict(),
    WRITERS,
  ),
  'incidents.playbooks.list': op<PlaybookInfo[]>()(none, 'any', false),
  'incidents.playbooks.get': op<Playbook>()(z.object({ id: z.string().max(64) }).strict(), 'any'),
  'incidents.playbooks.save': op<PlaybookInfo>()(
    z
      .object({ yaml: z.string().min(1).max(200_000).optional(), playbook: z.unknown().optional() })
      .strict()
      .refine((v) => (v.yaml === undefined) !== (v.playbook === undefined), { message: 'Indiquez soit yaml, soit playbook.' }),
    WRITERS,
  ),
  'incidents.playbooks.reset': op<{ removed: boolean }>()(z.object({ id: z.string().max(64) }).strict(), WRITERS),
  'incidents.playbooks.export': op<FileExport>()(z.object({ id: z.string().max(64) }).strict(), 'any'),
  'incidents.playbooks.apply': op<PlaybookApplyResult>()(
    z.object({ incidentId: id, playbookId: z.string().max(64) }).strict(),
    WRITERS,
  ),
  'incidents.timeline.add': op<TimelineEntry>()(z.object({ incidentId: id, ...timelineFields }).strict(), WRITERS),
  'incidents.timeline.importIris': op<IrisImportResult>()(
    z.object({ incidentId: id, csv: z.string().min(1).max(20 * 1024 * 1024) }).strict(),
    WRITERS,
  ),
  'incidents.timeline.exportIris': op<FileExport>()(
    z.object({ incidentId: id, automatic: z.boolean().default(true) }).strict(),
    'any',
  ),
  'incidents.evidence.add': op<EvidenceRow>()(
    z
      .object({
        incidentId: id,
        name: label(1000),
        description: z.string().max(2000).default(''),
        dataBase64: base64(EVIDENCE_CHUNK_BYTES),
      })
      .strict(),
    WRITERS,
  ),
  'incidents.evidence.begin': op<{ uploadId: string }>()(
    z
      .object({
        incidentId: id,
        name: label(1000),
        description: z.string().max(2000).default(''),
        size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      })
      .strict(),
    WRITERS,
  ),
  'incidents.evidence.chunk': op<{ receivedBytes: number }>()(
    z.object({ uploadId: z.uuid(), seq: z.number().int().min(0), data: base64(EVIDENCE_CHUNK_BYTES) }).strict(),
    WRITERS,
  ),
  'incidents.evidence.commit': op<EvidenceRow>()(
    z
      .object({ uploadId: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/i).optional() })
      .strict(),
    WRITERS,
  ),
  'incidents.evidence.abort': op<{ ok: true }>()(z.object({ uploadId: z.uuid() }).strict(), WRITERS),
  'incidents.evidence.list': op<EvidenceRow[]>()(z.object({ incidentId: id }).strict(), 'any'),
  'incidents.evidence.get': op<EvidenceContent>()(
    z.object({ evidenceId: id, purpose: z.enum(['viewed', 'downloaded', 'exported']).default('viewed') }).strict(),
    'any',
  ),
  'incidents.evidence.read': op<EvidenceChunk>()(
    z.object({ evidenceId: id, seq: z.number().int().min(0), purpose: z.enum(['viewed', 'downloaded', 'exported']).default('downloaded') }).strict(),
    'any',
  ),
  'incidents.evidence.custody': op<CustodyRow[]>()(z.object({ evidenceId: id }).strict(), 'any'),
  'incidents.evidence.config': op<EvidenceConfig>()(none, 'any', false),
  'incidents.evidence.setMaxBytes': op<EvidenceConfig>()(
    z.object({ maxBytes: z.number().int().min(1024 * 1024).max(4 * 1024 * 1024 * 1024) }).strict(),
    ['admin'],
  ),
  'incidents.observables.add': op<ObservableRow>()(observableInput, WRITERS),
  'incidents.observables.list': op<ObservableRow[]>()(z.object({ incidentId: id }).strict(), 'any'),
  'incidents.observables.sightings': op<SightingsResult>()(z.object({ observableId: id }).strict(), WRITERS),
  'incidents.metrics': op<IncidentMetrics>()(timeRange, 'any'),
} as const;
