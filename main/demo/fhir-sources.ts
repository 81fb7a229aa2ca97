/** Demo events of the FHIR sources (AuditEvent JSON): ROR directory, telemedicine, care-coordination portal. */
import type { NormalizedEvent } from '../events/types';
import { DATASETS, HUB_HOSTS, HUB_IPS, STRUCTURES, type ServiceName } from './catalog';
import { orgAttributes, userFields, type DemoCtx } from './common';
import type { DemoPatient, DemoUser } from './people';
import { AUDIT_TYPE_REST, DCM, fhirAuditEvent, uuid, type AuditInput } from './raw';

interface FhirEventSpec {
  service: Exclude<ServiceName, 'PACS'>;
  user: DemoUser;
  ip: string;
  category: string;
  action: string;
  outcome?: 'success' | 'failure';
  severity?: NormalizedEvent['event.severity'];
  message: string;
  audit: Pick<AuditInput, 'type' | 'subtype' | 'action' | 'purpose' | 'object' | 'query' | 'outcomeDesc'>;
  patient?: DemoPatient | null;
  attributes?: Record<string, unknown>;
}

function fhirEvent(ctx: DemoCtx, ts: number, s: FhirEventSpec): NormalizedEvent {
  const host = ctx.rng.pick(HUB_HOSTS[s.service]);
  const outcome = s.outcome ?? 'success';
  const purpose = s.audit.purpose ?? null;
  return {
    '@timestamp': new Date(ts),
    'event.dataset': DATASETS[s.service],
    'service.name': s.service,
    'host.name': host,
    'process.name': s.service === 'ROR' ? 'ror-fhir' : s.service === 'Telemedecine' ? 'telemed-api' : 'portail-api',
    'event.severity': s.severity ?? (outcome === 'failure' ? 'low' : 'info'),
    'event.category': s.category,
    'event.action': s.action,
    'event.outcome': outcome,
    ...userFields(s.user),
    'source.ip': s.ip,
    'destination.ip': HUB_IPS[host],
    'health.patient.pseudonym': s.patient?.pseudonym ?? null,
    'health.object': s.audit.object ?? null,
    'health.purpose_of_use': purpose,
    'health.break_glass': purpose === 'ETREAT',
    message: s.message,
    'event.original': fhirAuditEvent({
      ...s.audit,
      id: uuid(ctx.rng),
      ts,
      outcome: outcome === 'failure' ? '4' : '0',
      agent: { idNat: s.user.id, display: s.user.fullName, ip: s.ip, role: s.user.role },
      observer: host,
      patient: s.patient?.pseudonym ?? null,
    }),
    attributes: { ...orgAttributes(s.user), ...s.attributes },
  };
}

const ROR_SPECIALTIES = ['cardiologie', 'pneumologie', 'soins-palliatifs', 'psychiatrie', 'urgences', 'pediatrie', 'geriatrie'];

export function rorEvent(ctx: DemoCtx, ts: number, p: { user: DemoUser; ip: string; kind: 'search' | 'read' | 'update' }): NormalizedEvent {
  const { rng } = ctx;
  const org = rng.pick(STRUCTURES);
  const object = p.kind === 'search' ? null : rng.chance(0.7) ? `HealthcareService/${rng.int(10000, 99999)}` : `Organization/${org.finess}`;
  const query = p.kind === 'search' ? `HealthcareService?organization.identifier=${org.finess}&specialty=${rng.pick(ROR_SPECIALTIES)}` : undefined;
  const label = { search: 'Recherche', read: 'Consultation', update: 'Mise à jour' }[p.kind];
  return fhirEvent(ctx, ts, {
    service: 'ROR',
    user: p.user,
    ip: p.ip,
    category: p.kind === 'update' ? 'configuration' : 'database',
    action: `directory-${p.kind}`,
    message: `${label} ROR ${object ?? query} par ${p.user.login}`,
    audit: {
      type: AUDIT_TYPE_REST,
      subtype: p.kind === 'search' ? 'search-type' : p.kind,
      action: p.kind === 'update' ? 'U' : p.kind === 'search' ? 'E' : 'R',
      object,
      query,
    },
  });
}

export function teleconsultation(
  ctx: DemoCtx,
  ts: number,
  p: { user: DemoUser; patient: DemoPatient; ip: string; encounter: string; phase: 'start' | 'end'; minutes?: number },
): NormalizedEvent {
  const start = p.phase === 'start';
  return fhirEvent(ctx, ts, {
    service: 'Telemedecine',
    user: p.user,
    ip: p.ip,
    category: 'session',
    action: `teleconsultation-${p.phase}`,
    patient: p.patient,
    message: start
      ? `Début de téléconsultation ${p.encounter} par ${p.user.login}`
      : `Fin de téléconsultation ${p.encounter} (${p.minutes ?? 0} min)`,
    audit: {
      type: { system: DCM, code: '110100', display: 'Application Activity' },
      subtype: start ? 'create' : 'update',
      action: start ? 'C' : 'U',
      purpose: 'TREAT',
      object: p.encounter,
    },
    attributes: start ? {} : { 'event.duration': (p.minutes ?? 0) * 60 * 1e9 },
  });
}

const RECORD_OBJECTS = ['DocumentReference', 'Composition', 'CarePlan', 'Observation', 'MedicationStatement'];

export interface PortalAccess {
  user: DemoUser;
  patient: DemoPatient | null;
  ip: string;
  kind: 'read' | 'update' | 'export';
  purpose?: 'TREAT' | 'ETREAT';
  denied?: boolean;
  /** Export of a whole patient list: object and record count. */
  cohort?: { object: string; records: number };
}

export function portalAccess(ctx: DemoCtx, ts: number, p: PortalAccess): NormalizedEvent {
  const { rng } = ctx;
  const purpose = p.purpose ?? 'TREAT';
  const object = p.cohort?.object ?? `${rng.pick(RECORD_OBJECTS)}/${rng.int(100000, 999999)}`;
  const who = p.patient ? `du dossier ${p.patient.pseudonym}` : `de ${object} (${p.cohort?.records ?? 0} dossiers)`;
  const verb = { read: 'Consultation', update: 'Mise à jour', export: 'Export' }[p.kind];
  const breakGlass = purpose === 'ETREAT';
  const message = p.denied
    ? `Accès refusé au dossier ${p.patient?.pseudonym ?? object} pour ${p.user.login} : opposition du patient`
    : `${verb} ${who} par ${p.user.login}${breakGlass ? ' en bris de glace (ETREAT)' : ''}`;
  return fhirEvent(ctx, ts, {
    service: 'Portail-Coordination',
    user: p.user,
    ip: p.ip,
    category: 'database',
    action: `patient-record-${p.kind}`,
    outcome: p.denied ? 'failure' : 'success',
    severity: breakGlass ? 'medium' : p.denied ? 'low' : p.cohort ? 'low' : 'info',
    patient: p.patient,
    message,
    audit: {
      type: p.kind === 'export'
        ? { system: DCM, code: '110106', display: 'Export' }
        : { system: DCM, code: '110110', display: 'Patient Record' },
      subtype: p.kind === 'update' ? 'update' : p.kind === 'export' ? 'export' : 'read',
      action: p.kind === 'update' ? 'U' : 'R',
      purpose,
      object,
      outcomeDesc: p.denied ? 'HTTP 403: patient opposition registered' : undefined,
    },
    attributes: p.cohort ? { 'export.records': p.cohort.records, 'export.format': 'CSV' } : {},
  });
}
