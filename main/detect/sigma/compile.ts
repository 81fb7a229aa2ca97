/**
 * Compilation of a detection section into one closure: every search
 * identifier (map = AND of fields, list of maps = OR, list of values =
 * keywords) becomes a check, the condition AST is folded over them. Also
 * computes a "required slot" (a field that must hold a value for any match)
 * used by the matcher to skip rules cheaply.
 */
import { type FieldEnv, compileField } from './checks';
import { type CondNode, expandPattern, parseCondition } from './condition';
import { type Guard, andGuard, orGuard } from './guard';
import { type Check, RuleError } from './types';

interface Compiled {
  check: Check;
  /** Slots that must all be present for a match. */
  required: Set<number>;
  guard: Guard;
}

export function and(checks: Check[]): Check {
  if (checks.length === 1) return checks[0];
  if (checks.length === 2) {
    const [a, b] = checks;
    return (c) => a(c) && b(c);
  }
  if (checks.length === 3) {
    const [a, b, d] = checks;
    return (c) => a(c) && b(c) && d(c);
  }
  return (c) => {
    for (let i = 0; i < checks.length; i++) if (!checks[i](c)) return false;
    return true;
  };
}

export function or(checks: Check[]): Check {
  if (checks.length === 1) return checks[0];
  if (checks.length === 2) {
    const [a, b] = checks;
    return (c) => a(c) || b(c);
  }
  return (c) => {
    for (let i = 0; i < checks.length; i++) if (checks[i](c)) return true;
    return false;
  };
}

const union = (sets: Set<number>[]) => new Set(sets.flatMap((s) => [...s]));
const intersection = (sets: Set<number>[]) =>
  sets.length === 0 ? new Set<number>() : new Set([...sets[0]].filter((x) => sets.every((s) => s.has(x))));

function compileMap(name: string, map: Record<string, unknown>, env: FieldEnv, fields: Set<string>): Compiled {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new RuleError('value-invalid', `search identifier ${name}: empty map`);
  const parts = entries.map(([key, value]) => {
    const f = compileField(key, value, env);
    if (f.spec.field) fields.add(f.spec.field);
    return f;
  });
  return {
    check: and(parts.map((p) => p.check)),
    required: new Set(parts.filter((p) => p.required).map((p) => p.slot)),
    guard: andGuard(parts.map((p) => p.guard)),
  };
}

function compileIdentifier(name: string, value: unknown, env: FieldEnv, fields: Set<string>): Compiled {
  if (value === null || value === undefined) throw new RuleError('value-invalid', `search identifier ${name} is empty`);
  if (!Array.isArray(value)) {
    if (typeof value === 'object') return compileMap(name, value as Record<string, unknown>, env, fields);
    const f = compileField('', value, env);
    return { check: f.check, required: new Set(), guard: f.guard };
  }
  if (value.length === 0) throw new RuleError('value-invalid', `search identifier ${name}: empty list`);
  const keywords = value.filter((v) => v === null || typeof v !== 'object');
  const maps = value.filter((v) => v !== null && typeof v === 'object');
  if (maps.some((m) => Array.isArray(m))) throw new RuleError('value-invalid', `search identifier ${name}: nested list`);
  if (keywords.includes(null)) throw new RuleError('value-invalid', `search identifier ${name}: null keyword`);
  const alts: Compiled[] = maps.map((m, i) => compileMap(`${name}[${i}]`, m as Record<string, unknown>, env, fields));
  if (keywords.length) {
    const f = compileField('', keywords, env);
    alts.push({ check: f.check, required: new Set(), guard: f.guard });
  }
  return { check: or(alts.map((a) => a.check)), required: intersection(alts.map((a) => a.required)), guard: orGuard(alts.map((a) => a.guard)) };
}

export interface CompiledDetection {
  test: Check;
  fields: string[];
  required: Set<number>;
  guard: Guard;
}

function allOf(items: Compiled[]): Compiled {
  return { check: and(items.map((i) => i.check)), required: union(items.map((i) => i.required)), guard: andGuard(items.map((i) => i.guard)) };
}

function anyOf(items: Compiled[]): Compiled {
  return { check: or(items.map((i) => i.check)), required: intersection(items.map((i) => i.required)), guard: orGuard(items.map((i) => i.guard)) };
}

/** Compiles a detection (or a Sigma filter body); `extraKeys` are non-identifier keys to ignore. */
export function compileDetection(detection: Record<string, unknown>, env: FieldEnv, extraKeys: readonly string[] = []): CompiledDetection {
  if ('timeframe' in detection) {
    throw new RuleError('condition-unsupported', 'detection.timeframe (Sigma 1 aggregation window) is not supported (use a correlation rule)');
  }
  const fields = new Set<string>();
  const ids = Object.keys(detection).filter((k) => k !== 'condition' && !extraKeys.includes(k));
  const compiled = new Map<string, Compiled>();
  const get = (id: string): Compiled => {
    let c = compiled.get(id);
    if (!c) {
      c = compileIdentifier(id, detection[id], env, fields);
      compiled.set(id, c);
    }
    return c;
  };
  const fold = (node: CondNode, cond: string): Compiled => {
    switch (node.t) {
      case 'id':
        if (!ids.includes(node.name)) throw new RuleError('condition-invalid', `condition "${cond}": search identifier "${node.name}" is not defined`);
        return get(node.name);
      case 'not':
        return { check: negate(fold(node.item, cond).check), required: new Set(), guard: null };
      case 'and':
        return allOf(node.items.map((n) => fold(n, cond)));
      case 'or':
        return anyOf(node.items.map((n) => fold(n, cond)));
      case 'of': {
        const names = expandPattern(node.pattern, ids);
        if (names.length === 0) throw new RuleError('condition-invalid', `condition "${cond}": "${node.pattern}" matches no search identifier`);
        return node.all ? allOf(names.map(get)) : anyOf(names.map(get));
      }
    }
  };
  for (const id of ids) get(id); // every identifier is validated, used or not
  const conditions = Array.isArray(detection.condition) ? (detection.condition as string[]) : [detection.condition as string];
  const folded = conditions.map((c) => fold(parseCondition(c), c));
  const result = folded.length === 1 ? folded[0] : anyOf(folded);
  return { test: result.check, fields: [...fields], required: result.required, guard: result.guard };
}

function negate(c: Check): Check {
  return (ctx) => !c(ctx);
}
