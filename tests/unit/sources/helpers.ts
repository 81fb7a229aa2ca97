import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../../../main/engine/bus';
import { JobRegistry } from '../../../main/jobs/registry';
import { MemoryJobRunStore } from '../../../main/jobs/run-store';
import type { Logger } from '../../../main/logging/logger';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import type { Db } from '../../../main/store/db';
import { migrate } from '../../../main/store/migrate';
import { MIGRATIONS } from '../../../main/store/migrations';
import { migration005 } from '../../../main/store/migrations/005_ingest';
import { openTempVault } from '../events/vault-fixture';
import { captureLogger } from '../jobs/helpers';
import { sharedFixtures } from '../../support/shared-fixtures';

export const FIXTURES = sharedFixtures();

/** A real encrypted vault with the ingest schema (migration 005 applied even before it is registered). */
export async function sourcesVault(): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const vault = await openTempVault();
  if (!MIGRATIONS.some((m) => m.version === 5)) await migrate(vault.db, [...MIGRATIONS, migration005]);
  return { db: vault.db, dispose: vault.dispose };
}

export function testPseudonymiser(): Pseudonymiser {
  return Pseudonymiser.fromKey(randomBytes(32));
}

export function managerDeps(db: Db, logger: Logger = captureLogger()) {
  const bus = new EventBus();
  const jobs = new JobRegistry({ store: new MemoryJobRunStore(), logger, bus, isVaultOpen: () => db.isOpen });
  return { db, bus, jobs, logger, pseudonymiser: testPseudonymiser(), healthIntervalMs: 100 };
}

/** A port free right now on 127.0.0.1 (the OS picks it, then it is released). */
export async function freePort(kind: 'tcp' | 'udp'): Promise<number> {
  if (kind === 'udp') {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const port = s.address().port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timeout waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sendUdp(port: number, messages: (string | Buffer)[]): Promise<void> {
  const socket = dgram.createSocket('udp4');
  return (async () => {
    for (const m of messages) {
      await new Promise<void>((resolve, reject) => socket.send(m, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
    }
    await new Promise<void>((r) => socket.close(() => r()));
  })();
}

/** Opens a TCP connection, writes each chunk (waiting a tick between them), closes. */
export async function sendTcp(port: number, chunks: (string | Buffer)[], pauseMs = 5): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  for (const c of chunks) {
    if (!socket.write(c)) await new Promise((r) => socket.once('drain', r));
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}

/** RFC 5424 / RFC 3164 example lines (fixtures/rfc-syslog) and the jc CEF lines. */
export function fixtureLines(): { rfc5424: string[]; rfc3164: string[]; cef: string[] } {
  const read = (f: string) => JSON.parse(readFileSync(path.join(FIXTURES, 'rfc-syslog', f), 'utf8')) as {
    examples: { line?: string; line_as_printed_in_rfc?: string }[];
  };
  const rfc5424 = read('rfc5424_section6.5_examples.json').examples.map((e) =>
    (e.line_as_printed_in_rfc as string).replace('BOM', '\ufeff'),
  );
  const rfc3164 = read('rfc3164_section5.4_examples.json').examples.map((e) => e.line as string);
  const cef = readFileSync(path.join(FIXTURES, 'jc-parsers', 'cef.out'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('CEF:'));
  return { rfc5424, rfc3164, cef };
}

/** A self-signed certificate + key (PEM bundle) made with openssl, or null when openssl is missing. */
export function selfSignedBundle(cn = 'localhost'): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem',
        '-days', '365', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn},IP:127.0.0.1`],
      { cwd: dir, stdio: 'ignore' },
    );
    return readFileSync(path.join(dir, 'cert.pem'), 'utf8') + readFileSync(path.join(dir, 'key.pem'), 'utf8');
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function certOf(bundle: string): string {
  return /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(bundle)?.[0] ?? '';
}

export interface SourceRowCounts {
  received: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  dropped: number;
}

export async function rowCounters(db: Db, id: number): Promise<SourceRowCounts> {
  const row = await db.get<SourceRowCounts>(
    'SELECT received, stored, quarantined, duplicates, dropped FROM sources WHERE id = ?',
    [id],
  );
  if (!row) throw new Error(`no source ${id}`);
  return row;
}

export async function countEvents(db: Db, sourceId: number): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE source_id = ?', [sourceId]))?.n ?? 0;
}
