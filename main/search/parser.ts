/**
 * Parser of the search language: tokens → AST. Syntax only; field names and
 * values are checked by the compiler (which reports positions the same way).
 *
 *   query    := or? EOF
 *   or       := and (("OR" | "||") and)*
 *   and      := unary (("AND" | "&&")? unary)*          -- juxtaposition is AND
 *   unary    := ("NOT" | "!" | "-") unary | "+" unary | primary
 *   primary  := "(" or ")" | field ":" fvalue | value
 *   fvalue   := value | "(" or ")" | range | (">" | ">=" | "<" | "<=") value
 *   range    := ("[" | "{") bound "TO" bound ("]" | "}")
 *   value    := word | "phrase"
 */
import { MAX_QUERY_LENGTH } from '../api/ops/search';
import { QuerySyntaxError, type Expected } from './errors';
import { tokenize, type Piece, type Token } from './lexer';

export { MAX_QUERY_LENGTH };
/** Nesting of parentheses and negations. */
export const MAX_DEPTH = 24;
export const MAX_TERMS = 200;

export interface Value {
  /** `word` may hold wildcards; `phrase` is literal. */
  kind: 'word' | 'phrase';
  text: string;
  pieces: Piece[];
  pos: number;
  end: number;
}

export interface Bound {
  /** `null` for an open bound (`*`). */
  value: Value | null;
  inclusive: boolean;
}

export type Node =
  | { type: 'all' }
  | { type: 'and'; children: Node[] }
  | { type: 'or'; children: Node[] }
  | { type: 'not'; child: Node; pos: number }
  | { type: 'term'; field: FieldRef | null; value: Value }
  | { type: 'range'; field: FieldRef; lower: Bound; upper: Bound; pos: number }
  | { type: 'exists'; field: FieldRef; pos: number };

export interface FieldRef {
  name: string;
  pos: number;
  end: number;
}

const TERM_START = new Set(['word', 'phrase', 'lparen', 'not', 'plus']);
const describe = (t: Token) => (t.type === 'eof' ? 'la fin de la requête' : `« ${t.text} »`);

export function parseQuery(input: string): Node {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(MAX_QUERY_LENGTH, `requête trop longue (${MAX_QUERY_LENGTH} caractères au plus)`, ['end']);
  }
  return new Parser(tokenize(input)).parse();
}

class Parser {
  private i = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.peek().type === 'eof') return { type: 'all' };
    const node = this.parseOr(null);
    const t = this.peek();
    if (t.type !== 'eof') {
      const what = t.type === 'rparen' ? 'parenthèse fermante sans parenthèse ouvrante' : `${describe(t)} inattendu`;
      throw new QuerySyntaxError(t.pos, `${what} : opérateur ou fin de requête attendu`, ['operator', 'end']);
    }
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  private fail(t: Token, message: string, expected: Expected[]): never {
    throw new QuerySyntaxError(t.pos, `${message}, trouvé ${describe(t)}`, expected);
  }

  private requireTerm(after: Token): void {
    if (!TERM_START.has(this.peek().type)) this.fail(this.peek(), `terme attendu après ${describe(after)}`, ['term']);
  }

  private parseOr(field: FieldRef | null): Node {
    const children = [this.parseAnd(field)];
    while (this.peek().type === 'or') {
      const op = this.next();
      this.requireTerm(op);
      children.push(this.parseAnd(field));
    }
    return children.length === 1 ? children[0] : { type: 'or', children };
  }

  private parseAnd(field: FieldRef | null): Node {
    const children = [this.parseUnary(field)];
    for (;;) {
      const t = this.peek();
      if (t.type === 'and') {
        this.next();
        this.requireTerm(t);
      } else if (!TERM_START.has(t.type)) {
        break;
      }
      children.push(this.parseUnary(field));
    }
    return children.length === 1 ? children[0] : { type: 'and', children };
  }

  private parseUnary(field: FieldRef | null): Node {
    const t = this.peek();
    if (t.type === 'not' || t.type === 'plus') {
      this.next();
      this.requireTerm(t);
      this.enter(t);
      const child = this.parseUnary(field);
      this.depth--;
      return t.type === 'not' ? { type: 'not', child, pos: t.pos } : child;
    }
    return this.parsePrimary(field);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) {
      throw new QuerySyntaxError(t.pos, `requête trop imbriquée (${MAX_DEPTH} niveaux de parenthèses ou de négations au plus)`, []);
    }
  }

  private group(field: FieldRef | null): Node {
    const open = this.next();
    this.enter(open);
    if (this.peek().type === 'rparen') this.fail(this.peek(), 'expression attendue entre les parenthèses', ['term']);
    this.requireTerm(open);
    const inner = this.parseOr(field);
    if (this.peek().type !== 'rparen') {
      this.fail(this.peek(), `parenthèse fermante « ) » attendue (ouverte en position ${open.pos + 1})`, [')', 'operator']);
    }
    this.next();
    this.depth--;
    return inner;
  }

  private parsePrimary(field: FieldRef | null): Node {
    const t = this.peek();
    if (t.type === 'lparen') return this.group(field);
    if (t.type === 'word' && this.peek(1).type === 'colon') {
      this.next();
      const colon = this.next();
      return this.fieldValue({ name: t.text, pos: t.pos, end: t.end }, colon);
    }
    if (t.type === 'word' || t.type === 'phrase') return this.term(field, this.value());
    if (t.type === 'colon') this.fail(t, 'nom de champ attendu avant « : »', ['field']);
    return this.fail(t, 'terme attendu', ['term']);
  }

  private fieldValue(field: FieldRef, colon: Token): Node {
    const t = this.peek();
    switch (t.type) {
      case 'lparen':
        return this.group(field);
      case 'lbracket':
      case 'lbrace':
        return this.range(field);
      case 'cmp': {
        this.next();
        if (this.peek().type !== 'word' && this.peek().type !== 'phrase') {
          this.fail(this.peek(), `valeur attendue après « ${t.text} »`, ['value']);
        }
        const v = this.value();
        const open: Bound = { value: null, inclusive: false };
        const bound: Bound = { value: v, inclusive: t.text.endsWith('=') };
        this.count(t);
        return t.text.startsWith('>')
          ? { type: 'range', field, lower: bound, upper: open, pos: t.pos }
          : { type: 'range', field, lower: open, upper: bound, pos: t.pos };
      }
      case 'word':
      case 'phrase': {
        const v = this.value();
        if (v.kind === 'word' && v.pieces.length === 1 && v.pieces[0].kind === 'star') {
          this.count(t);
          return { type: 'exists', field, pos: field.pos };
        }
        return this.term(field, v);
      }
      default:
        return this.fail(t, `valeur attendue après « ${field.name}${colon.text} »`, ['value']);
    }
  }

  private range(field: FieldRef): Node {
    const open = this.next();
    const lower = this.bound(open.type === 'lbracket');
    if (this.peek().type !== 'to') this.fail(this.peek(), '« TO » attendu entre les bornes de l’intervalle', ['TO']);
    this.next();
    const upperValue = this.boundValue();
    const close = this.peek();
    if (close.type !== 'rbracket' && close.type !== 'rbrace') {
      this.fail(close, `« ] » ou « } » attendu pour fermer l’intervalle ouvert en position ${open.pos + 1}`, [']']);
    }
    this.next();
    this.count(open);
    return { type: 'range', field, lower, upper: { value: upperValue, inclusive: close.type === 'rbracket' }, pos: open.pos };
  }

  private bound(inclusive: boolean): Bound {
    return { value: this.boundValue(), inclusive };
  }

  private boundValue(): Value | null {
    const t = this.peek();
    if (t.type !== 'word' && t.type !== 'phrase') this.fail(t, 'borne de l’intervalle attendue (valeur ou *)', ['value']);
    const v = this.value();
    return v.kind === 'word' && v.pieces.length === 1 && v.pieces[0].kind === 'star' ? null : v;
  }

  private value(): Value {
    const t = this.next();
    return {
      kind: t.type === 'phrase' ? 'phrase' : 'word',
      text: t.text,
      pieces: t.type === 'phrase' ? [{ kind: 'lit', text: t.text }] : (t.pieces ?? []),
      pos: t.pos,
      end: t.end,
    };
  }

  private term(field: FieldRef | null, value: Value): Node {
    this.count(value);
    return { type: 'term', field, value };
  }

  private count(at: { pos: number }): void {
    if (++this.terms > MAX_TERMS) {
      throw new QuerySyntaxError(at.pos, `requête trop longue (${MAX_TERMS} termes au plus)`, []);
    }
  }
}
