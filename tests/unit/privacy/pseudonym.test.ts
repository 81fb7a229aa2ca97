import { afterEach, describe, expect, it } from 'vitest';
import { base32 } from '../../../main/privacy/base32';
import {
  normaliseIdentifier, PSEUDONYM_KEY_SETTING, PSEUDONYM_PATTERN, Pseudonymiser,
} from '../../../main/privacy/pseudonym';
import { openTempVault } from '../events/vault-fixture';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function vault() {
  const v = await openTempVault();
  cleanups.push(v.dispose);
  return v;
}

describe('base32', () => {
  it('matches the RFC 4648 test vectors (without padding)', () => {
    const enc = (s: string) => base32(Buffer.from(s, 'ascii'));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('MY');
    expect(enc('fo')).toBe('MZXQ');
    expect(enc('foo')).toBe('MZXW6');
    expect(enc('foob')).toBe('MZXW6YQ');
    expect(enc('fooba')).toBe('MZXW6YTB');
    expect(enc('foobar')).toBe('MZXW6YTBOI');
  });
});

describe('normaliseIdentifier', () => {
  it('trims, removes inner spaces, upper-cases and prefixes the system', () => {
    expect(normaliseIdentifier(' 1 84 09 75 108 123 ', ' ins-nir ')).toBe('INS-NIR|184097510812' + '3');
    expect(normaliseIdentifier('ab12')).toBe('AB12');
    expect(() => normaliseIdentifier('   ')).toThrow();
  });
});

describe('Pseudonymiser', () => {
  it('gives P- + 16 base32 characters, stable for the same input and key', () => {
    const p = Pseudonymiser.fromKey(Buffer.alloc(32, 1));
    const a = p.pseudonymise('1840975108123', 'INS-NIR');
    expect(a).toMatch(PSEUDONYM_PATTERN);
    expect(p.pseudonymise(' 1840975108123 ', 'ins-nir')).toBe(a);
    expect(p.pseudonymise('1840975108124', 'INS-NIR')).not.toBe(a);
    expect(p.pseudonymise('1840975108123', 'IPP')).not.toBe(a);
    expect(p.pseudonymise('1840975108123')).not.toBe(a);
  });

  it('depends on the key', () => {
    const a = Pseudonymiser.fromKey(Buffer.alloc(32, 1)).pseudonymise('1840975108123', 'INS-NIR');
    const b = Pseudonymiser.fromKey(Buffer.alloc(32, 2)).pseudonymise('1840975108123', 'INS-NIR');
    expect(a).not.toBe(b);
  });

  it('does not expose its key when serialised or inspected', () => {
    const key = Buffer.alloc(32, 0xab);
    const p = Pseudonymiser.fromKey(key);
    expect(JSON.stringify({ p })).not.toContain(key.toString('base64'));
    expect(Object.keys(p)).toEqual([]);
  });

  it('creates its key inside the vault on first use and reuses it', async () => {
    const { db } = await vault();
    expect(await db.get('SELECT value FROM settings WHERE key = ?', [PSEUDONYM_KEY_SETTING])).toBeUndefined();
    const p1 = await Pseudonymiser.fromDb(db);
    const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [PSEUDONYM_KEY_SETTING]);
    expect(Buffer.from(row!.value, 'base64')).toHaveLength(32);
    const a = p1.pseudonymise('2750612345678', 'INS-NIR');
    // Same vault, fresh instance (bypassing the cache by loading from the raw key): same pseudonym.
    const p2 = Pseudonymiser.fromKey(Buffer.from(row!.value, 'base64'));
    expect(p2.pseudonymise('2750612345678', 'INS-NIR')).toBe(a);
    expect(await Pseudonymiser.fromDb(db)).toBe(p1);
  });

  it('gives different pseudonyms in different vaults', async () => {
    const v1 = await vault();
    const v2 = await vault();
    const [p1, p2] = await Promise.all([Pseudonymiser.fromDb(v1.db), Pseudonymiser.fromDb(v2.db)]);
    expect(p1.pseudonymise('2750612345678', 'INS-NIR')).not.toBe(p2.pseudonymise('2750612345678', 'INS-NIR'));
  });

  it('refuses a damaged key', async () => {
    const { db } = await vault();
    await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', [PSEUDONYM_KEY_SETTING, 'c2hvcnQ=']);
    await expect(Pseudonymiser.fromDb(db)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });
});
