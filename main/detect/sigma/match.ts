/**
 * `Matcher.match(event)`: the base rules that match one event. Per event:
 * classify it into logsource entries (hash lookups), take the candidate rules
 * of that entry set (computed once per distinct set and cached), skip the
 * rules whose required field is absent, then run the compiled closures.
 * Events that belong to no known logsource are checked against the rules
 * whose logsource has no mapping (README, "Unmapped log sources").
 */
import type { NormalizedEvent } from '../../events/types';
import type { BuildEnv } from './build';
import { Classifier } from './classify';
import { EventContext } from './fields';
import type { LoadResult } from './loader';
import { GuardIndex } from './prefilter';
import type { CompiledRule, RuleMatch } from './types';

interface Plan {
  rules: CompiledRule[];
  index: GuardIndex;
}

export class Matcher {
  readonly rules: readonly CompiledRule[];
  readonly env: BuildEnv;
  private readonly classifier: Classifier;
  private readonly ctx: EventContext;
  private readonly byEntry: CompiledRule[][] = [];
  private readonly unmapped: CompiledRule[] = [];
  private readonly global: CompiledRule[] = [];
  private readonly order = new Map<CompiledRule, number>();
  private readonly plans = new Map<string, Plan>();
  private readonly ids: number[] = [];
  /** Events seen by `match`. */
  events = 0;

  constructor(load: Pick<LoadResult, 'rules' | 'env'>) {
    this.rules = load.rules;
    this.env = load.env;
    this.classifier = new Classifier(load.env);
    this.ctx = new EventContext(load.env.table);
    load.rules.forEach((r, i) => {
      this.order.set(r, i);
      if (r.global) {
        this.global.push(r);
        return;
      }
      const entries = load.env.mapping.entriesFor(r.logsource);
      if (entries.length === 0) this.unmapped.push(r);
      for (const e of entries) (this.byEntry[e.id] ??= []).push(r);
    });
  }

  private plan(ids: readonly number[]): Plan {
    const key = ids.join(',');
    let p = this.plans.get(key);
    if (p) return p;
    const set = new Set<CompiledRule>(this.global);
    if (ids.length === 0) for (const r of this.unmapped) set.add(r);
    for (const id of ids) for (const r of this.byEntry[id] ?? []) set.add(r);
    const rules = [...set].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    p = { rules, index: new GuardIndex(rules) };
    this.plans.set(key, p);
    return p;
  }

  /** Rules that apply to the event's logsource (before any field test). */
  candidates(event: NormalizedEvent): readonly CompiledRule[] {
    this.ctx.reset(event);
    return this.plan(this.classifier.classify(this.ctx, this.ids)).rules;
  }

  /** Base rules matching `event`, in load order within each prefilter group. */
  match(event: NormalizedEvent, ref?: number | string): RuleMatch[] {
    this.events++;
    const ctx = this.ctx.reset(event);
    const p = this.plan(this.classifier.classify(ctx, this.ids));
    let out: RuleMatch[] | undefined;
    const rules = p.rules;
    for (const i of p.index.candidates(ctx)) {
      const r = rules[i];
      if (r.requiredSlot >= 0 && !ctx.present(r.requiredSlot)) continue;
      if (r.test(ctx)) (out ??= []).push({ rule: r, event, time: ctx.time(), ref });
    }
    return out ?? [];
  }

  /** Like `match`, timing each evaluated rule into `stats` (benchmarks). Returns the number of matches. */
  profile(event: NormalizedEvent, stats: Map<CompiledRule, { calls: number; ms: number }>): number {
    const ctx = this.ctx.reset(event);
    const p = this.plan(this.classifier.classify(ctx, this.ids));
    let n = 0;
    for (const i of p.index.candidates(ctx)) {
      const r = p.rules[i];
      if (r.requiredSlot >= 0 && !ctx.present(r.requiredSlot)) continue;
      const t0 = performance.now();
      const hit = r.test(ctx);
      const dt = performance.now() - t0;
      const s = stats.get(r) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += dt;
      stats.set(r, s);
      if (hit) n++;
    }
    return n;
  }

  /** Runs one rule on one event (rule editor "test", per-rule benchmarks). */
  test(rule: CompiledRule, event: NormalizedEvent): boolean {
    return rule.test(this.ctx.reset(event));
  }
}
