/**
 * CEF header and extension syntax (ArcSight "Implementing ArcSight CEF"):
 *
 * - header fields separated by `|`, escapes `\|` and `\\`;
 * - extension `key=value` pairs separated by spaces; a value runs up to the
 *   space before the next `key=` (so values may hold spaces), `=` inside a
 *   value is escaped `\=`. A key starts the record or follows whitespace and is
 *   made of letters, digits, `_`, `.`, `-` (vendor keys like `Auth.NAS-Port`).
 * - value escapes: `\\` `\=` → the character, `\n` `\r` → line breaks; a
 *   backslash before other punctuation (`\|`, `\"`, `\]`) is dropped as jc and
 *   most consumers do; before another letter or digit it is kept, so Windows
 *   paths (`C:\Users\trend`) survive.
 * - custom fields: `cs1`/`cs1Label`, `cn2`/`cn2Label`, `deviceCustomDate1`/…Label,
 *   and any `X` with an `XLabel`: the value is stored under the label's text.
 */
import { setField } from './syslog-common';

export interface CefHeader {
  version: string;
  vendor: string;
  product: string;
  deviceVersion: string;
  classId: string;
  name: string;
  severity: string;
  /** Index in the input where the extension starts. */
  extensionAt: number;
}

/** Splits the 7 header fields after `CEF:` (at `start`); null when fewer than 6 separators. */
export function splitCefHeader(s: string, start: number): CefHeader | null {
  const fields: string[] = [];
  let cur = '';
  let i = start;
  while (i < s.length && fields.length < 7) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */ && (s.charCodeAt(i + 1) === 124 || s.charCodeAt(i + 1) === 92)) {
      cur += s[i + 1];
      i += 2;
      continue;
    }
    if (c === 124 /* | */) {
      fields.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += s[i];
    i++;
  }
  if (fields.length < 7) {
    if (fields.length !== 6) return null;
    fields.push(cur);
  }
  const [version, vendor, product, deviceVersion, classId, name, severity] = fields;
  return { version, vendor, product, deviceVersion, classId, name, severity, extensionAt: i };
}

/** Letters, digits, `_`, `.`, `-`. */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** Space, tab, CR, LF. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export function unescapeCefValue(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[i + 1];
    if (n === 'n') out += '\n';
    else if (n === 'r') out += '\r';
    else if (/[A-Za-z0-9]/.test(n)) out += c + n;
    else out += n;
    i++;
  }
  return out;
}

export interface CefExtension {
  /** key → unescaped value, custom fields renamed by their label. */
  fields: Record<string, string>;
  /** Text before the first `key=` (not part of any pair), if any. */
  leading?: string;
}

/** Parses the extension; bounded work: one pass to find keys, one to cut values. */
export function parseCefExtension(ext: string): CefExtension {
  const keys: { start: number; eq: number }[] = [];
  for (let i = 0; i < ext.length; i++) {
    const c = ext.charCodeAt(i);
    if (c === 92) {
      i++;
      continue;
    }
    if (c !== 61 /* = */) continue;
    let k = i;
    while (k > 0 && isKeyChar(ext.charCodeAt(k - 1)) && i - k < 128) k--;
    if (k === i) continue;
    if (k > 0 && !isSpace(ext.charCodeAt(k - 1))) continue;
    if (keys.length > 0 && k <= keys[keys.length - 1].eq) continue;
    keys.push({ start: k, eq: i });
  }
  const raw: [string, string][] = [];
  for (let j = 0; j < keys.length; j++) {
    const end = j + 1 < keys.length ? keys[j + 1].start : ext.length;
    raw.push([ext.slice(keys[j].start, keys[j].eq), unescapeCefValue(ext.slice(keys[j].eq + 1, end).trim())]);
  }
  const pairs = new Map<string, string>(raw);
  const fields: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k.endsWith('Label') && pairs.has(k.slice(0, -'Label'.length))) continue;
    const label = pairs.get(`${k}Label`);
    const name = label !== undefined && label !== '' && !pairs.has(label) ? label : k;
    setField(fields, name, v);
  }
  const leading = keys.length > 0 ? ext.slice(0, keys[0].start).trim() : ext.trim();
  return leading ? { fields, leading } : { fields };
}
