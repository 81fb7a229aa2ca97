import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobRunStore, MemoryJobRunStore, SqlJobRunStore } from '../../../main/jobs/run-store';
import { configureConnection, openKeyed } from '../../../main/store/cipher';
import type { Db } from '../../../main/store/db';
import { migrate } from '../../../main/store/migrate';

const T0 = new Date('2024-05-10T08:00:00.123Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The same behaviour is expected from both stores. */
function contract(name: string, make: () => Promise<JobRunStore>) {
  describe(name, () => {
    it('records start and finish, with ms timestamps surfaced as ISO strings', async () => {
      const store = await make();
      const id = await store.start('vault-checkpoint', 'schedule', T0);
      expect(await store.last('vault-checkpoint')).toEqual({
        id,
        job: 'vault-checkpoint',
        trigger: 'schedule',
        startedAt: T0.toISOString(),
        endedAt: null,
        outcome: 'running',
        message: null,
      });
      await store.finish(id, 'success', at(1), 'checkpoint fait');
      expect(await store.last('vault-checkpoint')).toMatchObject({ id, outcome: 'success', endedAt: at(1).toISOString(), message: 'checkpoint fait' });
      expect(await store.last('other')).toBeNull();
    });

    it('last() picks the latest start and can ignore skipped runs; recent() is newest first', async () => {
      const store = await make();
      const a = await store.start('j', 'schedule', at(0));
      await store.finish(a, 'success', at(1), null);
      const b = await store.start('j', 'catch-up', at(10));
      await store.finish(b, 'failure', at(11), 'boom');
      const c = await store.start('j', 'manual', at(20));
      await store.finish(c, 'skipped', at(20), 'coffre verrouillé');
      const d = await store.start('k', 'manual', at(5));
      await store.finish(d, 'success', at(6), null);
      expect((await store.last('j'))?.id).toBe(c);
      expect((await store.last('j', { excludeSkipped: true }))?.id).toBe(b);
      expect((await store.recent(10)).map((r) => r.id)).toEqual([c, b, d, a]);
      expect((await store.recent(2)).map((r) => r.id)).toEqual([c, b]);
    });

    it('closeStale() fails every run left running', async () => {
      const store = await make();
      const a = await store.start('j', 'schedule', at(0));
      const b = await store.start('k', 'schedule', at(1));
      await store.finish(b, 'success', at(2), null);
      expect(await store.closeStale(at(30), 'interrompu')).toBe(1);
      expect(await store.last('j')).toMatchObject({ id: a, outcome: 'failure', message: 'interrompu', endedAt: at(30).toISOString() });
      expect((await store.last('k'))?.outcome).toBe('success');
      expect(await store.closeStale(at(31), 'interrompu')).toBe(0);
    });
  });
}

contract('MemoryJobRunStore', async () => new MemoryJobRunStore());

describe('MemoryJobRunStore capacity', () => {
  it('drops the oldest runs beyond its capacity', async () => {
    const store = new MemoryJobRunStore(3);
    for (let i = 0; i < 5; i++) await store.start('j', 'manual', at(i));
    expect((await store.recent(10)).map((r) => r.id)).toEqual([5, 4, 3]);
  });
});

// ---------------------------------------------------------------- against a real encrypted vault database

let dir: string;
const dbs: Db[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigie-jobruns-'));
});
afterAll(async () => {
  await Promise.all(dbs.map((db) => db.close()));
  await rm(dir, { recursive: true, force: true });
});

async function freshVaultDb(): Promise<Db> {
  const db = await openKeyed(join(dir, `vault-${dbs.length}.db`), randomBytes(32), true);
  dbs.push(db);
  await configureConnection(db);
  await migrate(db);
  return db;
}

contract('SqlJobRunStore (SQLCipher)', async () => new SqlJobRunStore(await freshVaultDb()));

describe('SqlJobRunStore storage', () => {
  it('stores integer millisecond timestamps in an encrypted file', async () => {
    const db = await freshVaultDb();
    const store = new SqlJobRunStore(db);
    const id = await store.start('log-retention', 'manual', T0);
    await store.finish(id, 'success', at(2), '2 fichier(s)');
    const row = await db.get<Record<string, unknown>>(
      'SELECT started_at, ended_at, typeof(started_at) AS t FROM job_runs WHERE id = ?',
      [id],
    );
    expect(row).toEqual({ started_at: T0.getTime(), ended_at: at(2).getTime(), t: 'integer' });
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const fh = await open(db.file, 'r');
    const header = Buffer.alloc(16);
    await fh.read(header, 0, 16, 0);
    await fh.close();
    expect(header.toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('rejects values the schema forbids', async () => {
    const store = new SqlJobRunStore(await freshVaultDb());
    await expect(store.start('j', 'cron' as never, T0)).rejects.toThrow(/CHECK/);
  });
});
