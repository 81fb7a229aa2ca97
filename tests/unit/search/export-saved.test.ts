import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchHandlers } from '../../../main/api/handlers/search';
import type { HandlerCtx } from '../../../main/api/handlers/context';
import type { EventDbRow } from '../../../main/events/columns';
import { SEVERITIES } from '../../../main/api/contract';
import { EventBus } from '../../../main/engine/bus';
import { VaultSession } from '../../../main/engine/session';
import { writeEvents } from '../../../main/events/writer';
import { csvCell, toCsv } from '../../../main/search/csv';
import { CSV_COLUMNS } from '../../../main/search/export';
import { DAY, HOSTILE, NOW } from './fixture';
import { makeEvent } from '../events/factory';

/** The handlers over a real VaultSession (encrypted vault, operator, audit_log). */
let dir: string;
let session: VaultSession;
let ctx: HandlerCtx;
const logs: unknown[] = [];
const range = { from: new Date(NOW - 2 * DAY).toISOString(), to: new Date(NOW).toISOString() };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigie-search-'));
  session = new VaultSession({ dataDir: dir, bus: new EventBus(), fastKdf: true });
  await session.create('Cèdre-vigilant 7 lanternes sous la pluie', { name: 'Léa RSSI', role: 'rssi' }, false);
  const ordinary = Array.from({ length: 40 }, (_, i) =>
    makeEvent(100 + i, { '@timestamp': new Date(NOW - (i + 1) * 600_000), 'service.name': i % 2 ? 'PACS' : 'SRI' }),
  );
  await writeEvents(session.db(), [...HOSTILE, ...ordinary]);
  const logger = { info: (...a: unknown[]) => logs.push(a) };
  ctx = { session, logger } as unknown as HandlerCtx;
});
afterAll(async () => {
  await session.lock('user');
  await rm(dir, { recursive: true, force: true });
});

const audit = () => session.db().all<{ actor: string; action: string; target: string | null; details: string | null }>(
  'SELECT actor, action, target, details FROM audit_log ORDER BY id',
);

describe('CSV writer (RFC 4180 + formula guard)', () => {
  it('quotes only when needed, doubles quotes, keeps newlines inside quotes, CRLF records', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('semi;colon', ';')).toBe('"semi;colon"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(-5)).toBe('-5');
    expect(toCsv(['a', 'b'], [['1', null], ['x"y', 'z\r\n']])).toBe('a,b\r\n1,\r\n"x""y","z\r\n"\r\n');
  });

  it('prefixes cells a spreadsheet would evaluate', () => {
    for (const v of ['=1+1', '+33 6', '-rm', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(v).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('search.export', () => {
  it('CSV round-trips through csv-parse, guarded, and is recorded with the operator in exports and audit_log', async () => {
    const out = await searchHandlers['search.export']({ ...range, query: '', format: 'csv', maxRows: 10_000, sort: 'desc' }, ctx);
    expect(out).toMatchObject({ mime: 'text/csv;charset=utf-8', rows: 44, truncated: false });
    expect(out.filename).toMatch(/^vigie-evenements-\d{8}-\d{6}\.csv$/);
    const records = parse(out.content, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual([...CSV_COLUMNS]);
    const rows = await session.db().all<EventDbRow>('SELECT * FROM events WHERE ts >= ? AND ts < ? ORDER BY ts DESC, id DESC', [
      Date.parse(range.from),
      Date.parse(range.to),
    ]);
    expect(records.map((r) => Number(r.id))).toEqual(rows.map((r) => r.id));
    const guard = (s: string | null) => (s === null ? '' : /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    records.forEach((rec, i) => {
      const r = rows[i];
      expect(rec).toMatchObject({
        '@timestamp': new Date(r.ts).toISOString(),
        'event.severity': SEVERITIES[r.severity],
        'service.name': guard(r.service),
        'user.name': guard(r.user_name),
        'host.name': guard(r.host),
        message: guard(r.message),
        'event.original': guard(r.original),
        'health.break_glass': String(r.break_glass === 1),
      });
    });
    const hostile = records.find((rec) => rec['user.name'] === "o'brien")!;
    expect(hostile.message).toBe(`'=HYPERLINK("http://evil") "quoted", comma; newline\nsecond line`);
    expect(records.find((rec) => rec['user.name'] === "'@admin")).toBeDefined();

    const list = await searchHandlers['search.exports.list']({ limit: 10, offset: 0 }, ctx);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ actor: 'Léa RSSI', query: '', format: 'csv', rows: 44, filename: out.filename, ...range });
    expect(list.items[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({ actor: 'Léa RSSI', action: 'search.export', target: out.filename });
    expect(JSON.parse(last.details!)).toMatchObject({ exportId: out.exportId, format: 'csv', rows: 44, query: '' });
  });

  it('JSON export holds full events; maxRows truncates and says so', async () => {
    const out = await searchHandlers['search.export']({ ...range, query: 'service:PACS', format: 'json', maxRows: 5, sort: 'asc' }, ctx);
    expect(out).toMatchObject({ mime: 'application/json', rows: 5, truncated: true });
    const events = JSON.parse(out.content) as Record<string, unknown>[];
    expect(events).toHaveLength(5);
    expect(events.every((e) => e['service.name'] === 'PACS')).toBe(true);
    expect(events[0]).toHaveProperty('event.original');
    expect(Date.parse(events[0]['@timestamp'] as string)).toBeLessThan(Date.parse(events[4]['@timestamp'] as string));
    const list = await searchHandlers['search.exports.list']({ limit: 10, offset: 0 }, ctx);
    expect(list.items.map((e) => [e.format, e.rows, e.query])).toEqual([
      ['json', 5, 'service:PACS'],
      ['csv', 44, ''],
    ]);
  });

  it('refuses a malformed query without recording anything', async () => {
    const before = (await searchHandlers['search.exports.list']({ limit: 10, offset: 0 }, ctx)).total;
    await expect(
      searchHandlers['search.export']({ ...range, query: 'user:"x', format: 'csv', maxRows: 10, sort: 'desc' }, ctx),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { position: 5, expected: ['"'] } });
    expect((await searchHandlers['search.exports.list']({ limit: 10, offset: 0 }, ctx)).total).toBe(before);
  });
});

describe('saved searches', () => {
  it('save, replace by name, update by id, list, delete; the query must parse', async () => {
    const a = await searchHandlers['search.saved.save']({ name: 'Échecs SRI', query: 'service:SRI outcome:failure', from: 'now-24h', to: 'now' }, ctx);
    expect(a).toMatchObject({ name: 'Échecs SRI', owner: 'Léa RSSI', from: 'now-24h', to: 'now' });
    const again = await searchHandlers['search.saved.save']({ name: 'Échecs SRI', query: 'service:SRI -outcome:success', from: 'now-7d', to: 'now' }, ctx);
    expect(again.id).toBe(a.id);
    expect(again.query).toBe('service:SRI -outcome:success');
    const b = await searchHandlers['search.saved.save']({ name: 'Bris de glace', query: 'break_glass:true', from: '2026-11-01', to: 'now' }, ctx);
    await expect(
      searchHandlers['search.saved.save']({ id: b.id, name: 'Échecs SRI', query: 'x', from: 'now-1h', to: 'now' }, ctx),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const renamed = await searchHandlers['search.saved.save']({ id: b.id, name: 'Bris de glace (30 j)', query: 'break_glass:true', from: 'now-30d', to: 'now' }, ctx);
    expect(renamed).toMatchObject({ id: b.id, name: 'Bris de glace (30 j)', from: 'now-30d' });
    expect((await searchHandlers['search.saved.list']({}, ctx)).map((s) => s.name)).toEqual(['Bris de glace (30 j)', 'Échecs SRI']);

    await expect(
      searchHandlers['search.saved.save']({ name: 'Cassée', query: 'user:(a OR', from: 'now-1h', to: 'now' }, ctx),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { position: 10 } });
    await expect(searchHandlers['search.saved.save']({ name: 'Période', query: '', from: 'now', to: 'now-1h' }, ctx)).rejects.toMatchObject({
      code: 'VALIDATION',
    });

    await searchHandlers['search.saved.delete']({ id: a.id }, ctx);
    await expect(searchHandlers['search.saved.delete']({ id: a.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await searchHandlers['search.saved.list']({}, ctx)).map((s) => s.id)).toEqual([b.id]);
    expect((await audit()).filter((r) => r.action.startsWith('search.saved')).map((r) => r.action)).toContain('search.saved.delete');
  });

  it('only the owner (or an admin) changes a saved search', async () => {
    await session.db().run(
      "INSERT INTO saved_searches (name, query, range_from, range_to, owner, created_at, updated_at) VALUES ('À moi', '', 'now-1h', 'now', 'Autre', 1, 1)",
    );
    const other = (await searchHandlers['search.saved.list']({}, ctx)).find((s) => s.owner === 'Autre')!;
    await expect(searchHandlers['search.saved.delete']({ id: other.id }, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('queries naming a patient are audited', () => {
  it('search.query with a pseudonym leaves an audit_log row; others do not', async () => {
    const n = (await audit()).length;
    await searchHandlers['search.query']({ ...range, query: 'service:SRI', limit: 10, offset: 0, sort: 'desc' }, ctx);
    expect((await audit()).length).toBe(n);
    await searchHandlers['search.query']({ ...range, query: 'patient:P-ABCDEFGHIJKLMNOP', limit: 10, offset: 0, sort: 'desc' }, ctx);
    expect((await audit()).at(-1)).toMatchObject({ action: 'search.query', actor: 'Léa RSSI' });
  });
});
