/**
 * FHIR AuditEvent R4/R5 parser on the official HL7 example packages
 * (../shared/fixtures/fhir-auditevent: hl7.fhir.r4.examples 4.0.1 and
 * hl7.fhir.r5.examples 5.0.0, CC0-1.0), plus Bundles and ndjson lines.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fhirParser, parseFhirDocument } from '../../../../main/ingest/parsers/fhir';
import { jsonParser } from '../../../../main/ingest/parsers/json';
import { detectDocumentFormat, parseRecord } from '../../../../main/ingest/registry';
import type { NormalizedEvent } from '../../../../main/events/types';
import { SHARED_FIXTURES, eventsOf, only, storedText, testContext, testPseudonymise } from './json-test-context';

const ctx = testContext();
const dir = (v: 'r4' | 'r5') => join(SHARED_FIXTURES, 'fhir-auditevent', v, 'examples');
const read = (v: 'r4' | 'r5', name: string) => readFileSync(join(dir(v), `AuditEvent-${name}.json`), 'utf8');
const parse = (v: 'r4' | 'r5', name: string) => only(parseFhirDocument(read(v, name), ctx));

const PATIENT_REF = testPseudonymise('Patient/example');
const MEDIA_PATIENT = testPseudonymise('e3cdfc81a0d24bd', '2.16.840.1.113883.4.2');

describe('every official AuditEvent example', () => {
  for (const v of ['r4', 'r5'] as const) {
    const files = readdirSync(dir(v)).filter((f) => f.endsWith('.json'));
    it(`${v}: has the expected number of examples`, () => {
      expect(files.length).toBe(v === 'r4' ? 9 : 13);
    });
    for (const f of files) {
      it(`${v}/${f} parses into one complete event without raw patient identifiers`, () => {
        const text = readFileSync(join(dir(v), f), 'utf8');
        const e = only(fhirParser.parse(text, ctx));
        expect(Number.isNaN(Date.parse(String(e['@timestamp'])))).toBe(false);
        expect(e['event.dataset']).toBe('fhir.auditevent');
        expect(e['event.category']).toMatch(/^[a-z_]+$/);
        expect(e['event.action']).toMatch(/^[a-z0-9-]+$/);
        expect(['success', 'failure']).toContain(e['event.outcome']);
        expect(e.message.length).toBeGreaterThan(0);
        expect(e.attributes?.['fhir.version']).toBe(v.toUpperCase());
        const stored = storedText(e);
        for (const raw of ['Patient/example', 'e3cdfc81a0d24bd']) expect(stored).not.toContain(raw);
        if (/Patient\/example|e3cdfc81a0d24bd/.test(text)) {
          expect(e['health.patient.pseudonym']).toMatch(/^P-[0-9A-F]{16}$/);
          expect(e['event.original']).toContain(e['health.patient.pseudonym'] as string);
        }
        expect(fhirParser.sniff(text)).toBeGreaterThan(0.9);
      });
    }
  }
});

describe('R4 examples: mapped fields', () => {
  it('login: user, source IP, success', () => {
    const e = parse('r4', 'example-login');
    expect(e).toMatchObject({
      '@timestamp': '2013-06-20T23:41:23.000Z',
      'event.category': 'authentication',
      'event.action': 'user-login',
      'event.outcome': 'success',
      'user.id': '95',
      'user.name': '95',
      'source.ip': '127.0.0.1',
      'host.name': 'hl7connect.healthintersections.com.au',
      'health.break_glass': false,
    });
    expect(e.attributes?.['user.full_name']).toBe('Grahame Grieve');
  });

  it('logout: session category', () => {
    expect(parse('r4', 'example-logout')).toMatchObject({ 'event.category': 'session', 'event.action': 'user-logout' });
  });

  it('rest vread on Patient/example/_history/1: read, pseudonymised patient', () => {
    const e = parse('r4', 'example-rest');
    expect(e).toMatchObject({ 'event.action': 'fhir-vread', 'event.category': 'database', 'health.patient.pseudonym': PATIENT_REF });
    expect(e['event.original']).toContain(`${PATIENT_REF}/_history/1`);
  });

  it('error: outcome 8 is a failure with its description', () => {
    const e = parse('r4', 'example-error');
    expect(e).toMatchObject({ 'event.outcome': 'failure', 'event.severity': 'medium', 'event.action': 'fhir-create' });
    expect(e.attributes?.['event.reason']).toMatch(/Invalid request/);
  });

  it('disclosure: export of the patient record, purpose HMARKT, destination kept as address', () => {
    const e = parse('r4', 'example-disclosure');
    expect(e).toMatchObject({
      'event.action': 'patient-record-export',
      'health.purpose_of_use': 'HMARKT',
      'health.patient.pseudonym': PATIENT_REF,
      'user.name': 'SomeIdiot@nowhere',
      '@timestamp': '2013-09-22T00:08:00.000Z',
    });
    expect(e.attributes?.['destination.address']).toBe('marketing.land');
  });

  it('media: CX patient identifier pseudonymised with its assigning authority, object is the manifest', () => {
    const e = parse('r4', 'example-media');
    expect(e['health.patient.pseudonym']).toBe(MEDIA_PATIENT);
    expect(e['health.object']).toBe('DocumentManifest/example');
    const entities = e.attributes?.['fhir.entities'] as { what?: string; patient: boolean }[];
    expect(entities.find((x) => x.patient)?.what).toBe(MEDIA_PATIENT);
  });

  it('pixQuery: query with a patient', () => {
    const e = parse('r4', 'example-pixQuery');
    expect(e).toMatchObject({ 'event.action': 'query', 'health.patient.pseudonym': MEDIA_PATIENT });
  });

  it('application start: offset converted to UTC, role from agent.role', () => {
    const e = parse('r4', 'example');
    expect(e).toMatchObject({
      '@timestamp': '2012-10-25T11:04:27.000Z',
      'event.action': 'application-start',
      'user.roles': ['Service User (Logon)'],
      'health.object': 'ABCDEF',
    });
  });
});

describe('R5 examples: mapped fields', () => {
  it('break-glass start: ETREAT + 110127 ⇒ break_glass, severity at least medium', () => {
    const e = parse('r5', 'example-breakglass-start');
    expect(e).toMatchObject({
      '@timestamp': '2013-09-22T00:08:00.000Z',
      'event.category': 'iam',
      'event.action': 'emergency-override-start',
      'event.outcome': 'success',
      'event.severity': 'medium',
      'health.break_glass': true,
      'health.purpose_of_use': 'ETREAT',
      'user.id': 'Practitioner/f001',
      'health.patient.pseudonym': PATIENT_REF,
    });
    expect(e['event.original']).not.toContain('Patient/example');
  });

  it('login: category/code shape, networkString of the source', () => {
    const e = parse('r5', 'example-login');
    expect(e).toMatchObject({ 'event.action': 'user-login', 'user.name': '95', 'event.outcome': 'success' });
    expect(e.attributes?.['source.address']).toBe('Workstation1.ehr.familyclinic.com');
  });

  it('logout: networkString IP of the requestor', () => {
    expect(parse('r5', 'example-logout')).toMatchObject({ 'event.action': 'user-logout', 'source.ip': '127.0.0.1' });
  });

  it('advanced create: occurredDateTime, authorization TREAT, urn:ipv6 network, top-level patient', () => {
    const e = parse('r5', 'example-advanced-create');
    expect(e).toMatchObject({
      '@timestamp': '2020-04-29T09:49:00.000Z',
      'event.action': 'fhir-create',
      'health.purpose_of_use': 'TREAT',
      'health.break_glass': false,
      'source.ip': '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      'health.patient.pseudonym': PATIENT_REF,
      'health.object': 'List/example',
      'user.name': 'Betty Jones',
    });
  });

  it('error: outcome.code from issue-severity (error) is a failure', () => {
    expect(parse('r5', 'example-error')).toMatchObject({ 'event.outcome': 'failure', 'event.action': 'fhir-create' });
  });

  it('disclosure: same patient pseudonym as in R4 (R5 `patient` reference)', () => {
    expect(parse('r5', 'example-disclosure')['health.patient.pseudonym']).toBe(PATIENT_REF);
  });

  it('consent decision: query, requestor by identifier', () => {
    expect(parse('r5', 'example-consent-permit-authz')).toMatchObject({ 'event.action': 'query', 'user.name': 'Org1', 'health.object': 'Consent/consent-example-basic' });
  });

  it('rest read of Patient/example/_history/1 in both versions gives the same pseudonym', () => {
    expect(parse('r5', 'example-rest')['health.patient.pseudonym']).toBe(parse('r4', 'example-rest')['health.patient.pseudonym']);
  });
});

describe('Bundles and ndjson', () => {
  const r4Login = JSON.parse(read('r4', 'example-login'));
  const r5Break = JSON.parse(read('r5', 'example-breakglass-start'));
  const bundle = {
    resourceType: 'Bundle',
    id: 'b1',
    type: 'searchset',
    total: 3,
    entry: [{ resource: r4Login }, { resource: { resourceType: 'Patient', id: 'x' } }, { resource: r5Break }],
  };

  it('keeps AuditEvent entries, ignores and counts the others', () => {
    const r = parseFhirDocument(JSON.stringify(bundle, null, 2), ctx);
    const events = eventsOf(r);
    expect(events.map((e) => e['event.action'])).toEqual(['user-login', 'emergency-override-start']);
    expect(r.ok && r.ignored).toBe(1);
    expect(events[1].attributes?.['fhir.bundle.type']).toBe('searchset');
    expect(events[1]['event.original']).not.toContain('Patient/example');
    expect(JSON.parse(events[0]['event.original']).id).toBe('example-login');
  });

  for (const type of ['collection', 'transaction', 'history']) {
    it(`accepts a ${type} Bundle`, () => {
      expect(eventsOf(parseFhirDocument(JSON.stringify({ ...bundle, type }), ctx))).toHaveLength(2);
    });
  }

  it('an empty searchset is zero events; a Bundle of non-AuditEvents is quarantined', () => {
    expect(eventsOf(parseFhirDocument('{"resourceType":"Bundle","type":"searchset","total":0}', ctx))).toEqual([]);
    const r = parseFhirDocument('{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]}', ctx);
    expect(r).toMatchObject({ ok: false, code: 'unparseable' });
  });

  it('one unmappable entry quarantines the whole Bundle, naming the entry', () => {
    const bad = { ...bundle, entry: [{ resource: r4Login }, { resource: { resourceType: 'AuditEvent', id: 'no-time' } }] };
    const r = parseFhirDocument(JSON.stringify(bad), ctx);
    expect(r).toMatchObject({ ok: false, code: 'missing-field' });
    expect(!r.ok && r.reason).toMatch(/entry 2\/2/);
  });

  it('ndjson: each line is routed to FHIR by the JSON-lines parser', () => {
    const lines = [read('r4', 'example-rest'), read('r5', 'example-media')].map((t) => JSON.stringify(JSON.parse(t)));
    const events: NormalizedEvent[] = lines.map((l) => only(jsonParser.parse(l, ctx)));
    expect(events.map((e) => e['event.action'])).toEqual(['fhir-vread', 'patient-record-export']);
    expect(events[1]['health.patient.pseudonym']).toBe(MEDIA_PATIENT);
    for (const e of events) expect(storedText(e)).not.toMatch(/Patient\/example|e3cdfc81a0d24bd/);
  });

  it('pretty-printed examples are whole documents, ndjson lines are lines; auto-detection picks FHIR', () => {
    expect(detectDocumentFormat(read('r4', 'example-login'))).toBe('fhir-document');
    expect(detectDocumentFormat(JSON.stringify(bundle, null, 1))).toBe('fhir-document');
    const line = JSON.stringify(JSON.parse(read('r5', 'example-breakglass-start')));
    expect(detectDocumentFormat(`${line}\n${line}\n`)).toBe('lines');
    const r = parseRecord(line, 'auto', ctx);
    expect(r.format).toBe('fhir');
    expect(only(r)['health.break_glass']).toBe(true);
    expect(only(parseRecord(read('r4', 'example-media'), 'fhir', ctx))['health.patient.pseudonym']).toBe(MEDIA_PATIENT);
  });

  it('other resources and non-objects are refused with a reason', () => {
    expect(parseFhirDocument('{"resourceType":"Patient","id":"1"}', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
    expect(parseFhirDocument('[1,2]', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
    expect(parseFhirDocument('{"a":1}', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
    expect(parseFhirDocument('{"resourceType":', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
  });
});

describe('R4/R5 shape details', () => {
  const base = {
    resourceType: 'AuditEvent',
    action: 'R',
    recorded: '2024-05-02T10:00:00+02:00',
    agent: [{ who: { identifier: { value: '810001234567' }, display: 'Dr Jeanne Dupont' }, requestor: true, network: { address: '10.1.2.3', type: '2' } }],
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' },
    outcome: '0',
    entity: [
      {
        what: { identifier: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '284097510812345' } },
        type: { code: '1' },
        role: { code: '1', system: 'http://terminology.hl7.org/CodeSystem/object-role' },
        name: 'DURAND Alice',
      },
      { what: { reference: 'DocumentReference/cr-2024-118' } },
    ],
  };

  it('R4: patient identifier system urn:oid is normalised, name hidden, object and user mapped', () => {
    const e = only(parseFhirDocument(JSON.stringify(base), ctx));
    expect(e).toMatchObject({
      '@timestamp': '2024-05-02T08:00:00.000Z',
      'event.action': 'patient-record-read',
      'user.id': '810001234567',
      'source.ip': '10.1.2.3',
      'health.object': 'DocumentReference/cr-2024-118',
      'health.patient.pseudonym': testPseudonymise('284097510812345', '1.2.250.1.213.1.4.8'),
    });
    expect(storedText(e)).not.toMatch(/284097510812345|DURAND Alice/);
  });

  for (const [code, outcome] of [['0', 'success'], ['4', 'failure'], ['8', 'failure'], ['12', 'failure']] as const) {
    it(`R4 outcome ${code} → ${outcome}`, () => {
      expect(only(parseFhirDocument(JSON.stringify({ ...base, outcome: code }), ctx))['event.outcome']).toBe(outcome);
    });
  }

  it('R4 purposeOfEvent ETREAT ⇒ break-glass; subtype 110127 ⇒ break-glass', () => {
    const purpose = { ...base, purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }] }] };
    expect(only(parseFhirDocument(JSON.stringify(purpose), ctx))).toMatchObject({ 'health.break_glass': true, 'health.purpose_of_use': 'ETREAT' });
    const subtype = { ...base, subtype: [{ code: '110127', display: 'Emergency Override Started' }] };
    expect(only(parseFhirDocument(JSON.stringify(subtype), ctx))['health.break_glass']).toBe(true);
  });

  it('R5: outcome.code, networkUri, occurredPeriod, agent authorization', () => {
    const r5 = {
      resourceType: 'AuditEvent',
      category: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110' }] }],
      action: 'U',
      occurredPeriod: { start: '2024-05-02T09:59:00Z', end: '2024-05-02T10:00:00Z' },
      recorded: '2024-05-02T10:00:05Z',
      outcome: { code: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-outcome', code: '4' } },
      agent: [{ who: { reference: 'Practitioner/77' }, requestor: true, networkUri: 'https://192.0.2.10:8443/fhir', authorization: [{ coding: [{ code: 'TREAT' }] }] }],
      patient: { identifier: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '284097510812345' } },
    };
    const e = only(parseFhirDocument(JSON.stringify(r5), ctx));
    expect(e).toMatchObject({
      '@timestamp': '2024-05-02T09:59:00.000Z',
      'event.outcome': 'failure',
      'event.severity': 'low',
      'event.action': 'patient-record-update',
      'source.ip': '192.0.2.10',
      'health.purpose_of_use': 'TREAT',
      'health.patient.pseudonym': testPseudonymise('284097510812345', '1.2.250.1.213.1.4.8'),
    });
    expect(e.attributes?.['fhir.version']).toBe('R5');
    expect(e['event.original']).not.toContain('284097510812345');
  });

  it('a contained Patient referenced as #id: its identifier gives the pseudonym, names and phone are hidden', () => {
    const contained = {
      ...base,
      contained: [
        {
          resourceType: 'Patient',
          id: 'pat',
          identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: '190017512345678' }, { system: 'urn:oid:1.2.250.1.71', value: 'IPP-556677' }],
          name: [{ family: 'Lefebvre', given: ['Camille'] }],
          telecom: [{ system: 'phone', value: '+33 6 12 34 56 78' }],
        },
      ],
      entity: [{ what: { reference: '#pat' }, role: { code: '1', system: 'http://terminology.hl7.org/CodeSystem/object-role' } }],
    };
    const e = only(parseFhirDocument(JSON.stringify(contained), ctx));
    expect(e['health.patient.pseudonym']).toBe(testPseudonymise('190017512345678', '1.2.250.1.213.1.4.8'));
    expect(storedText(e)).not.toMatch(/190017512345678|IPP-556677|Lefebvre|Camille|12 34 56 78/);
  });

  it('a patient acting as requestor is not exposed as user', () => {
    const portal = { ...base, entity: [], agent: [{ who: { reference: 'Patient/pat-9' }, requestor: true }] };
    const e = only(parseFhirDocument(JSON.stringify(portal), ctx));
    expect(storedText(e)).not.toContain('Patient/pat-9');
    expect(e['health.patient.pseudonym']).toBe(testPseudonymise('Patient/pat-9'));
  });

  it('missing or invalid time is quarantined with a code', () => {
    const { recorded: _r, ...noTime } = base;
    expect(parseFhirDocument(JSON.stringify(noTime), ctx)).toMatchObject({ ok: false, code: 'missing-field' });
    expect(parseFhirDocument(JSON.stringify({ ...base, recorded: 'yesterday' }), ctx)).toMatchObject({ ok: false, code: 'invalid-timestamp' });
  });

  it('codes that are Object.prototype names are unknown codes', () => {
    const odd = { ...base, severity: 'constructor', action: '__proto__', outcome: 'toString', type: { code: 'constructor' } };
    const e = only(parseFhirDocument(JSON.stringify(odd), ctx));
    expect(e).toMatchObject({ 'event.severity': 'info', 'event.outcome': 'unknown', 'event.action': 'constructor', 'event.category': 'process' });
  });

  it('a failing pseudonymiser quarantines the resource', () => {
    const broken = testContext({ pseudonymise: () => { throw new Error('no key'); } });
    expect(parseFhirDocument(JSON.stringify(base), broken)).toMatchObject({ ok: false, code: 'unparseable' });
  });

  it('source hints override dataset and service', () => {
    const e = only(parseFhirDocument(JSON.stringify(base), testContext({ service: 'Portail-Coordination', dataset: 'portail.audit' })));
    expect(e).toMatchObject({ 'service.name': 'Portail-Coordination', 'event.dataset': 'portail.audit' });
  });
});
