import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db, OPEN_CREATE, OPEN_READWRITE } from '../../../main/store/db';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations';
import { createVault, openVault, openVaultWithKey, readVaultMeta, vaultState } from '../../../main/store/vault';
import { FAST_KDF, lockedVault, newVault, PASS, rejection, snapshot, tempDir, track } from './fixtures';

describe('createVault', () => {
  it('creates vault.db + vault.meta.json, migrated to the latest schema, in WAL mode', async () => {
    const { db, key, meta, dir } = await newVault();
    expect(await vaultState(dir)).toBe('present');
    expect((await readdir(dir)).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm')).sort()).toEqual([
      'vault.db',
      'vault.meta.json',
    ]);
    expect(key).toHaveLength(32);
    expect(meta).toMatchObject({ format: 'vigie-vault', formatVersion: 1, kdf: { alg: 'argon2id', ...FAST_KDF } });
    expect(meta.vaultId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(meta.kdf.salt, 'base64')).toHaveLength(16);
    expect(await readVaultMeta(dir)).toEqual(meta);
    expect((await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(LATEST_SCHEMA_VERSION);
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('writes both files with mode 0600', async () => {
    const { dir } = await newVault();
    for (const f of ['vault.db', 'vault.meta.json']) {
      expect((await stat(path.join(dir, f))).mode & 0o777).toBe(0o600);
    }
  });

  it('creates the folder when it does not exist yet', async () => {
    const dir = path.join(await tempDir(), 'nested', 'data');
    expect(await vaultState(dir)).toBe('absent');
    await newVault(dir);
    expect(await vaultState(dir)).toBe('present');
  });

  it('refuses (VAULT_EXISTS) to create over an existing vault, leaving it untouched', async () => {
    const dir = await lockedVault();
    const before = await snapshot(dir);
    const err = await rejection(createVault(dir, PASS, { kdf: FAST_KDF, skipStrengthCheck: true }));
    expect(err.code).toBe('VAULT_EXISTS');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a weak passphrase (WEAK_PASSPHRASE) and writes nothing', async () => {
    const dir = await tempDir();
    for (const weak of ['motdepasse', 'Xk9#qLz!', 'azertyuiop123456']) {
      const err = await rejection(createVault(dir, weak, { kdf: FAST_KDF }));
      expect(err.code).toBe('WEAK_PASSPHRASE');
      expect(err.details).toMatchObject({ acceptable: false, minLength: 12 });
    }
    expect(await readdir(dir)).toEqual([]);
    expect(await vaultState(dir)).toBe('absent');
  });

  it('penalises the operator name given as user input', async () => {
    const err = await rejection(
      createVault(await tempDir(), 'marceldupont2024', { kdf: FAST_KDF, userInputs: ['Marcel Dupont'] }),
    );
    expect(err.code).toBe('WEAK_PASSPHRASE');
  });

  it('accepts a strong passphrase without skipStrengthCheck', async () => {
    const dir = await tempDir();
    track(await createVault(dir, PASS, { kdf: FAST_KDF }));
    expect(await vaultState(dir)).toBe('present');
  });
});

describe('openVault', () => {
  it('opens with the right passphrase and derives the same key', async () => {
    const created = await newVault();
    const key = Buffer.from(created.key);
    await created.db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['k', 'v']);
    await created.db.close();
    const opened = track(await openVault(created.dir, PASS));
    expect(opened.key.equals(key)).toBe(true);
    expect(opened.meta.vaultId).toBe(created.meta.vaultId);
    expect(await opened.db.get('SELECT value FROM settings WHERE key = ?', ['k'])).toEqual({ value: 'v' });
  });

  it('refuses a wrong passphrase without changing any byte or leaving -wal/-shm files', async () => {
    const dir = await lockedVault();
    const before = await snapshot(dir);
    const err = await rejection(openVault(dir, PASS + 'x'));
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(err.message).toMatch(/Phrase de passe incorrecte/);
    expect(await snapshot(dir)).toEqual(before);
    expect(Object.keys(before)).toEqual(['vault.db', 'vault.meta.json']);
  });

  it('treats NFC and NFD spellings of an accented passphrase as the same passphrase', async () => {
    const nfc = 'Éléphant-Rivière-Forêt-Été'.normalize('NFC');
    const dir = await lockedVault(nfc);
    track(await openVault(dir, nfc.normalize('NFD')));
  });

  it('lock = close; reopening works and keeps the data', async () => {
    const v = await newVault();
    await v.db.run("INSERT INTO audit_log (ts, actor, action) VALUES (1, 'a', 'x')");
    await v.db.close();
    await expect(v.db.get('SELECT 1')).rejects.toThrow(/closed/);
    const again = track(await openVault(v.dir, PASS));
    expect(await again.db.get('SELECT count(*) AS n FROM audit_log')).toEqual({ n: 1 });
    await again.db.close();
    expect((await readdir(v.dir)).sort()).toEqual(['vault.db', 'vault.meta.json']);
  });

  it('says VAULT_ABSENT for an empty folder', async () => {
    expect((await rejection(openVault(await tempDir(), PASS))).code).toBe('VAULT_ABSENT');
  });
});

describe('openVaultWithKey (remembered key)', () => {
  it('opens with the key returned at creation', async () => {
    const v = await newVault();
    const key = Buffer.from(v.key);
    await v.db.close();
    const opened = track(await openVaultWithKey(v.dir, key));
    expect(opened.meta.vaultId).toBe(v.meta.vaultId);
    expect(await opened.db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 0 });
  });

  it('refuses a key that does not match (WRONG_PASSPHRASE), touching nothing', async () => {
    const dir = await lockedVault();
    const before = await snapshot(dir);
    expect((await rejection(openVaultWithKey(dir, Buffer.alloc(32, 7)))).code).toBe('WRONG_PASSPHRASE');
    expect((await rejection(openVaultWithKey(dir, Buffer.alloc(5)))).code).toBe('WRONG_PASSPHRASE');
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('encryption at rest', () => {
  const MARKER = 'PATIENT-MARKER-7f3a9c-Dupont';

  it('the raw file holds neither the SQLite header nor an inserted string', async () => {
    const v = await newVault();
    await v.db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['marker', MARKER.repeat(20)]);
    await v.db.close();
    const raw = await readFile(path.join(v.dir, 'vault.db'));
    expect(raw.length).toBeGreaterThan(4096);
    expect(raw.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(raw.includes(Buffer.from(MARKER))).toBe(false);
    expect((await readFile(path.join(v.dir, 'vault.meta.json'), 'utf8')).includes(MARKER)).toBe(false);
  });

  it('control: the same check does find the string in an unencrypted SQLite file', async () => {
    const file = path.join(await tempDir(), 'plain.db');
    const db = await Db.open(file, OPEN_READWRITE | OPEN_CREATE);
    await db.exec('CREATE TABLE t (v TEXT)');
    await db.run('INSERT INTO t VALUES (?)', [MARKER]);
    await db.close();
    const raw = await readFile(file);
    expect(raw.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(raw.includes(Buffer.from(MARKER))).toBe(true);
  });
});
