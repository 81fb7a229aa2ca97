/** The prefilter's guards are necessary conditions: a pattern that matches implies its atom holds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patternAtom } from '../../../main/detect/sigma/guard';
import { requiredLiterals, translateRegex } from '../../../main/detect/sigma/regex';
import { ANY, ONE, type Part, compileAlternatives, normalize } from '../../../main/detect/sigma/values';

const alphabet = fc.constantFrom('a', 'b', 'C', '\\', '.', '-', ' ', 'é', 'x');
const text = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(''));
const part: fc.Arbitrary<Part> = fc.oneof(text.filter((s) => s.length > 0), fc.constant(ANY), fc.constant(ONE));

function atomHolds(a: NonNullable<ReturnType<typeof patternAtom>>, s: string): boolean {
  switch (a.kind) {
    case 'eq':
      return s === a.lit;
    case 'starts':
      return s.startsWith(a.lit);
    case 'ends':
      return s.endsWith(a.lit);
    case 'contains':
      return s.includes(a.lit);
  }
}

describe('guards', () => {
  it('a wildcard pattern that matches a text implies its atom', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), text, text, (parts, pre, post) => {
        const pattern = normalize(parts);
        const atom = patternAtom(0, pattern);
        const test = compileAlternatives([pattern], false);
        // texts built to match often: the literals of the pattern with random filling
        const built = pattern.map((p) => (p === ANY ? pre : p === ONE ? 'z' : p)).join('');
        for (const s of [built, pre + built + post, pre, post].map((x) => x.toLowerCase())) {
          if (test(s) && atom) expect(atomHolds(atom, s)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('regex required literals occur in every text the regex matches', () => {
    const cases: [string, string[]][] = [
      ['ipconfig\\s+/all', ['IPCONFIG   /ALL', 'ipconfig /all']],
      ['ping\\s+-n.{6,64}echo EEEE\\s?>', ['ping -n 1 127.0.0.1 & echo EEEE >x']],
      ['(?:foo|bar)baz+qux', ['foobazzzqux', 'barbazqux']],
      ['abc|defg', ['xxabc', 'defg']],
      ['a\\.b?cde', ['a.cde', 'a.bcde']],
    ];
    for (const [re, samples] of cases) {
      const t = translateRegex(re, { i: true });
      const lits = requiredLiterals(t.source);
      expect(lits, re).not.toBeNull();
      const rx = new RegExp(t.source, t.flags);
      for (const s of samples) {
        expect(rx.test(s), `${re} on ${s}`).toBe(true);
        expect(lits?.some((l) => s.toLowerCase().includes(l)), `${re}: ${lits?.join('|')} in ${s}`).toBe(true);
      }
    }
    expect(requiredLiterals(translateRegex('.{1000,}', {}).source)).toBeNull();
    expect(requiredLiterals(translateRegex('a(b|c)d', {}).source)).toBeNull();
  });
});
