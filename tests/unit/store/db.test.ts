import { describe, expect, it } from 'vitest';
import type { Db } from '../../../main/store/db';
import { assertIdentifier } from '../../../main/store/db';
import { newVault, rejection } from './fixtures';

const EVENT_COLS = ['ts', 'ingested', 'dataset', 'service', 'severity', 'category', 'action', 'outcome', 'message', 'original', 'fingerprint'];
const event = (i: number, fp = `fp-${i}`) => [
  1_700_000_000_000 + i * 1000, 1_700_000_000_000, 'sri.auth', 'SRI', i % 5, 'authentication', 'login',
  i % 3 === 0 ? 'failure' : 'success', `message ${i}`, `<13>raw ${i}`, fp,
];
const count = async (db: Db, table = 'events') => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Db basics', () => {
  it('run returns changes and lastID; get/all/exec work with positional and named params', async () => {
    const { db } = await newVault();
    const r = await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['a', '1']);
    expect(r).toEqual({ changes: 1, lastID: expect.any(Number) });
    await db.exec("INSERT INTO settings (key, value) VALUES ('b', '2'); INSERT INTO settings (key, value) VALUES ('c', '3')");
    expect(await db.get('SELECT value FROM settings WHERE key = $k', { $k: 'b' })).toEqual({ value: '2' });
    expect(await db.all('SELECT key FROM settings ORDER BY key')).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
    expect(await db.get('SELECT value FROM settings WHERE key = ?', ['zz'])).toBeUndefined();
    expect((await db.run('DELETE FROM settings')).changes).toBe(3);
  });

  it('validates identifiers', () => {
    expect(assertIdentifier('events')).toBe('events');
    for (const bad of ['Events', 'events; DROP TABLE x', '1abc', 'a-b', '"x"', '']) {
      expect(() => assertIdentifier(bad)).toThrow(/Invalid SQL identifier/);
    }
  });

  it('reads the bound-parameter limit of the build', async () => {
    const { db } = await newVault();
    expect(await db.maxBoundParams()).toBeGreaterThanOrEqual(999);
  });
});

describe('insertMany', () => {
  it('inserts rows and returns the count', async () => {
    const { db } = await newVault();
    const n = await db.insertMany('events', EVENT_COLS, [event(1), event(2), event(3)]);
    expect(n).toBe(3);
    expect(await db.all('SELECT message FROM events ORDER BY id')).toEqual([
      { message: 'message 1' }, { message: 'message 2' }, { message: 'message 3' },
    ]);
    expect(await db.insertMany('events', EVENT_COLS, [])).toBe(0);
  });

  it("onConflict 'ignore' skips duplicate fingerprints and counts only new rows", async () => {
    const { db } = await newVault();
    await db.insertMany('events', EVENT_COLS, [event(1), event(2), event(3)]);
    const n = await db.insertMany('events', EVENT_COLS, [event(2), event(4), event(3), event(5), event(6, 'fp-4')], {
      onConflict: 'ignore',
    });
    expect(n).toBe(2);
    expect(await count(db)).toBe(5);
  });

  it("default 'abort' fails on a duplicate and inserts nothing of the batch", async () => {
    const { db } = await newVault();
    await db.insertMany('events', EVENT_COLS, [event(1)]);
    const err = await rejection(db.insertMany('events', EVENT_COLS, [event(10), event(11), event(1)]));
    expect(err.message).toMatch(/UNIQUE constraint failed: events\.fingerprint/);
    expect(await count(db)).toBe(1);
  });

  it('chunks beyond the bound-parameter limit (25 000 rows × 11 columns)', async () => {
    const { db } = await newVault();
    const rows = Array.from({ length: 25_000 }, (_, i) => event(i));
    expect(rows.length * EVENT_COLS.length).toBeGreaterThan(await db.maxBoundParams());
    expect(await db.insertMany('events', EVENT_COLS, rows)).toBe(25_000);
    expect(await count(db)).toBe(25_000);
    const ends = await db.get<{ lo: string; hi: string }>('SELECT min(fingerprint) AS lo, max(fingerprint) AS hi FROM events');
    expect(ends).toEqual({ lo: 'fp-0', hi: 'fp-9999' });
    expect(await db.get("SELECT message FROM events WHERE fingerprint = 'fp-24999'")).toEqual({ message: 'message 24999' });
    // Re-inserting everything with ignore adds nothing.
    expect(await db.insertMany('events', EVENT_COLS, rows, { onConflict: 'ignore' })).toBe(0);
  });

  it('maps booleans to 0/1 and undefined to NULL', async () => {
    const { db } = await newVault();
    const row = event(1);
    await db.insertMany('events', [...EVENT_COLS, 'break_glass', 'host'], [[...row, true, undefined]]);
    expect(await db.get('SELECT break_glass, host FROM events')).toEqual({ break_glass: 1, host: null });
  });

  it('rejects bad identifiers and ragged rows before touching the database', async () => {
    const { db } = await newVault();
    await expect(db.insertMany('events; DROP TABLE events', EVENT_COLS, [event(1)])).rejects.toThrow(/identifier/);
    await expect(db.insertMany('events', [...EVENT_COLS.slice(1), 'Bad-Col'], [event(1)])).rejects.toThrow(/identifier/);
    await expect(db.insertMany('events', EVENT_COLS, [event(1), event(2).slice(1)])).rejects.toThrow(/row 1 has 10/);
    expect(await count(db)).toBe(0);
  });
});

describe('transactions', () => {
  it('commits and returns the value of fn', async () => {
    const { db } = await newVault();
    const v = await db.transaction(async (tx) => {
      await tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
      return 42;
    });
    expect(v).toBe(42);
    expect(await count(db, 'settings')).toBe(1);
  });

  it('rolls back everything when fn throws, and rethrows', async () => {
    const { db } = await newVault();
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
        await tx.insertMany('events', EVENT_COLS, [event(1), event(2)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count(db, 'settings')).toBe(0);
    expect(await count(db)).toBe(0);
    expect(db.inTransaction).toBe(false);
  });

  it('serialises concurrent transactions (no "cannot start a transaction within a transaction")', async () => {
    const { db } = await newVault();
    await db.run("INSERT INTO settings (key, value) VALUES ('counter', '0')");
    const bump = () =>
      db.transaction(async (tx) => {
        for (let i = 0; i < 20; i++) {
          const row = await tx.get<{ value: string }>("SELECT value FROM settings WHERE key = 'counter'");
          await sleep(0);
          await tx.run("UPDATE settings SET value = ? WHERE key = 'counter'", [String(Number(row?.value) + 1)]);
        }
        return 'done';
      });
    expect(await Promise.all([bump(), bump(), bump()])).toEqual(['done', 'done', 'done']);
    expect(await db.get("SELECT value FROM settings WHERE key = 'counter'")).toEqual({ value: '60' });
  });

  it('makes calls from outside wait until the transaction ends (they never see uncommitted rows)', async () => {
    const { db } = await newVault();
    let seenInside: number | undefined;
    const tx = db.transaction(async (t) => {
      await t.run("INSERT INTO settings (key, value) VALUES ('tmp', 'x')");
      seenInside = await count(t, 'settings');
      await sleep(50);
      throw new Error('rollback');
    });
    const outcome = tx.then(() => 'committed', (e: Error) => e.message);
    await sleep(5); // the transaction has started and holds the connection
    const outside = await count(db, 'settings');
    expect(await outcome).toBe('rollback');
    expect(seenInside).toBe(1);
    expect(outside).toBe(0);
  });

  it('lets fn use the outer reference without deadlocking', async () => {
    const { db } = await newVault();
    await db.transaction(async () => {
      await db.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
      expect(db.inTransaction).toBe(true);
    });
    expect(await count(db, 'settings')).toBe(1);
  });

  it('turns a nested transaction into a savepoint that can fail alone', async () => {
    const { db } = await newVault();
    await db.transaction(async (tx) => {
      await tx.run("INSERT INTO settings (key, value) VALUES ('outer', '1')");
      await expect(
        tx.transaction(async (inner) => {
          await inner.run("INSERT INTO settings (key, value) VALUES ('inner', '1')");
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
      await tx.transaction(async (inner) => inner.run("INSERT INTO settings (key, value) VALUES ('inner2', '1')"));
    });
    expect(await db.all('SELECT key FROM settings ORDER BY key')).toEqual([{ key: 'inner2' }, { key: 'outer' }]);
  });

  it('close waits for a running transaction; later calls reject', async () => {
    const { db } = await newVault();
    const tx = db.transaction(async (t) => {
      await sleep(30);
      await t.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
    });
    await sleep(5);
    await db.close();
    await tx;
    await expect(db.run('SELECT 1')).rejects.toThrow(/closed/);
    await expect(db.transaction(async () => 1)).rejects.toThrow(/closed/);
    await db.close(); // idempotent
  });
});
