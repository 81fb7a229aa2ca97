/**
 * Timestamps of syslog, CEF and LEEF: RFC 3339 (RFC 5424), RFC 3164
 * `Mmm dd hh:mm:ss` read in the source's IANA zone with the year inferred
 * from the reception time, and the device time forms of CEF/LEEF (epoch,
 * `MMM dd yyyy HH:mm:ss[.SSS] [zone]`, ISO 8601, Java SimpleDateFormat).
 * Everything returns epoch milliseconds (UTC), within 1970 → 2200.
 */
import { DateTime, IANAZone } from 'luxon';

export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(2201, 0, 1);
const DAY_MS = 86_400_000;

export type TimeResult = { ok: true; ms: number } | { ok: false; reason: string };

const bad = (reason: string): TimeResult => ({ ok: false, reason });

function inRange(ms: number): TimeResult {
  if (!Number.isFinite(ms)) return bad('invalid date');
  if (ms < MIN_MS || ms >= MAX_MS) return bad('date out of range (1970–2200)');
  return { ok: true, ms };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1] ?? 0;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Fraction digits → milliseconds (`003` → 3, `000003` → 0, `5` → 500). */
function fracMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Math.floor(Number((frac + '000').slice(0, 3)));
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function wallValid(t: WallTime, allowLeapSecond = false): string | null {
  if (t.month < 1 || t.month > 12) return `month ${t.month} out of range`;
  if (t.day < 1 || t.day > daysInMonth(t.year, t.month)) return `day ${t.day} out of range for ${t.year}-${t.month}`;
  if (t.hour > 23 || t.minute > 59 || t.second > (allowLeapSecond ? 60 : 59)) return 'time of day out of range';
  return null;
}

/** A zone: fixed offset in minutes east of UTC, or an IANA name. */
export type Zone = { fixed: number } | { iana: string };

/** Common, unambiguous abbreviations (CST, IST, BST… are ambiguous and refused). */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  MSK: 180, EST: -300, EDT: -240, MST: -420, MDT: -360, PST: -480, PDT: -420, JST: 540, AEST: 600, AEDT: 660,
};

/** `UTC`, `CEST`, `+01:00`, `+0100`, `-6`, `TZ-6`, `Europe/Paris` → a zone; null when unknown or ambiguous. */
export function resolveZone(token: string): Zone | null {
  const up = token.toUpperCase();
  if (up in ABBREVIATIONS) return { fixed: ABBREVIATIONS[up] };
  const m = /^(?:UTC|GMT|TZ)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(token);
  if (m) {
    const h = Number(m[2]);
    const mi = Number(m[3] ?? '0');
    if (h > 23 || mi > 59) return null;
    return { fixed: (m[1] === '-' ? -1 : 1) * (h * 60 + mi) };
  }
  if (token.includes('/') && IANAZone.isValidZone(token)) return { iana: token };
  return null;
}

/** IANA zone → (minute of the wall clock → UTC ms of that minute). */
const minuteCache = new Map<string, Map<number, number>>();
let cachedMinutes = 0;

/** UTC ms of a wall-clock time in `zone` (DST-correct through luxon, cached per minute). */
export function wallToUtc(t: WallTime, zone: Zone | string): TimeResult {
  const invalid = wallValid(t);
  if (invalid) return bad(invalid);
  const z: Zone = typeof zone === 'string' ? { iana: zone } : zone;
  if ('fixed' in z) {
    return inRange(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.ms) - z.fixed * 60_000);
  }
  let zoneCache = minuteCache.get(z.iana);
  if (!zoneCache) {
    zoneCache = new Map();
    minuteCache.set(z.iana, zoneCache);
  }
  const key = (((t.year * 13 + t.month) * 32 + t.day) * 24 + t.hour) * 60 + t.minute;
  let minute = zoneCache.get(key);
  if (minute === undefined) {
    const dt = DateTime.fromObject(
      { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute },
      { zone: z.iana },
    );
    if (!dt.isValid) return bad(`cannot place the time in zone ${z.iana}: ${dt.invalidExplanation ?? dt.invalidReason}`);
    minute = dt.toMillis();
    if (++cachedMinutes > 8192) {
      minuteCache.clear();
      cachedMinutes = 0;
      minuteCache.set(z.iana, zoneCache);
      zoneCache.clear();
    }
    zoneCache.set(key, minute);
  }
  return inRange(minute + t.second * 1000 + t.ms);
}

/**
 * A time without a year (RFC 3164): the year that puts it closest to
 * `receivedAt` without being more than one day in the future
 * (Dec 31 received on Jan 1 → previous year; Feb 29 → the last leap year).
 */
export function inferYear(t: Omit<WallTime, 'year'>, zone: Zone | string, receivedAt: Date): TimeResult {
  const received = receivedAt.getTime();
  if (t.second > 59 || t.ms > 999) return bad('time of day out of range');
  // Same wall minute, zone and reception minute as the previous line → same year.
  const zoneKey = typeof zone === 'string' ? zone : 'fixed' in zone ? `#${zone.fixed}` : zone.iana;
  const key = (((t.month * 32 + t.day) * 24 + t.hour) * 60 + t.minute) * 1e8 + Math.floor(received / 60_000);
  const hit = yearCache.get(zoneKey)?.get(key);
  if (hit !== undefined) return inRange(hit + t.second * 1000 + t.ms);
  const r = inferYearUncached({ ...t, second: 0, ms: 0 }, zone, received);
  if (!r.ok) return r;
  let m = yearCache.get(zoneKey);
  if (!m) {
    if (yearCache.size > 16) yearCache.clear();
    m = new Map();
    yearCache.set(zoneKey, m);
  }
  if (m.size > 8192) m.clear();
  m.set(key, r.ms);
  return inRange(r.ms + t.second * 1000 + t.ms);
}

const yearCache = new Map<string, Map<number, number>>();

function inferYearUncached(t: Omit<WallTime, 'year'>, zone: Zone | string, received: number): TimeResult {
  const refYear = new Date(received).getUTCFullYear();
  let last: TimeResult = bad('no year fits');
  for (let year = refYear + 1; year >= refYear - 8; year--) {
    if (t.month === 2 && t.day === 29 && daysInMonth(year, 2) !== 29) continue;
    const r = wallToUtc({ ...t, year }, zone);
    if (!r.ok) {
      last = r;
      continue;
    }
    if (r.ms <= received + DAY_MS) return r;
  }
  return last;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** RFC 3339 as restricted by RFC 5424 §6.2.3: `T`, offset mandatory, at most `maxFraction` digits. */
export function parseRfc3339(text: string, maxFraction = 6): TimeResult {
  const m = RFC3339.exec(text);
  if (!m) return bad('not an RFC 3339 date-time (yyyy-mm-ddThh:mm:ss[.frac](Z|±hh:mm))');
  if (m[7] !== undefined && m[7].length > maxFraction) return bad(`more than ${maxFraction} fraction digits`);
  const t: WallTime = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]), ms: fracMs(m[7]),
  };
  const zone = m[8].toUpperCase() === 'Z' ? { fixed: 0 } : resolveZone(m[8]);
  if (!zone) return bad(`offset ${m[8]} out of range`);
  return wallToUtc(t, zone);
}

const ISO_LOOSE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const MMM_FORM = /^([A-Za-z]{3}) +(\d{1,2}),? +(?:(\d{4}) +)?(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: +(\S+))?$/;

/**
 * CEF `rt`/`start`/`end` and LEEF `devTime` without an explicit format:
 * epoch milliseconds (12-14 digits) or seconds (9-11, optional fraction),
 * ISO 8601, `MMM dd [yyyy] HH:mm:ss[.SSS] [zone]`. No zone → `defaultZone`.
 */
export function parseDeviceTime(value: string, defaultZone: string, receivedAt: Date): TimeResult {
  const v = value.trim();
  if (/^\d{12,14}$/.test(v)) return inRange(Number(v));
  if (/^\d{9,11}(?:\.\d{1,6})?$/.test(v)) return inRange(Math.round(Number(v) * 1000));
  let m = ISO_LOOSE.exec(v);
  if (m) {
    const zone = m[8] ? (m[8].toUpperCase() === 'Z' ? { fixed: 0 } : resolveZone(m[8])) : defaultZone;
    if (!zone) return bad(`offset ${m[8]} out of range`);
    return wallToUtc(
      {
        year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
        hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? '0'), ms: fracMs(m[7]),
      },
      zone,
    );
  }
  m = MMM_FORM.exec(v);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    if (!month) return bad(`unknown month name ${m[1]}`);
    let zone: Zone | string = defaultZone;
    if (m[8]) {
      const z = resolveZone(m[8]);
      if (!z) return bad(`unknown or ambiguous time zone ${m[8]}`);
      zone = z;
    }
    const t = { month, day: Number(m[2]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]), ms: fracMs(m[7]) };
    return m[3] ? wallToUtc({ ...t, year: Number(m[3]) }, zone) : inferYear(t, zone, receivedAt);
  }
  return bad('unrecognised date format (expected epoch ms, ISO 8601 or MMM dd yyyy HH:mm:ss)');
}

/** Java SimpleDateFormat letters and their luxon equivalents (zone letters handled apart). */
const JAVA_TO_LUXON: Readonly<Record<string, string>> = {
  yyyy: 'yyyy', yy: 'yy', y: 'yyyy', MMMM: 'MMMM', MMM: 'MMM', MM: 'MM', M: 'M', dd: 'dd', d: 'd',
  HH: 'HH', H: 'H', hh: 'hh', h: 'h', mm: 'mm', m: 'm', ss: 'ss', s: 's', SSS: 'SSS', S: 'S',
  a: 'a', EEE: 'EEE', EEEE: 'EEEE', Z: 'ZZZ', X: 'ZZZ', XX: 'ZZZ', XXX: 'ZZ',
};

/**
 * Parses `value` with a Java SimpleDateFormat pattern (LEEF `devTimeFormat`).
 * `z` (zone abbreviation) is taken from the value's token that names a known
 * zone; no year in the pattern → inferred as for RFC 3164.
 */
export function parseJavaTime(value: string, pattern: string, defaultZone: string, receivedAt: Date): TimeResult {
  if (pattern.length > 64 || value.length > 96) return bad('devTimeFormat or devTime too long');
  let fmt = '';
  let zoneFromValue: Zone | null = null;
  let text = value.trim();
  const re = /'[^']*'|([A-Za-z])\1*|[^A-Za-z']+/g;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    const tok = m[0];
    if (tok.startsWith("'") || !/^[A-Za-z]/.test(tok)) {
      fmt += tok;
    } else if (tok[0] === 'z') {
      const parts = text.split(/\s+/);
      const idx = parts.findIndex((p) => !/^\d/.test(p) && resolveZone(p) !== null);
      if (idx < 0) return bad(`no known time zone in ${value} for pattern letter z`);
      zoneFromValue = resolveZone(parts[idx]);
      parts.splice(idx, 1);
      text = parts.join(' ');
      fmt = fmt.replace(/\s+$/, '');
    } else if (tok in JAVA_TO_LUXON) {
      fmt += JAVA_TO_LUXON[tok];
    } else {
      return bad(`unsupported pattern letters ${tok} in devTimeFormat`);
    }
  }
  fmt = fmt.trim();
  const zoneOpt = zoneFromValue ? ('fixed' in zoneFromValue ? fixedName(zoneFromValue.fixed) : zoneFromValue.iana) : defaultZone;
  const parse = (v: string, f: string): TimeResult => {
    const dt = DateTime.fromFormat(v, f, { zone: zoneOpt, locale: 'en-US' });
    return dt.isValid ? inRange(dt.toMillis()) : bad(`does not match devTimeFormat ${pattern}`);
  };
  if (/y/.test(fmt.replace(/'[^']*'/g, ''))) return parse(text, fmt);
  const receivedYear = receivedAt.getUTCFullYear();
  let last: TimeResult = bad(`does not match devTimeFormat ${pattern}`);
  for (let year = receivedYear + 1; year >= receivedYear - 8; year--) {
    const r = parse(`${text} ${year}`, `${fmt} yyyy`);
    if (r.ok && r.ms <= receivedAt.getTime() + DAY_MS) return r;
    if (!r.ok) last = r;
  }
  return last;
}

function fixedName(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `UTC${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}
