import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetectOptions, runDetect, splitPaths } from '../../../main/cli/detect';

let dir: string;
const rule = (id: string, body: string, level = 'high') =>
  `title: rule ${id.slice(0, 4)}\nid: ${id}\nlevel: ${level}\nlogsource: { product: vigie, category: patient_access }\ndetection:\n${body}`;
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

function event(i: number, action: string, user = 'alice'): string {
  return JSON.stringify({
    '@timestamp': new Date(Date.UTC(2026, 2, 2, 9, 0, i)).toISOString(),
    'event.dataset': 'portail.audit',
    'service.name': 'Portail-Coordination',
    'event.severity': 'info',
    'event.category': 'database',
    'event.action': action,
    'event.outcome': 'success',
    'user.name': user,
    'health.patient.pseudonym': 'P-AAAAAAAAAAAAAAAA',
    message: `${user} ${action}`,
    'event.original': `${user} ${action}`,
    'export.records': 12,
  });
}

async function run(events: string[], o: Partial<DetectOptions>, stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (d) => (chunks.out += String(d)));
  stderr.on('data', (d) => (chunks.err += String(d)));
  const code = await runDetect(events, { rules: [], timezone: 'Europe/Paris', ...o }, { stdout, stderr, stdin: Readable.from([stdin]) });
  const lines = (s: string) =>
    s
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, out: lines(chunks.out), err: lines(chunks.err), rawOut: chunks.out };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-detect-cli-'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules/export.yml'), rule(A, "  sel: { event.action: patient-record-export, 'export.records|gte': 10 }\n  condition: sel"));
  writeFileSync(join(dir, 'rules/bad.yml'), rule(B, '  sel: { A|nope: 1 }\n  condition: sel'));
  writeFileSync(join(dir, 'broken.yml'), 'title: [');
  writeFileSync(join(dir, 'events.jsonl'), [event(0, 'patient-record-read'), event(1, 'patient-record-export'), '', 'garbage that no parser reads \u0001'].join('\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigie detect', () => {
  it('prints one JSON line per match and a summary; rejected rules found in folders do not fail', async () => {
    const r = await run([join(dir, 'events.jsonl')], { rules: [join(dir, 'rules')] });
    expect(r.code).toBe(0);
    expect(r.out).toEqual([{ ruleId: A, title: 'rule aaaa', level: 'high', timestamp: '2026-03-02T09:00:01.000Z', index: 1, source: `${join(dir, 'events.jsonl')}:2` }]);
    const summary = r.err.find((l) => l.summary)?.summary as Record<string, unknown>;
    expect(summary).toMatchObject({ rules: { loaded: 1, rejected: 1 }, events: 2, unparsed: 1, matches: 1 });
    expect(r.err.find((l) => l.rejected)?.rejected).toMatchObject({ id: B, code: 'modifier-unknown' });
  });

  it('fails (1) when a rule file named explicitly is rejected or a YAML file is broken', async () => {
    expect((await run([join(dir, 'events.jsonl')], { rules: [join(dir, 'rules/bad.yml'), join(dir, 'rules/export.yml')] })).code).toBe(1);
    expect((await run([join(dir, 'events.jsonl')], { rules: [join(dir, 'rules'), join(dir, 'broken.yml')] })).code).toBe(1);
    expect((await run([], { rules: [join(dir, 'nowhere')] })).code).toBe(1);
  });

  it('reads stdin and takes event files given after --rules', async () => {
    const r = await run([], { rules: [join(dir, 'rules'), join(dir, 'events.jsonl')] });
    expect(r.out).toHaveLength(1);
    const s = await run(['-'], { rules: [join(dir, 'rules/export.yml')] }, event(5, 'patient-record-export'));
    expect(s.out.map((l) => l.index)).toEqual([0]);
    expect(splitPaths([join(dir, 'rules'), join(dir, 'events.jsonl')], [])).toEqual({ rules: [join(dir, 'rules')], events: [join(dir, 'events.jsonl')] });
  });

  it('--report prints the load report', async () => {
    const r = await run([], { rules: [join(dir, 'rules')], report: true, json: true });
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatchObject({ documents: 2, loaded: { total: 1 }, rejected: 1 });
    const text = await run([], { rules: [join(dir, 'rules')], report: true });
    expect(text.rawOut).toContain('modifier-unknown: 1');
  });

  it('reports usage errors with exit 2', async () => {
    expect((await run([], { rules: [join(dir, 'rules')], timezone: 'Nowhere/Land' })).code).toBe(2);
    expect((await run([join(dir, 'missing.jsonl')], { rules: [join(dir, 'rules')] })).code).toBe(2);
  });
});
