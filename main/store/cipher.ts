import { promises as fs } from 'node:fs';
import { VigieError } from '../api/errors';
import { Db, OPEN_CREATE, OPEN_READWRITE } from './db';
import { KEY_BYTES } from './kdf';
import { corrupt, VAULT_DB } from './meta';

/**
 * The SQLCipher connection of a vault.
 *
 * Choices (SQLCipher 4.x):
 * - Raw 256-bit key (`PRAGMA key = "x'<64 hex>'"`): the key already comes
 *   from Argon2id, so SQLCipher's PBKDF2 (256 000 iterations) is skipped.
 * - `cipher_compatibility = 4` pinned: AES-256-CBC per 4 KiB page, per-page
 *   random IV and HMAC-SHA512 (tampering is detected as corruption). Pinning
 *   keeps today's vaults readable if a future SQLCipher changes its defaults.
 * - `cipher_memory_security` left at SQLCipher's default (OFF since 4.5): it
 *   locks and wipes every allocation at a large performance cost, while the
 *   key also necessarily lives in JS memory (a Buffer the caller zeroes, plus
 *   the immutable pragma string until GC), so it would buy little here.
 * - `temp_store = MEMORY`: sorts and temporary tables never touch disk.
 * - WAL + `synchronous = NORMAL`: readers don't block the writer; a power
 *   loss can drop the last transactions but never corrupts the file.
 * - `foreign_keys = ON`, `busy_timeout = 5000` (the CLI may share the file).
 */

export function keyPragma(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new Error(`Vault key must be ${KEY_BYTES} bytes`);
  return `PRAGMA key = "x'${key.toString('hex')}'"`;
}

/** Opens the file (creating it only when asked) and sets the key; reads nothing yet. */
export async function openKeyed(file: string, key: Buffer, create: boolean): Promise<Db> {
  const db = await Db.open(file, OPEN_READWRITE | (create ? OPEN_CREATE : 0));
  try {
    // SQLCipher would print decryption failures to stderr; they surface as VigieErrors with details instead.
    await db.exec('PRAGMA cipher_log_level = NONE');
    await db.exec(keyPragma(key));
    await db.exec('PRAGMA cipher_compatibility = 4');
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : '';
}

/**
 * Proves the key decrypts the file and the file is whole, without writing:
 * reads sqlite_master (page 1: fails on a foreign/plain/random file), then
 * compares the file size with the page count from the header (catches
 * truncation) and, only when they disagree, confirms with `quick_check`.
 */
export async function verifyReadable(db: Db, file: string, walHadFrames: boolean): Promise<void> {
  try {
    await db.get('SELECT count(*) AS n FROM sqlite_master');
  } catch (e) {
    const code = sqliteCode(e);
    const technical = `${code || 'error'}: ${(e as Error).message}`;
    if (code === 'SQLITE_CORRUPT') {
      throw corrupt(`${VAULT_DB} est endommagé (tronqué ou modifié).`, { reason: 'damaged', technical });
    }
    throw corrupt(`${VAULT_DB} ne peut pas être déchiffré : fichier endommagé ou qui n’est pas un coffre Vigie.`, {
      reason: 'not-a-database',
      technical,
    });
  }
  const size = (await fs.stat(file)).size;
  const { pageSize, pageCount } = await pageGeometry(db);
  const expected = pageSize * pageCount;
  const consistent =
    pageSize > 0 && size % pageSize === 0 && (walHadFrames ? size > 0 : size === expected && size > 0);
  if (consistent) return;
  let problems: string[];
  try {
    const rows = await db.all<{ quick_check: string }>('PRAGMA quick_check(5)');
    problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  } catch (e) {
    problems = [`${sqliteCode(e) || 'error'}: ${(e as Error).message}`];
  }
  if (problems.length > 0) {
    throw corrupt(`${VAULT_DB} est endommagé (tronqué ou modifié).`, {
      reason: 'damaged',
      technical: `size ${size} bytes, header says ${pageCount} pages of ${pageSize}; ${problems.join('; ')}`,
    });
  }
}

/**
 * Page size and page count from the header. SQLCipher answers `PRAGMA page_size` in a column named
 * `cipher_page_size` (as text), so the value is read by position: reading `.page_size` gave 0, and every
 * open of a healthy vault fell through to a full `quick_check` (77 s for a 9 GB vault).
 */
export async function pageGeometry(db: Db): Promise<{ pageSize: number; pageCount: number }> {
  const first = async (sql: string) => Number(Object.values((await db.get<Record<string, unknown>>(sql)) ?? {})[0] ?? 0) || 0;
  return { pageSize: await first('PRAGMA page_size'), pageCount: await first('PRAGMA page_count') };
}

/** Connection settings applied once the file is known to be a readable vault of a supported version. */
export async function configureConnection(db: Db): Promise<void> {
  await db.exec('PRAGMA busy_timeout = 5000');
  const mode = await db.get<{ journal_mode: string }>('PRAGMA journal_mode = WAL');
  if (mode?.journal_mode?.toLowerCase() !== 'wal') {
    throw new VigieError('UNAVAILABLE', 'Impossible d’activer la journalisation WAL du coffre.', {
      technical: `journal_mode = ${mode?.journal_mode}`,
    });
  }
  await db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY');
  // 64 MiB of decrypted pages (default ≈ 8 MiB): bulk imports touch the table, five indexes and the FTS index;
  // every page evicted and read again costs a decryption, every dirty one an encryption.
  await db.exec('PRAGMA cache_size = -65536');
}

/** Size of `file`, 0 when it does not exist. */
export async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
}
