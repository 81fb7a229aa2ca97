/**
 * Property / fuzz tests of the syslog, CEF and LEEF parsers: whatever the
 * input (arbitrary strings, or strings assembled from the formats' own
 * tokens to reach deep code paths), `parse` never throws, returns quickly,
 * and gives either storable events or a known quarantine code with a reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cefParser } from '../../../../main/ingest/parsers/cef';
import { leefParser } from '../../../../main/ingest/parsers/leef';
import { syslogParser } from '../../../../main/ingest/parsers/syslog';
import { QUARANTINE_CODES, type Parser } from '../../../../main/ingest/types';
import { assertStorable, testContext } from './syslog-context';

const ctx = testContext();
const PARSERS: [string, Parser][] = [['syslog', syslogParser], ['cef', cefParser], ['leef', leefParser]];
const SLOW_MS = 250;

const TOKENS = [
  '<', '>', '<34>', '<165>', '<999>', '1', '12', ' ', '  ', '-', '[', ']', '"', '\\', '\\"', '\\]', '\\\\', '=', '|', '\\|', '^', '\t',
  '\n', '\r\n', '\uFEFF', '\u0000', 'é', '✓', '😀', 'a', 'Z', ':', 'T', 'x09', '0x7c',
  '2024-06-15T10:00:00Z', '2024-06-15T10:00:00.123456+02:00', '2024-02-30T25:00:00Z', 'Jan', 'Feb 29', ' 5 ', '12:00:00', '1990',
  'host', 'sshd[12]:', 'su:', 'sudo:', 'keycloak', 'kc@1 type="LOGIN_ERROR"', 'Failed password for ', 'Accepted publickey for ',
  ' from 1.2.3.4 port 22', 'Invalid user ', 'authentication failure; rhost=h user=u', 'message repeated 3 times: [ ',
  'exampleSDID@32473 ', 'patientID="', 'ipp=', 'IHE+RFC-3881', '<?xml', '<AuditMessage', '{', '{"a":1}',
  'CEF:0|', 'CEF:1|V|P|1|c|n|7|', 'LEEF:1.0|', 'LEEF:2.0|V|P|1|e|^|', 'rt=', 'end=1718445600000', 'start=Jun 15 2024 10:00:00 CEST',
  'cs1=', 'cs1Label=Patient ID', 'src=', 'dst=10.0.0.1', 'suser=ana', 'msg=', 'act=', 'outcome=/Failure', 'sev=9',
  'devTime=', 'devTimeFormat=', "yyyy-MM-dd'T'HH:mm:ss.SSSZ", 'MMM dd yyyy HH:mm:ss z', 'z', 'EDT', 'IST', '__proto__=', '123 ',
];

const tokenString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(''));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 3000 }),
  tokenString,
  fc.tuple(fc.constantFrom('<13>1 ', '<13>Jun 15 10:00:00 ', 'CEF:0|', 'LEEF:2.0|', ''), tokenString).map(([a, b]) => a + b),
);

function check(parser: Parser, input: string): void {
  const start = performance.now();
  const r = parser.parse(input, ctx);
  const ms = performance.now() - start;
  expect(ms, `${parser.format} took ${ms.toFixed(0)} ms`).toBeLessThan(SLOW_MS);
  if (r.ok) {
    const events = assertStorable(r);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(typeof e['event.original']).toBe('string');
  } else {
    expect(QUARANTINE_CODES).toContain(r.code);
    expect(r.reason.length).toBeGreaterThan(5);
  }
  const s = parser.sniff(input);
  expect(s >= 0 && s <= 1).toBe(true);
}

describe.each(PARSERS)('%s parser properties', (_name, parser) => {
  it('any input: no throw, bounded time, events or a quarantine reason', () => {
    fc.assert(fc.property(anyString, (s) => check(parser, s)), { numRuns: 600 });
  });

  it('pathological inputs near the size limit stay fast', () => {
    const big = 200_000;
    for (const s of [
      'a='.repeat(big),
      ' '.repeat(big),
      '['.repeat(big),
      `<13>1 2024-06-15T10:00:00Z h a - - [x a="${'\\'.repeat(big)}"] m`,
      `CEF:0|V|P|1|1|N|1|${'k=v '.repeat(big / 4)}`,
      `CEF:0|V|P|1|1|N|1|msg=${'\\='.repeat(big / 2)}`,
      `LEEF:1.0|V|P|1|1|${'a=b c=d '.repeat(big / 8)}`,
      `LEEF:2.0|V|P|1|1|^|${'a=b^'.repeat(big / 4)}`,
      `<86>Jun 15 10:00:00 h sudo: u : ${'x ; '.repeat(big / 4)}`,
      `<86>Jun 15 10:00:00 h sshd[1]: Failed password for ${'a '.repeat(big / 2)}`,
      `<13>Jun 15 10:00:00 ${'h'.repeat(big)}`,
      '|'.repeat(big),
    ]) {
      const start = performance.now();
      const r = parser.parse(s, ctx);
      expect(performance.now() - start).toBeLessThan(1000);
      if (!r.ok) expect(QUARANTINE_CODES).toContain(r.code);
    }
  });

  it('guards: empty, NUL, over the byte limit', () => {
    expect(parser.parse('  \t ', ctx)).toMatchObject({ ok: false, code: 'empty' });
    expect(parser.parse('<13>1 2024-06-15T10:00:00Z h a - - - a\u0000b', ctx)).toMatchObject({ ok: false, code: 'binary' });
    const small = testContext({ limits: { maxRecordBytes: 100, maxDepth: 64 } });
    expect(parser.parse(`<13>1 2024-06-15T10:00:00Z h a - - - ${'é'.repeat(40)}`, small)).toMatchObject({ ok: false, code: 'too-long' });
  });
});
