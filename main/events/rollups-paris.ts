/**
 * Europe/Paris wall-clock time for the access-trace rollups and panels: the
 * night window (20:00–07:00 Paris) and the SQL that tells whether an event's
 * `ts` falls in it, without scanning anything nor relying on the process
 * time zone.
 *
 * Paris follows the EU rule (since 1996): summer time (UTC+2) from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, UTC+1
 * otherwise. Offsets are whole hours, so every UTC hour is one Paris hour.
 */

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Night accesses: from 20:00 (inclusive) to 07:00 (exclusive), Paris time. */
export const NIGHT_START_HOUR = 20;
export const NIGHT_END_HOUR = 7;

/** Last Sunday of `month` (0-based) of `year`, 01:00 UTC: when EU clocks change. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Summer-time periods `[start, end)` (UTC ms) of the years touching [fromMs, toMs]. */
export function parisSummerPeriods(fromMs: number, toMs: number): [number, number][] {
  const y0 = new Date(fromMs).getUTCFullYear();
  const y1 = new Date(toMs).getUTCFullYear();
  const out: [number, number][] = [];
  for (let y = y0; y <= y1; y++) out.push([lastSundayAt1Utc(y, 2), lastSundayAt1Utc(y, 9)]);
  return out;
}

/** Offset of Paris from UTC at `ms`, in ms. */
export function parisOffsetMs(ms: number): number {
  const [[start, end]] = parisSummerPeriods(ms, ms);
  return ms >= start && ms < end ? 2 * HOUR : HOUR;
}

/** Paris local hour (0–23) at `ms`. */
export function parisHour(ms: number): number {
  return Math.floor((ms + parisOffsetMs(ms)) / HOUR) % 24;
}

export function isNight(ms: number): boolean {
  const h = parisHour(ms);
  return h >= NIGHT_START_HOUR || h < NIGHT_END_HOUR;
}

const int = (n: number): string => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
};

/**
 * SQL expression: the Paris offset (ms) of the integer column `col`, exact for
 * values in [fromMs, toMs] (the years they touch). Only numbers computed here
 * are inlined — no caller text but the column name.
 */
export function parisOffsetSql(col: string, fromMs: number, toMs: number): string {
  const whens = parisSummerPeriods(fromMs, toMs).map(([s, e]) => `WHEN ${col} >= ${int(s)} AND ${col} < ${int(e)} THEN ${2 * HOUR}`);
  return `(CASE ${whens.join(' ')} ELSE ${HOUR} END)`;
}

/** SQL expression, 1 when `col` (ms UTC, within [fromMs, toMs]) is a night time in Paris, else 0. */
export function nightSql(col: string, fromMs: number, toMs: number): string {
  const hour = `(((${col} + ${parisOffsetSql(col, fromMs, toMs)}) / ${HOUR}) % 24)`;
  return `(${hour} >= ${NIGHT_START_HOUR} OR ${hour} < ${NIGHT_END_HOUR})`;
}

/** The night intervals `[start, end)` (UTC ms) that intersect [fromMs, toMs), clipped to it. */
export function nightIntervals(fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  for (let h = Math.floor(fromMs / HOUR) * HOUR; h < toMs; h += HOUR) {
    const night = isNight(h);
    if (night && start === null) start = Math.max(h, fromMs);
    if (!night && start !== null) {
      out.push([start, h]);
      start = null;
    }
  }
  if (start !== null) out.push([start, toMs]);
  return out;
}
