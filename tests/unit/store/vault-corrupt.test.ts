import { randomBytes } from 'node:crypto';
import { copyFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db, OPEN_CREATE, OPEN_READWRITE } from '../../../main/store/db';
import { pageGeometry } from '../../../main/store/cipher';
import { createVault, openVault, vaultState } from '../../../main/store/vault';
import { FAST_KDF, lockedVault, newVault, PASS, rejection, snapshot, track } from './fixtures';

const dbFile = (dir: string) => path.join(dir, 'vault.db');
const metaFile = (dir: string) => path.join(dir, 'vault.meta.json');

/** A closed vault big enough to span many pages. */
async function biggerVault(): Promise<string> {
  const v = await newVault();
  const rows = Array.from({ length: 3000 }, (_, i) => [
    i * 1000, i * 1000, 'sri.auth', 'SRI', 1, 'authentication', 'login', 'success', `msg ${i}`, `raw ${i}`, `fp-${i}`,
  ]);
  const cols = ['ts', 'ingested', 'dataset', 'service', 'severity', 'category', 'action', 'outcome', 'message', 'original', 'fingerprint'];
  await v.db.insertMany('events', cols, rows);
  await v.db.close();
  return v.dir;
}

/** Opening must fail with `code`, and leave every file byte-identical with no -wal/-shm left behind. */
async function expectRefusedUntouched(dir: string, code: string): Promise<{ message: string; details?: unknown }> {
  const before = await snapshot(dir);
  const err = await rejection(openVault(dir, PASS));
  expect(err.code).toBe(code);
  expect(await snapshot(dir)).toEqual(before);
  return err;
}

describe('healthy vault.db', () => {
  it('opens without a full quick_check: the header page geometry matches the file size', async () => {
    const dir = await biggerVault();
    const seen: string[] = [];
    const all = Db.prototype.all;
    Db.prototype.all = function (this: Db, sql: string, ...rest: unknown[]) {
      seen.push(sql);
      return (all as (...a: unknown[]) => Promise<unknown[]>).call(this, sql, ...rest);
    } as typeof all;
    try {
      const { db, key } = await openVault(dir, PASS);
      key.fill(0);
      const { pageSize, pageCount } = await pageGeometry(db);
      await db.close();
      expect(pageSize).toBe(4096);
      expect(pageSize * pageCount).toBe((await readFile(dbFile(dir))).length);
    } finally {
      Db.prototype.all = all;
    }
    expect(seen.filter((sql) => /quick_check|integrity_check/.test(sql))).toEqual([]);
  });
});

describe('damaged vault.db (right passphrase)', () => {
  it('random bytes → VAULT_CORRUPT', async () => {
    const dir = await lockedVault();
    const size = (await readFile(dbFile(dir))).length;
    await writeFile(dbFile(dir), randomBytes(size));
    const err = await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
    expect(err.message).toMatch(/vault\.db ne peut pas être déchiffré/);
    expect(err.details).toMatchObject({ reason: 'not-a-database' });
  });

  it('one flipped byte in page 1 (HMAC mismatch) → VAULT_CORRUPT', async () => {
    const dir = await lockedVault();
    const raw = await readFile(dbFile(dir));
    raw[200] ^= 0xff;
    await writeFile(dbFile(dir), raw);
    await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
  });

  it('truncated to a whole number of pages → VAULT_CORRUPT', async () => {
    const dir = await biggerVault();
    const size = (await readFile(dbFile(dir))).length;
    expect(size).toBeGreaterThan(20 * 4096);
    await truncate(dbFile(dir), Math.floor(size / 2 / 4096) * 4096);
    const err = await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
    expect(err.message).toMatch(/vault\.db est endommagé/);
    expect(err.details).toMatchObject({ reason: 'damaged' });
  });

  it('truncated mid-page → VAULT_CORRUPT', async () => {
    const dir = await biggerVault();
    const size = (await readFile(dbFile(dir))).length;
    await truncate(dbFile(dir), size - 100);
    await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
  });

  it('truncated inside page 1 → VAULT_CORRUPT', async () => {
    const dir = await lockedVault();
    await truncate(dbFile(dir), 100);
    await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
  });

  it('empty file → VAULT_CORRUPT (never initialised as a new database)', async () => {
    const dir = await lockedVault();
    await truncate(dbFile(dir), 0);
    await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
  });

  it('a plain (unencrypted) SQLite file → VAULT_CORRUPT', async () => {
    const dir = await lockedVault();
    await rm(dbFile(dir));
    const plain = await Db.open(dbFile(dir), OPEN_READWRITE | OPEN_CREATE);
    await plain.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x'); PRAGMA user_version = 2");
    await plain.close();
    expect((await readFile(dbFile(dir))).subarray(0, 15).toString()).toBe('SQLite format 3');
    await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
  });

  it("another vault's database next to this meta file → VAULT_CORRUPT", async () => {
    const dir = await lockedVault();
    const other = await lockedVault();
    await copyFile(dbFile(other), dbFile(dir));
    await expectRefusedUntouched(dir, 'VAULT_CORRUPT');
  });
});

describe('missing or malformed files', () => {
  it('vault.db without meta → VAULT_CORRUPT everywhere, never overwritten by createVault', async () => {
    const dir = await lockedVault();
    await rm(metaFile(dir));
    const before = await snapshot(dir);
    expect((await rejection(vaultState(dir))).code).toBe('VAULT_CORRUPT');
    const err = await rejection(openVault(dir, PASS));
    expect(err.code).toBe('VAULT_CORRUPT');
    expect(err.message).toMatch(/vault\.meta\.json est absent/);
    expect((await rejection(createVault(dir, PASS, { kdf: FAST_KDF }))).code).toBe('VAULT_EXISTS');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('meta without vault.db → VAULT_CORRUPT, never overwritten by createVault', async () => {
    const dir = await lockedVault();
    await rm(dbFile(dir));
    const before = await snapshot(dir);
    expect((await rejection(vaultState(dir))).code).toBe('VAULT_CORRUPT');
    expect((await rejection(openVault(dir, PASS))).code).toBe('VAULT_CORRUPT');
    expect((await rejection(createVault(dir, PASS, { kdf: FAST_KDF }))).code).toBe('VAULT_EXISTS');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a leftover vault.db-wal alone → VAULT_CORRUPT', async () => {
    const dir = await lockedVault();
    await rm(dbFile(dir));
    await rm(metaFile(dir));
    await writeFile(dbFile(dir) + '-wal', randomBytes(64));
    expect((await rejection(vaultState(dir))).code).toBe('VAULT_CORRUPT');
  });

  const metaVariants: [string, (m: Record<string, unknown>) => unknown, string][] = [
    ['not JSON', () => '{ "format": "vigie-vault", ', 'VAULT_CORRUPT'],
    ['a JSON array', () => [], 'VAULT_CORRUPT'],
    ['wrong format', (m) => ({ ...m, format: 'other' }), 'VAULT_CORRUPT'],
    ['no keyCheck', (m) => ({ ...m, keyCheck: undefined }), 'VAULT_CORRUPT'],
    ['unknown KDF', (m) => ({ ...m, kdf: { ...(m.kdf as object), alg: 'pbkdf2' } }), 'VAULT_CORRUPT'],
    ['absurd KDF memory', (m) => ({ ...m, kdf: { ...(m.kdf as object), memoryKiB: 2 ** 40 } }), 'VAULT_CORRUPT'],
    ['short salt', (m) => ({ ...m, kdf: { ...(m.kdf as object), salt: 'AAAA' } }), 'VAULT_CORRUPT'],
    ['bad vaultId', (m) => ({ ...m, vaultId: '../../etc' }), 'VAULT_CORRUPT'],
    ['newer format version', (m) => ({ ...m, formatVersion: 2 }), 'VAULT_TOO_NEW'],
  ];
  for (const [name, mutate, code] of metaVariants) {
    it(`meta ${name} → ${code}`, async () => {
      const dir = await lockedVault();
      const meta = JSON.parse(await readFile(metaFile(dir), 'utf8')) as Record<string, unknown>;
      const next = mutate(meta);
      await writeFile(metaFile(dir), typeof next === 'string' ? next : JSON.stringify(next));
      await expectRefusedUntouched(dir, code);
    });
  }
});

describe('schema from a newer Vigie', () => {
  it('user_version 99 → VAULT_TOO_NEW, closed untouched', async () => {
    const v = await newVault();
    await v.db.exec('PRAGMA user_version = 99');
    await v.db.close();
    const err = await expectRefusedUntouched(v.dir, 'VAULT_TOO_NEW');
    expect(err.message).toMatch(/Ce coffre a été créé par une version plus récente de Vigie/);
    expect(Object.keys(await snapshot(v.dir))).toEqual(['vault.db', 'vault.meta.json']);
  });

  it('user_version 0 (no Vigie schema) → VAULT_CORRUPT', async () => {
    const v = await newVault();
    await v.db.exec('PRAGMA user_version = 0');
    await v.db.close();
    await expectRefusedUntouched(v.dir, 'VAULT_CORRUPT');
  });

  it('a vault left with a -wal after a crash still opens with its data', async () => {
    const v = await newVault();
    await v.db.exec('PRAGMA wal_autocheckpoint = 0');
    await v.db.run("INSERT INTO settings (key, value) VALUES ('crash', 'survived')");
    // Copy the files while the connection is open: a snapshot of a crashed process.
    const crashed = await lockedVault();
    await rm(dbFile(crashed));
    for (const f of ['vault.db', 'vault.db-wal', 'vault.meta.json']) {
      await copyFile(path.join(v.dir, f), path.join(crashed, f));
    }
    const opened = track(await openVault(crashed, PASS));
    expect(await opened.db.get("SELECT value FROM settings WHERE key = 'crash'")).toEqual({ value: 'survived' });
  });
});
