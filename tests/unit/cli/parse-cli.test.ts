import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFixtures } from '../../support/shared-fixtures';
import { jsonLines, ROOT, runVigie } from './run-vigie';

// `vigie parse` as a real child process.
const FIXTURES = sharedFixtures();
const vigie = runVigie;

describe('vigie parse (child process)', () => {
  it('parses a fixture file: events on stdout, quarantine and summary on stderr, exit 0', async () => {
    const r = await vigie(['parse', resolve(FIXTURES, 'jc-parsers/common-log-format.log')]);
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout);
    expect(events).toHaveLength(17);
    expect(events[1]).toMatchObject({ '@timestamp': '2016-11-11T02:04:55.000Z', 'source.ip': '1.1.1.2', 'vigie.format': 'access' });
    const err = jsonLines(r.stderr);
    const quarantine = err.filter((x) => 'quarantine' in x).map((x) => x.quarantine as Record<string, unknown>);
    expect(quarantine.map((q) => q.position)).toEqual(['line 7', 'line 15']);
    expect(err.at(-1)).toMatchObject({ summary: { in: 19, stored: 17, quarantined: 2, blank: 2 } });
  }, 60_000);

  it('reads gzip from stdin with "-" and auto-detects a mixed stream', async () => {
    const lines = [
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
      'CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232',
      readFileSync(resolve(FIXTURES, 'elastic-beats/apache-access/test.log'), 'utf8').split('\n')[1],
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
    ];
    const r = await vigie(['parse', '--format', 'auto', '-'], gzipSync(Buffer.from(lines.join('\n') + '\n')));
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((e) => e['vigie.format'])).toEqual(['syslog', 'cef', 'access']);
    const err = jsonLines(r.stderr);
    expect(err[0]).toMatchObject({ quarantine: { position: 'line 4', code: 'unknown-format' } });
    expect(err.at(-1)).toMatchObject({ summary: { in: 4, stored: 3, quarantined: 1, gzip: true } });
  }, 60_000);

  it('exits 2 on usage errors and 1 when the file cannot be read', async () => {
    const [badFormat, badOption, missing] = await Promise.all([
      vigie(['parse', '--format', 'xml', 'x.log']),
      vigie(['parse', '--no-such-option']),
      vigie(['parse', resolve(ROOT, 'no-such-file.log')]),
    ]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr.join('\n')).toMatch(/xml/);
    expect(badOption.code).toBe(2);
    expect(missing.code).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/no-such-file/);
  }, 60_000);
});
