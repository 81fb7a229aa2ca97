/**
 * Building queries of the search language (main/search/README.md) from what the
 * analyst clicks, and the `#/search?q=…&from=…&to=…` links that open them.
 */

/** `"value"` with `"` and `\` escaped: a literal in any field. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The clause matching `field` = `value` (absent value: the field does not exist). */
export function clause(field: string, value: string | number | boolean | null): string {
  if (value === null || value === '') return `NOT _exists_:${field}`;
  if (typeof value === 'boolean' || typeof value === 'number') return `${field}:${String(value)}`;
  return `${field}:${quote(value)}`;
}

/** True when the query holds an OR outside quotes (AND binds tighter: it needs parentheses before AND-ing). */
function hasTopLevelOr(query: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (query.startsWith('||', i) || /^OR\b/i.test(query.slice(i)))) {
      const before = i === 0 ? ' ' : query[i - 1];
      if (/[\s)]/.test(before) || c === '|') return true;
    }
  }
  return false;
}

/** The query narrowed by one more condition (`negate`: excluded instead). */
export function addFilter(query: string, field: string, value: string | number | boolean | null, negate = false): string {
  const base = clause(field, value);
  const term = negate ? (base.startsWith('NOT ') ? base.slice(4) : `NOT ${base}`) : base;
  const current = query.trim();
  if (!current) return term;
  if (current.includes(term)) return current;
  return `${hasTopLevelOr(current) ? `(${current})` : current} AND ${term}`;
}

export interface SearchLink {
  query: string;
  from?: string;
  to?: string;
}

/** The address of the search page opened on a query and time range. */
export function searchHref({ query, from, to }: SearchLink): string {
  const params = new URLSearchParams();
  params.set('q', query);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  return `#/search?${params.toString()}`;
}

/** What a `#/search?…` address asks for (null outside the search page or without parameters). */
export function readSearchHash(hash: string): SearchLink | null {
  const m = /^#\/?search\?(.*)$/.exec(hash);
  if (!m) return null;
  const params = new URLSearchParams(m[1]);
  return { query: params.get('q') ?? '', from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
}
