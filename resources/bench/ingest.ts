/**
 * `npm run bench:ingest` (tsx resources/bench/ingest.ts): end-to-end import
 * throughput into an encrypted vault, compared with a raw encrypted
 * multi-row insert of the very same normalized rows, same machine, same run:
 * `Db.insertMany` (bound VALUES) and the writer's own `jsonb_each` statement,
 * both into the same schema (FTS trigger and indexes), neither with rollups.
 *
 *   --lines N         lines to generate (default 1,000,000; mostly syslog 5424/3164, some CEF, JSON, access)
 *   --gb              generate about 1 GB instead (memory must stay flat: peak RSS is printed)
 *   --stream SIZE     memory check: generate SIZE (e.g. 1GB, 200MB) on disk, stream it through the real import,
 *                     sample RSS every second and print min / max after the first 10 % (no baseline)
 *   --syslog-only     only RFC 5424/3164 lines (the "syslog events/s" figure)
 *   --batch N         events per batch/transaction of the pipeline (default: the pipeline's)
 *   --cache-mib N     PRAGMA cache_size for both vaults, or the --stream vault (default: the vault's own setting)
 *   --no-baseline     skip the raw insert comparison
 *   --fast-kdf        cheap Argon2id (default: the real cost, paid once per vault)
 *   --keep            keep the temp folder (file and vaults)
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { INSERT_COLUMNS } from '../../main/events/columns';
import { IngestRuntime } from '../../main/ingest/pipeline/runtime';
import type { Db } from '../../main/store/db';
import { createVault } from '../../main/store/vault';

const PASS = 'Banc-essai ingestion 2026 : lanternes & brume';
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const USERS = Array.from({ length: 300 }, (_, i) => `user${i}`);
const HOSTS = ['sri-idp-01', 'sri-idp-02', 'ror-app01', 'mss-gw01', 'pacs-arc01', 'portail-web01'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Deterministic mixed lines: 80 % syslog (5424 and 3164), 7 % CEF, 7 % JSON, 6 % access. */
function line(i: number, syslogOnly: boolean): string {
  const t = new Date(T0 + i * 37);
  const u = USERS[(i * 7919) % USERS.length];
  const h = HOSTS[i % HOSTS.length];
  const k = syslogOnly ? i % 2 : i % 100;
  if (k < 45 || (syslogOnly && k === 0)) {
    return `<86>1 ${t.toISOString()} ${h} keycloak ${1000 + (i % 97)} LOGIN [meta@32473 user="${u}" ip="10.${i % 200}.${i % 250}.${i % 7}"] User ${u} logged in, session ${i}`;
  }
  if (k < 80 || syslogOnly) {
    const dd = String(t.getUTCDate()).padStart(2, ' ');
    const hms = t.toISOString().slice(11, 19);
    return `<38>${MONTHS[t.getUTCMonth()]} ${dd} ${hms} ${h} sshd[${4000 + (i % 500)}]: Accepted password for ${u} from 10.1.${i % 250}.${i % 9} port ${20000 + (i % 40000)} ssh2`;
  }
  if (k < 87) return `CEF:0|Vigie|PACS|1.0|100|Study retrieved|3|rt=${t.getTime()} src=10.0.${i % 250}.5 suser=${u} act=retrieve cs1=${i}`;
  if (k < 94) {
    return JSON.stringify({ '@timestamp': t.toISOString(), event: { action: 'user-login', outcome: i % 9 ? 'success' : 'failure' }, user: { name: u }, host: { name: h }, message: `login ${i}` });
  }
  const ts = `${String(t.getUTCDate()).padStart(2, '0')}/${MONTHS[t.getUTCMonth()]}/${t.getUTCFullYear()}:${t.toISOString().slice(11, 19)} +0000`;
  return `10.0.${i % 250}.9 - ${u} [${ts}] "GET /portail/dossier/${i} HTTP/1.1" 200 ${512 + (i % 9000)} "-" "Mozilla/5.0"`;
}

async function generate(file: string, target: { lines?: number; bytes?: number }, syslogOnly: boolean): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
  let n = 0;
  let bytes = 0;
  const done = () => (target.lines !== undefined ? n >= target.lines : bytes >= (target.bytes ?? 0));
  while (!done()) {
    const block: string[] = [];
    for (let j = 0; j < 10_000 && !done(); j++, n++) {
      const l = line(n, syslogOnly) + '\n';
      bytes += l.length;
      block.push(l);
    }
    if (!out.write(block.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines: n, bytes };
}

/** Peak resident memory while `fn` runs (sampled every 100 ms). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const result = await fn();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

async function vault(dir: string, fastKdf: boolean, cacheMib: number | undefined): Promise<Db> {
  const kdf = fastKdf ? { kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 } } : {};
  const { db, key } = await createVault(dir, PASS, { ...kdf, skipStrengthCheck: true });
  key.fill(0);
  if (cacheMib) await db.exec(`PRAGMA cache_size = -${cacheMib * 1024}`);
  return db;
}

/**
 * Copies the stored rows of `from`, `batch` at a time, through `insert` (rows as arrays in INSERT_COLUMNS
 * order, after the untimed `prepare`); only `insert` is timed.
 */
async function copyRows(
  from: Db,
  batch: number,
  insert: (values: unknown[][]) => Promise<number>,
  prepare: (values: unknown[][]) => void = () => undefined,
): Promise<{ rows: number; ms: number; cpuMs: number }> {
  const cols = INSERT_COLUMNS.join(', ');
  let after = 0;
  let rows = 0;
  let ms = 0;
  let cpuMs = 0;
  for (;;) {
    const page = await from.all<Record<string, unknown>>(`SELECT id, ${cols} FROM events WHERE id > ? ORDER BY id LIMIT ?`, [after, batch]);
    if (page.length === 0) break;
    after = page[page.length - 1].id as number;
    const values = page.map((r) => INSERT_COLUMNS.map((c) => r[c]));
    prepare(values);
    const t = performance.now();
    const c = process.cpuUsage();
    rows += await insert(values);
    ms += performance.now() - t;
    cpuMs += cpuMsSince(c);
  }
  return { rows, ms, cpuMs };
}

/** The copy with Db.insertMany (multi-row `INSERT … VALUES`). */
function rawInsert(from: Db, to: Db, batch: number): Promise<{ rows: number; ms: number; cpuMs: number }> {
  return copyRows(from, batch, (values) => to.insertMany('events', INSERT_COLUMNS, values));
}

/**
 * The same copy with the writer's own statement shape (`INSERT … SELECT value->>i … FROM jsonb_each(?)`,
 * 2,000 rows per JSON parameter, attributes as objects, one transaction per `batch`): the best raw insert
 * found, FTS and indexes included, no rollups. Only the JSON.stringify and the inserts are timed.
 */
function rawInsertJsonb(from: Db, to: Db, batch: number): Promise<{ rows: number; ms: number; cpuMs: number }> {
  const attrs = INSERT_COLUMNS.indexOf('attrs');
  const sql = `INSERT INTO events (${INSERT_COLUMNS.join(', ')}) SELECT ${INSERT_COLUMNS.map((_, i) => `value->>${i}`).join(', ')} FROM jsonb_each(?)`;
  return copyRows(
    from,
    batch,
    (values) =>
      to.transaction(async (tx) => {
        let n = 0;
        for (let s = 0; s < values.length; s += 2000) n += (await tx.run(sql, [JSON.stringify(values.slice(s, s + 2000))])).changes;
        return n;
      }),
    (values) => values.forEach((v) => v[attrs] !== null && (v[attrs] = JSON.parse(v[attrs] as string))),
  );
}

/** CPU time of the whole process (every thread: SQLCipher works in the thread pool) since `start`. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * CPU ms of the main (JavaScript) thread alone, from /proc (Linux; null elsewhere): the rest of the
 * process's CPU is SQLCipher in the thread pool plus V8's helper threads (GC).
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');

/** `1GB`, `200MB`, `512MiB` → bytes. */
function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG])i?B?$/i.exec(s.trim());
  if (!m) throw new Error(`--stream: size expected (e.g. 1GB), got ${s}`);
  return Math.round(Number(m[1]) * 1024 ** ' KMG'.indexOf(m[2].toUpperCase()));
}

async function main(): Promise<void> {
  if (value('--stream')) return streamMemory(parseSize(value('--stream') ?? ''));
  const gb = flag('--gb');
  const syslogOnly = flag('--syslog-only');
  const batch = value('--batch') ? Number(value('--batch')) : undefined;
  const cacheMib = value('--cache-mib') ? Number(value('--cache-mib')) : undefined;
  const root = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-'));
  try {
    const file = path.join(root, 'bench.log');
    const target = gb ? { bytes: 1024 ** 3 } : { lines: Number(value('--lines') ?? 1_000_000) };
    process.stderr.write(`generating ${gb ? '~1 GiB' : `${target.lines} lines`} (${syslogOnly ? 'syslog only' : 'mixed'})…\n`);
    const gen = await generate(file, target, syslogOnly);
    const size = (await stat(file)).size;

    const a = await vault(path.join(root, 'vault-pipeline'), flag('--fast-kdf'), cacheMib);
    const rssBefore = process.memoryUsage().rss;
    const rt = new IngestRuntime(a, { limits: batch ? { batchEvents: batch } : {} });
    let lastLog = 0;
    rt.onProgress((p) => {
      if (Date.now() - lastLog < 5000 || p.status !== 'running') return;
      lastLog = Date.now();
      process.stderr.write(`  ${mib(p.bytesDone)} / ${mib(p.bytesTotal ?? 0)}, ${p.eventsPerSecond} ev/s, RSS ${mib(process.memoryUsage().rss)}\n`);
    });
    process.stderr.write(`importing ${mib(size)}…\n`);
    const load0 = os.loadavg()[0];
    const t = performance.now();
    const cpu = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const { result: row, peak } = await withPeakRss(async () => rt.wait((await rt.importPaths([file]))[0]));
    const ms = performance.now() - t;
    const cpuMs = cpuMsSince(cpu);
    const main1 = mainThreadCpuMs();
    if (!row || row.status !== 'done') throw new Error(`import ended ${row?.status}: ${row?.message}`);

    const report: Record<string, string | number> = {
      lines: gen.lines,
      file: mib(size),
      'pipeline s': (ms / 1000).toFixed(1),
      'pipeline events/s': rate(row.recordsIn, ms),
      'pipeline CPU µs/event': ((cpuMs * 1000) / row.recordsIn).toFixed(1),
      // Main thread: reading, parsing, fingerprints, rows, JSON, rollup groups; other threads: SQLCipher, GC helpers.
      'of which main thread': main0 !== null && main1 !== null ? ((main1 - main0) * 1000 / row.recordsIn).toFixed(1) : 'n/a',
      stored: row.stored,
      quarantined: row.quarantined,
      'RSS before import': mib(rssBefore),
      'peak RSS during import': mib(peak),
    };
    if (!flag('--no-baseline')) {
      const b = await vault(path.join(root, 'vault-raw'), flag('--fast-kdf'), cacheMib);
      const raw = await rawInsert(a, b, batch ?? 5000);
      await b.close();
      report['raw insert rows/s'] = rate(raw.rows, raw.ms);
      report['raw CPU µs/row'] = ((raw.cpuMs * 1000) / raw.rows).toFixed(1);
      report['ratio pipeline / raw'] = ((row.recordsIn / ms) / (raw.rows / raw.ms)).toFixed(2);
      // On a busy machine wall time depends on the neighbours; CPU time per row much less.
      report['ratio by CPU time'] = ((raw.cpuMs / raw.rows) / (cpuMs / row.recordsIn)).toFixed(2);
      const c = await vault(path.join(root, 'vault-raw-jsonb'), flag('--fast-kdf'), cacheMib);
      const rawJ = await rawInsertJsonb(a, c, batch ?? 5000);
      await c.close();
      report['raw jsonb rows/s'] = rate(rawJ.rows, rawJ.ms);
      report['raw jsonb CPU µs/row'] = ((rawJ.cpuMs * 1000) / rawJ.rows).toFixed(1);
      report['ratio to raw jsonb'] = `${((row.recordsIn / ms) / (rawJ.rows / rawJ.ms)).toFixed(2)} (wall) / ${((rawJ.cpuMs / rawJ.rows) / (cpuMs / row.recordsIn)).toFixed(2)} (CPU)`;
    }
    await rt.stop();
    await a.close();
    report['load average (1 min)'] = `${load0.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`;
    for (const [k, v] of Object.entries(report)) process.stdout.write(`${k.padEnd(24)} ${v}\n`);
  } finally {
    if (!flag('--keep')) await rm(root, { recursive: true, force: true });
    else process.stderr.write(`kept ${root}\n`);
  }
}

/**
 * Memory while streaming a big file: RSS sampled every second during the
 * import; min and max are printed over the samples after the first 10 % of
 * the bytes (the cache and the batches warm up first), with the whole range.
 */
async function streamMemory(bytes: number): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-stream-'));
  try {
    const file = path.join(root, 'stream.log');
    process.stderr.write(`generating ${mib(bytes)} on disk…\n`);
    const gen = await generate(file, { bytes }, flag('--syslog-only'));
    const size = (await stat(file)).size;
    const cacheMib = value('--cache-mib');
    const db = await vault(path.join(root, 'vault'), true, cacheMib ? Number(cacheMib) : undefined);
    const rt = new IngestRuntime(db);
    let done = 0;
    rt.onProgress((p) => (done = p.bytesDone));
    const samples: { at: number; rss: number; heap: number; external: number }[] = [];
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      samples.push({ at: done / size, rss: m.rss, heap: m.heapUsed, external: m.external });
    }, 1000);
    let lastLog = 0;
    const log = setInterval(() => {
      if (Date.now() - lastLog < 30_000) return;
      lastLog = Date.now();
      process.stderr.write(`  ${((done / size) * 100).toFixed(1)} %, RSS ${mib(process.memoryUsage().rss)}\n`);
    }, 1000);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const row = await rt.wait((await rt.importPaths([file]))[0]);
    const ms = performance.now() - t;
    const cpuMs = cpuMsSince(cpu);
    clearInterval(timer);
    clearInterval(log);
    if (!row || row.status !== 'done') throw new Error(`import ended ${row?.status}: ${row?.message}`);
    const steady = samples.filter((s) => s.at >= 0.1).map((s) => s.rss);
    const all = samples.map((s) => s.rss);
    // Where memory goes as the import advances: median per tenth of the bytes, RSS against the JS heap
    // and external buffers (what grows outside both is native: SQLite/SQLCipher, malloc arenas).
    const tenths = (pick: (x: (typeof samples)[number]) => number) =>
      Array.from({ length: 10 }, (_, k) => {
        const v = samples.filter((x) => x.at >= k / 10 && x.at < (k + 1) / 10).map(pick).sort((a, b) => a - b);
        return v.length ? String(Math.round(v[v.length >> 1] / 1048576)) : '-';
      }).join(' ');
    const report: Record<string, string | number> = {
      lines: gen.lines,
      file: mib(size),
      'import s (wall)': (ms / 1000).toFixed(1),
      'import CPU s': (cpuMs / 1000).toFixed(1),
      'events/s (wall)': rate(row.recordsIn, ms),
      'CPU µs/event': ((cpuMs * 1000) / row.recordsIn).toFixed(1),
      stored: row.stored,
      'RSS samples': all.length,
      'RSS min / max (all)': `${mib(Math.min(...all))} / ${mib(Math.max(...all))}`,
      'RSS min / max (after 10 %)': steady.length ? `${mib(Math.min(...steady))} / ${mib(Math.max(...steady))}` : 'n/a',
      'RSS MiB per tenth': tenths((x) => x.rss),
      'JS heap MiB per tenth': tenths((x) => x.heap),
      'external MiB per tenth': tenths((x) => x.external),
      'load average (1 min)': os.loadavg()[0].toFixed(1),
    };
    await rt.stop();
    await db.close();
    for (const [k, v] of Object.entries(report)) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
  } finally {
    if (!flag('--keep')) await rm(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:ingest failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
