/**
 * Turns one detection map entry (`field|modifiers: value(s)`) into a closure
 * over the per-event context. Semantics (documented in README.md):
 * text comparisons are case-insensitive unless `|cased` (or `|re`); a field
 * holding a list matches when any element matches; `null` matches an absent
 * or null field; `|exists` tests presence only; `|neq` negates the whole test
 * (so it is true on an absent field, like `not` in a condition).
 */
import ipaddr from 'ipaddr.js';
import type { EventContext, Text } from './fields';
import { type FieldSpec, type ModifierEnv, parseFieldSpec } from './modifiers';
import { type Guard, alternativesGuard, andGuard, orGuard } from './guard';
import { compileRegex, requiredLiterals } from './regex';
import { dateMs, timePart } from './time';
import { type Check, RuleError } from './types';
import { type StrTest, compileAlternatives } from './values';

export interface FieldEnv extends ModifierEnv {
  timezone: string;
  /** Slot of a Sigma field name (mapping applied). */
  slotFor(field: string): number;
  keywordSlot: number;
}

export interface FieldCheck {
  check: Check;
  slot: number;
  /** The field must hold a value for the check to pass (prefilter hint). */
  required: boolean;
  /** Necessary literal condition (prefilter), null when none. */
  guard: Guard;
  spec: FieldSpec;
}

function anyText(t: Text, test: StrTest): boolean {
  if (t === null) return false;
  if (typeof t === 'string') return test(t);
  for (let i = 0; i < t.length; i++) if (test(t[i])) return true;
  return false;
}

function toNumbers(v: unknown): number[] {
  const list = Array.isArray(v) ? v : [v];
  const out: number[] = [];
  for (const x of list) {
    if (typeof x === 'number') out.push(x);
    else if (typeof x === 'string' && x.trim() !== '') {
      const n = Number(x.trim());
      if (!Number.isNaN(n)) out.push(n);
    }
  }
  return out;
}

function numberTest(spec: FieldSpec): (n: number) => boolean {
  const values = spec.raw as number[];
  const op = spec.type;
  const one = (x: number): ((n: number) => boolean) => {
    switch (op) {
      case 'lt':
        return (n) => n < x;
      case 'lte':
        return (n) => n <= x;
      case 'gt':
        return (n) => n > x;
      case 'gte':
        return (n) => n >= x;
      default:
        return (n) => n === x;
    }
  };
  const tests = values.map(one);
  if (spec.all) return (n) => tests.every((t) => t(n));
  if (tests.length === 1) return tests[0];
  return (n) => tests.some((t) => t(n));
}

function numericCheck(spec: FieldSpec, slot: number, timezone: string): Check {
  const test = numberTest(spec);
  if (spec.time) {
    const part = timePart(spec.time, timezone);
    return (ctx) => {
      const v = ctx.value(slot);
      const list = Array.isArray(v) ? v : [v];
      return list.some((x) => {
        const n = part(dateMs(x));
        return !Number.isNaN(n) && test(n);
      });
    };
  }
  return (ctx) => toNumbers(ctx.value(slot)).some(test);
}

/** IPv4 text → unsigned 32-bit number, or -1. */
function ipv4(s: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return -1;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return -1;
    n = n * 256 + b;
  }
  return n;
}

function cidrCheck(spec: FieldSpec, slot: number): Check {
  const v4: { base: number; size: number }[] = [];
  const v6: [ipaddr.IPv6, number][] = [];
  for (const r of spec.raw as string[]) {
    let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      parsed = ipaddr.parseCIDR(r.trim());
    } catch {
      throw new RuleError('value-invalid', `field ${spec.field}: ${JSON.stringify(r)} is not an IPv4/IPv6 CIDR range`);
    }
    const [addr, bits] = parsed;
    if (addr.kind() === 'ipv4') {
      const size = 2 ** (32 - bits);
      v4.push({ base: Math.floor(ipv4(addr.toString()) / size) * size, size });
    } else v6.push([addr as ipaddr.IPv6, bits]);
  }
  const test: StrTest = (s) => {
    const t = s.trim();
    let n = ipv4(t);
    if (n < 0 && ipaddr.IPv6.isValid(t)) {
      const ip = ipaddr.process(t);
      if (ip.kind() === 'ipv6') {
        const hit6 = (r: [ipaddr.IPv6, number]) => ip.match(r);
        return spec.all ? v4.length === 0 && v6.every(hit6) : v6.some(hit6);
      }
      n = ipv4(ip.toString()); // IPv4-mapped IPv6 address
    }
    if (n < 0) return false;
    const hit4 = (r: { base: number; size: number }) => n >= r.base && n < r.base + r.size;
    return spec.all ? v6.length === 0 && v4.every(hit4) : v4.some(hit4);
  };
  return (ctx) => anyText(ctx.text(slot), test);
}

function regexCheck(spec: FieldSpec, slot: number): Check {
  const regs = (spec.raw as string[]).map((r) => compileRegex(r, spec.reFlags));
  if (spec.all) return (ctx) => regs.every((re) => anyText(ctx.text(slot), (s) => re.test(s)));
  if (regs.length === 1) {
    const [re] = regs;
    return (ctx) => anyText(ctx.text(slot), (s) => re.test(s));
  }
  return (ctx) => anyText(ctx.text(slot), (s) => regs.some((re) => re.test(s)));
}

function fieldrefCheck(spec: FieldSpec, slot: number, env: FieldEnv): Check {
  const others = (spec.raw as string[]).map((f) => env.slotFor(f));
  const get = (ctx: EventContext, s: number) => (spec.cased ? ctx.text(s) : ctx.lower(s));
  const cmp = (a: string, b: string): boolean => {
    switch (spec.position) {
      case 'contains':
        return a.includes(b);
      case 'startswith':
        return a.startsWith(b);
      case 'endswith':
        return a.endsWith(b);
      default:
        return a === b;
    }
  };
  const one = (ctx: EventContext, other: number): boolean => {
    const b = get(ctx, other);
    if (b === null) return false;
    const bs = typeof b === 'string' ? [b] : b;
    return anyText(get(ctx, slot), (a) => bs.some((x) => cmp(a, x)));
  };
  return spec.all ? (ctx) => others.every((o) => one(ctx, o)) : (ctx) => others.some((o) => one(ctx, o));
}

function stringCheck(spec: FieldSpec, slot: number): Check {
  const cased = spec.cased;
  if (spec.all) {
    const tests = spec.groups.map((g) => compileAlternatives(g, cased));
    return cased
      ? (ctx) => tests.every((t) => anyText(ctx.text(slot), t))
      : (ctx) => tests.every((t) => anyText(ctx.lower(slot), t));
  }
  const test = compileAlternatives(spec.groups.flat(), cased);
  if (cased) return (ctx) => anyText(ctx.text(slot), test);
  return (ctx) => {
    const t = ctx.lower(slot);
    return typeof t === 'string' ? test(t) : anyText(t, test);
  };
}

export function compileField(key: string, value: unknown, env: FieldEnv): FieldCheck {
  const spec = parseFieldSpec(key, value, env);
  const slot = spec.field ? env.slotFor(spec.field) : env.keywordSlot;
  const isNull: Check = (ctx) => !ctx.present(slot);
  let check: Check;
  let required = true;
  let guard: Guard = null;
  if (spec.raw.length === 0) {
    check = isNull;
    required = false;
  } else if (spec.type === 'exists') {
    check = spec.raw[0] === true ? (ctx) => ctx.value(slot) !== undefined : (ctx) => ctx.value(slot) === undefined;
    required = false;
  } else if (spec.time || spec.type === 'lt' || spec.type === 'lte' || spec.type === 'gt' || spec.type === 'gte') {
    check = numericCheck(spec, slot, env.timezone);
  } else if (spec.type === 're') {
    check = regexCheck(spec, slot);
    const guards: Guard[] = (spec.raw as string[]).map((r) => {
      const lits = requiredLiterals(compileRegex(r, spec.reFlags).source);
      return lits && lits.map((lit) => ({ slot, kind: 'contains' as const, lit }));
    });
    guard = spec.all ? andGuard(guards) : orGuard(guards);
  }
  else if (spec.type === 'cidr') check = cidrCheck(spec, slot);
  else if (spec.type === 'fieldref') check = fieldrefCheck(spec, slot, env);
  else {
    check = stringCheck(spec, slot);
    guard = spec.all ? andGuard(spec.groups.map((g) => alternativesGuard(slot, g))) : alternativesGuard(slot, spec.groups.flat());
  }
  if (spec.hasNull && spec.raw.length > 0) {
    const inner = check;
    check = (ctx) => isNull(ctx) || inner(ctx);
    required = false;
    guard = null;
  }
  if (spec.neq) {
    const inner = check;
    check = (ctx) => !inner(ctx);
    required = false;
    guard = null;
  }
  return { check, slot, required, guard, spec };
}
