/**
 * Guards: a necessary condition of a rule, as a disjunction of literal
 * "atoms" on lower-cased field text (equals / starts with / ends with /
 * contains). If a rule matches an event, at least one of its atoms holds —
 * so the matcher only evaluates rules whose guard was hit (prefilter.ts).
 * `null` means "no guard" (the rule is always evaluated).
 */
import { ANY, type Part, normalize } from './values';

export type AtomKind = 'eq' | 'starts' | 'ends' | 'contains';

export interface Atom {
  slot: number;
  kind: AtomKind;
  /** Lower-cased literal. */
  lit: string;
}

export type Guard = Atom[] | null;

/** Atom of one pattern: exact for simple shapes, else its longest literal as a substring. */
export function patternAtom(slot: number, raw: readonly Part[]): Atom | null {
  const p = normalize(raw.map((x) => (typeof x === 'string' ? x.toLowerCase() : x)));
  const lits = p.filter((x): x is string => typeof x === 'string');
  if (p.length === 0) return { slot, kind: 'eq', lit: '' };
  if (lits.length === p.length) return { slot, kind: 'eq', lit: lits.join('') };
  if (p.length === 2 && p[0] === ANY && typeof p[1] === 'string') return { slot, kind: 'ends', lit: p[1] };
  if (p.length === 2 && p[1] === ANY && typeof p[0] === 'string') return { slot, kind: 'starts', lit: p[0] };
  const longest = lits.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (!longest) return null;
  if (p[0] === longest && p[0].length >= 3) return { slot, kind: 'starts', lit: longest };
  return { slot, kind: 'contains', lit: longest };
}

/** Guard of a list of alternative patterns on one slot (null if any has no literal). */
export function alternativesGuard(slot: number, patterns: readonly (readonly Part[])[]): Guard {
  const out: Atom[] = [];
  for (const p of patterns) {
    const a = patternAtom(slot, p);
    if (!a) return null;
    out.push(a);
  }
  return out;
}

/** How selective a guard is (higher is better): its weakest atom decides. */
export function guardScore(g: Guard): number {
  if (!g || g.length === 0) return Number.NEGATIVE_INFINITY;
  let worst = Infinity;
  for (const a of g) {
    const s = a.kind === 'eq' ? 100 + a.lit.length : a.kind === 'contains' ? Math.min(a.lit.length, 12) : 20 + Math.min(a.lit.length, 12);
    if (s < worst) worst = s;
  }
  return worst - Math.log2(g.length);
}

/** AND: any child's guard is necessary; keep the most selective. */
export function andGuard(gs: readonly Guard[]): Guard {
  let best: Guard = null;
  for (const g of gs) if (g && guardScore(g) > guardScore(best)) best = g;
  return best;
}

/** OR: every branch must be guarded; the union is necessary. */
export function orGuard(gs: readonly Guard[]): Guard {
  const out: Atom[] = [];
  for (const g of gs) {
    if (!g) return null;
    out.push(...g);
  }
  return out;
}
