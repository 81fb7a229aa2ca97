/**
 * Safe JSON reading for the JSON-lines, FHIR and (shared) attribute code:
 * size and nesting depth are checked by a linear scan BEFORE `JSON.parse`
 * runs, so 100,000 `[` are refused as `too-deep` in microseconds and never
 * reach a recursive algorithm. Also small helpers used by every mapping
 * (typed getters, dotted flattening, prototype-safe attribute objects).
 */
import type { ParseContext, ParseResult, QuarantineCode } from '../types';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Failure = Extract<ParseResult, { ok: false }>;

export function fail(code: QuarantineCode, reason: string): Failure {
  return { ok: false, code, reason };
}

/** UTF-8 byte length without allocating when the string is clearly short or clearly long. */
export function overByteLimit(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/**
 * Deepest `[`/`{` nesting of a JSON text, scanning outside strings only.
 * Stops at the first position where `maxDepth` is exceeded and returns it.
 */
export function jsonDepthExceeded(text: string, maxDepth: number): number | null {
  // Fast path: with no more than maxDepth brackets in total, the depth cannot exceed it.
  let brackets = 0;
  for (const open of ['{', '[']) {
    for (let at = text.indexOf(open); at >= 0 && brackets <= maxDepth; at = text.indexOf(open, at + 1)) brackets++;
  }
  if (brackets <= maxDepth) return null;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return null;
}

/** Size check, depth check, then `JSON.parse` in a try: never throws. */
export function safeJsonParse(text: string, ctx: ParseContext): { ok: true; value: JsonValue } | Failure {
  if (text.trim() === '') return fail('empty', 'Empty JSON record');
  if (overByteLimit(text, ctx.limits.maxRecordBytes)) {
    return fail('too-long', `JSON record over ${ctx.limits.maxRecordBytes} bytes (${text.length} characters)`);
  }
  const at = jsonDepthExceeded(text, ctx.limits.maxDepth);
  if (at !== null) {
    return fail('too-deep', `JSON nesting deeper than ${ctx.limits.maxDepth} levels at character ${at + 1}`);
  }
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return fail('unparseable', `Invalid JSON: ${msg.slice(0, 200)}`);
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty trimmed string from a string or finite number, else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

/** `obj[a][b]…` for plain objects, undefined as soon as a step is missing. */
export function get(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Sets an own enumerable property even for `__proto__`/`constructor` (no prototype pollution). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Flattens nested objects into dotted keys (`{user:{name:'x'}}` → `user.name`).
 * Arrays and scalars are leaves; keys that are already dotted stay as they are.
 * Recursion is bounded: the depth was checked before parsing, and anything
 * deeper than 256 levels is kept as one leaf.
 */
export function flatten(obj: JsonObject): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  const walk = (prefix: string, cur: JsonObject, depth: number): void => {
    for (const key of Object.keys(cur)) {
      const v = cur[key];
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (isObject(v) && Object.keys(v).length > 0 && depth < 256) walk(name, v, depth + 1);
      else out.set(name, v);
    }
  };
  walk('', obj, 0);
  return out;
}

/** `table[key]` for an OWN property only: data-driven keys like `__proto__` or `constructor` find nothing. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | number | undefined): T | undefined {
  if (key === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Kebab-case verb for `event.action`: `DescribeInstances` → `describe-instances`, `User Login` → `user-login`. */
export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
