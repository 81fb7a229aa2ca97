/**
 * `npm run bench:dashboard` — tsx resources/bench/dashboard.ts [--events 5000000] [--runs 20] [--dir <folder>]
 *
 * The dashboard (every panel of `dashboardSummary`) on an encrypted vault of
 * N events built by `npm run bench:query`'s builder (resources/bench/query-data.ts:
 * demo traffic of 24 hospital casts over 90 days, through `writeEvents`), reopened
 * the way the app opens it. Prints median and p95 of the whole summary for
 * 24 h, 7, 30 and 90 days, then of each panel group over 30 days. Target
 * (2 cores, 5 M events): < 300 ms.
 *
 * Uses (or builds once) the cached vault of `npm run bench:query` (bench-vault.ts).
 * Ends with each coarse-rollup panel against its fine-grained path over 90 days.
 */
import { accessAnomalies } from '../../main/events/dashboard-access';
import { eventPanels, topPanel, windowsOf } from '../../main/events/dashboard-events';
import { alertPanels, incidentPanels, legalBoard, responseTrend } from '../../main/events/dashboard-response';
import { dashboardSummary } from '../../main/events/queries';
import { arg, defaultBenchDir, machineLine, openBenchVault, prepareBenchVault, time } from './bench-vault';

const DAY = 86_400_000;

async function main(): Promise<void> {
  const target = Number(arg('events') ?? 5_000_000);
  const runs = Number(arg('runs') ?? 20);
  const dir = arg('dir') ?? defaultBenchDir(target);
  const { events, dir: vaultDir } = await prepareBenchVault(dir, target);
  const db = await openBenchVault(vaultDir);
  const at = (await db.get<{ t: number }>('SELECT max(ts) AS t FROM events'))!.t + 1;
  const range = (days: number) => ({ from: new Date(at - days * DAY).toISOString(), to: new Date(at).toISOString() });
  const sizes = await db.all<{ name: string; n: number }>(
    `SELECT 'rollup_hour' AS name, count(*) AS n FROM rollup_hour UNION ALL SELECT 'rollup_access_day', count(*) FROM rollup_access_day
     UNION ALL SELECT 'rollup_access_user_day', count(*) FROM rollup_access_user_day UNION ALL SELECT 'rollup_ip_day', count(*) FROM rollup_ip_day`,
  );
  console.log(`\n${events.toLocaleString('en')} events, ${machineLine()}; ${runs} runs each (after 2 warm-up runs)`);
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
  // The fine-grained path (rollup_hour and the daily tables only) over 90 days, for comparison.
  const w90 = windowsOf(at - 90 * DAY, at);
  row('  90 d, fine path: series etc. (rollup_hour)', await time(runs, () => eventPanels(db, w90, { coarse: false })));
  row('  90 d, coarse: series etc. (rollup_day)', await time(runs, () => eventPanels(db, w90)));
  row('  90 d, fine path: top source IPs (days)', await time(runs, () => topPanel(db, w90, 'ip', { coarse: false })));
  row('  90 d, coarse: top source IPs (weeks)', await time(runs, () => topPanel(db, w90, 'ip')));
  row('  90 d, fine path: access-trace anomalies', await time(runs, () => accessAnomalies(db, w90, { coarse: false })));
  row('  90 d, coarse: access-trace anomalies', await time(runs, () => accessAnomalies(db, w90)));
  console.log(`\nAfter the runs: ${machineLine()}. Vault cached in ${dir}.`);
  await db.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
