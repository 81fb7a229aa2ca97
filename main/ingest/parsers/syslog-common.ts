/**
 * Shared pieces of the syslog, CEF and LEEF parsers: PRI arithmetic and names,
 * severity mappings, the cheap checks every record goes through (empty,
 * too long, binary), and small string helpers.
 */
import type { Severity } from '../../api/contract';
import type { ParseContext, ParseResult, QuarantineCode } from '../types';

/** RFC 5424 §6.2.1 table 1 (keywords as in syslog.conf; 15 is "clock daemon" on most systems). */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp',
  'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
] as const;

/** RFC 5424 §6.2.1 table 2. */
export const SYSLOG_SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

export interface Pri {
  /** facility * 8 + severity, 0..191. */
  value: number;
  facility: number;
  severity: number;
}

/** Syslog severity 0-7 → Vigie severity: 0-2 critical, 3 high, 4 medium, 5 low, 6-7 info. */
export function syslogSeverity(code: number): Severity {
  if (code <= 2) return 'critical';
  if (code === 3) return 'high';
  if (code === 4) return 'medium';
  if (code === 5) return 'low';
  return 'info';
}

export function priFromValue(value: number): Pri {
  return { value, facility: value >> 3, severity: value & 7 };
}

export type PriRead = { ok: true; pri: Pri; end: number } | { ok: false; reason: string } | null;

/**
 * Reads `<PRI>` at the start of `s`: null when `s` does not start with `<digit`,
 * a failure when it does but the PRI is malformed or over 191.
 */
export function readPri(s: string): PriRead {
  if (s.charCodeAt(0) !== 60 /* < */) return null;
  const c1 = s.charCodeAt(1);
  if (!(c1 >= 48 && c1 <= 57)) return null;
  let i = 1;
  let value = 0;
  while (i < s.length && i <= 4) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
  }
  const digits = i - 1;
  if (s.charCodeAt(i) !== 62 /* > */) {
    return { ok: false, reason: `PRI: expected '>' after at most 3 digits (column ${i + 1})` };
  }
  if (digits > 3 || value > 191) return { ok: false, reason: `PRI ${s.slice(1, i)} out of range 0..191 (column 2)` };
  return { ok: true, pri: priFromValue(value), end: i + 1 };
}

/** ECS `log.syslog.*` attributes of a PRI. */
export function priAttributes(pri: Pri): Record<string, unknown> {
  return {
    'log.syslog.priority': pri.value,
    'log.syslog.facility.code': pri.facility,
    'log.syslog.facility.name': FACILITY_NAMES[pri.facility],
    'log.syslog.severity.code': pri.severity,
    'log.syslog.severity.name': SYSLOG_SEVERITY_NAMES[pri.severity],
  };
}

export function fail(code: QuarantineCode, reason: string): ParseResult {
  return { ok: false, code, reason };
}

/** Removes one trailing LF / CRLF / CR (framing, not content). */
export function stripLineEnd(record: string): string {
  let end = record.length;
  if (end > 0 && record.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && record.charCodeAt(end - 1) === 13) end--;
  return end === record.length ? record : record.slice(0, end);
}

/**
 * The checks every record goes through before parsing: nothing but whitespace,
 * over the configured byte length, NUL bytes (binary data, not a text log).
 */
export function precheck(record: string, ctx: ParseContext, what: string): ParseResult | null {
  const max = ctx.limits.maxRecordBytes;
  if (record.length > max || (record.length * 3 > max && Buffer.byteLength(record, 'utf8') > max)) {
    return fail('too-long', `${what}: record over ${max} bytes`);
  }
  if (record.trim() === '') return fail('empty', `${what}: empty record`);
  const nul = record.indexOf('\u0000');
  if (nul >= 0) return fail('binary', `${what}: NUL byte at column ${nul + 1} (binary data)`);
  return null;
}

const slugs = new Map<string, string>();

/** Lower-case identifier for datasets: `postfix/smtp` → `postfix-smtp` (memoised: few distinct programs). */
export function slug(s: string): string {
  let out = slugs.get(s);
  if (out !== undefined) return out;
  out = slugOf(s);
  if (slugs.size >= 1024) slugs.clear();
  slugs.set(s, out);
  return out;
}

function slugOf(s: string): string {
  const out = s
    .slice(0, 128)
    .toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
  return out.slice(0, 64) || 'unknown';
}

/** Kebab-case action name: `REQ_CHALLENGE_CAPTCHA` → `req-challenge-captcha`, `UserLogin` → `user-login`. */
export function kebab(s: string): string {
  return s
    .slice(0, 256)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Host names and addresses as they appear in headers (names, IPv4, IPv6, `_` tolerated). */
export const HOST_TOKEN = /^[A-Za-z0-9_.:%-]{1,255}$/;

/** Replaces every occurrence of `raw` by `by` (no regex semantics). */
export function replaceAll(text: string, raw: string, by: string): string {
  return raw === '' || !text.includes(raw) ? text : text.split(raw).join(by);
}

/** Sets `obj[key]`, keeping `__proto__` an ordinary own property (data never changes a prototype). */
export function setField<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Pseudonym already produced at collection time (`P-` + 16 base32 characters). */
export const PSEUDONYM = /^P-[A-Z2-7]{16}$/;
