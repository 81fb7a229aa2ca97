import { describe, expect, it } from 'vitest';
import { assertMigrationList, migrate } from '../../../main/store/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../main/store/migrations';
import { rejection } from './fixtures';
import { earlyMigrationCases } from './migration-cases-early';
import { lateMigrationCases } from './migration-cases-late';
import { freshDb, insertEvent, migratedTo, T0, tables, version } from './migration-db';

/** One test per migration (migration-cases-*.ts). */
const perMigration: Record<number, () => Promise<void>> = { ...earlyMigrationCases, ...lateMigrationCases };

describe('each migration', () => {
  it('has its own test (add one to perMigration for every new migration)', () => {
    expect(Object.keys(perMigration).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });
  for (const m of MIGRATIONS) {
    it(`${String(m.version).padStart(3, '0')} ${m.name}`, async () => {
      await perMigration[m.version]?.();
    });
  }
});

describe('migrate()', () => {
  it('migrates a fresh database to the latest version and is idempotent', async () => {
    const db = await freshDb();
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(await migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(await version(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a failing migration rolls back every pending migration; user_version stays', async () => {
    const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE half_done (a INTEGER); INSERT INTO nope VALUES (1);' };
    const db = await freshDb();
    const err = await rejection(migrate(db, [...MIGRATIONS.slice(0, 2), broken]));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/migration 3 « broken »/);
    expect(err.details).toMatchObject({ migration: 3, technical: expect.stringMatching(/no such table: nope/) });
    expect(await version(db)).toBe(0);
    expect(await tables(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('a failing later migration leaves an up-to-date vault exactly at its old version', async () => {
    const db = await migratedTo(LATEST_SCHEMA_VERSION);
    await insertEvent(db, 1, { ts: T0 });
    const next = LATEST_SCHEMA_VERSION + 1;
    const broken: Migration = { version: next, name: 'broken', sql: 'DROP TABLE events; SELECT * FROM missing;' };
    expect((await rejection(migrate(db, [...MIGRATIONS, broken]))).code).toBe('INTERNAL');
    expect(await version(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
    expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
  });

  it('refuses a database newer than the list (VAULT_TOO_NEW) without changing it', async () => {
    const db = await migratedTo(2);
    expect((await rejection(migrate(db, MIGRATIONS.slice(0, 1)))).code).toBe('VAULT_TOO_NEW');
    expect(await version(db)).toBe(2);
  });

  it('validates that the list is numbered 1..N in order', async () => {
    const [m1, m2, m3] = MIGRATIONS;
    expect(() => assertMigrationList(MIGRATIONS)).not.toThrow();
    expect(() => assertMigrationList([m1, m3])).toThrow(/position 1 has version 3/);
    expect(() => assertMigrationList([m2, m1])).toThrow(/1\.\.N/);
    expect(() => assertMigrationList([m1, m1])).toThrow(/1\.\.N/);
    expect(() => assertMigrationList([{ version: 1, name: 'empty', sql: '  ' }])).toThrow(/no SQL/);
    const db = await freshDb();
    await expect(migrate(db, [m1, m3])).rejects.toThrow(/1\.\.N/);
    expect(await version(db)).toBe(0);
  });
});
