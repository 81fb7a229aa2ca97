/**
 * Time modifiers (`|minute |hour |day |week |month |year`, Sigma 2.1): a date
 * field is turned into a number in the configured IANA zone (Europe/Paris by
 * default), so `@timestamp|hour|lt: 7` means "before 07:00 local time" on both
 * sides of a daylight-saving change. `week` is the ISO week number (1–53).
 */
import { DateTime } from 'luxon';

export const TIME_MODIFIERS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type TimePart = (typeof TIME_MODIFIERS)[number];

/** Milliseconds of a date value: Date, ISO 8601 text, epoch ms number. NaN if unreadable. */
export function dateMs(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{10,13}$/.test(t)) return t.length === 13 ? Number(t) : Number(t) * 1000;
    return Date.parse(t);
  }
  return Number.NaN;
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** Extractor of one calendar component in `zone`. */
export function timePart(part: TimePart, zone: string): (ms: number) => number {
  return (ms) => {
    if (!Number.isFinite(ms)) return Number.NaN;
    const d = DateTime.fromMillis(ms, { zone });
    switch (part) {
      case 'minute':
        return d.minute;
      case 'hour':
        return d.hour;
      case 'day':
        return d.day;
      case 'week':
        return d.weekNumber;
      case 'month':
        return d.month;
      case 'year':
        return d.year;
    }
  };
}
