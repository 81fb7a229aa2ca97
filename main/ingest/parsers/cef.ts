/**
 * ArcSight Common Event Format:
 * `CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension`
 * (syntax in cef-extension.ts), possibly after a header (syslog RFC 5424/3164,
 * ArcSight `MMM dd yyyy HH:mm:ss host`), which gives host and time when the
 * extension has none.
 *
 * Normalized fields: `@timestamp` ← `rt`, else `end`, else `start` (epoch ms,
 * `MMM dd yyyy HH:mm:ss[.SSS] [zone]`, ISO 8601), else the header's time, else
 * reception; `source.ip`/`destination.ip` ← `src`/`dst` (when addresses);
 * `user.name` ← `suser`, else `duser`; `user.id` ← `suid`, else `duid`;
 * `host.name` ← `dvchost`, else the header's host, else `dhost`, else `shost`;
 * `process.name` ← `dproc`; `event.action` ← `act` (kebab-case), else the Name;
 * `event.outcome` ← `outcome`; `message` ← `msg`, else the Name; severity per
 * cef-fields.ts; `event.category` by the heuristic of cef-fields.ts.
 * Attributes: `observer.vendor/product/version`, `event.code` (class id),
 * `cef.version`, `cef.name`, `cef.severity`, the ECS names of CEF_ECS, and all
 * pairs in `cef.extensions` (custom fields under their label).
 */
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult, Parser } from '../types';
import { parseCefExtension, splitCefHeader } from './cef-extension';
import { CEF_ECS, ecsAttributes, guessCategory, indexFields, ipOrUndefined, mapOutcome, pick, scaleSeverity, type FieldIndex } from './cef-fields';
import { fail, kebab, precheck, slug, stripLineEnd } from './syslog-common';
import { scrubAllValues, scrubPatientFields } from './syslog-patient';
import { parseHeaderPrefix } from './syslog';
import { parseDeviceTime } from './syslog-time';

const CEF_AT = /(?:^|\s)(CEF:\s?\d+(?:\.\d+)?\|)/;

/** Index of `CEF:` in the record (start, or after a header), -1 when absent. */
export function findCef(record: string): number {
  if (record.startsWith('CEF:')) return 0;
  const m = CEF_AT.exec(record.length > 4096 ? record.slice(0, 4096) : record);
  return m ? m.index + m[0].length - m[1].length : -1;
}

function timeOf(idx: FieldIndex, ctx: ParseContext, attrs: Record<string, unknown>): number | undefined {
  const iso = (key: string): number | undefined => {
    const raw = pick(idx, key);
    if (raw === undefined) return undefined;
    const t = parseDeviceTime(raw, ctx.timezone, ctx.receivedAt);
    if (t.ok) return t.ms;
    attrs[`cef.time_error.${key}`] = t.reason;
    return undefined;
  };
  const rt = iso('rt');
  const end = iso('end');
  const start = iso('start');
  if (start !== undefined) attrs['event.start'] = new Date(start).toISOString();
  if (end !== undefined) attrs['event.end'] = new Date(end).toISOString();
  return rt ?? end ?? start;
}

export function parseCef(input: string, ctx: ParseContext): ParseResult {
  const pre = precheck(input, ctx, 'CEF');
  if (pre) return pre;
  let record = stripLineEnd(input);
  const at = findCef(record);
  if (at < 0) return fail('unparseable', "CEF: no 'CEF:<version>|' header found");
  const header = splitCefHeader(record, at + 4);
  if (!header) return fail('unparseable', `CEF: header needs 7 '|'-separated fields after CEF: (column ${at + 1})`);
  if (!/^\s?\d+(?:\.\d+)?$/.test(header.version)) return fail('unparseable', `CEF: version ${JSON.stringify(header.version)} is not a number (column ${at + 5})`);
  const ext = parseCefExtension(record.slice(header.extensionAt));
  const fields = ext.fields;
  const patients = scrubPatientFields([fields], ctx);
  if (patients.active) {
    scrubAllValues([fields], patients.scrub);
    for (const k of ['vendor', 'product', 'deviceVersion', 'classId', 'name', 'severity'] as const) header[k] = patients.scrub(header[k]);
  }
  record = patients.scrub(record);
  const idx = indexFields(fields);
  const prefix = at > 0 ? parseHeaderPrefix(record.slice(0, at), ctx) : {};

  const attrs: Record<string, unknown> = {
    'cef.version': Number(header.version.trim()),
    'observer.vendor': header.vendor,
    'observer.product': header.product,
    'observer.version': header.deviceVersion,
    'event.code': header.classId,
    'cef.name': header.name,
    'cef.severity': header.severity,
    ...ecsAttributes(idx, CEF_ECS),
    'cef.extensions': fields,
  };
  if (ext.leading) attrs['cef.extension_leading_text'] = patients.scrub(ext.leading);
  if (at > 0) attrs['cef.header_prefix'] = record.slice(0, at).trim();
  const ts = timeOf(idx, ctx, attrs) ?? prefix.timestamp;
  if (ts === undefined) attrs['vigie.timestamp_source'] = 'received';

  const src = ipOrUndefined(pick(idx, 'src'));
  const dst = ipOrUndefined(pick(idx, 'dst'));
  const url = pick(idx, 'request');
  const act = pick(idx, 'act');
  const name = header.name.trim();
  const msg = pick(idx, 'msg');
  const event: NormalizedEvent = {
    '@timestamp': new Date(ts ?? ctx.receivedAt.getTime()).toISOString(),
    'event.dataset': ctx.dataset ?? `cef.${slug(header.product || header.vendor)}`,
    'service.name': ctx.service ?? (header.product.trim() || header.vendor.trim() || 'CEF'),
    'host.name': pick(idx, 'dvchost') ?? prefix.host ?? pick(idx, 'dhost', 'shost') ?? null,
    'process.name': pick(idx, 'dproc') ?? prefix.app ?? null,
    'event.severity': scaleSeverity(header.severity),
    'event.category': guessCategory(`${name} ${pick(idx, 'cat') ?? ''} ${act ?? ''}`, url !== undefined, !!(src || dst)),
    'event.action': kebab(act ?? '') || kebab(name) || 'cef-event',
    'event.outcome': mapOutcome(pick(idx, 'outcome')),
    'user.name': pick(idx, 'suser', 'duser') ?? null,
    'user.id': pick(idx, 'suid', 'duid') ?? null,
    'source.ip': src ?? null,
    'destination.ip': dst ?? null,
    message: patients.scrub(msg ?? (name || `${header.vendor} ${header.product} ${header.classId}`.trim() || 'CEF event')),
    'event.original': record,
    attributes: attrs,
  };
  if (patients.pseudonym) event['health.patient.pseudonym'] = patients.pseudonym;
  return { ok: true, events: [event] };
}

export const cefParser: Parser = {
  format: 'cef',
  sniff(record: string): number {
    if (/^CEF:\s?\d/.test(record)) return 0.95;
    return findCef(record) > 0 ? 0.85 : 0;
  },
  parse(record: string, ctx: ParseContext): ParseResult {
    try {
      return parseCef(record, ctx);
    } catch (e) {
      return fail('unparseable', `CEF: internal error ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};
