/**
 * Syslog parser (format `syslog`): RFC 5424 and RFC 3164 records, one frame
 * or line each (see framing.ts for streams). Dispatch on the record's start:
 *
 * - `<PRI>VERSION SP …` or `VERSION SP TIMESTAMP …` → RFC 5424 (syslog-5424.ts);
 * - an RFC 3339 timestamp first: RFC 5424 fields when they fit
 *   (`TS HOST APP PROCID MSGID SD`, e.g. jc's PRI-less lines), else rsyslog's
 *   file format `TS HOST TAG: MSG` read as RFC 3164;
 * - anything else → RFC 3164 (syslog-3164.ts), which also accepts `<PRI>` followed
 *   by no recognisable timestamp (relay rule, RFC 3164 §4.3.2).
 *
 * The event is built by syslog-event.ts (ECS `log.syslog.*`, classification,
 * embedded CEF/LEEF/ATNA/JSON payloads).
 */
import type { ParseContext, ParseResult, Parser } from '../types';
import { fail, HOST_TOKEN, precheck, readPri, stripLineEnd, type Pri } from './syslog-common';
import { isFailure, parse5424, type Failure } from './syslog-5424';
import { parse3164 } from './syslog-3164';
import { buildSyslog, type SyslogParts } from './syslog-event';
import { parseDeviceTime } from './syslog-time';

const ISO_AT = /^\d{4}-\d\d-\d\d[Tt]\S+ /;
const VERSION_AT = /^[1-9]\d{0,2} /;
const TAG_LIKE = /^[^\s[\]:]{1,64}(?:\[[^\]\s]*\])?:$/;

function from5424(record: string, start: number, pri: Pri | undefined, withVersion: boolean): SyslogParts | Failure {
  const h = parse5424(record, start, pri, withVersion);
  if (isFailure(h)) return h;
  return {
    record, format: 'rfc5424', pri: h.pri, version: h.version,
    timestamp: h.timestamp ?? Number.NaN, timestampAssumed: h.timestamp === null,
    host: h.hostname, app: h.app, procid: h.procid, msgid: h.msgid, sd: h.sd, sdText: h.sdText, sdMissing: h.sdMissing,
    msg: h.msg, msgOffset: h.msgOffset, bom: h.bom,
  };
}

function from3164(record: string, start: number, pri: Pri | undefined, ctx: ParseContext): SyslogParts | Failure {
  const h = parse3164(record, start, pri, { zone: ctx.timezone, receivedAt: ctx.receivedAt });
  if (isFailure(h)) return h;
  let msgOffset = h.msgOffset;
  let bom = false;
  if (record.charCodeAt(msgOffset) === 0xfeff) {
    bom = true;
    msgOffset++;
  }
  return {
    record, format: 'rfc3164', pri: h.pri, timestamp: h.timestamp, timestampAssumed: h.timestampAssumed,
    host: h.hostname, app: h.tag, procid: h.procid, msgid: null, sd: null, sdText: null,
    msg: record.slice(msgOffset), msgOffset, bom,
  };
}

/** Reads the header of a syslog record (no event built). `record` must have no line terminator. */
export function parseSyslogParts(record: string, ctx: ParseContext): SyslogParts | Failure {
  const pr = readPri(record);
  if (pr && !pr.ok) return { code: 'unparseable', reason: `syslog: ${pr.reason}` };
  const pri = pr ? pr.pri : undefined;
  const start = pr ? pr.end : 0;
  const head = record.slice(start, start + 40);
  let parts: SyslogParts | Failure;
  if (VERSION_AT.test(head) && (pri || /^\d{1,3} (?:\d{4}-|- )/.test(head))) {
    parts = from5424(record, start, pri, true);
  } else if (ISO_AT.test(head)) {
    const tokens = record.slice(start, start + 400).split(' ');
    const tagLike = tokens.length > 2 && TAG_LIKE.test(tokens[2]);
    const as5424 = tagLike ? null : from5424(record, start, pri, false);
    parts = as5424 && !isFailure(as5424) ? as5424 : from3164(record, start, pri, ctx);
  } else {
    parts = from3164(record, start, pri, ctx);
  }
  if (!isFailure(parts) && Number.isNaN(parts.timestamp)) parts.timestamp = ctx.receivedAt.getTime();
  return parts;
}

export function parseSyslog(input: string, ctx: ParseContext): ParseResult {
  const pre = precheck(input, ctx, 'syslog');
  if (pre) return pre;
  const record = stripLineEnd(input);
  const parts = parseSyslogParts(record, ctx);
  if (isFailure(parts)) return fail(parts.code, parts.reason);
  return buildSyslog(parts, ctx);
}

export interface HeaderPrefix {
  timestamp?: number;
  host?: string | null;
  app?: string | null;
  pri?: Pri;
}

const ARCSIGHT_PREFIX =
  /^(?:<(\d{1,3})>)?([A-Za-z]{3} +\d{1,2},? +\d{4} +\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(?: +([A-Za-z]{1,5}|[A-Za-z]*[+-]\d{1,2}(?::?\d{2})?))? +(\S+)$/;

/**
 * What a header before a CEF/LEEF payload tells: a syslog header (RFC 5424 or
 * 3164), the ArcSight form `MMM dd yyyy HH:mm:ss[.SSS] [zone] host`, or a bare
 * host. Timestamps with an unknown zone abbreviation are not used.
 */
export function parseHeaderPrefix(prefix: string, ctx: ParseContext): HeaderPrefix {
  const p = prefix.trim();
  if (p === '') return {};
  const a = ARCSIGHT_PREFIX.exec(p);
  if (a) {
    const t = parseDeviceTime(a[3] ? `${a[2]} ${a[3]}` : a[2], ctx.timezone, ctx.receivedAt);
    const pr = a[1] !== undefined ? readPri(`<${a[1]}>`) : null;
    return {
      ...(t.ok ? { timestamp: t.ms } : {}),
      host: HOST_TOKEN.test(a[4]) ? a[4] : null,
      ...(pr && pr.ok ? { pri: pr.pri } : {}),
    };
  }
  const parts = parseSyslogParts(p, ctx);
  if (!isFailure(parts)) {
    return {
      ...(parts.timestampAssumed ? {} : { timestamp: parts.timestamp }),
      host: parts.host,
      app: parts.app,
      ...(parts.pri ? { pri: parts.pri } : {}),
    };
  }
  return HOST_TOKEN.test(p) ? { host: p } : {};
}

const BSD_SNIFF = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} (?:\d{4} )?\d\d:\d\d:\d\d/;

export const syslogParser: Parser = {
  format: 'syslog',
  sniff(record: string): number {
    if (/^<\d{1,3}>/.test(record)) return 0.9;
    if (BSD_SNIFF.test(record)) return 0.8;
    if (/^[1-9]\d{0,2} \d{4}-\d\d-\d\dT/.test(record)) return 0.7;
    if (/^\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d) \S+ \S/.test(record)) return 0.5;
    return 0;
  },
  parse(record: string, ctx: ParseContext): ParseResult {
    try {
      return parseSyslog(record, ctx);
    } catch (e) {
      return fail('unparseable', `syslog: internal error ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};
