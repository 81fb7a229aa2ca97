/**
 * `loadRules(paths)`: reads YAML files, folders and zips, validates every
 * document, compiles rules (with Sigma filters) and correlations, and
 * returns what loaded plus a rejection (file, doc, id, title, code, reason)
 * for everything else. Correlations and the rules they use are resolved
 * across the whole load (by id or `name`); a rejection cascades to the
 * correlations that depend on it.
 */
import { type BuildEnv, type DocLoc, type LoadedFilter, compileRule, loadFilter } from './build';
import { compileCorrelation, resolveRefs } from './correlation-build';
import { FieldTable } from './fields';
import { type MappingSet, loadMappings } from './mapping';
import { type CorrelationDoc, type FilterDoc, type RuleDoc, correlationSchema, documentKind, filterSchema, ruleSchema, validate } from './schema';
import { type ReadResult, readSources, readTexts } from './sources';
import { isValidZone } from './time';
import {
  type CompiledCorrelation,
  type CompiledRule,
  DEFAULT_CONFIG,
  type DetectConfig,
  type Rejection,
  RuleError,
} from './types';

export interface LoadResult {
  rules: CompiledRule[];
  correlations: CompiledCorrelation[];
  filters: LoadedFilter[];
  rejected: Rejection[];
  /** Non-fatal notes (filters not applied, unmapped logsources are flagged on the rules themselves). */
  warnings: string[];
  /** YAML files read (inside archives too). */
  files: number;
  /** Sigma documents found: loaded + rejected (files that could not be read count as one). */
  documents: number;
  env: BuildEnv;
}

type Item<T> = DocLoc & { value: T };

function label(raw: unknown): { id?: string; title?: string } {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return { id: typeof r.id === 'string' ? r.id : undefined, title: typeof r.title === 'string' ? r.title : undefined };
}

export function resolveConfig(config: Partial<DetectConfig> = {}): DetectConfig {
  const cfg = { ...DEFAULT_CONFIG, ...config };
  if (!isValidZone(cfg.timezone)) throw new Error(`unknown time zone ${JSON.stringify(cfg.timezone)}`);
  return cfg;
}

export function buildRuleSet(read: ReadResult, config: Partial<DetectConfig> = {}, mapping?: MappingSet): LoadResult {
  const cfg = resolveConfig(config);
  const env: BuildEnv = { table: new FieldTable(), mapping: mapping ?? loadMappings(cfg), config: cfg };
  const rejected: Rejection[] = [...read.errors];
  const warnings: string[] = [];
  const reject = (loc: DocLoc, e: unknown) => {
    const err = e instanceof RuleError ? e : new RuleError('schema', e instanceof Error ? e.message : String(e));
    rejected.push({ file: loc.file, doc: loc.doc, ...label(loc.raw), code: err.code, reason: err.message });
  };

  const rules: Item<RuleDoc>[] = [];
  const corrs: Item<CorrelationDoc>[] = [];
  const filterDocs: Item<FilterDoc>[] = [];
  const owners = new Map<string, DocLoc>();
  for (const d of read.docs) {
    const loc: DocLoc = { file: d.file, doc: d.doc, raw: d.value };
    const kind = documentKind(d.value);
    try {
      if (!kind) {
        const action = (d.value as Record<string, unknown> | null)?.action;
        if (typeof action === 'string') throw new RuleError('not-sigma', `Sigma 1 rule collection (action: ${action}) is not supported: write each rule as a full document`);
        throw new RuleError('not-sigma', 'no detection, correlation or filter section');
      }
      const value = validate<RuleDoc | CorrelationDoc | FilterDoc>(kind === 'rule' ? ruleSchema : kind === 'correlation' ? correlationSchema : filterSchema, d.value);
      for (const key of [value.id, value.name].filter((k): k is string => !!k)) {
        const prev = owners.get(key);
        if (prev) throw new RuleError('duplicate-id', `${key === value.id ? 'id' : 'name'} ${key} is already used by ${prev.file} (document ${prev.doc})`);
      }
      for (const key of [value.id, value.name]) if (key) owners.set(key, loc);
      const item = loc;
      if (kind === 'rule') rules.push({ ...item, value: value as RuleDoc });
      else if (kind === 'correlation') corrs.push({ ...item, value: value as CorrelationDoc });
      else filterDocs.push({ ...item, value: value as FilterDoc });
    } catch (e) {
      reject(loc, e);
    }
  }

  const filters: LoadedFilter[] = [];
  for (const f of filterDocs) {
    try {
      filters.push(loadFilter(f.value, f, env));
    } catch (e) {
      reject(f, e);
    }
  }

  // Rules compile once; correlations are re-resolved until no rejection cascades any more.
  const compiled = new Map<string, CompiledRule>();
  for (const r of rules) {
    try {
      compiled.set(r.value.id, compileRule(r.value, r, env, true, filters, warnings));
    } catch (e) {
      reject(r, e);
    }
  }
  const ruleItems = new Map(rules.filter((r) => compiled.has(r.value.id)).map((r) => [r.value.id, r]));
  let aliveCorrs = [...corrs];
  let result: CompiledCorrelation[] = [];
  for (;;) {
    const alive = new Set<string>([...compiled.keys(), ...aliveCorrs.map((c) => c.value.id)]);
    const byName = new Map<string, string>();
    for (const r of ruleItems.values()) if (r.value.name && alive.has(r.value.id)) byName.set(r.value.name, r.value.id);
    for (const c of aliveCorrs) if (c.value.name) byName.set(c.value.name, c.value.id);
    const resolve = (ref: string) => (alive.has(ref) ? ref : byName.get(ref));
    const refsOf = new Map(aliveCorrs.map((c) => [c.value.id, resolveRefs(c.value, resolve).ids]));
    const drop = new Set<string>(cyclic(refsOf));
    const referencedBy = new Map<string, CorrelationDoc[]>();
    for (const c of aliveCorrs) for (const id of refsOf.get(c.value.id) ?? []) referencedBy.set(id, [...(referencedBy.get(id) ?? []), c.value]);
    const generates = (id: string) => {
      const by = referencedBy.get(id);
      return !by || by.some((c) => c.correlation.generate ?? c.generate ?? false);
    };
    let changed = false;
    for (const [id, rule] of compiled) {
      rule.generate = generates(id);
      if (rule.generate && !rule.level) {
        const item = ruleItems.get(id) as Item<RuleDoc>;
        reject(item, new RuleError('schema', 'level: required attribute missing (needed for a rule that raises alerts on its own)'));
        compiled.delete(id);
        changed = true;
      }
    }
    result = [];
    for (const c of aliveCorrs) {
      try {
        if (drop.has(c.value.id)) throw new RuleError('reference-unresolved', 'correlation.rules: the correlation refers to itself through a cycle');
        result.push(compileCorrelation(c.value, c, resolve, generates(c.value.id)));
      } catch (e) {
        reject(c, e);
        aliveCorrs = aliveCorrs.filter((x) => x !== c);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const f of filters) {
    const found = f.refs.filter((ref) => [...compiled.values()].some((r) => r.id === ref || r.name === ref));
    if (found.length < f.refs.length) warnings.push(`filter ${f.id ?? f.title}: rules not loaded: ${f.refs.filter((x) => !found.includes(x)).join(', ')}`);
  }
  const loadedRules = rules.map((r) => compiled.get(r.value.id)).filter((r): r is CompiledRule => !!r);
  return {
    rules: loadedRules,
    correlations: result,
    filters,
    rejected,
    warnings,
    files: read.files,
    documents: read.docs.length + read.errors.length,
    env,
  };
}

/** Correlation ids that take part in a reference cycle. */
function cyclic(refsOf: Map<string, string[]>): string[] {
  const state = new Map<string, 1 | 2>();
  const out = new Set<string>();
  const visit = (id: string, stack: string[]): void => {
    if (state.get(id) === 2 || !refsOf.has(id)) return;
    if (state.get(id) === 1) {
      for (const x of stack.slice(stack.indexOf(id))) out.add(x);
      return;
    }
    state.set(id, 1);
    for (const next of refsOf.get(id) ?? []) visit(next, [...stack, id]);
    state.set(id, 2);
  };
  for (const id of refsOf.keys()) visit(id, []);
  return [...out];
}

/** Loads rules from files, folders and zip archives. */
export function loadRules(paths: readonly string[], config: Partial<DetectConfig> = {}, mapping?: MappingSet): LoadResult {
  return buildRuleSet(readSources(paths), config, mapping);
}

/** Loads rules from in-memory YAML texts (`name` labels rejections). */
export function loadRuleTexts(texts: readonly { name: string; text: string }[], config: Partial<DetectConfig> = {}, mapping?: MappingSet): LoadResult {
  return buildRuleSet(readTexts(texts), config, mapping);
}
