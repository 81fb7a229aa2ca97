/**
 * Hardened XML reading for ATNA / DICOM audit messages.
 *
 * Order of the guards, all before any XML parser runs:
 * 1. size (`limits.maxRecordBytes`) → `too-long`;
 * 2. any `<!DOCTYPE` or `<!ENTITY` anywhere → `dtd-forbidden`: DTDs and entities are never
 *    resolved, so external entities (XXE) and entity expansion (billion laughs) cannot happen;
 * 3. element nesting measured by a linear scan → `too-deep`;
 * 4. well-formedness (fast-xml-parser's validator, iterative) → `unparseable` with line:column.
 * Then fast-xml-parser with `processEntities: false`; only the five predefined entities and
 * numeric character references are decoded, by `decodeXml`, one pass, no recursion.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParseContext } from '../types';
import { fail, overByteLimit, type Failure } from './json-safe';

export type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set([
  'AuditMessage', 'ActiveParticipant', 'ParticipantObjectIdentification', 'EventTypeCode', 'PurposeOfUse', 'RoleIDCode',
  'AuditSourceIdentification', 'AuditSourceTypeCode', 'ParticipantObjectDetail', 'ParticipantObjectDescription',
]);

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;

/** Position of the first element deeper than `maxDepth`, or null. Linear; comments, CDATA, PIs skipped. */
export function xmlDepthExceeded(text: string, maxDepth: number): number | null {
  let depth = 0;
  let i = 0;
  const n = text.length;
  const skipTo = (from: number, end: string): number => {
    const at = text.indexOf(end, from);
    return at < 0 ? n : at + end.length;
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (text.startsWith('<!--', lt)) i = skipTo(lt + 4, '-->');
    else if (text.startsWith('<![CDATA[', lt)) i = skipTo(lt + 9, ']]>');
    else if (next === 0x3f /* ? */) i = skipTo(lt + 2, '?>');
    else if (next === 0x21 /* ! */) i = skipTo(lt + 2, '>');
    else if (next === 0x2f /* / */) {
      depth = Math.max(0, depth - 1);
      i = skipTo(lt + 2, '>');
    } else {
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
      if (j >= n) break;
      if (text.charCodeAt(j - 1) !== 0x2f) {
        depth++;
        if (depth > maxDepth) return lt;
      }
      i = j + 1;
    }
  }
  return null;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric references; anything else stays literal. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!Number.isFinite(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) return whole;
    return String.fromCodePoint(cp);
  });
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/** All guards, then the parse. Never throws. */
export function parseXmlSafely(text: string, ctx: ParseContext): { ok: true; doc: XmlNode } | Failure {
  if (text.trim() === '') return fail('empty', 'Empty XML document');
  if (overByteLimit(text, ctx.limits.maxRecordBytes)) {
    return fail('too-long', `XML document over ${ctx.limits.maxRecordBytes} bytes (${text.length} characters)`);
  }
  const dtd = DTD.exec(text);
  if (dtd) {
    return fail(
      'dtd-forbidden',
      `XML with a <!${dtd[1].toUpperCase()} declaration at ${lineCol(text, dtd.index)}: DTDs and entities are refused, never resolved (no external entity, no entity expansion)`,
    );
  }
  const deep = xmlDepthExceeded(text, ctx.limits.maxDepth);
  if (deep !== null) return fail('too-deep', `XML nesting deeper than ${ctx.limits.maxDepth} elements at ${lineCol(text, deep)}`);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return fail('unparseable', `Malformed XML at line ${line}, column ${col}: ${msg}`.slice(0, 300));
  }
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      removeNSPrefix: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: ctx.limits.maxDepth + 1,
      isArray: (name: string) => ARRAY_TAGS.has(name),
    });
    const doc: unknown = parser.parse(text);
    if (typeof doc !== 'object' || doc === null) return fail('unparseable', 'XML document without elements');
    return { ok: true, doc: doc as XmlNode };
  } catch (e) {
    return fail('unparseable', `XML parse error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
  }
}

/** Every `AuditMessage` element of the document (root, or wrapped in any container), in order. */
export function findAuditMessages(doc: XmlNode): XmlNode[] {
  const found: XmlNode[] = [];
  const queue: unknown[] = [doc];
  for (let head = 0; head < queue.length && head < 1_000_000; head++) {
    const node = queue[head];
    if (Array.isArray(node)) {
      for (const item of node) queue.push(item);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'AuditMessage') {
        for (const m of Array.isArray(value) ? value : [value]) found.push(typeof m === 'object' && m !== null ? (m as XmlNode) : {});
      } else if (!key.startsWith('@_') && typeof value === 'object') queue.push(value);
    }
  }
  return found;
}

/** End (index after `>`) of the tag starting at `lt`, skipping quoted attribute values; -1 if unclosed. */
function tagEnd(text: string, lt: number): number {
  let quote = 0;
  for (let j = lt + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j + 1;
  }
  return -1;
}

/**
 * The verbatim text of each `<AuditMessage>…</AuditMessage>` (or self-closed element), found by one
 * linear scan; undefined when they cannot be delimited exactly (then the caller keeps the whole text).
 */
export function auditMessageSlices(text: string, expected: number): string[] | undefined {
  const re = /<(\/?)(?:[A-Za-z_][\w.-]*:)?AuditMessage(?=[\s>/])/g;
  const slices: string[] = [];
  let start = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = tagEnd(text, m.index);
    if (end < 0) return undefined;
    if (m[1] === '/') {
      if (start < 0) return undefined;
      slices.push(text.slice(start, end));
      start = -1;
    } else {
      if (start >= 0) return undefined;
      if (text.charCodeAt(end - 2) === 0x2f) slices.push(text.slice(m.index, end));
      else start = m.index;
    }
    re.lastIndex = end;
  }
  return start < 0 && slices.length === expected ? slices : undefined;
}
