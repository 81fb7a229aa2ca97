/**
 * Field modifiers of Sigma 2.1: parsing and validation of a `field|mod|mod`
 * key, then the value pipeline (wildcards, placeholders, encodings, windash)
 * applied in the written order. Produces a `FieldSpec` that checks.ts turns
 * into a closure. Anything the specification does not define is a RuleError.
 */
import { base64, base64offset, type StrValue, utf16, utf16be, utf16le, windash } from './encoding';
import { TIME_MODIFIERS, type TimePart } from './time';
import { RuleError } from './types';
import { type Part, normalize, parseSigmaString, withWildcards } from './values';

const TRANSFORMS = ['contains', 'startswith', 'endswith', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash', 'expand'];
const COMPARE = ['lt', 'lte', 'gt', 'gte'];
const TYPES = ['re', 'cidr', 'exists', 'fieldref', ...COMPARE];
const FLAGS = ['all', 'cased', 'neq'];
const RE_FLAGS = ['i', 'm', 's'];
export const MODIFIERS: readonly string[] = [...TRANSFORMS, ...TYPES, ...FLAGS, ...RE_FLAGS, ...TIME_MODIFIERS];

export type Scalar = string | number | boolean | null;

export interface FieldSpec {
  /** Sigma field name ('' for a keyword search). */
  field: string;
  modifiers: string[];
  all: boolean;
  cased: boolean;
  neq: boolean;
  /** Type modifier, if any. */
  type?: 're' | 'cidr' | 'exists' | 'fieldref' | 'lt' | 'lte' | 'gt' | 'gte';
  reFlags: { i: boolean; m: boolean; s: boolean };
  time?: TimePart;
  /** True when a null value is in the list (matches an absent/null field). */
  hasNull: boolean;
  /** Raw scalar values (non-null), as written. */
  raw: Exclude<Scalar, null>[];
  /** String pipeline output: one group of alternatives per written value. */
  groups: Part[][][];
  /** Position modifier used with fieldref. */
  position?: 'contains' | 'startswith' | 'endswith';
}

export interface ModifierEnv {
  placeholders: Record<string, readonly string[]>;
  maxExpansion: number;
}

function invalid(msg: string): never {
  throw new RuleError('modifier-invalid', msg);
}

/** Values of one map entry: a scalar or a list of scalars. */
export function scalarList(field: string, value: unknown): Scalar[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new RuleError('value-invalid', `field ${field}: empty list of values`);
  for (const v of list) {
    if (v !== null && typeof v === 'object') {
      throw new RuleError('value-invalid', `field ${field}: nested ${Array.isArray(v) ? 'list' : 'map'} as a value (only strings, numbers, booleans and null)`);
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RuleError('value-invalid', `field ${field}: non-finite number`);
  }
  return list as Scalar[];
}

const PLACEHOLDER = /%([^%\s]+)%/g;

/** Substitutes `%name%` placeholders (|expand); `\%` is a plain percent sign. */
function expandValue(field: string, raw: string, env: ModifierEnv): Part[][] {
  const segments: (string | { name: string })[] = [];
  const masked = raw.replace(/\\%/g, '\uE000'); // a private-use character stands for an escaped percent
  let last = 0;
  for (const m of masked.matchAll(PLACEHOLDER)) {
    segments.push(masked.slice(last, m.index));
    segments.push({ name: m[1] });
    last = (m.index ?? 0) + m[0].length;
  }
  segments.push(masked.slice(last));
  let results: Part[][] = [[]];
  for (const seg of segments) {
    if (typeof seg === 'string') {
      const parts = parseSigmaString(seg.replace(/\uE000/g, '%'));
      results = results.map((r) => [...r, ...parts]);
      continue;
    }
    const values = env.placeholders[seg.name];
    if (!values || values.length === 0) {
      throw new RuleError('placeholder-unknown', `placeholder %${seg.name}% (|expand on field ${field || '<keywords>'}) has no configured value`);
    }
    if (results.length * values.length > env.maxExpansion) {
      throw new RuleError('too-large', `placeholders of field ${field} expand to more than ${env.maxExpansion} values`);
    }
    results = results.flatMap((r) => values.map((v) => [...r, ...parseSigmaString(v)]));
  }
  return results.map(normalize);
}

/** Parses `field|m1|m2` and checks the chain against the specification. */
function parseKey(key: string): { field: string; mods: string[] } {
  const [field, ...mods] = key.split('|');
  for (const m of mods) {
    if (!MODIFIERS.includes(m)) throw new RuleError('modifier-unknown', `modifier |${m} (field ${field || '<keywords>'}) is not part of Sigma 2.1`);
  }
  return { field, mods };
}

export function parseFieldSpec(key: string, value: unknown, env: ModifierEnv): FieldSpec {
  const { field, mods } = parseKey(key);
  const name = field || '<keywords>';
  const spec: FieldSpec = {
    field,
    modifiers: mods,
    all: mods.includes('all'),
    cased: mods.includes('cased'),
    neq: mods.includes('neq'),
    reFlags: { i: mods.includes('i'), m: mods.includes('m'), s: mods.includes('s') },
    hasNull: false,
    raw: [],
    groups: [],
  };
  const types = mods.filter((m) => TYPES.includes(m));
  const times = mods.filter((m) => (TIME_MODIFIERS as readonly string[]).includes(m)) as TimePart[];
  const transforms = mods.filter((m) => TRANSFORMS.includes(m));
  if (new Set(mods).size !== mods.length) invalid(`field ${name}: a modifier is repeated in ${key}`);
  if (times.length > 1) invalid(`field ${name}: more than one time modifier (${times.join(', ')})`);
  spec.time = times[0];
  const cmp = types.filter((t) => COMPARE.includes(t));
  const otherTypes = types.filter((t) => !COMPARE.includes(t));
  if (cmp.length > 1 || otherTypes.length > 1 || (cmp.length && otherTypes.length)) {
    invalid(`field ${name}: modifiers ${types.map((t) => '|' + t).join(' ')} cannot be combined`);
  }
  spec.type = types[0] as FieldSpec['type'];
  if (mods.some((m) => RE_FLAGS.includes(m)) && spec.type !== 're') invalid(`field ${name}: |i, |m and |s are sub-modifiers of |re`);
  if (!field && (spec.time || spec.type === 'exists' || spec.type === 'fieldref' || spec.type === 'cidr')) {
    invalid(`keyword search with |${spec.time ?? spec.type} (these need a field)`);
  }
  const values = scalarList(name, value);
  spec.hasNull = values.includes(null);
  spec.raw = values.filter((v): v is Exclude<Scalar, null> => v !== null);
  if (spec.hasNull && mods.length) invalid(`field ${name}: null cannot be combined with modifiers (${key})`);
  if (spec.hasNull && spec.raw.length === 0) return spec;

  if (spec.type === 'exists') {
    if (mods.length > 1) invalid(`field ${name}: |exists cannot be combined with other modifiers`);
    if (values.length !== 1 || typeof values[0] !== 'boolean') invalid(`field ${name}: |exists needs true or false`);
    return spec;
  }
  if (spec.time || cmp.length) {
    if (transforms.length || spec.cased) invalid(`field ${name}: |${spec.time ?? cmp[0]} compares numbers and cannot be combined with ${[...transforms, ...(spec.cased ? ['cased'] : [])].map((m) => '|' + m).join(' ')}`);
    for (const v of spec.raw) {
      if (typeof v !== 'number') invalid(`field ${name}: |${cmp[0] ?? spec.time} needs numeric values, got ${JSON.stringify(v)}`);
    }
    if (cmp.length && spec.raw.length > 1 && !spec.all) invalid(`field ${name}: |${cmp[0]} with a list of values is not defined (use one value)`);
    return spec;
  }
  if (spec.type === 're' || spec.type === 'cidr') {
    if (transforms.length) invalid(`field ${name}: |${spec.type} cannot be combined with ${transforms.map((m) => '|' + m).join(' ')}`);
    for (const v of spec.raw) if (typeof v !== 'string') invalid(`field ${name}: |${spec.type} needs string values, got ${JSON.stringify(v)}`);
    return spec;
  }
  if (spec.type === 'fieldref') {
    const bad = transforms.filter((m) => m !== 'contains' && m !== 'startswith' && m !== 'endswith');
    if (bad.length || transforms.length > 1) invalid(`field ${name}: |fieldref cannot be combined with ${transforms.map((m) => '|' + m).join(' ')}`);
    spec.position = transforms[0] as FieldSpec['position'];
    for (const v of spec.raw) if (typeof v !== 'string' || !v) invalid(`field ${name}: |fieldref needs field names, got ${JSON.stringify(v)}`);
    return spec;
  }
  spec.groups = runPipeline(spec, transforms, env);
  return spec;
}

function runPipeline(spec: FieldSpec, transforms: string[], env: ModifierEnv): Part[][][] {
  const name = spec.field || '<keywords>';
  let groups: StrValue[][] = spec.raw.map((v) => {
    if (typeof v === 'boolean' && transforms.length) invalid(`field ${name}: string modifiers on the boolean ${v}`);
    if (typeof v !== 'string') return [{ parts: [String(v)], bytes: false }];
    if (transforms.includes('expand')) return expandValue(spec.field, v, env).map((parts) => ({ parts, bytes: false }));
    return [{ parts: parseSigmaString(v), bytes: false }];
  });
  const each = (f: (v: StrValue) => StrValue | StrValue[]) => {
    groups = groups.map((alts) => {
      const out = alts.flatMap(f);
      if (out.length > env.maxExpansion) throw new RuleError('too-large', `field ${name}: one value expands to ${out.length} alternatives (limit ${env.maxExpansion})`);
      return out;
    });
  };
  for (const m of transforms) {
    switch (m) {
      case 'contains':
        each((v) => ({ parts: withWildcards(v.parts, true, true), bytes: v.bytes }));
        break;
      case 'startswith':
        each((v) => ({ parts: withWildcards(v.parts, false, true), bytes: v.bytes }));
        break;
      case 'endswith':
        each((v) => ({ parts: withWildcards(v.parts, true, false), bytes: v.bytes }));
        break;
      case 'base64':
        each(base64);
        break;
      case 'base64offset':
        each(base64offset);
        break;
      case 'utf16le':
      case 'wide':
        each((v) => utf16le(v, m));
        break;
      case 'utf16be':
        each(utf16be);
        break;
      case 'utf16':
        each(utf16);
        break;
      case 'windash':
        each((v) => windash(v, env.maxExpansion));
        break;
      case 'expand':
        break; // placeholders were substituted when the value was read
    }
  }
  const positioned = transforms.some((m) => m === 'contains' || m === 'startswith' || m === 'endswith');
  // Keywords are searched anywhere in the message / original record.
  if (!spec.field && !positioned) return groups.map((alts) => alts.map((v) => withWildcards(v.parts, true, true)));
  return groups.map((alts) => alts.map((v) => v.parts));
}
