/**
 * The Vigie incident bundle: the JSON export of an incident, and what a
 * task-force member imports from another. Format `vigie.incident-bundle`,
 * version 1: the (TLP-redacted) snapshot, who exported it and when, at which
 * TLP, and what was stripped. The zod schema is what an import accepts
 * (strict, bounded, UUIDs checked): anything else is refused as a whole.
 */
import { z } from 'zod';
import type { Redaction, SharingIdentity } from '../../api/ops/legal';
import { SEVERITIES } from '../../api/contract';
import { CATEGORIES, HASH_TYPES, isCategory, OBSERVABLE_TYPES, PAPS, PHASES, TASK_STATUSES, TLPS, type Tlp } from '../model';
import type { IncidentSnapshot } from './snapshot';

export const BUNDLE_FORMAT = 'vigie.incident-bundle';
export const BUNDLE_VERSION = 1;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'UUID attendu');
const instant = z.iso.datetime({ offset: true });
const str = (max: number) => z.string().max(max);
const label = (max: number) => z.string().trim().min(1).max(max);
const tlp = z.enum(TLPS);
const strings = (max: number, items = 200) => z.array(str(max)).max(items);

const incident = z
  .object({
    id: z.number().int(),
    uuid,
    title: label(300),
    description: str(20_000),
    severity: z.enum(SEVERITIES),
    tlp,
    pap: z.enum(PAPS),
    category: z.enum(CATEGORIES),
    phase: z.enum(PHASES),
    structures: z.array(z.object({ name: label(200), finess: str(9).nullable() }).strict()).max(50),
    services: strings(100, 50),
    assignees: strings(120, 100),
    risks: strings(200, 100),
    parentUuid: uuid.nullable(),
    createdBy: str(200),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict();

const observable = z
  .object({
    uuid,
    type: z.enum(OBSERVABLE_TYPES),
    value: label(2048),
    hashType: z.enum(HASH_TYPES).nullable(),
    tlp,
    description: str(2000),
    sightings: z.number().int().min(0).nullable(),
    addedBy: str(200),
    addedAt: instant,
  })
  .strict();

const task = z
  .object({
    uuid,
    title: label(300),
    description: str(5000),
    owner: str(120).nullable(),
    dueAt: instant.nullable(),
    status: z.enum(TASK_STATUSES),
    phase: z.enum(PHASES).nullable(),
    createdBy: str(200),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict();

const timelineEntry = z
  .object({
    uuid,
    at: instant,
    tz: str(6),
    title: label(300),
    category: str(100),
    content: str(20_000),
    raw: str(100_000),
    source: str(300),
    assets: strings(200, 100),
    iocs: strings(500, 100),
    tags: strings(100, 50),
    origin: z.enum(['manual', 'iris']),
    tlp: tlp.nullable(),
    createdBy: str(200),
    createdAt: instant,
  })
  .strict();

const evidence = z
  .object({
    uuid,
    name: label(1000),
    description: str(2000),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    tlp: tlp.nullable(),
    addedBy: str(200),
    addedAt: instant,
  })
  .strict();

const history = z.object({ at: instant, actor: str(200), field: str(200), from: str(100_000).nullable(), to: str(100_000).nullable() }).strict();

export const bundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    exportedAt: instant,
    exportedBy: label(200),
    source: z.object({ uuid, name: label(200), createdAt: instant.optional() }).strict(),
    tlp,
    redactions: z.array(z.object({ section: str(50), removed: z.number().int().min(0), reason: str(1000) }).strict()).max(50),
    incident,
    observables: z.array(observable).max(100_000),
    tasks: z.array(task).max(10_000),
    timeline: z.array(timelineEntry).max(100_000),
    evidence: z.array(evidence).max(10_000),
    history: z.array(history).max(200_000),
    alerts: z
      .array(z.object({ title: str(500), severity: z.enum(SEVERITIES), firstSeen: instant, eventCount: z.number().int().min(0) }).strict())
      .max(10_000),
    linkedEvents: z.number().int().min(0),
    /** Legal status at export time (information only: an import never changes the local legal records). */
    legal: z.object({ ars: z.unknown().nullable(), breach: z.unknown().nullable() }).strict(),
  })
  .strict();

export type IncidentBundle = z.output<typeof bundleSchema>;

export function buildBundle(
  s: IncidentSnapshot,
  meta: { tlp: Tlp; redactions: Redaction[]; exportedBy: string; exportedAt: number; source: SharingIdentity },
): IncidentBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    exportedBy: meta.exportedBy,
    source: meta.source,
    tlp: meta.tlp,
    redactions: meta.redactions,
    ...s,
    incident: { ...s.incident, category: isCategory(s.incident.category) ? s.incident.category : 'other' },
  };
}
