/**
 * FTS5 expressions of the compiler: free-text subtrees (and/or/not of words
 * and phrases) and the pre-selection of keyword values held by the index.
 * Every user string goes through `ftsString`/`ftsTerm` (quoted), never raw.
 */
import { spellingKey, type FieldDef } from './fields';
import type { FieldRef, Node, Value } from './parser';
import { ftsString, ftsTerm, hasWildcard, onlyStars } from './values';

/** Field resolution of the compiler (throws on unknown fields, notes what the rollup cannot answer). */
export type Resolve = (ref: FieldRef) => FieldDef;

const isExists = (ref: FieldRef) => ref.name.toLowerCase() === '_exists_';

/** One word or phrase as an FTS5 query, optionally restricted to a column; null when the index cannot answer. */
export function ftsValue(v: Value, column?: string): string | null {
  const term = v.kind === 'phrase' ? (/[\p{L}\p{N}]/u.test(v.text) ? ftsString(v.text) : null) : ftsTerm(v.pieces);
  if (!term) return null;
  return column ? `${column} : ${term}` : term;
}

/** FTS5 expression for a subtree made only of free text (and/or/not), or null. */
export function ftsOf(n: Node, resolve: Resolve): string | null {
  switch (n.type) {
    case 'term': {
      if (n.field) {
        if (isExists(n.field)) return null;
        const def = resolve(n.field);
        return def.kind === 'text' && def.fts ? ftsValue(n.value, def.fts) : null;
      }
      return onlyStars(n.value.pieces) ? null : ftsValue(n.value);
    }
    case 'and': {
      const pos = n.children.filter((c) => c.type !== 'not').map((c) => ftsOf(c, resolve));
      const neg = n.children.filter((c) => c.type === 'not').map((c) => (c.type === 'not' ? ftsOf(c.child, resolve) : null));
      if (pos.length === 0 || pos.includes(null) || neg.includes(null)) return null;
      const p = pos.map((x) => `(${x})`).join(' AND ');
      return neg.length ? `(${p}) NOT (${neg.join(' OR ')})` : p;
    }
    case 'or': {
      const all = n.children.map((c) => ftsOf(c, resolve));
      return all.includes(null) ? null : all.map((x) => `(${x})`).join(' OR ');
    }
    default:
      return null;
  }
}

/**
 * Keyword fields the FTS index pre-selects for: values that are often rare, made of rare tokens,
 * with no B-tree index of their own. Not hosts (few, dense: walking time is faster), not addresses
 * (their octets are the commonest tokens; `events_source_ip_ts` serves them), not pseudonyms
 * (`events_patient_ts`).
 */
export const PREFILTER_COLUMNS = ['user_name', 'action', 'object'] as const;

/**
 * For a keyword field of PREFILTER_COLUMNS (case- and accent-folded in the index): an FTS expression
 * matching a superset of the events the exact SQL condition keeps, so a rare value is found from
 * the index instead of by walking the time range. Null when the index cannot help (leading
 * wildcard, nothing to look up) or when the value's spellings are known (the user index serves it).
 */
export function prefilterOf(n: Node, resolve: Resolve, spellings?: ReadonlyMap<string, readonly string[]>): string | null {
  if (n.type !== 'term' || !n.field || isExists(n.field)) return null;
  const def = resolve(n.field);
  if (!def.fts || !(PREFILTER_COLUMNS as readonly string[]).includes(def.column)) return null;
  const v = n.value;
  if (!hasWildcard(v.pieces) && spellings?.has(spellingKey(def.column, v.text))) return null;
  return ftsValue(v, def.fts);
}
