import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KDF_COST,
  deriveKey,
  kdfParamsProblem,
  keyCheck,
  keyMatches,
  newKdfParams,
} from '../../../main/store/kdf';
import { FAST_KDF } from './fixtures';

describe('kdf', () => {
  it('defaults to Argon2id m=64 MiB, t=3, p=1 with a fresh 16-byte salt', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(DEFAULT_KDF_COST).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(a).toMatchObject({ alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
  });

  it('is deterministic and pinned: the same inputs must give the same key in every future version', async () => {
    const params = { alg: 'argon2id' as const, ...FAST_KDF, salt: Buffer.alloc(16, 1).toString('base64') };
    const k1 = await deriveKey('vigie', params);
    expect(k1.toString('hex')).toBe('57b962c1459bb4811977359b48113db031ca3d74762f81b6f440e1a98feaa20a');
    const strong = await deriveKey('Forêt-Été', { ...params, ...DEFAULT_KDF_COST });
    expect(strong.toString('hex')).toBe('e64ca0698eea5a5f4157db94f921d97c9b7c18dcf69c137c0a130322aeabe02d');
    const k2 = await deriveKey('vigie', params);
    expect(k1.equals(k2)).toBe(true);
    expect(k1.equals(await deriveKey('vigiE', params))).toBe(false);
    expect(k1.equals(await deriveKey('vigie', { ...params, salt: Buffer.alloc(16, 2).toString('base64') }))).toBe(false);
    expect(k1.equals(await deriveKey('vigie', { ...params, iterations: 2 }))).toBe(false);
  });

  it('normalises the passphrase to NFC', async () => {
    const params = newKdfParams(FAST_KDF);
    const nfc = await deriveKey('Forêt-Été'.normalize('NFC'), params);
    const nfd = await deriveKey('Forêt-Été'.normalize('NFD'), params);
    expect(nfc.equals(nfd)).toBe(true);
  });

  it('rejects parameters out of bounds', async () => {
    const ok = newKdfParams(FAST_KDF);
    expect(kdfParamsProblem(ok)).toBeNull();
    expect(kdfParamsProblem({ ...ok, memoryKiB: 512 })).toMatch(/memoryKiB/);
    expect(kdfParamsProblem({ ...ok, iterations: 0 })).toMatch(/iterations/);
    expect(kdfParamsProblem({ ...ok, parallelism: 1.5 })).toMatch(/parallelism/);
    expect(kdfParamsProblem({ ...ok, alg: 'scrypt' })).toMatch(/algorithm/);
    expect(kdfParamsProblem({ ...ok, salt: 'c2hvcnQ=' })).toMatch(/16 bytes/);
    expect(kdfParamsProblem(null)).toMatch(/object/);
    expect(() => newKdfParams({ memoryKiB: 10 })).toThrow(/Invalid KDF/);
    await expect(deriveKey('x', { ...ok, memoryKiB: 2 ** 40 })).rejects.toThrow(/Invalid KDF/);
  });

  it('key check is HMAC-SHA256(key, "vigie-key-check") and compares in constant time', () => {
    const key = Buffer.alloc(32, 9);
    const check = keyCheck(key);
    expect(check).toMatch(/^[0-9a-f]{64}$/);
    expect(check).toBe(createHmac('sha256', key).update('vigie-key-check').digest('hex'));
    expect(keyMatches(key, check)).toBe(true);
    expect(keyMatches(Buffer.alloc(32, 8), check)).toBe(false);
    expect(keyMatches(key, 'not-hex')).toBe(false);
    expect(keyMatches(key, check.toUpperCase())).toBe(false);
  });
});
