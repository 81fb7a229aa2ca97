import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';

/**
 * Passphrase → vault key.
 *
 * Argon2id (RFC 9106) is memory-hard: each guess costs `memoryKiB` of RAM as
 * well as CPU time, which makes GPU/ASIC guessing of a stolen vault far more
 * expensive than SQLCipher's built-in PBKDF2-HMAC-SHA512. The 32-byte result
 * is handed to SQLCipher as a *raw key* (`PRAGMA key = "x'<hex>'"`), so
 * SQLCipher skips its own PBKDF2 entirely: Argon2id is the only KDF.
 *
 * Defaults (64 MiB, 3 passes, 1 lane) follow the OWASP/RFC 9106 "second
 * recommended" profile and take ~0.3 s in hash-wasm on a laptop. They are
 * stored in the vault's meta file next to the salt, so a later version can
 * raise them (re-key) without breaking existing vaults. Tests pass cheaper
 * parameters through the `cost` option; the bounds below reject meta files
 * asking for absurd (DoS) or trivially weak settings.
 */

export interface KdfCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface KdfParams extends KdfCost {
  alg: 'argon2id';
  /** 16 random bytes, base64. */
  salt: string;
}

export const DEFAULT_KDF_COST: Readonly<KdfCost> = Object.freeze({ memoryKiB: 65536, iterations: 3, parallelism: 1 });
export const KEY_BYTES = 32;
export const SALT_BYTES = 16;

/** Accepted ranges (checked on create and when reading a meta file). */
export const KDF_BOUNDS = {
  memoryKiB: { min: 1024, max: 4 * 1024 * 1024 },
  iterations: { min: 1, max: 64 },
  parallelism: { min: 1, max: 16 },
} as const;

const KEY_CHECK_LABEL = 'vigie-key-check';

/** Fresh parameters with a random salt; `cost` overrides the defaults (tests use m=1024, t=1). */
export function newKdfParams(cost: Partial<KdfCost> = {}): KdfParams {
  const params: KdfParams = {
    alg: 'argon2id',
    ...DEFAULT_KDF_COST,
    ...definedOnly(cost),
    salt: randomBytes(SALT_BYTES).toString('base64'),
  };
  const problem = kdfParamsProblem(params);
  if (problem) throw new Error(`Invalid KDF parameters: ${problem}`);
  return params;
}

/** Why `p` is not acceptable KDF parameters, or null when it is. */
export function kdfParamsProblem(p: unknown): string | null {
  if (typeof p !== 'object' || p === null) return 'not an object';
  const o = p as Record<string, unknown>;
  if (o.alg !== 'argon2id') return `unsupported algorithm ${JSON.stringify(o.alg)}`;
  for (const k of Object.keys(KDF_BOUNDS) as (keyof typeof KDF_BOUNDS)[]) {
    const v = o[k];
    const { min, max } = KDF_BOUNDS[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return `${k} must be an integer in [${min}, ${max}]`;
    }
  }
  if ((o.memoryKiB as number) < 8 * (o.parallelism as number)) return 'memoryKiB must be at least 8 × parallelism';
  if (typeof o.salt !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(o.salt)) return 'salt must be base64';
  if (Buffer.from(o.salt, 'base64').length < SALT_BYTES) return `salt must be at least ${SALT_BYTES} bytes`;
  return null;
}

/**
 * Derives the 32-byte vault key. The passphrase is NFC-normalised first so the
 * same French passphrase typed on macOS (NFD input) and Windows (NFC) agrees.
 */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  const problem = kdfParamsProblem(params);
  if (problem) throw new Error(`Invalid KDF parameters: ${problem}`);
  const out = await argon2id({
    password: passphrase.normalize('NFC'),
    salt: new Uint8Array(Buffer.from(params.salt, 'base64')),
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: KEY_BYTES,
    outputType: 'binary',
  });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * HMAC-SHA256(key, 'vigie-key-check'), hex. Stored in the meta file so a wrong
 * passphrase is recognised before the database file is opened at all. It
 * reveals nothing about the key (one-way) and gives an attacker no shortcut:
 * checking a guess against it costs the same Argon2id run as trying the guess
 * on the database itself.
 */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest('hex');
}

/** Constant-time comparison of `key`'s check value with a stored one. */
export function keyMatches(key: Buffer, storedCheck: string): boolean {
  const expected = Buffer.from(keyCheck(key), 'hex');
  const stored = /^[0-9a-f]{64}$/.test(storedCheck) ? Buffer.from(storedCheck, 'hex') : Buffer.alloc(0);
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
