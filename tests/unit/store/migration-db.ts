/** Helpers of the migration tests: fresh encrypted databases migrated to a given version, sample events. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect } from 'vitest';
import { configureConnection, openKeyed } from '../../../main/store/cipher';
import type { Db } from '../../../main/store/db';
import { migrate } from '../../../main/store/migrate';
import { MIGRATIONS } from '../../../main/store/migrations';
import { tempDir, track } from './fixtures';

/** A fresh encrypted database with no schema at all (user_version 0). */
export async function freshDb(): Promise<Db> {
  const file = path.join(await tempDir(), 'vault.db');
  const db = await openKeyed(file, randomBytes(32), true);
  track({ db });
  await configureConnection(db);
  return db;
}

export async function migratedTo(version: number): Promise<Db> {
  const db = await freshDb();
  expect(await migrate(db, MIGRATIONS.slice(0, version))).toEqual({ from: 0, to: version });
  return db;
}

export const version = async (db: Db) => (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version;
export const tables = async (db: Db) =>
  (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r.name);

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

export async function insertEvent(db: Db, i: number, o: { ts: number; user?: string | null; outcome?: string; severity?: number; service?: string }) {
  await db.run(
    `INSERT INTO events (ts, ingested, dataset, service, severity, category, action, outcome, user_name, message, original, fingerprint)
     VALUES (?, ?, 'sri.auth', ?, ?, 'authentication', 'login', ?, ?, ?, ?, ?)`,
    [o.ts, o.ts, o.service ?? 'SRI', o.severity ?? 1, o.outcome ?? 'success', o.user ?? null, `m${i}`, `raw${i}`, `fp${i}`],
  );
}

