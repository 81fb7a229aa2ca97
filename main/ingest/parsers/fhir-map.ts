/**
 * One FHIR AuditEvent resource (R4 or R5) → NormalizedEvent.
 *
 * | FHIR | NormalizedEvent |
 * | --- | --- |
 * | R5 `occurredDateTime`/`occurredPeriod.start`, R4 `period.start`, else `recorded` | `@timestamp` (`recorded` also in `event.created`) |
 * | R4 `type`+`subtype`, R5 `category`+`code` (DCM codes, `rest` + restful-interaction) | `event.category`, `event.action` (see dicom-codes.ts) |
 * | `action` C/R/U/D/E | verb of the action (`patient-record-read`…), `fhir.action` |
 * | R4 `outcome` 0/4/8/12, R5 `outcome.code` | `event.outcome`; R4 `outcomeDesc`, R5 `outcome.detail` → `event.reason` |
 * | R5 `severity`, else the outcome | `event.severity` (≥ medium for Security Alert / break-glass) |
 * | agent with `requestor: true` (who.identifier.value / who.display / who.reference) | `user.id`, `user.name`, `user.roles` (agent.role), `user.full_name` |
 * | requestor (else Source Role ID 110153) `network.address` / `networkString` / `networkUri` | `source.ip` (non-IP → `source.address`) |
 * | Destination Role ID (110152) agent network | `destination.ip` (non-IP → `destination.address`) |
 * | R4 `purposeOfEvent`, R5 `authorization`, agents' `purposeOfUse`/`authorization` | `health.purpose_of_use` (ETREAT first) |
 * | ETREAT, or DCM 110127 "Emergency Override Started" in type/subtype/category/code | `health.break_glass` |
 * | R5 `patient`, entity role 1 (Patient) / type Patient / what=Patient/…, contained Patient | `health.patient.pseudonym` (identifier or reference, pseudonymised; see fhir-patient.ts) |
 * | first other entity (reference, else identifier, else name) | `health.object` |
 * | `source.observer` identifier/display | `host.name`; `source.site`/`source.type` in `fhir.source` |
 *
 * `attributes` also hold `fhir.version`, `fhir.id`, `fhir.type`, `fhir.subtype`, `fhir.agents`,
 * `fhir.entities` (patients shown by pseudonym only) and `fhir.purpose`.
 */
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult } from '../types';
import {
  EVENT_IDS, OUTCOME_FR, VERB_FR, classify, isBreakGlassPurpose, isEmergencyOverride, maxSeverity, outcomeOf,
  severityOfOutcome, verbOf, type CodeRef,
} from './dicom-codes';
import { PatientScrubber } from './dicom-patient';
import { registerPatients } from './fhir-patient';
import {
  agentView, codings, eventCodes, eventTime, fhirVersion, hasCode, labelOf, outcomeCode, purposeCodes, type AgentView,
} from './fhir-fields';
import { asArray, fail, get, isObject, lookup, str, type JsonObject } from './json-safe';
import { parseTimestamp } from './json-time';
import type { Severity } from '../../api/contract';

const R5_SEVERITY: Record<string, Severity> = {
  emergency: 'critical', alert: 'critical', critical: 'high', error: 'medium', warning: 'low',
  notice: 'info', informational: 'info', debug: 'info',
};

const codeList = (refs: readonly CodeRef[]) => refs.map((r) => ({ system: r.system, code: r.code, display: r.display }));

function pick(agents: readonly AgentView[], code: string): AgentView | undefined {
  return agents.find((a) => hasCode(a.types, code) || hasCode(a.roles, code));
}

export function mapAuditEvent(res: JsonObject, original: string, ctx: ParseContext): ParseResult {
  const version = fhirVersion(res);
  const rawTime = eventTime(res);
  if (rawTime === undefined) {
    const id = str(res.id);
    return fail('missing-field', `AuditEvent${id !== undefined ? ` ${id.slice(0, 64)}` : ''} has no recorded/occurred time`);
  }
  const time = parseTimestamp(rawTime, ctx.timezone);
  if (time === undefined || !time.ok) return time ?? fail('missing-field', 'AuditEvent time is empty');

  const { types, subtypes } = eventCodes(res, version);
  const all = [...types, ...subtypes];
  const restCode = all.find((c) => c.code === 'rest');
  const rest = restCode !== undefined;
  const eventId = all.find((c) => lookup(EVENT_IDS, c.code) !== undefined) ?? restCode ?? types[0] ?? subtypes[0];
  const typeCodes = all.filter((c) => c !== eventId);
  const restInteraction = rest
    ? (all.find((c) => /restful-interaction/.test(c.system ?? '')) ?? all.find((c) => c.code !== 'rest'))?.code
    : undefined;

  // Patients (fhir-patient.ts): registered before anything is built, so that everything can be scrubbed.
  const scrubber = new PatientScrubber(ctx);
  const entities = asArray(res.entity).filter(isObject);
  const patientEntities = registerPatients(res, scrubber);
  const agents = asArray(res.agent).filter(isObject);
  const pseudonym = scrubber.pseudonym;
  if (scrubber.error !== undefined) return fail('unparseable', scrubber.error);

  const verb = verbOf(str(res.action));
  const { category, action } = classify({ eventId, typeCodes, verb, hasPatient: pseudonym !== undefined, restInteraction });
  const { code: outcomeRaw, description } = outcomeCode(res, version);
  const outcome = outcomeOf(outcomeRaw);

  const views = agents.map(agentView);
  const user = views.find((a) => a.requestor) ?? views.find((a) => hasCode(a.types, 'humanuser'));
  const srcAgent = user?.network !== undefined ? user : pick(views, '110153');
  const dstAgent = views.find((a) => a !== srcAgent && (hasCode(a.types, '110152') || hasCode(a.roles, '110152')));
  const purposes = purposeCodes(res, agents);
  const purpose = purposes.find(isBreakGlassPurpose) ?? purposes[0];
  const breakGlass = isBreakGlassPurpose(purpose) || all.some(isEmergencyOverride);

  let severity: Severity = lookup(R5_SEVERITY, str(res.severity)?.toLowerCase()) ?? severityOfOutcome(outcomeRaw);
  if (breakGlass || hasCode(all, '110113')) severity = maxSeverity(severity, 'medium');

  const objectEntity =
    entities.find((e) => !patientEntities.has(e) && /^[^#]/.test(str(get(e, 'what', 'reference')) ?? '')) ??
    entities.find((e) => !patientEntities.has(e) && str(get(e, 'what', 'identifier', 'value')) !== undefined);
  const object = objectEntity
    ? (str(get(objectEntity, 'what', 'reference')) ?? str(get(objectEntity, 'what', 'identifier', 'value')))
    : undefined;

  const attributes: Record<string, unknown> = {
    'fhir.version': version,
    'fhir.id': str(res.id),
    'fhir.type': codeList(types),
    'fhir.subtype': codeList(subtypes),
    'fhir.action': str(res.action),
    'fhir.outcome': outcomeRaw,
    'event.reason': description,
    'event.created': str(res.recorded),
    'user.full_name': user?.fullName,
    'source.address': srcAgent?.ip === undefined ? srcAgent?.network : undefined,
    'destination.address': dstAgent?.ip === undefined ? dstAgent?.network : undefined,
    'fhir.purpose': purposes.length > 0 ? purposes : undefined,
    'fhir.source': isObject(res.source)
      ? {
          site: str(res.source.site) ?? str(get(res.source, 'site', 'display')) ?? str(get(res.source, 'site', 'identifier', 'value')),
          observer: str(get(res.source, 'observer', 'identifier', 'value')) ?? str(get(res.source, 'observer', 'display')) ?? str(get(res.source, 'observer', 'reference')),
          type: codeList(codings(res.source.type)),
        }
      : undefined,
    'fhir.agents': views.map((a) => ({ who: a.id, name: a.name, requestor: a.requestor, type: codeList(a.types), role: codeList(a.roles), network: a.network })),
    'fhir.entities': entities.map((e) => {
      const patient = patientEntities.has(e);
      return {
        what: patient ? pseudonym : (str(get(e, 'what', 'reference')) ?? str(get(e, 'what', 'identifier', 'value'))),
        patient,
        type: codeList(codings(e.type)),
        role: codeList(codings(e.role)),
        lifecycle: codeList(codings(e.lifecycle)),
        name: patient ? undefined : (str(e.name) ?? str(get(e, 'what', 'display')) ?? str(e.description)),
      };
    }),
  };
  for (const k of Object.keys(attributes)) if (attributes[k] === undefined) delete attributes[k];

  const label = labelOf(eventId) ?? 'AuditEvent';
  const sub = typeCodes.map(labelOf).find((l) => l !== undefined && l !== label);
  let message = `${label}${sub ? ` / ${sub}` : ''}`;
  if (verb !== undefined && verb !== 'execute') message += ` : ${VERB_FR[verb]}`;
  if (user?.name) message += ` par ${user.name}`;
  if (pseudonym) message += ` — patient ${pseudonym}`;
  if (breakGlass) message += ' [bris de glace]';
  message += ` (${OUTCOME_FR[outcome]})`;

  const observer = get(res, 'source', 'observer');
  const roles = (user?.roles ?? []).map(labelOf).filter((r): r is string => r !== undefined);
  const event: NormalizedEvent = {
    '@timestamp': time.iso,
    'event.dataset': ctx.dataset ?? 'fhir.auditevent',
    'service.name': ctx.service ?? 'FHIR',
    'host.name': str(get(observer, 'identifier', 'value')) ?? str(get(observer, 'display')) ?? null,
    'process.name': null,
    'event.severity': severity,
    'event.category': category,
    'event.action': action,
    'event.outcome': outcome,
    'user.id': user?.id !== undefined ? scrubber.scrub(user.id) : null,
    'user.name': user?.name !== undefined ? scrubber.scrub(user.name) : null,
    'user.roles': roles.length > 0 ? roles : null,
    'source.ip': srcAgent?.ip ?? null,
    'destination.ip': dstAgent?.ip ?? null,
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
