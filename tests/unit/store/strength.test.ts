import { describe, expect, it } from 'vitest';
import { checkPassphraseStrength, expandUserInputs } from '../../../main/store/strength';

describe('checkPassphraseStrength', () => {
  it('rejects a common French password with a French warning', () => {
    const s = checkPassphraseStrength('motdepasse');
    expect(s).toMatchObject({ acceptable: false, minLength: 12 });
    expect(s.score).toBeLessThan(3);
    expect(s.warning).toMatch(/couramment utilisé/);
    expect(s.suggestions.length).toBeGreaterThan(0);
  });

  it('rejects keyboard walks (AZERTY included)', () => {
    expect(checkPassphraseStrength('azertyuiop123456').acceptable).toBe(false);
    expect(checkPassphraseStrength('qwertyuiop123456').acceptable).toBe(false);
  });

  it('requires 12 characters even when the score is high enough', () => {
    const s = checkPassphraseStrength('Xk9#qLz!');
    expect(s.acceptable).toBe(false);
    expect(s.suggestions[0]).toMatch(/au moins 12 caractères \(actuellement 8\)/);
  });

  it('accepts a long multi-word passphrase', () => {
    const s = checkPassphraseStrength('Rivière-Lune-Chaton-42-Brume');
    expect(s).toMatchObject({ score: 4, acceptable: true, warning: '' });
  });

  it('penalises user inputs such as the operator name', () => {
    const without = checkPassphraseStrength('marceldupont2024');
    const withName = checkPassphraseStrength('marceldupont2024', ['Marcel Dupont']);
    expect(without.acceptable).toBe(true);
    expect(withName.score).toBeLessThan(without.score);
    expect(withName.acceptable).toBe(false);
  });

  it('scores an empty passphrase 0', () => {
    expect(checkPassphraseStrength('')).toEqual({ score: 0, acceptable: false, warning: '', suggestions: [], minLength: 12 });
  });

  it('counts characters, not UTF-16 units or decomposed accents', () => {
    const s = checkPassphraseStrength('éééééééééé'.normalize('NFD'));
    expect(s.suggestions[0]).toMatch(/actuellement 10/);
  });
});

describe('expandUserInputs', () => {
  it('splits names into words and glued forms', () => {
    expect(expandUserInputs(['Jeanne Lefebvre-Martin', '  ', 'CHU'])).toEqual([
      'jeanne lefebvre-martin', 'jeanne', 'lefebvre', 'martin', 'jeannelefebvremartin', 'chu',
    ]);
  });
});
