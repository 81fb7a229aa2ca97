/**
 * RFC 3164 (BSD syslog): `[<PRI>]TIMESTAMP SP HOSTNAME SP TAG[pid]: MSG`.
 *
 * - TIMESTAMP `Mmm dd hh:mm:ss` (day space-padded), read in the source's IANA
 *   zone (`ctx.timezone`), the year inferred from `ctx.receivedAt`. Tolerated
 *   variants: a fraction (`.123`), a year before the time (`Mmm dd yyyy hh:mm:ss`,
 *   Cisco), an RFC 3339 timestamp (rsyslog's file format).
 * - HOSTNAME missing (RFC 3164 §4.3): when the token after the timestamp is
 *   already a `tag[pid]:`, the host is left empty; `host:` alone is a host
 *   without a tag (syslogd's "last message repeated" lines), as jc reads it.
 * - TAG: up to 64 characters without space, `[`, `]` or `:`, an optional
 *   `[pid]`, then `:`. Without that colon there is no TAG (RFC example 2,
 *   "Use the BFG!", is all MSG).
 * - A valid PRI without a recognisable TIMESTAMP: the relay rule of RFC 3164
 *   §4.3.2 applies — the time of reception is used, and everything after the
 *   PRI is the message.
 */
import { HOST_TOKEN, type Pri } from './syslog-common';
import { inferYear, MONTHS, parseRfc3339, wallToUtc, type TimeResult } from './syslog-time';
import type { Failure } from './syslog-5424';

export interface Syslog3164 {
  pri?: Pri;
  timestamp: number;
  /** True when the record had no TIMESTAMP and the reception time was used. */
  timestampAssumed: boolean;
  hostname: string | null;
  tag: string | null;
  procid: string | null;
  /** Index in the record where the content after the host starts (TAG included). */
  contentOffset: number;
  msg: string;
  msgOffset: number;
}

export interface Time3164Options {
  zone: string;
  receivedAt: Date;
}

const BSD_TIME = /([A-Za-z]{3}) {1,2}(\d{1,2}) (?:(\d{4}) )?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?= |$)/y;
const ISO_START = /\d{4}-\d\d-\d\d[Tt]\S+/y;
const TAG = /([^\s[\]:]{1,64})(?:\[([^\]\s]{0,32})\])?:(?: |$)/y;
const TAG_ONLY = /^[^\s[\]:]{1,64}\[[^\]\s]{0,32}\]:$/;

/** Reads a timestamp at `pos`: null when there is none, a failure when it is there but invalid. */
export function readBsdTime(
  s: string,
  pos: number,
  o: Time3164Options,
): { ms: number; end: number } | { failure: string; at: number } | null {
  BSD_TIME.lastIndex = pos;
  const m = BSD_TIME.exec(s);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    if (!month) return null;
    const end = BSD_TIME.lastIndex;
    const zone = o.zone;
    const t = {
      month, day: Number(m[2]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]),
      ms: m[7] ? Number((m[7] + '00').slice(0, 3)) : 0,
    };
    const r: TimeResult = m[3] ? wallToUtc({ ...t, year: Number(m[3]) }, zone) : inferYear(t, zone, o.receivedAt);
    return r.ok ? { ms: r.ms, end } : { failure: `TIMESTAMP ${JSON.stringify(m[0])}: ${r.reason}`, at: pos };
  }
  ISO_START.lastIndex = pos;
  const iso = ISO_START.exec(s);
  if (iso) {
    const r = parseRfc3339(iso[0], 9);
    return r.ok ? { ms: r.ms, end: ISO_START.lastIndex } : { failure: `TIMESTAMP ${JSON.stringify(iso[0].slice(0, 40))}: ${r.reason}`, at: pos };
  }
  return null;
}

/** Splits `TAG[pid]: MSG` at `pos`. */
export function readTag(s: string, pos: number): { tag: string | null; procid: string | null; msgOffset: number } {
  TAG.lastIndex = pos;
  const m = TAG.exec(s);
  if (!m) return { tag: null, procid: null, msgOffset: pos };
  return { tag: m[1], procid: m[2] === undefined || m[2] === '' ? null : m[2], msgOffset: TAG.lastIndex };
}

/**
 * Parses from `start` (after `<PRI>` or 0). A CEF/LEEF payload right after the
 * host (or the timestamp) is not split as a TAG.
 */
export function parse3164(rec: string, start: number, pri: Pri | undefined, o: Time3164Options): Syslog3164 | Failure {
  const t = readBsdTime(rec, start, o);
  if (t && 'failure' in t) return { code: 'invalid-timestamp', reason: `RFC 3164: ${t.failure} (column ${t.at + 1})` };
  if (!t) {
    if (!pri) return { code: 'unparseable', reason: 'syslog: neither <PRI> nor a timestamp at column 1' };
    const tag = readTag(rec, start);
    return {
      pri, timestamp: o.receivedAt.getTime(), timestampAssumed: true, hostname: null,
      tag: tag.tag, procid: tag.procid, contentOffset: start, msg: rec.slice(tag.msgOffset), msgOffset: tag.msgOffset,
    };
  }
  let i = t.end;
  while (rec.charCodeAt(i) === 32) i++;
  let hostEnd = i;
  while (hostEnd < rec.length && rec.charCodeAt(hostEnd) !== 32) hostEnd++;
  const token = rec.slice(i, hostEnd);
  let hostname: string | null = null;
  let contentOffset = i;
  if (token !== '' && !TAG_ONLY.test(token) && !/^(?:CEF|LEEF):\d/.test(token)) {
    const bare = token.endsWith(':') ? token.slice(0, -1) : token;
    if (HOST_TOKEN.test(bare)) {
      hostname = bare;
      contentOffset = hostEnd;
      while (rec.charCodeAt(contentOffset) === 32) contentOffset++;
      if (token.endsWith(':')) {
        return {
          pri, timestamp: t.ms, timestampAssumed: false, hostname, tag: null, procid: null,
          contentOffset, msg: rec.slice(contentOffset), msgOffset: contentOffset,
        };
      }
    }
  }
  const tag = /^(?:CEF|LEEF):\d/.test(rec.slice(contentOffset, contentOffset + 8))
    ? { tag: null, procid: null, msgOffset: contentOffset }
    : readTag(rec, contentOffset);
  return {
    pri, timestamp: t.ms, timestampAssumed: false, hostname, tag: tag.tag, procid: tag.procid,
    contentOffset, msg: rec.slice(tag.msgOffset), msgOffset: tag.msgOffset,
  };
}
