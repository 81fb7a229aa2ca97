/**
 * OTRF Security-Datasets (flattened Windows event logs, one JSON object per
 * line) through the SigmaHQ Windows rules: rules tagged with a dataset's
 * ATT&CK technique must fire on it, and the prefilter must never lose a match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Detector } from '../../../main/detect/sigma/detector';
import { type LoadResult, loadRules } from '../../../main/detect/sigma/loader';
import type { RuleMatch } from '../../../main/detect/sigma/types';
import type { NormalizedEvent } from '../../../main/events/types';
import { makeEvents } from '../../../resources/bench/detect-events';
import { sharedFixtures } from '../../support/shared-fixtures';

const OTRF = sharedFixtures('otrf-security-datasets');
const SIGMA = sharedFixtures('sigma');

interface Manifest {
  file: string;
  attack: [string, string | null, string[]][];
}

/** Minimal conversion: the flat Windows object becomes the attributes (Channel, EventID… kept). */
export function otrfEvent(line: string): NormalizedEvent {
  const o = JSON.parse(line) as Record<string, unknown>;
  return {
    '@timestamp': String(o['@timestamp'] ?? o.TimeCreated),
    'event.dataset': 'windows.eventlog',
    'service.name': 'Windows',
    'host.name': typeof o.Hostname === 'string' ? o.Hostname : null,
    'event.severity': 'info',
    'event.category': 'host',
    'event.action': `event-${String(o.EventID)}`,
    'event.outcome': 'unknown',
    message: typeof o.Message === 'string' ? o.Message : '',
    'event.original': line,
    attributes: o,
  };
}

function dataset(file: string): NormalizedEvent[] {
  return readFileSync(join(OTRF, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map(otrfEvent);
}

let rules: LoadResult;
const manifest = (JSON.parse(readFileSync(join(OTRF, 'MANIFEST.json'), 'utf8')) as Manifest[]).filter(
  (m) => m.file.startsWith('data/windows/') && m.file.endsWith('.json') && m.attack.length > 0,
);
const fired = new Map<string, RuleMatch[]>();

beforeAll(() => {
  rules = loadRules([join(SIGMA, 'rules/windows')]);
  for (const m of manifest) {
    const d = new Detector(rules);
    fired.set(m.file, dataset(m.file).flatMap((e, i) => d.matcher.match(e, i)));
  }
});

const techniques = (m: Manifest) => m.attack.map(([t, sub]) => `attack.${t.toLowerCase()}${sub ? `.${sub}` : ''}`);

describe('OTRF datasets through the SigmaHQ Windows rules', () => {
  const expected: [string, string][] = [
    ['psh_lsass_memory_dump_comsvcs', 'Process Memory Dump Via Comsvcs.DLL'],
    ['cmd_lsass_memory_dumpert_syscalls', 'HackTool - Dumpert Process Dumper Default File'],
    ['cmd_bitsadmin_download_psh_script', 'File Download Via Bitsadmin'],
    ['psh_cmstp_execution_bypassuac', 'Bypass UAC via CMSTP'],
    ['cmd_mshta_vbscript_execute_psh', 'MSHTA Execution with Suspicious File Extensions'],
    ['cmd_sam_copy_esentutl', 'Copying Sensitive Files with Credential Data'],
    ['mimikatz_CVE-2020-1472_Unauthenticated_NetrServerAuthenticate2', 'Mimikatz Use'],
    ['cmd_psexec_lsa_secrets_dump', 'Dumping of Sensitive Hives Via Reg.EXE'],
  ];

  it.each(expected)('%s fires "%s"', (name, title) => {
    const m = manifest.find((x) => x.file.includes(name)) as Manifest;
    const titles = (fired.get(m.file) ?? []).map((h) => h.rule.title);
    expect(titles).toContain(title);
  });

  it('a rule tagged with the dataset technique fires on most datasets (report)', () => {
    const rows = manifest.map((m) => {
      const tags = techniques(m);
      const hits = (fired.get(m.file) ?? []).filter((h) => h.rule.tags.some((t) => tags.some((x) => t === x || t.startsWith(`${x}.`) || x.startsWith(`${t}.`))));
      return { dataset: m.file.split('/').pop(), technique: tags.join(' '), rules: [...new Set(hits.map((h) => h.rule.title))] };
    });
    const withHit = rows.filter((r) => r.rules.length > 0);
    console.log(rows.map((r) => `${r.dataset} [${r.technique}] → ${r.rules.join(' | ') || '-'}`).join('\n'));
    expect(withHit.length).toBeGreaterThanOrEqual(10);
    expect(withHit.map((r) => r.technique)).toEqual(expect.arrayContaining(['attack.t1003.001', 'attack.t1197', 'attack.t1218.003', 'attack.t1218.005']));
  });

  it('the prefilter never loses a match (every candidate rule evaluated by brute force agrees)', () => {
    const d = new Detector(rules);
    const events = [...manifest.slice(0, 8).flatMap((m) => dataset(m.file)), ...makeEvents(2000, 11).map((x) => x.event)];
    let compared = 0;
    for (const e of events) {
      const fast = d.matcher.match(e).map((h) => h.rule.id).sort();
      const slow = d.matcher
        .candidates(e)
        .filter((r) => d.matcher.test(r, e))
        .map((r) => r.id)
        .sort();
      expect(fast).toEqual(slow);
      compared += d.matcher.candidates(e).length;
    }
    expect(compared).toBeGreaterThan(50_000);
  });
});
