/**
 * Event → logsource entries, fast: entry conditions that are plain equalities
 * are indexed by the tuple of their fields (e.g. Channel + EventID), so an
 * event costs one hash lookup per distinct field tuple; other conditions
 * (wildcards, modifiers) are checked after the lookup or scanned.
 */
import { type BuildEnv, fieldEnv } from './build';
import { compileField } from './checks';
import { and } from './compile';
import type { EventContext } from './fields';
import type { Check } from './types';

interface Group {
  slots: number[];
  map: Map<string, number[]>;
}

const SEP = '\u0001';

function plainValues(v: unknown): string[] | null {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return null;
  const out: string[] = [];
  for (const x of list) {
    if (typeof x === 'number' || typeof x === 'boolean') out.push(String(x));
    else if (typeof x === 'string' && !/[*?\\]/.test(x)) out.push(x.toLowerCase());
    else return null;
  }
  return out;
}

function tuples(lists: string[][]): string[] {
  let acc = [''];
  lists.forEach((vals, i) => {
    acc = acc.flatMap((prefix) => vals.map((v) => (i === 0 ? v : prefix + SEP + v)));
  });
  return acc;
}

export class Classifier {
  private readonly groups: Group[] = [];
  private readonly residual: (Check | undefined)[] = [];
  private readonly scan: { id: number; check: Check }[] = [];

  constructor(env: BuildEnv) {
    const raw = { ...fieldEnv(env, []), slotFor: (path: string) => env.table.slot([path]) };
    const bySig = new Map<string, Group>();
    for (const e of env.mapping.entries) {
      const when = env.mapping.effectiveWhen(e);
      const plain: [string, string[]][] = [];
      const rest: Check[] = [];
      for (const [k, v] of Object.entries(when)) {
        const vals = k.includes('|') ? null : plainValues(v);
        if (vals) plain.push([k, vals]);
        else {
          try {
            rest.push(compileField(k, v, raw).check);
          } catch (err) {
            throw new Error(`mapping ${e.origin}: condition ${k}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      }
      const residual = rest.length ? and(rest) : undefined;
      if (plain.length === 0) {
        this.scan.push({ id: e.id, check: residual ?? (() => true) });
        continue;
      }
      plain.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const sig = plain.map(([k]) => k).join(SEP);
      let g = bySig.get(sig);
      if (!g) {
        g = { slots: plain.map(([k]) => env.table.slot([k])), map: new Map() };
        bySig.set(sig, g);
        this.groups.push(g);
      }
      for (const key of tuples(plain.map(([, v]) => v))) {
        const list = g.map.get(key) ?? [];
        list.push(e.id);
        g.map.set(key, list);
      }
      this.residual[e.id] = residual;
    }
  }

  /** Ids (ascending) of the entries the event belongs to, written into `out`. */
  classify(ctx: EventContext, out: number[]): number[] {
    out.length = 0;
    for (const g of this.groups) {
      let key = '';
      let ok = true;
      for (let i = 0; i < g.slots.length; i++) {
        const t = ctx.lower(g.slots[i]);
        if (typeof t !== 'string') {
          ok = false;
          break;
        }
        key = i === 0 ? t : key + SEP + t;
      }
      if (!ok) continue;
      const ids = g.map.get(key);
      if (!ids) continue;
      for (const id of ids) {
        const r = this.residual[id];
        if (!r || r(ctx)) out.push(id);
      }
    }
    for (const s of this.scan) if (s.check(ctx)) out.push(s.id);
    if (out.length > 1) out.sort((a, b) => a - b);
    return out;
  }
}
