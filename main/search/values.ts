/**
 * Value helpers of the compiler: LIKE patterns, FTS5 strings, typed values
 * (severity names, booleans, numbers) and IPv4 CIDR prefixes.
 */
import { SEVERITIES } from '../api/contract';
import type { Piece } from './lexer';

/** LIKE pattern (ESCAPE '\') of wildcard pieces; `contains` wraps it in `%…%`. */
export function likePattern(pieces: readonly Piece[], contains = false): string {
  const body = pieces
    .map((p) => (p.kind === 'star' ? '%' : p.kind === 'qmark' ? '_' : p.text.replace(/[\\%_]/g, (c) => `\\${c}`)))
    .join('');
  return contains ? `%${body}%` : body;
}

export const hasWildcard = (pieces: readonly Piece[]) => pieces.some((p) => p.kind !== 'lit');
export const onlyStars = (pieces: readonly Piece[]) => pieces.length > 0 && pieces.every((p) => p.kind === 'star');
const TOKEN_CHAR = /[\p{L}\p{N}]/u;

/** A user string as an FTS5 string literal: every character is literal, `"` doubled. Never an operator. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * FTS5 query for one free-text word or phrase, or null when the full-text
 * index cannot answer it (no letter/digit to look up, or a wildcard other
 * than one trailing `*`): the caller then falls back to LIKE.
 */
export function ftsTerm(pieces: readonly Piece[]): string | null {
  const last = pieces[pieces.length - 1];
  const prefix = last?.kind === 'star';
  const body = prefix ? pieces.slice(0, -1) : pieces;
  if (body.some((p) => p.kind !== 'lit')) return null;
  const text = body.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
  if (!TOKEN_CHAR.test(text)) return null;
  // A prefix query needs the last character to be part of a token ("dr.*" would be a prefix on "").
  if (prefix && !TOKEN_CHAR.test(text[text.length - 1])) return null;
  return prefix ? `${ftsString(text)} *` : ftsString(text);
}

const SEVERITY_NAMES: Record<string, number> = {
  information: 0,
  faible: 1,
  bas: 1,
  basse: 1,
  moyen: 2,
  moyenne: 2,
  haut: 3,
  haute: 3,
  elevee: 3,
  eleve: 3,
  critique: 4,
};

/** `high`, `élevée`, `3` → 3; undefined when not a severity. */
export function severityValue(text: string): number | undefined {
  const t = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  const i = (SEVERITIES as readonly string[]).indexOf(t);
  if (i >= 0) return i;
  if (t in SEVERITY_NAMES) return SEVERITY_NAMES[t];
  return /^[0-4]$/.test(t) ? Number(t) : undefined;
}

export function boolValue(text: string): 0 | 1 | undefined {
  const t = text.toLowerCase();
  if (['true', '1', 'yes', 'oui', 'vrai'].includes(t)) return 1;
  if (['false', '0', 'no', 'non', 'faux'].includes(t)) return 0;
  return undefined;
}

export function intValue(text: string): number | undefined {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
}

export function numberValue(text: string): number | undefined {
  return /^-?\d{1,15}(\.\d{1,10})?$/.test(text) ? Number(text) : undefined;
}

/**
 * IPv4 CIDR → the LIKE prefixes and exact addresses matching exactly the block
 * (`10.38.0.0/16` → prefix `10.38.`; `10.38.16.0/20` → 16 prefixes `10.38.16.` … `10.38.31.`;
 * `10.0.0.8/30` → 4 exact addresses); undefined when not a CIDR.
 */
export function cidrPatterns(text: string): { exact: string[]; prefixes: string[] } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  if (bits === 32) return { exact: [octets.join('.')], prefixes: [] };
  const whole = Math.floor(bits / 8);
  const rest = bits % 8;
  const head = octets.slice(0, whole).map((o) => `${o}.`).join('');
  if (rest === 0) return { exact: [], prefixes: [head] };
  const size = 2 ** (8 - rest);
  const first = octets[whole] & (256 - size);
  const values = Array.from({ length: size }, (_, k) => `${head}${first + k}`);
  return whole === 3 ? { exact: values, prefixes: [] } : { exact: [], prefixes: values.map((v) => `${v}.`) };
}

