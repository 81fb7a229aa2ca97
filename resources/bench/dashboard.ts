/**
 * npx tsx resources/bench/dashboard.ts [--events 1000000] [--runs 20] [--dir <folder>] [--keep]
 *
 * The dashboard (every panel of `dashboardSummary`) on an encrypted vault of
 * N events built by `npm run bench:query`'s builder (resources/bench/query-data.ts:
 * demo traffic of 24 hospital casts over 90 days, through `writeEvents`), reopened
 * the way the app opens it. Prints median and p95 of the whole summary for
 * 24 h, 7, 30 and 90 days, then of each panel group over 30 days. Target
 * (2 cores, 5 M events): < 300 ms.
 *
 * `--dir` reuses a vault of `bench:query` (same passphrase) when it holds
 * about N events, or builds it there; without it a temporary folder is removed
 * at the end unless `--keep`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { accessAnomalies } from '../../main/events/dashboard-access';
import { eventPanels, topPanel, windowsOf } from '../../main/events/dashboard-events';
import { alertPanels, incidentPanels, legalBoard, responseTrend } from '../../main/events/dashboard-response';
import { dashboardSummary } from '../../main/events/queries';
import { createVault, openVault, vaultState } from '../../main/store/vault';
import { buildBenchVault } from './query-data';

const PASSPHRASE = 'banc-essai-requetes-vigie-2026';
const DAY = 86_400_000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn();
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

async function prepare(dir: string, target: number): Promise<number> {
  if ((await vaultState(dir)) !== 'absent') {
    const { db, key } = await openVault(dir, PASSPHRASE);
    key.fill(0);
    const n = (await db.get<{ n: number }>('SELECT count(*) AS n FROM events'))?.n ?? 0;
    await db.close();
    if (Math.abs(n - target) <= target * 0.02) return n;
    throw new Error(`${dir} holds ${n} events, not ~${target}: remove it or choose another --dir`);
  }
  console.log(`Building an encrypted vault of ~${target.toLocaleString('en')} events in ${dir} …`);
  const { db, key } = await createVault(dir, PASSPHRASE, { skipStrengthCheck: true });
  key.fill(0);
  await db.exec('PRAGMA cache_size = -262144');
  const started = performance.now();
  const r = await buildBenchVault(db, target, Date.now(), 90, (line) => console.log(line));
  await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.close();
  console.log(
    `Built ${r.events.toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(0)} s ` +
      `(writeEvents ${Math.round(r.events / (r.writeMs / 1000)).toLocaleString('en')} events/s)`,
  );
  return r.events;
}

async function main(): Promise<void> {
  const target = Number(arg('events') ?? 1_000_000);
  const runs = Number(arg('runs') ?? 20);
  const dir = arg('dir') ?? (await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-dashboard-')));
  const events = await prepare(dir, target);
  const { db, key } = await openVault(dir, PASSPHRASE);
  key.fill(0);
  const at = (await db.get<{ t: number }>('SELECT max(ts) AS t FROM events'))!.t + 1;
  const range = (days: number) => ({ from: new Date(at - days * DAY).toISOString(), to: new Date(at).toISOString() });
  const sizes = await db.all<{ name: string; n: number }>(
    `SELECT 'rollup_hour' AS name, count(*) AS n FROM rollup_hour UNION ALL SELECT 'rollup_access_day', count(*) FROM rollup_access_day
     UNION ALL SELECT 'rollup_access_user_day', count(*) FROM rollup_access_user_day UNION ALL SELECT 'rollup_ip_day', count(*) FROM rollup_ip_day`,
  );
  console.log(`\n${events.toLocaleString('en')} events, ${os.cpus().length} CPUs, ${runs} runs each (after 2 warm-up runs)`);
  console.log(`rollup rows: ${sizes.map((s) => `${s.name} ${s.n.toLocaleString('en')}`).join(', ')}\n`);
  console.log('case                                        median ms   p95 ms  target');
  const row = (name: string, s: { median: number; p95: number }, target_?: number) =>
    console.log(
      `${name.padEnd(42)} ${s.median.toFixed(1).padStart(9)} ${s.p95.toFixed(1).padStart(8)}` +
        (target_ ? `  <${target_} ${s.median < target_ ? 'ok' : 'OVER'}` : ''),
    );
  for (const days of [1, 7, 30, 90]) {
    row(`dashboard, all panels, last ${days} d`, await time(runs, () => dashboardSummary(db, range(days), { now: at })), 300);
  }
  const r30 = range(30);
  const w = windowsOf(Date.parse(r30.from), Date.parse(r30.to));
  const span = { from: Date.parse(r30.from), to: Date.parse(r30.to) };
  const parts: [string, () => Promise<unknown>][] = [
    ['  30 d: series, services, severities, auth', () => eventPanels(db, w)],
    ['  30 d: top users', () => topPanel(db, w, 'user')],
    ['  30 d: top source IPs', () => topPanel(db, w, 'ip')],
    ['  30 d: top hosts', () => topPanel(db, w, 'host')],
    ['  30 d: access-trace anomalies', () => accessAnomalies(db, w)],
    ['  30 d: alerts', () => alertPanels(db, span)],
    ['  incidents by phase', () => incidentPanels(db)],
    ['  30 d: MTTA/MTTR trend', () => responseTrend(db, span)],
    ['  legal deadlines', () => legalBoard(db, at)],
  ];
  for (const [name, fn] of parts) row(name, await time(runs, fn));
  await db.close();
  if (!arg('dir') && !process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
  else console.log(`\nVault kept in ${dir} (passphrase in resources/bench/dashboard.ts).`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
