/**
 * Prefilter of a candidate rule set by guard atoms (guard.ts). Per event and
 * field: one hash lookup for equalities, a few suffix/prefix-keyed lookups
 * for ends/starts-with, one n-gram scan of the text for substrings (ngram.ts).
 * Rules whose guard was not hit cannot match and are not evaluated.
 */
import type { EventContext } from './fields';
import { NgramIndex } from './ngram';
import type { CompiledRule } from './types';

/** Longest affix used as a hash key; longer literals are verified after the lookup. */
const AFFIX_KEY = 8;

interface Affix {
  lens: number[];
  /** key length → key → literals with their rules. */
  maps: Map<number, Map<string, { lit: string; rules: number[] }[]>>;
}

interface SlotIndex {
  slot: number;
  eq?: Map<string, number[]>;
  starts?: Affix;
  ends?: Affix;
  contains?: boolean;
}

function addAffix(a: Affix | undefined, lit: string, rule: number, atEnd: boolean): Affix {
  const affix: Affix = a ?? { lens: [], maps: new Map() };
  const m = Math.min(lit.length, AFFIX_KEY);
  const key = atEnd ? lit.slice(lit.length - m) : lit.slice(0, m);
  let map = affix.maps.get(m);
  if (!map) {
    map = new Map();
    affix.maps.set(m, map);
    affix.lens.push(m);
  }
  const bucket: { lit: string; rules: number[] }[] = map.get(key) ?? [];
  const same = bucket.find((b) => b.lit === lit);
  if (same) same.rules.push(rule);
  else bucket.push({ lit, rules: [rule] });
  map.set(key, bucket);
  return affix;
}

export class GuardIndex {
  private readonly slots: SlotIndex[] = [];
  private readonly unguarded: number[] = [];
  private readonly grams = new NgramIndex();
  private stamp: Uint32Array;
  private gen = 0;
  private out: number[] = [];
  private readonly mark = (rules: readonly number[]) => {
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (this.stamp[r] !== this.gen) {
        this.stamp[r] = this.gen;
        this.out.push(r);
      }
    }
  };

  constructor(rules: readonly CompiledRule[]) {
    this.stamp = new Uint32Array(rules.length);
    const bySlot = new Map<number, SlotIndex>();
    rules.forEach((r, i) => {
      if (!r.guard) {
        this.unguarded.push(i);
        return;
      }
      for (const a of r.guard) {
        let si = bySlot.get(a.slot);
        if (!si) bySlot.set(a.slot, (si = { slot: a.slot }));
        if (a.kind === 'eq') {
          si.eq ??= new Map();
          si.eq.set(a.lit, [...(si.eq.get(a.lit) ?? []), i]);
        } else if (a.kind === 'starts') si.starts = addAffix(si.starts, a.lit, i, false);
        else if (a.kind === 'ends') si.ends = addAffix(si.ends, a.lit, i, true);
        else {
          si.contains = true;
          this.grams.add(a.slot, a.lit, i);
        }
      }
    });
    this.grams.finish();
    this.slots = [...bySlot.values()];
  }

  private probeAffix(a: Affix, v: string, atEnd: boolean): void {
    for (const m of a.lens) {
      if (v.length < m) continue;
      const bucket = a.maps.get(m)?.get(atEnd ? v.slice(v.length - m) : v.slice(0, m));
      if (!bucket) continue;
      for (const b of bucket) {
        if (b.lit.length <= AFFIX_KEY || (atEnd ? v.endsWith(b.lit) : v.startsWith(b.lit))) this.mark(b.rules);
      }
    }
  }

  private probe(si: SlotIndex, v: string): void {
    if (si.eq) {
      const hit = si.eq.get(v);
      if (hit) this.mark(hit);
    }
    if (si.ends) this.probeAffix(si.ends, v, true);
    if (si.starts) this.probeAffix(si.starts, v, false);
    if (si.contains) this.grams.scan(si.slot, v, this.mark);
  }

  /** Indices (ascending) of the rules worth evaluating on this event. */
  candidates(ctx: EventContext): number[] {
    if (++this.gen === 0xffffffff) {
      this.gen = 1;
      this.stamp.fill(0);
    }
    this.out = [];
    this.mark(this.unguarded);
    for (const si of this.slots) {
      const t = ctx.lower(si.slot);
      if (t === null) continue;
      if (typeof t === 'string') this.probe(si, t);
      else for (const v of t) this.probe(si, v);
    }
    return this.out.sort((a, b) => a - b);
  }
}
