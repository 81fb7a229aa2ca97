/**
 * Time for the legal clocks. Every computation is done on instants (ms since
 * the epoch, UTC): a deadline of 72 hours is 72 × 3 600 000 ms of real time,
 * whatever daylight-saving change happens in between. Europe/Paris is only
 * used to display instants and to read wall-clock times typed without an
 * offset (luxon carries the time-zone rules).
 */
import { DateTime } from 'luxon';
import { VigieError } from '../../api/errors';

export const PARIS = 'Europe/Paris';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** UTC offset of Paris at an instant, as `+01:00` (winter) or `+02:00` (summer). */
export function parisOffset(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).toFormat('ZZ');
}

/** `31/03/2026 11:00` in Paris time. */
export function formatParis(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).toFormat('dd/MM/yyyy HH:mm');
}

/** `31/03/2026 11:00 (UTC+2)`: the offset removes any doubt around a DST change. */
export function formatParisWithOffset(ms: number): string {
  const dt = DateTime.fromMillis(ms, { zone: PARIS });
  const h = dt.offset / 60;
  return `${dt.toFormat('dd/MM/yyyy HH:mm')} (UTC${h >= 0 ? '+' : '−'}${Math.abs(h)})`;
}

/** `mardi 31 mars 2026 à 11:00` (Paris time, French words). */
export function formatParisLong(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).setLocale('fr').toFormat("cccc d LLLL yyyy 'à' HH:mm");
}

/** `2026-03-31` (date in Paris). */
export function parisDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).toFormat('yyyy-MM-dd');
}

/**
 * Reads a Paris wall-clock time written without an offset (`2026-10-25T02:30`).
 * A time that does not exist (skipped by the spring change, 02:00–02:59 on the
 * last Sunday of March) is refused; a time that happens twice (02:00–02:59 on
 * the last Sunday of October) is read as its FIRST occurrence (summer time),
 * which makes a deadline counted from it come earlier, never later.
 */
export function parisLocalToUtc(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) throw new VigieError('VALIDATION', `Date et heure attendues (AAAA-MM-JJTHH:MM) : ${local}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const candidates = [-120, -60, 0, 60, 120]
    .map((offsetMin) => wall - offsetMin * MINUTE_MS)
    .filter((t) => {
      const dt = DateTime.fromMillis(t, { zone: PARIS });
      return Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second) === wall;
    })
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    throw new VigieError('VALIDATION', `L’heure ${local} n’existe pas à Paris (passage à l’heure d’été).`);
  }
  return candidates[0];
}

/** Instant of an ISO 8601 string with an offset (`Z`, `+02:00`); VALIDATION error otherwise. */
export function parseInstant(iso: string, what: string): number {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso.trim())) {
    throw new VigieError('VALIDATION', `${what} : indiquez le fuseau (ex. 2026-03-28T10:00:00+01:00).`);
  }
  const dt = DateTime.fromISO(iso.trim(), { setZone: true });
  if (!dt.isValid) throw new VigieError('VALIDATION', `${what} : date invalide (${iso}).`);
  return dt.toMillis();
}

/** `2 j 3 h 05 min`, `45 min`, `0 min` (absolute value; minutes rounded down). */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / MINUTE_MS);
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  const minutes = total % 60;
  const mm = String(minutes).padStart(2, '0');
  if (days > 0) return `${days} j ${hours} h ${mm} min`;
  if (hours > 0) return `${hours} h ${mm} min`;
  return `${minutes} min`;
}

export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());
