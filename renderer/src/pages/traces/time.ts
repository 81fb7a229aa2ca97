import { DISPLAY_TIME_ZONE } from '../../i18n/format';

const HOUR = 3_600_000;
export const TRACE_RANGES = ['all', '24h', '7d', '30d', 'custom'] as const;
export type TraceRange = (typeof TRACE_RANGES)[number];
const SPAN_MS: Record<'24h' | '7d' | '30d', number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of the display zone at instant `ms` (wall clock minus UTC), in ms. */
function zoneOffset(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * A `datetime-local` value read as Europe/Paris wall-clock time (the console's
 * display zone, whatever the machine's), as an ISO instant; null when empty or invalid.
 */
export function parisLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // Two passes settle the offset on both sides of a daylight-saving change.
  let utc = wall - zoneOffset(wall);
  utc = wall - zoneOffset(utc);
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

export function rangeBounds(range: TraceRange, now: number, from: string, to: string): { from?: string; to?: string } {
  if (range === 'all') return {};
  if (range === 'custom') {
    const f = parisLocalToIso(from);
    const t = parisLocalToIso(to);
    return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
  }
  return { from: new Date(now - SPAN_MS[range]).toISOString(), to: new Date(now + 60_000).toISOString() };
}
