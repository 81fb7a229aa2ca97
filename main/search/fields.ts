/**
 * Field names of the search language → `events` columns. Canonical names are
 * the ECS names of main/events/README.md; short aliases are what analysts type.
 * `attributes.<key>` reaches the JSON attributes (see `attributeField`).
 */
import { FIELD_TO_COLUMN, type EventField } from '../events/columns';

/**
 * How a field compares:
 * - `keyword`: exact value, case-insensitive (ASCII), wildcards via LIKE;
 * - `upper`: keyword stored upper-case (pseudonyms): the value is upper-cased, compared exactly (index-friendly);
 * - `text`: free text (message, original): words and phrases, full-text index when the column is in it;
 * - `int`, `severity` (names or 0–4), `bool`, `time`: typed values and ranges;
 * - `roles`: comma-separated list, matches when one element matches;
 * - `ip`: keyword plus IPv4 CIDR (`10.38.0.0/16`);
 * - `json`: a key of the JSON attributes.
 */
export type FieldKind = 'keyword' | 'upper' | 'text' | 'int' | 'severity' | 'bool' | 'time' | 'roles' | 'ip' | 'json';

export interface FieldDef {
  /** Canonical (ECS) name. */
  name: string;
  /** SQL expression over `events` (a column, or json_extract for attributes). */
  column: string;
  kind: FieldKind;
  /** Column of `events_fts` holding this field (free-text search). */
  fts?: string;
  /** Column of `rollup_hour` with the same values (counts without touching events). */
  rollup?: string;
  /** For `json`: the JSON path, bound as a parameter. */
  jsonPath?: string;
}

/** Columns whose leading index is binary (migration 001): exact values are looked up in every ASCII case spelling. */
export const SPELLING_COLUMNS = ['user_name', 'service'] as const;
export const spellingKey = (column: string, value: string) => `${column}\u0000${value}`;

/** The columns indexed by `events_fts` (migration 006), in order. */
export const FTS_COLUMNS = ['message', 'user_name', 'host', 'source_ip', 'action', 'object', 'patient'] as const;

const KINDS: Partial<Record<EventField, FieldKind>> = {
  '@timestamp': 'time',
  'event.ingested': 'time',
  'event.severity': 'severity',
  'health.break_glass': 'bool',
  'user.roles': 'roles',
  'source.ip': 'ip',
  'destination.ip': 'ip',
  'health.patient.pseudonym': 'upper',
  message: 'text',
  'event.original': 'text',
};
const ROLLUP: Partial<Record<EventField, string>> = {
  'service.name': 'service',
  'event.category': 'category',
  'event.severity': 'severity',
  'event.outcome': 'outcome',
};

const FIELDS = new Map<string, FieldDef>();
for (const [name, column] of Object.entries(FIELD_TO_COLUMN) as [EventField, string][]) {
  if (name === 'attributes') continue;
  FIELDS.set(name, {
    name,
    column,
    kind: KINDS[name] ?? 'keyword',
    fts: (FTS_COLUMNS as readonly string[]).includes(column) ? column : undefined,
    rollup: ROLLUP[name],
  });
}
FIELDS.set('id', { name: 'id', column: 'id', kind: 'int' });

/** Short names → canonical names. */
export const ALIASES: Readonly<Record<string, string>> = {
  timestamp: '@timestamp',
  ingested: 'event.ingested',
  dataset: 'event.dataset',
  service: 'service.name',
  host: 'host.name',
  process: 'process.name',
  app: 'process.name',
  severity: 'event.severity',
  category: 'event.category',
  action: 'event.action',
  outcome: 'event.outcome',
  user: 'user.name',
  role: 'user.roles',
  roles: 'user.roles',
  ip: 'source.ip',
  source: 'source.ip',
  destination: 'destination.ip',
  patient: 'health.patient.pseudonym',
  object: 'health.object',
  purpose: 'health.purpose_of_use',
  break_glass: 'health.break_glass',
  breakglass: 'health.break_glass',
  msg: 'message',
  original: 'event.original',
  raw: 'event.original',
};

const ATTRIBUTE_KEY = /^[\p{L}\p{N}_\-.@]{1,100}$/u;

/** `attributes.organization.id` → the JSON attribute `organization.id` (attributes are flat, keys may contain dots). */
function attributeField(name: string): FieldDef | undefined {
  const key = name.slice('attributes.'.length);
  if (!ATTRIBUTE_KEY.test(key)) return undefined;
  return { name, column: 'attrs', kind: 'json', jsonPath: `$."${key}"` };
}

/** The field a name designates (case-insensitive; canonical, alias or `attributes.<key>`), or undefined. */
export function resolveField(name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('attributes.')) return attributeField(name);
  const canonical = FIELDS.get(lower) ?? FIELDS.get(name);
  if (canonical) return canonical;
  const alias = ALIASES[lower];
  return alias ? FIELDS.get(alias) : undefined;
}

/** Every searchable name (canonical first, then aliases), for completion and the README. */
export function fieldNames(): { canonical: string[]; aliases: Record<string, string> } {
  return { canonical: [...FIELDS.keys()], aliases: { ...ALIASES } };
}

export { GROUPABLE_FIELDS, type GroupableField } from '../api/ops/search';
