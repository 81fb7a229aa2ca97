/**
 * Parser of Sigma detection conditions (rules spec 2.1, "Condition"):
 * `and`, `or`, `not`, parentheses, `1 of X`, `any of X`, `all of X` where X is
 * a search identifier, a pattern with `*` wildcards, or `them`. Precedence
 * (least to most binding): or, and, not, `x of`, parentheses. Keywords are
 * case-insensitive. Sigma 1 aggregations (`| count() > 5`) and `near` are
 * rejected: Sigma 2 expresses them as correlation rules.
 */
import { RuleError } from './types';

export type CondNode =
  | { t: 'id'; name: string }
  | { t: 'and'; items: CondNode[] }
  | { t: 'or'; items: CondNode[] }
  | { t: 'not'; item: CondNode }
  | { t: 'of'; all: boolean; pattern: string };

interface Token {
  kind: 'lp' | 'rp' | 'word';
  text: string;
  pos: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them']);

function tokenize(cond: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|([A-Za-z0-9_.*-]+)|(\S))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < cond.length && (m = re.exec(cond))) {
    const pos = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length;
    if (m[1]) tokens.push({ kind: 'lp', text: '(', pos });
    else if (m[2]) tokens.push({ kind: 'rp', text: ')', pos });
    else if (m[3]) tokens.push({ kind: 'word', text: m[3], pos });
    else if (m[4] === '|') {
      throw new RuleError('condition-unsupported', `condition "${cond}": Sigma 1 aggregation after "|" is not supported (use a correlation rule)`);
    } else if (m[4]) throw new RuleError('condition-invalid', `condition "${cond}": unexpected character "${m[4]}" at ${pos}`);
  }
  return tokens;
}

export function parseCondition(cond: string): CondNode {
  if (typeof cond !== 'string' || !cond.trim()) throw new RuleError('condition-invalid', 'empty condition');
  const tokens = tokenize(cond);
  if (tokens.some((t) => t.kind === 'word' && t.text.toLowerCase() === 'near')) {
    throw new RuleError('condition-unsupported', `condition "${cond}": "near" (Sigma 1) is not supported (use a temporal correlation)`);
  }
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (w: string) => peek()?.kind === 'word' && peek().text.toLowerCase() === w;
  const err = (msg: string): never => {
    const at = peek() ? `at ${peek().pos} ("${peek().text}")` : 'at the end';
    throw new RuleError('condition-invalid', `condition "${cond}": ${msg} ${at}`);
  };

  const parseOr = (): CondNode => {
    const items = [parseAnd()];
    while (isWord('or')) {
      i++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0] : { t: 'or', items };
  };
  const parseAnd = (): CondNode => {
    const items = [parseNot()];
    while (isWord('and')) {
      i++;
      items.push(parseNot());
    }
    return items.length === 1 ? items[0] : { t: 'and', items };
  };
  const parseNot = (): CondNode => {
    if (isWord('not')) {
      i++;
      return { t: 'not', item: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): CondNode => {
    const tok = peek();
    if (!tok) return err('expected a search identifier');
    if (tok.kind === 'lp') {
      i++;
      const inner = parseOr();
      if (peek()?.kind !== 'rp') err('expected ")"');
      i++;
      return inner;
    }
    if (tok.kind === 'rp') return err('unexpected ")"');
    const word = tok.text.toLowerCase();
    const next = tokens[i + 1];
    if (next?.kind === 'word' && next.text.toLowerCase() === 'of') {
      let all: boolean;
      if (word === 'all') all = true;
      else if (word === '1' || word === 'any') all = false;
      else if (/^\d+$/.test(word)) {
        throw new RuleError('condition-unsupported', `condition "${cond}": "${tok.text} of" is not defined by Sigma (only "1 of", "any of", "all of")`);
      } else return err('expected "1", "any" or "all" before "of"');
      i += 2;
      const target = peek();
      if (!target || target.kind !== 'word' || (KEYWORDS.has(target.text.toLowerCase()) && target.text.toLowerCase() !== 'them')) {
        return err('expected a search identifier pattern or "them" after "of"');
      }
      i++;
      return { t: 'of', all, pattern: target.text.toLowerCase() === 'them' ? 'them' : target.text };
    }
    if (KEYWORDS.has(word)) return err(`unexpected "${tok.text}"`);
    if (tok.text.includes('*')) return err('a wildcard identifier needs "1 of" or "all of"');
    i++;
    return { t: 'id', name: tok.text };
  };

  const ast = parseOr();
  if (i < tokens.length) err('unexpected token');
  return ast;
}

/** Search identifiers a pattern (`sel*`, `them`) designates, in definition order. */
export function expandPattern(pattern: string, identifiers: readonly string[]): string[] {
  if (pattern === 'them') return identifiers.filter((n) => !n.startsWith('_'));
  if (!pattern.includes('*')) return identifiers.filter((n) => n === pattern);
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return identifiers.filter((n) => re.test(n));
}
