/** File names of evidence: safe to show, store and later write to disk on any OS. */
import { CONTROL_CHARS } from '../model';

/** Names Windows reserves for devices, with or without an extension (`NUL.txt`). */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
export const MAX_NAME_BYTES = 200;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts `s` (by code points) to at most `bytes` UTF-8 bytes. */
function cut(s: string, bytes: number): string {
  let out = '';
  for (const ch of s) {
    if (utf8Length(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * Sanitises an uploaded file name: keeps the last path segment (`/` or `\`),
 * removes control and bidi characters, replaces characters Windows forbids,
 * drops leading dots and trailing dots/spaces, prefixes reserved device names
 * with `_`, and limits the result to 200 UTF-8 bytes, extension kept.
 */
export function sanitizeFileName(name: string, maxBytes = MAX_NAME_BYTES): string {
  let n = name.normalize('NFC').replace(CONTROL_CHARS, '');
  n = n.split(/[\\/]/).pop() ?? '';
  n = n.replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ');
  n = n.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (!n) n = 'preuve';
  if (RESERVED.test(n.split('.')[0].trim())) n = `_${n}`;
  if (utf8Length(n) <= maxBytes) return n;
  const dot = n.lastIndexOf('.');
  const ext = dot > 0 && n.length - dot <= 16 ? n.slice(dot) : '';
  const stem = ext ? n.slice(0, dot) : n;
  return (cut(stem, maxBytes - utf8Length(ext)).replace(/[\s.]+$/, '') || 'preuve') + ext;
}
