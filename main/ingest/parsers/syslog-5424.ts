/**
 * RFC 5424 header and STRUCTURED-DATA:
 * `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]`.
 * NILVALUE `-` becomes null. SD parameter values are unescaped (`\"`, `\\`,
 * `\]`; any other backslash is kept, RFC 5424 §6.3.3); a repeated parameter
 * name gives an array. A UTF-8 BOM at the start of MSG is removed and noted.
 * Lenient where harmless: several spaces between header fields, PRI or
 * VERSION absent (files written without them), SD absent (MSG directly).
 */
import { setField, type Pri } from './syslog-common';
import { parseRfc3339 } from './syslog-time';

export type SdParams = Record<string, string | string[]>;
/** SD-ID → parameters (a repeated SD-ID gets a `#2`, `#3`… suffix). */
export type StructuredData = Record<string, SdParams>;

export interface Syslog5424 {
  pri?: Pri;
  version?: number;
  /** Epoch ms, null for NILVALUE. */
  timestamp: number | null;
  hostname: string | null;
  app: string | null;
  procid: string | null;
  msgid: string | null;
  sd: StructuredData | null;
  /** The SD text as received (for messages made only of SD). */
  sdText: string | null;
  /** True when the SD field was missing altogether (MSG right after MSGID). */
  sdMissing: boolean;
  msg: string;
  /** Index of MSG in the record (after the BOM). */
  msgOffset: number;
  bom: boolean;
}

export type Failure = { code: 'unparseable' | 'invalid-timestamp'; reason: string };

const isPrint = (c: number): boolean => c >= 33 && c <= 126;

class Cursor {
  pos: number;
  constructor(
    readonly s: string,
    start: number,
  ) {
    this.pos = start;
  }
  /** Next header field (printable US-ASCII up to a space); skips the separating spaces first when `skip`. */
  token(skip: boolean): string {
    if (skip) while (this.s.charCodeAt(this.pos) === 32) this.pos++;
    const start = this.pos;
    while (this.pos < this.s.length && this.s.charCodeAt(this.pos) !== 32) this.pos++;
    return this.s.slice(start, this.pos);
  }
  col(at = this.pos): number {
    return at + 1;
  }
}

function headerField(c: Cursor, name: string, max: number): string | null | Failure {
  const start = c.pos;
  while (c.s.charCodeAt(c.pos) === 32) c.pos++;
  const at = c.pos;
  const tok = c.token(false);
  if (tok === '') return { code: 'unparseable', reason: `RFC 5424: ${name} missing (column ${c.col(start)})` };
  if (tok.length > max) return { code: 'unparseable', reason: `RFC 5424: ${name} longer than ${max} characters (column ${c.col(at)})` };
  for (let i = 0; i < tok.length; i++) {
    if (!isPrint(tok.charCodeAt(i))) {
      return { code: 'unparseable', reason: `RFC 5424: ${name} has a non-printable character (column ${c.col(at + i)})` };
    }
  }
  return tok === '-' ? null : tok;
}

const isFailure = (v: unknown): v is Failure => typeof v === 'object' && v !== null && 'code' in v && 'reason' in v;

/** SD-NAME: printable US-ASCII except `=`, space, `]`, `"`. */
function readName(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && i - pos < 64) {
    const c = s.charCodeAt(i);
    if (!isPrint(c) || c === 61 || c === 93 || c === 34) break;
    i++;
  }
  return i;
}

/** Parses `[id k="v" …][id2 …]` from `pos`; returns the map and the index after the last `]`. */
export function parseStructuredData(s: string, pos: number): { sd: StructuredData; end: number } | Failure {
  const sd: StructuredData = {};
  let i = pos;
  while (s.charCodeAt(i) === 91 /* [ */) {
    const idEnd = readName(s, i + 1);
    if (idEnd === i + 1) return { code: 'unparseable', reason: `RFC 5424: SD-ID expected (column ${i + 2})` };
    let id = s.slice(i + 1, idEnd);
    for (let n = 2; Object.prototype.hasOwnProperty.call(sd, id); n++) id = `${s.slice(i + 1, idEnd)}#${n}`;
    const params: SdParams = {};
    i = idEnd;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 93 /* ] */) {
        i++;
        break;
      }
      if (c !== 32) return { code: 'unparseable', reason: `RFC 5424: ' ' or ']' expected in SD element ${id} (column ${i + 1})` };
      while (s.charCodeAt(i) === 32) i++;
      if (s.charCodeAt(i) === 93) continue;
      const nameEnd = readName(s, i);
      if (nameEnd === i) return { code: 'unparseable', reason: `RFC 5424: PARAM-NAME expected in SD element ${id} (column ${i + 1})` };
      const name = s.slice(i, nameEnd);
      if (s.charCodeAt(nameEnd) !== 61 || s.charCodeAt(nameEnd + 1) !== 34) {
        return { code: 'unparseable', reason: `RFC 5424: '="' expected after ${name} (column ${nameEnd + 1})` };
      }
      i = nameEnd + 2;
      let value = '';
      let chunk = i;
      for (;;) {
        if (i >= s.length) return { code: 'unparseable', reason: `RFC 5424: unterminated value of ${name} in SD element ${id}` };
        const v = s.charCodeAt(i);
        if (v === 92 /* \ */) {
          const n = s.charCodeAt(i + 1);
          if (n === 34 || n === 92 || n === 93) {
            value += s.slice(chunk, i) + s[i + 1];
            i += 2;
            chunk = i;
            continue;
          }
          i++;
          continue;
        }
        if (v === 34) break;
        i++;
      }
      value += s.slice(chunk, i);
      i++;
      const prev = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
      setField(params, name, prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]);
    }
    setField(sd, id, params);
  }
  return { sd, end: i };
}

/**
 * Parses from `start` (just after `<PRI>`, or the record start when PRI is
 * absent). `withVersion` false when the record starts directly with the timestamp.
 */
export function parse5424(rec: string, start: number, pri: Pri | undefined, withVersion: boolean): Syslog5424 | Failure {
  const c = new Cursor(rec, start);
  let version: number | undefined;
  if (withVersion) {
    const v = c.token(false);
    if (!/^[1-9]\d{0,2}$/.test(v)) return { code: 'unparseable', reason: `RFC 5424: VERSION expected (column ${c.col(start)})` };
    version = Number(v);
  }
  while (rec.charCodeAt(c.pos) === 32) c.pos++;
  const tsAt = c.pos;
  const tsText = c.token(false);
  let timestamp: number | null = null;
  if (tsText !== '-') {
    const t = parseRfc3339(tsText);
    if (!t.ok) return { code: 'invalid-timestamp', reason: `RFC 5424: TIMESTAMP ${JSON.stringify(tsText.slice(0, 40))}: ${t.reason} (column ${tsAt + 1})` };
    timestamp = t.ms;
  }
  const hostname = headerField(c, 'HOSTNAME', 255);
  if (isFailure(hostname)) return hostname;
  const app = headerField(c, 'APP-NAME', 48);
  if (isFailure(app)) return app;
  const procid = headerField(c, 'PROCID', 128);
  if (isFailure(procid)) return procid;
  const msgid = headerField(c, 'MSGID', 32);
  if (isFailure(msgid)) return msgid;
  while (rec.charCodeAt(c.pos) === 32) c.pos++;
  let sd: StructuredData | null = null;
  let sdText: string | null = null;
  let sdMissing = false;
  let i = c.pos;
  const ch = rec.charCodeAt(i);
  if (ch === 45 /* - */ && (i + 1 === rec.length || rec.charCodeAt(i + 1) === 32)) {
    i++;
  } else if (ch === 91 /* [ */) {
    const r = parseStructuredData(rec, i);
    if (isFailure(r)) return r;
    sd = r.sd;
    sdText = rec.slice(i, r.end);
    i = r.end;
    if (i < rec.length && rec.charCodeAt(i) !== 32) {
      return { code: 'unparseable', reason: `RFC 5424: space expected after STRUCTURED-DATA (column ${i + 1})` };
    }
  } else if (i < rec.length) {
    sdMissing = true;
    i--;
  }
  let msgOffset = Math.min(i + 1, rec.length);
  let bom = false;
  if (rec.charCodeAt(msgOffset) === 0xfeff) {
    bom = true;
    msgOffset++;
  }
  return {
    pri, version, timestamp, hostname, app, procid, msgid, sd, sdText, sdMissing,
    msg: rec.slice(msgOffset), msgOffset, bom,
  };
}

export { isFailure };
