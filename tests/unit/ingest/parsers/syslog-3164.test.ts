/**
 * RFC 3164 parsing. Fixtures (read in place, ../shared/fixtures):
 * - rfc-syslog/rfc3164_section5.4_examples.json — RFC 3164 §5.4 examples (IETF);
 * - jc-parsers/syslog-3164.out → syslog-3164.json — kellyjonbrazil/jc @ ac8120e1 (MIT);
 * - loghub/Linux/Linux_2k.log, loghub/OpenSSH/OpenSSH_2k.log — logpai/loghub, Zhu et al.,
 *   "Loghub: A Large Collection of System Log Datasets for AI-driven Log Analytics", ISSRE 2023.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isFailure } from '../../../../main/ingest/parsers/syslog-5424';
import { parseRecord } from '../../../../main/ingest/registry';
import { parseSyslogParts, syslogParser } from '../../../../main/ingest/parsers/syslog';
import { assertStorable, failureOf, fixtureLines, readFixture, testContext } from './syslog-context';

const ctx = testContext();
const parse = (line: string, c = ctx) => syslogParser.parse(line, c);

/** `Mmm dd hh:mm:ss` (day space-padded) of an instant, in a zone: the way RFC 3164 writes it. */
function bsd(ms: number, zone: string): string {
  const d = DateTime.fromMillis(ms, { zone });
  return `${d.toFormat('LLL', { locale: 'en-US' })} ${String(d.day).padStart(2, ' ')} ${d.toFormat('HH:mm:ss')}`;
}

describe('RFC 3164 §5.4 examples', () => {
  const examples = (JSON.parse(readFixture('rfc-syslog/rfc3164_section5.4_examples.json')) as {
    examples: { id: string; line: string; expected: Record<string, unknown> }[];
  }).examples;

  it.each(examples.map((e) => [e.id, e] as const))('%s: the fields the RFC states', (_id, ex) => {
    const parts = parseSyslogParts(ex.line, ctx);
    if (isFailure(parts)) throw new Error(parts.reason);
    const want = ex.expected;
    expect(parts.pri?.value).toBe(want.pri);
    expect(parts.pri?.facility).toBe(want.facility);
    expect(parts.pri?.severity).toBe(want.severity);
    if (want.timestamp) expect(bsd(parts.timestamp, ctx.timezone)).toBe(want.timestamp);
    if (want.hostname) expect(parts.host).toBe(want.hostname);
    if (want.tag) expect(parts.app).toBe(want.tag);
    const [e] = assertStorable(parse(ex.line));
    expect(e.attributes?.['log.syslog.priority']).toBe(want.pri);
    expect(e['event.original']).toBe(ex.line);
  });

  it('example 2: "Use the BFG!" is all message, no TAG', () => {
    const [e] = assertStorable(parse(examples[1].line));
    expect(e['process.name']).toBeNull();
    expect(e.message).toBe('Use the BFG!');
    expect(e['host.name']).toBe('10.0.0.99');
  });

  it('example 4: no recognisable TIMESTAMP → relay rule (§4.3.2): reception time, whole text as message', () => {
    const [e] = assertStorable(parse(examples[3].line));
    expect(e['@timestamp']).toBe(ctx.receivedAt.toISOString());
    expect(e.attributes?.['vigie.timestamp_source']).toBe('received');
    expect(e.message).toBe("1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!");
    expect(e['event.severity']).toBe('critical');
  });

  it('example 1: Oct 11 22:14:15 in Europe/Paris received 2024-06-15 → 2023-10-11T20:14:15Z', () => {
    expect(assertStorable(parse(examples[0].line))[0]['@timestamp']).toBe('2023-10-11T20:14:15.000Z');
  });
});

describe('jc syslog-3164 pairs', () => {
  const lines = fixtureLines('jc-parsers/syslog-3164.out');
  const expected = JSON.parse(readFixture('jc-parsers/syslog-3164.json')) as Record<string, string | number | null>[];

  it('has one expectation per line', () => expect(lines.length).toBe(expected.length));

  it.each(lines.map((l, i) => [i, l] as const))('line %i', (i, line) => {
    const want = expected[i];
    if ('unparsable' in want) {
      if (line.startsWith('<7>')) {
        // Deliberate difference: jc rejects `<7>unparsable line`; Vigie applies RFC 3164 §4.3.2 (a valid
        // PRI without TIMESTAMP is kept, stamped with the reception time) so that nothing a device sends is lost.
        const [e] = assertStorable(parse(line));
        expect(e.message).toBe('unparsable line');
        expect(e.attributes?.['vigie.timestamp_source']).toBe('received');
      } else {
        // `<3444>`: PRI over 191.
        expect(failureOf(parse(line)).code).toBe('unparseable');
      }
      return;
    }
    const parts = parseSyslogParts(line, ctx);
    if (isFailure(parts)) throw new Error(parts.reason);
    expect(parts.pri?.value ?? null).toBe(want.priority);
    expect(bsd(parts.timestamp, ctx.timezone)).toBe(want.date);
    expect(parts.host).toBe(want.hostname);
    // jc keeps `[pid]: ` (and `(pam_unix)[pid]: `) at the start of content and cuts TAG at the first
    // non-alphanumeric character; Vigie splits TAG (with its PAM suffix), PROCID and MSG. Same text once rebuilt.
    const content = String(want.content);
    const jcTail = want.tag === null ? content : /^[[(]/.test(content) ? `${want.tag}${content}` : `${want.tag}: ${content}`;
    const ours = parts.app === null ? parts.msg : `${parts.app}${parts.procid ? `[${parts.procid}]` : ''}: ${parts.msg}`;
    expect(ours.trimEnd()).toBe(jcTail);
    assertStorable(parse(line));
  });
});

describe('time zone and year inference', () => {
  const at = (iso: string, zone = 'Europe/Paris') => testContext({ receivedAt: new Date(iso), timezone: zone });

  it('Dec 31 received on Jan 1 → previous year', () => {
    const [e] = assertStorable(parse('<13>Dec 31 23:59:58 h app: m', at('2025-01-01T00:30:00Z')));
    expect(e['@timestamp']).toBe('2024-12-31T22:59:58.000Z');
  });

  it('Jan 1 received on Dec 31 (sender clock slightly ahead) → next year', () => {
    const [e] = assertStorable(parse('<13>Jan  1 00:00:05 h app: m', at('2024-12-31T22:59:00Z')));
    expect(e['@timestamp']).toBe('2024-12-31T23:00:05.000Z');
  });

  it('a date more than a day ahead belongs to the previous year', () => {
    const [e] = assertStorable(parse('<13>Jun 20 10:00:00 h app: m', at('2024-06-15T12:00:00Z', 'UTC')));
    expect(e['@timestamp']).toBe('2023-06-20T10:00:00.000Z');
  });

  it('Feb 29 → the last leap year', () => {
    const [e] = assertStorable(parse('<13>Feb 29 12:00:00 h app: m', at('2025-03-10T00:00:00Z', 'UTC')));
    expect(e['@timestamp']).toBe('2024-02-29T12:00:00.000Z');
  });

  it('DST: summer and winter offsets of Europe/Paris', () => {
    const c = at('2024-12-01T00:00:00Z');
    expect(assertStorable(parse('<13>Jul 14 12:00:00 h a: m', c))[0]['@timestamp']).toBe('2024-07-14T10:00:00.000Z');
    expect(assertStorable(parse('<13>Nov 14 12:00:00 h a: m', c))[0]['@timestamp']).toBe('2024-11-14T11:00:00.000Z');
    // 2024-03-31 02:30 does not exist in Paris (clocks jump 02:00 → 03:00): read as 03:30 CEST = 01:30Z.
    expect(assertStorable(parse('<13>Mar 31 02:30:00 h a: m', c))[0]['@timestamp']).toBe('2024-03-31T01:30:00.000Z');
  });

  it('another source zone', () => {
    const [e] = assertStorable(parse('<13>Jul 14 12:00:00 h a: m', at('2024-08-01T00:00:00Z', 'America/New_York')));
    expect(e['@timestamp']).toBe('2024-07-14T16:00:00.000Z');
  });

  it('variants: fraction, year after the day (Cisco), no PRI', () => {
    expect(assertStorable(parse('<13>Jul 14 12:00:00.250 h a: m', at('2024-08-01T00:00:00Z', 'UTC')))[0]['@timestamp']).toBe('2024-07-14T12:00:00.250Z');
    expect(assertStorable(parse('<13>Jul 14 2019 12:00:00 h a: m', at('2024-08-01T00:00:00Z', 'UTC')))[0]['@timestamp']).toBe('2019-07-14T12:00:00.000Z');
    const [e] = assertStorable(parse('Jul 14 12:00:00 h a[1]: m', at('2024-08-01T00:00:00Z', 'UTC')));
    expect([e['host.name'], e['process.name'], e.message, e['event.severity']]).toEqual(['h', 'a', 'm', 'info']);
  });

  it('an impossible date is an invalid-timestamp with its position', () => {
    const f = failureOf(parse('<13>Feb 30 10:00:00 h a: m'));
    expect(f.code).toBe('invalid-timestamp');
    expect(f.reason).toMatch(/column 5/);
  });

  it('missing HOSTNAME: the token after the time is already a tag[pid]:', () => {
    const [e] = assertStorable(parse('<13>Jul 14 12:00:00 sshd[12]: Accepted publickey for ana from 10.0.0.5 port 5000 ssh2'));
    expect([e['host.name'], e['process.name'], e['event.outcome'], e['user.name']]).toEqual([null, 'sshd', 'success', 'ana']);
  });

  it('an unknown time zone setting is reported, not guessed', () => {
    const f = failureOf(parse('<13>Jul 14 12:00:00 h a: m', testContext({ timezone: 'Mars/Olympus' })));
    expect(f.code).toBe('invalid-timestamp');
  });
});

describe('LogHub lines', () => {
  const received = testContext({ receivedAt: new Date('2024-06-15T12:00:00Z') });

  it.each(['loghub/Linux/Linux_2k.log', 'loghub/OpenSSH/OpenSSH_2k.log'])('%s: every line is RFC 3164 with time and host', (file) => {
    const lines = fixtureLines(file);
    expect(lines.length).toBe(2000);
    for (const line of lines) {
      const parts = parseSyslogParts(line, received);
      if (isFailure(parts)) throw new Error(`${line}: ${parts.reason}`);
      expect(parts.format).toBe('rfc3164');
      expect(parts.timestampAssumed).toBe(false);
      expect(parts.host).toMatch(/^(combo|LabSZ)$/);
      assertStorable(syslogParser.parse(line, received));
    }
  });

  it('OpenSSH: Failed/Accepted password lines are authentication failures/successes', () => {
    const lines = fixtureLines('loghub/OpenSSH/OpenSSH_2k.log');
    const events = lines.map((l) => assertStorable(syslogParser.parse(l, received))[0]);
    const failed = events.filter((e) => /: Failed password for /.test(e['event.original']) && !/message repeated/.test(e['event.original']));
    expect(failed.length).toBeGreaterThan(100);
    for (const e of failed) {
      expect([e['event.category'], e['event.action'], e['event.outcome']]).toEqual(['authentication', 'user-login', 'failure']);
      expect(e['source.ip']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(e['user.name']).toBeTruthy();
    }
    const accepted = events.filter((e) => /Accepted password for /.test(e['event.original']));
    expect(accepted.length).toBe(1);
    expect([accepted[0]['event.outcome'], accepted[0]['user.name'], accepted[0]['source.ip']]).toEqual(['success', 'fztu', '119.137.62.142']);
    const repeated = events.find((e) => /message repeated 5 times: \[ Failed password for root/.test(e['event.original']));
    expect(repeated?.['event.outcome']).toBe('failure');
    expect(repeated?.attributes?.['log.syslog.repeat_count']).toBe(5);
    const invalid = events.filter((e) => /: Invalid user /.test(e['event.original']));
    expect(invalid.length).toBeGreaterThan(10);
    expect(invalid.every((e) => e['event.action'] === 'invalid-user' && e['event.outcome'] === 'failure')).toBe(true);
  });

  it('Linux: PAM authentication failures and su sessions are classified', () => {
    const events = fixtureLines('loghub/Linux/Linux_2k.log').map((l) => assertStorable(syslogParser.parse(l, received))[0]);
    const pamFailures = events.filter((e) => /sshd\(pam_unix\)\[\d+\]: authentication failure/.test(e['event.original']));
    expect(pamFailures.length).toBeGreaterThan(100);
    for (const e of pamFailures) {
      expect([e['event.category'], e['event.action'], e['event.outcome']]).toEqual(['authentication', 'pam-authentication', 'failure']);
    }
    const withIp = pamFailures.find((e) => /rhost=218\.188\.2\.4/.test(e['event.original']));
    expect(withIp?.['source.ip']).toBe('218.188.2.4');
    const withUser = pamFailures.find((e) => /user=root/.test(e['event.original']));
    expect(withUser?.['user.name']).toBe('root');
    const opened = events.find((e) => /su\(pam_unix\)\[21416\]: session opened for user cyrus/.test(e['event.original']));
    expect([opened?.['event.category'], opened?.['event.action'], opened?.['user.name']]).toEqual(['session', 'session-start', 'cyrus']);
    expect(opened?.['process.name']).toBe('su(pam_unix)');
    expect(opened?.attributes?.['process.pid']).toBe(21416);
  });
});

describe('other recognised messages', () => {
  it.each([
    ['<86>Jul 14 12:00:00 h sudo:   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id', 'process', 'sudo-command', 'success', 'alice'],
    ['<86>Jul 14 12:00:00 h sudo:   bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh', 'authentication', 'sudo', 'failure', 'bob'],
    ['<86>Jul 14 12:00:00 h su[5]: FAILED SU (to root) carol on pts/3', 'authentication', 'su', 'failure', 'carol'],
    ['<86>Jul 14 12:00:00 h su[5]: (to root) dave on pts/4', 'authentication', 'su', 'success', 'dave'],
    ['<86>Jul 14 12:00:00 h sshd[7]: pam_unix(sshd:session): session closed for user eve', 'session', 'session-end', 'success', 'eve'],
    ['<86>Jul 14 12:00:00 h cron[7]: some job ran', 'host', 'syslog-message', 'unknown', undefined],
  ])('%s', (line, category, action, outcome, user) => {
    const [e] = assertStorable(parse(line));
    expect([e['event.category'], e['event.action'], e['event.outcome'], e['user.name']]).toEqual([category, action, outcome, user]);
  });
});

describe('sniff and auto-detection through the registry', () => {
  it('sniff confidences', () => {
    expect(syslogParser.sniff('<13>Jan  5 10:00:00 h a: m')).toBe(0.9);
    expect(syslogParser.sniff('Jan 5 10:00:00 h a: m')).toBe(0.8);
    expect(syslogParser.sniff('1 2024-06-15T10:00:00Z h a - - - m')).toBe(0.7);
    expect(syslogParser.sniff('2024-06-15T10:00:00+02:00 h a: m')).toBe(0.5);
    expect(syslogParser.sniff('{"a":1}')).toBe(0);
    expect(syslogParser.sniff('10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326')).toBe(0);
  });

  it.each([
    ['<13>Jan  5 10:00:00 h a: m', 'syslog'],
    ['Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186', 'syslog'],
    ['<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - m', 'syslog'],
    ['<189>1 2021-06-18T10:55:50Z host app - - - CEF:0|Elastic|Vaporware|1.0|18|Web request|low|msg=hello', 'syslog'],
    ['CEF:0|Elastic|Vaporware|1.0|18|Web request|low|msg=hello', 'cef'],
    ['LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^sev=5', 'leef'],
  ])('%s → %s', (line, format) => {
    const r = parseRecord(line, 'auto', ctx);
    expect(r.ok).toBe(true);
    expect(r.format).toBe(format);
  });
});
