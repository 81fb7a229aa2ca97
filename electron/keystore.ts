/**
 * "Remember on this device": the vault key encrypted with the OS keystore
 * through Electron safeStorage (Keychain, DPAPI, libsecret/kwallet), one
 * file per vault in <userData>/keystore/<vaultId>.bin, mode 0600.
 * On Linux the 'basic_text' backend (a hard-coded password) is not a
 * keystore: remembering is then reported unavailable.
 * The storage is injected so this module can be tested without Electron.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from '../main/engine/types';

/** The subset of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

const VAULT_ID = /^[A-Za-z0-9_-]{1,128}$/;
const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function createKeyStore(dir: string, storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyStore {
  const fileOf = (vaultId: string): string => {
    if (!VAULT_ID.test(vaultId)) throw new Error('Invalid vault id for the keystore');
    return join(dir, `${vaultId}.bin`);
  };

  const available = (): boolean => {
    if (!storage.isEncryptionAvailable()) return false;
    if (platform !== 'linux') return true;
    const backend = storage.getSelectedStorageBackend?.() ?? 'unknown';
    return !INSECURE_LINUX_BACKENDS.has(backend);
  };

  return {
    available,
    save(vaultId, key) {
      if (!available()) throw new Error('No secure OS keystore is available on this device');
      const file = fileOf(vaultId);
      const blob = storage.encryptString(key.toString('base64'));
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, blob, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    },
    load(vaultId) {
      const file = fileOf(vaultId);
      if (!existsSync(file) || !available()) return null;
      try {
        return Buffer.from(storage.decryptString(readFileSync(file)), 'base64');
      } catch {
        // Keystore reset or blob from another user/device: nothing usable.
        return null;
      }
    },
    forget(vaultId) {
      rmSync(fileOf(vaultId), { force: true });
    },
    has(vaultId) {
      return existsSync(fileOf(vaultId));
    },
  };
}
