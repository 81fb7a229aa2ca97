/**
 * IHE ATNA / DICOM PS3.15 audit messages, on the fixtures written for Vigie
 * in tests/fixtures/atna (see its README: DICOM A.5 and RFC 3881 schemas,
 * hostile documents).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atnaParser, parseAtnaDocument } from '../../../../main/ingest/parsers/atna';
import { detectDocumentFormat, parseRecord } from '../../../../main/ingest/registry';
import { auditMessageSlices, decodeXml, xmlDepthExceeded } from '../../../../main/ingest/parsers/atna-xml';
import { ATNA_FIXTURES, eventsOf, only, storedText, testContext, testPseudonymise } from './json-test-context';

const ctx = testContext();
const fixture = (name: string) => readFileSync(join(ATNA_FIXTURES, name), 'utf8');
const parse = (name: string) => only(atnaParser.parse(fixture(name), ctx));

const IPP42 = testPseudonymise('IPP20240042', '1.2.250.1.999.1.1.1');

describe('DICOM PS3.15 / IHE ATNA messages', () => {
  it('login success (110114 / 110122): user, role, source IP, audit source', () => {
    const e = parse('login-success.xml');
    expect(e).toMatchObject({
      '@timestamp': '2024-03-12T07:15:02.123Z',
      'event.dataset': 'atna.audit',
      'event.category': 'authentication',
      'event.action': 'user-login',
      'event.outcome': 'success',
      'event.severity': 'info',
      'user.name': 'jdupont',
      'user.id': '810001234567',
      'user.roles': ['Médecin'],
      'source.ip': '10.12.4.57',
      'host.name': 'pacs01.chu-exemple.fr',
      'health.break_glass': false,
      'health.patient.pseudonym': null,
    });
    expect(e.attributes).toMatchObject({ 'user.full_name': 'Jeanne Dupont', 'atna.schema': 'dicom', 'destination.address': 'pacs01.chu-exemple.fr' });
    expect(e['event.original']).toBe(fixture('login-success.xml').trim());
  });

  it('login failure: outcome 4 → failure, severity low, reason kept', () => {
    const e = parse('login-failure.xml');
    expect(e).toMatchObject({ 'event.outcome': 'failure', 'event.severity': 'low', 'destination.ip': '10.12.1.20' });
    expect(e.attributes?.['event.reason']).toBe('Invalid credentials');
  });

  it('patient record read (110110, R): pseudonymised CX patient, study as object, no raw IPP or name anywhere', () => {
    const e = parse('patient-record-read.xml');
    expect(e).toMatchObject({
      'event.category': 'database',
      'event.action': 'patient-record-read',
      'health.patient.pseudonym': IPP42,
      'health.object': '1.2.250.1.999.2.20240312.7781',
      'health.purpose_of_use': 'TREAT',
      '@timestamp': '2024-03-12T08:02:11.500Z',
    });
    const stored = storedText(e);
    for (const raw of ['IPP20240042', 'MARTIN', 'Louise']) expect(stored).not.toContain(raw);
    expect(e['event.original']).toContain(`ParticipantObjectID="${IPP42}"`);
    expect(e['event.original']).toContain(`<ParticipantObjectName>${IPP42}</ParticipantObjectName>`);
    const objects = e.attributes?.['atna.objects'] as { id?: string; patient: boolean }[];
    expect(objects.map((o) => o.patient)).toEqual([true, false]);
    expect(objects[0].id).toBe(IPP42);
  });

  it('export (110106): patient-record-export, same patient pseudonym as the read', () => {
    expect(parse('export.xml')).toMatchObject({
      'event.category': 'file',
      'event.action': 'patient-record-export',
      'health.patient.pseudonym': IPP42,
      'user.name': 'mbernard',
    });
  });

  it('security alert (110113 / 110129): configuration change, severity at least medium', () => {
    expect(parse('security-alert.xml')).toMatchObject({
      'event.category': 'configuration',
      'event.action': 'security-configuration-change',
      'event.severity': 'medium',
      'user.roles': ['Hospital administrator'],
      'health.object': 'audit-repository.conf',
    });
  });

  it('emergency override (110127) with PurposeOfUse ETREAT: break-glass on an INS patient', () => {
    const e = parse('emergency-override.xml');
    expect(e).toMatchObject({
      'event.category': 'iam',
      'event.action': 'emergency-override-start',
      'health.break_glass': true,
      'health.purpose_of_use': 'ETREAT',
      'health.patient.pseudonym': testPseudonymise('2840975108123', '1.2.250.1.213.1.4.8'),
      'event.severity': 'medium',
    });
    expect(storedText(e)).not.toMatch(/2840975108123|DURAND|Alice/);
    expect(e.message).toContain('bris de glace');
  });

  it('RFC 3881 legacy attributes (code/displayName), no offset → source zone, patient by IDTypeCode 2', () => {
    const e = parse('rfc3881-legacy.xml');
    expect(e).toMatchObject({
      '@timestamp': '2011-05-04T12:30:00.000Z',
      'event.action': 'patient-record-update',
      'event.outcome': 'failure',
      'event.severity': 'medium',
      'user.roles': ['Secrétaire médicale'],
      'health.patient.pseudonym': testPseudonymise('778899'),
    });
    expect(e.attributes?.['atna.schema']).toBe('rfc3881');
    expect(e.attributes?.['atna.audit_source']).toMatchObject({ site: 'CH-AUTRE', types: [{ code: '4' }] });
    expect(storedText(e)).not.toMatch(/778899|BLANC|Hugo/);
    const utc = only(parseAtnaDocument(fixture('rfc3881-legacy.xml'), testContext({ timezone: 'UTC' })));
    expect(utc['@timestamp']).toBe('2011-05-04T14:30:00.000Z');
  });

  it('IHE+RFC-3881 syslog payload: the XML after the header parses (instances stored)', () => {
    const line = fixture('syslog-ihe-rfc3881.log').trim();
    expect(line).toMatch(/^<85>1 \S+ \S+ \S+ \S+ IHE\+RFC-3881 - </);
    const e = only(atnaParser.parse(line.slice(line.indexOf('<?xml')), ctx));
    expect(e).toMatchObject({
      'event.category': 'network',
      'event.action': 'study-store',
      'source.ip': '10.12.6.11',
      'destination.ip': '10.12.1.20',
      'health.patient.pseudonym': testPseudonymise('IPP20240077', '1.2.250.1.999.1.1.1'),
    });
    expect(storedText(e)).not.toContain('IPP20240077');
  });

  it('IHE+RFC-3881 syslog line through the registry (auto and syslog): the ATNA event, patient hidden', () => {
    const line = fixture('syslog-ihe-rfc3881.log').trim();
    for (const format of ['auto', 'syslog'] as const) {
      const r = parseRecord(line, format, ctx);
      const e = only(r);
      expect(r.format).toBe('syslog');
      expect(e).toMatchObject({ 'event.action': 'study-store', 'health.patient.pseudonym': testPseudonymise('IPP20240077', '1.2.250.1.999.1.1.1') });
      expect(storedText(e)).not.toContain('IPP20240077');
    }
  });

  it('files are recognised as whole ATNA documents and parse through the registry', () => {
    for (const f of ['login-success.xml', 'multiple-messages.xml', 'rfc3881-legacy.xml', 'hostile-xxe.xml']) {
      expect(detectDocumentFormat(fixture(f).slice(0, 4096))).toBe('atna-document');
    }
    expect(eventsOf(parseRecord(fixture('multiple-messages.xml'), 'auto', ctx))).toHaveLength(2);
    expect(parseRecord(fixture('hostile-billion-laughs.xml'), 'auto', ctx)).toMatchObject({ ok: false, code: 'dtd-forbidden' });
  });

  it('several AuditMessage elements: one event each, each with its own verbatim original', () => {
    const text = fixture('multiple-messages.xml');
    const events = eventsOf(atnaParser.parse(text, ctx));
    expect(events.map((e) => e['event.action'])).toEqual(['query', 'study-retrieve']);
    expect(events[0]['event.original']).toMatch(/^<AuditMessage>[\s\S]*110112[\s\S]*<\/AuditMessage>$/);
    expect(events[1]['event.original']).toContain('110104');
    expect(events[1]['event.original']).not.toContain('110112');
    expect(text).toContain(events[1]['event.original']);
    expect(events[1]).toMatchObject({ 'source.ip': '10.12.4.57', 'destination.ip': '10.12.1.20' });
  });

  it('a failing pseudonymiser quarantines the message', () => {
    const broken = testContext({ pseudonymise: () => { throw new Error('no key'); } });
    expect(atnaParser.parse(fixture('patient-record-read.xml'), broken)).toMatchObject({ ok: false, code: 'unparseable' });
    expect(atnaParser.parse(fixture('login-success.xml'), broken).ok).toBe(true);
  });

  it('sniffs AuditMessage documents', () => {
    expect(atnaParser.sniff(fixture('login-success.xml'))).toBeGreaterThan(0.9);
    expect(atnaParser.sniff('{"a":1}')).toBe(0);
  });
});

describe('hostile XML is refused before any parser runs', () => {
  for (const [file, code] of [
    ['hostile-xxe.xml', 'dtd-forbidden'],
    ['hostile-billion-laughs.xml', 'dtd-forbidden'],
    ['hostile-doctype-only.xml', 'dtd-forbidden'],
    ['hostile-deep-nesting.xml', 'too-deep'],
    ['hostile-not-well-formed.xml', 'unparseable'],
  ] as const) {
    it(`${file} → ${code}, fast`, () => {
      const t0 = performance.now();
      const r = atnaParser.parse(fixture(file), ctx);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe(code);
      expect(r.reason).toMatch(/line \d+, column \d+/);
      if (code === 'dtd-forbidden') expect(r.reason).toMatch(/never resolved/);
    });
  }

  it('never resolves an entity, even one without a DTD', () => {
    const xml = fixture('login-success.xml').replace('jdupont', '&xxe;');
    const e = only(atnaParser.parse(xml, ctx));
    expect(e['user.name']).toBe('&xxe;');
  });

  it('refuses an ENTITY declaration hidden after the root, and lower-case doctype', () => {
    expect(atnaParser.parse('<AuditMessage/><!ENTITY a "b">', ctx)).toMatchObject({ code: 'dtd-forbidden' });
    expect(atnaParser.parse('<!doctype x><AuditMessage/>', ctx)).toMatchObject({ code: 'dtd-forbidden' });
  });

  it('100k nested elements and a 1 MB attribute stay fast', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    let t0 = performance.now();
    expect(atnaParser.parse(deep, ctx)).toMatchObject({ code: 'too-deep' });
    expect(performance.now() - t0).toBeLessThan(3000);
    const wide = `<AuditMessage x="${'y'.repeat(1_000_000)}"/>`;
    t0 = performance.now();
    expect(atnaParser.parse(wide, ctx).ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('size limit → too-long; empty → empty; no AuditMessage → unparseable; missing fields → missing-field', () => {
    const small = testContext({ limits: { maxRecordBytes: 100, maxDepth: 64 } });
    expect(atnaParser.parse(fixture('login-success.xml'), small)).toMatchObject({ code: 'too-long' });
    expect(atnaParser.parse('   ', ctx)).toMatchObject({ code: 'empty' });
    expect(atnaParser.parse('<Other><x/></Other>', ctx)).toMatchObject({ code: 'unparseable' });
    expect(atnaParser.parse('<AuditMessage><ActiveParticipant UserID="a"/></AuditMessage>', ctx)).toMatchObject({ code: 'missing-field' });
    const noDate = '<AuditMessage><EventIdentification EventActionCode="R"><EventID csd-code="110110"/></EventIdentification></AuditMessage>';
    expect(atnaParser.parse(noDate, ctx)).toMatchObject({ code: 'missing-field' });
    expect(atnaParser.parse(noDate.replace('EventActionCode="R"', 'EventDateTime="hier"'), ctx)).toMatchObject({ code: 'invalid-timestamp' });
  });

  it('codes that are Object.prototype names are unknown codes, not crashes', () => {
    const xml = '<AuditMessage><EventIdentification EventActionCode="constructor" EventDateTime="2024-01-01T00:00:00Z" EventOutcomeIndicator="toString"><EventID csd-code="__proto__"/><EventTypeCode csd-code="constructor"/></EventIdentification></AuditMessage>';
    const e = only(atnaParser.parse(xml, ctx));
    expect(e).toMatchObject({ 'event.outcome': 'unknown', 'event.category': 'process', 'event.action': 'proto' });
  });

  it('a prototype-polluting element name is refused, not obeyed', () => {
    const r = atnaParser.parse('<AuditMessage><__proto__ polluted="1"/></AuditMessage>', ctx);
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('XML helpers', () => {
  it('decodes only the predefined entities and numeric references', () => {
    expect(decodeXml('a&amp;b&lt;&gt;&quot;&apos;&#233;&#xE9;&nbsp;&#0;')).toBe('a&b<>"\'éé&nbsp;&#0;');
  });

  it('measures depth outside comments, CDATA and attribute values', () => {
    expect(xmlDepthExceeded('<a><!-- <b><c><d> --><![CDATA[<e><f>]]><g x="<h>"/></a>', 2)).toBeNull();
    expect(xmlDepthExceeded('<a><b><c/></b></a>', 1)).toBe(3);
  });

  it('delimits AuditMessage elements, or gives up when it cannot', () => {
    expect(auditMessageSlices('<r><AuditMessage a="1">x</AuditMessage><AuditMessage/></r>', 2)).toEqual([
      '<AuditMessage a="1">x</AuditMessage>',
      '<AuditMessage/>',
    ]);
    expect(auditMessageSlices('<r><AuditMessage>x</AuditMessage></r>', 2)).toBeUndefined();
  });
});
