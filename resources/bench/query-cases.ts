/**
 * The measured cases of `npm run bench:query` (see query.ts): dashboard, first
 * pages of searches, counts — each run `runs` times after two warm-up runs, on
 * windows ending at the newest event of the vault.
 */
import { dashboardSummary } from '../../main/events/queries';
import { countEvents } from '../../main/search/count';
import { searchEvents } from '../../main/search/search';
import type { Db } from '../../main/store/db';
import { time } from './bench-vault';

const DAY = 86_400_000;

/** What a case found: total (with ≥ when it is a lower bound), so the timings can be read in context. */
function found(r: unknown): string {
  const o = r as { total?: number; totalExact?: boolean; totalEvents?: number };
  const n = o.total ?? o.totalEvents;
  return n === undefined ? '' : `${o.totalExact === false ? '≥' : ''}${n.toLocaleString('en')}`;
}

async function sample(db: Db, now: number): Promise<{ user: string; ip: string; patient: string }> {
  const from = now - DAY;
  const user = await db.get<{ v: string }>(
    "SELECT user_name AS v FROM events WHERE ts >= ? AND user_name IS NOT NULL AND service = 'Portail-Coordination' LIMIT 1",
    [from],
  );
  // The user's own workstation address: a typical pivot (tens of events a day among tens of thousands).
  const ip = await db.get<{ v: string }>('SELECT source_ip AS v FROM events WHERE user_name = ? AND ts >= ? AND source_ip IS NOT NULL LIMIT 1', [
    user!.v,
    from,
  ]);
  const patient = await db.get<{ v: string }>('SELECT patient AS v FROM events WHERE ts >= ? AND patient IS NOT NULL LIMIT 1', [from]);
  return { user: user!.v, ip: ip!.v, patient: patient!.v };
}

/** Runs every case and prints one line each: median, p95, target. */
export async function runQueryCases(db: Db, runs: number, log: (line: string) => void): Promise<void> {
  const last = (await db.get<{ t: number }>('SELECT max(ts) AS t FROM events'))!.t;
  const at = last + 1; // the dataset's own "now", so a reused vault measures the same windows
  const iso = (ms: number) => new Date(ms).toISOString();
  const range = (days: number) => ({ from: iso(at - days * DAY), to: iso(at) });
  const { user, ip, patient } = await sample(db, at);
  const opts = { now: at };
  const cases: [string, string, number, () => Promise<unknown>][] = [
    ['dashboard', 'all panels, last 24 h', 300, () => dashboardSummary(db, range(1))],
    ['dashboard', 'all panels, last 7 days', 300, () => dashboardSummary(db, range(7))],
    ['dashboard', 'all panels, last 30 days', 300, () => dashboardSummary(db, range(30))],
    ['dashboard', 'all panels, last 90 days', 300, () => dashboardSummary(db, range(90))],
    ['search', 'everything, 30 d, first page', 200, () => searchEvents(db, { query: '', ...range(30), limit: 100 }, opts)],
    ['search', 'free text « connexion », 30 d, first page', 200, () => searchEvents(db, { query: 'connexion', ...range(30), limit: 100 }, opts)],
    ['search', 'phrases « "second facteur" -"non validé" », 30 d', 200, () => searchEvents(db, { query: '"second facteur" -"non validé"', ...range(30), limit: 100 }, opts)],
    ['search', 'free text « opposition », 30 d', 200, () => searchEvents(db, { query: 'opposition', ...range(30), limit: 100 }, opts)],
    ['search', `pseudonym as free text « ${patient} », 30 d`, 200, () => searchEvents(db, { query: patient, ...range(30), limit: 100 }, opts)],
    ['search', 'service:SRI outcome:failure, 30 d', 200, () => searchEvents(db, { query: 'service:SRI AND outcome:failure', ...range(30), limit: 100 }, opts)],
    ['search', `user:${user}, 30 d`, 200, () => searchEvents(db, { query: `user.name:${user}`, ...range(30), limit: 100 }, opts)],
    ['search', `source.ip:${ip}, 30 d`, 200, () => searchEvents(db, { query: `source.ip:${ip}`, ...range(30), limit: 100 }, opts)],
    ['search', 'action:patient-record-export, 30 d', 200, () => searchEvents(db, { query: 'action:patient-record-export', ...range(30), limit: 100 }, opts)],
    ['count', 'by severity, everything, 30 d', 100, () => countEvents(db, { query: '', ...range(30), groupBy: 'event.severity' }, at)],
    ['count', 'by severity, service:MSSante -outcome:success, 30 d', 100, () => countEvents(db, { query: 'service:MSSante -outcome:success', ...range(30), groupBy: 'event.severity' }, at)],
    ['count', 'histogram, service:SRI, 30 d', 100, () => countEvents(db, { query: 'service:SRI', ...range(30), groupBy: '@timestamp' }, at)],
    ['count', `by severity, user:${user}, 30 d`, 100, () => countEvents(db, { query: `user:${user}`, ...range(30), groupBy: 'event.severity' }, at)],
    ['count', 'by severity, free text « échec », 24 h', 100, () => countEvents(db, { query: 'échec', ...range(1), groupBy: 'event.severity' }, at)],
  ];
  log('kind       case                                                    median ms   p95 ms  target     events');
  for (const [kind, name, target_, fn] of cases) {
    const s = await time(runs, fn);
    const ok = s.median < target_ ? 'ok' : 'OVER';
    const line = `${kind.padEnd(10)} ${name.padEnd(55)} ${s.median.toFixed(1).padStart(9)} ${s.p95.toFixed(1).padStart(8)}`;
    log(`${line}  <${target_} ${ok.padEnd(4)} ${found(s.result).padStart(10)}`);
  }
}
