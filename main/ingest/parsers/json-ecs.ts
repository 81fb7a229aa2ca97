/**
 * ECS-shaped (nested or dotted keys) and generic application JSON → NormalizedEvent.
 * ECS names map straight through (`@timestamp`, `event.*`, `user.*`, `source.ip`, `host.name`,
 * `service.name`, `health.*`…); common aliases of generic logs are accepted (`timestamp`, `time`,
 * `level`, `msg`, `username`, `client_ip`, `hostname`…). Every field not consumed goes to
 * `attributes` under its dotted name. Patient identifier fields (`health.patient.id`, `patient.id`,
 * `patient_id`, `ins`, `nir`, `ipp`…) are pseudonymised and scrubbed from the original.
 * Source hints (`ctx.service`, `ctx.dataset`) take precedence over the record's own
 * `service.name`/`event.dataset`, which then stay in `attributes`.
 */
import { isIP } from 'node:net';
import type { Severity } from '../../api/contract';
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult } from '../types';
import { isBreakGlassPurpose } from './dicom-codes';
import { PatientScrubber } from './dicom-patient';
import { fail, kebab, lookup, setOwn, str, type JsonValue } from './json-safe';
import { parseTimestamp } from './json-time';

const K = {
  time: ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 'eventTime', 'event.created', 'event.start'],
  dataset: ['event.dataset', 'data_stream.dataset'],
  service: ['service.name', 'service'],
  host: ['host.name', 'host.hostname', 'hostname', 'host', 'agent.hostname', 'observer.hostname'],
  process: ['process.name', 'app', 'application', 'program', 'appname'],
  severity: ['event.severity', 'log.level', 'level', 'severity', 'loglevel', 'log.syslog.severity.name'],
  category: ['event.category', 'category'],
  action: ['event.action', 'action', 'event_type', 'eventType', 'event'],
  outcome: ['event.outcome', 'outcome', 'result', 'status'],
  userId: ['user.id', 'userId', 'user_id'],
  userName: ['user.name', 'username', 'userName', 'user_name', 'user', 'login', 'principal'],
  roles: ['user.roles', 'roles', 'role'],
  sourceIp: ['source.ip', 'client.ip', 'source.address', 'client.address', 'src_ip', 'srcip', 'client_ip', 'clientIp',
    'remote_addr', 'remoteAddr', 'remote_ip', 'ip_address', 'ip'],
  destIp: ['destination.ip', 'server.ip', 'destination.address', 'server.address', 'dst_ip', 'dest_ip', 'dstip'],
  object: ['health.object', 'object'],
  purpose: ['health.purpose_of_use', 'purpose_of_use', 'purposeOfUse'],
  breakGlass: ['health.break_glass', 'break_glass', 'breakGlass'],
  message: ['message', 'msg', 'log', 'text', 'description'],
  patientSystem: ['health.patient.system', 'health.patient.id_system', 'patient.system', 'patient.id_system'],
} as const;

const PATIENT_ID_FULL = new Set(['health.patient.id', 'health.patient.identifier', 'patient.id', 'patient.identifier',
  'patient.identifier.value']);
const PATIENT_ID_LAST = new Set(['patient_id', 'patientid', 'patient', 'ipp', 'ins', 'nir', 'ins_nir', 'matricule_ins']);
const INS_KEYS = new Set(['ins', 'nir', 'ins_nir', 'matricule_ins']);
const PATIENT_NAME_LAST = new Set(['patient_name', 'patientname']);
const PSEUDONYM = /^P-[A-Z2-7]{16}$/;

const LEVELS: Record<string, Severity> = {
  emerg: 'critical', emergency: 'critical', alert: 'critical', fatal: 'critical', panic: 'critical',
  crit: 'high', critical: 'high', high: 'high', error: 'medium', err: 'medium', medium: 'medium',
  warn: 'low', warning: 'low', low: 'low', notice: 'info', info: 'info', informational: 'info',
  information: 'info', debug: 'info', trace: 'info', verbose: 'info',
};

function severityOf(v: JsonValue | undefined): Severity {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v <= 7) return v <= 1 ? 'critical' : v === 2 ? 'high' : v === 3 ? 'medium' : v === 4 ? 'low' : 'info';
    return v >= 90 ? 'critical' : v >= 70 ? 'high' : v >= 47 ? 'medium' : v >= 21 ? 'low' : 'info';
  }
  const s = str(v)?.toLowerCase();
  return lookup(LEVELS, s) ?? 'info';
}

const SUCCESS = new Set(['success', 'succeeded', 'successful', 'ok', 'true', 'allowed', 'allow', 'permit', 'granted', 'accepted', 'pass']);
const FAILURE = new Set(['failure', 'failed', 'fail', 'error', 'false', 'denied', 'deny', 'rejected', 'blocked', 'refused', 'ko']);

function outcomeOf(v: JsonValue | undefined, httpStatus: JsonValue | undefined): NormalizedEvent['event.outcome'] {
  const s = str(v)?.toLowerCase();
  if (s !== undefined && SUCCESS.has(s)) return 'success';
  if (s !== undefined && FAILURE.has(s)) return 'failure';
  const code = Number(httpStatus ?? (typeof v === 'number' ? v : NaN));
  if (Number.isInteger(code) && code >= 100 && code < 600) return code >= 400 ? 'failure' : 'success';
  return 'unknown';
}

function lastSegment(key: string): string {
  const i = key.lastIndexOf('.');
  return (i < 0 ? key : key.slice(i + 1)).toLowerCase();
}

export function mapEcs(flat: Map<string, JsonValue>, original: string, ctx: ParseContext): ParseResult {
  const used = new Set<string>();
  const take = (keys: readonly string[], accept: (v: JsonValue) => boolean = (v) => str(v) !== undefined) => {
    for (const k of keys) {
      const v = flat.get(k);
      if (v !== undefined && v !== null && accept(v)) {
        used.add(k);
        return v;
      }
    }
    return undefined;
  };
  const text = (keys: readonly string[]) => str(take(keys));
  const ip = (keys: readonly string[]) => text(keys.filter((k) => isIP(str(flat.get(k)) ?? '') !== 0));

  // Patients first, so that everything built afterwards can be scrubbed.
  const scrubber = new PatientScrubber(ctx);
  const system = text(K.patientSystem);
  const names: string[] = [];
  for (const [k, v] of flat) {
    const s = str(v);
    const last = lastSegment(k);
    if (PATIENT_NAME_LAST.has(last) || k.toLowerCase() === 'patient.name') {
      used.add(k);
      if (s !== undefined) names.push(s);
    } else if (PATIENT_ID_FULL.has(k.toLowerCase()) || PATIENT_ID_LAST.has(last)) {
      used.add(k);
      if (s !== undefined) scrubber.identifier(s, INS_KEYS.has(last) ? 'INS-NIR' : system);
    }
  }
  const declared = text(['health.patient.pseudonym']);
  if (declared !== undefined && !PSEUDONYM.test(declared)) scrubber.identifier(declared, system);
  for (const n of names) scrubber.hide(n, scrubber.pseudonym ?? scrubber.identifier(n, 'patient-name'));
  const pseudonym = scrubber.pseudonym ?? declared ?? null;
  if (scrubber.error !== undefined) return fail('unparseable', scrubber.error);

  const rawTime = take(K.time, (v) => typeof v === 'number' || str(v) !== undefined);
  const time = parseTimestamp(rawTime, ctx.timezone);
  if (time !== undefined && !time.ok) return time;

  const recordDataset = text(K.dataset);
  const recordService = text(K.service);
  const categoryRaw = take(K.category, (v) => str(Array.isArray(v) ? v[0] : v) !== undefined);
  const category = str(Array.isArray(categoryRaw) ? categoryRaw[0] : categoryRaw)?.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  const actionText = text(K.action);
  const action = (actionText !== undefined ? kebab(actionText) : '') || 'log';
  const rolesRaw = take(K.roles, (v) => Array.isArray(v) || str(v) !== undefined);
  const roles = (Array.isArray(rolesRaw) ? rolesRaw : rolesRaw !== undefined ? String(rolesRaw).split(',') : [])
    .map((r) => str(r))
    .filter((r): r is string => r !== undefined);
  const userName = text(K.userName);
  const sourceIp = ip(K.sourceIp);
  const purpose = text(K.purpose)?.toUpperCase();
  const bg = take(K.breakGlass, (v) => typeof v === 'boolean' || v === 'true' || v === 'false');
  const severity = severityOf(take(K.severity, (v) => typeof v === 'number' || str(v) !== undefined));
  const outcome = outcomeOf(take(K.outcome, (v) => typeof v === 'number' || str(v) !== undefined), flat.get('http.response.status_code'));
  const messageText = text(K.message);
  const host = text(K.host);
  const processName = text(K.process);
  const userId = text(K.userId);
  const destIp = ip(K.destIp);
  const object = text(K.object);

  const attributes: Record<string, unknown> = {};
  for (const [k, v] of flat) if (!used.has(k)) setOwn(attributes, k, v);
  if (ctx.service !== undefined && recordService !== undefined) setOwn(attributes, 'service.name', recordService);
  if (ctx.dataset !== undefined && recordDataset !== undefined) setOwn(attributes, 'event.dataset', recordDataset);
  if (Array.isArray(categoryRaw) && categoryRaw.length > 1) setOwn(attributes, 'event.category', categoryRaw);

  const fallbackCategory = /log-?(in|on)|auth/.test(action) ? 'authentication' : /log-?(out|off)/.test(action) ? 'session' : 'process';
  let message = messageText ?? `${action}${userName ? ` ${userName}` : ''}${sourceIp ? ` ${sourceIp}` : ''}`;
  message = scrubber.scrub(message.split(/\r?\n/, 1)[0].slice(0, 2000)) || action;

  const event: NormalizedEvent = {
    '@timestamp': time?.iso ?? ctx.receivedAt.toISOString(),
    'event.dataset': ctx.dataset ?? recordDataset ?? 'json.log',
    'service.name': ctx.service ?? recordService ?? 'JSON',
    'host.name': host ?? null,
    'process.name': processName ?? null,
    'event.severity': severity,
    'event.category': category || fallbackCategory,
    'event.action': action,
    'event.outcome': outcome,
    'user.id': userId ?? null,
    'user.name': userName ?? null,
    'user.roles': roles.length > 0 ? roles : null,
    'source.ip': sourceIp ?? null,
    'destination.ip': destIp ?? null,
    'health.patient.pseudonym': pseudonym,
    'health.object': object !== undefined ? scrubber.scrub(object) : null,
    'health.purpose_of_use': purpose ?? null,
    'health.break_glass': bg === true || bg === 'true' || isBreakGlassPurpose(purpose),
    message,
    'event.original': scrubber.scrub(original),
    attributes: scrubber.scrubValue(attributes) as Record<string, unknown>,
  };
  return { ok: true, events: [event] };
}
