/**
 * Apache / Nginx access logs: common (`%h %l %u %t "%r" %>s %b`), combined
 * (+ `"%{Referer}i" "%{User-agent}i"`), vhost-prefixed (`%v[:%p] …`) and any
 * trailing fields. One line → one event, ECS-named like Filebeat's apache
 * module: `source.ip` (or `source.domain` for a host name; `source.address`
 * always), `user.name`, `http.request.method`, `url.original`, `http.version`,
 * `http.response.status_code`, `http.response.body.bytes`,
 * `http.request.referrer`, `user_agent.original`.
 *
 * A `-` placeholder means "no value" (CLF convention) and is left out, where
 * Filebeat keeps the literal `-`.
 */
import { isIP } from 'node:net';
import type { Severity } from '../../api/contract';
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult, Parser } from '../types';
import { parseAccessTime } from './access-time';
import { scanAccessLine, type AccessFields } from './access-scan';

/** `host ident user [dd/Mon/yyyy:` or `vhost host ident user [dd/Mon/yyyy:` (or ISO inside the brackets). */
const SNIFF = /^\S+ (?:\S+ )?\S+ \S+ \[(?:\d{1,2}\/[A-Za-z]{3}\/\d{4}:|\d{4}-\d\d-\d\dT)/;
const SNIFF_FULL = /\] "[^"]*" [1-5]\d\d (?:\d+|-)/;
const VERSION = /^[A-Z][A-Z0-9]*\/(\d+(?:\.\d+)?)$/i;
const METHOD = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export const DEFAULT_ACCESS_DATASET = 'web.access';
export const DEFAULT_ACCESS_SERVICE = 'web';

function value(v: string | undefined): string | undefined {
  return v === undefined || v === '' || v === '-' ? undefined : v;
}

function severityOf(status: number): Severity {
  if (status >= 500) return 'medium';
  if (status >= 400) return 'low';
  return 'info';
}

/** `%r` = `METHOD target VERSION`; the target may hold spaces ("GET /uno dos HTTP/1.0"). */
function splitRequest(request: string): { method?: string; url?: string; version?: string; raw?: string } {
  const r = request.trim();
  if (r === '' || r === '-') return {};
  const parts = r.split(/\s+/);
  if (parts.length < 2 || !METHOD.test(parts[0])) return { raw: request };
  const last = parts[parts.length - 1];
  const v = parts.length >= 3 ? VERSION.exec(last) : null;
  const target = (v ? parts.slice(1, -1) : parts.slice(1)).join(' ');
  return { method: parts[0], url: target, version: v ? v[1] : undefined };
}

function sourceFields(host: string, attrs: Record<string, unknown>): string | undefined {
  attrs['source.address'] = host;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare)) return bare;
  attrs['source.domain'] = host;
  return undefined;
}

function toEvent(f: AccessFields, date: Date, record: string, ctx: ParseContext): NormalizedEvent {
  const attrs: Record<string, unknown> = {};
  const ip = sourceFields(f.host, attrs);
  const req = splitRequest(f.request);
  if (req.method) attrs['http.request.method'] = req.method;
  if (req.url !== undefined) attrs['url.original'] = req.url;
  if (req.version) attrs['http.version'] = req.version;
  if (req.raw !== undefined) attrs['access.request'] = req.raw;
  attrs['http.response.status_code'] = f.status;
  if (f.bytes !== '-') attrs['http.response.body.bytes'] = Number(f.bytes);
  const referrer = value(f.referrer);
  if (referrer) attrs['http.request.referrer'] = referrer;
  const agent = value(f.userAgent);
  if (agent) attrs['user_agent.original'] = agent;
  const ident = value(f.ident);
  if (ident) attrs['access.identity'] = ident;
  if (f.vhost) {
    const m = /^(.*):(\d{1,5})$/.exec(f.vhost);
    attrs['destination.domain'] = m ? m[1] : f.vhost;
    if (m) attrs['destination.port'] = Number(m[2]);
  }
  if (f.extra) attrs['access.extra'] = f.extra;
  const user = value(f.user);
  const what = req.method ? `${req.method} ${req.url ?? ''}`.trim() : req.raw !== undefined ? 'requête invalide' : 'requête vide';
  return {
    '@timestamp': date,
    'event.dataset': ctx.dataset ?? DEFAULT_ACCESS_DATASET,
    'service.name': ctx.service ?? DEFAULT_ACCESS_SERVICE,
    'event.severity': severityOf(f.status),
    'event.category': 'web',
    'event.action': 'http-request',
    'event.outcome': f.status < 400 ? 'success' : 'failure',
    'user.name': user ?? null,
    'source.ip': ip ?? null,
    message: `${what} → ${f.status}${user ? ` (${user})` : ''} depuis ${f.host}`,
    'event.original': record,
    attributes: attrs,
  };
}

function parse(record: string, ctx: ParseContext): ParseResult {
  try {
    const scan = scanAccessLine(record);
    if (!scan.ok) return { ok: false, code: 'unparseable', reason: scan.reason };
    const t = parseAccessTime(scan.fields.time, ctx.timezone);
    if (!t.ok) return { ok: false, code: 'invalid-timestamp', reason: `access log "[time]": ${t.reason}` };
    return { ok: true, events: [toEvent(scan.fields, t.date, record.replace(/\r?\n$/, ''), ctx)] };
  } catch (e) {
    return { ok: false, code: 'unparseable', reason: `access log: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function sniff(record: string): number {
  const head = record.length > 2048 ? record.slice(0, 2048) : record;
  if (!SNIFF.test(head)) return 0;
  return SNIFF_FULL.test(head) ? 0.9 : 0.6;
}

export const accessParser: Parser = { format: 'access', sniff, parse };
