/**
 * Timestamps of Apache/Nginx access logs: `%t` = `[10/Oct/2000:13:55:36 -0700]`
 * (also without brackets, with a fraction, or without an offset — then read in
 * the source's IANA zone), and Nginx `$time_iso8601`. Always returns UTC.
 */
import { DateTime } from 'luxon';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const CLF = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:\s+([+-])(\d{2}):?(\d{2}))?$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Accepted range: 1970 → 2200 (anything else is a corrupt or hostile line). */
const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(2201, 0, 1);

export type AccessTime = { ok: true; date: Date } | { ok: false; reason: string };

function bad(why: string): AccessTime {
  return { ok: false, reason: why };
}

function checked(ms: number): AccessTime {
  if (!Number.isFinite(ms)) return bad('invalid date');
  if (ms < MIN_MS || ms >= MAX_MS) return bad('date out of range (1970–2200)');
  return { ok: true, date: new Date(ms) };
}

/** Reads the content of `%t` (without the brackets). */
export function parseAccessTime(text: string, zone: string): AccessTime {
  const m = CLF.exec(text);
  if (m) {
    const [, d, mon, y, h, mi, s, frac = '', sign, oh, om] = m;
    const month = MONTHS[mon.toLowerCase()];
    if (!month) return bad(`unknown month name (expected Jan…Dec)`);
    const day = Number(d);
    const year = Number(y);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Math.min(Number(s), 59); // a leap second is folded into :59
    const ms = Number((frac + '000').slice(0, 3));
    if (hour > 23 || minute > 59 || Number(s) > 60) return bad('hour, minute or second out of range');
    if (sign !== undefined) {
      const offH = Number(oh);
      const offM = Number(om);
      if (offH > 18 || offM > 59) return bad('time-zone offset out of range');
      const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
      const probe = new Date(local);
      if (probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) return bad('day does not exist in that month');
      const offset = (sign === '-' ? -1 : 1) * (offH * 60 + offM) * 60_000;
      return checked(local - offset);
    }
    const dt = DateTime.fromObject(
      { year, month, day, hour, minute, second, millisecond: ms },
      { zone },
    );
    if (!dt.isValid) return bad(dt.invalidExplanation ?? dt.invalidReason ?? 'invalid date');
    return checked(dt.toMillis());
  }
  if (ISO.test(text)) {
    const dt = DateTime.fromISO(text, { zone });
    if (!dt.isValid) return bad(dt.invalidExplanation ?? dt.invalidReason ?? 'invalid date');
    return checked(dt.toMillis());
  }
  return bad('expected dd/Mon/yyyy:HH:mm:ss ±hhmm or ISO 8601');
}
