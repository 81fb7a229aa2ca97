/**
 * Validation of the three Sigma document kinds (rules spec 2.1, correlation
 * spec 2.x, filters spec 2.1) with zod. Attributes Vigie relies on are
 * strict (title, id as UUID, level, status, logsource, detection/condition,
 * correlation fields); descriptive metadata (author, references, tags…)
 * is normalised to strings/lists. Unknown attributes are allowed (custom
 * attributes are legal in Sigma).
 */
import { z } from 'zod';
import { LEVELS, RuleError, STATUSES } from './types';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = z.union([z.string(), z.number()]).transform(String);
const textList = z
  .union([z.array(z.union([z.string(), z.number(), z.null()])), z.string(), z.null()])
  .optional()
  .transform((v) => (v == null ? [] : Array.isArray(v) ? v.filter((x) => x !== null).map(String) : [v]));
const authorText = z
  .union([z.string(), z.array(z.string()), z.null()])
  .optional()
  .transform((v) => (v == null ? undefined : Array.isArray(v) ? v.join(', ') : v));

const meta = {
  title: z.string().min(1, 'must not be empty').max(256, 'longer than 256 characters'),
  name: z.string().min(1).max(256).optional(),
  status: z.enum(STATUSES).optional(),
  level: z.enum(LEVELS).optional(),
  description: text.optional(),
  author: authorText,
  references: textList,
  tags: textList,
  falsepositives: textList,
  date: text.optional(),
  modified: text.optional(),
};

const idSchema = z.string().regex(UUID_RE, 'must be a UUID (8-4-4-4-12 hexadecimal digits)');

const logsourceSchema = z.looseObject({
  product: z.string().optional(),
  category: z.string().optional(),
  service: z.string().optional(),
  definition: z.unknown().optional(),
});

const conditionSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  error: 'must be a string or a list of strings',
});

export const ruleSchema = z.looseObject({
  ...meta,
  id: idSchema,
  logsource: logsourceSchema,
  detection: z.looseObject({ condition: conditionSchema }),
});
export type RuleDoc = z.infer<typeof ruleSchema>;

const countCondition = z.strictObject({
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  eq: z.number().optional(),
  neq: z.number().optional(),
  field: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
});

export const correlationSchema = z.looseObject({
  ...meta,
  id: idSchema,
  generate: z.boolean().optional(),
  correlation: z.looseObject({
    type: z.enum(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile']),
    rules: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
    'group-by': z.union([z.array(z.string().min(1)), z.string().min(1)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    timespan: z.string().regex(/^\d+[smhdw]$/, 'must be a number followed by s, m, h, d or w (e.g. 90m)'),
    condition: countCondition.optional(),
    aliases: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    generate: z.boolean().optional(),
  }),
});
export type CorrelationDoc = z.infer<typeof correlationSchema>;

export const filterSchema = z.looseObject({
  title: meta.title,
  id: idSchema.optional(),
  name: meta.name,
  description: meta.description,
  logsource: logsourceSchema,
  filter: z.looseObject({
    rules: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]),
    condition: conditionSchema,
  }),
});
export type FilterDoc = z.infer<typeof filterSchema>;

/** Parses or throws a `schema` RuleError naming the first offending attribute. */
export function validate<T>(schema: z.ZodType<T>, doc: unknown): T {
  const r = schema.safeParse(doc);
  if (r.success) return r.data;
  const at = (path: readonly PropertyKey[]): unknown =>
    path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), doc);
  const issues = r.error.issues.slice(0, 3).map((i) => {
    const path = i.path.join('.') || '(document)';
    return i.path.length > 0 && at(i.path) === undefined ? `${path}: required attribute missing` : `${path}: ${i.message}`;
  });
  throw new RuleError('schema', issues.join('; '));
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function timespanMs(span: string): number {
  const m = /^(\d+)([smhdw])$/.exec(span);
  if (!m) throw new RuleError('schema', `correlation.timespan: ${JSON.stringify(span)} is not a timespan`);
  const n = Number(m[1]) * UNIT_MS[m[2]];
  if (n <= 0) throw new RuleError('schema', 'correlation.timespan: must be greater than zero');
  return n;
}

/** Kind of a YAML document, from its top-level sections. */
export function documentKind(doc: unknown): 'rule' | 'correlation' | 'filter' | null {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const d = doc as Record<string, unknown>;
  if (d.correlation !== undefined) return 'correlation';
  if (d.detection !== undefined) return 'rule';
  if (d.filter !== undefined && d.logsource !== undefined) return 'filter';
  return null;
}
