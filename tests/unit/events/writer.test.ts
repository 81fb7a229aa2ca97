import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventToRow, INSERT_COLUMNS } from '../../../main/events/columns';
import { getEvent } from '../../../main/events/queries';
import { defaultFingerprint, writeEvents } from '../../../main/events/writer';
import type { Db } from '../../../main/store/db';
import { makeEvent, prng, randomEvents } from './factory';
import { openTempVault } from './vault-fixture';

let db: Db;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ db, dispose } = await openTempVault());
});
afterEach(async () => dispose());

const rollupHour = () => db.all('SELECT bucket, service, severity, outcome, category, count FROM rollup_hour ORDER BY 1, 2, 3, 4, 5');
const rollupUserDay = () => db.all('SELECT day, user_name, count, failures FROM rollup_user_day ORDER BY 1, 2');
const expectedHour = () =>
  db.all(`SELECT (ts / 3600000) * 3600000 AS bucket, service, severity, outcome, category, count(*) AS count
          FROM events GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`);
const expectedUserDay = () =>
  db.all(`SELECT (ts / 86400000) * 86400000 AS day, user_name, count(*) AS count, sum(outcome = 'failure') AS failures
          FROM events WHERE user_name IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);

describe('writeEvents', () => {
  it('stores every field in its column and reads it back', async () => {
    const e = makeEvent(1, {
      'health.patient.pseudonym': 'P-ABCDEFGHIJKLMNOP',
      'health.object': 'DocumentReference/42',
      'health.purpose_of_use': 'ETREAT',
      'destination.ip': '10.200.0.5',
      'user.roles': ['médecin', 'administrateur'],
      attributes: { 'organization.id': '260018734' },
    });
    expect(await writeEvents(db, [e], { ingestedAt: new Date('2026-03-05T00:00:00Z') })).toEqual({ stored: 1, duplicates: 0 });
    const raw = await db.get<Record<string, unknown>>('SELECT * FROM events');
    expect(raw).toMatchObject({
      ts: Date.parse(e['@timestamp'] as string), ingested: Date.parse('2026-03-05T00:00:00Z'), source_id: null,
      dataset: 'sri.auth', service: 'SRI', host: 'sri-idp-01', app: 'keycloak', severity: 0, category: 'authentication',
      action: 'user-login', outcome: 'success', user_id: 'u-1', user_name: 'alice', user_role: 'médecin,administrateur',
      source_ip: '10.0.0.1', dest_ip: '10.200.0.5', patient: 'P-ABCDEFGHIJKLMNOP', object: 'DocumentReference/42',
      purpose: 'ETREAT', break_glass: 1, message: 'login 1', original: e['event.original'],
      attrs: '{"organization.id":"260018734"}', fingerprint: defaultFingerprint(e),
    });
    const detail = await getEvent(db, raw!.id as number);
    expect(detail).toMatchObject({
      '@timestamp': e['@timestamp'], 'event.severity': 'info', 'user.roles': 'médecin,administrateur',
      'health.break_glass': true, 'event.original': e['event.original'], attributes: { 'organization.id': '260018734' },
      // Every normalized field reaches the detail, not only the list columns.
      'process.name': 'keycloak', 'user.id': 'u-1', 'destination.ip': '10.200.0.5', 'health.object': 'DocumentReference/42',
      'health.patient.pseudonym': 'P-ABCDEFGHIJKLMNOP', 'health.purpose_of_use': 'ETREAT', 'host.name': 'sri-idp-01',
    });
    const { attributes: _a, id: _i, 'event.original': _o, ...fields } = detail;
    const normalized = { ...e, 'user.roles': 'médecin,administrateur', 'event.ingested': '2026-03-05T00:00:00.000Z' };
    for (const [k, v] of Object.entries(fields)) expect([k, v]).toEqual([k, normalized[k as keyof typeof normalized] ?? v]);
    // Every key of a NormalizedEvent (but the original and attributes, shown on their own) is in the detail.
    expect(Object.keys(fields).sort()).toEqual(
      [...new Set([...Object.keys(e), 'event.ingested', 'health.break_glass'])].filter((k) => k !== 'attributes' && k !== 'event.original').sort(),
    );
  });

  it('stores exactly the values of eventToRow: escapes, Unicode, control characters, big integers, NULLs', async () => {
    const tricky = [
      'quote " backslash \\ slash / \\"still\\"',
      'ligne 1\nligne 2\r\n\ttabulée \u0001\u001f\u007f',
      'Échec d’accès — patiente « Zoé » 🏥 \u2028\u2029 \ud83d\ude00',
      '{"not":"an object","n":[1,2]}',
      '12345678901234567890',
      '-0.5e-3',
      'null',
    ];
    const events = tricky.map((t, i) =>
      makeEvent(i, {
        '@timestamp': i === 0 ? '2286-11-20T17:46:39.999Z' : makeEvent(i)['@timestamp'],
        message: t,
        'event.original': `orig ${t}`,
        'user.name': t,
        'host.name': i % 2 ? null : t,
        'health.object': t,
        attributes: {
          text: t, n: 2 ** 53 - 1, f: 0.1 + 0.2, big: 1e21, tiny: 5e-324, neg: -0, exp: -1.5e-7, 'clé "é"': { a: [t, null, true, []], o: {} },
          lone: '\ud800 seul', at: new Date(Date.UTC(2026, 0, 2)), skipped: undefined,
        },
      }),
    );
    const ingested = new Date('2026-03-05T00:00:00Z');
    expect(await writeEvents(db, events, { ingestedAt: ingested, sourceId: 3 })).toEqual({ stored: events.length, duplicates: 0 });
    const stored = await db.all<Record<string, unknown>>(`SELECT ${INSERT_COLUMNS.join(', ')} FROM events ORDER BY id`);
    const expected = events.map((e) => {
      const row = eventToRow(e, { ingested: ingested.getTime(), sourceId: 3, fingerprint: defaultFingerprint(e) });
      return Object.fromEntries(INSERT_COLUMNS.map((c, k) => [c, row[k]]));
    });
    expect(stored).toEqual(expected);
    // The STRICT integer columns really hold integers (not text, not reals).
    const types = await db.all(`SELECT DISTINCT typeof(ts) AS ts, typeof(ingested) AS ingested, typeof(severity) AS severity,
      typeof(break_glass) AS bg, typeof(source_id) AS source_id FROM events`);
    expect(types).toEqual([{ ts: 'integer', ingested: 'integer', severity: 'integer', bg: 'integer', source_id: 'integer' }]);
  });

  it('skips duplicates, within a batch and across writes, without touching the rollups', async () => {
    const events = Array.from({ length: 50 }, (_, i) => makeEvent(i, { 'event.outcome': i % 5 === 0 ? 'failure' : 'success' }));
    expect(await writeEvents(db, [...events, events[3], events[7]])).toEqual({ stored: 50, duplicates: 2 });
    const [hour, user] = [await rollupHour(), await rollupUserDay()];
    expect(await writeEvents(db, events)).toEqual({ stored: 0, duplicates: 50 });
    expect(await rollupHour()).toEqual(hour);
    expect(await rollupUserDay()).toEqual(user);
    // A mixed batch only counts its new events.
    expect(await writeEvents(db, [events[0], makeEvent(999)])).toEqual({ stored: 1, duplicates: 1 });
    expect(await rollupHour()).toEqual(await expectedHour());
    expect(await rollupUserDay()).toEqual(await expectedUserDay());
  });

  it('keeps the rollups equal to a GROUP BY over events after random overlapping batches', async () => {
    const rand = prng(42);
    const pool = randomEvents(rand, 6000);
    let stored = 0;
    for (let round = 0; round < 6; round++) {
      const batch = Array.from({ length: 1 + Math.floor(rand() * 2500) }, () => pool[Math.floor(rand() * pool.length)]);
      stored += (await writeEvents(db, batch)).stored;
      expect(await rollupHour()).toEqual(await expectedHour());
      expect(await rollupUserDay()).toEqual(await expectedUserDay());
    }
    const n = await db.get<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(n!.n).toBe(stored);
    const sum = await db.get<{ n: number }>('SELECT sum(count) AS n FROM rollup_hour');
    expect(sum!.n).toBe(stored);
  }, 60_000);

  it('uses a custom fingerprint and the source id', async () => {
    const a = makeEvent(1);
    const b = makeEvent(2);
    const r = await writeEvents(db, [a, b], { sourceId: 7, fingerprint: () => 'same' });
    expect(r).toEqual({ stored: 1, duplicates: 1 });
    expect(await db.get('SELECT source_id, fingerprint FROM events')).toEqual({ source_id: 7, fingerprint: 'same' });
  });

  it('rejects an invalid event without storing anything', async () => {
    const bad = makeEvent(2, { 'event.severity': 'urgent' as never });
    await expect(writeEvents(db, [makeEvent(1), bad])).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(writeEvents(db, [makeEvent(1, { '@timestamp': 'yesterday' })])).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 0 });
  });

  it('validated: skips the field checks the caller already made, stores the same rows, still parses timestamps', async () => {
    const events = randomEvents(prng(31), 40);
    await writeEvents(db, events, { validated: true, ingestedAt: new Date(0) });
    const { db: other, dispose: disposeOther } = await openTempVault();
    try {
      await writeEvents(other, events, { ingestedAt: new Date(0) });
      const all = `SELECT ${INSERT_COLUMNS.join(', ')} FROM events ORDER BY id`;
      expect(await db.all(all)).toEqual(await other.all(all));
    } finally {
      await disposeOther();
    }
    await expect(writeEvents(db, [makeEvent(1, { '@timestamp': 'yesterday' })], { validated: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    // The messages of validateEvent itself are unchanged.
    await expect(writeEvents(db, [makeEvent(1), makeEvent(2, { message: '  ' })])).rejects.toThrow('Event #1: missing message');
  });

  it('writes nothing for an empty list', async () => {
    expect(await writeEvents(db, [])).toEqual({ stored: 0, duplicates: 0 });
  });
});
