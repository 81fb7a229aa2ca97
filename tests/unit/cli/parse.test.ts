import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runParse, type ParseOptions } from '../../../main/cli/parse';
import { DecompressionError, decodedBytes, readLines } from '../../../main/cli/parse-input';
import { sharedFixtures } from '../../support/shared-fixtures';

const FIXTURES = sharedFixtures();
const tmp = mkdtempSync(join(tmpdir(), 'vigie-parse-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

interface Run {
  code: number;
  events: Record<string, unknown>[];
  quarantine: { position: string; code: string; reason: string; offset?: number; format?: string }[];
  summary: Record<string, unknown>;
  stderr: string[];
}

async function run(path: string, options: Partial<ParseOptions> = {}): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await runParse(path, { format: 'auto', timezone: 'Europe/Paris', ...options }, { stdout, stderr });
  const errLines = err.split('\n').filter(Boolean);
  const parsed = errLines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    code,
    events: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    quarantine: parsed.filter((x) => 'quarantine' in x).map((x) => x.quarantine as Run['quarantine'][number]),
    summary: (parsed.find((x) => 'summary' in x)?.summary ?? {}) as Record<string, unknown>,
    stderr: errLines,
  };
}

const JC_LOG = resolve(FIXTURES, 'jc-parsers/common-log-format.log');
const ELASTIC_LOG = resolve(FIXTURES, 'elastic-beats/apache-access/test.log');

describe('vigie parse (in process)', () => {
  it('prints one JSON event per parsed line and quarantines the rest with positions', async () => {
    const r = await run(JC_LOG);
    expect(r.code).toBe(0);
    expect(r.events).toHaveLength(17);
    expect(r.events.every((e) => e['vigie.format'] === 'access' && typeof e['@timestamp'] === 'string')).toBe(true);
    expect(r.events[0]).toMatchObject({
      '@timestamp': '2000-10-10T20:55:36.000Z',
      'user.name': 'frank',
      'http.response.status_code': 200,
      'url.original': '/apache_pb.gif',
    });
    expect(r.quarantine.map((q) => [q.position, q.code])).toEqual([
      ['line 7', 'unknown-format'],
      ['line 15', 'unknown-format'],
    ]);
    // Lines 14 and 16 are empty: not records, skipped and counted (as the vault import does).
    expect(r.summary).toMatchObject({ in: 19, stored: 17, quarantined: 2, blank: 2, events: 17, mode: 'lines' });
  });

  it('reads gzip transparently (by magic bytes, whatever the name) with the same result', async () => {
    const plain = await run(ELASTIC_LOG);
    const gz = await run(file('access.log.gz', gzipSync(readFileSync(ELASTIC_LOG))));
    const noExt = await run(file('access-rotated', gzipSync(readFileSync(ELASTIC_LOG))));
    expect(gz.events).toEqual(plain.events);
    expect(noExt.events).toEqual(plain.events);
    expect(gz.summary).toMatchObject({ gzip: true, in: 6, stored: 6 });
    expect(plain.summary).toMatchObject({ gzip: false });
  });

  it('refuses a gzip bomb and a corrupt gzip with a decompression quarantine (exit 1)', async () => {
    const bomb = await run(file('bomb.gz', gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 })));
    expect(bomb.code).toBe(1);
    expect(bomb.quarantine.at(-1)).toMatchObject({ code: 'decompression', position: 'file' });
    expect(bomb.quarantine.at(-1)?.reason).toMatch(/bomb/);
    const good = gzipSync(Buffer.from('a line\n'.repeat(1000)));
    const corrupt = Buffer.concat([good.subarray(0, 20), Buffer.from('garbage that is not deflate data'.repeat(4))]);
    const bad = await run(file('corrupt.gz', corrupt));
    expect(bad.code).toBe(1);
    expect(bad.quarantine.at(-1)).toMatchObject({ code: 'decompression' });
  });

  it('quarantines invalid UTF-8, binary and over-long lines, and goes on', async () => {
    const access = '10.0.0.1 - - [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1';
    const content = Buffer.concat([
      Buffer.from(`${access}\n`),
      Buffer.from('10.0.0.1 - caf'),
      Buffer.from([0xe9]),
      Buffer.from(' [01/Jan/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 1\n'),
      Buffer.from([0x00, 0x01, 0x02, 0x03, 0x0a]),
      Buffer.from(`${'x'.repeat(5000)}\r\n`),
      Buffer.from(`${access}\r\n`),
    ]);
    const r = await run(file('hostile.log', content), { maxRecordBytes: '1000' });
    expect(r.code).toBe(0);
    expect(r.events).toHaveLength(2);
    expect(r.quarantine.map((q) => [q.position, q.code])).toEqual([
      ['line 2', 'invalid-utf8'],
      ['line 3', 'binary'],
      ['line 4', 'too-long'],
    ]);
    expect(r.quarantine[0].reason).toMatch(/byte 14/);
    expect(r.quarantine[0].offset).toBe(access.length + 1);
    expect(r.summary).toMatchObject({ in: 5, stored: 2, quarantined: 3 });
  });

  it('cuts octet-counted syslog (RFC 6587) into frames, including a frame holding a newline', async () => {
    const m1 = "<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - 'su root' failed\non /dev/pts/8";
    const m2 = '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.';
    const text = `${Buffer.byteLength(m1)} ${m1}${Buffer.byteLength(m2)} ${m2}`;
    const r = await run(file('framed.log', text));
    expect(r.summary).toMatchObject({ mode: 'frames', in: 2, stored: 2 });
    expect(r.events.map((e) => e['process.name'])).toEqual(['su', 'myproc']);
    expect(r.events[1]['@timestamp']).toBe('2003-08-24T12:14:15.000Z');
  });

  it('reads XML as one ATNA document and refuses a DOCTYPE (exit 0, quarantined)', async () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<AuditMessage>&x;</AuditMessage>\n';
    const r = await run(file('xxe.xml', xxe));
    expect(r.code).toBe(0);
    expect(r.summary).toMatchObject({ mode: 'document', format: 'atna', in: 1, quarantined: 1 });
    expect(r.quarantine[0]).toMatchObject({ position: 'document', code: 'dtd-forbidden', format: 'atna' });
  });

  it('reads a pretty-printed FHIR AuditEvent as one document', async () => {
    const r = await run(resolve(FIXTURES, 'fhir-auditevent/r4/examples/AuditEvent-example-login.json'));
    expect(r.summary).toMatchObject({ mode: 'document', format: 'fhir', in: 1, stored: 1 });
    expect(r.events[0]['vigie.format']).toBe('fhir');
  });

  it('reads a CSV file with --csv-mapping: quoted newlines, bad rows, pseudonyms stable with a key file', async () => {
    const mapping = file(
      'portail.json',
      JSON.stringify({
        delimiter: ';',
        header: true,
        timestampFormat: 'dd/MM/yyyy HH:mm:ss',
        columns: { '@timestamp': 'Date', 'user.name': 'Utilisateur', 'health.patient.id': 'INS', message: 'Commentaire' },
        constants: { 'event.action': 'patient-record-read' },
      }),
    );
    const csv = Buffer.concat([
      Buffer.from('Date;Utilisateur;INS;Commentaire\n'),
      Buffer.from('15/07/2024 14:03:00;jdupont;1840975108123;"ligne 1\nligne 2"\n'),
      Buffer.from('15/07/2024 14:04:00;amartin\n'),
      Buffer.from('15/07/2024 14:05:00;b'),
      Buffer.from([0xe9]),
      Buffer.from('atrice;2840975108123;x\n'),
      Buffer.from('15/07/2024 14:06:00;cdurand;1840975108123;ok\n'),
    ]);
    const csvPath = file('export.csv', csv);
    const key = file('key.txt', Buffer.alloc(32, 9).toString('base64'));
    const a = await run(csvPath, { csvMapping: mapping, pseudonymKeyFile: key });
    expect(a.code).toBe(0);
    expect(a.summary).toMatchObject({ mode: 'document', format: 'csv', in: 4, stored: 2, quarantined: 2 });
    expect(a.quarantine.map((q) => [q.position, q.code])).toEqual([
      ['line 4', 'missing-field'],
      ['line 5', 'invalid-utf8'],
    ]);
    expect(a.events[0].message).toBe('ligne 1\nligne 2');
    expect(a.events[0]['service.name']).toBe('portail');
    expect(a.events[0]['health.patient.pseudonym']).toBe(a.events[1]['health.patient.pseudonym']);
    const stdout = JSON.stringify(a.events);
    expect(stdout).not.toContain('1840975108123');
    const b = await run(csvPath, { csvMapping: mapping, pseudonymKeyFile: key });
    expect(b.events[0]['health.patient.pseudonym']).toBe(a.events[0]['health.patient.pseudonym']);
    const c = await run(csvPath, { csvMapping: mapping }); // random per-run key
    expect(c.events[0]['health.patient.pseudonym']).not.toBe(a.events[0]['health.patient.pseudonym']);
    // Auto mode on a CSV without a mapping: a notice, then lines that no parser reads.
    const d = await run(csvPath);
    expect(d.stderr.some((l) => l.includes('--csv-mapping'))).toBe(true);
  });

  it('exits 2 on usage errors and 1 on unreadable input', async () => {
    expect((await run(ELASTIC_LOG, { timezone: 'Mars/Olympus' })).code).toBe(2);
    expect((await run(ELASTIC_LOG, { format: 'csv' })).code).toBe(2);
    expect((await run(ELASTIC_LOG, { format: 'xml' as never })).code).toBe(2);
    expect((await run(ELASTIC_LOG, { maxRecordBytes: 'lots' })).code).toBe(2);
    expect((await run(ELASTIC_LOG, { csvMapping: file('bad.json', '{"columns": {"user.name": 0}, "header": false}') })).code).toBe(2);
    expect((await run(ELASTIC_LOG, { csvMapping: file('bad2.json', 'not json') })).code).toBe(2);
    expect((await run(ELASTIC_LOG, { pseudonymKeyFile: file('short.key', 'abc') })).code).toBe(2);
    const missing = await run(join(tmp, 'does-not-exist.log'));
    expect(missing.code).toBe(1);
    expect(missing.stderr[0]).toMatch(/does-not-exist/);
  });
});

describe('parse-input', () => {
  async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
    yield* parts;
  }

  it('cuts lines across chunks, CRLF included, without keeping over-long lines', async () => {
    const lines = [];
    const source = chunks(Buffer.from('ab'), Buffer.from('c\r\nde'), Buffer.from('f\n\nxxxxxxxxxxxx'), Buffer.from('yy\nlast'));
    for await (const batch of readLines(source, 8)) {
      for (const l of batch) lines.push(l.oversize !== undefined ? `#${l.line}@${l.offset}:oversize ${l.oversize}` : `#${l.line}@${l.offset}:${l.bytes.toString()}`);
    }
    expect(lines).toEqual(['#1@0:abc', '#2@5:def', '#3@9:', '#4@10:oversize 14', '#5@25:last']);
  });

  it('applies the expansion limit while gunzipping', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const read = async () => {
      for await (const _ of decodedBytes(chunks(bomb), { floorBytes: 1024 * 1024, ratio: 100 })) void _;
    };
    await expect(read()).rejects.toBeInstanceOf(DecompressionError);
  });
});
