/**
 * `npm run bench:query` — npx tsx resources/bench/query.ts [--events 5000000] [--runs 20] [--dir <folder>] [--keep]
 *
 * Builds an encrypted vault of N events (default 5 million over 90 days, see
 * query-data.ts), reopens it the way the app does, then prints the median and
 * p95 of: the dashboard (every panel), the first page of free-text searches,
 * field filters over 30 days, counts by severity.
 * Targets (2 cores): dashboard < 300 ms, search first page < 200 ms, counts < 100 ms.
 *
 * `--dir` keeps the vault in that folder and reuses it on the next run when it
 * holds the requested number of events (± 2 %); without it, a temporary folder
 * is removed at the end unless `--keep`.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createVault, openVault, vaultState } from '../../main/store/vault';
import { runQueryCases } from './query-cases';
import { buildBenchVault } from './query-data';

const PASSPHRASE = 'banc-essai-requetes-vigie-2026';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function prepareVault(dir: string, target: number, now: number): Promise<{ events: number; built: boolean }> {
  if ((await vaultState(dir)) !== 'absent') {
    const { db, key } = await openVault(dir, PASSPHRASE);
    key.fill(0);
    const n = (await db.get<{ n: number }>('SELECT count(*) AS n FROM events'))?.n ?? 0;
    await db.close();
    if (Math.abs(n - target) <= target * 0.02) return { events: n, built: false };
    throw new Error(`${dir} holds ${n} events, not ~${target}: remove it or choose another --dir`);
  }
  console.log(`Building an encrypted vault of ~${target.toLocaleString('en')} events in ${dir} …`);
  const { db, key } = await createVault(dir, PASSPHRASE, { skipStrengthCheck: true });
  key.fill(0);
  // A larger page cache for the bulk build only; queries below run with the app's own settings.
  await db.exec('PRAGMA cache_size = -262144');
  const started = performance.now();
  const r = await buildBenchVault(db, target, now, 90, (line) => console.log(line));
  await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.close();
  const s = (performance.now() - started) / 1000;
  const size = (await stat(path.join(dir, 'vault.db'))).size;
  console.log(
    `Built ${r.events.toLocaleString('en')} events in ${s.toFixed(0)} s (generation ${(r.generateMs / 1000).toFixed(0)} s, ` +
      `writeEvents ${(r.writeMs / 1000).toFixed(0)} s = ${Math.round(r.events / (r.writeMs / 1000)).toLocaleString('en')} events/s); ` +
      `vault.db ${(size / 1e9).toFixed(2)} GB`,
  );
  return { events: r.events, built: true };
}

async function main(): Promise<void> {
  const target = Number(arg('events') ?? 5_000_000);
  const runs = Number(arg('runs') ?? 20);
  const dir = arg('dir') ?? (await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-query-')));
  const now = Date.now();
  const { events } = await prepareVault(dir, target, now);

  const { db, key } = await openVault(dir, PASSPHRASE);
  key.fill(0);
  console.log(`\n${events.toLocaleString('en')} events, ${os.cpus().length} CPUs, ${runs} runs each (after 2 warm-up runs)\n`);
  await runQueryCases(db, runs, console.log);
  await db.close();
  if (!arg('dir') && !process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
  else console.log(`\nVault kept in ${dir} (passphrase in resources/bench/query.ts).`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
