import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MappingSet, defaultMappingDir, loadMappings } from '../../../main/detect/sigma/mapping';
import { Matcher } from '../../../main/detect/sigma/match';
import { ev, load, uuid } from './helpers';
import { sharedFixtures } from '../../support/shared-fixtures';

const THOR = sharedFixtures('sigma', 'tests', 'thor.yml');

/** Every (product, category, service, one value per condition) tuple a mapping set describes. */
function tuples(set: MappingSet): Set<string> {
  const out = new Set<string>();
  for (const e of set.entries) {
    let acc: string[] = [`${e.product ?? ''}/${e.category ?? ''}/${e.service ?? ''}`];
    const when = set.effectiveWhen(e);
    for (const k of Object.keys(when).sort()) {
      const values = (Array.isArray(when[k]) ? (when[k] as unknown[]) : [when[k]]).map((v) => String(v).toLowerCase());
      acc = acc.flatMap((a) => values.map((v) => `${a} ${k}=${v}`));
    }
    const fields = JSON.stringify(Object.entries(e.fields).sort());
    for (const a of acc) out.add(`${a} ${fields}`);
  }
  return out;
}

describe('Windows logsource mapping', () => {
  it('the shipped windows.yml describes exactly what the Sigma THOR configuration does', () => {
    const shipped = new MappingSet();
    shipped.addFile(`${defaultMappingDir()}/windows.yml`);
    const thor = new MappingSet();
    thor.importLogsourceConfig(THOR);
    expect([...tuples(shipped)].sort()).toEqual([...tuples(thor)].sort());
    expect(thor.skipped.map((s) => s.name)).toEqual(expect.arrayContaining(['apache', 'linux-auth', 'logfiles']));
  });

  it('a THOR configuration can be loaded at runtime instead of the shipped file', () => {
    const l = load(
      stringify({ title: 'cmd', id: uuid(), level: 'low', logsource: { product: 'windows', category: 'process_creation' }, detection: { s: { 'Image|endswith': '\\cmd.exe' }, condition: 's' } }),
      { mappingFiles: [], logsourceConfigs: [THOR] },
    );
    const m = new Matcher(l);
    expect(m.match(ev({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\Windows\\System32\\cmd.exe' }))).toHaveLength(1);
    expect(m.match(ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe' }))).toHaveLength(1);
    expect(m.match(ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, Image: 'C:\\Windows\\System32\\cmd.exe' }))).toHaveLength(0);
  });
});

describe('routing by logsource', () => {
  const rule = (title: string, logsource: Record<string, string>, detection: Record<string, unknown>) =>
    stringify({ title, id: uuid(), level: 'medium', logsource, detection: { ...detection, condition: 'sel' } });
  const l = load([
    rule('process creation', { product: 'windows', category: 'process_creation' }, { sel: { 'Image|endswith': '\\whoami.exe' } }),
    rule('sysmon any', { product: 'windows', service: 'sysmon' }, { sel: { 'Image|endswith': '\\whoami.exe' } }),
    rule('security any', { product: 'windows', service: 'security' }, { sel: { 'Image|endswith': '\\whoami.exe' } }),
    rule('linux', { product: 'linux', category: 'process_creation' }, { sel: { 'Image|endswith': 'whoami.exe' } }),
    rule('health login', { product: 'vigie', category: 'authentication' }, { sel: { User: 'alice' } }),
  ]);
  const m = new Matcher(l);
  const titles = (e: Parameters<Matcher['match']>[0]) => m.match(e).map((x) => x.rule.title).sort();

  it('checks a Sysmon process creation against process_creation and sysmon rules only', () => {
    const sysmon = ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe' });
    expect(titles(sysmon)).toEqual(['process creation', 'sysmon any']);
  });

  it('maps 4688 fields (Image → NewProcessName) for process_creation rules', () => {
    const sec = ev({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\Windows\\System32\\whoami.exe' });
    expect(titles(sec)).toEqual(['process creation']);
  });

  it('runs rules with an unmapped logsource only on events no mapping classifies', () => {
    expect(m.rules.find((r) => r.title === 'linux')?.mapped).toBe(false);
    expect(titles(ev({ Image: 'C:\\whoami.exe' }))).toEqual(['linux']);
  });

  it('resolves Sigma field names: attributes first, then mapped ECS fields, then the ECS name', () => {
    const login = (attrs: Record<string, unknown>, user: string) => ev(attrs, { 'service.name': 'SRI', 'event.category': 'authentication', 'user.name': user });
    expect(titles(login({}, 'alice'))).toEqual(['health login']); // User → user.name (fields.yml)
    expect(titles(login({ User: 'bob' }, 'alice'))).toEqual([]); // the original attribute wins
  });

  it('rejects a mapping file with an invalid condition', () => {
    expect(() => loadMappings({ mappingFiles: [THOR] })).not.toThrow(); // a THOR file read as Vigie format has no sources
    expect(loadMappings({ mappingFiles: [THOR] }).entries).toHaveLength(0);
  });
});
