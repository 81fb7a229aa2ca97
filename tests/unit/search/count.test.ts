import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../../main/api/contract';
import type { EventDbRow } from '../../../main/events/columns';
import { writeEvents } from '../../../main/events/writer';
import { countEvents } from '../../../main/search/count';
import { ftsMode, ftsOnlyCount } from '../../../main/search/plan';
import { prepareSearchIn } from '../../../main/search/prepare';
import { makeEvent } from '../events/factory';
import { DAY, ftsMatches, NOW, searchFixture, type SearchFixture } from './fixture';

let f: SearchFixture;
beforeAll(async () => {
  f = await searchFixture();
}, 120_000);
afterAll(async () => f.dispose());

// Deliberately not on the hour: the rollup answers whole hours, events the edges.
const FROM = NOW - 9 * DAY - 37 * 60_000 - 123;
const TO = NOW - 2 * DAY + 11 * 60_000 + 456;
const range = { from: new Date(FROM).toISOString(), to: new Date(TO).toISOString() };

function jsGroups(pred: (e: EventDbRow) => boolean, key: (e: EventDbRow) => string | null, from = FROM, to = TO) {
  const m = new Map<string | null, number>();
  for (const e of f.events) if (e.ts >= from && e.ts < to && pred(e)) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
  return m;
}
const asMap = (groups: { key: string | null; count: number }[]) => new Map(groups.map((g) => [g.key, g.count]));
const sev = (e: EventDbRow) => SEVERITIES[e.severity];

describe('search.count equals plain JS counting', () => {
  it('by severity for a rollup-compatible query (rollup + partial hours)', async () => {
    const r = await countEvents(f.db, { ...range, query: 'service:SRI -outcome:success', groupBy: 'event.severity' }, NOW);
    const want = jsGroups((e) => e.service === 'SRI' && e.outcome !== 'success', sev);
    expect(asMap(r.groups)).toEqual(want);
    expect(r.total).toBe([...want.values()].reduce((a, b) => a + b, 0));
  });

  it('by severity for free text (events and FTS)', async () => {
    const r = await countEvents(f.db, { ...range, query: 'connexion', groupBy: 'event.severity' }, NOW);
    expect(asMap(r.groups)).toEqual(jsGroups((e) => ftsMatches(e, 'connexion'), sev));
  });

  it('by service, outcome and break-glass', async () => {
    const all = () => true;
    expect(asMap((await countEvents(f.db, { ...range, query: '', groupBy: 'service.name' }, NOW)).groups)).toEqual(jsGroups(all, (e) => e.service));
    expect(asMap((await countEvents(f.db, { ...range, query: 'severity:info', groupBy: 'event.outcome' }, NOW)).groups)).toEqual(
      jsGroups((e) => e.severity === 0, (e) => e.outcome),
    );
    expect(asMap((await countEvents(f.db, { ...range, query: 'service:Portail-Coordination', groupBy: 'health.break_glass' }, NOW)).groups)).toEqual(
      jsGroups((e) => e.service === 'Portail-Coordination', (e) => String(e.break_glass === 1)),
    );
  });

  it('top users of the unfiltered range (rollup_user_day + edges), absent user as null', async () => {
    const r = await countEvents(f.db, { ...range, query: '', groupBy: 'user.name', top: 100 }, NOW);
    expect(asMap(r.groups)).toEqual(jsGroups(() => true, (e) => e.user_name));
    const top3 = await countEvents(f.db, { ...range, query: '', groupBy: 'user.name', top: 3 }, NOW);
    expect(top3.groups).toEqual(r.groups.slice(0, 3));
    expect(top3.total).toBe(r.total);
  });

  it('top source addresses and hosts of the unfiltered range (day rollups + edges)', async () => {
    const ips = await countEvents(f.db, { ...range, query: '', groupBy: 'source.ip', top: 100 }, NOW);
    const want = jsGroups(() => true, (e) => e.source_ip);
    expect(ips.groups).toHaveLength(Math.min(100, want.size));
    for (const g of ips.groups) expect(g.count).toBe(want.get(g.key));
    const hosts = await countEvents(f.db, { ...range, query: '', groupBy: 'host.name', top: 100 }, NOW);
    expect(asMap(hosts.groups)).toEqual(jsGroups(() => true, (e) => e.host));
  });

  it('by category for a rollup-compatible query', async () => {
    const r = await countEvents(f.db, { ...range, query: 'outcome:failure', groupBy: 'event.category' }, NOW);
    expect(asMap(r.groups)).toEqual(jsGroups((e) => e.outcome === 'failure', (e) => e.category));
  });

  it('top source addresses of a filtered query', async () => {
    const r = await countEvents(f.db, { ...range, query: 'outcome:failure', groupBy: 'source.ip', top: 5 }, NOW);
    const want = [...jsGroups((e) => e.outcome === 'failure', (e) => e.source_ip).entries()]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)))
      .slice(0, 5);
    expect(r.groups).toEqual(want);
  });

  it('time histogram: hourly up to 3 days, daily beyond, empty buckets included', async () => {
    const daily = await countEvents(f.db, { ...range, query: 'service:PACS', groupBy: '@timestamp' }, NOW);
    expect(daily.bucket).toBe('day');
    const firstDay = Math.floor(FROM / DAY) * DAY;
    expect(daily.groups[0].key).toBe(new Date(firstDay).toISOString());
    expect(daily.groups).toHaveLength(Math.ceil((TO - firstDay) / DAY));
    const want = jsGroups((e) => e.service === 'PACS', (e) => new Date(Math.floor(e.ts / DAY) * DAY).toISOString());
    expect(new Map(daily.groups.filter((g) => g.count > 0).map((g) => [g.key, g.count]))).toEqual(want);

    const from = NOW - 2 * DAY - 90 * 60_000;
    const hourly = await countEvents(f.db, { from: new Date(from).toISOString(), to: new Date(NOW).toISOString(), query: 'échec', groupBy: '@timestamp' }, NOW);
    expect(hourly.bucket).toBe('hour');
    const hourKey = (e: EventDbRow) => new Date(Math.floor(e.ts / 3_600_000) * 3_600_000).toISOString();
    expect(new Map(hourly.groups.filter((g) => g.count > 0).map((g) => [g.key, g.count]))).toEqual(
      jsGroups((e) => ftsMatches(e, 'echec'), hourKey, from, NOW),
    );
    expect(hourly.groups.every((g, i) => i === 0 || Date.parse(g.key!) - Date.parse(hourly.groups[i - 1].key!) === 3_600_000)).toBe(true);
  });

  it('common free text: counted in the FTS index alone when exact, by row otherwise', async () => {
    const total = await countEvents(f.db, { ...range, query: 'routine' }, NOW);
    expect(total.total).toBe(jsGroups((e) => ftsMatches(e, 'routine'), () => 'x').get('x'));
    const hist = await countEvents(f.db, { ...range, query: 'routine', groupBy: '@timestamp' }, NOW);
    const day = (e: EventDbRow) => new Date(Math.floor(e.ts / DAY) * DAY).toISOString();
    expect(new Map(hist.groups.filter((g) => g.count > 0).map((g) => [g.key, g.count]))).toEqual(jsGroups((e) => ftsMatches(e, 'routine'), day));
    // The FTS-only count did apply (ids follow time in this vault).
    const p = await prepareSearchIn(f.db, { ...range, query: 'routine' }, NOW);
    const mode = await ftsMode(f.db, p);
    expect(mode.kind).toBe('span');
    expect(await ftsOnlyCount(f.db, p, p.from, p.to, mode)).toBe(total.total);
    const bySev = await countEvents(f.db, { ...range, query: 'routine -medium', groupBy: 'event.severity' }, NOW);
    expect(asMap(bySev.groups)).toEqual(jsGroups((e) => ftsMatches(e, 'routine') && !ftsMatches(e, 'medium'), sev));
  });

  it('a total without grouping, and an empty window', async () => {
    const r = await countEvents(f.db, { ...range, query: 'role:médecin' }, NOW);
    expect(r.total).toBe([...jsGroups((e) => (e.user_role ?? '').split(',').includes('médecin'), () => 'x').values()][0]);
    expect(r.groups).toEqual([]);
    const none = await countEvents(f.db, { ...range, query: `@timestamp:<${new Date(FROM - DAY).toISOString()}` }, NOW);
    expect(none.total).toBe(0);
  });

  // Last: it changes the fixture. Old events arriving late give ids out of time order.
  it('stays exact after a late import (ids no longer follow time)', async () => {
    const late = Array.from({ length: 30 }, (_, i) =>
      makeEvent(5000 + i, { '@timestamp': new Date(FROM + (i + 1) * 3 * 3_600_000), message: `routine tardive ${i}` }),
    );
    await writeEvents(f.db, late);
    const events = await f.db.all<EventDbRow>('SELECT * FROM events');
    const want = events.filter((e) => e.ts >= FROM && e.ts < TO && ftsMatches(e, 'routine')).length;
    expect((await countEvents(f.db, { ...range, query: 'routine' }, NOW)).total).toBe(want);
    const hist = await countEvents(f.db, { ...range, query: 'routine', groupBy: '@timestamp' }, NOW);
    expect(hist.total).toBe(want);
    const p = await prepareSearchIn(f.db, { ...range, query: 'routine' }, NOW);
    expect(await ftsOnlyCount(f.db, p, p.from, p.to, await ftsMode(f.db, p))).toBeNull();
  });
});
