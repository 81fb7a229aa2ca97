import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyStore, type SafeStorageLike } from '../../../electron/keystore';

/** Reversible stand-in for safeStorage: XOR with a per-"device" byte. */
function fakeStorage(backend = 'gnome_libsecret', available = true, device = 0x5a): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ device));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(s, 'utf8'))]),
    decryptString: (b) => {
      if (b.subarray(0, 3).toString() !== 'v10') throw new Error('bad blob');
      const s = xor(b.subarray(3)).toString('utf8');
      if (!/^[A-Za-z0-9+/=]*$/.test(s)) throw new Error('wrong key');
      return s;
    },
    getSelectedStorageBackend: () => backend,
  };
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigie-keystore-'));
  dirs.push(d);
  return join(d, 'keystore');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('keystore', () => {
  it('round-trips a key, encrypted at rest, file mode 0600', () => {
    const dir = tempDir();
    const ks = createKeyStore(dir, fakeStorage(), 'linux');
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    expect(ks.available()).toBe(true);
    expect(ks.has('vault-1')).toBe(false);
    expect(ks.load('vault-1')).toBeNull();
    ks.save('vault-1', key);
    expect(ks.has('vault-1')).toBe(true);
    expect(ks.load('vault-1')?.equals(key)).toBe(true);
    const file = join(dir, 'vault-1.bin');
    expect(readFileSync(file).includes(key.toString('base64'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    ks.forget('vault-1');
    expect(ks.has('vault-1')).toBe(false);
    ks.forget('vault-1');
  });

  it('reports the Linux basic_text backend and missing encryption as unavailable', () => {
    expect(createKeyStore(tempDir(), fakeStorage('basic_text'), 'linux').available()).toBe(false);
    expect(createKeyStore(tempDir(), fakeStorage('unknown'), 'linux').available()).toBe(false);
    expect(createKeyStore(tempDir(), fakeStorage('kwallet6'), 'linux').available()).toBe(true);
    expect(createKeyStore(tempDir(), fakeStorage('basic_text'), 'darwin').available()).toBe(true);
    const off = createKeyStore(tempDir(), fakeStorage('gnome_libsecret', false), 'win32');
    expect(off.available()).toBe(false);
    expect(() => off.save('v', Buffer.alloc(32))).toThrow(/keystore/);
  });

  it('returns null for a blob the OS keystore cannot decrypt', () => {
    const dir = tempDir();
    createKeyStore(dir, fakeStorage(), 'linux').save('v', Buffer.alloc(32, 1));
    expect(createKeyStore(dir, fakeStorage('gnome_libsecret', true, 0x33), 'linux').load('v')).toBeNull();
    writeFileSync(join(dir, 'v.bin'), 'garbage');
    expect(createKeyStore(dir, fakeStorage(), 'linux').load('v')).toBeNull();
  });

  it('refuses vault ids that could escape the folder', () => {
    const ks = createKeyStore(tempDir(), fakeStorage(), 'linux');
    for (const id of ['../x', 'a/b', '', 'a'.repeat(129), 'a\\b', '.']) {
      expect(() => ks.has(id)).toThrow(/vault id/);
    }
  });
});
