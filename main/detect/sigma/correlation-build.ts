/**
 * Compilation of correlation documents (correlation spec 2.x): references
 * resolved to ids (by id or `name`), condition defaults and checks per type,
 * aliases resolved. `value_percentile` is rejected: the specification does
 * not define how the percentile is compared.
 */
import { type DocLoc, metaOf } from './build';
import { type CorrelationDoc, timespanMs } from './schema';
import { type CompiledCorrelation, type CountCondition, RuleError } from './types';

const OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;

/** Ids referenced by a correlation document, or the first unresolved reference. */
export function resolveRefs(d: CorrelationDoc, resolve: (ref: string) => string | undefined): { ids: string[]; missing?: string } {
  const ids: string[] = [];
  for (const ref of d.correlation.rules) {
    const id = resolve(ref);
    if (!id) return { ids, missing: ref };
    ids.push(id);
  }
  return { ids };
}

export function compileCorrelation(
  d: CorrelationDoc,
  loc: DocLoc,
  resolve: (ref: string) => string | undefined,
  generate: boolean,
): CompiledCorrelation {
  const c = d.correlation;
  if (c.type === 'value_percentile') {
    throw new RuleError('correlation-unsupported', 'correlation type value_percentile is not supported (the specification does not define the comparison)');
  }
  if (generate && !d.level) throw new RuleError('schema', 'level: required attribute missing (needed for a correlation that raises alerts)');
  const { ids, missing } = resolveRefs(d, resolve);
  if (missing) {
    throw new RuleError('reference-unresolved', `correlation.rules: "${missing}" is not a loaded rule or correlation (unknown id or name, or rejected)`);
  }
  const cond = c.condition ?? {};
  const ops: CountCondition = {};
  for (const op of OPS) if (cond[op] !== undefined) ops[op] = cond[op];
  const hasOps = Object.keys(ops).length > 0;
  const valueFields = cond.field === undefined ? [] : Array.isArray(cond.field) ? cond.field : [cond.field];
  switch (c.type) {
    case 'event_count':
      if (!hasOps) throw new RuleError('schema', 'correlation.condition: event_count needs gt, gte, lt, lte, eq or neq');
      if (valueFields.length) throw new RuleError('schema', 'correlation.condition.field: only for value_count, value_sum and value_avg');
      break;
    case 'value_count':
    case 'value_sum':
    case 'value_avg':
      if (!hasOps || valueFields.length === 0) throw new RuleError('schema', `correlation.condition: ${c.type} needs a field and gt, gte, lt, lte, eq or neq`);
      if (c.type !== 'value_count' && valueFields.length > 1) throw new RuleError('schema', `correlation.condition.field: ${c.type} takes one field`);
      break;
    case 'temporal':
      if (valueFields.length) throw new RuleError('schema', 'correlation.condition.field: only for value_count, value_sum and value_avg');
      if (!hasOps) ops.gte = ids.length; // default: every referenced rule
      break;
    case 'temporal_ordered':
      if (hasOps || valueFields.length) {
        throw new RuleError('correlation-unsupported', 'a condition on temporal_ordered is not supported (the whole ordered sequence is required)');
      }
      break;
  }
  const aliases: Record<string, Record<string, string>> = {};
  for (const [alias, byRule] of Object.entries(c.aliases ?? {})) {
    aliases[alias] = {};
    for (const [ref, field] of Object.entries(byRule)) {
      const id = resolve(ref);
      if (!id || !ids.includes(id)) {
        throw new RuleError('reference-unresolved', `correlation.aliases.${alias}: "${ref}" is not one of the correlated rules`);
      }
      aliases[alias][id] = field;
    }
  }
  return {
    kind: 'correlation',
    ...metaOf(d, loc, generate),
    type: c.type,
    rules: ids,
    groupBy: c['group-by'],
    timespanMs: timespanMs(c.timespan),
    condition: ops,
    valueFields,
    aliases,
  };
}
