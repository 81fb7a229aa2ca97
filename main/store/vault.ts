import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { VigieError } from '../api/errors';
import { configureConnection, fileSize, openKeyed, verifyReadable } from './cipher';
import type { Db } from './db';
import { deriveKey, KEY_BYTES, keyCheck, keyMatches, newKdfParams, type KdfCost } from './kdf';
import {
  corrupt,
  exists,
  readVaultMeta,
  SIDE_SUFFIXES,
  syncDir,
  VAULT_DB,
  VAULT_FORMAT,
  VAULT_FORMAT_VERSION,
  VAULT_META,
  vaultPaths,
  vaultState,
  writeVaultMeta,
  type VaultMeta,
} from './meta';
import { migrate, readSchemaVersion, tooNewError } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { checkPassphraseStrength } from './strength';

/**
 * A vault is a folder holding `vault.db` (SQLCipher) and `vault.meta.json`
 * (KDF parameters + key check). This module creates and opens it; locking is
 * simply `db.close()` and dropping (zeroing) the key.
 *
 * Opening never modifies a vault it refuses: a wrong passphrase is caught by
 * the key check before the database file is even opened; a foreign, damaged
 * or newer vault is only read, then closed (no -wal/-shm left behind).
 */

export { readVaultMeta, vaultState, VAULT_DB, VAULT_META, type VaultMeta };

export interface CreateVaultOptions {
  /** Argon2id cost; defaults to 64 MiB / 3 passes / 1 lane. Tests pass cheap values. */
  kdf?: Partial<KdfCost>;
  /** Tests only: accept a passphrase the strength estimator rejects. */
  skipStrengthCheck?: boolean;
  /** Penalised by the strength check (operator name, structure…). */
  userInputs?: string[];
}

export interface OpenedVault {
  db: Db;
  /** The derived 32-byte key; the caller owns it (remember it in the KeyStore or zero it). */
  key: Buffer;
  meta: VaultMeta;
}

const CREATING_SUFFIX = '.creating';

export async function createVault(dir: string, passphrase: string, opts: CreateVaultOptions = {}): Promise<OpenedVault> {
  const p = vaultPaths(dir);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await refuseExisting(dir);
  if (!opts.skipStrengthCheck) {
    const strength = checkPassphraseStrength(passphrase, opts.userInputs ?? []);
    if (!strength.acceptable) {
      throw new VigieError(
        'WEAK_PASSPHRASE',
        `Phrase de passe trop faible : au moins ${strength.minLength} caractères et un score de 3 sur 4 sont requis.`,
        strength,
      );
    }
  }
  const kdf = newKdfParams(opts.kdf);
  const key = await deriveKey(passphrase, kdf);
  const meta: VaultMeta = {
    format: VAULT_FORMAT,
    formatVersion: VAULT_FORMAT_VERSION,
    vaultId: randomUUID(),
    kdf,
    keyCheck: keyCheck(key),
    createdAt: new Date().toISOString(),
  };

  // Build the database under a temporary name, then publish it: vault.db first, vault.meta.json last,
  // so a meta file always denotes a complete vault. Anything created here is removed on failure.
  const tmp = p.db + CREATING_SUFFIX;
  await removeWithSideFiles(tmp); // leftover of an interrupted creation: never a published vault
  let published = false;
  try {
    await (await fs.open(tmp, 'wx', 0o600)).close(); // SQLite then keeps 0600 for -wal/-shm too
    const db = await openKeyed(tmp, key, true);
    try {
      await configureConnection(db);
      await migrate(db, MIGRATIONS);
    } finally {
      await db.close();
    }
    await refuseExisting(dir);
    await fs.rename(tmp, p.db);
    published = true;
    await syncDir(dir);
    await writeVaultMeta(dir, meta);
  } catch (e) {
    await removeWithSideFiles(tmp).catch(() => undefined);
    if (published && !(await exists(p.meta))) await removeWithSideFiles(p.db).catch(() => undefined);
    key.fill(0);
    throw e;
  }
  try {
    return { db: await openWithVerifiedKey(dir, key), key, meta };
  } catch (e) {
    key.fill(0);
    throw e;
  }
}

/** Passphrase path: meta → Argon2id → key check → database. */
export async function openVault(dir: string, passphrase: string): Promise<OpenedVault> {
  const meta = await requireMeta(dir);
  const key = await deriveKey(passphrase, meta.kdf);
  if (!keyMatches(key, meta.keyCheck)) {
    key.fill(0);
    throw new VigieError('WRONG_PASSPHRASE', 'Phrase de passe incorrecte.');
  }
  try {
    return { db: await openWithVerifiedKey(dir, key), key, meta };
  } catch (e) {
    key.fill(0);
    throw e;
  }
}

/** Remembered-key path (the host's KeyStore supplies the key). The caller keeps ownership of `key`. */
export async function openVaultWithKey(dir: string, key: Buffer): Promise<{ db: Db; meta: VaultMeta }> {
  const meta = await requireMeta(dir);
  if (key.length !== KEY_BYTES || !keyMatches(key, meta.keyCheck)) {
    throw new VigieError('WRONG_PASSPHRASE', 'La clé mémorisée ne correspond pas à ce coffre : saisissez la phrase de passe.');
  }
  return { db: await openWithVerifiedKey(dir, key), meta };
}

// ---------------------------------------------------------------------------------------------

async function requireMeta(dir: string): Promise<VaultMeta> {
  if ((await vaultState(dir)) === 'absent') {
    throw new VigieError('VAULT_ABSENT', 'Aucun coffre dans ce dossier.', { dir });
  }
  const meta = await readVaultMeta(dir);
  if (!meta) throw corrupt(`${VAULT_META} a disparu pendant l’ouverture.`, { reason: 'meta-missing' });
  return meta;
}

/**
 * The key matches the meta file; now the database: open READWRITE without CREATE, key, prove it decrypts
 * and is whole, check the schema version, and only then switch on WAL and migrate.
 */
async function openWithVerifiedKey(dir: string, key: Buffer): Promise<Db> {
  const { db: file } = vaultPaths(dir);
  const stat = await fs.lstat(file);
  if (!stat.isFile() || stat.size === 0) {
    throw corrupt(`${VAULT_DB} est vide ou n’est pas un fichier.`, {
      reason: 'not-a-database',
      technical: `${file}: ${stat.isFile() ? 'empty file' : 'not a regular file'}`,
    });
  }
  const walHadFrames = (await fileSize(file + '-wal')) > 32; // 32 = WAL header without any frame
  let db: Db;
  try {
    db = await openKeyed(file, key, false);
  } catch (e) {
    throw new VigieError('UNAVAILABLE', `Impossible d’ouvrir ${VAULT_DB} (droits d’accès ou fichier verrouillé ?).`, {
      technical: (e as Error).message,
    });
  }
  try {
    await verifyReadable(db, file, walHadFrames);
    const version = await readSchemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw tooNewError(version, LATEST_SCHEMA_VERSION);
    if (version < 1) {
      throw corrupt(`${VAULT_DB} ne contient pas de schéma Vigie.`, {
        reason: 'empty-schema',
        technical: `user_version = ${version}`,
      });
    }
    await configureConnection(db);
    await migrate(db, MIGRATIONS);
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/** VAULT_EXISTS if vault.db, vault.meta.json or a side file of vault.db is present. */
async function refuseExisting(dir: string): Promise<void> {
  const p = vaultPaths(dir);
  const candidates = [p.db, p.meta, ...SIDE_SUFFIXES.map((s) => p.db + s)];
  const found: string[] = [];
  for (const f of candidates) if (await exists(f)) found.push(f);
  if (found.length > 0) {
    throw new VigieError('VAULT_EXISTS', 'Un coffre existe déjà dans ce dossier ; il n’a pas été modifié.', {
      files: found,
    });
  }
}

async function removeWithSideFiles(file: string): Promise<void> {
  for (const f of [file, ...SIDE_SUFFIXES.map((s) => file + s)]) await fs.rm(f, { force: true });
}
