/** `vigie detect` as a real child process, on the official FHIR AuditEvent examples (pretty-printed JSON documents). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFixtures } from '../../support/shared-fixtures';
import { jsonLines, ROOT, runVigie } from './run-vigie';

const BREAK_GLASS_RULE = resolve(ROOT, 'resources/rules/health/break-glass.yml');
const BREAK_GLASS = sharedFixtures('fhir-auditevent/r5/examples/AuditEvent-example-breakglass-start.json');
const LOGIN = sharedFixtures('fhir-auditevent/r4/examples/AuditEvent-example-login.json');
const dir = mkdtempSync(join(tmpdir(), 'vigie-detect-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function vigie(args: string[], stdin?: Buffer): Promise<{ code: number | null; out: Record<string, unknown>[]; err: Record<string, unknown>[] }> {
  const r = await runVigie(args, stdin);
  return { code: r.code, out: jsonLines(r.stdout), err: jsonLines(r.stderr) };
}

describe('vigie detect (child process)', () => {
  it('reads multi-line FHIR documents, prints one JSON line per match and a summary, exit 0', async () => {
    const r = await vigie(['detect', '--rules', BREAK_GLASS_RULE, '--', BREAK_GLASS, LOGIN]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      {
        ruleId: '0ed7d23a-64fe-477e-b15b-dfa5506904be',
        title: 'Accès en bris de glace',
        level: 'medium',
        timestamp: '2013-09-22T00:08:00.000Z',
        index: 0,
        source: `${BREAK_GLASS}:1`,
      },
    ]);
    expect(r.err).toEqual([{ summary: { rules: { loaded: 1, correlations: 0, filters: 0, rejected: 0 }, unmappedLogsource: 0, events: 2, unparsed: 0, matches: 1 } }]);
  }, 60_000);

  it('exit 1 when a rule file named explicitly is rejected (with its id and reason), 2 on a usage error', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'title: t\nid: 5b1c9d0e-7a1f-4c3e-9d2b-0e6f1a2b3c4d\nlevel: low\nlogsource: { product: vigie }\ndetection:\n  sel: { user.name|nope: x }\n  condition: sel\n');
    const r = await vigie(['detect', '--rules', bad, BREAK_GLASS_RULE, '--', BREAK_GLASS]);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(1);
    expect(r.err[0]).toMatchObject({ rejected: { id: '5b1c9d0e-7a1f-4c3e-9d2b-0e6f1a2b3c4d', code: 'modifier-unknown' } });
    expect((await vigie(['detect', '--no-such-option'])).code).toBe(2);
    expect((await vigie(['detect', BREAK_GLASS])).code).toBe(2); // --rules is required
  }, 60_000);
  it('reads stdin ("-") as one pretty-printed FHIR document when it is one, else line by line', async () => {
    const doc = await vigie(['detect', '--rules', BREAK_GLASS_RULE, '-'], readFileSync(BREAK_GLASS));
    expect(doc.code).toBe(0);
    expect(doc.out).toEqual([expect.objectContaining({ title: 'Accès en bris de glace', timestamp: '2013-09-22T00:08:00.000Z', source: 'stdin:1' })]);
    expect(doc.err.at(-1)).toMatchObject({ summary: { events: 1, unparsed: 0, matches: 1 } });
    // The same resources as FHIR ndjson (one per line): read line by line, the match on line 2.
    const ndjson = [LOGIN, BREAK_GLASS].map((f) => JSON.stringify(JSON.parse(readFileSync(f, 'utf8')))).join('\n') + '\n';
    const lines = await vigie(['detect', '--rules', BREAK_GLASS_RULE, '-'], Buffer.from(ndjson));
    expect(lines.out).toEqual([expect.objectContaining({ source: 'stdin:2' })]);
    expect(lines.err.at(-1)).toMatchObject({ summary: { events: 2, unparsed: 0, matches: 1 } });
    // A document over the 16 MiB limit is reported unread, not parsed line by line.
    const huge = Buffer.concat([Buffer.from('{\n  "resourceType": "AuditEvent",\n  "id": "x",\n  "note": "'), Buffer.alloc(17 * 1024 * 1024, 'a'), Buffer.from('"\n}\n')]);
    const big = await vigie(['detect', '--rules', BREAK_GLASS_RULE, '-'], huge);
    expect(big.code).toBe(0);
    expect(big.err).toEqual(expect.arrayContaining([expect.objectContaining({ unparsed: expect.objectContaining({ source: 'stdin:1' }) })]));
    expect(big.err.at(-1)).toMatchObject({ summary: { events: 0, unparsed: 1, matches: 0 } });
  }, 60_000);
});
