/**
 * JSON lines parser: one JSON object per record (a top-level array of
 * objects gives one event per object). The record is size- and depth-checked
 * before `JSON.parse` (json-safe.ts), then routed by shape:
 *
 * 1. `resourceType` AuditEvent/Bundle → FHIR AuditEvent mapping (ndjson exports);
 * 2. Windows event (`EventID` + `Channel`/`SourceName`, or Winlogbeat `winlog.event_id`) → windows-events.ts;
 * 3. AWS CloudTrail (`eventSource` + `eventName`) → json-cloudtrail.ts;
 * 4. anything else → ECS / generic mapping (json-ecs.ts).
 */
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult, Parser } from '../types';
import { mapFhirValue } from './fhir';
import { isCloudTrail, mapCloudTrail } from './json-cloudtrail';
import { mapEcs } from './json-ecs';
import { fail, flatten, isObject, safeJsonParse, type JsonObject, type JsonValue } from './json-safe';
import { mapWindowsEvent, windowsFields } from './windows-events';

function mapObject(obj: JsonObject, original: string, ctx: ParseContext): ParseResult {
  if (obj.resourceType === 'AuditEvent' || obj.resourceType === 'Bundle') return mapFhirValue(obj, original, ctx);
  let flat: Map<string, JsonValue> | undefined;
  const flatOf = () => (flat ??= flatten(obj));
  const win = windowsFields(obj, flatOf);
  if (win !== undefined) return mapWindowsEvent(win, original, ctx);
  if (isCloudTrail(obj)) return mapCloudTrail(obj, flatOf(), original, ctx);
  return mapEcs(flatOf(), original, ctx);
}

export function parseJsonRecord(record: string, ctx: ParseContext): ParseResult {
  const text = record.charCodeAt(0) === 0xfeff ? record.slice(1) : record;
  const parsed = safeJsonParse(text, ctx);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  const original = end === text.length ? text : text.slice(0, end);
  if (isObject(value)) return mapObject(value, original, ctx);
  if (Array.isArray(value)) {
    if (value.length === 0) return fail('empty', 'Empty JSON array');
    const events: NormalizedEvent[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (!isObject(item)) return fail('unparseable', `JSON array element ${i + 1} is not an object`);
      const r = mapObject(item, JSON.stringify(item), ctx);
      if (!r.ok) return fail(r.code, `JSON array element ${i + 1}: ${r.reason}`);
      events.push(...r.events);
    }
    return { ok: true, events };
  }
  return fail('unparseable', `JSON record is a ${value === null ? 'null' : typeof value}, not an object`);
}

export const jsonParser: Parser = {
  format: 'json',
  sniff(record: string): number {
    const t = record.trimStart().replace(/^\uFEFF/, '');
    if (t.startsWith('{')) return record.trimEnd().endsWith('}') ? 0.9 : 0.4;
    if (t.startsWith('[')) return record.trimEnd().endsWith(']') ? 0.5 : 0.2;
    return 0;
  },
  parse(record: string, ctx: ParseContext): ParseResult {
    try {
      return parseJsonRecord(record, ctx);
    } catch (e) {
      return fail('unparseable', `JSON mapping error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
    }
  },
};
