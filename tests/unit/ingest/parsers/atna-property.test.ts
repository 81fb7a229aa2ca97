/**
 * Property tests (fast-check) of the ATNA parser: XML-ish noise up to a few
 * KB, generated AuditMessages with arbitrary (escaped) values, and DTD
 * injections anywhere: never a throw, bounded time, events or a code;
 * patient identifiers never survive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atnaParser } from '../../../../main/ingest/parsers/atna';
import { checkResult, storedText, testContext, withinMs } from './json-test-context';

const ctx = testContext();
const run = (text: string) => withinMs(1000, `ATNA parse of ${text.length} characters`, () => atnaParser.parse(text, ctx));

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const tokens = [
  '<', '>', '/', '!', '?', '&', '"', "'", '=', ' ', '\n', 'a', 'AuditMessage', 'EventIdentification', 'EventID', '<AuditMessage>',
  '</AuditMessage>', '<EventID csd-code="110110"/>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#x41;', '&#99999999;', '<?xml version="1.0"?>',
  'EventDateTime="2024-01-01T00:00:00Z"', '<ActiveParticipant UserID="u" UserIsRequestor="true"/>', '__proto__', 'xmlns:a="x"', 'a:',
];
const xmlish = fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 5 })), { maxLength: 600 }).map((a) => a.join(''));

const attrValue = fc.string({ maxLength: 30 });
const message = fc
  .record({
    action: fc.oneof(fc.constantFrom('C', 'R', 'U', 'D', 'E'), attrValue),
    date: fc.oneof(fc.date({ min: new Date('1971-01-01'), max: new Date('2199-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), attrValue),
    outcome: fc.oneof(fc.constantFrom('0', '4', '8', '12'), attrValue),
    eventId: fc.oneof(fc.constantFrom('110100', '110106', '110110', '110113', '110114', '110127'), attrValue),
    typeCode: fc.oneof(fc.constantFrom('110122', '110123', '110127', '110129'), attrValue),
    dicom: fc.boolean(),
    users: fc.array(fc.record({ id: attrValue, requestor: fc.constantFrom('true', 'false', '1', 'x'), nap: fc.oneof(fc.ipV4(), attrValue), role: fc.constantFrom('110150', '110152', '110153', 'X') }), { maxLength: 3 }),
    objects: fc.array(fc.record({ id: attrValue, type: fc.constantFrom('1', '2', '3'), role: fc.constantFrom('1', '3', '24'), name: attrValue }), { maxLength: 3 }),
    purpose: fc.option(fc.constantFrom('TREAT', 'ETREAT', 'HPAYMT')),
  })
  .map((m) => {
    const c = (code: string, text: string) => (m.dicom ? `csd-code="${esc(code)}" codeSystemName="DCM" originalText="${esc(text)}"` : `code="${esc(code)}" displayName="${esc(text)}"`);
    return [
      '<AuditMessage>',
      `<EventIdentification EventActionCode="${esc(m.action)}" EventDateTime="${esc(m.date)}" EventOutcomeIndicator="${esc(m.outcome)}">`,
      `<EventID ${c(m.eventId, 'Event')}/>`,
      `<EventTypeCode ${c(m.typeCode, 'Type')}/>`,
      m.purpose ? `<PurposeOfUse ${c(m.purpose, 'Purpose')}/>` : '',
      '</EventIdentification>',
      ...m.users.map((u) => `<ActiveParticipant UserID="${esc(u.id)}" UserIsRequestor="${u.requestor}" NetworkAccessPointID="${esc(u.nap)}"><RoleIDCode ${c(u.role, 'Role')}/></ActiveParticipant>`),
      '<AuditSourceIdentification AuditSourceID="src"/>',
      ...m.objects.map((o) => `<ParticipantObjectIdentification ParticipantObjectID="${esc(o.id)}" ParticipantObjectTypeCode="${o.type}" ParticipantObjectTypeCodeRole="${o.role}"><ParticipantObjectName>${esc(o.name)}</ParticipantObjectName></ParticipantObjectIdentification>`),
      '</AuditMessage>',
    ].join('');
  });

describe('ATNA parser properties', () => {
  it('XML-ish noise up to a few KB', () => {
    fc.assert(fc.property(xmlish, (s) => checkResult(run(s))), { numRuns: 600 });
  });

  it('any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000, unit: 'binary' }), (s) => checkResult(run(s))), { numRuns: 300 });
  });

  it('generated AuditMessages (DICOM and RFC 3881 attributes, arbitrary values)', () => {
    fc.assert(fc.property(message, (xml) => checkResult(run(xml))), { numRuns: 500 });
  });

  it('a DOCTYPE or ENTITY declaration anywhere is always refused', () => {
    fc.assert(
      fc.property(message, fc.nat(), fc.constantFrom('<!DOCTYPE x>', '<!ENTITY e "v">', '<!doctype x [<!ENTITY a SYSTEM "file:///etc/passwd">]>'), (xml, at, dtd) => {
        const cut = at % (xml.length + 1);
        const r = run(xml.slice(0, cut) + dtd + xml.slice(cut));
        return !r.ok && r.code === 'dtd-forbidden';
      }),
      { numRuns: 200 },
    );
  });

  it('a patient participant identifier never survives', () => {
    const pid = fc.stringMatching(/^ipp-[a-z0-9]{4,12}$/);
    fc.assert(
      fc.property(message, pid, fc.boolean(), (xml, id, cx) => {
        const value = cx ? `${id}^^^CHU&amp;1.2.250.1.9&amp;ISO` : id;
        const patient = `<ParticipantObjectIdentification ParticipantObjectID="${value}" ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"><ParticipantObjectName>${id}</ParticipantObjectName><ParticipantObjectDescription>about ${id}</ParticipantObjectDescription></ParticipantObjectIdentification>`;
        const r = run(xml.replace('</AuditMessage>', `${patient}</AuditMessage>`));
        if (!r.ok) return checkResult(r);
        return r.events.every((e) => !storedText(e).includes(id) && e['health.patient.pseudonym'] !== null);
      }),
      { numRuns: 300 },
    );
  });

  it('generated messages map at least sometimes (the generator is not only noise)', () => {
    const samples = fc.sample(message, { numRuns: 200, seed: 42 });
    const ok = samples.filter((x) => atnaParser.parse(x, ctx).ok).length;
    expect(ok).toBeGreaterThan(20);
  });
});
