/**
 * Property tests (fast-check) of the FHIR AuditEvent parser: arbitrary
 * strings, arbitrary JSON, and AuditEvent-shaped resources (R4 and R5 parts
 * mixed at random) give storable events or a quarantine code, in bounded
 * time, and never let a patient identifier through.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fhirParser, parseFhirDocument } from '../../../../main/ingest/parsers/fhir';
import { checkResult, storedText, testContext, withinMs } from './json-test-context';

const ctx = testContext();
const run = (text: string) => withinMs(1000, `FHIR parse of ${text.length} characters`, () => parseFhirDocument(text, ctx));

const code = (values: string[]) => fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 8 }));
const coding = fc.record(
  { system: fc.constantFrom('http://dicom.nema.org/resources/ontology/DCM', 'http://hl7.org/fhir/restful-interaction', 'urn:x'), code: code(['110110', '110114', '110122', '110127', '110113', 'rest', 'read', 'ETREAT', '1']), display: fc.string({ maxLength: 20 }) },
  { requiredKeys: [] },
);
const concept = fc.oneof(coding, fc.record({ coding: fc.array(coding, { maxLength: 3 }), text: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }));
const time = fc.oneof(
  fc.date({ min: new Date('1971-01-01'), max: new Date('2199-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ maxLength: 30 }),
  fc.integer(),
);
const ref = fc.oneof(fc.constantFrom('Patient/p1', 'Practitioner/x', '#o1', 'http://srv/fhir/Patient/p2/_history/3'), fc.string({ maxLength: 20 }));
const who = fc.record({ reference: ref, display: fc.string({ maxLength: 15 }), identifier: fc.record({ system: fc.string({ maxLength: 10 }), value: fc.string({ maxLength: 15 }) }, { requiredKeys: [] }) }, { requiredKeys: [] });
const agent = fc.record(
  {
    who,
    requestor: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })),
    type: concept,
    role: fc.array(concept, { maxLength: 2 }),
    network: fc.record({ address: fc.oneof(fc.ipV4(), fc.string({ maxLength: 15 })), type: fc.constantFrom('1', '2') }, { requiredKeys: [] }),
    networkString: fc.oneof(fc.ipV4(), fc.string({ maxLength: 15 })),
    networkUri: fc.oneof(fc.ipV6().map((ip) => `urn:ipv6:${ip}`), fc.webUrl(), fc.string({ maxLength: 15 })),
    purposeOfUse: fc.array(concept, { maxLength: 2 }),
    authorization: fc.array(concept, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const entity = fc.record(
  {
    what: fc.record({ reference: ref, identifier: fc.record({ system: fc.string({ maxLength: 10 }), value: fc.string({ maxLength: 25 }) }, { requiredKeys: [] }), display: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
    type: concept,
    role: concept,
    name: fc.string({ maxLength: 10 }),
    query: fc.base64String({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);
const auditEvent = fc.record(
  {
    resourceType: fc.constant('AuditEvent'),
    id: fc.string({ maxLength: 10 }),
    type: concept,
    subtype: fc.array(concept, { maxLength: 2 }),
    category: fc.array(concept, { maxLength: 2 }),
    code: concept,
    action: code(['C', 'R', 'U', 'D', 'E']),
    recorded: time,
    occurredDateTime: time,
    period: fc.record({ start: time }, { requiredKeys: [] }),
    outcome: fc.oneof(code(['0', '4', '8', '12']), fc.record({ code: coding, detail: fc.array(concept, { maxLength: 2 }) }, { requiredKeys: [] })),
    severity: code(['alert', 'error', 'informational']),
    purposeOfEvent: fc.array(concept, { maxLength: 2 }),
    authorization: fc.array(concept, { maxLength: 2 }),
    patient: fc.record({ reference: ref }, { requiredKeys: [] }),
    agent: fc.array(agent, { maxLength: 3 }),
    source: fc.record({ site: fc.string({ maxLength: 10 }), observer: who }, { requiredKeys: [] }),
    entity: fc.array(entity, { maxLength: 3 }),
  },
  { requiredKeys: ['resourceType'] },
);

describe('FHIR parser properties', () => {
  it('any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => checkResult(withinMs(1000, 'parse', () => fhirParser.parse(s, ctx)))), { numRuns: 300 });
  });

  it('any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => checkResult(run(JSON.stringify(v)))), { numRuns: 300 });
  });

  it('AuditEvent-shaped resources, alone or in a Bundle', () => {
    fc.assert(
      fc.property(auditEvent, fc.boolean(), (res, inBundle) => {
        const text = JSON.stringify(inBundle ? { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: res }, { resource: { resourceType: 'Patient' } }] } : res);
        return checkResult(run(text));
      }),
      { numRuns: 600 },
    );
  });

  it('a patient entity identifier never survives', () => {
    const pid = fc.stringMatching(/^pat-[a-z0-9]{4,12}$/);
    fc.assert(
      fc.property(auditEvent, pid, fc.constantFrom('identifier', 'reference'), (res, id, how) => {
        const what = how === 'identifier' ? { identifier: { system: 'urn:oid:1.2.3', value: id } } : { reference: `Patient/${id}` };
        const patient = { what, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1' } };
        // Identifiers are scrubbed wherever they occur; a reference is scrubbed in its `Patient/<id>` form.
        const mention = how === 'identifier' ? id : `Patient/${id}`;
        const withPatient = { ...res, recorded: '2024-01-01T00:00:00Z', entity: [patient, ...(res.entity ?? [])], note: `about ${mention}` };
        const r = run(JSON.stringify(withPatient));
        if (!r.ok) return checkResult(r);
        return r.events.every((e) => !storedText(e).includes(mention) && e['health.patient.pseudonym'] !== null);
      }),
      { numRuns: 400 },
    );
  });
});
