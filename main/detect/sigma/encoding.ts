/**
 * Value transformations of the Sigma 2.1 modifiers appendix: base64,
 * base64offset, utf16le / utf16be / utf16 / wide and windash. Encoded values
 * are "byte strings" (one char per byte, 0–255) so they chain with base64;
 * the output of base64 is plain text again.
 */
import { RuleError } from './types';
import { type Part, hasWildcard, normalize } from './values';

/** A value flowing through the modifier chain. */
export interface StrValue {
  parts: Part[];
  /** True when each char is one byte (after the utf16 and wide modifiers). */
  bytes: boolean;
}

function toBuffer(v: StrValue, mod: string): Buffer {
  if (hasWildcard(v.parts)) throw new RuleError('modifier-invalid', `|${mod} cannot encode a value containing wildcards (* or ?)`);
  const s = v.parts.join('');
  return Buffer.from(s, v.bytes ? 'latin1' : 'utf8');
}

export function base64(v: StrValue): StrValue {
  return { parts: normalize([toBuffer(v, 'base64').toString('base64')]), bytes: false };
}

/**
 * The three encodings of a value shifted by 0, 1 and 2 bytes inside a larger
 * base64 text, with the characters that depend on the neighbours removed
 * (same offsets as the reference implementation, pySigma).
 */
export function base64offset(v: StrValue): StrValue[] {
  const buf = toBuffer(v, 'base64offset');
  const starts = [0, 2, 3];
  const ends = [0, 3, 2];
  const out: StrValue[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), buf]).toString('base64');
    const cut = ends[(buf.length + i) % 3];
    out.push({ parts: normalize([enc.slice(starts[i], cut ? enc.length - cut : enc.length)]), bytes: false });
  }
  return out;
}

function mapLiterals(v: StrValue, f: (s: string) => string): StrValue {
  return { parts: normalize(v.parts.map((p) => (typeof p === 'string' ? f(p) : p))), bytes: true };
}

function utf16Units(s: string, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += littleEndian ? String.fromCharCode(c & 0xff, c >> 8) : String.fromCharCode(c >> 8, c & 0xff);
  }
  return out;
}

function textOf(v: StrValue, mod: string): StrValue {
  if (v.bytes) throw new RuleError('modifier-invalid', `|${mod} applied to an already encoded value`);
  return v;
}

export function utf16le(v: StrValue, mod = 'utf16le'): StrValue {
  return mapLiterals(textOf(v, mod), (s) => utf16Units(s, true));
}

export function utf16be(v: StrValue): StrValue {
  return mapLiterals(textOf(v, 'utf16be'), (s) => utf16Units(s, false));
}

/** Byte order mark FF FE, then UTF-16 little endian. */
export function utf16(v: StrValue): StrValue {
  const le = utf16le(v, 'utf16');
  return { parts: normalize(['\xff\xfe', ...le.parts]), bytes: true };
}

/** The characters `windash` makes interchangeable. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
/** A dash-like character at the start of a word (not preceded by a word char, followed by one). */
const WINDASH_AT = /(?<!\w)[-/\u2013\u2014\u2015](?=\w)/g;

/** All permutations of the dash-like characters that start a word (command-line flags). */
export function windash(v: StrValue, maxExpansion: number): StrValue[] {
  // Split every literal into pieces around flag characters; `null` marks a flag position.
  const pieces: (Part | null)[] = [];
  for (const p of v.parts) {
    if (typeof p !== 'string') {
      pieces.push(p);
      continue;
    }
    let last = 0;
    for (const m of p.matchAll(WINDASH_AT)) {
      pieces.push(p.slice(last, m.index));
      pieces.push(null);
      last = (m.index ?? 0) + 1;
    }
    pieces.push(p.slice(last));
  }
  const slots = pieces.filter((x) => x === null).length;
  const total = WINDASH_CHARS.length ** slots;
  if (total > maxExpansion) {
    throw new RuleError('too-large', `|windash would expand one value into ${total} variants (limit ${maxExpansion})`);
  }
  const out: StrValue[] = [];
  for (let n = 0; n < total; n++) {
    let k = n;
    const parts: Part[] = [];
    for (const x of pieces) {
      if (x === null) {
        parts.push(WINDASH_CHARS[k % WINDASH_CHARS.length]);
        k = Math.floor(k / WINDASH_CHARS.length);
      } else parts.push(x);
    }
    out.push({ parts: normalize(parts), bytes: v.bytes });
  }
  return out;
}

