/**
 * HL7 FHIR AuditEvent (R4 and R5) parser: one resource, or a Bundle of any
 * type (searchset, collection, transaction, batch, history…) whose entries
 * are AuditEvents — other entries are ignored and counted. ndjson (one
 * resource per line) goes through the JSON-lines path, which routes lines
 * with `resourceType` AuditEvent/Bundle here (`mapFhirValue`).
 *
 * Bundles: each AuditEvent entry becomes one event whose `event.original` is
 * that entry's resource re-serialised compactly (the whole Bundle would be
 * repeated N times otherwise); a single resource keeps the text verbatim.
 * If one AuditEvent entry cannot be mapped (e.g. no time), the whole Bundle
 * is quarantined with the entry's index, so nothing is silently lost.
 */
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult, Parser } from '../types';
import { mapAuditEvent } from './fhir-map';
import { fail, isObject, safeJsonParse, setOwn, str, type JsonObject, type JsonValue } from './json-safe';

/** A parse result that also says how many Bundle entries were not AuditEvents. */
export type FhirParseResult = ParseResult & { ignored?: number };

function mapBundle(bundle: JsonObject, ctx: ParseContext): FhirParseResult {
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  const events: NormalizedEvent[] = [];
  let ignored = 0;
  for (let i = 0; i < entries.length; i++) {
    const resource = isObject(entries[i]) ? (entries[i] as JsonObject).resource : undefined;
    if (!isObject(resource) || resource.resourceType !== 'AuditEvent') {
      ignored++;
      continue;
    }
    const r = mapAuditEvent(resource, JSON.stringify(resource), ctx);
    if (!r.ok) return fail(r.code, `Bundle entry ${i + 1}/${entries.length}: ${r.reason}`);
    for (const e of r.events) {
      const attrs = e.attributes ?? {};
      if (str(bundle.id) !== undefined) setOwn(attrs, 'fhir.bundle.id', str(bundle.id));
      if (str(bundle.type) !== undefined) setOwn(attrs, 'fhir.bundle.type', str(bundle.type));
      e.attributes = attrs;
      events.push(e);
    }
  }
  if (events.length === 0 && ignored > 0) {
    return fail('unparseable', `Bundle holds no AuditEvent (${ignored} other entr${ignored > 1 ? 'ies' : 'y'} ignored)`);
  }
  return { ok: true, events, ignored };
}

/** Maps an already parsed JSON value (an AuditEvent or a Bundle); `original` is its text. */
export function mapFhirValue(value: JsonValue, original: string, ctx: ParseContext): FhirParseResult {
  if (!isObject(value)) return fail('unparseable', 'FHIR content is not a JSON object');
  const type = value.resourceType;
  if (type === 'AuditEvent') return mapAuditEvent(value, original, ctx);
  if (type === 'Bundle') return mapBundle(value, ctx);
  if (typeof type !== 'string') return fail('unparseable', 'JSON object without resourceType: not a FHIR resource');
  return fail('unparseable', `FHIR resourceType ${type.slice(0, 60)} is neither AuditEvent nor Bundle`);
}

/** A whole FHIR JSON document (one resource or a Bundle). Never throws. */
export function parseFhirDocument(text: string, ctx: ParseContext): FhirParseResult {
  try {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const parsed = safeJsonParse(body, ctx);
    if (!parsed.ok) return parsed;
    return mapFhirValue(parsed.value, body, ctx);
  } catch (e) {
    return fail('unparseable', `FHIR mapping error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
  }
}

export const fhirParser: Parser = {
  format: 'fhir',
  sniff(record: string): number {
    const head = record.slice(0, 4096);
    if (!/^\uFEFF?\s*\{/.test(head)) return 0;
    if (/"resourceType"\s*:\s*"(AuditEvent|Bundle)"/.test(head)) return 0.97;
    return /"resourceType"/.test(head) ? 0.3 : 0;
  },
  parse(record: string, ctx: ParseContext): ParseResult {
    return parseFhirDocument(record, ctx);
  },
};
