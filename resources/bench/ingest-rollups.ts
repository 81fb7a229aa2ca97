/**
 * npx tsx resources/bench/ingest-rollups.ts [--events 200000] [--batch 5000] [--rounds 2]
 *
 * Ingest cost of the dashboard rollups (migration 009, main/events/rollups.ts),
 * measured in ONE run on the same events: `writeEvents` as it was before them
 * (the events INSERT + the two rollups of migration 002, on a vault at schema 8)
 * against the current `writeEvents` (seven rollups, schema 9). Both vaults are
 * encrypted, with the full-text trigger of migration 006. The rounds alternate
 * (before, after, before, after…) so the page cache and the CPU warm up alike;
 * the best round of each is reported, and their ratio.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { backgroundEvents } from '../../main/demo/background';
import { makePatients, makeUsers } from '../../main/demo/people';
import { Rng } from '../../main/demo/rng';
import { eventToRow, INSERT_COLUMNS, toEpochMs, validateEvent } from '../../main/events/columns';
import type { NormalizedEvent } from '../../main/events/types';
import { defaultFingerprint, writeEvents } from '../../main/events/writer';
import { Pseudonymiser } from '../../main/privacy/pseudonym';
import { configureConnection, openKeyed } from '../../main/store/cipher';
import type { Db } from '../../main/store/db';
import { migrate } from '../../main/store/migrate';
import { MIGRATIONS } from '../../main/store/migrations';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

/** Demo-like hub traffic (SRI, portal, PACS, MSSanté…) from several hospital casts, time-ordered. */
function makeEvents(target: number): NormalizedEvent[] {
  const p = Pseudonymiser.fromKey(randomBytes(32));
  const casts = Array.from({ length: 12 }, (_, c) => ({
    users: makeUsers(Rng.derive(c, 'bench-users')),
    patients: makePatients(Rng.derive(c, 'bench-patients'), 600, p),
  }));
  const out: NormalizedEvent[] = [];
  const first = Date.UTC(2026, 2, 2);
  for (let day = first, k = 0; out.length < target; day += DAY) {
    for (let c = 0; c < 40 && out.length < target; c++, k++) out.push(...backgroundEvents(casts[k % casts.length], 31 * k + 7, day, day + DAY));
  }
  out.length = target;
  return out.sort((a, b) => toEpochMs(a['@timestamp']) - toEpochMs(b['@timestamp']));
}

/** `writeEvents` before the dashboard rollups: the same INSERTs, then rollup_hour (no category) and rollup_user_day. */
async function writeEventsBefore(db: Db, events: readonly NormalizedEvent[]): Promise<number> {
  const ingested = Date.now();
  const rows = events.map((e, i) => {
    validateEvent(e, i);
    return eventToRow(e, { ingested, sourceId: null, fingerprint: defaultFingerprint(e) });
  });
  return db.transaction(async (tx) => {
    const before = (await tx.get<{ maxId: number | null }>('SELECT max(id) AS maxId FROM events'))?.maxId ?? 0;
    const per = Math.max(1, Math.min(1000, Math.floor((await tx.maxBoundParams()) / INSERT_COLUMNS.length)));
    const head = `INSERT INTO events (${INSERT_COLUMNS.join(', ')}) VALUES `;
    const tuple = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`;
    let inserted = 0;
    for (let s = 0; s < rows.length; s += per) {
      const chunk = rows.slice(s, s + per);
      inserted += (await tx.run(head + chunk.map(() => tuple).join(', ') + ' ON CONFLICT(fingerprint) DO NOTHING', chunk.flat())).changes;
    }
    if (inserted === 0) return 0;
    await tx.run(
      `INSERT INTO rollup_hour (bucket, service, severity, outcome, count)
         SELECT (ts / ${HOUR}) * ${HOUR}, service, severity, outcome, count(*) FROM events WHERE id > ? GROUP BY 1, 2, 3, 4
       ON CONFLICT (bucket, service, severity, outcome) DO UPDATE SET count = count + excluded.count`,
      [before],
    );
    await tx.run(
      `INSERT INTO rollup_user_day (day, user_name, count, failures)
         SELECT (ts / ${DAY}) * ${DAY}, user_name, count(*), sum(outcome = 'failure') FROM events WHERE id > ? AND user_name IS NOT NULL GROUP BY 1, 2
       ON CONFLICT (day, user_name) DO UPDATE SET count = count + excluded.count, failures = failures + excluded.failures`,
      [before],
    );
    return inserted;
  });
}

async function freshVault(dir: string, name: string, schema: number): Promise<Db> {
  const db = await openKeyed(path.join(dir, `${name}.db`), randomBytes(32), true);
  await configureConnection(db);
  await migrate(db, MIGRATIONS.slice(0, schema));
  return db;
}

/** Wall time and CPU time (all threads of the process: JS and SQLite's worker) in ms. */
async function run(
  db: Db,
  events: NormalizedEvent[],
  batch: number,
  write: (db: Db, e: NormalizedEvent[]) => Promise<unknown>,
): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < events.length; i += batch) await write(db, events.slice(i, i + batch));
  const used = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const n = arg('events', 200_000);
  const batch = arg('batch', 5000);
  const rounds = arg('rounds', 2);
  if (MIGRATIONS.length < 9 || MIGRATIONS[8].name !== 'dashboards') throw new Error('migration 009 is not registered');
  const t = performance.now();
  const events = makeEvents(n);
  const withPatient = events.filter((e) => e['health.patient.pseudonym']).length;
  console.log(`${n.toLocaleString('en')} events generated in ${((performance.now() - t) / 1000).toFixed(1)} s ` +
    `(${Math.round((100 * withPatient) / n)} % access traces), batches of ${batch}, ${os.cpus().length} CPUs`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-rollups-'));
  const best = { before: { wall: Infinity, cpu: Infinity }, after: { wall: Infinity, cpu: Infinity } };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const which of ['before', 'after'] as const) {
        const db = await freshVault(dir, `${which}-${r}`, which === 'before' ? 8 : 9);
        const ms = await run(db, events, batch, which === 'before' ? writeEventsBefore : (d, e) => writeEvents(d, e));
        await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        const stored = (await db.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
        await db.close();
        if (stored !== n) throw new Error(`${which}: ${stored} events stored, expected ${n}`);
        best[which] = { wall: Math.min(best[which].wall, ms.wall), cpu: Math.min(best[which].cpu, ms.cpu) };
        console.log(
          `round ${r + 1} ${which.padEnd(6)} wall ${(ms.wall / 1000).toFixed(2)} s (${Math.round(n / (ms.wall / 1000)).toLocaleString('en')} events/s), ` +
            `CPU ${(ms.cpu / 1000).toFixed(2)} s`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const k of ['wall', 'cpu'] as const) {
    const ratio = best.after[k] / best.before[k];
    console.log(
      `best ${k.padEnd(4)}: before ${(best.before[k] / 1000).toFixed(2)} s, after ${(best.after[k] / 1000).toFixed(2)} s — ` +
        `ratio after/before ${ratio.toFixed(3)} (${ratio >= 1 ? '+' : ''}${(100 * (ratio - 1)).toFixed(1)} %)`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
