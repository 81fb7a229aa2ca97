/**
 * Flattened Windows event JSON (OTRF Security-Datasets / NXLog / Winlogbeat
 * style) → NormalizedEvent. EventData fields stay in `attributes` under their
 * ORIGINAL names (`EventID`, `Channel`, `TargetUserName`, `CommandLine`,
 * `Image`…) because Sigma rules match on them; `event.code` is added.
 * Category/action/outcome per EventID: see `windows-codes.ts`.
 */
import { isIP } from 'node:net';
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult } from '../types';
import { get, isObject, lookup, setOwn, str, type JsonObject, type JsonValue } from './json-safe';
import { firstTimestamp } from './json-time';
import { WINDOWS_EVENTS, channelFamily, severityOfLevel, windowsDataset, type WindowsRule } from './windows-codes';

type Fields = Record<string, JsonValue>;

function eventIdOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff) return v;
  if (typeof v === 'string' && /^\d{1,5}$/.test(v.trim())) {
    const n = Number(v.trim());
    return n <= 0xffff ? n : undefined;
  }
  return undefined;
}

/**
 * The Windows view of a JSON object, or undefined when it is not a Windows
 * event: a flat record with `EventID` + `Channel`/`SourceName`/`ProviderName`
 * (nested `EventData`/`UserData` objects are hoisted), or a Winlogbeat record
 * (`winlog.event_id`, `winlog.channel`, `winlog.event_data.*`).
 */
export function windowsFields(obj: JsonObject, flatOf: () => Map<string, JsonValue>): Fields | undefined {
  const provider = obj.SourceName ?? obj.ProviderName ?? get(obj, 'Provider', 'Name') ?? obj.Provider_Name;
  if (eventIdOf(obj.EventID) !== undefined && (str(obj.Channel) !== undefined || str(provider) !== undefined)) {
    const nested = [obj.UserData, obj.EventData].filter(isObject);
    // Object spread defines own properties (a `__proto__` key stays data); top-level keys win.
    return nested.length === 0 ? obj : Object.assign({}, ...nested.map((n) => ({ ...n })), { ...obj }) as Fields;
  }
  if (obj.winlog === undefined && obj['winlog.event_id'] === undefined) return undefined;
  const flat = flatOf();
  const wid = eventIdOf(flat.get('winlog.event_id'));
  if (wid === undefined) return undefined;
  const fields: Fields = {};
  for (const [k, v] of flat) {
    const m = /^winlog\.(?:event_data|user_data)\.(.+)$/.exec(k);
    if (m) setOwn(fields, m[1], v);
  }
  const pick = (...keys: string[]): JsonValue | undefined => keys.map((k) => flat.get(k)).find((v) => v !== undefined);
  const base: [string, JsonValue | undefined][] = [
    ['EventID', wid],
    ['Channel', pick('winlog.channel')],
    ['SourceName', pick('winlog.provider_name')],
    ['Hostname', pick('winlog.computer_name', 'host.name', 'host.hostname')],
    ['@timestamp', pick('@timestamp')],
    ['Level', pick('winlog.level', 'log.level')],
    ['Keywords', pick('winlog.keywords')],
    ['Message', pick('message')],
  ];
  for (const [k, v] of base) if (v !== undefined && !(k in fields)) setOwn(fields, k, v);
  return fields;
}

const NONE = new Set(['-', '', 'null', 'n/a']);
function value(f: Fields, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const s = str(f[k]);
    if (s !== undefined && (s.length > 4 || !NONE.has(s.toLowerCase()))) return s;
  }
  return undefined;
}

function ipOf(f: Fields, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const s = value(f, k)?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    if (s !== undefined && isIP(s) !== 0) return s;
  }
  return undefined;
}

const AUDIT_SUCCESS = 0x0020000000000000n;
const AUDIT_FAILURE = 0x0010000000000000n;

function auditOutcome(f: Fields): 'success' | 'failure' | undefined {
  for (const key of ['EventType', 'EventTypeOrignal', 'Keywords']) {
    const type = value(f, key)?.toLowerCase().replace(/[\s_]/g, '');
    if (type === 'auditsuccess') return 'success';
    if (type === 'auditfailure') return 'failure';
  }
  const kw = f.Keywords;
  let bits: bigint | undefined;
  try {
    if (typeof kw === 'number' && Number.isFinite(kw)) bits = BigInt.asUintN(64, BigInt(Math.trunc(kw)));
    else if (typeof kw === 'string' && /^0x[0-9a-f]{1,16}$/i.test(kw.trim())) bits = BigInt(kw.trim());
  } catch {
    bits = undefined;
  }
  if (bits === undefined) return undefined;
  if ((bits & AUDIT_FAILURE) !== 0n) return 'failure';
  if ((bits & AUDIT_SUCCESS) !== 0n) return 'success';
  return undefined;
}

function outcomeOf(rule: WindowsRule | undefined, f: Fields): NormalizedEvent['event.outcome'] {
  if (rule?.outcome) return rule.outcome;
  if (rule?.statusOutcome) {
    const status = value(f, 'Status', 'FailureCode', 'ResultCode');
    if (status !== undefined) return /^(0x0+|0)$/i.test(status) ? 'success' : 'failure';
  }
  return auditOutcome(f) ?? 'unknown';
}

function userOf(rule: WindowsRule | undefined, f: Fields): { name?: string; id?: string } {
  const target = { name: value(f, 'TargetUserName'), id: value(f, 'TargetUserSid') };
  const subject = { name: value(f, 'SubjectUserName'), id: value(f, 'SubjectUserSid') };
  const other = { name: value(f, 'User', 'AccountName', 'UserName', 'SamAccountName'), id: value(f, 'UserID', 'UserSid') };
  const order = rule?.user === 'subject' ? [subject, target, other] : [target, subject, other];
  return order.find((u) => u.name !== undefined) ?? {};
}

/** Maps the Windows view of a record; `original` is the record text as received. */
export function mapWindowsEvent(f: Fields, original: string, ctx: ParseContext): ParseResult {
  const id = eventIdOf(f.EventID) as number;
  const channel = value(f, 'Channel') ?? '';
  const provider = value(f, 'SourceName', 'ProviderName', 'Provider_Name') ?? str(get(f, 'Provider', 'Name')) ?? '';
  const rule = lookup(WINDOWS_EVENTS[channelFamily(channel, provider)], id);

  const time = firstTimestamp([
    [f['@timestamp'], 'UTC'],
    [isObject(f.TimeCreated) ? f.TimeCreated.SystemTime : f.TimeCreated, 'UTC'],
    [f.UtcTime, 'UTC'],
    [f.EventTime, ctx.timezone],
    [f.EventReceivedTime, ctx.timezone],
  ]);
  if (time !== undefined && !time.ok) return time;

  const user = userOf(rule, f);
  const sourceIp = ipOf(f, 'IpAddress', 'SourceIp', 'SourceAddress', 'ClientAddress', 'ClientIP');
  const destIp = ipOf(f, 'DestinationIp', 'DestAddress', 'DestinationAddress');
  const action = rule?.action ?? `windows-event-${id}`;
  const msg = value(f, 'Message');
  const eol = msg?.search(/[\r\n]/) ?? -1;
  const summary = (eol >= 0 ? msg?.slice(0, eol) : msg)?.trim();

  const attributes: Record<string, unknown> = { ...f, EventID: id, 'event.code': String(id) };
  if (channel !== '') attributes.Channel = channel;

  let message = `${summary || action} [EventID ${id}]`;
  if (user.name) message += ` utilisateur ${user.name}`;
  if (sourceIp) message += ` depuis ${sourceIp}`;

  const event: NormalizedEvent = {
    '@timestamp': time?.iso ?? ctx.receivedAt.toISOString(),
    'event.dataset': ctx.dataset ?? windowsDataset(channel || provider),
    'service.name': ctx.service ?? 'Windows',
    'host.name': value(f, 'Hostname', 'Computer', 'ComputerName', 'MachineName') ?? null,
    'process.name': provider || null,
    'event.severity': rule?.severity ?? severityOfLevel(f.Level ?? f.Severity),
    'event.category': rule?.category ?? 'host',
    'event.action': action,
    'event.outcome': outcomeOf(rule, f),
    'user.id': user.id ?? null,
    'user.name': user.name ?? null,
    'source.ip': sourceIp ?? null,
    'destination.ip': destIp ?? null,
    message: message.slice(0, 500),
    'event.original': original,
    attributes,
  };
  return { ok: true, events: [event] };
}
