/**
 * AST → parameterised SQL over `events`. No user text is ever concatenated
 * into SQL: every value (and every JSON path) is a bound parameter, and free
 * text reaches FTS5 only as quoted strings (`ftsString`), so FTS operators typed
 * by the user are searched for, never interpreted.
 *
 * The compiler also:
 * - hoists the free-text part of a top-level AND into ONE FTS5 expression
 *   (`fts`), which the search joins by rowid instead of a subquery per word;
 * - lifts top-level `@timestamp` conditions into `window`, so the search walks
 *   the time index over the intersection with the requested range;
 * - tells whether the condition only uses columns `rollup_hour` also has
 *   (`rollup`), so counts can come from the rollup.
 */
import { QuerySyntaxError } from './errors';
import { FTS_COLUMNS, resolveField, spellingKey, type FieldDef } from './fields';
import type { Bound, FieldRef, Node, Value } from './parser';
import { parseTime, DEFAULT_TIME_ZONE } from './time';
import { ftsOf, ftsValue, prefilterOf } from './fts-expr';
import { boolValue, cidrPatterns, hasWildcard, intValue, likePattern, numberValue, onlyStars, severityValue } from './values';

export interface CompileOptions {
  /** ms since epoch that `now` means. */
  now: number;
  timeZone?: string;
  /**
   * Spellings present in the vault of exact keyword values on binary-indexed columns
   * (`spellingKey(column, value)` → values), found by `resolveSpellings`: compiled to
   * `column = ?` / `IN (…)` so the `(column, ts)` index serves a case-insensitive match.
   */
  spellings?: ReadonlyMap<string, readonly string[]>;
}

export { SPELLING_COLUMNS, spellingKey } from './fields';

export interface CompiledQuery {
  /** SQL condition over unqualified `events` columns; `1` when the query matches everything. */
  where: string;
  params: unknown[];
  /** FTS5 MATCH expression the event must also satisfy (rowid = events.id), or null. */
  fts: string | null;
  /** True when `where` is also valid over `rollup_hour` (only service/severity/outcome, no free text). */
  rollup: boolean;
  /** Time window from top-level `@timestamp` conditions: `[from, to)`. */
  window: { from: number; to: number };
}

const ALL = '1';

/** The smallest string greater than every string starting with `prefix` (binary order). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
const ESC = " ESCAPE '\\'";

export function compileQuery(ast: Node, opts: CompileOptions): CompiledQuery {
  return new Compiler(opts).compile(ast);
}

class Compiler {
  private readonly params: unknown[] = [];
  private rollup = true;
  private readonly tz: string;

  constructor(private readonly opts: CompileOptions) {
    this.tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  }

  compile(ast: Node): CompiledQuery {
    const window = { from: -Infinity, to: Infinity };
    const conjuncts = ast.type === 'and' ? ast.children : ast.type === 'all' ? [] : [ast];
    const sql: Node[] = [];
    for (const c of conjuncts) {
      const span = this.timeConstraint(c);
      if (span) {
        window.from = Math.max(window.from, span.from);
        window.to = Math.min(window.to, span.to);
      } else {
        sql.push(c);
      }
    }
    // Free text of the top-level AND → one FTS expression (negations join it only beside a positive part).
    const positives: string[] = [];
    const negatives: string[] = [];
    const rest: Node[] = [];
    for (const c of sql) {
      const f = c.type === 'not' ? null : this.fts(c);
      if (f) positives.push(f);
      else {
        rest.push(c);
        // A keyword value of a column the FTS index also holds: the index pre-selects, SQL decides.
        const pre = this.prefilter(c);
        if (pre) positives.push(pre);
      }
    }
    const remaining: Node[] = [];
    for (const c of rest) {
      const f = positives.length && c.type === 'not' ? this.fts(c.child) : null;
      if (f) negatives.push(f);
      else remaining.push(c);
    }
    let fts: string | null = null;
    if (positives.length) {
      const pos = positives.length === 1 ? positives[0] : positives.map((p) => `(${p})`).join(' AND ');
      fts = negatives.length ? `(${pos}) NOT (${negatives.join(' OR ')})` : pos;
      this.rollup = false;
    }
    const parts = remaining.map((n) => this.node(n)).filter((s) => s !== ALL);
    return {
      where: parts.length === 0 ? ALL : parts.join(' AND '),
      params: this.params,
      fts,
      rollup: this.rollup,
      window,
    };
  }

  // ------------------------------------------------------------------ full text

  private fts(n: Node): string | null {
    return ftsOf(n, (ref) => this.field(ref));
  }

  private prefilter(n: Node): string | null {
    return prefilterOf(n, (ref) => this.field(ref), this.opts.spellings);
  }

  /**
   * A free-text condition that stays inside SQL (under OR/NOT with field conditions), or a word/phrase
   * on a text field (`def`): the FTS index when it can answer, else a case-insensitive LIKE substring.
   */
  private freeText(v: Value, def?: FieldDef): string {
    this.rollup = false;
    const f = def ? (def.fts ? ftsValue(v, def.fts) : null) : ftsValue(v);
    if (f) return this.bind('id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)', f);
    if (v.kind === 'word' && onlyStars(v.pieces)) return ALL;
    const pattern = likePattern(v.kind === 'phrase' ? [{ kind: 'lit', text: v.text }] : v.pieces, true);
    const columns = def ? [def.column] : FTS_COLUMNS;
    const sql = columns.map((col) => this.bind(`${col} LIKE ?${ESC}`, pattern)).join(' OR ');
    return columns.length === 1 ? sql : `(${sql})`;
  }

  // ------------------------------------------------------------------ SQL

  private node(n: Node): string {
    switch (n.type) {
      case 'all':
        return ALL;
      case 'and':
      case 'or': {
        const parts = n.children.map((c) => this.node(c));
        return `(${parts.join(n.type === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        // NULL-safe: `NOT user.name:x` keeps events without a user name.
        return `((${this.node(n.child)}) IS NOT 1)`;
      case 'term':
        return n.field ? this.fieldTerm(n.field, n.value) : this.freeText(n.value);
      case 'range':
        return this.range(this.field(n.field), n.lower, n.upper);
      case 'exists':
        return this.exists(this.field(n.field));
    }
  }

  private field(ref: FieldRef): FieldDef {
    const def = resolveField(ref.name);
    if (!def) throw new QuerySyntaxError(ref.pos, `champ inconnu « ${ref.name} »`, ['field']);
    if (!def.rollup) this.rollup = false;
    return def;
  }

  private bind(sql: string, ...values: unknown[]): string {
    this.params.push(...values);
    return sql;
  }

  private fieldTerm(ref: FieldRef, v: Value): string {
    if (ref.name.toLowerCase() === '_exists_') {
      if (hasWildcard(v.pieces)) throw new QuerySyntaxError(v.pos, 'nom de champ attendu après « _exists_: »', ['field']);
      return this.exists(this.field({ name: v.text, pos: v.pos, end: v.end }));
    }
    const def = this.field(ref);
    const wild = v.kind === 'word' && hasWildcard(v.pieces);
    const col = def.column;
    switch (def.kind) {
      case 'text':
        return this.freeText(v, def);
      case 'json': {
        const expr = 'CAST(json_extract(attrs, ?) AS TEXT)';
        return wild
          ? this.bind(`${expr} LIKE ?${ESC}`, def.jsonPath, likePattern(v.pieces))
          : this.bind(`${expr} = ? COLLATE NOCASE`, def.jsonPath, v.text);
      }
      case 'roles':
        return wild
          ? this.bind(`(',' || user_role || ',') LIKE ?${ESC}`, `%,${likePattern(v.pieces)},%`)
          : this.bind(`instr(',' || lower(user_role) || ',', ?) > 0`, `,${v.text.toLowerCase()},`);
      case 'time': {
        const span = this.time(v);
        return this.bind(`(${col} >= ? AND ${col} < ?)`, span.start, span.end);
      }
      case 'int':
      case 'severity':
      case 'bool':
        if (wild) throw new QuerySyntaxError(v.pos, 'les jokers * et ? ne s’appliquent pas à ce champ', [this.expectedOf(def)]);
        return this.bind(`${col} = ?`, this.typed(def, v));
      case 'ip': {
        // Addresses are compared in lower case (IPv6 hex) on their binary index: CIDR blocks and
        // trailing-* patterns become index ranges (`prefix <= ip < prefix+1`).
        const cidr = wild ? undefined : cidrPatterns(v.text);
        if (cidr) {
          const alts = [
            ...cidr.exact.map((e) => this.bind(`${col} = ?`, e)),
            ...cidr.prefixes.map((p) => (p === '' ? `${col} IS NOT NULL` : this.bind(`(${col} >= ? AND ${col} < ?)`, p, prefixEnd(p)))),
          ];
          return alts.length === 1 ? alts[0] : `(${alts.join(' OR ')})`;
        }
        if (!wild) return this.bind(`${col} = ?`, v.text.toLowerCase());
        const pieces = v.pieces.map((p) => (p.kind === 'lit' ? { ...p, text: p.text.toLowerCase() } : p));
        const head = pieces[0]?.kind === 'lit' ? pieces[0].text : '';
        const range = head ? this.bind(`${col} >= ? AND ${col} < ? AND `, head, prefixEnd(head)) : '';
        return `(${range}${this.bind(`${col} LIKE ?${ESC}`, likePattern(pieces))})`;
      }
      case 'upper':
        return wild ? this.bind(`${col} LIKE ?${ESC}`, likePattern(v.pieces)) : this.bind(`${col} = ?`, v.text.toUpperCase());
      case 'keyword': {
        if (wild) return this.bind(`${col} LIKE ?${ESC}`, likePattern(v.pieces));
        const known = this.opts.spellings?.get(spellingKey(col, v.text));
        if (!known) return this.bind(`${col} = ? COLLATE NOCASE`, v.text);
        if (known.length === 0) return '0';
        if (known.length === 1) return this.bind(`${col} = ?`, known[0]);
        return this.bind(`${col} IN (${known.map(() => '?').join(', ')})`, ...known);
      }
    }
  }

  private exists(def: FieldDef): string {
    if (def.kind === 'json') return this.bind('json_type(attrs, ?) IS NOT NULL', def.jsonPath);
    if (def.kind === 'bool' || def.kind === 'time' || def.kind === 'int' || def.kind === 'severity') return ALL;
    if (def.kind === 'text') return `${def.column} <> ''`;
    return `${def.column} IS NOT NULL`;
  }

  private expectedOf(def: FieldDef) {
    return def.kind === 'severity' ? 'severity' : def.kind === 'bool' ? 'boolean' : def.kind === 'time' ? 'date' : 'number';
  }

  private typed(def: FieldDef, v: Value): number {
    const n =
      def.kind === 'severity' ? severityValue(v.text) : def.kind === 'bool' ? boolValue(v.text) : intValue(v.text);
    if (n === undefined) {
      const what =
        def.kind === 'severity'
          ? 'sévérité attendue (info, low, medium, high, critical ou 0–4)'
          : def.kind === 'bool'
            ? 'booléen attendu (true/false, oui/non)'
            : 'nombre entier attendu';
      throw new QuerySyntaxError(v.pos, `${what} pour ${def.name}, trouvé « ${v.text} »`, [this.expectedOf(def)]);
    }
    return n;
  }

  private time(v: Value) {
    const span = parseTime(v.text, this.opts.now, this.tz);
    if (!span) {
      throw new QuerySyntaxError(
        v.pos,
        `date attendue (2026-11-01, 2026-11-01T08:30, now-15m, now-7d…), trouvé « ${v.text} »`,
        ['date'],
      );
    }
    return span;
  }

  private range(def: FieldDef, lower: Bound, upper: Bound): string {
    const col = def.column;
    const conds: string[] = [];
    if (def.kind === 'time') {
      const s = this.timeRange(lower, upper);
      if (s.from > -Infinity) conds.push(this.bind(`${col} >= ?`, s.from));
      if (s.to < Infinity) conds.push(this.bind(`${col} < ?`, s.to));
    } else if (def.kind === 'int' || def.kind === 'severity') {
      for (const [b, op] of [[lower, '>'], [upper, '<']] as const) {
        if (b.value) conds.push(this.bind(`${col} ${op}${b.inclusive ? '=' : ''} ?`, this.typed(def, b.value)));
      }
    } else if (def.kind === 'json') {
      const numeric = [lower, upper].every((b) => !b.value || numberValue(b.value.text) !== undefined);
      if (numeric) conds.push(this.bind("json_type(attrs, ?) IN ('integer', 'real')", def.jsonPath));
      for (const [b, op] of [[lower, '>'], [upper, '<']] as const) {
        if (!b.value) continue;
        const value = numeric ? numberValue(b.value.text) : b.value.text;
        conds.push(this.bind(`json_extract(attrs, ?) ${op}${b.inclusive ? '=' : ''} ?`, def.jsonPath, value));
      }
    } else if (def.kind === 'keyword' || def.kind === 'upper' || def.kind === 'ip') {
      for (const [b, op] of [[lower, '>'], [upper, '<']] as const) {
        if (b.value) conds.push(this.bind(`${col} ${op}${b.inclusive ? '=' : ''} ?`, b.value.text));
      }
    } else {
      const at = (lower.value ?? upper.value)?.pos ?? 0;
      throw new QuerySyntaxError(at, `pas d’intervalle sur le champ ${def.name}`, ['value']);
    }
    if (conds.length === 0) return this.exists(def);
    return conds.length === 1 ? conds[0] : `(${conds.join(' AND ')})`;
  }

  /** `[from, to)` in ms of a time range (Elasticsearch rounding of inclusive/exclusive bounds). */
  private timeRange(lower: Bound, upper: Bound): { from: number; to: number } {
    const lo = lower.value ? this.time(lower.value) : null;
    const hi = upper.value ? this.time(upper.value) : null;
    return {
      from: lo ? (lower.inclusive ? lo.start : lo.end) : -Infinity,
      to: hi ? (upper.inclusive ? hi.end : hi.start) : Infinity,
    };
  }

  /** `@timestamp` term or range at the top level → its window; null for anything else. */
  private timeConstraint(n: Node): { from: number; to: number } | null {
    if ((n.type !== 'range' && n.type !== 'term') || !n.field) return null;
    const def = resolveField(n.field.name);
    if (!def || def.column !== 'ts') return null;
    if (n.type === 'range') return this.timeRange(n.lower, n.upper);
    if (n.value.kind === 'word' && hasWildcard(n.value.pieces)) return null;
    const span = this.time(n.value);
    return { from: span.start, to: span.end };
  }
}
