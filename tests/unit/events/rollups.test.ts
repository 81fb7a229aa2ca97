import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLLUP_TABLES } from '../../../main/events/rollups';
import { isNight, nightIntervals, nightSql, parisHour, parisOffsetSql } from '../../../main/events/rollups-paris';
import { writeEvents } from '../../../main/events/writer';
import type { Db } from '../../../main/store/db';
import { prng } from './factory';
import { actualRollups, expectedRollups, nightIntl, parisHourIntl, richEvents } from './rollup-expect';
import { openTempVault } from './vault-fixture';

let db: Db;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ db, dispose } = await openTempVault());
});
afterEach(async () => dispose());

const HOUR = 3_600_000;

describe('rollups maintained by writeEvents', () => {
  it('equal the GROUP BY over events after random batches with duplicates', async () => {
    const rand = prng(2026);
    const pool = richEvents(rand, 3000);
    let stored = 0;
    for (let round = 0; round < 7; round++) {
      // Overlapping batches: duplicates within a batch and across batches.
      const batch = Array.from({ length: 1 + Math.floor(rand() * 1500) }, () => pool[Math.floor(rand() * pool.length)]);
      stored += (await writeEvents(db, batch)).stored;
      expect(await actualRollups(db)).toEqual(await expectedRollups(db));
    }
    expect(stored).toBe((await db.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n);
    const rollups = await actualRollups(db);
    // The data really exercises every rollup (night, break-glass, repeated patients, absent users).
    for (const t of ROLLUP_TABLES) expect(rollups[t].length).toBeGreaterThan(0);
    expect(rollups.rollup_access_user_day.some((r) => (r.night as number) > 0 && r.user_name === '')).toBe(true);
    expect(rollups.rollup_access_day.some((r) => (r.count as number) > 1)).toBe(true);
    const distinct = await db.all<{ patients: number; accesses: number }>(
      `SELECT count(DISTINCT patient) AS patients, count(*) AS accesses FROM events WHERE patient IS NOT NULL
       GROUP BY (ts / 86400000), coalesce(user_name, '') ORDER BY 1`,
    );
    expect(distinct.some((d) => d.accesses > d.patients)).toBe(true);
  }, 120_000);

  it('a duplicate-only batch leaves every rollup unchanged', async () => {
    const events = richEvents(prng(5), 400);
    await writeEvents(db, events);
    const before = await actualRollups(db);
    expect(await writeEvents(db, [...events].reverse())).toEqual({ stored: 0, duplicates: 400 });
    expect(await actualRollups(db)).toEqual(before);
  });

  it('one fingerprint twice in a call with different content: the first row is stored, and counted', async () => {
    const [a, b] = richEvents(prng(9), 2).map((e, i) => ({ ...e, 'user.name': `agent-${i}`, 'host.name': `poste-${i}` }));
    const others = richEvents(prng(10), 30);
    const same = (e: { 'user.name'?: unknown }) => (e['user.name'] === 'agent-0' || e['user.name'] === 'agent-1' ? 'same' : undefined);
    const r = await writeEvents(db, [a, ...others, b], { fingerprint: (e, i) => same(e) ?? `fp-${i}` });
    expect(r).toEqual({ stored: 31, duplicates: 1 });
    expect(await db.all("SELECT user_name FROM events WHERE fingerprint = 'same'")).toEqual([{ user_name: 'agent-0' }]);
    const rollups = await actualRollups(db);
    expect(rollups).toEqual(await expectedRollups(db));
    expect(rollups.rollup_host_day.map((h) => h.host)).toContain('poste-0');
    expect(rollups.rollup_host_day.map((h) => h.host)).not.toContain('poste-1');
    // The stored rows of a call with duplicates are found by rowid range, never by scanning older rows.
    const plan = await db.all<{ detail: string }>('EXPLAIN QUERY PLAN SELECT fingerprint FROM events WHERE id > ?', [1]);
    expect(plan.map((p) => p.detail)).toEqual([expect.stringMatching(/^SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/)]);
  });
});

describe('Europe/Paris night (20:00–07:00)', () => {
  const rand = prng(77);
  const instants = Array.from({ length: 3000 }, () => Date.parse('2019-01-01T00:00:00Z') + Math.floor(rand() * 11 * 365 * 24 * HOUR));
  // Around both 2026 changes, minute by minute.
  for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
    for (let m = -90; m <= 90; m += 7) instants.push(Date.parse(change) + m * 60_000);
  }

  it('agrees with the tz database in JavaScript', () => {
    for (const t of instants) {
      expect(parisHour(t), new Date(t).toISOString()).toBe(parisHourIntl(t));
      expect(isNight(t)).toBe(nightIntl(t));
    }
  });

  it('agrees with the tz database in SQL (the bound periods the writer uses)', async () => {
    const lo = Math.min(...instants);
    const hi = Math.max(...instants);
    await db.exec('CREATE TEMP TABLE t (ts INTEGER)');
    await db.insertMany('t', ['ts'], instants.map((t) => [t]));
    const rows = await db.all<{ ts: number; h: number; n: number }>(
      `SELECT ts, ((ts + ${parisOffsetSql('ts', lo, hi)}) / ${HOUR}) % 24 AS h, ${nightSql('ts', lo, hi)} AS n FROM t`,
    );
    expect(rows).toHaveLength(instants.length);
    for (const r of rows) {
      expect(r.h).toBe(parisHourIntl(r.ts));
      expect(r.n === 1).toBe(nightIntl(r.ts));
    }
  });

  it('lists the night intervals of a range', () => {
    // 2026-03-29: the spring change; Paris is UTC+1 before 01:00 UTC and UTC+2 after.
    const from = Date.parse('2026-03-28T00:00:00Z');
    const to = Date.parse('2026-03-30T00:00:00Z');
    expect(nightIntervals(from, to).map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])).toEqual([
      ['2026-03-28T00:00:00.000Z', '2026-03-28T06:00:00.000Z'],
      ['2026-03-28T19:00:00.000Z', '2026-03-29T05:00:00.000Z'],
      ['2026-03-29T18:00:00.000Z', '2026-03-30T00:00:00.000Z'],
    ]);
    for (const [a, b] of nightIntervals(from, to)) {
      for (let t = a; t < b; t += HOUR / 2) expect(nightIntl(t)).toBe(true);
      expect(nightIntl(b)).toBe(b === to);
    }
  });
});
