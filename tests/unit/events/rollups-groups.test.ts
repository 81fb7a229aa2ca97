import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSERT_COLUMNS } from '../../../main/events/columns';
import { aggregateRollups, ROLLUP_TABLES } from '../../../main/events/rollups';
import { writeEvents } from '../../../main/events/writer';
import type { Db } from '../../../main/store/db';
import { prng } from './factory';
import { actualRollups, expectedRollups, richEvents } from './rollup-expect';
import { openTempVault } from './vault-fixture';

let db: Db;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ db, dispose } = await openTempVault());
});
afterEach(async () => dispose());

describe('rollups grouped in JS by writeEvents', () => {
  it('equal the GROUP BY over events, batch after batch, calls with and without duplicates', async () => {
    const rand = prng(4242);
    const pool = richEvents(rand, 4000);
    let next = 0;
    for (let round = 0; round < 8; round++) {
      const n = 1 + Math.floor(rand() * 700);
      const fresh = pool.slice(next, next + n);
      next += n;
      // Odd rounds add an already stored event: the stored rows are then found by id (writer.ts insertedRows).
      const batch = round % 2 === 1 ? [...fresh, pool[0]] : fresh;
      const r = await writeEvents(db, batch);
      expect(r.stored).toBe(fresh.length);
      expect(await actualRollups(db)).toEqual(await expectedRollups(db));
    }
    const rollups = await actualRollups(db);
    for (const t of ROLLUP_TABLES) expect(rollups[t].length, t).toBeGreaterThan(0);
    expect(rollups.rollup_access_user_day.some((r) => (r.night as number) > 0)).toBe(true);
    expect(rollups.rollup_break_glass_hour.length).toBeGreaterThan(0);
  }, 120_000);

  it('the same event twice in fresh calls: distinct patients counted once per user-day', async () => {
    const events = richEvents(prng(8), 300).filter((e) => e['health.patient.pseudonym']);
    expect(events.length).toBeGreaterThan(20);
    const half = Math.floor(events.length / 2);
    await writeEvents(db, events.slice(0, half));
    // Same (day, user, patient) again under other fingerprints: new accesses, no new distinct patient.
    await writeEvents(db, events.slice(0, half), { fingerprint: (_e, i) => `again-${i}` });
    await writeEvents(db, events.slice(half));
    expect(await actualRollups(db)).toEqual(await expectedRollups(db));
  });

  it('stores numeric-looking text as text (the groups table keeps values as given)', async () => {
    const [e] = richEvents(prng(3), 1);
    await writeEvents(db, [{ ...e, 'user.name': '0123', 'host.name': '1e3', 'source.ip': '10' }]);
    expect(await db.all("SELECT user_name, typeof(user_name) AS t FROM rollup_user_week")).toEqual([{ user_name: '0123', t: 'text' }]);
    expect(await db.all("SELECT host, typeof(host) AS t FROM rollup_host_day")).toEqual([{ host: '1e3', t: 'text' }]);
    expect(await actualRollups(db)).toEqual(await expectedRollups(db));
  });

  it('groups by exact values: strings that look like numbers stay strings, null users are "" in access tables only', () => {
    const row = (ts: number, user: string | null, patient: string | null, bg = 0) => {
      const r: unknown[] = INSERT_COLUMNS.map(() => null);
      const set = (c: (typeof INSERT_COLUMNS)[number], v: unknown) => (r[INSERT_COLUMNS.indexOf(c)] = v);
      set('ts', ts);
      set('service', 'SRI');
      set('severity', 1);
      set('outcome', 'failure');
      set('category', 'authentication');
      set('user_name', user);
      set('patient', patient);
      set('break_glass', bg);
      return r;
    };
    const c = Object.fromEntries(
      ['ts', 'service', 'host', 'severity', 'category', 'outcome', 'user_name', 'source_ip', 'patient', 'break_glass'].map((k) => [
        k,
        INSERT_COLUMNS.indexOf(k as (typeof INSERT_COLUMNS)[number]),
      ]),
    ) as unknown as Parameters<typeof aggregateRollups>[1];
    const T = Date.parse('2026-03-02T10:00:00Z');
    const groups = aggregateRollups([row(T, '0123', null), row(T + 1, '123', null), row(T + 2, null, 'P-1', 1)], c);
    const users = groups.filter((g) => g[0] === 'user_day').map((g) => [g[2], g[6], g[7]]);
    expect(users).toEqual([['0123', 1, 1], ['123', 1, 1]]);
    expect(groups.filter((g) => g[0] === 'access').map((g) => [g[2], g[3], g[6], g[9]])).toEqual([['', 'P-1', 1, 1]]);
    expect(groups.filter((g) => g[0] === 'break_glass').map((g) => [g[2], g[3]])).toEqual([['SRI', '']]);
    expect(groups.filter((g) => g[0] === 'hour')).toEqual([['hour', Date.parse('2026-03-02T10:00:00Z'), 'SRI', 1, 'failure', 'authentication', 3, 0, 0, 0]]);
    // Monday 2026-03-02 00:00 UTC.
    expect(groups.find((g) => g[0] === 'user_week')?.[1]).toBe(Date.parse('2026-03-02T00:00:00Z'));
  });
});
