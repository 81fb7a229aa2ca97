import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ImportProgress } from '../../../../main/api/contract';
import type { ImportRow } from '../../../../main/api/ops/ingest';
import { IngestRuntime, type ImportRequest } from '../../../../main/ingest/pipeline/runtime';
import type { PipelineLimits } from '../../../../main/ingest/pipeline/limits';
import type { Db } from '../../../../main/store/db';
import { createVault } from '../../../../main/store/vault';

import { FAST_KDF, PASS } from './helpers-const';

export { FAST_KDF, PASS };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

export async function tempDir(prefix = 'vigie-ingest-'): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

/** A real encrypted vault (cheap KDF), closed after the test. */
export async function tempVault(): Promise<{ db: Db; dir: string }> {
  const dir = await tempDir('vigie-vault-');
  const { db, key } = await createVault(dir, PASS, { kdf: FAST_KDF, skipStrengthCheck: true });
  key.fill(0);
  cleanups.push(() => db.close());
  return { db, dir };
}

export function runtime(db: Db, limits: Partial<PipelineLimits> = {}): IngestRuntime {
  const rt = new IngestRuntime(db, { limits });
  cleanups.push(() => rt.stop());
  return rt;
}

/** Imports one file and waits for the end; also returns the progress events seen. */
export async function importFile(
  rt: IngestRuntime,
  file: string,
  req: ImportRequest = {},
): Promise<{ row: ImportRow; progress: ImportProgress[] }> {
  const progress: ImportProgress[] = [];
  const off = rt.onProgress((p) => progress.push(p));
  try {
    const [id] = await rt.importPaths([file], req);
    const row = await rt.wait(id);
    if (!row) throw new Error('import vanished');
    return { row, progress: progress.filter((p) => p.importId === id) };
  } finally {
    off();
  }
}

export async function write(dir: string, name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

/** A valid RFC 5424 line, unique per `i`. */
export function syslogLine(i: number): string {
  const ts = new Date(T0 + i * 1000).toISOString();
  return `<86>1 ${ts} sri-idp-0${i % 3} keycloak ${1000 + (i % 50)} LOGIN [meta@32473 user="user${i % 40}"] User user${i % 40} logged in, session ${i}`;
}

/** Valid lines of every line format the registry knows (one each, varied by `i`). */
export function mixedGoodLines(i: number): string[] {
  const ts = new Date(T0 + i * 1000);
  return [
    syslogLine(i),
    `<38>Jan  5 10:00:${String(i % 60).padStart(2, '0')} ror-app01 sshd[4321]: Accepted password for bob from 10.1.2.${i % 250} port 22 ssh2`,
    `CEF:0|Vigie|PACS|1.0|100|Study retrieved|3|src=10.0.0.5 suser=dr.martin act=retrieve cs1=${i}`,
    JSON.stringify({ '@timestamp': ts.toISOString(), event: { action: 'user-login', outcome: 'success' }, user: { name: `carol${i}` }, message: 'login ok' }),
    `10.0.0.9 - dave [05/Jan/2026:10:00:03 +0100] "GET /portail/dossier/${i} HTTP/1.1" 200 5120 "-" "Mozilla/5.0"`,
  ];
}

export async function count(db: Db, table: 'events' | 'quarantine', where = '1 = 1'): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))?.n ?? 0;
}

export function expectBalanced(r: Pick<ImportRow, 'recordsIn' | 'stored' | 'quarantined' | 'duplicates'>): void {
  if (r.recordsIn !== r.stored + r.quarantined + r.duplicates) {
    throw new Error(`in ${r.recordsIn} != stored ${r.stored} + quarantined ${r.quarantined} + duplicates ${r.duplicates}`);
  }
}
