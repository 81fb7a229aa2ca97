/**
 * Public shapes of the Sigma engine: configuration, compiled rules and
 * correlations, rejections (with their documented codes) and matches.
 */
import type { NormalizedEvent } from '../../events/types';
import type { EventContext } from './fields';
import type { Guard } from './guard';

export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
export type Status = (typeof STATUSES)[number];

/** Sigma `logsource` keys Vigie routes on (`definition` is informative only). */
export interface Logsource {
  product?: string;
  category?: string;
  service?: string;
}

/**
 * Why a document was not loaded. Every rejection carries one of these codes
 * plus a precise, human-readable reason (see README.md, "Rejection codes").
 */
export const REJECTION_CODES = {
  'read-error': 'the file or archive could not be read (missing, unreadable, too large, corrupt zip)',
  yaml: 'the file is not valid YAML',
  'not-sigma': 'the YAML document is not a Sigma rule, correlation or filter',
  schema: 'a required attribute is missing or has the wrong type/value (title, id, level, status, logsource, detection…)',
  'duplicate-id': 'another document already loaded uses the same id',
  'status-unsupported': 'the rule declares `status: unsupported` (not usable as is, by its own statement)',
  'modifier-unknown': 'a field modifier that is not part of Sigma 2.1',
  'modifier-invalid': 'a Sigma 2.1 modifier used in a way the specification does not define (wrong value type, incompatible chain)',
  'value-invalid': 'a detection value of a type or shape Sigma does not allow (nested map, empty list, bad CIDR…)',
  'regex-unsupported': 'a `|re` expression uses a construct outside the Sigma regex flavour that JavaScript cannot honour exactly',
  'condition-invalid': 'the condition does not parse or names search identifiers that do not exist',
  'condition-unsupported': 'the condition uses a construct not defined by Sigma 2.x (Sigma 1 aggregations `| count()`, `near`, `N of`)',
  'placeholder-unknown': 'an `|expand` placeholder has no value in the configuration',
  'reference-unresolved': 'a correlation or filter refers to a rule that is not loaded (unknown, rejected or cyclic)',
  'correlation-unsupported': 'a correlation feature Vigie does not evaluate (value_percentile, condition on temporal_ordered)',
  'too-large': 'an expansion (windash, placeholders) over the configured limit',
} as const;
export type RejectionCode = keyof typeof REJECTION_CODES;

export interface Rejection {
  file: string;
  /** 0-based index of the YAML document in its file (multi-document files). */
  doc: number;
  id?: string;
  title?: string;
  code: RejectionCode;
  reason: string;
}

export interface DetectConfig {
  /** IANA zone for the time modifiers (`|hour`, `|day`…). Default Europe/Paris. */
  timezone: string;
  /** Values of `|expand` placeholders, by name without the `%` (e.g. `Administrators`). */
  placeholders: Record<string, readonly string[]>;
  /** Mapping files (Vigie format) used instead of the shipped ones; `undefined` = shipped set. */
  mappingFiles?: readonly string[];
  /** Extra mapping files loaded after the base set (site-specific additions). */
  extraMappingFiles: readonly string[];
  /** THOR-style Sigma logsource configurations (e.g. the Sigma repository's `tests/thor.yml`) added at load. */
  logsourceConfigs: readonly string[];
  /** Largest number of values one detection value may expand to (windash, placeholders). */
  maxExpansion: number;
  /** Contributing events kept per correlation window (for alert evidence). */
  maxEvidence: number;
  /** Live groups kept per correlation before the oldest are dropped. */
  maxGroups: number;
}

export const DEFAULT_CONFIG: DetectConfig = {
  timezone: 'Europe/Paris',
  placeholders: {},
  extraMappingFiles: [],
  logsourceConfigs: [],
  maxExpansion: 4096,
  maxEvidence: 50,
  maxGroups: 100_000,
};

/** A compiled test over one event (closures built once per rule). */
export type Check = (ctx: EventContext) => boolean;

/** The meta attributes a Sigma document (rule or correlation) states about itself. */
export interface SigmaMeta {
  id: string;
  name?: string;
  title: string;
  /** Missing only on rules that exist to feed a correlation (they raise no alert of their own). */
  level?: Level;
  status?: Status;
  description?: string;
  author?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  date?: string;
  modified?: string;
}

interface RuleMeta extends SigmaMeta {
  file: string;
  doc: number;
  /** True when matches of this rule are reported on their own (not only consumed by a correlation). */
  generate: boolean;
  /** The YAML document as written (for display and editing). */
  source: Record<string, unknown>;
}

export interface CompiledRule extends RuleMeta {
  kind: 'rule';
  logsource: Logsource;
  /** False when no mapping entry describes the logsource: see README ("Unmapped log sources"). */
  mapped: boolean;
  /** True when the logsource names no product, category nor service (applies to every event). */
  global: boolean;
  /** Sigma field names the detection uses. */
  fields: string[];
  /** Ids of the Sigma filters applied to this rule. */
  filters: string[];
  /** Field slot that must hold a value for the rule to possibly match (-1: none). */
  requiredSlot: number;
  /** Necessary literal condition used by the prefilter (null: always evaluated). */
  guard: Guard;
  test: Check;
}

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg'] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export interface CountCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
}

export interface CompiledCorrelation extends RuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  /** Ids of the referenced rules or correlations, in the order written. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition: CountCondition;
  /** Field(s) for value_count / value_sum / value_avg. */
  valueFields: string[];
  /** alias → (referenced rule id → field name). */
  aliases: Record<string, Record<string, string>>;
}

export type AnyRule = CompiledRule | CompiledCorrelation;

/** A base rule matching one event. */
export interface RuleMatch {
  rule: CompiledRule;
  event: NormalizedEvent;
  /** Event time in ms since the epoch (NaN when the event has no readable timestamp). */
  time: number;
  /** Caller-supplied position or id of the event (line number, database id…). */
  ref?: number | string;
}

/** A correlation rule whose condition was met. */
export interface CorrelationMatch {
  rule: CompiledCorrelation;
  /** Values of the group-by fields for this group. */
  group: Record<string, unknown>;
  /** Count, distinct values, sum or average, depending on the type. */
  value: number;
  /** Window start and end (ms since the epoch). */
  from: number;
  to: number;
  /** The event whose arrival (or the window end) triggered the match. */
  last: RuleMatch | CorrelationMatch;
  /** Up to `maxEvidence` contributing base matches, oldest first. */
  evidence: RuleMatch[];
  time: number;
}

export type Hit = RuleMatch | CorrelationMatch;

/** Thrown while compiling a document; becomes a `Rejection` with the same code and message. */
export class RuleError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}
