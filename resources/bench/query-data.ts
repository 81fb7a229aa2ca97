/**
 * Builds the benchmark vault of `npm run bench:query`: N events over 90 days
 * made by the demo's own event builders (same messages, raw syslog/FHIR
 * lines, attributes), scaled up to a whole region: many hospital casts, each
 * with its users and patients, office-hours rhythm, quieter weekends.
 *
 * Events go through `writeEvents` (the real ingest path: validation,
 * fingerprints, rollups, the full-text trigger) in batches of 5,000, one day
 * at a time in time order, like a collector catching up.
 */
import { backgroundEvents } from '../../main/demo/background';
import type { DemoCtx } from '../../main/demo/common';
import { makePatients, makeUsers } from '../../main/demo/people';
import { Rng } from '../../main/demo/rng';
import { toEpochMs } from '../../main/events/columns';
import type { NormalizedEvent } from '../../main/events/types';
import { writeEvents } from '../../main/events/writer';
import { Pseudonymiser } from '../../main/privacy/pseudonym';
import type { Db } from '../../main/store/db';

/** Bump when the generated events change: cached bench vaults (bench-vault.ts) are keyed by it. */
export const GENERATOR_VERSION = 1;

const DAY = 86_400_000;
const CASTS = 24;
const PATIENTS_PER_CAST = 600;
const BATCH = 5000;

export interface BuildReport {
  events: number;
  generateMs: number;
  writeMs: number;
  days: number;
}

/** Background events of one UTC day for `calls` (cast, seed) pairs, time-ordered. */
function dayEvents(casts: Omit<DemoCtx, 'rng'>[], day: number, calls: number): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (let k = 0; k < calls; k++) out.push(...backgroundEvents(casts[k % CASTS], 7919 * k + 17, day, day + DAY));
  return out
    .map((e) => ({ e, t: toEpochMs(e['@timestamp']) }))
    .sort((a, b) => a.t - b.t)
    .map(({ e, t }) => ({ ...e, 'event.ingested': new Date(t + 5_000) }));
}

/** Writes about `target` events over the `days` UTC days ending with the day of `now`. */
export interface BuildOptions {
  /**
   * Resume an interrupted build: skip the days before the day of the vault's newest event (that day is written
   * again; `writeEvents` skips what it already holds). Same `now` day and target give the same events.
   */
  resume?: boolean;
}

/**
 * The vault's secondary indexes on `events` and its full-text insert trigger, dropped for the bulk build and
 * created again at the end (one sort each instead of millions of random insertions): the same final vault,
 * built several times faster. `writeEvents` itself (validation, fingerprints, dedup, rollups) is unchanged.
 */
async function deferIndexes(db: Db): Promise<() => Promise<void>> {
  const objects = await db.all<{ type: string; name: string; sql: string }>(
    `SELECT type, name, sql FROM sqlite_master
     WHERE tbl_name = 'events' AND sql IS NOT NULL AND ((type = 'index' AND substr(name, 1, 7) = 'events_') OR name = 'events_fts_insert')`,
  );
  for (const o of objects) await db.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} ${o.name}`);
  return async () => {
    await db.exec("INSERT INTO events_fts (events_fts) VALUES ('rebuild')");
    for (const o of objects) await db.exec(o.sql);
  };
}

/**
 * After an interrupted bulk build: creates again the `events` indexes and the full-text trigger the build
 * dropped (as a fresh vault of this version defines them, read from `reference`), then rebuilds the full-text
 * index — the vault is then complete for what it holds. Returns how many objects were missing.
 */
export async function restoreDeferred(db: Db, reference: Db): Promise<number> {
  const defs = await reference.all<{ name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master
     WHERE tbl_name = 'events' AND sql IS NOT NULL AND ((type = 'index' AND substr(name, 1, 7) = 'events_') OR name = 'events_fts_insert')`,
  );
  const have = new Set((await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE tbl_name = 'events'")).map((r) => r.name));
  const missing = defs.filter((d) => !have.has(d.name));
  if (missing.length === 0) return 0;
  await db.exec("INSERT INTO events_fts (events_fts) VALUES ('rebuild')");
  for (const d of missing) await db.exec(d.sql);
  return missing.length;
}

export async function buildBenchVault(
  db: Db,
  target: number,
  now: number,
  days = 90,
  log: (line: string) => void = () => undefined,
  opts: BuildOptions = {},
): Promise<BuildReport> {
  const pseudonymiser = await Pseudonymiser.fromDb(db);
  const casts = Array.from({ length: CASTS }, (_, c) => ({
    users: makeUsers(Rng.derive(c, 'bench-users')),
    patients: makePatients(Rng.derive(c, 'bench-patients'), PATIENTS_PER_CAST, pseudonymiser),
  }));
  const lastDay = Math.floor(now / DAY) * DAY;
  const firstDay = lastDay - (days - 1) * DAY;
  // Calibrate: events per (cast, seed) call over one week, to spread `target` evenly over the days.
  let sample = 0;
  for (let d = 0; d < 7; d++) sample += dayEvents(casts, firstDay + d * DAY, 4).length;
  const perCallDay = sample / (7 * 4);
  const calls = Math.max(1, Math.round(target / (days * perCallDay)));

  let events = (await db.get<{ n: number | null }>('SELECT max(id) AS n FROM events'))?.n ?? 0;
  const newest = (await db.get<{ t: number | null }>('SELECT max(ts) AS t FROM events'))?.t ?? null;
  const startDay = opts.resume && newest !== null ? Math.floor(newest / DAY) * DAY : firstDay;
  if (startDay > firstDay) log(`  resuming at day ${Math.round((startDay - firstDay) / DAY) + 1}/${days} with ${events.toLocaleString('en')} events`);
  let generateMs = 0;
  let writeMs = 0;
  const restore = await deferIndexes(db);
  for (let day = startDay; day <= lastDay && events < target; day += DAY) {
    let t = performance.now();
    const batch = dayEvents(casts, day, calls).filter((e) => toEpochMs(e['@timestamp']) <= now);
    if (events + batch.length > target && day === lastDay) batch.length = target - events;
    generateMs += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < batch.length; i += BATCH) events += (await writeEvents(db, batch.slice(i, i + BATCH))).stored;
    writeMs += performance.now() - t;
    const n = Math.round((day - firstDay) / DAY) + 1;
    if (n % 10 === 0 || day === lastDay) {
      log(`  day ${n}/${days}: ${events.toLocaleString('en')} events (generate ${(generateMs / 1000).toFixed(0)} s, write ${(writeMs / 1000).toFixed(0)} s)`);
    }
  }
  const t = performance.now();
  log('  indexes and full-text index …');
  await restore();
  writeMs += performance.now() - t;
  await addAlerts(db, now);
  return { events, generateMs, writeMs, days };
}

/** A few hundred alerts and some incidents, so the dashboard's alert panels have rows to count. */
async function addAlerts(db: Db, now: number): Promise<void> {
  const rng = new Rng(42);
  const statuses = ['nouvelle', 'prise_en_compte', 'faux_positif', 'vrai_positif', 'close'];
  const phases = ['detection', 'qualification', 'confinement', 'eradication', 'remediation', 'cloture'];
  const incidents = Array.from({ length: 30 }, (_, i) => [
    `Incident ${i}`, rng.int(1, 4), 'intrusion', rng.pick(phases), 'bench', now - i * DAY, now - i * DAY,
  ]);
  await db.insertMany('incidents', ['title', 'severity', 'category', 'phase', 'created_by', 'created_at', 'updated_at'], incidents);
  const alerts = Array.from({ length: 600 }, (_, i) => {
    const t = now - rng.int(0, 89) * DAY;
    return [`bench.rule${i % 12}`, `Alerte ${i}`, rng.int(0, 4), rng.pick(statuses), `k${i}`, t, t + 60_000, rng.int(1, 50), t];
  });
  await db.insertMany(
    'alerts',
    ['rule_id', 'title', 'severity', 'status', 'group_key', 'first_seen', 'last_seen', 'event_count', 'created_at'],
    alerts,
  );
}
