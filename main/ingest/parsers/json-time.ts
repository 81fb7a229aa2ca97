/**
 * Timestamp reading shared by the JSON, Windows, FHIR and ATNA mappings.
 * Accepts ISO 8601 / RFC 3339 (with `T` or a space, 0-9 fraction digits,
 * `Z` or `±hh[:]mm`), epoch seconds/milliseconds/micro/nanoseconds (number
 * or digit string), and RFC 2822 / HTTP dates. A time without an offset is
 * read in the given IANA zone (the source's, or UTC where the format says so).
 * Anything else, or a year outside 1970–2200, is `invalid-timestamp`.
 */
import { DateTime } from 'luxon';
import { fail, type Failure } from './json-safe';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(2201, 0, 1);

export type TimeResult = { ok: true; iso: string } | Failure;

function inRange(ms: number, raw: string): TimeResult {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms >= MAX_MS) {
    return fail('invalid-timestamp', `Timestamp out of range (1970–2200): ${raw.slice(0, 60)}`);
  }
  return { ok: true, iso: new Date(ms).toISOString() };
}

function fromEpoch(n: number, raw: string): TimeResult {
  const abs = Math.abs(n);
  // 1e11 s is year 5138: below it the number is seconds; then ms, µs, ns.
  const ms = abs < 1e11 ? n * 1000 : abs < 1e14 ? n : abs < 1e17 ? n / 1000 : n / 1e6;
  return inRange(Math.round(ms), raw);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromIso(m: RegExpExecArray, zone: string, raw: string): TimeResult {
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', off] = m;
  const sec = Math.min(Number(s), 59); // a leap second (60) is folded into :59
  const ms = Number((frac + '000').slice(0, 3));
  const fields = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: sec, millisecond: ms };
  const bad = () => fail('invalid-timestamp', `Invalid date or time: ${raw.slice(0, 60)}`);
  if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > daysIn(fields.year, fields.month)) return bad();
  if (fields.hour > 23 || fields.minute > 59) return bad();
  if (off === undefined && zone !== 'UTC') {
    const dt = DateTime.fromObject(fields, { zone });
    return dt.isValid ? inRange(dt.toMillis(), raw) : bad();
  }
  const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  if (off === undefined) return inRange(utc, raw);
  let offsetMin = 0;
  if (off.toUpperCase() !== 'Z') {
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return bad();
    offsetMin = (oh * 60 + om) * (off.startsWith('-') ? -1 : 1);
  }
  return inRange(utc - offsetMin * 60_000, raw);
}

/**
 * Reads `value` as a timestamp. `zone` is used only when the value has no
 * offset. Returns undefined when `value` is absent (null/undefined/empty).
 */
export function parseTimestamp(value: unknown, zone: string): TimeResult | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return fromEpoch(value, String(value));
  if (typeof value !== 'string') return fail('invalid-timestamp', `Timestamp is not a string or number (${typeof value})`);
  const raw = value.trim();
  if (raw === '') return undefined;
  if (/^-?\d{9,19}(\.\d+)?$/.test(raw)) return fromEpoch(Number(raw), raw);
  const m = ISO.exec(raw);
  if (m) return fromIso(m, zone, raw);
  if (raw.length <= 64 && /[A-Za-z]{3}/.test(raw)) {
    for (const dt of [DateTime.fromRFC2822(raw, { zone }), DateTime.fromHTTP(raw, { zone })]) {
      if (dt.isValid) return inRange(dt.toMillis(), raw);
    }
  }
  return fail('invalid-timestamp', `Unrecognised timestamp: ${raw.slice(0, 60)}`);
}

/** The first present candidate, read with `parseTimestamp` (undefined when none is present). */
export function firstTimestamp(candidates: readonly (readonly [unknown, string])[]): TimeResult | undefined {
  for (const [value, zone] of candidates) {
    const r = parseTimestamp(value, zone);
    if (r !== undefined) return r;
  }
  return undefined;
}
