import { VigieError } from '../api/errors';
import type { Db } from './db';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Brings a vault's schema up to the last migration of `migrations`.
 *
 * The schema version is SQLite's `PRAGMA user_version` (stored in the
 * database header, so it is part of the same transaction as the DDL). All
 * pending migrations run in ONE `BEGIN IMMEDIATE` transaction that ends with
 * `PRAGMA user_version = N`: either the vault reaches N, or any error rolls
 * everything back and it stays at its old version.
 *
 * Foreign keys are switched off around the transaction (the pragma is a no-op
 * inside one) so a future migration may rebuild a table the SQLite way
 * (create new, copy, drop old, rename); `PRAGMA foreign_key_check` must then
 * come back empty before COMMIT.
 */

export interface MigrateResult {
  from: number;
  to: number;
}

/** Throws unless versions are exactly 1, 2, …, N in order. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration list must be numbered 1..N in order: position ${i} has version ${m.version}`);
    }
    if (typeof m.sql !== 'string' || m.sql.trim() === '') throw new Error(`Migration ${m.version} has no SQL`);
  });
}

export async function readSchemaVersion(db: Db): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
}

export function tooNewError(found: number, supported: number): VigieError {
  return new VigieError(
    'VAULT_TOO_NEW',
    `Ce coffre a été créé par une version plus récente de Vigie (schéma ${found}, cette version gère jusqu'au schéma ${supported}). ` +
      'Mettez Vigie à jour pour l’ouvrir ; le coffre n’a pas été modifié.',
    { schemaVersion: found, supported },
  );
}

export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  assertMigrationList(migrations);
  const target = migrations.length;
  const from = await readSchemaVersion(db);
  if (!Number.isInteger(from) || from < 0) {
    throw new VigieError('VAULT_CORRUPT', `Version de schéma invalide dans le coffre (user_version = ${from}).`);
  }
  if (from > target) throw tooNewError(from, target);
  if (from === target) return { from, to: from };

  const pending = migrations.slice(from);
  const fk = await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys');
  const fkWasOn = fk?.foreign_keys === 1;
  if (fkWasOn) await db.exec('PRAGMA foreign_keys = OFF');
  try {
    await db.transaction(async (tx) => {
      for (const m of pending) {
        try {
          await tx.exec(m.sql);
        } catch (err) {
          throw migrationError(m, err);
        }
      }
      const violations = await tx.all('PRAGMA foreign_key_check');
      if (violations.length > 0) {
        throw new VigieError('INTERNAL', 'La mise à jour du coffre a été annulée : références incohérentes.', {
          foreignKeyViolations: violations.slice(0, 10),
        });
      }
      // Integer from our own validated list: safe to inline (pragmas cannot take bound parameters).
      await tx.exec(`PRAGMA user_version = ${target}`);
    }, 'IMMEDIATE');
  } finally {
    if (fkWasOn) await db.exec('PRAGMA foreign_keys = ON');
  }
  return { from, to: target };
}

function migrationError(m: Migration, err: unknown): VigieError {
  const technical = err instanceof Error ? err.message : String(err);
  return new VigieError(
    'INTERNAL',
    `La mise à jour du coffre a échoué (migration ${m.version} « ${m.name} ») ; le coffre est resté à sa version précédente.`,
    { migration: m.version, name: m.name, technical },
  );
}
