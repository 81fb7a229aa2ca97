/**
 * `Detector`: the matcher and the correlation engine together, as ingestion
 * and retro-hunts use them. `process(event)` returns what should be reported
 * for that event: matches of rules that generate on their own, and matches of
 * correlations (chains included) that generate. Rules referenced by a
 * correlation only feed it, unless that correlation says `generate: true`.
 */
import type { NormalizedEvent } from '../../events/types';
import { CorrelationEngine } from './correlation';
import { eventTime } from './fields';
import type { LoadResult } from './loader';
import { Matcher } from './match';
import type { CorrelationMatch, Hit, RuleMatch } from './types';

export class Detector {
  readonly matcher: Matcher;
  readonly correlations: CorrelationEngine;
  private readonly hasCorrelations: boolean;

  constructor(readonly load: Pick<LoadResult, 'rules' | 'correlations' | 'env'>) {
    this.matcher = new Matcher(load);
    this.correlations = new CorrelationEngine(load.correlations, load.env.table, load.env.mapping, load.env.config);
    this.hasCorrelations = load.correlations.length > 0;
  }

  /** Every base match of the event (generating or not) and the correlation matches it completes. */
  evaluate(event: NormalizedEvent, ref?: number | string): { base: RuleMatch[]; correlations: CorrelationMatch[] } {
    const base = this.matcher.match(event, ref);
    if (!this.hasCorrelations) return { base, correlations: [] };
    const time = base.length ? base[0].time : eventTime(event);
    return { base, correlations: this.correlations.feed(base, time) };
  }

  /** What to report for this event. */
  process(event: NormalizedEvent, ref?: number | string): Hit[] {
    const { base, correlations } = this.evaluate(event, ref);
    const out: Hit[] = [];
    for (const m of base) if (m.rule.generate) out.push(m);
    for (const m of correlations) if (m.rule.generate) out.push(m);
    return out;
  }

  /** End of the stream: closes the open correlation windows. */
  flush(): Hit[] {
    return this.correlations.flush().filter((m) => m.rule.generate);
  }
}
