/**
 * The benchmark vault shared by `npm run bench:query` and `npm run bench:dashboard`:
 * N events built by query-data.ts through `writeEvents`, cached in a reusable
 * folder so re-runs do not rebuild it.
 *
 * Default folder: `<os.tmpdir()>/vigie-bench-g<GENERATOR_VERSION>-<N>`. The
 * vault is built in `<folder>.partial` and renamed when complete, so an
 * interrupted build is never reused. Bump `GENERATOR_VERSION` (query-data.ts)
 * whenever the generated data changes: the old cache is then ignored. A cached
 * vault made by an older build of Vigie is migrated when opened (the
 * migrations backfill new rollups), exactly as a user's vault would be.
 */
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../main/store/db';
import { createVault, openVault, vaultState } from '../../main/store/vault';
import { buildBenchVault, GENERATOR_VERSION, restoreDeferred } from './query-data';

export const PASSPHRASE = 'banc-essai-requetes-vigie-2026';

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function defaultBenchDir(target: number): string {
  return path.join(os.tmpdir(), `vigie-bench-g${GENERATOR_VERSION}-${target}`);
}

async function countEvents(dir: string): Promise<number> {
  const t = performance.now();
  const { db, key } = await openVault(dir, PASSPHRASE); // runs pending migrations
  key.fill(0);
  const n = (await db.get<{ n: number }>('SELECT max(id) AS n FROM events'))?.n ?? 0;
  await db.close();
  const s = (performance.now() - t) / 1000;
  if (s > 5) console.log(`Opened (and migrated) the cached vault in ${s.toFixed(0)} s`);
  return n;
}

/**
 * `--partial`: measure an interrupted build as it stands (its indexes and full-text index completed first; a later
 * run without the flag resumes the build). The timings are then printed for the events it holds, not N.
 */
async function preparePartial(partial: string, log: (line: string) => void): Promise<number> {
  const refDir = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-ref-'));
  const ref = await createVault(refDir, PASSPHRASE, { skipStrengthCheck: true, kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 } });
  ref.key.fill(0);
  const { db, key } = await openVault(partial, PASSPHRASE);
  key.fill(0);
  const t = performance.now();
  const restored = await restoreDeferred(db, ref.db);
  if (restored > 0) log(`Interrupted build: ${restored} indexes / triggers created again and the full-text index rebuilt in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const n = (await db.get<{ n: number }>('SELECT max(id) AS n FROM events'))?.n ?? 0;
  await db.close();
  await ref.db.close();
  await rm(refDir, { recursive: true, force: true });
  return n;
}

/** Opens the cached vault of ~`target` events in `dir`, building it first when absent. */
export async function prepareBenchVault(
  dir: string,
  target: number,
  log: (line: string) => void = console.log,
): Promise<{ events: number; built: boolean; dir: string }> {
  if (process.argv.includes('--partial') && (await vaultState(`${dir}.partial`)) !== 'absent') {
    const events = await preparePartial(`${dir}.partial`, log);
    log(`PARTIAL vault: ${events.toLocaleString('en')} events of the ${target.toLocaleString('en')} asked (build interrupted; run without --partial to resume it)`);
    return { events, built: false, dir: `${dir}.partial` };
  }
  if ((await vaultState(dir)) !== 'absent') {
    const n = await countEvents(dir);
    if (Math.abs(n - target) <= target * 0.02) return { events: n, built: false, dir };
    throw new Error(`${dir} holds ${n} events, not ~${target}: remove it or choose another --dir`);
  }
  const partial = `${dir}.partial`;
  // An interrupted build is resumed (`writeEvents` skips the events it already holds), not restarted.
  const resume = (await vaultState(partial)) !== 'absent';
  if (!resume) await rm(partial, { recursive: true, force: true });
  log(`${resume ? 'Resuming' : 'Building'} an encrypted vault of ~${target.toLocaleString('en')} events in ${dir} (once; later runs reuse it) …`);
  const { db, key } = resume ? await openVault(partial, PASSPHRASE) : await createVault(partial, PASSPHRASE, { skipStrengthCheck: true });
  key.fill(0);
  // A larger page cache for the bulk build only; queries run with the app's own settings.
  await db.exec('PRAGMA cache_size = -262144');
  const started = performance.now();
  const r = await buildBenchVault(db, target, Date.now(), 90, log, { resume });
  await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.close();
  await rename(partial, dir);
  const s = (performance.now() - started) / 1000;
  const size = (await stat(path.join(dir, 'vault.db'))).size;
  log(
    `Built ${r.events.toLocaleString('en')} events in ${s.toFixed(0)} s (generation ${(r.generateMs / 1000).toFixed(0)} s, ` +
      `writeEvents ${(r.writeMs / 1000).toFixed(0)} s = ${Math.round(r.events / (r.writeMs / 1000)).toLocaleString('en')} events/s); ` +
      `vault.db ${(size / 1e9).toFixed(2)} GB`,
  );
  return { events: r.events, built: true, dir };
}

export async function openBenchVault(dir: string): Promise<Db> {
  const { db, key } = await openVault(dir, PASSPHRASE);
  key.fill(0);
  return db;
}

export interface Stat {
  median: number;
  p95: number;
}

export function stats(ms: number[]): Stat {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

/** `runs` timed calls after two warm-up calls (page cache and JIT, as after the first screen the user sees). */
export async function time(runs: number, fn: () => Promise<unknown>): Promise<Stat & { result: unknown }> {
  await fn();
  await fn();
  const ms: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    ms.push(performance.now() - t);
  }
  return { ...stats(ms), result };
}

/** The machine's load, printed with every result: the timings mean little without it. */
export function machineLine(): string {
  const [l1, l5, l15] = os.loadavg();
  return `${os.cpus().length} CPUs, load average ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`;
}
