/** Raw line formats of the demo sources: RFC 5424 syslog and FHIR R4 AuditEvent JSON. */
import type { Rng } from './rng';

/** Private enterprise number reserved for documentation (RFC 5612), used as SD-ID suffix. */
const PEN = 32473;

export interface SyslogLine {
  /** facility * 8 + severity (RFC 5424 §6.2.1). */
  pri: number;
  ts: number;
  host: string;
  app: string;
  procid: string | number;
  msgid?: string;
  /** One structured-data element `[id@PEN k="v" …]`, omitted when absent. */
  sd?: { id: string; params: Record<string, string | number> };
  msg: string;
}

const escapeSd = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);

export function syslog5424(l: SyslogLine): string {
  const sd = l.sd
    ? `[${l.sd.id}@${PEN} ${Object.entries(l.sd.params)
        .map(([k, v]) => `${k}="${escapeSd(String(v))}"`)
        .join(' ')}]`
    : '-';
  return `<${l.pri}>1 ${new Date(l.ts).toISOString()} ${l.host} ${l.app} ${l.procid} ${l.msgid ?? '-'} ${sd} ${l.msg}`;
}

/** Syslog PRI values used by the demo sources. */
export const PRI = {
  authprivInfo: 10 * 8 + 6,
  authprivNotice: 10 * 8 + 5,
  authprivWarning: 10 * 8 + 4,
  mailInfo: 2 * 8 + 6,
  mailWarning: 2 * 8 + 4,
  local4Err: 20 * 8 + 3,
} as const;

export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface AuditInput {
  id: string;
  ts: number;
  /** DICOM/FHIR audit event type code and display. */
  type: { system: string; code: string; display: string };
  /** FHIR restful interaction or local subtype (read, update, search-type, export…). */
  subtype: string;
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** FHIR AuditEvent outcome: 0 success, 4 minor failure, 8 serious failure. */
  outcome: '0' | '4' | '8';
  outcomeDesc?: string;
  purpose?: string | null;
  agent: { idNat: string; display: string; ip: string; role: string };
  observer: string;
  /** Patient pseudonym (the identifier was replaced at collection). */
  patient?: string | null;
  /** The object accessed: a FHIR reference such as `DocumentReference/48213`. */
  object?: string | null;
  /** Free query string for searches. */
  query?: string;
}

export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
export const AUDIT_TYPE_REST = { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' };

/** A FHIR R4 AuditEvent (IHE BALP flavour) serialised on one line, as the hub's FHIR servers log it. */
export function fhirAuditEvent(a: AuditInput): string {
  const entity: unknown[] = [];
  if (a.patient) {
    entity.push({
      what: { identifier: { system: 'urn:vigie:pseudonym', value: a.patient } },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    });
  }
  if (a.object || a.query) {
    entity.push({
      ...(a.object ? { what: { reference: a.object } } : {}),
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      ...(a.query ? { query: Buffer.from(a.query, 'utf8').toString('base64') } : {}),
    });
  }
  return JSON.stringify({
    resourceType: 'AuditEvent',
    id: a.id,
    type: a.type,
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: a.subtype }],
    action: a.action,
    recorded: new Date(a.ts).toISOString(),
    outcome: a.outcome,
    ...(a.outcomeDesc ? { outcomeDesc: a.outcomeDesc } : {}),
    ...(a.purpose
      ? { purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: a.purpose }] }] }
      : {}),
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser' }] },
        role: [{ text: a.agent.role }],
        who: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: a.agent.idNat }, display: a.agent.display },
        requestor: true,
        network: { address: a.agent.ip, type: '2' },
      },
    ],
    source: {
      observer: { display: a.observer },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity,
  });
}
