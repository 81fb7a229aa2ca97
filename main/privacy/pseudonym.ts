import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../store/db';
import { VigieError } from '../api/errors';
import { base32 } from './base32';

/** Key of the `settings` row holding the vault's pseudonymisation key (base64, 32 bytes). */
export const PSEUDONYM_KEY_SETTING = 'privacy.pseudonymKey';
const KEY_BYTES = 32;
/** Output: `P-` + 16 base32 characters (80 bits of the HMAC). */
export const PSEUDONYM_PATTERN = /^P-[A-Z2-7]{16}$/;

/**
 * The normalised form that is hashed: the identifier without any whitespace,
 * upper-cased, prefixed by its identifier system when given
 * (e.g. `INS-NIR|1840975108123`). Exposed for tests and documentation only.
 */
export function normaliseIdentifier(identifier: string, system?: string): string {
  const value = identifier.replace(/\s+/g, '').toUpperCase();
  if (value === '') throw new VigieError('VALIDATION', 'Empty patient identifier');
  const sys = system?.trim().toUpperCase();
  return sys ? `${sys}|${value}` : value;
}

/**
 * Turns patient identifiers into stable pseudonyms with a keyed HMAC-SHA256.
 * Same identifier + same vault key → same pseudonym; another vault → another
 * pseudonym. The key stays in a private field: no getter, not serialisable.
 */
export class Pseudonymiser {
  readonly #key: Buffer;

  private constructor(key: Buffer) {
    this.#key = key;
  }

  /** For tests and tools that already hold a key; production code uses `fromDb`. */
  static fromKey(key: Uint8Array): Pseudonymiser {
    if (key.length !== KEY_BYTES) throw new VigieError('INTERNAL', 'Pseudonymisation key must be 32 bytes');
    return new Pseudonymiser(Buffer.from(key));
  }

  /**
   * Loads the vault's key from `settings`, creating it on first use. Safe to
   * call concurrently (the insert is ON CONFLICT DO NOTHING, then re-read).
   * Must not be called from inside `db.transaction` callbacks on the outer db.
   */
  static async fromDb(db: Db): Promise<Pseudonymiser> {
    const cached = cache.get(db);
    if (cached) return cached;
    let row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [PSEUDONYM_KEY_SETTING]);
    if (!row) {
      await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING', [
        PSEUDONYM_KEY_SETTING,
        randomBytes(KEY_BYTES).toString('base64'),
      ]);
      row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [PSEUDONYM_KEY_SETTING]);
    }
    const key = row ? Buffer.from(row.value, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) throw new VigieError('VAULT_CORRUPT', 'Invalid pseudonymisation key in vault');
    const p = new Pseudonymiser(key);
    cache.set(db, p);
    return p;
  }

  /** `P-` + first 16 base32 characters of HMAC-SHA256(key, normalised identifier). */
  pseudonymise(identifier: string, system?: string): string {
    const mac = createHmac('sha256', this.#key).update(normaliseIdentifier(identifier, system), 'utf8').digest();
    return 'P-' + base32(mac).slice(0, 16);
  }

  toJSON(): string {
    return '[Pseudonymiser]';
  }
}

const cache = new WeakMap<Db, Pseudonymiser>();
