/**
 * Tokeniser of the search language (see README.md). Positions are 0-based
 * offsets into the query string.
 *
 * Context matters in two places, tracked here rather than in the parser:
 * - right after `field:` (and after `>=`, `<`…) a value is expected, so a
 *   leading `-`, `!` or `+` belongs to the value (`delta:-5`) and `AND`/`OR`/`NOT`
 *   are plain words (`outcome:NOT` is silly but not an operator);
 * - inside a range `[a TO b]` and after a comparison operator, `:` is part of
 *   the value so ISO times need no quoting (`@timestamp:>=2026-11-01T08:30`).
 */
import { QuerySyntaxError } from './errors';

export type TokenType =
  | 'word'
  | 'phrase'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'lbrace'
  | 'rbrace'
  | 'colon'
  | 'cmp'
  | 'and'
  | 'or'
  | 'not'
  | 'plus'
  | 'to'
  | 'eof';

/** A piece of a word: literal text or a wildcard (`*` any run, `?` one character). Escaped `\*` is literal. */
export type Piece = { kind: 'lit'; text: string } | { kind: 'star' } | { kind: 'qmark' };

export interface Token {
  type: TokenType;
  /** Offset of the first character. */
  pos: number;
  /** Offset just after the last character. */
  end: number;
  /** Unescaped text (words, phrases), the operator (`>=`, `<`…) or the punctuation itself. */
  text: string;
  /** Words only: literal runs and wildcards. */
  pieces?: Piece[];
}

const PUNCT: Record<string, TokenType> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  '{': 'lbrace',
  '}': 'rbrace',
  ':': 'colon',
};
const KEYWORDS: Record<string, TokenType> = { and: 'and', or: 'or', not: 'not' };
const isSpace = (c: string) => /\s/.test(c);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  /** A value is expected next (after `:` or a comparison operator). */
  let valueNext = false;
  /** Inside `[a TO b]` / `{a TO b}` opened right after `field:`. */
  let inRange = false;
  /** The current value may contain `:` (range bounds, compared values). */
  const colonInWord = () => inRange || tokens[tokens.length - 1]?.type === 'cmp';

  const push = (t: Token) => {
    tokens.push(t);
    valueNext = t.type === 'colon' || t.type === 'cmp';
  };

  while (i < input.length) {
    const c = input[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      push(readPhrase(input, i));
      i = tokens[tokens.length - 1].end;
      continue;
    }
    if (c === ':' && colonInWord()) {
      // handled as part of a word below
    } else if (c in PUNCT) {
      const type = PUNCT[c];
      if ((type === 'lbracket' || type === 'lbrace') && valueNext) inRange = true;
      if ((type === 'rbracket' || type === 'rbrace') && inRange) inRange = false;
      push({ type, pos: i, end: i + 1, text: c });
      i++;
      continue;
    }
    if (!inRange && valueNext && tokens[tokens.length - 1]?.type === 'colon' && (c === '>' || c === '<')) {
      const op = input[i + 1] === '=' ? `${c}=` : c;
      push({ type: 'cmp', pos: i, end: i + op.length, text: op });
      i += op.length;
      continue;
    }
    if (!valueNext && !inRange) {
      const two = input.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        push({ type: two === '&&' ? 'and' : 'or', pos: i, end: i + 2, text: two });
        i += 2;
        continue;
      }
      const next = input[i + 1];
      if ((c === '-' || c === '!' || c === '+') && next !== undefined && !isSpace(next)) {
        push({ type: c === '+' ? 'plus' : 'not', pos: i, end: i + 1, text: c });
        i++;
        continue;
      }
      if (c === '!') {
        push({ type: 'not', pos: i, end: i + 1, text: c });
        i++;
        continue;
      }
    }
    const word = readWord(input, i, colonInWord());
    i = word.end;
    const bare = word.pieces!.length === 1 && word.pieces![0].kind === 'lit' && word.text === input.slice(start, i);
    const lower = word.text.toLowerCase();
    if (bare && inRange && lower === 'to') word.type = 'to';
    else if (bare && !valueNext && !inRange && lower in KEYWORDS) word.type = KEYWORDS[lower];
    push(word);
  }
  tokens.push({ type: 'eof', pos: input.length, end: input.length, text: '' });
  return tokens;
}

function readPhrase(input: string, start: number): Token {
  let text = '';
  let i = start + 1;
  while (i < input.length) {
    const c = input[i];
    if (c === '\\') {
      if (i + 1 >= input.length) break;
      text += input[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') return { type: 'phrase', pos: start, end: i + 1, text };
    text += c;
    i++;
  }
  throw new QuerySyntaxError(start, 'guillemet fermant « " » manquant pour cette expression entre guillemets', ['"']);
}

const WORD_STOP = new Set(['(', ')', '[', ']', '{', '}', '"']);

function readWord(input: string, start: number, colonAllowed: boolean): Token {
  const pieces: Piece[] = [];
  let lit = '';
  let text = '';
  let i = start;
  const flush = () => {
    if (lit) pieces.push({ kind: 'lit', text: lit });
    lit = '';
  };
  while (i < input.length) {
    const c = input[i];
    if (isSpace(c) || WORD_STOP.has(c) || (c === ':' && !colonAllowed)) break;
    if (c === '\\') {
      if (i + 1 >= input.length) {
        throw new QuerySyntaxError(i, 'caractère attendu après la barre oblique inverse « \\ »', ['character']);
      }
      lit += input[i + 1];
      text += input[i + 1];
      i += 2;
      continue;
    }
    if (c === '*' || c === '?') {
      flush();
      pieces.push({ kind: c === '*' ? 'star' : 'qmark' });
    } else {
      lit += c;
    }
    text += c;
    i++;
  }
  flush();
  return { type: 'word', pos: start, end: i, text, pieces };
}
