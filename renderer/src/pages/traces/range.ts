import { fromParisInput } from '../../parisTime';

const HOUR = 3_600_000;
export const TRACE_RANGES = ['all', '24h', '7d', '30d', 'custom'] as const;
export type TraceRange = (typeof TRACE_RANGES)[number];
const SPAN_MS: Record<'24h' | '7d' | '30d', number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

export function rangeBounds(range: TraceRange, now: number, from: string, to: string): { from?: string; to?: string } {
  if (range === 'all') return {};
  if (range === 'custom') {
    const f = fromParisInput(from);
    const t = fromParisInput(to);
    return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
  }
  return { from: new Date(now - SPAN_MS[range]).toISOString(), to: new Date(now + 60_000).toISOString() };
}
