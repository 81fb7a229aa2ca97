/**
 * RFC 5424 parsing. Fixtures (read in place, ../shared/fixtures):
 * - rfc-syslog/rfc5424_section6.5_examples.json — RFC 5424 §6.5 examples (IETF);
 * - jc-parsers/syslog-5424.out → syslog-5424.json — kellyjonbrazil/jc @ ac8120e1 (MIT).
 */
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { isFailure } from '../../../../main/ingest/parsers/syslog-5424';
import { parseSyslogParts, syslogParser } from '../../../../main/ingest/parsers/syslog';
import type { Format, ParseContext, ParseResult } from '../../../../main/ingest/types';
import { assertStorable, failureOf, fixtureLines, readFixture, testContext, testPseudonym } from './syslog-context';

interface RfcExample {
  id: string;
  line_as_printed_in_rfc: string;
  expected: Record<string, unknown>;
}

const ctx = testContext();
const parse = (line: string) => syslogParser.parse(line, ctx);
const attrs = (r: ParseResult) => assertStorable(r)[0].attributes ?? {};

describe('RFC 5424 §6.5 examples', () => {
  const examples = (JSON.parse(readFixture('rfc-syslog/rfc5424_section6.5_examples.json')) as { examples: RfcExample[] }).examples;

  it.each(examples.map((e) => [e.id, e] as const))('%s: every field the RFC states', (_id, ex) => {
    // "BOM" in the printed line stands for the bytes EF BB BF (U+FEFF once decoded).
    const line = ex.line_as_printed_in_rfc.replace('BOM', '\uFEFF');
    const want = ex.expected;
    const parts = parseSyslogParts(line, ctx);
    if (isFailure(parts)) throw new Error(parts.reason);
    expect(parts.pri?.value).toBe(want.pri);
    expect(parts.pri?.facility).toBe(want.facility);
    expect(parts.pri?.severity).toBe(want.severity);
    expect(parts.version).toBe(want.version);
    expect(parts.timestamp).toBe(DateTime.fromISO(want.timestamp as string).toMillis());
    expect(parts.host).toBe(want.hostname);
    expect(parts.app).toBe(want.app_name);
    expect(parts.procid).toBe(want.procid);
    expect(parts.msgid).toBe(want.msgid);
    expect(parts.sd).toEqual(want.structured_data);
    expect(parts.msg === '' ? null : parts.msg).toBe(want.msg);
    expect(parts.bom).toBe(String(want.msg_encoding ?? '').includes('BOM present'));

    const [e] = assertStorable(parse(line));
    expect(e['@timestamp']).toBe(new Date(DateTime.fromISO(want.timestamp as string).toMillis()).toISOString());
    expect(e['host.name']).toBe(want.hostname);
    expect(e['process.name']).toBe(want.app_name);
    expect(e['event.original']).toBe(line);
    const a = e.attributes ?? {};
    expect(a['log.syslog.priority']).toBe(want.pri);
    expect(a['log.syslog.facility.code']).toBe(want.facility);
    expect(a['log.syslog.severity.code']).toBe(want.severity);
    expect(a['log.syslog.version']).toBe(want.version);
    expect(a['log.syslog.msgid'] ?? null).toBe(want.msgid);
    expect(a['log.syslog.structured_data'] ?? null).toEqual(want.structured_data);
    if (want.msg) expect(e.message).toBe(want.msg);
  });

  it('example 1: PRI 34 = auth.crit → critical, BOM stripped and noted', () => {
    const line = examples[0].line_as_printed_in_rfc.replace('BOM', '\uFEFF');
    const [e] = assertStorable(parse(line));
    expect(e['event.severity']).toBe('critical');
    expect(e.attributes?.['log.syslog.facility.name']).toBe('auth');
    expect(e.attributes?.['log.syslog.severity.name']).toBe('crit');
    expect(e.attributes?.['log.syslog.bom']).toBe(true);
    expect(e.message.startsWith('\uFEFF')).toBe(false);
    // su's message is one of the recognised ones.
    expect([e['event.category'], e['event.action'], e['event.outcome'], e['user.name']]).toEqual(['authentication', 'su', 'failure', 'lonvick']);
  });

  it('example 4: a message made only of STRUCTURED-DATA keeps it as message', () => {
    const [e] = assertStorable(parse(examples[3].line_as_printed_in_rfc));
    expect(e.message).toBe('[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]');
    expect(e['event.severity']).toBe('low');
    expect(e['event.dataset']).toBe('syslog.evntslog');
    expect(e['service.name']).toBe('evntslog');
  });
});

describe('jc syslog-5424 pairs', () => {
  const lines = fixtureLines('jc-parsers/syslog-5424.out');
  const expected = JSON.parse(readFixture('jc-parsers/syslog-5424.json')) as Record<string, unknown>[];

  it('has one expectation per line', () => expect(lines.length).toBe(expected.length));

  it.each(lines.map((l, i) => [i, l] as const))('line %i', (i, line) => {
    const want = expected[i];
    if ('unparsable' in want) {
      // jc: `<34>1 203-…` (3-digit year) and `<190)1 …` (bad PRI). Both fail here too, with a reason.
      const f = failureOf(parse(line));
      expect(['invalid-timestamp', 'unparseable']).toContain(f.code);
      expect(f.reason).toMatch(/column \d+/);
      return;
    }
    const parts = parseSyslogParts(line, ctx);
    if (isFailure(parts)) throw new Error(parts.reason);
    // jc reads PRI-less and VERSION-less lines leniently; so does Vigie (files written without PRI).
    expect(parts.pri?.value ?? null).toBe(want.priority);
    expect(parts.version ?? null).toBe(want.version);
    if (want.timestamp === null) expect(parts.timestampAssumed).toBe(true);
    else expect(parts.timestamp).toBe(DateTime.fromISO(want.timestamp as string).toMillis());
    expect(parts.host).toBe(want.hostname);
    expect(parts.app).toBe(want.appname);
    expect(parts.procid).toBe(want.proc_id === null ? null : String(want.proc_id));
    expect(parts.msgid).toBe(want.msg_id);
    const sd = want.structured_data as { identity: string; parameters: Record<string, string> }[] | null;
    expect(parts.sd).toEqual(sd === null ? null : Object.fromEntries(sd.map((el) => [el.identity, el.parameters])));
    expect(parts.msg === '' ? null : parts.msg).toBe(want.message);
    assertStorable(parse(line));
  });
});

describe('RFC 5424 details', () => {
  it.each([
    ['2024-06-15T10:00:00Z', '2024-06-15T10:00:00.000Z'],
    ['2024-06-15T10:00:00.1Z', '2024-06-15T10:00:00.100Z'],
    ['2024-06-15T10:00:00.12+02:00', '2024-06-15T08:00:00.120Z'],
    ['2024-06-15T10:00:00.123-05:30', '2024-06-15T15:30:00.123Z'],
    ['2024-06-15T10:00:00.1234+00:00', '2024-06-15T10:00:00.123Z'],
    ['2024-06-15T10:00:00.12345Z', '2024-06-15T10:00:00.123Z'],
    ['2024-06-15T10:00:00.999999+14:00', '2024-06-14T20:00:00.999Z'],
  ])('TIMESTAMP %s → %s', (ts, iso) => {
    const [e] = assertStorable(parse(`<14>1 ${ts} h app - - - m`));
    expect(e['@timestamp']).toBe(iso);
  });

  it.each([
    ['2024-06-15T10:00:00.1234567Z', /fraction/],
    ['2024-06-15T10:00:00', /RFC 3339/],
    ['2024-02-30T10:00:00Z', /day 30/],
    ['2024-06-15T24:00:00Z', /time of day/],
    ['2024-06-15T10:00:60Z', /time of day/],
    ['1969-12-31T23:59:59Z', /range/],
  ])('rejects TIMESTAMP %s with invalid-timestamp', (ts, why) => {
    const f = failureOf(parse(`<14>1 ${ts} h app - - - m`));
    expect(f.code).toBe('invalid-timestamp');
    expect(f.reason).toMatch(why);
    expect(f.reason).toMatch(/column 7/);
  });

  it('NILVALUE timestamp → reception time, noted', () => {
    const [e] = assertStorable(parse('<14>1 - h app - - - m'));
    expect(e['@timestamp']).toBe(ctx.receivedAt.toISOString());
    expect(e.attributes?.['vigie.timestamp_source']).toBe('received');
  });

  it('unescapes \\" \\\\ \\] in SD values and keeps other backslashes', () => {
    const line = String.raw`<14>1 2024-06-15T10:00:00Z h app - - [a@1 q="say \"hi\"" b="c:\\dir\\x" r="x\]y" o="a\nb"][b@1 k="1" k="2"] msg`;
    const a = attrs(parse(line));
    expect(a['log.syslog.structured_data']).toEqual({
      'a@1': { q: 'say "hi"', b: 'c:\\dir\\x', r: 'x]y', o: 'a\\nb' },
      'b@1': { k: ['1', '2'] },
    });
  });

  it('__proto__ as SD-ID or PARAM-NAME stays data', () => {
    const a = attrs(parse('<14>1 2024-06-15T10:00:00Z h app - - [__proto__ a="1"][x __proto__="2"] m'));
    const sd = a['log.syslog.structured_data'] as Record<string, Record<string, string>>;
    expect(Object.keys(sd)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(sd)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(sd, '__proto__')?.value).toEqual({ a: '1' });
    expect(Object.getOwnPropertyDescriptor(sd.x, '__proto__')?.value).toBe('2');
  });

  it('repeated SD-IDs are kept apart', () => {
    const a = attrs(parse('<14>1 2024-06-15T10:00:00Z h app - - [x a="1"][x a="2"]'));
    expect(a['log.syslog.structured_data']).toEqual({ x: { a: '1' }, 'x#2': { a: '2' } });
  });

  it.each([
    ['<14>1 2024-06-15T10:00:00Z h app - - [x a="1" m', /unterminated|'="'/],
    ['<14>1 2024-06-15T10:00:00Z h app - - [x a=1] m', /'="'/],
    ['<14>1 2024-06-15T10:00:00Z h app - - [x a="1"]m', /space expected after STRUCTURED-DATA/],
    ['<14>1 2024-06-15T10:00:00Z h app - - [ a="1"] m', /SD-ID expected/],
    [`<14>1 2024-06-15T10:00:00Z h ${'a'.repeat(49)} - - - m`, /APP-NAME longer than 48/],
    ['<14>1 2024-06-15T10:00:00Z', /HOSTNAME missing/],
    ['<192>1 2024-06-15T10:00:00Z h a - - - m', /out of range 0\.\.191/],
  ])('malformed %s → unparseable with position', (line, why) => {
    const f = failureOf(parse(line));
    expect(f.code).toBe('unparseable');
    expect(f.reason).toMatch(why);
  });

  it('PROCID → process.pid, ECS names for PRI', () => {
    const a = attrs(parse('<86>1 2024-06-15T10:00:00Z h sshd 4211 ID1 - m'));
    expect(a).toMatchObject({
      'log.syslog.priority': 86,
      'log.syslog.facility.code': 10,
      'log.syslog.facility.name': 'authpriv',
      'log.syslog.severity.code': 6,
      'log.syslog.severity.name': 'info',
      'log.syslog.procid': '4211',
      'process.pid': 4211,
      'log.syslog.msgid': 'ID1',
    });
  });

  it.each([
    [0, 'critical'], [1, 'critical'], [2, 'critical'], [3, 'high'], [4, 'medium'], [5, 'low'], [6, 'info'], [7, 'info'],
  ])('severity %i → %s', (sev, want) => {
    expect(assertStorable(parse(`<${16 * 8 + sev}>1 2024-06-15T10:00:00Z h a - - - m`))[0]['event.severity']).toBe(want);
  });

  it('service and dataset come from the source configuration when given', () => {
    const c = testContext({ service: 'SRI', dataset: 'sri.auth' });
    const [e] = assertStorable(syslogParser.parse('<86>1 2024-06-15T10:00:00Z h keycloak - - - m', c));
    expect([e['service.name'], e['event.dataset']]).toEqual(['SRI', 'sri.auth']);
  });

  it('a missing STRUCTURED-DATA field is tolerated and noted', () => {
    const [e] = assertStorable(parse('<14>1 2024-06-15T10:00:00Z h app 12 ID hello world'));
    expect(e.message).toBe('hello world');
    expect(e.attributes?.['log.syslog.structured_data_missing']).toBe(true);
  });

  it('rsyslog file format (RFC 3339 time, then TAG:) is read as BSD syslog', () => {
    const [e] = assertStorable(parse('2024-06-15T10:00:00.123456+02:00 srv sshd[99]: Failed password for root from 10.1.1.1 port 22 ssh2'));
    expect(e['@timestamp']).toBe('2024-06-15T08:00:00.123Z');
    expect([e['host.name'], e['process.name'], e['event.outcome'], e['source.ip']]).toEqual(['srv', 'sshd', 'failure', '10.1.1.1']);
  });
});

describe('patient identifiers in STRUCTURED-DATA', () => {
  it('are pseudonymised in SD, message and event.original', () => {
    const line = '<86>1 2024-06-15T10:00:00Z pacs dcm4chee-arc 4211 DICOM+110104 [dicom@32473 patientID="1840975108123" studyUID="1.2.3" note="for 1840975108123"] retrieved for 1840975108123';
    const [e] = assertStorable(parse(line));
    const p = testPseudonym('1840975108123');
    expect(e['health.patient.pseudonym']).toBe(p);
    expect(JSON.stringify(e)).not.toContain('1840975108123');
    expect(e['event.original']).toBe(line.split('1840975108123').join(p));
    expect(e.message).toBe(`retrieved for ${p}`);
    expect(e.attributes?.['log.syslog.structured_data']).toEqual({ 'dicom@32473': { patientID: p, studyUID: '1.2.3', note: `for ${p}` } });
  });

  it('a message made only of SD is scrubbed too', () => {
    const [e] = assertStorable(parse('<86>1 2024-06-15T10:00:00Z pacs app - - [d@1 ipp="IPP-778812"]'));
    expect(e.message).toBe(`[d@1 ipp="${testPseudonym('IPP-778812')}"]`);
  });

  it('an SD value that already is a pseudonym is kept', () => {
    const line = '<86>1 2024-06-15T10:00:00Z pacs app - - [d@1 patient_id="P-ABCDEFGHIJKLMNOP"] x';
    const [e] = assertStorable(parse(line));
    expect(e['health.patient.pseudonym']).toBe('P-ABCDEFGHIJKLMNOP');
    expect(e['event.original']).toBe(line);
  });
});

describe('keycloak events (as the SRI emits them)', () => {
  it.each([
    ['LOGIN', '', 'user-login', 'success'],
    ['LOGIN_ERROR', ' error="invalid_user_credentials"', 'user-login', 'failure'],
    ['LOGOUT', '', 'user-logout', 'success'],
    ['MFA_ERROR', ' error="timeout"', 'mfa-challenge', 'failure'],
  ])('%s', (type, err, action, outcome) => {
    const line = `<84>1 2024-06-15T10:00:00Z sri-01 keycloak 1187 ${type} [kc@32473 type="${type}" realmId="psc" userId="810001" username="jdupont" ipAddress="10.2.3.4"${err}] m`;
    const [e] = assertStorable(parse(line));
    expect([e['event.category'], e['event.action'], e['event.outcome']]).toEqual(['authentication', action, outcome]);
    expect([e['user.name'], e['user.id'], e['source.ip']]).toEqual(['jdupont', '810001', '10.2.3.4']);
  });
});

describe('embedded payloads', () => {
  it('CEF after an RFC 5424 header: CEF fields, syslog host, whole record as original', () => {
    const line = '<189>1 2021-06-18T10:55:50.000003Z host app - - - CEF:0|Elastic|Vaporware|1.0.0-alpha|18|Web request|low|eventId=3457 msg=hello src=10.0.0.1';
    const [e] = assertStorable(parse(line));
    expect(e['event.original']).toBe(line);
    expect(e['host.name']).toBe('host');
    expect(e['process.name']).toBe('app');
    expect(e['@timestamp']).toBe('2021-06-18T10:55:50.000Z');
    expect(e.message).toBe('hello');
    expect(e['source.ip']).toBe('10.0.0.1');
    expect(e['service.name']).toBe('Vaporware');
    expect(e.attributes?.['log.syslog.priority']).toBe(189);
    expect(e.attributes?.['observer.vendor']).toBe('Elastic');
    expect(e.attributes?.['vigie.timestamp_source']).toBeUndefined();
  });

  it('LEEF after an RFC 3164 header', () => {
    const line = '<13>Jan 18 11:07:53 fw01 LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tusrName=joe.black';
    const [e] = assertStorable(parse(line));
    expect([e['host.name'], e['user.name'], e['source.ip']]).toEqual(['fw01', 'joe.black', '192.0.2.0']);
    expect(e['@timestamp']).toBe('2024-01-18T10:07:53.000Z');
    expect(e['event.original']).toBe(line);
  });

  it('ATNA (MSGID IHE+RFC-3881, <?xml, <AuditMessage) and JSON go through ctx.embedded', () => {
    const embedded = vi.fn((_format: Format, _payload: string, _ctx: ParseContext): ParseResult => ({ ok: false, code: 'unparseable', reason: 'test parser says no' }));
    const c = testContext({ embedded });
    const cases: [string, string][] = [
      ['<85>1 2024-06-15T10:00:00Z h app - IHE+RFC-3881 - <AuditMessage/>', 'atna'],
      ['<85>1 2024-06-15T10:00:00Z h app - - - <?xml version="1.0"?><AuditMessage/>', 'atna'],
      ['<85>Jun 15 10:00:00 h app: <AuditMessage><EventIdentification/></AuditMessage>', 'atna'],
      ['<85>1 2024-06-15T10:00:00Z h app - - - {"a":1}', 'json'],
    ];
    for (const [line, format] of cases) {
      embedded.mockClear();
      const [e] = assertStorable(syslogParser.parse(line, c));
      expect(embedded.mock.calls[0][0]).toBe(format);
      // The payload failed: the plain syslog event remains (and says why for non-JSON payloads).
      expect(e['event.original']).toBe(line);
      if (format === 'atna') expect(e.attributes?.['log.syslog.embedded_error']).toMatch(/test parser says no/);
    }
  });

  it('a hostile embedded payload sends the record to quarantine', () => {
    const c = testContext({ embedded: () => ({ ok: false, code: 'dtd-forbidden', reason: 'DOCTYPE' }) });
    const f = failureOf(syslogParser.parse('<85>1 2024-06-15T10:00:00Z h app - IHE+RFC-3881 - <?xml?><!DOCTYPE x>', c));
    expect(f.code).toBe('dtd-forbidden');
  });

  it('an inner original rewritten by pseudonymisation is spliced back into the record', () => {
    const c = testContext({
      embedded: (_f, payload, inner) => ({
        ok: true,
        events: [
          {
            '@timestamp': inner.receivedAt.toISOString(), 'event.dataset': 'x', 'service.name': 'x', 'event.severity': 'info',
            'event.category': 'iam', 'event.action': 'a', 'event.outcome': 'success', message: 'm',
            'event.original': payload.replace('123456', 'P-X'),
          },
        ],
      }),
    });
    const [e] = assertStorable(syslogParser.parse('<85>1 2024-06-15T10:00:00Z h app - - - {"patient":"123456"}', c));
    expect(e['event.original']).toBe('<85>1 2024-06-15T10:00:00Z h app - - - {"patient":"P-X"}');
    expect(e['@timestamp']).toBe('2024-06-15T10:00:00.000Z');
    expect(e['host.name']).toBe('h');
  });
});
