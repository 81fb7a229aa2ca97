/**
 * THE mapping between ECS field names and the `events` table columns
 * (migration 001). Every read or write of `events` goes through here.
 */
import type { EventDetail, EventRow } from '../api/contract';
import { VigieError } from '../api/errors';
import { severityFromInt, severityToInt, isSeverity } from './severity';
import { OUTCOMES, type NormalizedEvent, type Outcome } from './types';

/** ECS field → column. `event.original`/`attributes` included; `id` is the table's own key. */
export const FIELD_TO_COLUMN = {
  '@timestamp': 'ts',
  'event.ingested': 'ingested',
  'event.dataset': 'dataset',
  'service.name': 'service',
  'host.name': 'host',
  'process.name': 'app',
  'event.severity': 'severity',
  'event.category': 'category',
  'event.action': 'action',
  'event.outcome': 'outcome',
  'user.id': 'user_id',
  'user.name': 'user_name',
  'user.roles': 'user_role',
  'source.ip': 'source_ip',
  'destination.ip': 'dest_ip',
  'health.patient.pseudonym': 'patient',
  'health.object': 'object',
  'health.purpose_of_use': 'purpose',
  'health.break_glass': 'break_glass',
  message: 'message',
  'event.original': 'original',
  attributes: 'attrs',
} as const;
export type EventField = keyof typeof FIELD_TO_COLUMN;
export type EventColumn = (typeof FIELD_TO_COLUMN)[EventField];

/** Columns written by `eventToRow`, in order. */
export const INSERT_COLUMNS = [
  'ts', 'ingested', 'source_id', 'dataset', 'service', 'host', 'app', 'severity', 'category', 'action',
  'outcome', 'user_id', 'user_name', 'user_role', 'source_ip', 'dest_ip', 'patient', 'object', 'purpose',
  'break_glass', 'message', 'original', 'attrs', 'fingerprint',
] as const;

/** A row of `events` as read back. */
export interface EventDbRow {
  id: number;
  ts: number;
  ingested: number;
  source_id: number | null;
  dataset: string;
  service: string;
  host: string | null;
  app: string | null;
  severity: number;
  category: string;
  action: string;
  outcome: string;
  user_id: string | null;
  user_name: string | null;
  user_role: string | null;
  source_ip: string | null;
  dest_ip: string | null;
  patient: string | null;
  object: string | null;
  purpose: string | null;
  break_glass: number;
  message: string;
  original: string;
  attrs: string | null;
  fingerprint: string;
}

/** Columns selected for list views (no `original`/`attrs`). */
export const ROW_COLUMNS =
  'id, ts, ingested, dataset, service, host, severity, category, action, outcome, user_name, user_role, ' +
  'source_ip, patient, purpose, break_glass, message';

/** Parses a timestamp to ms since epoch; throws VALIDATION on anything unparsable. */
export function toEpochMs(value: Date | string, field = '@timestamp'): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new VigieError('VALIDATION', `Invalid ${field}: ${String(value)}`);
  return ms;
}

function rolesToColumn(roles: NormalizedEvent['user.roles']): string | null {
  if (roles == null) return null;
  const list = typeof roles === 'string' ? roles.split(',') : [...roles];
  const clean = list.map((r) => r.trim()).filter((r) => r !== '');
  return clean.length ? clean.join(',') : null;
}

const REQUIRED_TEXT = ['event.dataset', 'service.name', 'event.category', 'event.action', 'message'] as const;

function invalid(index: number, what: string): never {
  throw new VigieError('VALIDATION', `Event #${index}: ${what}`);
}

/** Checks the fields the table requires; throws VALIDATION naming the event index. */
export function validateEvent(e: NormalizedEvent, index: number): void {
  // Hot path of every import (once per event): no closure, no array built per call.
  for (let k = 0; k < REQUIRED_TEXT.length; k++) {
    const v = e[REQUIRED_TEXT[k]];
    if (typeof v !== 'string' || v.trim() === '') invalid(index, `missing ${REQUIRED_TEXT[k]}`);
  }
  if (typeof e['event.original'] !== 'string') invalid(index, 'missing event.original');
  if (!isSeverity(e['event.severity'])) invalid(index, `invalid event.severity ${String(e['event.severity'])}`);
  if (!(OUTCOMES as readonly string[]).includes(e['event.outcome'])) invalid(index, `invalid event.outcome ${String(e['event.outcome'])}`);
}

/** NormalizedEvent → values in INSERT_COLUMNS order. */
export function eventToRow(
  e: NormalizedEvent,
  meta: { ingested: number; sourceId: number | null; fingerprint: string },
): unknown[] {
  const row = eventToJsonRow(e, meta);
  if (row[ATTRS_INDEX] !== null) row[ATTRS_INDEX] = JSON.stringify(row[ATTRS_INDEX]);
  return row;
}

/** Position of `attrs` in INSERT_COLUMNS. */
export const ATTRS_INDEX = INSERT_COLUMNS.indexOf('attrs');

/**
 * Like `eventToRow`, but `attrs` is the attributes object itself (or null), for
 * a row that is serialized whole by `JSON.stringify` (writer.ts): SQLite's `->>`
 * renders it back to the very text `JSON.stringify(attributes)` gives, without
 * a string escaped twice on the way.
 */
export function eventToJsonRow(
  e: NormalizedEvent,
  meta: { ingested: number; sourceId: number | null; fingerprint: string },
): unknown[] {
  const purpose = e['health.purpose_of_use'] ?? null;
  const breakGlass = e['health.break_glass'] ?? purpose === 'ETREAT';
  const attrs = e.attributes && Object.keys(e.attributes).length > 0 ? e.attributes : null;
  return [
    toEpochMs(e['@timestamp']),
    e['event.ingested'] !== undefined ? toEpochMs(e['event.ingested'], 'event.ingested') : meta.ingested,
    meta.sourceId,
    e['event.dataset'],
    e['service.name'],
    e['host.name'] ?? null,
    e['process.name'] ?? null,
    severityToInt(e['event.severity']),
    e['event.category'],
    e['event.action'],
    e['event.outcome'],
    e['user.id'] ?? null,
    e['user.name'] ?? null,
    rolesToColumn(e['user.roles']),
    e['source.ip'] ?? null,
    e['destination.ip'] ?? null,
    e['health.patient.pseudonym'] ?? null,
    e['health.object'] ?? null,
    purpose,
    breakGlass ? 1 : 0,
    e.message,
    e['event.original'],
    attrs,
    meta.fingerprint,
  ];
}

type ListRow = Pick<
  EventDbRow,
  | 'id' | 'ts' | 'ingested' | 'dataset' | 'service' | 'host' | 'severity' | 'category' | 'action' | 'outcome'
  | 'user_name' | 'user_role' | 'source_ip' | 'patient' | 'purpose' | 'break_glass' | 'message'
>;

/** Row (ROW_COLUMNS) → contract EventRow. */
export function rowToEventRow(r: ListRow): EventRow {
  return {
    id: r.id,
    '@timestamp': new Date(r.ts).toISOString(),
    'event.ingested': new Date(r.ingested).toISOString(),
    'event.dataset': r.dataset,
    'event.category': r.category,
    'event.action': r.action,
    'event.outcome': r.outcome,
    'event.severity': severityFromInt(r.severity),
    'service.name': r.service,
    'host.name': r.host,
    'user.name': r.user_name,
    'user.roles': r.user_role,
    'source.ip': r.source_ip,
    'health.patient.pseudonym': r.patient,
    'health.purpose_of_use': r.purpose,
    'health.break_glass': r.break_glass === 1,
    message: r.message,
  };
}

function parseAttrs(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Full row → contract EventDetail. */
export function rowToEventDetail(r: EventDbRow): EventDetail {
  const row = rowToEventRow(r);
  // Field order of the detail: the list columns, each extra normalized field next to its kin.
  return {
    id: row.id,
    '@timestamp': row['@timestamp'],
    'event.ingested': row['event.ingested'],
    'event.dataset': row['event.dataset'],
    'event.category': row['event.category'],
    'event.action': row['event.action'],
    'event.outcome': row['event.outcome'],
    'event.severity': row['event.severity'],
    'service.name': row['service.name'],
    'host.name': row['host.name'],
    'process.name': r.app,
    'user.id': r.user_id,
    'user.name': row['user.name'],
    'user.roles': row['user.roles'],
    'source.ip': row['source.ip'],
    'destination.ip': r.dest_ip,
    'health.patient.pseudonym': row['health.patient.pseudonym'],
    'health.object': r.object,
    'health.purpose_of_use': row['health.purpose_of_use'],
    'health.break_glass': row['health.break_glass'],
    message: row.message,
    'event.original': r.original,
    attributes: parseAttrs(r.attrs),
  };
}

/** Full row → NormalizedEvent (the inverse of eventToRow, for re-processing and export). */
export function rowToNormalized(r: EventDbRow): NormalizedEvent {
  return {
    '@timestamp': new Date(r.ts).toISOString(),
    'event.ingested': new Date(r.ingested).toISOString(),
    'event.dataset': r.dataset,
    'service.name': r.service,
    'host.name': r.host,
    'process.name': r.app,
    'event.severity': severityFromInt(r.severity),
    'event.category': r.category,
    'event.action': r.action,
    'event.outcome': (OUTCOMES as readonly string[]).includes(r.outcome) ? (r.outcome as Outcome) : 'unknown',
    'user.id': r.user_id,
    'user.name': r.user_name,
    'user.roles': r.user_role ? r.user_role.split(',') : null,
    'source.ip': r.source_ip,
    'destination.ip': r.dest_ip,
    'health.patient.pseudonym': r.patient,
    'health.object': r.object,
    'health.purpose_of_use': r.purpose,
    'health.break_glass': r.break_glass === 1,
    message: r.message,
    'event.original': r.original,
    attributes: parseAttrs(r.attrs),
  };
}
