/**
 * Incremental aggregates of a correlation window (count, distinct values,
 * sum, average, distinct rules) and the count-condition test.
 */
import type { CompiledCorrelation, CountCondition, Hit } from './types';

export interface Entry {
  t: number;
  ruleId: string;
  /** Value of the correlation's `field` (text, or JSON of several), undefined when absent. */
  value: unknown;
  hit: Hit;
}

export interface Agg {
  add(e: Entry): void;
  remove(e: Entry): void;
  value(): number;
}

function counter(keyOf: (e: Entry) => string | undefined): Agg {
  const counts = new Map<string, number>();
  return {
    add(e) {
      const k = keyOf(e);
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    },
    remove(e) {
      const k = keyOf(e);
      if (k === undefined) return;
      const n = (counts.get(k) ?? 0) - 1;
      if (n <= 0) counts.delete(k);
      else counts.set(k, n);
    },
    value: () => counts.size,
  };
}

function numeric(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function makeAgg(c: CompiledCorrelation): Agg {
  switch (c.type) {
    case 'event_count': {
      let n = 0;
      return { add: () => void n++, remove: () => void n--, value: () => n };
    }
    case 'value_count':
      return counter((e) => (e.value === undefined ? undefined : String(e.value)));
    case 'temporal':
    case 'temporal_ordered':
      return counter((e) => e.ruleId);
    case 'value_sum':
    case 'value_avg': {
      let sum = 0;
      let n = 0;
      return {
        add(e) {
          const x = numeric(e.value);
          if (x === undefined) return;
          sum += x;
          n++;
        },
        remove(e) {
          const x = numeric(e.value);
          if (x === undefined) return;
          sum -= x;
          n--;
        },
        value: () => (c.type === 'value_sum' ? sum : n === 0 ? Number.NaN : sum / n),
      };
    }
  }
}

/** All the criteria of the condition hold (a range is `gt` + `lte`, etc.). */
export function satisfies(c: CountCondition, v: number): boolean {
  if (Number.isNaN(v)) return false;
  if (c.gt !== undefined && !(v > c.gt)) return false;
  if (c.gte !== undefined && !(v >= c.gte)) return false;
  if (c.lt !== undefined && !(v < c.lt)) return false;
  if (c.lte !== undefined && !(v <= c.lte)) return false;
  if (c.eq !== undefined && v !== c.eq) return false;
  if (c.neq !== undefined && v === c.neq) return false;
  return true;
}
