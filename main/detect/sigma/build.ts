/**
 * Building compiled rules from validated documents: logsource → mapping
 * entries → field slots, detection → closure, Sigma filters (filters spec
 * 2.1: `rule condition and not filter condition`) folded in.
 */
import type { FieldEnv } from './checks';
import { compileDetection } from './compile';
import { type FieldTable, KEYWORDS_PATH } from './fields';
import type { MappingSet, SourceEntry } from './mapping';
import type { FilterDoc, RuleDoc } from './schema';
import type { CompiledRule, DetectConfig, Logsource, SigmaMeta } from './types';
import { RuleError } from './types';

export interface BuildEnv {
  table: FieldTable;
  mapping: MappingSet;
  config: DetectConfig;
}

export interface Loc {
  file: string;
  doc: number;
}

/** Where a document came from, with its YAML value as written. */
export interface DocLoc extends Loc {
  raw: unknown;
}

export interface LoadedFilter extends Loc {
  id?: string;
  name?: string;
  title: string;
  logsource: Logsource;
  /** References (ids or names) as written. */
  refs: string[];
  body: Record<string, unknown>;
  /** Ids of the rules it was applied to. */
  appliedTo: string[];
}

export function logsourceOf(ls: { product?: string; category?: string; service?: string }): Logsource {
  const out: Logsource = {};
  if (ls.product) out.product = ls.product;
  if (ls.category) out.category = ls.category;
  if (ls.service) out.service = ls.service;
  return out;
}

export function fieldEnv(env: BuildEnv, entries: readonly SourceEntry[]): FieldEnv {
  return {
    timezone: env.config.timezone,
    placeholders: env.config.placeholders,
    maxExpansion: env.config.maxExpansion,
    keywordSlot: env.table.slot([KEYWORDS_PATH]),
    slotFor: (field) => env.table.slot(env.mapping.pathsFor(field, entries)),
  };
}

/** Meta attributes shared by rules and correlations. */
export function metaOf(d: SigmaMeta, loc: DocLoc, generate: boolean) {
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    level: d.level,
    status: d.status,
    description: d.description,
    author: d.author,
    tags: d.tags,
    references: d.references,
    falsepositives: d.falsepositives,
    date: d.date,
    modified: d.modified,
    file: loc.file,
    doc: loc.doc,
    generate,
    source: loc.raw as Record<string, unknown>,
  };
}

/** A filter's own logsource keys must all equal the rule's. */
function filterFits(f: LoadedFilter, ls: Logsource): boolean {
  return (['product', 'category', 'service'] as const).every((k) => !f.logsource[k] || f.logsource[k]?.toLowerCase() === ls[k]?.toLowerCase());
}

export function compileRule(d: RuleDoc, loc: DocLoc, env: BuildEnv, generate: boolean, filters: readonly LoadedFilter[], warnings: string[]): CompiledRule {
  if (d.status === 'unsupported') throw new RuleError('status-unsupported', 'status: unsupported (the rule states it cannot be used as is)');
  const logsource = logsourceOf(d.logsource);
  const entries = env.mapping.entriesFor(logsource);
  const global = Object.keys(logsource).length === 0;
  // Field mappings of an entry apply to rules written at its level (same category, or both without one).
  const category = logsource.category?.toLowerCase();
  const fenv = fieldEnv(env, entries.filter((e) => e.category === category));
  const det = compileDetection(d.detection, fenv);
  let test = det.test;
  const applied: string[] = [];
  for (const f of filters) {
    if (!f.refs.includes(d.id) && !(d.name && f.refs.includes(d.name))) continue;
    const label = f.id ?? f.title;
    if (!filterFits(f, logsource)) {
      warnings.push(`filter ${label} not applied to rule ${d.id}: logsource ${JSON.stringify(f.logsource)} differs from ${JSON.stringify(logsource)}`);
      continue;
    }
    const body = compileDetection(f.body, fenv).test;
    const base = test;
    test = (ctx) => base(ctx) && !body(ctx);
    applied.push(label);
    f.appliedTo.push(d.id);
  }
  const required = [...det.required];
  return {
    kind: 'rule',
    ...metaOf(d, loc, generate),
    logsource,
    mapped: global || entries.length > 0,
    global,
    fields: det.fields,
    filters: applied,
    requiredSlot: required.length ? required[0] : -1,
    guard: det.guard,
    test,
  };
}

/** Validates a filter document's body once (modifiers, condition) before it is applied. */
export function loadFilter(d: FilterDoc, loc: Loc, env: BuildEnv): LoadedFilter {
  const { rules, ...body } = d.filter;
  const refs = (Array.isArray(rules) ? rules : [rules]).map(String);
  if (refs.length === 0 || refs.some((r) => !r)) throw new RuleError('schema', 'filter.rules: must list rule ids or names');
  compileDetection(body, fieldEnv(env, []));
  return {
    ...loc,
    id: d.id,
    name: d.name,
    title: d.title,
    logsource: logsourceOf(d.logsource),
    refs,
    body,
    appliedTo: [],
  };
}
