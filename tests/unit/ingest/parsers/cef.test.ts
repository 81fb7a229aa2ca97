/**
 * CEF parsing. Fixture (read in place): jc-parsers/cef.out → cef.json,
 * kellyjonbrazil/jc @ ac8120e1 (MIT) — CEF with header and extension escaping edge cases.
 */
import { describe, expect, it } from 'vitest';
import { parseCefExtension, splitCefHeader, unescapeCefValue } from '../../../../main/ingest/parsers/cef-extension';
import { cefParser } from '../../../../main/ingest/parsers/cef';
import { scaleSeverity } from '../../../../main/ingest/parsers/cef-fields';
import type { NormalizedEvent } from '../../../../main/events/types';
import { assertStorable, failureOf, fixtureLines, readFixture, testContext, testPseudonym } from './syslog-context';

const ctx = testContext();
const parse = (line: string) => cefParser.parse(line, ctx);
const one = (line: string): NormalizedEvent => assertStorable(parse(line))[0];
const ext = (e: NormalizedEvent) => e.attributes?.['cef.extensions'] as Record<string, string>;

/** jc renames keys: '.', '-' and ' ' → '_'. */
const jcKey = (k: string) => k.replace(/[.\- ]/g, '_');

/** Fields jc computes rather than reads. */
const COMPUTED = /(?:_epoch|_epoch_utc)$|^(?:agentSeverityString|agentSeverityNum|deviceEventClassIdNum)$/;

/**
 * Deliberate differences with jc, per line of cef.out (0-based):
 * - 0, 1 (Fortinet): the extension holds `msg="EventID=… IncidentID=…"`. CEF has no quoting: a value runs up
 *   to the space before the next `key=`, and `EventID=` (after a quote, not a space) is not a key, so Vigie
 *   keeps `msg` = `"EventID=1845921387423247329` where jc drops `msg` and invents an `EventID` key.
 * - 3 (Trend Micro): `TrendMicroDsMalwareTargetType=N/TrendMicroDsFileMD5=44D8…` — the second `=` follows
 *   `/`, not a space, so it is part of the value; jc produces a key `N_TrendMicroDsFileMD5` instead.
 */
const NOT_COMPARED: Record<number, string[]> = { 0: ['EventID'], 1: ['EventID'], 3: ['N_TrendMicroDsFileMD5'] };

describe('jc CEF pairs', () => {
  const lines = fixtureLines('jc-parsers/cef.out');
  const expected = JSON.parse(readFixture('jc-parsers/cef.json')) as Record<string, unknown>[];

  it('has one expectation per line', () => expect(lines.length).toBe(expected.length));

  it.each(lines.map((l, i) => [i, l] as const))('line %i: the fields jc states', (i, line) => {
    const want = expected[i];
    if ('unparsable' in want) {
      const f = failureOf(parse(line));
      expect(f.code).toBe('unparseable');
      expect(f.reason).toMatch(/CEF:/);
      return;
    }
    const e = one(line);
    const a = e.attributes ?? {};
    const header: Record<string, unknown> = {
      deviceVendor: a['observer.vendor'],
      deviceProduct: a['observer.product'],
      deviceVersion: a['observer.version'],
      deviceEventClassId: a['event.code'],
      name: a['cef.name'],
      agentSeverity: a['cef.severity'],
      CEFVersion: a['cef.version'],
    };
    const ours: Record<string, string> = {};
    for (const [k, v] of Object.entries(ext(e))) ours[jcKey(k)] = v;
    for (const [k, v] of Object.entries(want)) {
      if (COMPUTED.test(k) || NOT_COMPARED[i]?.includes(k)) continue;
      if (k in header) expect(header[k], k).toBe(v);
      else expect(ours[k], k).toBe(String(v));
    }
    expect(e['event.original']).toBe(line);
  });

  it('line 0: quoted msg is a plain CEF value (see NOT_COMPARED)', () => {
    const e = one(lines[0]);
    expect(ext(e).msg).toBe('"EventID=1845921387423247329');
    expect(e.message).toBe('"EventID=1845921387423247329');
    expect(ext(e).Description).toBe('"SAMBA Login with password: lovely""');
  });

  it('line 3: a "=" not preceded by a space stays in the value', () => {
    expect(ext(one(lines[3])).TrendMicroDsMalwareTargetType).toBe('N/TrendMicroDsFileMD5=44D88612FEA8A8F36DE82E1278ABB02F');
  });

  it('line 4: every extension escape', () => {
    expect(ext(one(lines[4])).string).toBe(
      'hello "world" this is a backslash: \\ and this is a bracket ] this is equal =, this is pipe |, this is newline \n and another newline \n the end!',
    );
  });

  it('line 5: start=… UTC gives @timestamp; custom labels name the values', () => {
    const e = one(lines[5]);
    expect(e['@timestamp']).toBe('2020-11-08T12:30:00.111Z');
    expect(ext(e)).toMatchObject({ 'Host ID': '1', Quarantine: '205', myDate: 'Nov 08 2022 12:30:00.111', myFloat: '3.14', myTimestampDate: '1660966164045' });
    expect(ext(e).cn1).toBeUndefined();
    expect(ext(e).cn1Label).toBeUndefined();
    expect(e['host.name']).toBe('hostname');
    expect(e['event.category']).toBe('malware');
    expect(e['event.severity']).toBe('medium');
  });

  it('line 6 (Incapsula): rt absent → end (ms epoch); ECS mapping', () => {
    const e = one(lines[6]);
    expect(e['@timestamp']).toBe(new Date(1566300670892).toISOString());
    expect(e.attributes?.['event.start']).toBe(new Date(1453290121336).toISOString());
    expect(e['source.ip']).toBe('12.12.12.12');
    expect(e['event.action']).toBe('req-challenge-captcha');
    expect(e['event.category']).toBe('web');
    expect(e.attributes).toMatchObject({
      'url.original': 'site123.abcd.info/',
      'http.request.method': 'GET',
      'user_agent.original': 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:40.0) Gecko/20100101 Firefox/40.0',
      'network.protocol': 'HTTP',
      'process.name': 'Browser',
    });
    expect(e['process.name']).toBe('Browser');
    expect(e['user.id']).toBe('50005477');
  });

  it('line 9 (template placeholders): unreadable time → reception time, reason kept', () => {
    const e = one(lines[9]);
    expect(e['@timestamp']).toBe(ctx.receivedAt.toISOString());
    expect(e.attributes?.['cef.time_error.start']).toMatch(/unrecognised date format/);
    expect(e['event.severity']).toBe('info');
    expect(e['source.ip']).toBeNull();
  });

  it('line 10: CEF after an RFC 5424 header takes host and time from it', () => {
    const e = one(lines[10]);
    expect(e['host.name']).toBe('host');
    expect(e['@timestamp']).toBe('2021-06-18T10:55:50.000Z');
    expect(e['event.severity']).toBe('low');
  });

  it('line 11: ArcSight header with an ambiguous zone (IST): host kept, time not guessed', () => {
    const e = one(lines[11]);
    expect(e['host.name']).toBe('10.17.4.208');
    expect(e.attributes?.['vigie.timestamp_source']).toBe('received');
    expect(e.attributes?.['cef.header_prefix']).toBe('Dec 03 2017 16:31:28.861 IST 10.17.4.208');
  });

  it('last line: "src=Test Role 10" is not an address; rt with IST is reported', () => {
    const e = one(lines[lines.length - 1]);
    expect(e['source.ip']).toBeNull();
    expect(ext(e).src).toBe('Test Role 10');
    expect(e.attributes?.['cef.time_error.rt']).toMatch(/ambiguous time zone IST/);
  });
});

describe('CEF syntax', () => {
  it('header escapes \\| and \\\\', () => {
    const h = splitCefHeader(String.raw`CEF:0|Ven\|dor|Pro\\duct|1.0|100|Name \| with pipe|5|a=b`, 4);
    expect(h).toMatchObject({ version: '0', vendor: 'Ven|dor', product: 'Pro\\duct', name: 'Name | with pipe', severity: '5' });
  });

  it('a header without extension is accepted; fewer fields are not', () => {
    expect(one('CEF:0|V|P|1|100|Name|3').message).toBe('Name');
    const f = failureOf(parse('CEF:0|V|P|1|100'));
    expect(f.reason).toMatch(/7 '\|'-separated fields/);
    expect(failureOf(parse('CEF:x|V|P|1|100|N|1|')).reason).toMatch(/version/);
  });

  it('values with spaces, escaped = and trailing spaces', () => {
    expect(parseCefExtension(String.raw`msg=hello world  act=block  q=a\=b c=C:\Users\x`).fields).toEqual({ msg: 'hello world', act: 'block', q: 'a=b', c: 'C:\\Users\\x' });
  });

  it('\\n and \\r become line breaks; other backslashes before letters are kept', () => {
    expect(unescapeCefValue(String.raw`a\nb\rc\\d\=e\tf`)).toBe('a\nb\rc\\d=e\\tf');
  });

  it('a __proto__ key stays data', () => {
    const e = one('CEF:0|V|P|1|1|N|1|__proto__=x constructor=y');
    expect(ext(e)['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['0', 'info'], ['1', 'low'], ['3', 'low'], ['4', 'medium'], ['6', 'medium'], ['7', 'high'], ['8', 'high'], ['9', 'critical'], ['10', 'critical'],
    ['Unknown', 'info'], ['Low', 'low'], ['Medium', 'medium'], ['High', 'high'], ['Very-High', 'critical'], ['very high', 'critical'],
  ])('severity %s → %s', (raw, want) => expect(scaleSeverity(raw)).toBe(want));

  it('well-known keys → ECS fields', () => {
    const e = one(
      'CEF:0|Hub|SRI|2.1|login|User login|3|rt=Jun 15 2024 10:00:00 suser=jdupont duser=other src=10.0.0.1 dst=10.0.0.2 spt=5555 dpt=443 dvchost=sri-01 act=Login outcome=/Failure msg=Bad password request=https://sri/login',
    );
    expect(e['@timestamp']).toBe('2024-06-15T08:00:00.000Z');
    expect([e['user.name'], e['source.ip'], e['destination.ip'], e['host.name']]).toEqual(['jdupont', '10.0.0.1', '10.0.0.2', 'sri-01']);
    expect([e['event.action'], e['event.outcome'], e.message, e['event.category']]).toEqual(['login', 'failure', 'Bad password', 'authentication']);
    expect(e.attributes).toMatchObject({ 'source.port': 5555, 'destination.port': 443, 'url.original': 'https://sri/login', 'destination.user.name': 'other' });
  });

  it.each([
    ['rt=1718445600000', '2024-06-15T10:00:00.000Z'],
    ['rt=Jun 15 2024 12:00:00.250 CEST', '2024-06-15T10:00:00.250Z'],
    ['rt=Jun 15 2024 10:00:00 UTC', '2024-06-15T10:00:00.000Z'],
    ['rt=2024-06-15T12:00:00+02:00', '2024-06-15T10:00:00.000Z'],
    ['rt=Jun 15 10:00:00', '2024-06-15T08:00:00.000Z'],
    ['end=1718445600000 start=1718445500000', '2024-06-15T10:00:00.000Z'],
  ])('%s → %s', (field, iso) => expect(one(`CEF:0|V|P|1|1|N|1|${field}`)['@timestamp']).toBe(iso));

  it('patient identifiers in extension keys or custom labels are pseudonymised everywhere', () => {
    const line = 'CEF:0|Hub|DMP|1|read|Record read|2|cs1=1840975108123 cs1Label=Patient ID msg=record of 1840975108123 opened suser=dr.martin';
    const e = one(line);
    const p = testPseudonym('1840975108123');
    expect(e['health.patient.pseudonym']).toBe(p);
    expect(JSON.stringify(e)).not.toContain('1840975108123');
    expect(e['event.original']).toBe(line.split('1840975108123').join(p));
    expect(e.message).toBe(`record of ${p} opened`);
  });

  it('after an RFC 3164 header with a TAG: host, program and time from the header', () => {
    const e = one('<13>Jan 18 11:07:53 fw01 fortigate: CEF:0|Fortinet|FortiGate|7.0|1|Allowed|2|src=10.0.0.9');
    expect([e['host.name'], e['process.name'], e['@timestamp'], e['source.ip']]).toEqual(['fw01', 'fortigate', '2024-01-18T10:07:53.000Z', '10.0.0.9']);
  });

  it('sniff: CEF first, CEF after a header, not CEF', () => {
    expect(cefParser.sniff('CEF:0|a|b|c|d|e|1|')).toBeGreaterThan(0.9);
    expect(cefParser.sniff('<13>Jan 18 11:07:53 host CEF:0|a|b|c|d|e|1|')).toBeGreaterThan(0.8);
    expect(cefParser.sniff('<13>Jan 18 11:07:53 host app: nothing here')).toBe(0);
    expect(cefParser.sniff('{"msg":"CEF:0|"}')).toBe(0);
  });

  it('service and dataset', () => {
    const e = one('CEF:0|Trend Micro|Deep Security Agent|1|1|N|1|');
    expect([e['service.name'], e['event.dataset']]).toEqual(['Deep Security Agent', 'cef.deep-security-agent']);
    const c = testContext({ service: 'PACS', dataset: 'pacs.av' });
    const e2 = assertStorable(cefParser.parse('CEF:0|Trend Micro|Deep Security Agent|1|1|N|1|', c))[0];
    expect([e2['service.name'], e2['event.dataset']]).toEqual(['PACS', 'pacs.av']);
  });
});
