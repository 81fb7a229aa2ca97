/**
 * `npm run bench:query` — tsx resources/bench/query.ts [--events 5000000] [--runs 20] [--dir <folder>]
 *
 * Opens (building it once, see bench-vault.ts) an encrypted vault of N events
 * (default 5 million over 90 days, query-data.ts), the way the app opens it,
 * then prints the median and p95 of: the dashboard (every panel), the first
 * page of free-text searches, field filters over 30 days, counts by severity.
 * Targets (2 cores): dashboard < 300 ms, search first page < 200 ms, counts < 100 ms.
 *
 * The vault is cached in `<os.tmpdir()>/vigie-bench-g<generator version>-<N>`
 * (or `--dir`) and reused by later runs and by `npm run bench:dashboard`.
 */
import { arg, defaultBenchDir, machineLine, openBenchVault, prepareBenchVault } from './bench-vault';
import { runQueryCases } from './query-cases';

async function main(): Promise<void> {
  const target = Number(arg('events') ?? 5_000_000);
  const runs = Number(arg('runs') ?? 20);
  const dir = arg('dir') ?? defaultBenchDir(target);
  const { events, dir: vaultDir } = await prepareBenchVault(dir, target);
  const db = await openBenchVault(vaultDir);
  console.log(`\n${events.toLocaleString('en')} events, ${machineLine()}; ${runs} runs each (after 2 warm-up runs)\n`);
  await runQueryCases(db, runs, console.log);
  console.log(`\nAfter the runs: ${machineLine()}. Vault cached in ${dir} (passphrase in resources/bench/bench-vault.ts).`);
  await db.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
