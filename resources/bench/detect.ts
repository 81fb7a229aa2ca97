/**
 * `npm run bench:detect` (tsx resources/bench/detect.ts [--events N] [--subset N] [--rules PATH]... [--subset-only] [--costs FILE.csv]):
 * pushes N synthetic events (default 1,000,000: Windows process creations and
 * logons, e-health accesses) through every loaded Sigma rule that applies
 * (default: the SigmaHQ fixture set), single-threaded, and prints events/s,
 * the same for an N-rule subset (default 500, the target), and the
 * per-rule cost (time spent in each rule's compiled tests) for both sets: the
 * ten most expensive printed, every rule in `--costs FILE.csv`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Detector } from '../../main/detect/sigma/detector';
import { type LoadResult, loadRules } from '../../main/detect/sigma/loader';
import { Matcher } from '../../main/detect/sigma/match';
import type { CompiledRule } from '../../main/detect/sigma/types';
import { type Kind, makeEvents } from './detect-events';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function ruleArgs(): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === '--rules' && process.argv[i + 1]) out.push(process.argv[i + 1]);
  });
  if (out.length) return out;
  const fixtures = [resolve(__dirname, '../../../shared/fixtures/sigma'), '/work/shared/fixtures/sigma'].find(existsSync);
  if (!fixtures) throw new Error('no rules: pass --rules PATH (the SigmaHQ set is expected in ../shared/fixtures/sigma)');
  return [fixtures];
}

function argText(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const TOTAL = arg('--events', 1_000_000);
const SUBSET = arg('--subset', 500);
const POOL = Math.min(TOTAL, 20_000);
/** `--subset-only`: skip the run with every loaded rule (the target is the 500-rule figure). */
const SUBSET_ONLY = process.argv.includes('--subset-only');

/** Wall-clock and CPU time (the CPU figure stays meaningful on a busy machine). */
function run(detector: Detector, pool: { event: Parameters<Detector['process']>[0] }[], n: number): { ms: number; cpuMs: number; hits: number } {
  let hits = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) hits += detector.process(pool[i % pool.length].event, i).length;
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, hits };
}

const rate = (n: number, ms: number) => fmt((n * 1000) / ms);

function report(label: string, load: Pick<LoadResult, 'rules' | 'correlations' | 'env'>, pool: ReturnType<typeof makeEvents>): void {
  const detector = new Detector(load);
  run(detector, pool, Math.min(50_000, TOTAL)); // warm-up: plans, prefilter indexes, JIT
  const { ms, cpuMs, hits } = run(detector, pool, TOTAL);
  console.log(
    `${label}: ${fmt(TOTAL)} events in ${(ms / 1000).toFixed(2)} s → ${rate(TOTAL, ms)} events/s wall-clock, ` +
      `${rate(TOTAL, cpuMs)} events per CPU-second (${fmt(hits)} matches)`,
  );
  for (const kind of ['process', 'logon', 'health'] as Kind[]) {
    const sub = pool.filter((p) => p.kind === kind);
    const n = Math.min(200_000, Math.round(TOTAL / 3));
    const r = run(detector, sub, n);
    const applying = new Set(sub.slice(0, 200).flatMap((p) => detector.matcher.candidates(p.event))).size;
    console.log(`  ${kind.padEnd(8)} ${rate(n, r.ms).padStart(9)} events/s, ${rate(n, r.cpuMs).padStart(9)} per CPU-s   rules applying: ${applying}`);
  }
}

function main(): void {
  const t0 = performance.now();
  const load = loadRules(ruleArgs());
  console.log(
    `rules: ${load.rules.length} loaded, ${load.rejected.length} rejected, ${load.rules.filter((r) => !r.mapped).length} with an unmapped logsource ` +
      `(${((performance.now() - t0) / 1000).toFixed(1)} s to load)`,
  );
  const pool = makeEvents(POOL);
  console.log(`events: ${fmt(TOTAL)} (cycling a pool of ${fmt(POOL)} distinct events: 40% process creation, 25% logon, 35% health access)`);
  if (!SUBSET_ONLY) report(`all ${load.rules.length} rules`, load, pool);

  const step = Math.max(1, Math.floor(load.rules.length / SUBSET));
  const subset = load.rules.filter((_, i) => i % step === 0).slice(0, SUBSET);
  report(`subset of ${subset.length} rules (every ${step}th)`, { ...load, rules: subset }, pool);

  profile(`all ${load.rules.length} rules`, load, pool);
  profile(`the ${subset.length}-rule subset`, { ...load, rules: subset }, pool);
}

/** Per-rule cost: time in each rule's compiled tests (after the prefilter), top 10 printed, every rule in --costs FILE (CSV). */
function profile(label: string, load: Pick<LoadResult, 'rules' | 'correlations' | 'env'>, pool: ReturnType<typeof makeEvents>): void {
  if (SUBSET_ONLY && label.startsWith('all ')) return;
  const matcher = new Matcher(load as LoadResult);
  const stats = new Map<CompiledRule, { calls: number; ms: number }>();
  const sample = Math.min(TOTAL, 200_000);
  for (let i = 0; i < sample; i++) matcher.profile(pool[i % pool.length].event, stats);
  const scale = TOTAL / sample;
  const sorted = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const total = sorted.reduce((n, [, s]) => n + s.ms, 0) * scale;
  console.log(`per-rule cost, ${label}: ${sorted.length} rules evaluated at least once, ${total.toFixed(0)} ms in rule tests for ${fmt(TOTAL)} events; top 10:`);
  for (const [r, s] of sorted.slice(0, 10)) {
    console.log(`  ${(s.ms * scale).toFixed(0).padStart(7)} ms  ${fmt(s.calls * scale).padStart(10)} calls  ${((1000 * s.ms) / s.calls).toFixed(2).padStart(6)} µs/call  ${r.title} (${r.id})`);
  }
  const file = argText('--costs');
  if (file) {
    const target = label.startsWith('all ') ? file.replace(/(\.csv)?$/, '-all.csv') : file;
    const rows = sorted.map(([r, s]) => [r.id, JSON.stringify(r.title), Math.round(s.calls * scale), (s.ms * scale).toFixed(1), ((1000 * s.ms) / s.calls).toFixed(2)].join(','));
    writeFileSync(target, ['id,title,calls,ms,us_per_call', ...rows].join('\n') + '\n');
    console.log(`  every rule's cost: ${target}`);
  }
}

main();
