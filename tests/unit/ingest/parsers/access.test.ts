import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../../main/events/types';
import { accessParser } from '../../../../main/ingest/parsers/access';
import { parseAccessTime } from '../../../../main/ingest/parsers/access-time';
import { DEFAULT_LIMITS, type ParseContext, type ParseResult } from '../../../../main/ingest/types';
import { sharedFixtures } from '../../../support/shared-fixtures';

const FIXTURES = sharedFixtures();

const ctx: ParseContext = {
  timezone: 'Europe/Paris',
  receivedAt: new Date('2024-06-01T00:00:00Z'),
  pseudonymise: (id) => `P-${id.length}`,
  limits: DEFAULT_LIMITS,
  embedded: () => ({ ok: false, code: 'unknown-format', reason: 'none' }),
};

function one(line: string): NormalizedEvent {
  const r = accessParser.parse(line, ctx);
  if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
  expect(r.events).toHaveLength(1);
  return r.events[0];
}

/** ECS field of our event: top-level first, then attributes. */
function field(e: NormalizedEvent, name: string): unknown {
  const top = e as unknown as Record<string, unknown>;
  if (name in top) return top[name] ?? undefined;
  return e.attributes?.[name];
}

describe('access parser — Elastic beats apache/access fixture', () => {
  // elastic/beats filebeat/module/apache/access/test (Apache-2.0): 6 lines → expected ECS fields, UTC times.
  const lines = readFileSync(resolve(FIXTURES, 'elastic-beats/apache-access/test.log'), 'utf8').split('\n').filter(Boolean);
  const expected = JSON.parse(
    readFileSync(resolve(FIXTURES, 'elastic-beats/apache-access/test.log-expected.json'), 'utf8'),
  ) as Record<string, unknown>[];

  it('has one expected document per line', () => {
    expect(lines).toHaveLength(expected.length);
  });

  const compared = [
    '@timestamp',
    'event.category',
    'event.outcome',
    'http.request.method',
    'http.response.body.bytes',
    'http.response.status_code',
    'http.version',
    'source.address',
    'source.ip',
    'source.domain',
    'url.original',
    'user.name',
    'http.request.referrer',
    'user_agent.original',
  ];

  lines.forEach((line, i) => {
    it(`line ${i + 1}: every ECS field the fixture states`, () => {
      const e = one(line);
      const exp = expected[i];
      for (const name of compared) {
        const want = exp[name];
        const got = field(e, name);
        if (name === '@timestamp') {
          expect(new Date(got as Date).toISOString()).toBe(want);
        } else if (want === '-') {
          // CLF "-" = no value: Vigie leaves the field out where Filebeat keeps the literal.
          expect(got, name).toBeUndefined();
        } else if (name === 'http.request.method' && typeof want === 'string') {
          // Filebeat lower-cases the method; ECS now keeps the original casing.
          expect(String(got).toLowerCase(), name).toBe(want);
        } else {
          expect(got, name).toEqual(want);
        }
      }
      expect(e['event.action']).toBe('http-request');
      expect(e['event.original']).toBe(line);
    });
  });

  it('maps severity from the status class', () => {
    expect(lines.map((l) => one(l)['event.severity'])).toEqual(['low', 'low', 'low', 'low', 'info', 'low']);
    expect(one('10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 503 0')['event.severity']).toBe('medium');
    expect(one('10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 302 0')['event.outcome']).toBe('success');
  });
});

describe('access parser — jc common-log-format fixture', () => {
  // kellyjonbrazil/jc @ ac8120e1 tests/fixtures/generic (MIT). jc skips blank lines; compare the string fields.
  const lines = readFileSync(resolve(FIXTURES, 'jc-parsers/common-log-format.log'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const expected = JSON.parse(readFileSync(resolve(FIXTURES, 'jc-parsers/common-log-format.json'), 'utf8')) as Record<
    string,
    string | number | null
  >[];

  it('pairs every non-blank line with one jc result', () => {
    expect(lines).toHaveLength(expected.length);
  });

  lines.forEach((line, i) => {
    const exp = expected[i];
    if ('unparsable' in exp) {
      it(`line ${i + 1}: unparsable for jc, quarantined here`, () => {
        const r = accessParser.parse(line, ctx);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.code).toBe('unparseable');
          expect(r.reason).toMatch(/access-log line/);
        }
      });
      return;
    }
    it(`line ${i + 1}: same fields as jc`, () => {
      const e = one(line);
      const a = e.attributes ?? {};
      expect(a['source.address']).toBe(exp.host);
      expect(a['access.identity'] ?? null).toBe(exp.ident);
      expect(e['user.name'] ?? null).toBe(exp.authuser);
      expect(a['http.response.status_code']).toBe(exp.status);
      expect(a['http.response.body.bytes'] ?? null).toBe(exp.bytes);
      const ref = exp.referer === '-' ? null : exp.referer;
      expect(a['http.request.referrer'] ?? null).toBe(ref);
      expect(a['user_agent.original'] ?? null).toBe(exp.user_agent === '-' ? null : exp.user_agent);
      expect(a['access.extra'] ?? null).toBe(exp.extra);
      expect(a['http.request.method']).toBe(exp.request_method);
      expect(a['url.original']).toBe(exp.request_url);
      const version = typeof exp.request_version === 'string' ? exp.request_version.replace(/^[A-Z]+\//, '') : null;
      expect(a['http.version'] ?? null).toBe(version);
      // jc's `date` and `tz` strings → the same instant in UTC.
      const m = /^(\d+)\/(\w+)\/(\d+):(\d+):(\d+):(\d+) ([+-])(\d\d)(\d\d)$/.exec(String(exp.date));
      expect(m).not.toBeNull();
      const [, d, mon, y, h, mi, s, sign, oh, om] = m as RegExpExecArray;
      const local = Date.parse(`${d} ${mon} ${y} ${h}:${mi}:${s} GMT`);
      const off = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
      expect((e['@timestamp'] as Date).getTime()).toBe(local - off);
    });
  });
});

describe('access parser — variants', () => {
  it('reads vhost-prefixed lines (vhost_combined) with a port', () => {
    const e = one(
      'sri.hub.example:443 10.1.2.3 - jdupont [10/Oct/2000:13:55:36 -0700] "POST /auth/login HTTP/2.0" 401 12 "-" "curl/8.0"',
    );
    expect(e.attributes).toMatchObject({
      'destination.domain': 'sri.hub.example',
      'destination.port': 443,
      'http.request.method': 'POST',
      'http.version': '2.0',
      'user_agent.original': 'curl/8.0',
    });
    expect(e['source.ip']).toBe('10.1.2.3');
    expect(e['user.name']).toBe('jdupont');
    expect(new Date(e['@timestamp']).toISOString()).toBe('2000-10-10T20:55:36.000Z');
    expect(e['event.outcome']).toBe('failure');
  });

  it('keeps trailing fields after the combined ones', () => {
    const e = one('172.17.0.1 - - [29/May/2017:19:02:48 +0000] "GET / HTTP/1.1" 200 612 "-" "UA" "10.0.0.9" 0.012');
    expect(e.attributes?.['access.extra']).toBe('"10.0.0.9" 0.012');
  });

  it('keeps backslash escapes of quoted fields verbatim', () => {
    const e = one('1.2.3.4 - - [01/Jan/2024:10:00:00 +0100] "GET /a\\"b HTTP/1.1" 200 1 "-" "x \\"y\\""');
    expect(e.attributes?.['url.original']).toBe('/a\\"b');
    expect(e.attributes?.['user_agent.original']).toBe('x \\"y\\"');
  });

  it('keeps a request line that is not "METHOD target" as access.request (TLS on a plain port)', () => {
    const e = one('1.2.3.4 - - [01/Jan/2024:10:00:00 +0100] "\\x16\\x03\\x01" 400 226');
    expect(e.attributes?.['access.request']).toBe('\\x16\\x03\\x01');
    expect(e.attributes?.['http.request.method']).toBeUndefined();
  });

  it('reads a time without offset in the source zone, and Nginx ISO times', () => {
    const a = one('1.2.3.4 - - [15/Jul/2024:12:00:00] "GET / HTTP/1.1" 200 1');
    expect(new Date(a['@timestamp']).toISOString()).toBe('2024-07-15T10:00:00.000Z'); // Paris, summer time
    const b = one('1.2.3.4 - - [2024-01-15T12:00:00+01:00] "GET / HTTP/1.1" 200 1');
    expect(new Date(b['@timestamp']).toISOString()).toBe('2024-01-15T11:00:00.000Z');
  });

  it('rejects impossible timestamps as invalid-timestamp', () => {
    for (const t of ['31/Feb/2020:00:00:00 +0000', '01/Foo/2020:00:00:00 +0000', '01/Jan/2020:25:00:00 +0000', '01/Jan/1890:00:00:00 +0000']) {
      const r = accessParser.parse(`1.2.3.4 - - [${t}] "GET / HTTP/1.1" 200 1`, ctx);
      expect(r.ok, t).toBe(false);
      if (!r.ok) expect(r.code).toBe('invalid-timestamp');
    }
    expect(parseAccessTime('10/Oct/2000:13:55:36.250 +0000', 'UTC')).toEqual({
      ok: true,
      date: new Date('2000-10-10T13:55:36.250Z'),
    });
  });

  it('says which field is missing, with its column', () => {
    const cases: [string, RegExp][] = [
      ['1.2.3.4 - - [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1"', /status code at column 58/],
      ['1.2.3.4 - - [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1" 200', /response size/],
      ['1.2.3.4 - - [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1 200 1', /quoted request opened at column 42/],
      ['1.2.3.4 - - [01/Jan/2024:10:00:00 +0100 "GET / HTTP/1.1" 200 1', /not closed/],
      ['1.2.3.4 - - [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1" OK 1', /3-digit HTTP status/],
      ['1.2.3.4 [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1', /found 1/],
    ];
    for (const [line, why] of cases) {
      const r = accessParser.parse(line, ctx);
      expect(r.ok, line).toBe(false);
      if (!r.ok) expect(r.reason, line).toMatch(why);
    }
  });

  it('sniffs access lines and nothing else', () => {
    expect(accessParser.sniff('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326')).toBeGreaterThan(0.8);
    expect(accessParser.sniff('[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok')).toBe(0);
    expect(accessParser.sniff('<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - msg')).toBe(0);
    expect(accessParser.sniff('{"a":1}')).toBe(0);
    expect(accessParser.sniff('CEF:0|Security|threatmanager|1.0|100|worm|10|src=10.0.0.1')).toBe(0);
  });
});

describe('access parser — properties', () => {
  const isResult = (r: ParseResult) =>
    r.ok ? r.events.length === 1 : typeof r.reason === 'string' && r.reason.length > 0;

  it('never throws and always returns events or a reason, on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => isResult(accessParser.parse(s, ctx))),
      { numRuns: 500 },
    );
  });

  it('parses every well-formed combined line it generates, round-tripping the fields', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
    const quotedText = fc.stringMatching(/^[^"\\\n\r]{0,40}$/);
    fc.assert(
      fc.property(
        fc.ipV4(),
        token,
        fc.integer({ min: 100, max: 599 }),
        fc.option(fc.nat({ max: 10_000_000 })),
        fc.date({ min: new Date('1971-01-01'), max: new Date('2199-01-01'), noInvalidDate: true }),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.stringMatching(/^\/[A-Za-z0-9/._~%-]{0,30}$/),
        quotedText,
        quotedText,
        (ip, user, status, bytes, date, method, path, ref, ua) => {
          const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
          const p = (n: number) => String(n).padStart(2, '0');
          const t = `${p(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
          const line = `${ip} - ${user} [${t}] "${method} ${path} HTTP/1.1" ${status} ${bytes ?? '-'} "${ref}" "${ua}"`;
          const r = accessParser.parse(line, ctx);
          if (!r.ok) throw new Error(`${line}: ${r.reason}`);
          const e = r.events[0];
          const a = e.attributes ?? {};
          expect(e['source.ip']).toBe(ip);
          expect(e['user.name']).toBe(user === '-' ? null : user);
          expect(a['http.response.status_code']).toBe(status);
          expect(a['http.response.body.bytes']).toBe(bytes ?? undefined);
          expect(a['url.original']).toBe(path);
          expect((e['@timestamp'] as Date).getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
          expect(e['event.outcome']).toBe(status < 400 ? 'success' : 'failure');
          return accessParser.sniff(line) > 0;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays linear on long hostile lines', () => {
    const hostile = ['a '.repeat(200_000), `1.2.3.4 - - [${'['.repeat(100_000)}`, `1 2 3 [x] "${'\\'.repeat(200_001)}`];
    for (const line of hostile) {
      const t0 = performance.now();
      expect(accessParser.parse(line, ctx).ok).toBe(false);
      accessParser.sniff(line);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});
