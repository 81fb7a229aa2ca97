/**
 * Contract operations of the incident workflow (see main/incidents/README.md):
 * incidents, merge and parent links, alerts, tasks, playbooks, timeline with
 * DFIR-IRIS CSV, evidence files with chain of custody, observables and
 * sightings, metrics. zod and types only (the renderer imports types).
 */
import { z } from 'zod';
import {
  CATEGORIES,
  OBSERVABLE_TYPES,
  PAPS,
  PHASES,
  TASK_STATUSES,
  TLPS,
} from '../../incidents/model';
import { isoDate, none, op, timeRange, WRITERS } from './define';
import type {
  CustodyRow,
  EvidenceChunk,
  EvidenceConfig,
  EvidenceContent,
  EvidenceRow,
  FileExport,
  IncidentDetail,
  IncidentMetrics,
  IncidentRow,
  IncidentTask,
  IrisImportResult,
  ObservableRow,
  Playbook,
  PlaybookApplyResult,
  PlaybookInfo,
  SightingsResult,
  TimelineEntry,
} from './incident-types';

import type { Page } from '../contract';

export type * from './incident-types';

/** Evidence bytes per call (single add or one chunk), before base64. Over the HTTP bridge keep chunks ≤ 512 KiB. */
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;
/** Default size limit of one evidence file (changeable by an admin). */
export const DEFAULT_EVIDENCE_MAX_BYTES = 200 * 1024 * 1024;
/** Largest file `incidents.evidence.get` returns in one answer; beyond, read it with `incidents.evidence.read`. */
export const EVIDENCE_GET_MAX_BYTES = 32 * 1024 * 1024;

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

/** Open / closed: closed = phase clôture or merged into another incident. */
export const INCIDENT_STATES = ['all', 'open', 'closed'] as const;

/** Filters of `incidents.list` (all optional, combined with AND), with paging. */
export const incidentListInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
    phase: z.enum(PHASES).optional(),
    severity: severity.optional(),
    category: z.enum(CATEGORIES).optional(),
    tlp: z.enum(TLPS).optional(),
    /** A task-force member assigned to the incident (exact name). */
    assignee: label(120).optional(),
    /** Words in the title or the first structure (case- and accent-insensitive), or `n°12` / `12` for an id. */
    text: z.string().trim().max(300).optional(),
    state: z.enum(INCIDENT_STATES).default('all'),
    /** Only incidents with a legal deadline overdue now (CNIL 72 h passed, ARS not declared 24 h after discovery). */
    overdue: z.boolean().optional(),
    /** Created in [from, to) (dashboard links). */
    createdFrom: isoDate.optional(),
    createdTo: isoDate.optional(),
  })
  .strict();
export type IncidentListFilter = z.output<typeof incidentListInput>;

export const incidentOps = {
  'incidents.list': op<Page<IncidentRow>>()(incidentListInput, 'any'),
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
