export const RANGE_KEYS = ['24h', '7d', '30d'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

const HOUR = 3_600_000;
const SPAN_MS: Record<RangeKey, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

export function rangeInput(key: RangeKey, now: number): { from: string; to: string } {
  return { from: new Date(now - SPAN_MS[key]).toISOString(), to: new Date(now).toISOString() };
}
