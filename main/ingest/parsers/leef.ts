/**
 * IBM QRadar Log Event Extended Format, possibly after a syslog header:
 * - LEEF 1.0: `LEEF:1.0|Vendor|Product|Version|EventID|key=value<TAB>key=value…`
 * - LEEF 2.0: `LEEF:2.0|Vendor|Product|Version|EventID|DelimiterCharacter|key=value…`,
 *   the delimiter given as one character (`^`, `|`…) or in hex (`x09`, `0x09`,
 *   `\x09`); when that field is absent, tab as in 1.0.
 * Header fields: `\|` is an escaped pipe. When a 1.0 record has no tab at all
 * (tabs turned into spaces by a relay), the attributes are read like a CEF
 * extension (space before each `key=`).
 *
 * Normalized fields: `@timestamp` ← `devTime` read with `devTimeFormat`
 * (Java SimpleDateFormat) or, without it, as epoch ms / `MMM dd yyyy HH:mm:ss`
 * / ISO 8601; else the header's time; else reception. `user.name` ← `usrName`,
 * `source.ip`/`destination.ip` ← `src`/`dst`, severity ← `sev` (1-10),
 * `user.roles` ← `role`, `event.action` ← EventID (kebab-case) when it is a
 * name, else `cat`; `message` ← `msg`, else `Product EventID (cat)`.
 * Attributes: `observer.*`, `event.code`, `leef.version`, `leef.category`,
 * LEEF_ECS names, and every attribute in `leef.attributes`.
 */
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult, Parser } from '../types';
import { parseCefExtension } from './cef-extension';
import { ecsAttributes, guessCategory, indexFields, ipOrUndefined, LEEF_ECS, mapOutcome, pick, scaleSeverity } from './cef-fields';
import { fail, kebab, precheck, setField, slug, stripLineEnd } from './syslog-common';
import { scrubAllValues, scrubPatientFields } from './syslog-patient';
import { parseHeaderPrefix } from './syslog';
import { parseDeviceTime, parseJavaTime } from './syslog-time';

const LEEF_AT = /(?:^|\s)(LEEF:\s?[12]\.0\|)/;

export function findLeef(record: string): number {
  if (record.startsWith('LEEF:')) return 0;
  const m = LEEF_AT.exec(record.length > 4096 ? record.slice(0, 4096) : record);
  return m ? m.index + m[0].length - m[1].length : -1;
}

/** Header fields separated by unescaped `|`, at most `count`; returns them and where the rest starts. */
function splitFields(s: string, start: number, count: number): { fields: string[]; end: number } {
  const fields: string[] = [];
  let cur = '';
  let i = start;
  while (i < s.length && fields.length < count) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cur += '|';
      i += 2;
    } else if (s[i] === '|') {
      fields.push(cur);
      cur = '';
      i++;
    } else {
      cur += s[i++];
    }
  }
  return { fields, end: i };
}

/** LEEF 2.0 delimiter field: one character, or `x09` / `0x09` / `\x09` (1-4 hex digits). */
export function leefDelimiter(field: string): string | null {
  if (field.length === 1) return field;
  const m = /^(?:\\?x|0x)([0-9a-fA-F]{1,4})$/i.exec(field);
  if (!m) return null;
  const code = parseInt(m[1], 16);
  return code > 0 ? String.fromCharCode(code) : null;
}

function splitAttributes(text: string, delimiter: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of text.split(delimiter)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    if (key === '' || /\s/.test(key)) continue;
    setField(fields, key, part.slice(eq + 1).trim());
  }
  return fields;
}

export function parseLeef(input: string, ctx: ParseContext): ParseResult {
  const pre = precheck(input, ctx, 'LEEF');
  if (pre) return pre;
  let record = stripLineEnd(input);
  const at = findLeef(record);
  if (at < 0) return fail('unparseable', "LEEF: no 'LEEF:1.0|' or 'LEEF:2.0|' header found");
  const head = splitFields(record, at, 5);
  if (head.fields.length < 5) return fail('unparseable', `LEEF: header needs Vendor|Product|Version|EventID| (column ${at + 1})`);
  const version = head.fields[0].replace(/^LEEF:\s?/, '');
  if (!/^[12]\.0$/.test(version)) return fail('unparseable', `LEEF: unsupported version ${JSON.stringify(version)} (column ${at + 6})`);
  const header = head.fields;
  let attrsAt = head.end;
  let delimiter = '\t';
  if (version === '2.0') {
    const bar = record.indexOf('|', attrsAt);
    const candidate = bar >= 0 ? record.slice(attrsAt, bar) : null;
    if (candidate !== null && (candidate === '' || (!candidate.includes('=') && candidate.length <= 6))) {
      const d = candidate === '' ? '\t' : leefDelimiter(candidate);
      if (d === null) return fail('unparseable', `LEEF 2.0: invalid delimiter ${JSON.stringify(candidate)} (column ${attrsAt + 1})`);
      delimiter = d;
      attrsAt = bar + 1;
    }
  }
  const text = record.slice(attrsAt);
  const fields =
    version === '1.0' && !text.includes('\t') && /\S=\S*\s+[A-Za-z_][\w.-]*=/.test(text.slice(0, 2048))
      ? parseCefExtension(text).fields
      : splitAttributes(text, delimiter);
  const patients = scrubPatientFields([fields], ctx);
  if (patients.active) scrubAllValues([fields], patients.scrub);
  record = patients.scrub(record);
  const [vendor, product, devVersion, eventId] = header.slice(1).map(patients.scrub);
  const idx = indexFields(fields);
  const prefix = at > 0 ? parseHeaderPrefix(record.slice(0, at), ctx) : {};

  const attrs: Record<string, unknown> = {
    'leef.version': version,
    'observer.vendor': vendor,
    'observer.product': product,
    'observer.version': devVersion,
    'event.code': eventId,
    ...ecsAttributes(idx, LEEF_ECS),
    'leef.attributes': fields,
  };
  if (version === '2.0' && delimiter !== '\t') attrs['leef.delimiter'] = delimiter;
  if (at > 0) attrs['leef.header_prefix'] = record.slice(0, at).trim();
  let ts: number | undefined;
  const devTime = pick(idx, 'devTime');
  if (devTime !== undefined) {
    const format = pick(idx, 'devTimeFormat');
    const t = format
      ? parseJavaTime(devTime, format, ctx.timezone, ctx.receivedAt)
      : parseDeviceTime(devTime, ctx.timezone, ctx.receivedAt);
    if (t.ok) ts = t.ms;
    else attrs['leef.time_error'] = t.reason;
  }
  ts ??= prefix.timestamp;
  if (ts === undefined) attrs['vigie.timestamp_source'] = 'received';

  const cat = pick(idx, 'cat');
  if (cat) attrs['leef.category'] = cat;
  const src = ipOrUndefined(pick(idx, 'src'));
  const dst = ipOrUndefined(pick(idx, 'dst'));
  const role = pick(idx, 'role');
  const named = /[A-Za-z]/.test(eventId) ? kebab(eventId) : '';
  const msg = pick(idx, 'msg');
  const event: NormalizedEvent = {
    '@timestamp': new Date(ts ?? ctx.receivedAt.getTime()).toISOString(),
    'event.dataset': ctx.dataset ?? `leef.${slug(product || vendor)}`,
    'service.name': ctx.service ?? (product.trim() || vendor.trim() || 'LEEF'),
    'host.name': prefix.host ?? pick(idx, 'identHostName') ?? null,
    'process.name': prefix.app ?? null,
    'event.severity': scaleSeverity(pick(idx, 'sev')),
    'event.category': guessCategory(`${eventId} ${cat ?? ''}`, pick(idx, 'url') !== undefined, !!(src || dst)),
    'event.action': named || kebab(cat ?? '') || 'leef-event',
    'event.outcome': mapOutcome(pick(idx, 'outcome', 'result')),
    'user.name': pick(idx, 'usrName') ?? null,
    'user.roles': role ?? null,
    'source.ip': src ?? null,
    'destination.ip': dst ?? null,
    message: patients.scrub(msg ?? (`${product} ${eventId}`.trim() + (cat ? ` (${cat})` : '') || 'LEEF event')),
    'event.original': record,
    attributes: attrs,
  };
  if (patients.pseudonym) event['health.patient.pseudonym'] = patients.pseudonym;
  return { ok: true, events: [event] };
}

export const leefParser: Parser = {
  format: 'leef',
  sniff(record: string): number {
    if (/^LEEF:\s?[12]\.0\|/.test(record)) return 0.95;
    return findLeef(record) > 0 ? 0.85 : 0;
  },
  parse(record: string, ctx: ParseContext): ParseResult {
    try {
      return parseLeef(record, ctx);
    } catch (e) {
      return fail('unparseable', `LEEF: internal error ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};
