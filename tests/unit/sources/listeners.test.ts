import net from 'node:net';
import tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../../main/api/contract';
import { SourceManager } from '../../../main/sources/manager';
import { createSource } from '../../../main/sources/service';
import type { Db } from '../../../main/store/db';
import {
  certOf,
  countEvents,
  fixtureLines,
  freePort,
  managerDeps,
  rowCounters,
  selfSignedBundle,
  sendTcp,
  sendUdp,
  sourcesVault,
  waitFor,
} from './helpers';

const lines = fixtureLines();
// Lines every conforming syslog/CEF parser must store (RFC 3164 examples 3 and 4 are non-conforming headers).
const GOOD = [...lines.rfc5424, ...lines.rfc3164.slice(0, 2), ...lines.cef];
const ALL = [...lines.rfc5424, ...lines.rfc3164, ...lines.cef];
// Octet counting frames SYSLOG-MSGs (they start with a PRI): CEF travels inside an RFC 5424 message there.
const SYSLOG = [
  ...lines.rfc5424,
  ...lines.rfc3164.slice(0, 2),
  ...lines.cef.map((l) => `<134>1 2026-03-02T10:00:00.000Z fw01.example.org cef - - - ${l}`),
];
const octetCounted = (msgs: string[]) => Buffer.concat(msgs.map((l) => Buffer.from(`${Buffer.byteLength(l)} ${l}`)));

function balanced(h: SourceHealth): boolean {
  return h.received === h.stored + h.quarantined + h.duplicates + h.dropped;
}

describe('syslog listeners', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let manager: SourceManager;
  let deps: ReturnType<typeof managerDeps>;
  const healthEvents: SourceHealth[] = [];

  beforeEach(async () => {
    ({ db, dispose } = await sourcesVault());
    deps = managerDeps(db);
    healthEvents.length = 0;
    deps.bus.subscribe('source.health', (h) => healthEvents.push(h));
    manager = new SourceManager(deps);
  });
  afterEach(async () => {
    await manager.stopAll();
    await dispose();
  });

  async function settled(id: number, expected: number): Promise<SourceHealth> {
    await waitFor(() => {
      const h = manager.health(id);
      return !!h && h.received === expected && balanced(h);
    }, 20_000, () => `source ${id} to account for ${expected} messages (${JSON.stringify(manager.health(id))})`);
    return manager.health(id) as SourceHealth;
  }

  async function originals(id: number): Promise<string[]> {
    return (await db.all<{ original: string }>('SELECT original FROM events WHERE source_id = ? ORDER BY id', [id])).map((r) => r.original);
  }

  it('UDP: stores RFC 5424, RFC 3164 and CEF datagrams; one datagram = one message; bad bytes quarantined', async () => {
    const port = await freePort('udp');
    const { id } = await createSource(db, { name: 'udp', kind: 'syslog-udp', config: { port, service: 'SRI' } }, manager);
    const invalid = Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xff, 0xfe, 0x41]); // "<13>" + invalid UTF-8
    await sendUdp(port, [...ALL, invalid, ALL[0]]);
    const h = await settled(id, ALL.length + 2);
    expect(h.dropped).toBe(0);
    const stored = await originals(id);
    for (const line of GOOD) expect(stored.some((o) => o.includes(line.replace('\ufeff', '').slice(-30)))).toBe(true);
    // The same line received twice is two events.
    expect(stored.filter((o) => o === stored[0]).length).toBeGreaterThanOrEqual(2);
    const q = await db.all<{ code: string; origin: string; position: string; raw: Buffer }>(
      'SELECT code, origin, position, raw FROM quarantine WHERE source_id = ?',
      [id],
    );
    const bad = q.find((r) => r.code === 'invalid-utf8');
    expect(bad).toMatchObject({ origin: 'udp' });
    expect(bad?.position).toMatch(/^frame \d+ \(127\.0\.0\.1:\d+\)$/);
    expect(Buffer.compare(bad?.raw as Buffer, invalid)).toBe(0);
    expect(h.quarantined).toBe(q.length);
    expect(await countEvents(db, id)).toBe(h.stored);
    const svc = await db.get<{ n: number }>("SELECT count(*) AS n FROM events WHERE source_id = ? AND service = 'SRI'", [id]);
    expect(svc?.n).toBeGreaterThan(0);
  });

  it('UDP: a datagram over maxMessageBytes is quarantined (too-long) with its first bytes', async () => {
    const port = await freePort('udp');
    const { id } = await createSource(db, { name: 'udp-small', kind: 'syslog-udp', config: { port, maxMessageBytes: 512 } }, manager);
    const big = `<13>1 2026-03-02T10:00:00Z h app - - - ${'y'.repeat(2000)}`;
    await sendUdp(port, [big, lines.rfc5424[1]]);
    const h = await settled(id, 2);
    expect(h).toMatchObject({ stored: 1, quarantined: 1, dropped: 0 });
    const q = await db.get<{ code: string; reason: string; raw: Buffer }>('SELECT code, reason, raw FROM quarantine WHERE source_id = ?', [id]);
    expect(q?.code).toBe('too-long');
    expect(q?.reason).toContain(`datagramme de ${Buffer.byteLength(big)} octets (maximum 512)`);
    expect(q?.raw.length).toBe(512);
  });

  it('TCP: LF lines and an octet-counted stream split across writes', async () => {
    const port = await freePort('tcp');
    const { id } = await createSource(db, { name: 'tcp', kind: 'syslog-tcp', config: { port } }, manager);
    await sendTcp(port, [ALL.join('\n') + '\n']);
    await settled(id, ALL.length);

    const framed = octetCounted(SYSLOG);
    // Cut at awkward places: inside a length prefix, right after the space, in the middle of a message.
    const cuts = [1, 2, 3, 17, 60, 61, 200, framed.length - 5];
    const chunks: Buffer[] = [];
    let at = 0;
    for (const c of cuts) {
      chunks.push(framed.subarray(at, c));
      at = c;
    }
    chunks.push(framed.subarray(at));
    await sendTcp(port, chunks, 15);
    const h = await settled(id, ALL.length + SYSLOG.length);
    expect(h.dropped).toBe(0);
    const stored = await originals(id);
    const octet = stored.slice(-SYSLOG.length);
    // Every octet-counted message came out whole (no prefix, nothing glued).
    for (const o of octet) expect(o).not.toMatch(/^\d+ </);
    expect(h.stored).toBe(await countEvents(db, id));
    expect(h.stored).toBeGreaterThanOrEqual(GOOD.length + SYSLOG.length);
    for (const l of lines.cef) expect(octet.some((o) => o.endsWith(l.slice(-40)))).toBe(true);
  });

  it('TCP: an over-long frame is quarantined (too-long) and the stream goes on', async () => {
    const port = await freePort('tcp');
    const { id } = await createSource(db, { name: 'tcp-long', kind: 'syslog-tcp', config: { port, maxFrameBytes: 1024 } }, manager);
    const long = `<13>1 2026-03-02T10:00:00Z h app - - - ${'x'.repeat(5000)}`;
    await sendTcp(port, [`${lines.rfc5424[1]}\n${long}\n${lines.rfc5424[1]}\n`]);
    const h = await settled(id, 3);
    expect(h).toMatchObject({ stored: 2, quarantined: 1, dropped: 0 });
    const q = await db.get<{ code: string; reason: string; position: string }>('SELECT code, reason, position FROM quarantine WHERE source_id = ?', [id]);
    expect(q?.code).toBe('too-long');
    expect(q?.position).toMatch(/^frame 2 /);
    expect(q?.reason).toContain('maximum 1024');
  });

  it('TCP: connection limit and idle timeout', async () => {
    const port = await freePort('tcp');
    await createSource(db, { name: 'tcp-lim', kind: 'syslog-tcp', config: { port, maxConnections: 1, idleTimeoutSeconds: 1 } }, manager);
    const first = net.connect(port, '127.0.0.1');
    await new Promise((r) => first.once('connect', r));
    const firstClosed = new Promise<number>((r) => first.once('close', () => r(Date.now())));
    await new Promise((r) => setTimeout(r, 100));
    const second = net.connect(port, '127.0.0.1');
    second.on('error', () => undefined);
    const secondClosed = await new Promise<boolean>((r) => {
      second.once('close', () => r(true));
      setTimeout(() => r(false), 900);
    });
    expect(secondClosed).toBe(true); // refused while the first one holds the only slot
    const start = Date.now();
    const closedAt = await firstClosed; // closed by the idle timeout, not by us
    expect(closedAt - start).toBeLessThan(3000);
  });

  const bundle = selfSignedBundle();
  it.skipIf(bundle === null)('TLS: receives over TLS with the vault-stored certificate (openssl needed)', async () => {
    const port = await freePort('tcp');
    const { id, hasSecret } = await createSource(db, { name: 'tls', kind: 'syslog-tls', config: { port }, secret: bundle as string }, manager);
    expect(hasSecret).toBe(true);
    const socket = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: certOf(bundle as string) });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    expect(socket.authorized).toBe(true);
    const framed = octetCounted(SYSLOG);
    socket.write(framed.subarray(0, 50));
    await new Promise((r) => setTimeout(r, 20));
    socket.end(framed.subarray(50));
    const h = await settled(id, SYSLOG.length);
    expect(h.stored).toBe(SYSLOG.length);
    // Plain TCP on the TLS port stores nothing.
    await sendTcp(port, [`${lines.rfc5424[0]}\n`]).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(manager.health(id)?.received).toBe(SYSLOG.length);
  });

  it('counters are persisted to the sources row and announced as source.health', async () => {
    const port = await freePort('udp');
    const { id } = await createSource(db, { name: 'udp-p', kind: 'syslog-udp', config: { port } }, manager);
    await sendUdp(port, GOOD);
    const live = await settled(id, GOOD.length);
    await waitFor(async () => {
      const c = await rowCounters(db, id);
      return c.received === GOOD.length && c.stored + c.quarantined === GOOD.length;
    }, 5000, 'persisted counters');
    const { lastOkAt: _ok, lastError: _err, status: _st, sourceId: _id, ...counters } = live;
    expect(await rowCounters(db, id)).toEqual(counters);
    expect(healthEvents.some((e) => e.sourceId === id && e.received === GOOD.length && e.status === 'ok')).toBe(true);
    await manager.stop(id);
    expect(healthEvents[healthEvents.length - 1]).toMatchObject({ sourceId: id, status: 'paused' });
  });

  it('a port already in use gives a clear error on the source', async () => {
    const blocker = net.createServer();
    const port = await freePort('tcp');
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const row = await createSource(db, { name: 'busy', kind: 'syslog-tcp', config: { port } }, manager);
      expect(row.health.status).toBe('error');
      expect(row.health.lastError).toBe(`Port TCP 127.0.0.1:${port} déjà utilisé par un autre programme`);
      const persisted = await db.get<{ last_error: string }>('SELECT last_error FROM sources WHERE id = ?', [row.id]);
      expect(persisted?.last_error).toBe(row.health.lastError);
    } finally {
      blocker.close();
    }
  });
});
