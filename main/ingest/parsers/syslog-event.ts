/**
 * Parsed syslog header + MSG → NormalizedEvent, with:
 * - ECS `log.syslog.*` attributes (priority, facility/severity code and name,
 *   version, procid, msgid, structured_data) and `process.pid` for a numeric PROCID;
 * - patient identifiers in STRUCTURED-DATA (`patientID`, `patient_id`, `ipp`,
 *   `ins`, `nir`… see syslog-patient.ts) pseudonymised, everywhere in the event
 *   (a value that already is a `P-…` pseudonym is kept as is);
 * - the well-known messages of syslog-classify.ts;
 * - embedded payloads: `CEF:` / `LEEF:` MSG, ATNA XML (MSGID `IHE+RFC-3881`,
 *   MSG starting with `<?xml` or `<AuditMessage`), JSON object MSG — parsed
 *   through `ctx.embedded` with the syslog timestamp as reception time, then
 *   completed with the syslog host, program and attributes; `event.original`
 *   stays the whole syslog record. A payload that fails to parse leaves the
 *   plain syslog event (reason in `log.syslog.embedded_error`), except hostile
 *   payloads (DTD, nesting, size, binary), which send the record to quarantine.
 */
import type { NormalizedEvent } from '../../events/types';
import type { Format, ParseContext, ParseResult } from '../types';
import { fail, priAttributes, slug, syslogSeverity, type Pri } from './syslog-common';
import { scrubAllValues, scrubPatientFields } from './syslog-patient';
import { classifySyslog } from './syslog-classify';
import type { StructuredData } from './syslog-5424';

export interface SyslogParts {
  /** The record without its line terminator. */
  record: string;
  format: 'rfc5424' | 'rfc3164';
  pri?: Pri;
  version?: number;
  timestamp: number;
  timestampAssumed: boolean;
  host: string | null;
  app: string | null;
  procid: string | null;
  msgid: string | null;
  sd: StructuredData | null;
  sdText: string | null;
  sdMissing?: boolean;
  msg: string;
  msgOffset: number;
  bom: boolean;
}

const HOSTILE = new Set(['dtd-forbidden', 'too-deep', 'too-long', 'binary', 'invalid-utf8', 'decompression']);

/** Which embedded format the MSG holds, if any. */
export function embeddedFormat(msgid: string | null, msg: string): Format | null {
  if (msg.startsWith('CEF:')) return 'cef';
  if (msg.startsWith('LEEF:')) return 'leef';
  if (msgid === 'IHE+RFC-3881' || msg.startsWith('<?xml') || msg.startsWith('<AuditMessage')) return 'atna';
  if (msg.startsWith('{')) return 'json';
  return null;
}

function escapeSd(v: string): string {
  return v.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

function baseEvent(
  p: SyslogParts,
  ctx: ParseContext,
  text: { record: string; msg: string; sdText: string | null },
  pseudonym: string | undefined,
): NormalizedEvent {
  const { record, msg, sdText } = text;
  const attrs: Record<string, unknown> = { 'log.syslog.format': p.format };
  if (p.pri) Object.assign(attrs, priAttributes(p.pri));
  if (p.version !== undefined) attrs['log.syslog.version'] = p.version;
  if (p.procid !== null) {
    attrs['log.syslog.procid'] = p.procid;
    if (/^\d{1,10}$/.test(p.procid)) attrs['process.pid'] = Number(p.procid);
  }
  if (p.msgid !== null) attrs['log.syslog.msgid'] = p.msgid;
  if (p.sd) attrs['log.syslog.structured_data'] = p.sd;
  if (p.sdMissing) attrs['log.syslog.structured_data_missing'] = true;
  if (p.bom) attrs['log.syslog.bom'] = true;
  if (p.timestampAssumed) attrs['vigie.timestamp_source'] = 'received';
  const event: NormalizedEvent = {
    '@timestamp': new Date(p.timestamp).toISOString(),
    'event.dataset': ctx.dataset ?? (p.app ? `syslog.${slug(p.app)}` : 'syslog.messages'),
    'service.name': ctx.service ?? p.app ?? 'syslog',
    'host.name': p.host,
    'process.name': p.app,
    'event.severity': p.pri ? syslogSeverity(p.pri.severity) : 'info',
    'event.category': 'host',
    'event.action': 'syslog-message',
    'event.outcome': 'unknown',
    message: msg.trim() !== '' ? msg.trimEnd() : (sdText ?? record),
    'event.original': record,
    attributes: attrs,
  };
  if (pseudonym) event['health.patient.pseudonym'] = pseudonym;
  const c = classifySyslog(p.app, msg, p.sd);
  if (c) {
    event['event.category'] = c.category;
    event['event.action'] = c.action;
    event['event.outcome'] = c.outcome;
    if (c.userName) event['user.name'] = c.userName;
    if (c.userId) event['user.id'] = c.userId;
    if (c.sourceIp) event['source.ip'] = c.sourceIp;
    Object.assign(attrs, c.attrs);
  }
  return event;
}

function merge(inner: NormalizedEvent, outer: NormalizedEvent, p: SyslogParts, record: string, payload: string): NormalizedEvent {
  const original =
    inner['event.original'] === payload
      ? record
      : record.slice(0, p.msgOffset) + inner['event.original'] + record.slice(p.msgOffset + payload.length);
  const attributes: Record<string, unknown> = { ...outer.attributes, ...inner.attributes };
  // The payload's fallback time was the syslog header's (its reception time in `ctx.embedded`).
  if (!p.timestampAssumed && attributes['vigie.timestamp_source'] === 'received') delete attributes['vigie.timestamp_source'];
  return {
    ...inner,
    'host.name': inner['host.name'] ?? outer['host.name'],
    'process.name': inner['process.name'] ?? outer['process.name'],
    'health.patient.pseudonym': inner['health.patient.pseudonym'] ?? outer['health.patient.pseudonym'],
    'event.original': original,
    attributes,
  };
}

export function buildSyslog(p: SyslogParts, ctx: ParseContext): ParseResult {
  const { active, scrub, pseudonym } = p.sd
    ? scrubPatientFields(Object.values(p.sd), ctx, escapeSd)
    : { active: false, scrub: (t: string) => t, pseudonym: undefined };
  if (p.sd && active) scrubAllValues(Object.values(p.sd), scrub);
  const record = scrub(p.record);
  const msg = scrub(p.msg);
  const sdText = p.sdText === null ? null : scrub(p.sdText);
  const outer = baseEvent(p, ctx, { record, msg, sdText }, pseudonym);
  const kind = embeddedFormat(p.msgid, msg);
  if (!kind) return { ok: true, events: [outer] };
  let inner: ParseResult;
  try {
    inner = ctx.embedded(kind, msg, { ...ctx, receivedAt: new Date(p.timestamp) });
  } catch (e) {
    inner = fail('unparseable', `embedded ${kind}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (inner.ok && inner.events.length > 0) {
    return { ok: true, events: inner.events.map((e) => merge(e, outer, p, record, msg)) };
  }
  if (!inner.ok && HOSTILE.has(inner.code)) {
    return fail(inner.code, `syslog message with embedded ${kind}: ${inner.reason}`);
  }
  if (!inner.ok && kind !== 'json') {
    outer.attributes = { ...outer.attributes, 'log.syslog.embedded_error': `${kind}: ${inner.reason}` };
  }
  return { ok: true, events: [outer] };
}
