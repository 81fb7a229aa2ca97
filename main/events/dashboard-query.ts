/**
 * Search queries carried by dashboard panel elements, written in the search
 * language (main/search/README.md): `field:"value"`, `AND`/`OR`/`NOT`,
 * `_exists_:field`, and time windows `@timestamp:[from TO to}` (inclusive
 * start, exclusive end, ISO instants in UTC). Each query reproduces its
 * element exactly when run over a range that contains its window.
 */

/** Limits of the search language (main/search/parser.ts): longer queries are refused there. */
export const MAX_QUERY_LENGTH = 4000;

/** `"value"` with `"` and `\` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** ISO instant without milliseconds when they are zero. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** `@timestamp:[from TO to}`. */
export function timeWindow(from: number, to: number): string {
  return `@timestamp:[${isoInstant(from)} TO ${isoInstant(to)}}`;
}

/** `field:"value"`, or `NOT _exists_:field` for an absent value (null or ''). */
export function equals(field: string, value: string | null): string {
  return value === null || value === '' ? `NOT _exists_:${field}` : `${field}:${quote(value)}`;
}

/** Conjunction of the non-empty parts; a disjunction inside must come parenthesised (see `anyOf`). */
export function and(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' AND ');
}

/** `(a OR b OR …)`; a single part as is. */
export function anyOf(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

export const HAS_PATIENT = '_exists_:health.patient.pseudonym';
export const AUTH_FAILURE = 'event.category:authentication AND event.outcome:failure';
export const BREAK_GLASS = 'health.break_glass:true';
