/**
 * Time values of the search language and of search ranges:
 * - absolute ISO 8601 at any precision: `2026`, `2026-11`, `2026-11-01`, `2026-11-01T08`,
 *   `2026-11-01T08:30`, `…:15`, `…:15.250`, with an optional `Z`/`+01:00` offset; without an
 *   offset the time is read in the caller's time zone (default Europe/Paris);
 * - epoch milliseconds (10 digits or more);
 * - date math: `now`, `now-15m`, `now-7d`, `now+1h`, `now-1d/d` (rounded down to the day in the
 *   time zone). Units: y M w d h (or H) m s.
 *
 * A value denotes an interval `[start, end)` of its precision: `2026-11-01` is the whole day,
 * `now-1d/d` the whole day before today, `now-15m` a single millisecond. Range bounds use it the
 * way Elasticsearch does: an inclusive upper bound `2026-11-02]` includes that whole day.
 */
import { DateTime, type DateTimeUnit } from 'luxon';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export interface TimeSpan {
  start: number;
  end: number;
}

const UNITS: Record<string, DateTimeUnit> = {
  y: 'year',
  M: 'month',
  w: 'week',
  d: 'day',
  h: 'hour',
  H: 'hour',
  m: 'minute',
  s: 'second',
};
const DATE_MATH = /^now((?:[+-]\d{1,6}[yMwdhHms])*)(?:\/([yMwdhHms]))?$/;
const STEP = /([+-])(\d{1,6})([yMwdhHms])/g;
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const PRECISION: DateTimeUnit[] = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'];

/** True for strings `parseTime` understands (used by zod schemas). */
export function isTimeExpression(value: string): boolean {
  return DATE_MATH.test(value) || ISO.test(value) || /^\d{10,15}$/.test(value);
}

/** Parses a time value; `undefined` when it is not one. */
export function parseTime(value: string, now: number, timeZone = DEFAULT_TIME_ZONE): TimeSpan | undefined {
  const math = DATE_MATH.exec(value);
  if (math) {
    let t = DateTime.fromMillis(now, { zone: timeZone });
    for (const [, sign, n, unit] of math[1].matchAll(STEP)) {
      t = t.plus({ [UNITS[unit]]: sign === '-' ? -Number(n) : Number(n) });
    }
    if (!t.isValid) return undefined;
    if (!math[2]) return { start: t.toMillis(), end: t.toMillis() + 1 };
    const unit = UNITS[math[2]];
    return { start: t.startOf(unit).toMillis(), end: t.startOf(unit).plus({ [unit]: 1 }).toMillis() };
  }
  if (/^\d{10,15}$/.test(value)) {
    const ms = Number(value);
    return { start: ms, end: ms + 1 };
  }
  const iso = ISO.exec(value);
  if (!iso) return undefined;
  const parts = iso.slice(1, 8);
  const given = parts.findLastIndex((p) => p !== undefined);
  const zone = iso[8] ? (iso[8] === 'Z' ? 'UTC' : `UTC${iso[8].length === 5 ? `${iso[8].slice(0, 3)}:${iso[8].slice(3)}` : iso[8]}`) : timeZone;
  const ms = parts[6] !== undefined ? Number(parts[6].padEnd(3, '0')) : 0;
  const t = DateTime.fromObject(
    {
      year: Number(parts[0]),
      month: Number(parts[1] ?? 1),
      day: Number(parts[2] ?? 1),
      hour: Number(parts[3] ?? 0),
      minute: Number(parts[4] ?? 0),
      second: Number(parts[5] ?? 0),
      millisecond: ms,
    },
    { zone },
  );
  if (!t.isValid) return undefined;
  const unit = PRECISION[Math.max(0, given)];
  return { start: t.toMillis(), end: t.plus({ [unit]: 1 }).toMillis() };
}

/** A search range bound (`from`/`to`): ISO or date math → ms. `to` uses the start of its span, so `now/d` ends at midnight. */
export function resolveBound(value: string, now: number, timeZone = DEFAULT_TIME_ZONE): number | undefined {
  return parseTime(value, now, timeZone)?.start;
}
