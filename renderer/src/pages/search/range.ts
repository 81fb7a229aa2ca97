/** Relative windows offered by the picker (date math understood by the engine). */
export const RELATIVE_RANGES = ['15m', '1h', '24h', '7d', '30d', '90d'] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/**
 * The time range of a search, as the engine reads it: `from`/`to` are date math
 * (`now-24h`, `now`) for a relative range, ISO instants for an absolute one.
 */
export type SearchRange = { kind: 'relative'; key: RelativeRange } | { kind: 'absolute'; from: string; to: string };

export const DEFAULT_RANGE: SearchRange = { kind: 'relative', key: '24h' };

export function rangeExpr(range: SearchRange): { from: string; to: string } {
  return range.kind === 'relative' ? { from: `now-${range.key}`, to: 'now' } : { from: range.from, to: range.to };
}

/** Reads back what `rangeExpr` wrote (links, saved searches); anything else the engine accepts is absolute. */
export function parseRange(from: string | null | undefined, to: string | null | undefined): SearchRange | null {
  if (!from) return null;
  const m = /^now-(\w+)$/.exec(from);
  if (m && (to ?? 'now') === 'now' && (RELATIVE_RANGES as readonly string[]).includes(m[1])) {
    return { kind: 'relative', key: m[1] as RelativeRange };
  }
  return { kind: 'absolute', from, to: to || 'now' };
}
