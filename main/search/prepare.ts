/**
 * From what the API receives (query text, `from`/`to` as ISO or date math)
 * to what the search runs: the compiled condition and the effective time
 * window `[from, to)` in ms (the requested range intersected with top-level
 * `@timestamp` conditions of the query).
 */
import { IANAZone } from 'luxon';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { compileQuery, type CompiledQuery } from './compile';
import { asValidation } from './errors';
import { resolveField, SPELLING_COLUMNS, spellingKey } from './fields';
import { parseQuery, type Node } from './parser';
import { DEFAULT_TIME_ZONE, resolveBound } from './time';
import { hasWildcard } from './values';

export interface RangeInput {
  query: string;
  from: string;
  to: string;
  timeZone?: string;
}

export interface Prepared extends CompiledQuery {
  /** Effective window, ms: `from <= ts < to`. May be empty (from >= to). */
  from: number;
  to: number;
  /** The requested range, resolved (what the UI shows). */
  requested: { from: number; to: number };
}

export function resolveRange(from: string, to: string, now: number, timeZone = DEFAULT_TIME_ZONE): { from: number; to: number } {
  const f = resolveBound(from, now, timeZone);
  const t = resolveBound(to, now, timeZone);
  if (f === undefined) throw new VigieError('VALIDATION', `Début de période invalide : ${from}`, { field: 'from' });
  if (t === undefined) throw new VigieError('VALIDATION', `Fin de période invalide : ${to}`, { field: 'to' });
  if (t <= f) throw new VigieError('VALIDATION', 'La fin de la période doit être après son début.', { field: 'to' });
  return { from: f, to: t };
}

/** Parses, compiles and resolves; syntax errors become VALIDATION with `{ position, expected }`. */
export function prepareSearch(input: RangeInput, now: number, spellings?: ReadonlyMap<string, readonly string[]>): Prepared {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  if (!IANAZone.isValidZone(timeZone)) {
    throw new VigieError('VALIDATION', `Fuseau horaire inconnu : ${timeZone}`, { field: 'timeZone' });
  }
  const requested = resolveRange(input.from, input.to, now, timeZone);
  const ast = asValidation(() => parseQuery(input.query));
  const compiled = asValidation(() => compileQuery(ast, { now, timeZone, spellings }));
  return {
    ...compiled,
    requested,
    from: Math.max(requested.from, compiled.window.from),
    to: Math.min(requested.to, compiled.window.to),
  };
}

/** `prepareSearch` after looking up, in the vault, the spellings of exact user/service values. */
export async function prepareSearchIn(db: Db, input: RangeInput, now: number): Promise<Prepared> {
  const first = prepareSearch(input, now);
  const wanted = new Map<string, { column: string; value: string }>();
  collectExact(asValidation(() => parseQuery(input.query)), wanted);
  if (wanted.size === 0) return first;
  return prepareSearch(input, now, await resolveSpellings(db, [...wanted.values()]));
}

function collectExact(n: Node, out: Map<string, { column: string; value: string }>): void {
  if (n.type === 'and' || n.type === 'or') n.children.forEach((c) => collectExact(c, out));
  else if (n.type === 'not') collectExact(n.child, out);
  else if (n.type === 'term' && n.field && !hasWildcard(n.value.pieces)) {
    const def = resolveField(n.field.name);
    const column = def?.kind === 'keyword' ? (SPELLING_COLUMNS as readonly string[]).find((c) => c === def.column) : undefined;
    if (column) out.set(spellingKey(column, n.value.text), { column, value: n.value.text });
  }
}

/** Beyond this many prefixes explored for one value, the spelling lookup gives up (→ `COLLATE NOCASE`). */
const MAX_PREFIXES = 400;

/**
 * For each value, the spellings (ASCII case variants) that occur in `events`: the column's binary
 * index is walked prefix by prefix, trying both cases of each letter and keeping only the prefixes
 * some value starts with (one seek each, about two per letter for a login) — one recursive
 * statement per value. `lower`/`upper` fold ASCII only, exactly like `COLLATE NOCASE`.
 */
export async function resolveSpellings(
  db: Db,
  values: { column: string; value: string }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const { column, value } of values) {
    // `column` comes from SPELLING_COLUMNS (a constant list), never from the query text.
    if (!(SPELLING_COLUMNS as readonly string[]).includes(column)) continue;
    const next = "w.prefix || CASE c.up WHEN 1 THEN upper(substr(?1, w.pos + 1, 1)) ELSE lower(substr(?1, w.pos + 1, 1)) END";
    const rows = await db.all<{ prefix: string; present: number }>(
      `WITH RECURSIVE walk(prefix, pos) AS (
         SELECT '', 0
         UNION
         SELECT ${next}, w.pos + 1 FROM walk w JOIN (SELECT 0 AS up UNION ALL SELECT 1) c
         WHERE w.pos < length(?1)
           AND substr((SELECT ${column} FROM events WHERE ${column} >= ${next} ORDER BY ${column} LIMIT 1), 1, w.pos + 1) = ${next}
         LIMIT ${MAX_PREFIXES}
       )
       SELECT prefix, (pos = length(?1) AND EXISTS (SELECT 1 FROM events WHERE ${column} = walk.prefix)) AS present FROM walk`,
      [value],
    );
    // A walk cut short by the limit may have missed spellings: leave the value to COLLATE NOCASE.
    if (rows.length >= MAX_PREFIXES) continue;
    out.set(spellingKey(column, value), rows.filter((r) => r.present === 1).map((r) => r.prefix));
  }
  return out;
}
