/**
 * One `AuditMessage` (DICOM PS3.15 A.5 schema, or RFC 3881 legacy) → NormalizedEvent.
 * Coded values: DICOM attributes `csd-code`/`codeSystemName`/`originalText`, RFC 3881
 * `code`/`codeSystemName`/`displayName` — both read.
 *
 * | Message | NormalizedEvent |
 * | --- | --- |
 * | EventIdentification/@EventDateTime | `@timestamp` (no offset: the source time zone) |
 * | EventID + EventTypeCode, @EventActionCode | `event.category`, `event.action` (dicom-codes.ts) |
 * | @EventOutcomeIndicator 0/4/8/12, EventOutcomeDescription | `event.outcome`, `event.severity`, `event.reason` |
 * | ActiveParticipant with UserIsRequestor=true (a person before an application role 110150–110155) | `user.name` (UserID), `user.id` (AlternativeUserID, persons only), `user.full_name` (UserName), `user.roles` (RoleIDCode) |
 * | its NetworkAccessPointID (else the Source Role ID participant's) | `source.ip` (non-IP → `source.address`) |
 * | Destination Role ID (110152) participant's NetworkAccessPointID (else the application the requestor reached) | `destination.ip` (non-IP → `destination.address`) |
 * | AuditSourceIdentification/@AuditSourceID, @AuditEnterpriseSiteID | `host.name`, `atna.audit_source` |
 * | ParticipantObject TypeCode 1 + TypeCodeRole 1 (or IDTypeCode 2 "Patient Number") | `health.patient.pseudonym` (CX ID + assigning authority, pseudonymised; name hidden) |
 * | first other ParticipantObject (a Study Instance UID first) | `health.object` |
 * | EventIdentification/PurposeOfUse | `health.purpose_of_use`; ETREAT or 110127 → `health.break_glass` |
 */
import type { Severity } from '../../api/contract';
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult } from '../types';
import {
  OUTCOME_FR, VERB_FR, classify, isBreakGlassPurpose, isEmergencyOverride, maxSeverity, outcomeOf, severityOfOutcome,
  verbOf, type CodeRef,
} from './dicom-codes';
import { PatientScrubber } from './dicom-patient';
import { ipFromNetwork } from './fhir-fields';
import { fail } from './json-safe';
import { parseTimestamp } from './json-time';
import { decodeXml, type XmlNode } from './atna-xml';

const APP_ROLES = new Set(['110150', '110151', '110152', '110153', '110154', '110155']);
const STUDY_UID = '110180';

const asNode = (v: unknown): XmlNode | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlNode) : undefined);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const child = (n: XmlNode | undefined, name: string): unknown => (n === undefined ? undefined : list(n[name])[0]);

function clean(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = decodeXml(v).trim();
  return s === '' ? undefined : s;
}
const attr = (n: XmlNode | undefined, name: string) => clean(n?.[`@_${name}`]);
/** Element text: a plain string, or `#text` of an element that also has attributes. */
const text = (v: unknown) => (typeof v === 'string' ? clean(v) : clean(asNode(v)?.['#text']));

function codeOf(v: unknown): CodeRef | undefined {
  const n = asNode(v);
  if (n === undefined) {
    const t = text(v);
    return t !== undefined ? { code: t } : undefined;
  }
  const ref = {
    code: attr(n, 'csd-code') ?? attr(n, 'code'),
    system: attr(n, 'codeSystemName') ?? attr(n, 'codeSystem'),
    display: attr(n, 'originalText') ?? attr(n, 'displayName') ?? text(n),
  };
  return ref.code !== undefined || ref.display !== undefined ? ref : undefined;
}
const codes = (v: unknown) => list(v).map(codeOf).filter((c): c is CodeRef => c !== undefined);
const label = (c: CodeRef | undefined) => c?.display ?? c?.code;
const plain = (c: CodeRef) => ({ code: c.code, system: c.system, display: c.display });

interface Participant {
  userId?: string;
  altUserId?: string;
  userName?: string;
  requestor: boolean;
  nap?: string;
  napType?: string;
  roles: CodeRef[];
}

function participant(v: unknown): Participant {
  const n = asNode(v);
  const req = attr(n, 'UserIsRequestor')?.toLowerCase();
  return {
    userId: attr(n, 'UserID'),
    altUserId: attr(n, 'AlternativeUserID'),
    userName: attr(n, 'UserName'),
    requestor: req === 'true' || req === '1',
    nap: attr(n, 'NetworkAccessPointID'),
    napType: attr(n, 'NetworkAccessPointTypeCode'),
    roles: codes(n?.RoleIDCode),
  };
}

const isApp = (p: Participant) => p.roles.some((r) => r.code !== undefined && APP_ROLES.has(r.code));
const withRole = (ps: Participant[], code: string) => ps.find((p) => p.roles.some((r) => r.code === code));

export function mapAuditMessage(msg: XmlNode, original: string, ctx: ParseContext): ParseResult {
  const ei = asNode(child(msg, 'EventIdentification'));
  if (ei === undefined) return fail('missing-field', 'AuditMessage without EventIdentification');
  const eventId = codeOf(child(ei, 'EventID'));
  if (eventId?.code === undefined) return fail('missing-field', 'AuditMessage without EventID code');
  const rawTime = attr(ei, 'EventDateTime');
  if (rawTime === undefined) return fail('missing-field', 'AuditMessage without EventDateTime');
  const time = parseTimestamp(rawTime, ctx.timezone);
  if (time === undefined || !time.ok) return time ?? fail('missing-field', 'AuditMessage without EventDateTime');

  const types = codes(ei.EventTypeCode);
  const verb = verbOf(attr(ei, 'EventActionCode'));
  const outcomeRaw = attr(ei, 'EventOutcomeIndicator');
  const outcome = outcomeOf(outcomeRaw);
  const purposes = codes(ei.PurposeOfUse).map((c) => c.code ?? c.display).filter((c): c is string => c !== undefined);
  const purpose = purposes.find(isBreakGlassPurpose) ?? purposes[0];

  const participants = list(msg.ActiveParticipant).map(participant);
  const requestors = participants.filter((p) => p.requestor);
  const user = requestors.find((p) => !isApp(p)) ?? requestors[0];
  const srcP = user?.nap !== undefined ? user : withRole(participants, '110153');
  const others = participants.filter((p) => p !== srcP);
  const dstP =
    withRole(others, '110152') ??
    (srcP !== undefined && srcP === user ? withRole(others, '110153') : undefined) ??
    others.find((p) => !p.requestor && p.nap !== undefined && isApp(p));
  const srcIp = ipFromNetwork(srcP?.nap);
  const dstIp = ipFromNetwork(dstP?.nap);

  const scrubber = new PatientScrubber(ctx);
  const objects = list(msg.ParticipantObjectIdentification).map((v) => {
    const n = asNode(v);
    const typeCode = attr(n, 'ParticipantObjectTypeCode');
    const role = attr(n, 'ParticipantObjectTypeCodeRole');
    const idType = codeOf(child(n, 'ParticipantObjectIDTypeCode'));
    const patient = typeCode === '1' && (role === '1' || (role === undefined && idType?.code === '2'));
    return { n, id: attr(n, 'ParticipantObjectID'), typeCode, role, idType, patient, name: text(child(n, 'ParticipantObjectName')) };
  });
  for (const o of objects) {
    if (!o.patient || o.id === undefined) continue;
    scrubber.hide(o.name, scrubber.identifier(o.id));
  }
  const pseudonym = scrubber.pseudonym;
  if (scrubber.error !== undefined) return fail('unparseable', scrubber.error);
  const things = objects.filter((o) => !o.patient && o.id !== undefined);
  const object = (things.find((o) => o.idType?.code === STUDY_UID) ?? things[0])?.id;

  const { category, action } = classify({ eventId, typeCodes: types, verb, hasPatient: pseudonym !== undefined });
  const breakGlass = isBreakGlassPurpose(purpose) || [eventId, ...types].some(isEmergencyOverride);
  let severity: Severity = severityOfOutcome(outcomeRaw);
  if (breakGlass || eventId.code === '110113') severity = maxSeverity(severity, 'medium');

  const source = asNode(child(msg, 'AuditSourceIdentification'));
  const roles = (user?.roles ?? []).map(label).filter((r): r is string => r !== undefined);
  const attributes: Record<string, unknown> = {
    'atna.schema': attr(asNode(child(ei, 'EventID')), 'csd-code') !== undefined ? 'dicom' : 'rfc3881',
    'atna.event_id': plain(eventId),
    'atna.event_types': types.map(plain),
    'atna.action': attr(ei, 'EventActionCode'),
    'atna.outcome': outcomeRaw,
    'event.reason': text(child(ei, 'EventOutcomeDescription')),
    'atna.purpose': purposes.length > 0 ? purposes : undefined,
    'user.full_name': user?.userName,
    'source.address': srcIp === undefined ? srcP?.nap : undefined,
    'destination.address': dstIp === undefined ? dstP?.nap : undefined,
    'atna.audit_source': source
      ? { id: attr(source, 'AuditSourceID'), site: attr(source, 'AuditEnterpriseSiteID'), types: codes(source.AuditSourceTypeCode).map(plain) }
      : undefined,
    'atna.participants': participants.map((p) => ({ ...p, roles: p.roles.map(plain) })),
    'atna.objects': objects.map((o) => ({
      id: o.patient ? pseudonym : o.id,
      patient: o.patient,
      typeCode: o.typeCode,
      role: o.role,
      idType: o.idType ? plain(o.idType) : undefined,
      lifecycle: attr(o.n, 'ParticipantObjectDataLifeCycle'),
      name: o.patient ? undefined : o.name,
      description: list(o.n?.ParticipantObjectDescription).map(text).filter((d) => d !== undefined),
    })),
  };
  for (const k of Object.keys(attributes)) if (attributes[k] === undefined) delete attributes[k];

  const sub = types.map(label).find((l) => l !== undefined);
  let message = `${label(eventId)}${sub ? ` / ${sub}` : ''}`;
  if (verb !== undefined && verb !== 'execute') message += ` : ${VERB_FR[verb]}`;
  if (user?.userId) message += ` par ${user.userId}`;
  if (pseudonym) message += ` — patient ${pseudonym}`;
  if (breakGlass) message += ' [bris de glace]';
  message += ` (${OUTCOME_FR[outcome]})`;

  const event: NormalizedEvent = {
    '@timestamp': time.iso,
    'event.dataset': ctx.dataset ?? 'atna.audit',
    'service.name': ctx.service ?? 'ATNA',
    'host.name': attr(source, 'AuditSourceID') ?? null,
    'process.name': null,
    'event.severity': severity,
    'event.category': category,
    'event.action': action,
    'event.outcome': outcome,
    'user.id': user?.altUserId !== undefined && !isApp(user) ? scrubber.scrub(user.altUserId) : null,
    'user.name': user?.userId !== undefined ? scrubber.scrub(user.userId) : null,
    'user.roles': roles.length > 0 ? roles : null,
    'source.ip': srcIp ?? null,
    'destination.ip': dstIp ?? null,
    'health.patient.pseudonym': pseudonym ?? null,
    'health.object': object !== undefined ? scrubber.scrub(object) : null,
    'health.purpose_of_use': purpose?.toUpperCase() ?? null,
    'health.break_glass': breakGlass,
    message: scrubber.scrub(message),
    'event.original': scrubber.scrub(original),
    attributes: scrubber.scrubValue(attributes) as Record<string, unknown>,
  };
  return { ok: true, events: [event] };
}
