/**
 * Streaming evaluation of correlation rules. Fed, in timestamp order, with
 * the base-rule matches of each event; emits correlation matches, which are
 * fed in turn to the correlations that reference them (chains).
 *
 * Windows, per correlation and group (values of `group-by`, aliases applied):
 *  - conditions that can only become true as events arrive (only `gt`/`gte`,
 *    on event_count, value_count, value_sum, temporal): sliding window of
 *    `timespan`; emitted as soon as the condition holds, then the group restarts;
 *  - other conditions (`lt`, `lte`, `eq`, `neq`, value_avg): window anchored
 *    at the group's first event, evaluated when it closes (a later event
 *    passes its end, or `flush()` at the end of the stream);
 *  - temporal_ordered: the referenced rules matched in the written order
 *    within `timespan` (sliding).
 * State is bounded: expired groups are dropped, at most `maxGroups` per correlation.
 */
import type { FieldTable } from './fields';
import { toText } from './fields';
import { type Agg, type Entry, makeAgg, satisfies } from './correlation-state';
import type { MappingSet } from './mapping';
import type { CompiledCorrelation, CorrelationMatch, DetectConfig, Hit, RuleMatch } from './types';

function eventOf(hit: Hit): RuleMatch['event'] {
  return 'group' in hit ? eventOf(hit.last) : hit.event;
}

interface Group {
  key: string;
  values: Record<string, unknown>;
  entries: Entry[];
  head: number;
  agg: Agg;
  start: number;
  last: number;
  /** temporal_ordered: latest chain start per prefix length, and its entries. */
  best?: number[];
  chains?: Entry[][];
}

interface State {
  c: CompiledCorrelation;
  monotone: boolean;
  groups: Map<string, Group>;
  /** Window ends of anchored windows, in creation order. */
  closing: { key: string; end: number }[];
}

export class CorrelationEngine {
  private readonly states: State[];
  private readonly byRef = new Map<string, State[]>();
  private readonly accessor = new Map<string, (ev: RuleMatch['event']) => unknown>();
  private watermark = Number.NEGATIVE_INFINITY;
  /** Groups dropped because `maxGroups` was reached. */
  dropped = 0;

  constructor(
    correlations: readonly CompiledCorrelation[],
    private readonly table: FieldTable,
    private readonly mapping: MappingSet,
    private readonly config: Pick<DetectConfig, 'maxEvidence' | 'maxGroups'>,
  ) {
    this.states = correlations.map((c) => {
      const ops = Object.keys(c.condition);
      const monotone = c.type !== 'value_avg' && c.type !== 'temporal_ordered' && ops.every((o) => o === 'gt' || o === 'gte');
      return { c, monotone: monotone || c.type === 'temporal_ordered', groups: new Map(), closing: [] };
    });
    for (const s of this.states) for (const id of s.c.rules) this.byRef.set(id, [...(this.byRef.get(id) ?? []), s]);
  }

  /** Live groups over all correlations. */
  get groupCount(): number {
    return this.states.reduce((n, s) => n + s.groups.size, 0);
  }

  private field(hit: Hit, name: string): unknown {
    if ('group' in hit && Object.prototype.hasOwnProperty.call(hit.group, name)) return hit.group[name];
    if ('group' in hit) return this.field(hit.last, name);
    let acc = this.accessor.get(name);
    if (!acc) {
      const slot = this.table.slot(this.mapping.pathsFor(name, []));
      acc = this.table.accessors[slot];
      this.accessor.set(name, acc);
    }
    return acc(hit.event);
  }

  private groupValues(s: State, hit: Hit): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const g of s.c.groupBy) {
      const alias = s.c.aliases[g];
      const name = alias ? alias[hit.rule.id] : g;
      const v = name === undefined ? undefined : this.field(hit, name);
      const t = toText(v);
      out[g] = t === null ? null : t;
    }
    return out;
  }

  private valueOf(s: State, hit: Hit): unknown {
    if (s.c.valueFields.length === 0) return undefined;
    const vals = s.c.valueFields.map((f) => toText(this.field(hit, f)));
    if (vals.some((v) => v === null)) return undefined;
    return vals.length === 1 ? vals[0] : JSON.stringify(vals);
  }

  /** Feeds the base-rule matches of one event; returns correlation matches (chains included). */
  feed(matches: readonly RuleMatch[], time = matches[0]?.time): CorrelationMatch[] {
    if (time === undefined || Number.isNaN(time)) return [];
    const out: CorrelationMatch[] = [];
    this.advance(time, out);
    const queue: Hit[] = [...matches];
    const emit = (m: CorrelationMatch) => {
      out.push(m);
      queue.push(m);
    };
    while (queue.length) {
      const hit = queue.shift() as Hit;
      for (const s of this.byRef.get(hit.rule.id) ?? []) {
        const m = this.apply(s, hit, time, emit);
        if (m) emit(m);
      }
    }
    return out;
  }

  /** Closes the anchored windows that ended before `time`. */
  advance(time: number, out: CorrelationMatch[] = []): CorrelationMatch[] {
    if (time <= this.watermark) return out;
    this.watermark = time;
    for (const s of this.states) {
      while (s.closing.length && s.closing[0].end < time) {
        const { key, end } = s.closing.shift() as { key: string; end: number };
        const g = s.groups.get(key);
        if (g && g.start + s.c.timespanMs === end) this.close(s, g, out);
      }
      if (s.monotone) {
        for (const [key, g] of s.groups) {
          if (g.last >= time - s.c.timespanMs) break; // insertion order = least recently updated first
          s.groups.delete(key);
        }
      }
    }
    return out;
  }

  /** End of stream: evaluates every open anchored window. */
  flush(): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    for (const s of this.states) {
      if (!s.monotone) for (const g of [...s.groups.values()]) this.close(s, g, out);
      s.groups.clear();
      s.closing = [];
    }
    return out;
  }

  private close(s: State, g: Group, out: CorrelationMatch[]): void {
    s.groups.delete(g.key);
    const value = g.agg.value();
    const last = g.entries[g.entries.length - 1];
    if (last && satisfies(s.c.condition, value)) out.push(this.result(s, g, value, g.entries.slice(g.head), last));
  }

  private result(s: State, g: Group, value: number, entries: Entry[], last: Entry): CorrelationMatch {
    const evidence: RuleMatch[] = [];
    for (const e of entries) {
      if ('group' in e.hit) evidence.push(...e.hit.evidence);
      else evidence.push(e.hit);
    }
    const first = entries[0];
    return {
      rule: s.c,
      group: g.values,
      value,
      from: first ? first.t : g.start,
      to: last.t,
      last: last.hit,
      evidence: evidence.slice(-this.config.maxEvidence),
      time: last.t,
    };
  }

  private apply(s: State, hit: Hit, t: number, emit: (m: CorrelationMatch) => void): CorrelationMatch | null {
    const values = this.groupValues(s, hit);
    const key = JSON.stringify(values);
    let g = s.groups.get(key);
    const span = s.c.timespanMs;
    if (g && !s.monotone && t > g.start + span) {
      const closed: CorrelationMatch[] = [];
      this.close(s, g, closed); // the window is overtaken by this event of the same group
      closed.forEach(emit);
      g = undefined;
    }
    if (!g) {
      if (s.groups.size >= this.config.maxGroups) {
        const oldest = s.groups.keys().next().value as string;
        s.groups.delete(oldest);
        this.dropped++;
      }
      g = { key, values, entries: [], head: 0, agg: makeAgg(s.c), start: t, last: t };
      if (!s.monotone) s.closing.push({ key, end: t + span });
    } else s.groups.delete(key); // re-inserted below: keeps least-recently-updated order
    s.groups.set(key, g);
    g.last = t;
    const entry: Entry = { t, ruleId: hit.rule.id, value: this.valueOf(s, hit), hit };
    if (s.c.type === 'temporal_ordered') return this.ordered(s, g, entry);
    if (s.monotone) {
      while (g.head < g.entries.length && g.entries[g.head].t < t - span) g.agg.remove(g.entries[g.head++]);
      if (g.head > 256 && g.head * 2 > g.entries.length) {
        g.entries = g.entries.slice(g.head);
        g.head = 0;
      }
    }
    g.entries.push(entry);
    g.agg.add(entry);
    if (!s.monotone) return null;
    const value = g.agg.value();
    if (!satisfies(s.c.condition, value)) return null;
    const m = this.result(s, g, value, g.entries.slice(g.head), entry);
    s.groups.delete(key);
    return m;
  }

  private ordered(s: State, g: Group, e: Entry): CorrelationMatch | null {
    const n = s.c.rules.length;
    const best = (g.best ??= new Array<number>(n).fill(Number.NaN));
    const chains = (g.chains ??= new Array<Entry[]>(n).fill([]));
    for (let k = 0; k < n; k++) if (best[k] < e.t - s.c.timespanMs) best[k] = Number.NaN;
    const j = s.c.rules.indexOf(e.ruleId);
    const prev = j > 0 ? chains[j - 1][chains[j - 1].length - 1] : undefined;
    const sameEvent = prev !== undefined && eventOf(prev.hit) === eventOf(e.hit); // one event is one step only
    if (j === 0) {
      best[0] = e.t;
      chains[0] = [e];
    } else if (j > 0 && !sameEvent && !Number.isNaN(best[j - 1]) && (Number.isNaN(best[j]) || best[j - 1] >= best[j])) {
      best[j] = best[j - 1];
      chains[j] = [...chains[j - 1], e];
    }
    if (j !== n - 1 || Number.isNaN(best[n - 1])) return null;
    const m = this.result(s, g, n, chains[n - 1], e);
    s.groups.delete(g.key);
    return m;
  }
}
