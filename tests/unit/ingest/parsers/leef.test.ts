/**
 * LEEF 1.0 / 2.0. Lines written from the examples of IBM's "Log Event Extended Format (LEEF)"
 * specification (QRadar DSM guide: LEEF 1.0 tab-separated, LEEF 2.0 with `^` and hex delimiters,
 * devTime / devTimeFormat).
 */
import { describe, expect, it } from 'vitest';
import { leefDelimiter, leefParser } from '../../../../main/ingest/parsers/leef';
import type { NormalizedEvent } from '../../../../main/events/types';
import { assertStorable, failureOf, testContext, testPseudonym } from './syslog-context';

const ctx = testContext();
const one = (line: string, c = ctx): NormalizedEvent => assertStorable(leefParser.parse(line, c))[0];
const fields = (e: NormalizedEvent) => e.attributes?.['leef.attributes'] as Record<string, string>;

const SPEC_1 = 'Jan 18 11:07:53 host LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black';
const SPEC_2 = 'Jan 18 11:07:53 host LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^dst=172.50.123.1^sev=5^cat=anomaly^srcPort=81^dstPort=21^usrName=joe.black';

describe('IBM LEEF specification examples', () => {
  it.each([['1.0', SPEC_1], ['2.0', SPEC_2]])('LEEF %s', (version, line) => {
    const e = one(line);
    expect(fields(e)).toEqual({ src: '192.0.2.0', dst: '172.50.123.1', sev: '5', cat: 'anomaly', srcPort: '81', dstPort: '21', usrName: 'joe.black' });
    expect([e['source.ip'], e['destination.ip'], e['user.name'], e['host.name']]).toEqual(['192.0.2.0', '172.50.123.1', 'joe.black', 'host']);
    expect(e['event.severity']).toBe('medium');
    expect(e['@timestamp']).toBe('2024-01-18T10:07:53.000Z');
    expect(e['event.original']).toBe(line);
    expect(e.attributes).toMatchObject({ 'leef.version': version, 'leef.category': 'anomaly', 'source.port': 81, 'destination.port': 21 });
    expect(e['event.category']).toBe('network');
  });

  it('header fields', () => {
    const e = one(SPEC_1);
    expect(e.attributes).toMatchObject({ 'observer.vendor': 'Microsoft', 'observer.product': 'MSExchange', 'observer.version': '4.0 SP1', 'event.code': '15345' });
    expect([e['service.name'], e['event.dataset'], e['event.action']]).toEqual(['MSExchange', 'leef.msexchange', 'anomaly']);
  });
});

describe('LEEF 2.0 delimiters', () => {
  it.each([
    ['^', '^'], ['x09', '\t'], ['0x09', '\t'], ['\\x09', '\t'], ['xa6', '\u00a6'], ['0x7C', '|'], ['x0', null], ['xyz', null],
  ])('%s → %j', (field, want) => expect(leefDelimiter(field)).toBe(want));

  it('hex delimiter', () => {
    const e = one('LEEF:2.0|Vendor|Product|1.0|UserLogin|xa6|src=10.0.0.1\u00a6usrName=ana\u00a6sev=8');
    expect(fields(e)).toEqual({ src: '10.0.0.1', usrName: 'ana', sev: '8' });
    expect(e['event.severity']).toBe('high');
    expect(e['event.action']).toBe('user-login');
    expect(e['event.category']).toBe('authentication');
  });

  it('tab given as x09, and the delimiter field omitted (tab)', () => {
    expect(fields(one('LEEF:2.0|V|P|1|41|x09|a=1\tb=2'))).toEqual({ a: '1', b: '2' });
    expect(fields(one('LEEF:2.0|V|P|1|41|a=1\tb=x|y'))).toEqual({ a: '1', b: 'x|y' });
  });

  it('an invalid delimiter is reported', () => {
    expect(failureOf(leefParser.parse('LEEF:2.0|V|P|1|41|xyz|a=1', ctx)).reason).toMatch(/invalid delimiter "xyz"/);
  });
});

describe('devTime', () => {
  it.each([
    ['devTime=Jun 15 2024 12:00:00', '2024-06-15T10:00:00.000Z'],
    ['devTime=1718445600000', '2024-06-15T10:00:00.000Z'],
    ['devTime=Jun 15 2024 10:00:00.123 UTC', '2024-06-15T10:00:00.123Z'],
    ['devTime=2024-06-15T12:00:00.000+0200\tdevTimeFormat=yyyy-MM-dd\'T\'HH:mm:ss.SSSZ', '2024-06-15T10:00:00.000Z'],
    ['devTime=15/06/2024 12:00:00\tdevTimeFormat=dd/MM/yyyy HH:mm:ss', '2024-06-15T10:00:00.000Z'],
    ['devTime=Oct 12 2023 16:43:12.123 EDT\tdevTimeFormat=MMM dd yyyy HH:mm:ss.SSS z', '2023-10-12T20:43:12.123Z'],
    ['devTime=Jun 14 23:00:00\tdevTimeFormat=MMM dd HH:mm:ss', '2024-06-14T21:00:00.000Z'],
  ])('%s → %s', (attrs, iso) => {
    expect(one(`LEEF:1.0|V|P|1|42|${attrs}`)['@timestamp']).toBe(iso);
  });

  it('an unreadable devTime falls back on the header time, with the reason', () => {
    const e = one('Jan 18 11:07:53 host LEEF:1.0|V|P|1|42|devTime=yesterday');
    expect(e['@timestamp']).toBe('2024-01-18T10:07:53.000Z');
    expect(e.attributes?.['leef.time_error']).toMatch(/unrecognised date format/);
  });

  it('no time at all → reception time, noted', () => {
    const e = one('LEEF:1.0|V|P|1|42|src=10.0.0.1');
    expect(e['@timestamp']).toBe(ctx.receivedAt.toISOString());
    expect(e.attributes?.['vigie.timestamp_source']).toBe('received');
  });
});

describe('robustness', () => {
  it('LEEF 1.0 whose tabs became spaces is read like a CEF extension', () => {
    expect(fields(one('LEEF:1.0|V|P|1|42|src=10.0.0.1 usrName=jean dupont sev=2'))).toEqual({ src: '10.0.0.1', usrName: 'jean dupont', sev: '2' });
  });

  it('escaped pipe in the header', () => {
    expect(one('LEEF:1.0|Ven\\|dor|P|1|42|a=1').attributes?.['observer.vendor']).toBe('Ven|dor');
  });

  it.each([
    ['LEEF:3.0|V|P|1|42|a=1', /unsupported version/],
    ['LEEF:1.0|V|P', /header needs/],
    ['no leef here', /no 'LEEF:1\.0\|'/],
  ])('%s fails with a reason', (line, why) => {
    const f = failureOf(leefParser.parse(line, ctx));
    expect(f.code).toBe('unparseable');
    expect(f.reason).toMatch(why);
  });

  it('patient identifiers are pseudonymised everywhere', () => {
    const line = 'LEEF:2.0|Hub|DMP|1|RecordRead|^|usrName=dr.martin^patientId=1840975108123^msg=opened 1840975108123^role=médecin';
    const e = one(line);
    const p = testPseudonym('1840975108123');
    expect(e['health.patient.pseudonym']).toBe(p);
    expect(JSON.stringify(e)).not.toContain('1840975108123');
    expect(e.message).toBe(`opened ${p}`);
    expect(e['user.roles']).toBe('médecin');
  });

  it('sniff', () => {
    expect(leefParser.sniff(SPEC_1)).toBeGreaterThan(0.8);
    expect(leefParser.sniff('LEEF:1.0|a|b|c|d|')).toBeGreaterThan(0.9);
    expect(leefParser.sniff('CEF:0|a|b|c|d|e|1|')).toBe(0);
  });
});
