import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkUtf8,
  createParseContext,
  detectDocumentFormat,
  MAX_EMBED_DEPTH,
  parseRecord,
  PARSERS,
} from '../../../main/ingest/registry';
import { firstInvalidUtf8 } from '../../../main/ingest/detect';
import { DEFAULT_LIMITS, DEFAULT_TIMEZONE, FORMATS, QUARANTINE_CODES, type Parser } from '../../../main/ingest/types';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import { sharedFixtures } from '../../support/shared-fixtures';

const FIXTURES = sharedFixtures();
const pseudo = Pseudonymiser.fromKey(Buffer.alloc(32, 3));
const ctx = createParseContext({
  pseudonymise: (id, sys) => pseudo.pseudonymise(id, sys),
  receivedAt: new Date('2024-06-01T12:00:00Z'),
});

// RFC 5424 §6.5 ex. 1 (with its BOM), RFC 3164 §5.4, a CEF and a LEEF line, ECS JSON, an OTRF Windows
// event (OTRF/Security-Datasets, MIT), a FHIR AuditEvent as ndjson (HL7 R4 examples, CC0) and an access line.
const otrfFile = resolve(
  FIXTURES,
  'otrf-security-datasets/data/windows/defense_evasion/host/cmd_mshta_vbscript_execute_psh_2020-10-2202580804.json',
);
const windowsLine = readFileSync(otrfFile, 'utf8').split('\n')[0];
const fhirLine = JSON.stringify(
  JSON.parse(readFileSync(resolve(FIXTURES, 'fhir-auditevent/r4/examples/AuditEvent-example-login.json'), 'utf8')),
);
const MIXED: [string, string][] = [
  ['syslog', "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8"],
  ['syslog', "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"],
  ['cef', 'CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232'],
  ['leef', 'LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tusrName=joe.black'],
  ['json', '{"@timestamp":"2024-01-02T03:04:05Z","event":{"action":"user-login","outcome":"success"},"user":{"name":"alice"},"message":"hello"}'],
  ['json', windowsLine],
  ['fhir', fhirLine],
  ['access', '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"'],
];

describe('registry', () => {
  it('has one parser per format, each under its own name', () => {
    for (const f of FORMATS) expect(PARSERS[f].format).toBe(f);
  });

  it('auto-detects every line of a mixed file', () => {
    const got = MIXED.map(([, line]) => {
      const r = parseRecord(line, 'auto', ctx);
      if (!r.ok) throw new Error(`${line.slice(0, 40)}: ${r.code} ${r.reason}`);
      expect(r.events.length).toBeGreaterThan(0);
      return r.format;
    });
    expect(got).toEqual(MIXED.map(([f]) => f));
  });

  it('honours an explicit format and reports its failure with the format', () => {
    const r = parseRecord('CEF:0|a|b|1|2|n|3|x=y', 'access', ctx);
    expect(r).toMatchObject({ ok: false, code: 'unparseable', format: 'access' });
    const ok = parseRecord(MIXED[7][1], 'access', ctx);
    expect(ok).toMatchObject({ ok: true, format: 'access' });
  });

  it('never reads LogHub Apache error-log lines as access logs: unknown-format with a clear reason', () => {
    // logpai/loghub Apache_2k.log (Zhu et al., ISSRE 2023): Apache ERROR logs.
    const lines = readFileSync(resolve(FIXTURES, 'loghub/Apache/Apache_2k.log'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBe(2000);
    for (const line of lines) {
      expect(PARSERS.access.sniff(line)).toBe(0);
      expect(PARSERS.access.parse(line, ctx).ok).toBe(false);
      const r = parseRecord(line, 'auto', ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('unknown-format');
        expect(r.reason).toMatch(/error-log line/);
      }
    }
  });

  it('quarantines unknown text as unknown-format listing what was tried', () => {
    const r = parseRecord('hello world, nothing to see', 'auto', ctx);
    expect(r).toMatchObject({ ok: false, code: 'unknown-format' });
    if (!r.ok) expect(r.reason).toMatch(/tried: syslog, cef, leef, json, fhir, atna, access/);
  });

  it("returns a likely candidate's own reason when it fails", () => {
    const r = parseRecord('10.0.0.1 - - [31/Feb/2020:00:00:00 +0000] "GET / HTTP/1.1" 200 1', 'auto', ctx);
    expect(r).toMatchObject({ ok: false, code: 'invalid-timestamp', format: 'access' });
  });

  it('applies the record guards before any parser', () => {
    const small = { ...ctx, limits: { ...DEFAULT_LIMITS, maxRecordBytes: 100 } };
    expect(parseRecord('é'.repeat(60), 'auto', small)).toMatchObject({ ok: false, code: 'too-long' });
    expect(parseRecord('x'.repeat(101), 'access', small)).toMatchObject({ ok: false, code: 'too-long' });
    expect(parseRecord(' \t \r\n', 'auto', ctx)).toMatchObject({ ok: false, code: 'empty' });
    expect(parseRecord('<34>Oct 11 22:14:15 host su: a\u0000b', 'auto', ctx)).toMatchObject({ ok: false, code: 'binary' });
    expect(parseRecord('\u0001\u0002\u0003abcdefgh', 'auto', ctx)).toMatchObject({ ok: false, code: 'binary' });
    // One escape sequence in a long line is not binary.
    const colored = parseRecord(`<34>Oct 11 22:14:15 host su: \u001b[31mred\u001b[0m ${'x'.repeat(40)}`, 'auto', ctx);
    expect(colored.ok).toBe(true);
  });

  it('builds a context with defaults and an embedding guard', () => {
    const c = createParseContext({ pseudonymise: () => 'P-X' });
    expect(c.timezone).toBe(DEFAULT_TIMEZONE);
    expect(c.limits).toEqual(DEFAULT_LIMITS);
    const small = createParseContext({ pseudonymise: () => 'P-X', limits: { maxRecordBytes: 10 }, timezone: 'UTC' });
    expect(small.limits).toEqual({ maxRecordBytes: 10, maxDepth: DEFAULT_LIMITS.maxDepth });
    expect(small.timezone).toBe('UTC');
    expect(Math.abs(c.receivedAt.getTime() - Date.now())).toBeLessThan(5000);
    const cef = c.embedded('cef', MIXED[2][1], c);
    expect(cef.ok).toBe(true);
    expect(c.embedded('json', '   ', c)).toMatchObject({ ok: false, code: 'empty' });
  });

  it('stops recursive embedding at MAX_EMBED_DEPTH with too-deep', () => {
    const target = PARSERS.json as { parse: Parser['parse'] };
    const original = target.parse;
    let calls = 0;
    // A parser that embeds its own payload again, forever, with the context the registry hands it.
    target.parse = (record, inner) => {
      calls++;
      return inner.embedded('json', record, inner);
    };
    try {
      const c = createParseContext({ pseudonymise: () => 'P-X' });
      expect(c.embedded('json', '{"a":1}', c)).toMatchObject({ ok: false, code: 'too-deep' });
      expect(calls).toBe(MAX_EMBED_DEPTH);
    } finally {
      target.parse = original;
    }
  });
});

describe('detectDocumentFormat', () => {
  const r4 = readFileSync(resolve(FIXTURES, 'fhir-auditevent/r4/examples/AuditEvent-example-login.json'), 'utf8');
  it('finds pretty-printed FHIR documents and keeps ndjson as lines', () => {
    expect(detectDocumentFormat(r4)).toBe('fhir-document');
    expect(detectDocumentFormat(`\uFEFF  ${r4}`)).toBe('fhir-document');
    expect(detectDocumentFormat(`${fhirLine}\n${fhirLine}\n`)).toBe('lines');
    expect(detectDocumentFormat(fhirLine.slice(0, 1000))).toBe('fhir-document'); // one line longer than the head
    expect(detectDocumentFormat('{"a":1}\n{"b":2}\n')).toBe('lines');
  });

  it('finds XML (ATNA, or any DOCTYPE so that it is refused by the ATNA parser)', () => {
    expect(detectDocumentFormat('<?xml version="1.0"?>\n<AuditMessage>')).toBe('atna-document');
    expect(detectDocumentFormat('<AuditMessage xmlns="x">')).toBe('atna-document');
    expect(detectDocumentFormat('<!DOCTYPE lolz [<!ENTITY lol "lol">]>')).toBe('atna-document');
    expect(detectDocumentFormat('<34>1 2003-10-11T22:14:15.003Z host app - - - <AuditMessage/>')).toBe('lines');
  });

  it('recognises a CSV header row, and not log lines', () => {
    expect(detectDocumentFormat('Date;Utilisateur;Action;INS\n15/07/2024 14:03:00;jdupont;read;1\n')).toBe('csv');
    expect(detectDocumentFormat('timestamp,user,action\n')).toBe('csv');
    for (const [, line] of MIXED) expect(detectDocumentFormat(`${line}\n${line}\n`)).toBe('lines');
    expect(detectDocumentFormat('[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok\n')).toBe('lines');
    expect(detectDocumentFormat('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown\n')).toBe('lines');
    expect(detectDocumentFormat('')).toBe('lines');
    // LogHub (Zhu et al., ISSRE 2023): none of the five systems' logs looks like a document or a CSV.
    for (const sys of ['Linux', 'OpenSSH', 'Apache', 'HealthApp', 'Windows']) {
      const head = readFileSync(resolve(FIXTURES, `loghub/${sys}/${sys}_2k.log`), 'utf8').slice(0, 65536);
      expect(detectDocumentFormat(head), sys).toBe('lines');
    }
  });
});

describe('checkUtf8', () => {
  it('accepts UTF-8 and names the first bad byte otherwise', () => {
    expect(checkUtf8(Buffer.from('Accès refusé — 患者 🚑'))).toBeNull();
    expect(checkUtf8(Buffer.from([0x61, 0x62, 0xe9, 0x63]))).toMatch(/byte 2/);
    expect(checkUtf8(Buffer.from([0xc0, 0xaf]))).toMatch(/byte 0/); // overlong '/'
    expect(checkUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toMatch(/byte 1/); // UTF-16 surrogate
    expect(checkUtf8(Buffer.from([0x61, 0xf0, 0x9f, 0x9a]))).toMatch(/byte 1/); // truncated
  });

  it('agrees with the fatal TextDecoder on random bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let valid = true;
        try {
          decoder.decode(bytes);
        } catch {
          valid = false;
        }
        return (firstInvalidUtf8(bytes) < 0) === valid && (checkUtf8(bytes) === null) === valid;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseRecord(auto) — properties', () => {
  // No timing here (a loaded machine would make it flaky): a hang is caught by the runner's test timeout.
  const check = (record: string) => {
    const r = parseRecord(record, 'auto', ctx);
    if (r.ok) return r.events.length > 0;
    return QUARANTINE_CODES.includes(r.code) && r.reason.length > 0;
  };

  it('never throws, with events or a known reason code (any string)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), check), { numRuns: 400 });
  });

  it('same on mutations of real lines of every format', () => {
    const lines = MIXED.map(([, l]) => l);
    fc.assert(
      fc.property(
        fc.constantFrom(...lines),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 20 }),
        (line, a, b, insert) => {
          const i = a % (line.length + 1);
          const j = Math.min(line.length, i + (b % 30));
          return check(line.slice(0, i) + insert + line.slice(j));
        },
      ),
      { numRuns: 600 },
    );
  });
});
