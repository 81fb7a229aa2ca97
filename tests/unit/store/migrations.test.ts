import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, openKeyed } from '../../../main/store/cipher';
import type { Db } from '../../../main/store/db';
import { assertMigrationList, migrate } from '../../../main/store/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../main/store/migrations';
import { rejection, tempDir, track } from './fixtures';

/** A fresh encrypted database with no schema at all (user_version 0). */
async function freshDb(): Promise<Db> {
  const file = path.join(await tempDir(), 'vault.db');
  const db = await openKeyed(file, randomBytes(32), true);
  track({ db });
  await configureConnection(db);
  return db;
}

async function migratedTo(version: number): Promise<Db> {
  const db = await freshDb();
  expect(await migrate(db, MIGRATIONS.slice(0, version))).toEqual({ from: 0, to: version });
  return db;
}

const version = async (db: Db) => (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version;
const tables = async (db: Db) =>
  (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r.name);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

async function insertEvent(db: Db, i: number, o: { ts: number; user?: string | null; outcome?: string; severity?: number; service?: string }) {
  await db.run(
    `INSERT INTO events (ts, ingested, dataset, service, severity, category, action, outcome, user_name, message, original, fingerprint)
     VALUES (?, ?, 'sri.auth', ?, ?, 'authentication', 'login', ?, ?, ?, ?, ?)`,
    [o.ts, o.ts, o.service ?? 'SRI', o.severity ?? 1, o.outcome ?? 'success', o.user ?? null, `m${i}`, `raw${i}`, `fp${i}`],
  );
}

/** One test per migration: migrate to N-1, insert representative rows, migrate to N, check schema and data. */
const perMigration: Record<number, () => Promise<void>> = {
  1: async () => {
    const db = await freshDb();
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(await tables(db)).toEqual(['audit_log', 'events', 'settings']);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await expect(insertEvent(db, 2, { ts: T0 }).then(() => insertEvent(db, 2, { ts: T0 }))).rejects.toThrow(/UNIQUE/);
    // STRICT tables refuse a wrongly typed value.
    await expect(db.run("UPDATE events SET ts = 'hier' WHERE id = 1")).rejects.toThrow(/cannot store TEXT value in INTEGER/);
    expect(await db.get('SELECT break_glass FROM events WHERE id = 1')).toEqual({ break_glass: 0 });
  },

  2: async () => {
    const db = await migratedTo(1);
    await insertEvent(db, 1, { ts: T0 + 5 * 60_000, user: 'dr.martin', outcome: 'failure' });
    await insertEvent(db, 2, { ts: T0 + 50 * 60_000, user: 'dr.martin', outcome: 'success' });
    await insertEvent(db, 3, { ts: T0 + HOUR + 1, user: 'dr.martin', outcome: 'failure' });
    await insertEvent(db, 4, { ts: T0 + 10, user: null, service: 'PACS', severity: 3 });
    await insertEvent(db, 5, { ts: T0 + DAY, user: 'ide.durand' });
    expect(await migrate(db, MIGRATIONS.slice(0, 2))).toEqual({ from: 1, to: 2 });
    expect(await db.all('SELECT bucket, service, severity, outcome, count FROM rollup_hour ORDER BY bucket, service, outcome')).toEqual([
      { bucket: T0, service: 'PACS', severity: 3, outcome: 'success', count: 1 },
      { bucket: T0, service: 'SRI', severity: 1, outcome: 'failure', count: 1 },
      { bucket: T0, service: 'SRI', severity: 1, outcome: 'success', count: 1 },
      { bucket: T0 + HOUR, service: 'SRI', severity: 1, outcome: 'failure', count: 1 },
      { bucket: T0 + DAY, service: 'SRI', severity: 1, outcome: 'success', count: 1 },
    ]);
    const day0 = Math.floor(T0 / DAY) * DAY;
    expect(await db.all('SELECT day, user_name, count, failures FROM rollup_user_day ORDER BY day, user_name')).toEqual([
      { day: day0, user_name: 'dr.martin', count: 3, failures: 2 },
      { day: day0 + DAY, user_name: 'ide.durand', count: 1, failures: 0 },
    ]);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 5 });
  },

  3: async () => {
    const db = await migratedTo(2);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await db.run("INSERT INTO rollup_hour VALUES (?, 'SRI', 1, 'success', 1)", [T0]);
    expect(await migrate(db, MIGRATIONS.slice(0, 3))).toEqual({ from: 2, to: 3 });
    const inc = await db.run(
      "INSERT INTO incidents (title, severity, category, created_by, created_at, updated_at) VALUES ('Rançongiciel', 4, 'malware', 'rssi', ?, ?)",
      [T0, T0],
    );
    expect(await db.get('SELECT tlp, phase FROM incidents')).toEqual({ tlp: 'AMBER', phase: 'detection' });
    const alert = await db.run(
      `INSERT INTO alerts (rule_id, title, severity, group_key, first_seen, last_seen, event_count, incident_id, created_at)
       VALUES ('bruteforce', 'Échecs répétés', 3, 'dr.martin', ?, ?, 1, ?, ?)`,
      [T0, T0, inc.lastID, T0],
    );
    await db.run('INSERT INTO alert_events VALUES (?, 1)', [alert.lastID]);
    expect(await db.get('SELECT status FROM alerts')).toEqual({ status: 'nouvelle' });
    await expect(db.run("UPDATE alerts SET status = 'ouverte'")).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.run("UPDATE incidents SET tlp = 'WHITE'")).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.run("UPDATE incidents SET phase = 'fini'")).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.run('INSERT INTO alert_events VALUES (?, 999)', [alert.lastID])).rejects.toThrow(/FOREIGN KEY/);
    await db.run("UPDATE alerts SET status = 'vrai_positif'");
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
    expect(await db.get('SELECT count(*) AS n FROM rollup_hour')).toEqual({ n: 1 });
  },

  4: async () => {
    const db = await migratedTo(3);
    await insertEvent(db, 1, { ts: T0 });
    await db.run(
      "INSERT INTO incidents (title, severity, category, created_by, created_at, updated_at) VALUES ('x', 1, 'c', 'a', 1, 1)",
    );
    expect(await migrate(db, MIGRATIONS.slice(0, 4))).toEqual({ from: 3, to: 4 });
    const run = await db.run(
      "INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('retention', 'schedule', ?, 'running')",
      [T0],
    );
    await db.run("UPDATE job_runs SET ended_at = ?, outcome = 'success', message = '12 supprimés' WHERE id = ?", [T0 + 1, run.lastID]);
    expect(await db.get('SELECT job, trigger, outcome, ended_at FROM job_runs')).toEqual({
      job: 'retention', trigger: 'schedule', outcome: 'success', ended_at: T0 + 1,
    });
    await expect(db.run("INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('x', 'cron', 1, 'running')")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('x', 'manual', 1, 'ok')")).rejects.toThrow(/CHECK/);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
    expect(await db.get('SELECT count(*) AS n FROM incidents')).toEqual({ n: 1 });
  },
};

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
