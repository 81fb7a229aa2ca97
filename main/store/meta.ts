import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { VigieError } from '../api/errors';
import { kdfParamsProblem, type KdfParams } from './kdf';

/**
 * The vault's files and its `vault.meta.json` sidecar: everything needed to
 * turn the passphrase into the key (KDF algorithm, cost, salt) plus a key
 * check value, never the key itself. Written once, atomically (tmp + fsync +
 * rename), after the database file is complete: a meta file present means the
 * vault was fully created.
 */

export const VAULT_DB = 'vault.db';
export const VAULT_META = 'vault.meta.json';
export const VAULT_FORMAT = 'vigie-vault';
export const VAULT_FORMAT_VERSION = 1;
/** SQLite side files that belong to vault.db. */
export const SIDE_SUFFIXES = ['-wal', '-shm', '-journal'] as const;
const MAX_META_BYTES = 64 * 1024;

export interface VaultMeta {
  format: typeof VAULT_FORMAT;
  formatVersion: typeof VAULT_FORMAT_VERSION;
  vaultId: string;
  kdf: KdfParams;
  /** HMAC-SHA256(key, 'vigie-key-check'), hex. */
  keyCheck: string;
  createdAt: string;
}

export interface VaultPaths {
  dir: string;
  db: string;
  meta: string;
}

export function vaultPaths(dir: string): VaultPaths {
  return { dir, db: path.join(dir, VAULT_DB), meta: path.join(dir, VAULT_META) };
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export function corrupt(message: string, details: Record<string, unknown>): VigieError {
  return new VigieError('VAULT_CORRUPT', `${message} Aucun fichier n’a été modifié.`, details);
}

/**
 * 'absent' only when neither vault.db nor vault.meta.json (nor a leftover
 * vault.db-wal/-shm/-journal) exists; one without the other is VAULT_CORRUPT.
 */
export async function vaultState(dir: string): Promise<'absent' | 'present'> {
  const p = vaultPaths(dir);
  const [hasDb, hasMeta] = await Promise.all([exists(p.db), exists(p.meta)]);
  if (hasDb && hasMeta) return 'present';
  if (hasDb) {
    throw corrupt(`Coffre incomplet : ${VAULT_DB} est présent mais ${VAULT_META} est absent.`, {
      reason: 'meta-missing',
      technical: `${p.meta}: missing (vault.db present)`,
    });
  }
  if (hasMeta) {
    throw corrupt(`Coffre incomplet : ${VAULT_META} est présent mais ${VAULT_DB} est absent.`, {
      reason: 'db-missing',
      technical: `${p.db}: missing (vault.meta.json present)`,
    });
  }
  for (const suffix of SIDE_SUFFIXES) {
    if (await exists(p.db + suffix)) {
      throw corrupt(`Fichier résiduel ${VAULT_DB}${suffix} sans ${VAULT_DB} : le dossier du coffre est incohérent.`, {
        reason: 'orphan-side-file',
        technical: `${p.db}${suffix} exists without ${p.db}`,
      });
    }
  }
  return 'absent';
}

/** The meta file, or null when it does not exist. Malformed → VAULT_CORRUPT; newer format → VAULT_TOO_NEW. */
export async function readVaultMeta(dir: string): Promise<VaultMeta | null> {
  const file = vaultPaths(dir).meta;
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_META_BYTES) {
      throw corrupt(`${VAULT_META} n’est pas un fichier de description de coffre valide.`, {
        reason: 'meta-malformed',
        technical: `${file}: not a regular file or larger than ${MAX_META_BYTES} bytes`,
      });
    }
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw corrupt(`${VAULT_META} est illisible (JSON invalide).`, {
      reason: 'meta-malformed',
      technical: `${file}: ${(e as Error).message}`,
    });
  }
  return parseVaultMeta(raw, file);
}

export function parseVaultMeta(raw: unknown, file = VAULT_META): VaultMeta {
  const bad = (problem: string) =>
    corrupt(`${VAULT_META} est endommagé (${problem}).`, { reason: 'meta-malformed', technical: `${file}: ${problem}` });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('not a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.format !== VAULT_FORMAT) throw bad(`format must be "${VAULT_FORMAT}"`);
  if (typeof o.formatVersion !== 'number' || !Number.isInteger(o.formatVersion) || o.formatVersion < 1) {
    throw bad('formatVersion must be a positive integer');
  }
  if (o.formatVersion > VAULT_FORMAT_VERSION) {
    throw new VigieError(
      'VAULT_TOO_NEW',
      `Ce coffre a été créé par une version plus récente de Vigie (format ${o.formatVersion}). Mettez Vigie à jour pour l’ouvrir.`,
      { formatVersion: o.formatVersion, supported: VAULT_FORMAT_VERSION },
    );
  }
  if (typeof o.vaultId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(o.vaultId)) {
    throw bad('vaultId must be a UUID');
  }
  const kdfProblem = kdfParamsProblem(o.kdf);
  if (kdfProblem) throw bad(`kdf: ${kdfProblem}`);
  if (typeof o.keyCheck !== 'string' || !/^[0-9a-f]{64}$/.test(o.keyCheck)) throw bad('keyCheck must be 64 hex digits');
  if (typeof o.createdAt !== 'string' || Number.isNaN(Date.parse(o.createdAt))) throw bad('createdAt must be a date');
  const k = o.kdf as KdfParams;
  return {
    format: VAULT_FORMAT,
    formatVersion: VAULT_FORMAT_VERSION,
    vaultId: o.vaultId,
    kdf: { alg: 'argon2id', memoryKiB: k.memoryKiB, iterations: k.iterations, parallelism: k.parallelism, salt: k.salt },
    keyCheck: o.keyCheck,
    createdAt: o.createdAt,
  };
}

/**
 * Writes `vault.meta.json` atomically and without clobbering: tmp file (0600)
 * + fsync, then refuse if a meta file appeared meanwhile, then rename.
 */
export async function writeVaultMeta(dir: string, meta: VaultMeta): Promise<void> {
  const target = vaultPaths(dir).meta;
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(meta, null, 2) + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (await exists(target)) throw new VigieError('VAULT_EXISTS', `${VAULT_META} existe déjà ; il n’a pas été remplacé.`);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** fsync a directory so a rename survives a crash; not possible on Windows (ignored there). */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: some platforms/filesystems cannot open or fsync directories.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
