/**
 * Built access traces for detection tests: FHIR R4 AuditEvents and DICOM /
 * IHE ATNA AuditMessages, parsed by the real parsers (registry `parseRecord`)
 * with the vault's pseudonymiser, then stored with `writeEvents`.
 */
import { createParseContext, parseRecord } from '../../../../main/ingest/registry';
import type { NormalizedEvent } from '../../../../main/events/types';
import { writeEvents } from '../../../../main/events/writer';
import { Pseudonymiser } from '../../../../main/privacy/pseudonym';
import type { Db } from '../../../../main/store/db';

export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const INS = 'urn:oid:1.2.250.1.213.1.4.8';

export interface Access {
  ts: number;
  user: string;
  ip?: string;
  /** Raw patient identifier (an INS): pseudonymised by the parser. */
  patient?: string;
  eventId?: string;
  typeCode?: string;
  action?: 'C' | 'R' | 'U' | 'D' | 'E';
  outcome?: '0' | '4' | '8';
  purpose?: string;
}

export function fhirAuditEvent(a: Access): string {
  const eventId = a.eventId ?? '110110';
  return JSON.stringify({
    resourceType: 'AuditEvent',
    id: `ae-${a.ts}-${a.user}-${a.patient ?? 'x'}`,
    type: { system: DCM, code: eventId, display: eventId === '110110' ? 'Patient Record' : 'Audit' },
    ...(a.typeCode ? { subtype: [{ system: DCM, code: a.typeCode, display: 'Type' }] } : {}),
    action: a.action ?? 'R',
    recorded: new Date(a.ts).toISOString(),
    outcome: a.outcome ?? '0',
    ...(a.purpose ? { purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: a.purpose }] }] } : {}),
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser' }] },
        who: { identifier: { value: a.user }, display: a.user },
        requestor: true,
        ...(a.ip ? { network: { address: a.ip, type: '2' } } : {}),
      },
    ],
    source: { observer: { display: 'portail01' } },
    entity: a.patient
      ? [
          {
            what: { identifier: { system: INS, value: a.patient } },
            type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
            role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
          },
        ]
      : [],
  });
}

const code = (c: string, text: string) => `csd-code="${c}" codeSystemName="DCM" originalText="${text}"`;

export function atnaMessage(a: Access): string {
  return [
    '<AuditMessage>',
    `<EventIdentification EventActionCode="${a.action ?? 'E'}" EventDateTime="${new Date(a.ts).toISOString()}" EventOutcomeIndicator="${a.outcome ?? '0'}">`,
    `<EventID ${code(a.eventId ?? '110114', 'Event')}/>`,
    a.typeCode ? `<EventTypeCode ${code(a.typeCode, 'Type')}/>` : '',
    a.purpose ? `<PurposeOfUse csd-code="${a.purpose}" codeSystemName="v3-ActReason" originalText="${a.purpose}"/>` : '',
    '</EventIdentification>',
    `<ActiveParticipant UserID="${a.user}" UserIsRequestor="true"${a.ip ? ` NetworkAccessPointID="${a.ip}" NetworkAccessPointTypeCode="2"` : ''}/>`,
    '<AuditSourceIdentification AuditSourceID="sri01"/>',
    a.patient
      ? `<ParticipantObjectIdentification ParticipantObjectID="${a.patient}^^^&amp;1.2.250.1.213.1.4.8&amp;ISO" ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"><ParticipantObjectIDTypeCode csd-code="2" codeSystemName="RFC-3881" originalText="Patient Number"/></ParticipantObjectIdentification>`
      : '',
    '</AuditMessage>',
  ].join('');
}

/** Parses records with the real parser of `format` and the vault's pseudonymiser. */
export async function parseTraces(db: Db, format: 'fhir' | 'atna', records: string[]): Promise<NormalizedEvent[]> {
  const p = await Pseudonymiser.fromDb(db);
  const ctx = createParseContext({ pseudonymise: (id, system) => p.pseudonymise(id, system), service: format === 'fhir' ? 'Portail-Coordination' : 'SRI' });
  return records.flatMap((r) => {
    const res = parseRecord(r, format, ctx);
    if (!res.ok) throw new Error(`${format} parse failed: ${res.code} ${res.reason}`);
    return res.events;
  });
}

/** Parses and stores traces; returns the stored events. */
export async function writeTraces(db: Db, format: 'fhir' | 'atna', accesses: Access[]): Promise<NormalizedEvent[]> {
  const events = await parseTraces(db, format, accesses.map(format === 'fhir' ? fhirAuditEvent : atnaMessage));
  await writeEvents(db, events);
  return events;
}

/** Pseudonym the parser gives to a patient identifier (through a parsed trace, as stored). */
export async function pseudonymOf(db: Db, patient: string): Promise<string> {
  const [e] = await parseTraces(db, 'fhir', [fhirAuditEvent({ ts: Date.UTC(2026, 0, 1), user: 'x', patient })]);
  return e['health.patient.pseudonym'] as string;
}
