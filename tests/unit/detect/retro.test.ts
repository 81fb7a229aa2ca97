import { describe, expect, it } from 'vitest';
import { retroHunt } from '../../../main/detect/sigma/retro';
import type { NormalizedEvent } from '../../../main/events/types';
import { ev, load, ruleYaml } from './helpers';

const rules = load(ruleYaml({ sel: { 'CommandLine|contains': 'mimikatz' }, condition: 'sel' }));
const events = (n: number) => Array.from({ length: n }, (_, i) => ev({ CommandLine: i % 100 === 0 ? 'mimikatz.exe' : 'notepad.exe' }));

describe('retro-hunt', () => {
  it('scans an iterable with progress reports', async () => {
    const progress: number[] = [];
    const r = await retroHunt(events(1000), rules, { progressEvery: 250, onProgress: (p) => progress.push(p.scanned) });
    expect(r).toMatchObject({ scanned: 1000, total: 10, cancelled: false });
    expect(r.hits.map((h) => ('ref' in h ? h.ref : null))).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(progress).toEqual([250, 500, 750, 1000, 1000]);
  });

  it('accepts an async iterable and stops on abort', async () => {
    const ctrl = new AbortController();
    async function* source(): AsyncGenerator<NormalizedEvent> {
      for (const e of events(100_000)) yield e;
    }
    const r = await retroHunt(source(), rules, {
      signal: ctrl.signal,
      progressEvery: 1000,
      onProgress: (p) => {
        if (p.scanned >= 3000) ctrl.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.scanned).toBe(3000);
    expect(r.total).toBe(30);
  });

  it('caps kept hits but keeps counting, with refs from the caller', async () => {
    const r = await retroHunt(events(1000), rules, { maxHits: 3, refOf: (_e, i) => `row-${i}` });
    expect(r.total).toBe(10);
    expect(r.hits).toHaveLength(3);
    expect(r.hits[0]).toMatchObject({ ref: 'row-0' });
  });
});
