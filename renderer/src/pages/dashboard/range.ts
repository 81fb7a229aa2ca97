import { fromParisInput } from '../../parisTime';

export const RANGE_KEYS = ['24h', '7d', '30d', 'custom'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

/** The dashboard's period: a sliding window, or dates typed in Europe/Paris time (`datetime-local` values). */
export interface DashboardRange {
  key: RangeKey;
  from: string;
  to: string;
}

const HOUR = 3_600_000;
const SPAN_MS: Record<Exclude<RangeKey, 'custom'>, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

/** `dashboard.summary` input; null while custom dates are incomplete or reversed. */
export function rangeInput(range: DashboardRange, now: number): { from: string; to: string } | null {
  if (range.key !== 'custom') return { from: new Date(now - SPAN_MS[range.key]).toISOString(), to: new Date(now).toISOString() };
  const from = fromParisInput(range.from);
  const to = range.to ? fromParisInput(range.to) : new Date(now).toISOString();
  if (!from || !to || Date.parse(from) >= Date.parse(to)) return null;
  return { from, to };
}
