import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../../main/detect/sigma/loader';
import { Matcher } from '../../../main/detect/sigma/match';
import { ev, load, ruleYaml } from './helpers';

let dir: string;
const rule = (id: string, extra = '') =>
  `title: rule ${id}\nid: ${id}\nstatus: test\nlevel: high\nlogsource: { product: test }\ndetection:\n  sel: { Tag: ${id.slice(0, 8)} }\n  condition: sel\n${extra}`;
const ID = (n: number) => `${String(n).repeat(8).slice(0, 8)}-0000-4000-8000-000000000000`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-sigma-'));
  mkdirSync(join(dir, 'tree/sub/deeper'), { recursive: true });
  mkdirSync(join(dir, 'tree/.hidden'), { recursive: true });
  writeFileSync(join(dir, 'tree/a.yml'), rule(ID(1)));
  writeFileSync(join(dir, 'tree/sub/b.yaml'), rule(ID(2)));
  writeFileSync(join(dir, 'tree/sub/deeper/c.yml'), `${rule(ID(3))}---\n${rule(ID(4))}`);
  writeFileSync(join(dir, 'tree/.hidden/x.yml'), rule(ID(5)));
  writeFileSync(join(dir, 'tree/notes.txt'), 'not a rule');
  writeFileSync(join(dir, 'rules.zip'), zipSync({ 'pack/r6.yml': strToU8(rule(ID(6))), 'pack/r7.yml': strToU8(rule(ID(7))), 'pack/readme.md': strToU8('#') }));
  writeFileSync(join(dir, 'broken.yml'), 'title: [unclosed\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading sources', () => {
  it('walks folders recursively (hidden entries skipped), reads zips and multi-document files', () => {
    const l = loadRules([join(dir, 'tree'), join(dir, 'rules.zip')]);
    expect(l.rejected).toEqual([]);
    expect(l.rules.map((r) => r.id).sort()).toEqual([1, 2, 3, 4, 6, 7].map(ID).sort());
    expect(l.rules.find((r) => r.id === ID(6))?.file).toBe(`${join(dir, 'rules.zip')}!/pack/r6.yml`);
    expect(l.rules.find((r) => r.id === ID(4))?.doc).toBe(1);
    expect(l.documents).toBe(6);
  });

  it('reports YAML errors and missing paths as rejections of the file', () => {
    const l = loadRules([join(dir, 'broken.yml'), join(dir, 'nothing-here')]);
    expect(l.rejected.map((r) => r.code)).toEqual(['yaml', 'read-error']);
    expect(l.rejected[0].reason).toMatch(/^YAML error \(line \d+, column \d+\)/);
    expect(l.documents).toBe(2);
  });

  it('keeps non-decimal numbers as written (0x1F stays 0x1F)', () => {
    const l = load(ruleYaml({ sel: { GrantedAccess: 0 }, condition: 'sel' }).replace('GrantedAccess: 0', 'GrantedAccess: 0x1F3FFF'));
    const m = new Matcher(l);
    expect(m.match(ev({ GrantedAccess: '0x1F3FFF' }))).toHaveLength(1);
    expect(m.match(ev({ GrantedAccess: '2047999' }))).toHaveLength(0);
  });
});

describe('validation and rejections', () => {
  const reject = (text: string) => load(text).rejected[0];

  it('requires title, a UUID id, logsource and a detection with a condition', () => {
    expect(reject(rule(ID(1)).replace(/^title: .*\n/, ''))).toMatchObject({ code: 'schema', reason: 'title: required attribute missing', id: ID(1) });
    expect(reject(rule('not-a-uuid'))).toMatchObject({ code: 'schema', reason: expect.stringContaining('id: must be a UUID') });
    expect(reject(rule(ID(1)).replace('logsource: { product: test }\n', ''))?.reason).toBe('logsource: required attribute missing');
    expect(reject(rule(ID(1)).replace('  condition: sel\n', ''))?.reason).toBe('detection.condition: required attribute missing');
    expect(reject(rule(ID(1)).replace('  condition: sel\n', '  condition: { a: 1 }\n'))?.reason).toBe('detection.condition: must be a string or a list of strings');
    expect(reject(rule(ID(1)).replace('level: high', 'level: severe'))?.reason).toContain('level:');
    expect(reject(rule(ID(1)).replace('status: test', 'status: draft'))?.reason).toContain('status:');
    expect(reject(rule(ID(1)).replace('level: high\n', ''))?.reason).toContain('level: required');
  });

  it('rejects status unsupported, duplicate ids and documents that are not Sigma', () => {
    expect(reject(rule(ID(1)).replace('status: test', 'status: unsupported'))?.code).toBe('status-unsupported');
    const dup = load([rule(ID(1)), rule(ID(1))]);
    expect(dup.rules).toHaveLength(1);
    expect(dup.rejected[0]).toMatchObject({ code: 'duplicate-id', file: 'rule-1.yml' });
    expect(reject('title: THOR\nlogsources: {}')).toMatchObject({ code: 'not-sigma', title: 'THOR' });
  });

  it('flags rules whose logsource has no mapping (loaded, not rejected)', () => {
    const l = load([rule(ID(1)), rule(ID(2)).replace('{ product: test }', '{ product: windows, category: process_creation }')]);
    expect(l.rules.map((r) => r.mapped)).toEqual([false, true]);
  });
});

describe('Sigma filters (filters spec 2.1)', () => {
  const filter = (refs: string, logsource = '{ product: test }') =>
    `title: Filter admin accounts\nlogsource: ${logsource}\nfilter:\n  rules: ${refs}\n  selection: { User|startswith: adm_ }\n  condition: selection\n`;

  it('adds "and not filter" to the referenced rules (by id or name)', () => {
    const l = load([rule(ID(1)), rule(ID(2), 'name: second'), filter(`[${ID(1)}, second]`)]);
    expect(l.filters).toHaveLength(1);
    expect(l.filters[0].appliedTo.sort()).toEqual([ID(1), ID(2)].sort());
    const m = new Matcher(l);
    expect(m.match(ev({ Tag: '11111111', User: 'adm_bob' }))).toHaveLength(0);
    expect(m.match(ev({ Tag: '11111111', User: 'bob' }))).toHaveLength(1);
  });

  it('does not apply to a rule of another logsource, and warns', () => {
    const l = load([rule(ID(1)), filter(`[${ID(1)}]`, '{ product: windows }')]);
    expect(l.filters[0].appliedTo).toEqual([]);
    expect(l.warnings.join()).toContain('logsource');
  });

  it('rejects an invalid filter body', () => {
    const l = load([rule(ID(1)), filter(`[${ID(1)}]`).replace('User|startswith', 'User|bogus')]);
    expect(l.rejected[0]).toMatchObject({ code: 'modifier-unknown', title: 'Filter admin accounts' });
  });
});
