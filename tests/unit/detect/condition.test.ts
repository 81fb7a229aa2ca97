import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../../main/detect/sigma/condition';
import { compileOne, ev, rejectionOf } from './helpers';

const sels = {
  selection_a: { A: 'x' },
  selection_b: { B: 'y' },
  filter_c: { C: 'z' },
  _hidden: { H: 'h' },
};
const cond = (c: string | string[]) => compileOne({ ...sels, condition: c });
const has = (...fields: string[]) => ev(Object.fromEntries(fields.map((f) => [f, { A: 'x', B: 'y', C: 'z', H: 'h' }[f]])));

describe('condition parser', () => {
  it('honours precedence: or < and < not', () => {
    expect(parseCondition('a or b and not c')).toEqual({
      t: 'or',
      items: [{ t: 'id', name: 'a' }, { t: 'and', items: [{ t: 'id', name: 'b' }, { t: 'not', item: { t: 'id', name: 'c' } }] }],
    });
    expect(parseCondition('(a or b) and c')).toEqual({
      t: 'and',
      items: [{ t: 'or', items: [{ t: 'id', name: 'a' }, { t: 'id', name: 'b' }] }, { t: 'id', name: 'c' }],
    });
    expect(parseCondition('1 of sel* AND NOT all of filter*')).toEqual({
      t: 'and',
      items: [{ t: 'of', all: false, pattern: 'sel*' }, { t: 'not', item: { t: 'of', all: true, pattern: 'filter*' } }],
    });
  });

  it('rejects syntax errors and Sigma 1 constructs with precise codes', () => {
    expect(rejectionOf({ s: { A: 1 }, condition: 's and' })?.code).toBe('condition-invalid');
    expect(rejectionOf({ s: { A: 1 }, condition: '(s' })?.code).toBe('condition-invalid');
    expect(rejectionOf({ s: { A: 1 }, condition: 's | count() > 5' })).toMatchObject({ code: 'condition-unsupported', reason: expect.stringContaining('correlation') });
    expect(rejectionOf({ s: { A: 1 }, condition: 's near t' })?.code).toBe('condition-unsupported');
    expect(rejectionOf({ s: { A: 1 }, condition: '2 of s*' })?.code).toBe('condition-unsupported');
    expect(rejectionOf({ s: { A: 1 }, condition: 'missing' })).toMatchObject({ code: 'condition-invalid', reason: expect.stringContaining('"missing" is not defined') });
    expect(rejectionOf({ s: { A: 1 }, condition: '1 of nothing*' })?.reason).toContain('matches no search identifier');
    expect(rejectionOf({ s: { A: 1 }, timeframe: '5m', condition: 's' })?.code).toBe('condition-unsupported');
  });
});

describe('condition forms', () => {
  it('and / or / not / parentheses', () => {
    const m = cond('selection_a and (selection_b or filter_c) and not _hidden');
    expect(m(has('A', 'B'))).toBe(true);
    expect(m(has('A', 'C'))).toBe(true);
    expect(m(has('A'))).toBe(false);
    expect(m(has('A', 'B', 'H'))).toBe(false);
  });

  it('1 of / all of a wildcard pattern', () => {
    expect(cond('1 of selection_*')(has('B'))).toBe(true);
    expect(cond('1 of selection_*')(has('C'))).toBe(false);
    expect(cond('all of selection_*')(has('A', 'B'))).toBe(true);
    expect(cond('all of selection_*')(has('A'))).toBe(false);
    expect(cond('any of selection_*')(has('A'))).toBe(true);
    expect(cond('all of sel*_*')(has('A', 'B'))).toBe(true);
    expect(cond('1 of *_c')(has('C'))).toBe(true);
  });

  it('1 of them / all of them skip identifiers starting with _', () => {
    expect(cond('1 of them')(has('H'))).toBe(false);
    expect(cond('1 of them')(has('C'))).toBe(true);
    expect(cond('all of them')(has('A', 'B', 'C'))).toBe(true);
    expect(cond('all of them')(has('A', 'B'))).toBe(false);
  });

  it('a list of conditions is OR', () => {
    const m = cond(['selection_a', 'filter_c']);
    expect(m(has('C'))).toBe(true);
    expect(m(has('B'))).toBe(false);
  });

  it('search identifiers: map = AND, list of maps = OR', () => {
    const m = compileOne({ sel: [{ A: 'x', B: 'y' }, { C: 'z' }], condition: 'sel' });
    expect(m(has('A', 'B'))).toBe(true);
    expect(m(has('C'))).toBe(true);
    expect(m(has('A'))).toBe(false);
  });

  it('keyword identifiers combine with field selections', () => {
    const m = compileOne({ kw: ['mimikatz'], sel: { A: 'x' }, condition: 'kw and not sel' });
    expect(m(ev({}, { message: 'running MIMIKATZ' }))).toBe(true);
    expect(m(ev({ A: 'x' }, { message: 'running mimikatz' }))).toBe(false);
  });
});
