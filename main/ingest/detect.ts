/**
 * Checks made before any parser sees a record, and the file-level decision
 * "whole document or lines". Pure functions, no parser imports.
 */
import type { ParseLimits, ParseResult } from './types';

type Failure = Extract<ParseResult, { ok: false }>;

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates, > U+10FFFF included), or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= buf.length) return i; // truncated sequence
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Null when `buf` is valid UTF-8, else a reason naming the first bad byte offset. */
export function checkUtf8(buf: Uint8Array): string | null {
  try {
    fatalDecoder.decode(buf);
    return null;
  } catch {
    const at = firstInvalidUtf8(buf);
    return `invalid UTF-8 at byte ${at < 0 ? 0 : at} (the file must be UTF-8; re-export or convert it)`;
  }
}

// Control characters that never belong in a text log (tab, LF, CR allowed).
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/; // eslint-disable-line no-control-regex

/**
 * Record-level guards, in order: over `limits.maxRecordBytes` → 'too-long';
 * nothing but whitespace → 'empty'; a NUL or more than 10 % control
 * characters → 'binary'. Null when the record may go to a parser.
 */
export function recordGuard(record: string, limits: ParseLimits): Failure | null {
  const max = limits.maxRecordBytes;
  if (record.length > max || (record.length * 3 > max && Buffer.byteLength(record, 'utf8') > max)) {
    return {
      ok: false,
      code: 'too-long',
      reason: `record of ${Buffer.byteLength(record, 'utf8')} bytes is over the limit of ${max} bytes`,
    };
  }
  if (!/\S/.test(record)) return { ok: false, code: 'empty', reason: 'empty record (whitespace only)' };
  if (CONTROL.test(record)) {
    let controls = 0;
    for (let i = 0; i < record.length; i++) {
      const c = record.charCodeAt(i);
      if (c === 0) {
        return { ok: false, code: 'binary', reason: `NUL byte at character ${i + 1}: binary data, not a text log` };
      }
      if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) controls++;
    }
    if (controls * 10 > record.length) {
      return {
        ok: false,
        code: 'binary',
        reason: `${controls} control characters in ${record.length}: binary data, not a text log`,
      };
    }
  }
  return null;
}

export type DocumentKind = 'fhir-document' | 'atna-document' | 'csv' | 'lines';

const FHIR_TYPE = /"resourceType"\s*:\s*"(?:AuditEvent|Bundle)"/;
const CSV_HEADER_FIELD = /^\s*"?[\p{L}_][\p{L}\p{N} _.\-/()#@']{0,63}"?\s*$/u;
const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;

function splitSimple(line: string, d: string): string[] {
  return line.split(d);
}

/** A first line of ≥ 3 name-like cells, and a second line with as many delimiters. */
function looksLikeCsv(first: string, second: string | undefined): boolean {
  for (const d of CSV_DELIMITERS) {
    const names = splitSimple(first, d);
    if (names.length < 3 || !names.every((n) => CSV_HEADER_FIELD.test(n))) continue;
    if (second === undefined || second.trim() === '') return true;
    if (splitSimple(second, d).length >= names.length) return true;
  }
  return false;
}

/**
 * Decides how a file is read, from its first bytes (decoded head):
 * - `fhir-document`: JSON starting with `{` whose `resourceType` is AuditEvent
 *   or Bundle and that spans several lines (pretty-printed), or one line
 *   longer than the head — parsed whole by the FHIR parser;
 * - `atna-document`: XML (`<?xml`, `<AuditMessage`, any `<tag`, `<!DOCTYPE`
 *   so that it is rejected by the ATNA parser with 'dtd-forbidden');
 * - `csv`: a header row of ≥ 3 name-like cells (`;`, `,`, tab or `|`) — needs a
 *   saved column mapping to be imported;
 * - `lines`: everything else (syslog, CEF, LEEF, JSON lines, FHIR ndjson,
 *   access logs), one record per line with per-line auto-detection.
 */
export function detectDocumentFormat(head: string): DocumentKind {
  const text = head.replace(/^\uFEFF/, '').replace(/^\s+/, '');
  if (/^<(?:\?xml|!DOCTYPE|[A-Za-z_])/i.test(text)) return 'atna-document';
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (text.startsWith('{')) {
    if (!FHIR_TYPE.test(text)) return 'lines';
    if (nl < 0) return 'fhir-document';
    try {
      JSON.parse(first);
      return 'lines'; // the first line is a whole resource: ndjson
    } catch {
      return 'fhir-document';
    }
  }
  if (/^[[<]/.test(first) || first === '') return 'lines';
  const rest = nl < 0 ? '' : text.slice(nl + 1);
  const nl2 = rest.indexOf('\n');
  const second = nl < 0 ? undefined : (nl2 < 0 ? rest : rest.slice(0, nl2)).replace(/\r$/, '');
  return looksLikeCsv(first, second) ? 'csv' : 'lines';
}
