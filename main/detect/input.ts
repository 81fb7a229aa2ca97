/**
 * Events given to the detector as JSON: a `NormalizedEvent` written with its
 * ECS keys — nested `attributes`, or flattened beside the core fields as
 * `vigie parse` prints them — becomes a `NormalizedEvent` again (non-core
 * keys go back under `attributes`, where Sigma field lookups expect them).
 */
import { FIELD_TO_COLUMN } from '../events/columns';
import type { NormalizedEvent } from '../events/types';

const CORE = new Set<string>(Object.keys(FIELD_TO_COLUMN));

/** True when the object is an ECS-keyed Vigie event (`@timestamp` and `event.dataset`). */
export function isNormalizedJson(obj: unknown): obj is Record<string, unknown> {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return false;
  const o = obj as Record<string, unknown>;
  return (typeof o['@timestamp'] === 'string' || typeof o['@timestamp'] === 'number') && typeof o['event.dataset'] === 'string';
}

export function fromNormalizedJson(obj: Record<string, unknown>): NormalizedEvent {
  const event: Record<string, unknown> = {};
  const attributes: Record<string, unknown> =
    obj.attributes && typeof obj.attributes === 'object' && !Array.isArray(obj.attributes) ? { ...(obj.attributes as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'attributes') continue;
    if (CORE.has(k)) event[k] = v;
    else if (!(k in attributes)) attributes[k] = v;
  }
  if (typeof event['@timestamp'] === 'number') event['@timestamp'] = new Date(event['@timestamp']);
  event.message ??= '';
  event['event.original'] ??= JSON.stringify(obj);
  event.attributes = attributes;
  return event as unknown as NormalizedEvent;
}
