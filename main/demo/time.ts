/** Wall-clock helpers for Europe/Paris (EU summer time rule), enough for a realistic diurnal pattern. */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Last Sunday of `month` (0-based) in `year`, at 01:00 UTC: when EU clocks change. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Offset of Paris local time from UTC at instant `ms`, in ms (+1 h winter, +2 h summer). */
export function parisOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9);
  return summer ? 2 * HOUR : HOUR;
}

/** Local hour (0–23) and day of week (0 = Sunday) in Paris. */
export function parisClock(ms: number): { hour: number; weekday: number } {
  const local = new Date(ms + parisOffset(ms));
  return { hour: local.getUTCHours(), weekday: local.getUTCDay() };
}

/** Start of the UTC day containing `ms`. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** The instant of Paris local `hour:minute` on the UTC day `dayStart` − `daysBack` days. */
export function parisTime(dayStart: number, daysBack: number, hour: number, minute: number): number {
  const guess = dayStart - daysBack * DAY + (hour * 60 + minute) * MINUTE;
  return guess - parisOffset(guess);
}

/** Relative activity of hub services per local hour: office hours, lunch dip, quiet nights. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.08, 0.06, 0.05, 0.05, 0.06, 0.1, 0.25, 0.55, 0.95, 1.0, 1.0, 0.95, 0.6, 0.7, 1.0, 1.0, 0.95, 0.8, 0.55, 0.3, 0.22, 0.18, 0.14, 0.1,
];
/** Hospitals run every day, but hub traffic drops on weekends. */
export const WEEKEND_FACTOR = 0.28;
