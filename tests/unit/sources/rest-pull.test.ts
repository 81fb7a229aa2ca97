import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceManager } from '../../../main/sources/manager';
import { getSource } from '../../../main/sources/repository';
import { createSource, testSource } from '../../../main/sources/service';
import type { Db } from '../../../main/store/db';
import { countEvents, managerDeps, rowCounters, sourcesVault } from './helpers';

const USER = 'collecteur';
const PASSWORD = 'Pw-rest-58Gh2kLq';
const T0 = Date.parse('2026-03-02T09:00:00Z');

interface Item {
  id: string;
  '@timestamp': string;
  [k: string]: unknown;
}

function item(n: number, at = T0 + n * 1000): Item {
  return {
    id: `evt-${n}`,
    '@timestamp': new Date(at).toISOString(),
    event: { action: 'patient-record-read', category: 'database', outcome: 'success' },
    user: { name: `dr.user${n % 5}` },
    service: { name: 'Portail-Coordination' },
    message: `Lecture du dossier ${n}`,
  };
}

/** A JSON API: GET /api/logs?since=<iso>&limit=<n> → { data: { items: [...] } }, items strictly after `since`. */
async function startApi(items: Item[], inclusive = false) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    const since = url.searchParams.get('since');
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const at = since ? Date.parse(since) : -Infinity;
    const page = items
      .filter((i) => (inclusive ? Date.parse(i['@timestamp']) >= at : Date.parse(i['@timestamp']) > at))
      .sort((a, b) => Date.parse(a['@timestamp']) - Date.parse(b['@timestamp']))
      .slice(0, limit);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { items: page } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/logs`;
  return { url, requests, items, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('generic JSON REST pull with a cursor', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let manager: SourceManager;
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeEach(async () => {
    ({ db, dispose } = await sourcesVault());
    manager = new SourceManager(managerDeps(db));
  });
  afterEach(async () => {
    await manager.stopAll();
    await api?.close();
    await dispose();
  });

  async function restSource(secret = PASSWORD): Promise<number> {
    const row = await createSource(
      db,
      {
        name: 'API portail',
        kind: 'rest',
        config: {
          url: api.url,
          itemsPath: 'data.items',
          timestampField: '@timestamp',
          idField: 'id',
          pageSizeParam: 'limit',
          pageSize: 10,
          format: 'ecs',
          auth: { type: 'basic', username: USER },
        },
        secret,
      },
      manager,
    );
    return row.id;
  }

  it('pages with the cursor, stores each item once, then only new ones', async () => {
    api = await startApi(Array.from({ length: 25 }, (_v, n) => item(n)));
    const id = await restSource();
    const first = await manager.runConnector(id);
    expect(first).toMatchObject({ pages: 3, fetched: 25, stored: 25, quarantined: 0, duplicates: 0 });
    expect(api.requests[0]).toBe('/api/logs?limit=10');
    expect(api.requests[1]).toBe(`/api/logs?since=${encodeURIComponent(api.items[9]['@timestamp'])}&limit=10`);
    expect(await countEvents(db, id)).toBe(25);
    expect((await getSource(db, id)).state.cursor).toBe(api.items[24]['@timestamp']);

    const second = await manager.runConnector(id);
    expect(second).toMatchObject({ pages: 1, fetched: 0, stored: 0 });

    api.items.push(item(100), item(101));
    const third = await manager.runConnector(id);
    expect(third).toMatchObject({ stored: 2, duplicates: 0 });
    expect(await countEvents(db, id)).toBe(27);
    expect(await rowCounters(db, id)).toEqual({ received: 27, stored: 27, quarantined: 0, duplicates: 0, dropped: 0 });
  });

  it('a crash between pages neither duplicates nor skips; an inclusive server does not double either', async () => {
    // Items 9 and 10 share a timestamp across the page boundary; the server answers "at or after" the cursor.
    const items = Array.from({ length: 25 }, (_v, n) => item(n, T0 + (n === 10 ? 9 : n) * 1000));
    api = await startApi(items, true);
    const id = await restSource();
    await expect(
      manager.runConnector(id, {
        afterPage: (p) => {
          if (p === 1) throw new Error('simulated crash after page 1');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(await countEvents(db, id)).toBe(10);
    const rerun = await manager.runConnector(id);
    expect(rerun.duplicates).toBe(0);
    expect(await countEvents(db, id)).toBe(25);
    const again = await manager.runConnector(id);
    expect(again.stored + again.duplicates).toBe(0);
    expect(await rowCounters(db, id)).toMatchObject({ received: 25, stored: 25, duplicates: 0 });
  });

  it('quarantines an item that cannot be parsed and moves on', async () => {
    const items = [item(1), { id: 'evt-bad', '@timestamp': new Date(T0 + 2000).toISOString(), nested: nest(200) } as Item, item(3)];
    api = await startApi(items);
    const id = await restSource();
    const r = await manager.runConnector(id);
    expect(r.received).toBe(3);
    expect(r.stored + r.quarantined).toBe(3);
    expect(r.quarantined).toBe(1);
    const q = await db.get<{ code: string; origin: string; position: string }>('SELECT code, origin, position FROM quarantine WHERE source_id = ?', [id]);
    expect(q).toMatchObject({ code: 'too-deep', origin: 'API portail', position: 'élément 2 (page 1)' });
    // Fetched again (the server ignores nothing): the quarantined item is recognised, not re-quarantined.
    await db.run('UPDATE sources SET state = NULL WHERE id = ?', [id]);
    const again = await manager.runConnector(id);
    expect(again).toMatchObject({ stored: 0, quarantined: 0, duplicates: 3 });
  });

  it('a 401 leaves a clean error in last_error and in sources.test, without the password', async () => {
    api = await startApi([item(1)]);
    const id = await restSource('wrong-password-123');
    await expect(manager.runConnector(id)).rejects.toThrow(`HTTP 401 Unauthorized from ${api.url}`);
    const row = await db.get<{ last_error: string }>('SELECT last_error FROM sources WHERE id = ?', [id]);
    expect(row?.last_error).toBe(`HTTP 401 Unauthorized from ${api.url}`);
    const test = await testSource(db, { id }, manager);
    expect(test).toMatchObject({ ok: false, message: `HTTP 401 Unauthorized from ${api.url}` });
    expect(JSON.stringify(test)).not.toContain('wrong-password');
    expect(await countEvents(db, id)).toBe(0);
  });
});

function nest(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
