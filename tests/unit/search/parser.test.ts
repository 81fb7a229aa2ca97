import { describe, expect, it } from 'vitest';
import { VigieError } from '../../../main/api/errors';
import { asValidation, QuerySyntaxError } from '../../../main/search/errors';
import { tokenize } from '../../../main/search/lexer';
import { MAX_DEPTH, MAX_QUERY_LENGTH, parseQuery, type Node } from '../../../main/search/parser';

/** Compact rendering of an AST, to compare shapes readably. */
function show(n: Node): string {
  switch (n.type) {
    case 'all':
      return '*';
    case 'and':
    case 'or':
      return `${n.type}(${n.children.map(show).join(', ')})`;
    case 'not':
      return `not(${show(n.child)})`;
    case 'term': {
      const v = n.value.kind === 'phrase' ? `"${n.value.text}"` : n.value.text;
      return n.field ? `${n.field.name}=${v}` : v;
    }
    case 'range': {
      const b = (x: typeof n.lower) => (x.value ? x.value.text : '*');
      return `${n.field.name}${n.lower.inclusive ? '[' : '{'}${b(n.lower)},${b(n.upper)}${n.upper.inclusive ? ']' : '}'}`;
    }
    case 'exists':
      return `exists(${n.field.name})`;
  }
}
const p = (q: string) => show(parseQuery(q));

function syntaxError(q: string): QuerySyntaxError {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${q}`);
}

describe('lexer', () => {
  it('splits words, phrases, operators and punctuation with positions', () => {
    const t = tokenize('user.name:"a b" && !x');
    expect(t.map((x) => [x.type, x.pos, x.text])).toEqual([
      ['word', 0, 'user.name'],
      ['colon', 9, ':'],
      ['phrase', 10, 'a b'],
      ['and', 16, '&&'],
      ['not', 19, '!'],
      ['word', 20, 'x'],
      ['eof', 21, ''],
    ]);
  });

  it('keeps escaped characters literal and marks wildcards', () => {
    const [w] = tokenize('a\\*b*c?\\:d');
    expect(w.text).toBe('a*b*c?:d');
    expect(w.pieces).toEqual([
      { kind: 'lit', text: 'a*b' },
      { kind: 'star' },
      { kind: 'lit', text: 'c' },
      { kind: 'qmark' },
      { kind: 'lit', text: ':d' },
    ]);
  });

  it('reads values after a colon as values (leading -, keywords) and allows : in ranges and compared values', () => {
    expect(tokenize('delta:-5').map((t) => t.type)).toEqual(['word', 'colon', 'word', 'eof']);
    expect(tokenize('outcome:NOT').map((t) => t.type)).toEqual(['word', 'colon', 'word', 'eof']);
    const r = tokenize('@timestamp:[2026-11-01T08:30 TO now]');
    expect(r.map((t) => t.text)).toEqual(['@timestamp', ':', '[', '2026-11-01T08:30', 'TO', 'now', ']', '']);
    expect(tokenize('@timestamp:>=2026-11-01T08:30:00Z').map((t) => t.text)).toEqual([
      '@timestamp', ':', '>=', '2026-11-01T08:30:00Z', '',
    ]);
  });

  it('unescapes phrases', () => {
    expect(tokenize('"say \\"hi\\" \\\\ ok"')[0].text).toBe('say "hi" \\ ok');
  });
});

describe('parser', () => {
  it('empty query matches everything', () => {
    expect(p('')).toBe('*');
    expect(p('   ')).toBe('*');
  });

  it('field values, phrases, wildcards and free text', () => {
    expect(p('user.name:alice')).toBe('user.name=alice');
    expect(p('message:"connexion réussie"')).toBe('message="connexion réussie"');
    expect(p('host:pacs*')).toBe('host=pacs*');
    expect(p('échec connexion')).toBe('and(échec, connexion)');
  });

  it('operators: AND/OR/NOT, &&, ||, !, -, +, implicit AND, precedence AND over OR', () => {
    expect(p('a OR b c')).toBe('or(a, and(b, c))');
    expect(p('a || b && c')).toBe('or(a, and(b, c))');
    expect(p('a and b or not c')).toBe('or(and(a, b), not(c))');
    expect(p('-a !b NOT c +d')).toBe('and(not(a), not(b), not(c), d)');
    expect(p('(a OR b) c')).toBe('and(or(a, b), c)');
    expect(p('NOT (a OR b)')).toBe('not(or(a, b))');
  });

  it('field groups apply the field to every bare term', () => {
    expect(p('user:(alice OR bob) -outcome:success')).toBe('and(or(user=alice, user=bob), not(outcome=success))');
  });

  it('ranges and comparisons', () => {
    expect(p('severity:[low TO high]')).toBe('severity[low,high]');
    expect(p('id:{10 TO *]')).toBe('id{10,*]');
    expect(p('@timestamp:[2026-11-01 TO now-1d]')).toBe('@timestamp[2026-11-01,now-1d]');
    expect(p('id:>=5')).toBe('id[5,*}');
    expect(p('id:<5')).toBe('id{*,5}');
    expect(p('id:> 5')).toBe('id{5,*}');
  });

  it('exists: field:* and _exists_:field', () => {
    expect(p('user.name:*')).toBe('exists(user.name)');
    expect(p('_exists_:user.name')).toBe('_exists_=user.name');
  });

  it('operator words are plain words when quoted or in value position', () => {
    expect(p('"OR"')).toBe('"OR"');
    expect(p('outcome:AND')).toBe('outcome=AND');
  });
});

describe('syntax errors carry the position and what was expected', () => {
  const cases: [string, number, string[], RegExp][] = [
    ['a AND', 5, ['term'], /terme attendu après « AND »/],
    ['a OR OR b', 5, ['term'], /terme attendu/],
    ['(a OR b', 7, [')', 'operator'], /parenthèse fermante « \) » attendue \(ouverte en position 1\)/],
    ['a OR b)', 6, ['operator', 'end'], /parenthèse fermante sans parenthèse ouvrante/],
    ['()', 1, ['term'], /expression attendue entre les parenthèses/],
    ['user:', 5, ['value'], /valeur attendue après « user: »/],
    ['a && || b', 5, ['term'], /terme attendu après « && »/],
    ['user:)', 5, ['value'], /valeur attendue après « user: », trouvé « \) »/],
    ['"unterminated phrase', 0, ['"'], /guillemet fermant/],
    ['msg:"abc', 4, ['"'], /guillemet fermant/],
    ['id:[1 2]', 6, ['TO'], /« TO » attendu/],
    ['id:[1 TO 5', 10, [']'], /« \] » ou « } » attendu/],
    ['id:[1 TO ]', 9, ['value'], /borne de l’intervalle attendue/],
    ['id:>', 4, ['value'], /valeur attendue après « > »/],
    [':value', 0, ['field'], /nom de champ attendu avant « : »/],
    ['a NOT', 5, ['term'], /terme attendu après « NOT »/],
    ['abc\\', 3, ['character'], /caractère attendu après la barre oblique inverse/],
  ];
  for (const [q, position, expected, message] of cases) {
    it(JSON.stringify(q), () => {
      const e = syntaxError(q);
      expect(e.position).toBe(position);
      expect(e.expected).toEqual(expected);
      expect(e.message).toMatch(message);
    });
  }

  it('limits length, nesting and number of terms', () => {
    expect(syntaxError('a'.repeat(MAX_QUERY_LENGTH + 1)).position).toBe(MAX_QUERY_LENGTH);
    const deep = `${'('.repeat(MAX_DEPTH + 1)}a${')'.repeat(MAX_DEPTH + 1)}`;
    expect(syntaxError(deep)).toMatchObject({ position: MAX_DEPTH, message: expect.stringMatching(/trop imbriquée/) });
    expect(syntaxError('NOT '.repeat(MAX_DEPTH + 1) + 'a').message).toMatch(/trop imbriquée/);
    expect(syntaxError(Array.from({ length: 201 }, (_, i) => `t${i}`).join(' ')).message).toMatch(/200 termes/);
  });

  it('becomes a VALIDATION VigieError with { position, expected }', () => {
    let err: unknown;
    try {
      asValidation(() => parseQuery('user:(alice OR'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VigieError);
    expect((err as VigieError).code).toBe('VALIDATION');
    expect((err as VigieError).details).toEqual({ position: 14, expected: ['term'] });
    expect((err as VigieError).message).toMatch(/position 15/);
  });
});
