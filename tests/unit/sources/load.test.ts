import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceManager } from '../../../main/sources/manager';
import { createSource } from '../../../main/sources/service';
import type { Db } from '../../../main/store/db';
import { countEvents, freePort, managerDeps, rowCounters, sendTcp, sourcesVault, waitFor } from './helpers';

const TCP_MESSAGES = 20_000;
const TCP_CONNECTIONS = 4;
const UDP_MESSAGES = 5_000;

/** Message n: RFC 5424, RFC 3164 or CEF-in-syslog, each unique. */
function message(n: number): string {
  const ts = new Date(Date.UTC(2026, 2, 2, 10, 0, 0) + n * 37).toISOString();
  switch (n % 3) {
    case 0:
      return `<134>1 ${ts} sri-idp-01 keycloak 812 LOGIN [vigie@32473 seq="${n}" user="u${n % 97}"] user u${n % 97} logged in`;
    case 1:
      return `<38>Mar  2 10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} pacs-01 sshd[${n}]: Accepted publickey for admin from 10.1.2.${n % 250} port ${1024 + n}`;
    default:
      return `<134>1 ${ts} fw01 cef - - - CEF:0|Vigie|LoadTest|1.0|${100 + (n % 7)}|Login ${n}|3|src=10.0.0.${n % 250} suser=user${n} msg=n\\=${n}`;
  }
}

describe('loopback syslog load (bounded): every message stored or visibly counted', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let manager: SourceManager;

  beforeEach(async () => {
    ({ db, dispose } = await sourcesVault());
    // Small queue and batches so that TCP backpressure (pause/resume) really happens.
    manager = new SourceManager({ ...managerDeps(db), sink: { maxQueue: 1000, maxBatch: 500, maxDelayMs: 50 } });
  });
  afterEach(async () => {
    await manager.stopAll();
    await dispose();
  });

  it(`${TCP_MESSAGES} messages over ${TCP_CONNECTIONS} TCP connections and ${UDP_MESSAGES} UDP datagrams`, async () => {
    const tcpPort = await freePort('tcp');
    const udpPort = await freePort('udp');
    const tcp = await createSource(db, { name: 'load-tcp', kind: 'syslog-tcp', config: { port: tcpPort } }, manager);
    const udp = await createSource(db, { name: 'load-udp', kind: 'syslog-udp', config: { port: udpPort } }, manager);

    const perConnection = TCP_MESSAGES / TCP_CONNECTIONS;
    const senders = Array.from({ length: TCP_CONNECTIONS }, (_v, c) => {
      const body: string[] = [];
      for (let i = 0; i < perConnection; i++) {
        const n = c * perConnection + i;
        const m = message(n);
        // Half the connections use octet counting, half LF framing.
        body.push(c % 2 === 0 ? `${Buffer.byteLength(m)} ${m}` : `${m}\n`);
      }
      const text = Buffer.from(body.join(''));
      const chunks: Buffer[] = [];
      for (let at = 0; at < text.length; at += 64 * 1024) chunks.push(text.subarray(at, at + 64 * 1024));
      return sendTcp(tcpPort, chunks, 0);
    });

    // UDP: paced by what the listener has received (closed loop) so the kernel buffer does not overflow.
    const socket = dgram.createSocket('udp4');
    let sent = 0;
    const udpDone = (async () => {
      while (sent < UDP_MESSAGES) {
        const burst = Math.min(100, UDP_MESSAGES - sent);
        for (let i = 0; i < burst; i++) {
          const m = message(TCP_MESSAGES + sent + i);
          await new Promise<void>((r, j) => socket.send(m, udpPort, '127.0.0.1', (e) => (e ? j(e) : r())));
        }
        sent += burst;
        const target = sent;
        await waitFor(() => (manager.health(udp.id)?.received ?? 0) >= target, 20_000, 'udp receiver');
      }
    })();

    await Promise.all([...senders, udpDone]);
    socket.close();
    await waitFor(() => {
      const t = manager.health(tcp.id);
      const u = manager.health(udp.id);
      return (
        !!t && !!u && t.received === TCP_MESSAGES && t.stored + t.quarantined + t.duplicates === TCP_MESSAGES &&
        u.received === UDP_MESSAGES && u.stored + u.quarantined + u.duplicates + u.dropped === UDP_MESSAGES
      );
    }, 120_000, () => `all messages accounted for: ${JSON.stringify([manager.health(tcp.id), manager.health(udp.id)])}`);

    const t = manager.health(tcp.id)!;
    const u = manager.health(udp.id)!;
    expect(t.dropped).toBe(0);
    expect(t.stored).toBe(TCP_MESSAGES); // all well-formed
    expect(u.stored + u.dropped).toBe(UDP_MESSAGES);
    expect(await countEvents(db, tcp.id)).toBe(t.stored);
    expect(await countEvents(db, udp.id)).toBe(u.stored);

    // Counters persisted to the rows (stop flushes them).
    await manager.stop(tcp.id);
    await manager.stop(udp.id);
    const { sourceId: _a, status: _b, lastOkAt: _c, lastError: _d, ...tc } = t;
    const { sourceId: _e, status: _f, lastOkAt: _g, lastError: _h, ...uc } = u;
    expect(await rowCounters(db, tcp.id)).toEqual(tc);
    expect(await rowCounters(db, udp.id)).toEqual(uc);
  });

  it('UDP overload with a full queue: drops are counted, received = stored + quarantined + duplicates + dropped', async () => {
    await manager.stopAll();
    manager = new SourceManager({ ...managerDeps(db), sink: { maxQueue: 50, maxBatch: 50, maxDelayMs: 1000 } });
    const port = await freePort('udp');
    const { id } = await createSource(db, { name: 'flood', kind: 'syslog-udp', config: { port } }, manager);
    const socket = dgram.createSocket('udp4');
    const total = 1000;
    for (let i = 0; i < total; i++) {
      await new Promise<void>((r, j) => socket.send(message(i), port, '127.0.0.1', (e) => (e ? j(e) : r())));
    }
    socket.close();
    await waitFor(() => (manager.health(id)?.received ?? 0) >= total - 900, 10_000, 'flood received');
    await new Promise((r) => setTimeout(r, 300));
    await manager.stop(id); // flushes the queue and samples the kernel's own drops
    const c = await rowCounters(db, id);
    expect(c.dropped).toBeGreaterThan(0);
    expect(c.received).toBe(c.stored + c.quarantined + c.duplicates + c.dropped);
    // Datagrams lost in the kernel are counted too (Linux): nothing sent is unaccounted for.
    if (process.platform === 'linux') expect(c.received).toBe(total);
    expect(await countEvents(db, id)).toBe(c.stored);
  });
});
