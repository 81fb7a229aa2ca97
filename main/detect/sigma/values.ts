/**
 * Sigma string values: parsing of wildcards and escapes (rules spec 2.1,
 * "String Wildcard" and "Escape Character") and compilation of a set of
 * patterns into one string test. Patterns are matched against lower-cased
 * text unless `cased`; wildcard patterns that are not a plain prefix, suffix
 * or substring become one anchored RegExp, compiled once and shared.
 */

/** `*`: any run of characters (possibly empty). */
export const ANY = 0;
/** `?`: exactly one character. */
export const ONE = 1;
export type Part = string | typeof ANY | typeof ONE;

/**
 * Parses a Sigma string: `*` and `?` are wildcards; a backslash escapes `*`,
 * `?` and itself; a backslash before any other character is kept as is (so
 * `C:\Windows` and `C:\\Windows` are the same value).
 */
export function parseSigmaString(s: string): Part[] {
  const parts: Part[] = [];
  let acc = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      acc += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === '*' || c === '?') {
      if (acc) parts.push(acc);
      acc = '';
      parts.push(c === '*' ? ANY : ONE);
    } else acc += c;
  }
  if (escaped) acc += '\\';
  if (acc) parts.push(acc);
  return parts;
}

export function literal(s: string): Part[] {
  return s ? [s] : [];
}

export function hasWildcard(parts: readonly Part[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}

/** Merges adjacent literals and collapses runs of `*`. */
export function normalize(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string') {
      if (!p) continue;
      if (typeof last === 'string') out[out.length - 1] = last + p;
      else out.push(p);
    } else if (!(p === ANY && last === ANY)) out.push(p);
  }
  return out;
}

export function withWildcards(parts: readonly Part[], start: boolean, end: boolean): Part[] {
  const out = [...parts];
  if (start && out[0] !== ANY) out.unshift(ANY);
  if (end && out[out.length - 1] !== ANY) out.push(ANY);
  return normalize(out);
}

/** Renders parts back to Sigma notation (for messages). */
export function show(parts: readonly Part[]): string {
  return parts.map((p) => (p === ANY ? '*' : p === ONE ? '?' : p.replace(/[\\*?]/g, '\\$&'))).join('');
}

const regexCache = new Map<string, RegExp>();

/** One compiled RegExp per distinct source and flags, shared by every rule. */
export function sharedRegExp(source: string, flags: string): RegExp {
  const key = flags + '/' + source;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    regexCache.set(key, re);
  }
  return re;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export type StrTest = (s: string) => boolean;

/**
 * One test for a set of alternative patterns (OR). Equalities go to a Set,
 * prefixes/suffixes/substrings to arrays, the rest to anchored regexes.
 */
export function compileAlternatives(patterns: readonly (readonly Part[])[], cased: boolean): StrTest {
  const eq = new Set<string>();
  const starts: string[] = [];
  const ends: string[] = [];
  const incl: string[] = [];
  const regs: RegExp[] = [];
  let any = false;
  for (const raw of patterns) {
    const p = normalize(raw.map((x) => (typeof x === 'string' && !cased ? x.toLowerCase() : x)));
    const lits = p.filter((x): x is string => typeof x === 'string');
    const wild = p.length - lits.length;
    if (wild === 0) eq.add(lits[0] ?? '');
    else if (p.length === 1 && p[0] === ANY) any = true;
    else if (p.length === 2 && p[0] === ANY && wild === 1) ends.push(lits[0]);
    else if (p.length === 2 && p[1] === ANY && wild === 1) starts.push(lits[0]);
    else if (p.length === 3 && p[0] === ANY && p[2] === ANY && wild === 2) incl.push(lits[0]);
    else {
      const src = p.map((x) => (x === ANY ? '[\\s\\S]*' : x === ONE ? '[\\s\\S]' : escapeRe(x))).join('');
      regs.push(sharedRegExp('^' + src + '$', ''));
    }
  }
  if (any) return () => true;
  const eqOnly = starts.length + ends.length + incl.length + regs.length === 0;
  if (eqOnly && eq.size === 1) {
    const [only] = eq;
    return (s) => s === only;
  }
  if (eqOnly) return (s) => eq.has(s);
  if (eq.size === 0 && regs.length === 0 && starts.length + ends.length + incl.length === 1) {
    if (starts.length) {
      const x = starts[0];
      return (s) => s.startsWith(x);
    }
    if (ends.length) {
      const x = ends[0];
      return (s) => s.endsWith(x);
    }
    const x = incl[0];
    return (s) => s.includes(x);
  }
  return (s) => {
    if (eq.size && eq.has(s)) return true;
    for (let i = 0; i < ends.length; i++) if (s.endsWith(ends[i])) return true;
    for (let i = 0; i < starts.length; i++) if (s.startsWith(starts[i])) return true;
    for (let i = 0; i < incl.length; i++) if (s.includes(incl[i])) return true;
    for (let i = 0; i < regs.length; i++) if (regs[i].test(s)) return true;
    return false;
  };
}
