/**
 * Rollup maintenance at ingest time (see README.md, « Rollups »), inside `writeEvents`' transaction: the
 * rows the call inserted are grouped here, in JavaScript (Maps on the main thread), per rollup key, and
 * SQLite, on its own thread, upserts a few hundred pre-grouped rows (one `jsonb_each` into `temp.rollup_pre`,
 * then one `exec` of `INSERT … ON CONFLICT DO UPDATE`) instead of sorting the whole batch once per rollup
 * (those sorts were about a quarter of the database thread's work per imported event). Migrations 009 and
 * 011 backfill the same tables with the same definitions in SQL over existing events; tests compare every
 * table with a GROUP BY over `events` (rollup-expect.ts).
 *
 * Integer divisions mirror SQLite's (truncation, timestamps are ≥ 0); the Paris night test is `isNight`,
 * the reference the SQL expression of rollups-paris.ts is tested against.
 */
import type { Db } from '../store/db';
import { COARSE_ROLLUP_TABLES, MONDAY_SHIFT, WEEK } from './rollups-coarse';
import { DAY, HOUR, isNight } from './rollups-paris';

/** Every rollup table, for tests and tools (all are WITHOUT ROWID, keyed by their time bucket first). */
export const ROLLUP_TABLES = [
  'rollup_hour',
  'rollup_user_day',
  'rollup_ip_day',
  'rollup_host_day',
  'rollup_access_user_day',
  'rollup_access_day',
  'rollup_break_glass_hour',
  ...COARSE_ROLLUP_TABLES,
] as const;

/** What the aggregation reads from a row (positions in INSERT_COLUMNS order, see columns.ts). */
export interface RollupColumns {
  ts: number;
  service: number;
  host: number;
  severity: number;
  category: number;
  outcome: number;
  user_name: number;
  source_ip: number;
  patient: number;
  break_glass: number;
}

const PRE = 'temp.rollup_pre';
const CREATE_PRE = `CREATE TEMP TABLE IF NOT EXISTS rollup_pre (
  kind TEXT NOT NULL, t INTEGER, a ANY, b ANY, c ANY, d ANY, n INTEGER, f INTEGER, night INTEGER, bg INTEGER) STRICT`;
const FILL_PRE = `INSERT INTO ${PRE} (kind, t, a, b, c, d, n, f, night, bg)
  SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9
  FROM jsonb_each(?)`;

function entity(table: string, time: string, column: string, kind: string): string {
  return `INSERT INTO ${table} (${time}, ${column}, count, failures)
      SELECT t, a, n, f FROM ${PRE} WHERE kind = '${kind}'
    ON CONFLICT (${time}, ${column}) DO UPDATE SET count = count + excluded.count, failures = failures + excluded.failures`;
}

/** Events per time bucket × service × severity × outcome × category (hourly and daily). */
function counts(table: string, time: string, kind: string): string {
  return `INSERT INTO ${table} (${time}, service, severity, outcome, category, count)
      SELECT t, a, b, c, d, n FROM ${PRE} WHERE kind = '${kind}'
    ON CONFLICT (${time}, service, severity, outcome, category) DO UPDATE SET count = count + excluded.count`;
}

/** Run in this order (rollup_access_user_day before rollup_access_day: distinct patients), then the table is emptied. */
const APPLY: readonly string[] = [
  counts('rollup_hour', 'bucket', 'hour'),
  entity('rollup_user_day', 'day', 'user_name', 'user_day'),
  entity('rollup_ip_day', 'day', 'source_ip', 'ip_day'),
  entity('rollup_host_day', 'day', 'host', 'host_day'),
  `INSERT INTO rollup_access_user_day (day, user_name, accesses, patients, night, break_glass)
      SELECT t, a, sum(n),
             sum(NOT EXISTS (SELECT 1 FROM rollup_access_day r WHERE r.day = p.t AND r.user_name = p.a AND r.patient = p.b)),
             sum(night), sum(bg)
      FROM ${PRE} AS p WHERE kind = 'access' GROUP BY t, a
    ON CONFLICT (day, user_name) DO UPDATE SET accesses = accesses + excluded.accesses,
      patients = patients + excluded.patients, night = night + excluded.night,
      break_glass = break_glass + excluded.break_glass`,
  `INSERT INTO rollup_access_day (day, user_name, patient, count, night, break_glass)
      SELECT t, a, b, n, night, bg FROM ${PRE} WHERE kind = 'access'
    ON CONFLICT (day, user_name, patient) DO UPDATE SET count = count + excluded.count,
      night = night + excluded.night, break_glass = break_glass + excluded.break_glass`,
  `INSERT INTO rollup_break_glass_hour (bucket, service, user_name, count)
      SELECT t, a, b, n FROM ${PRE} WHERE kind = 'break_glass'
    ON CONFLICT (bucket, service, user_name) DO UPDATE SET count = count + excluded.count`,
  counts('rollup_day', 'day', 'day'),
  entity('rollup_user_week', 'week', 'user_name', 'user_week'),
  entity('rollup_ip_week', 'week', 'source_ip', 'ip_week'),
  entity('rollup_host_week', 'week', 'host', 'host_week'),
  `INSERT INTO rollup_access_total_day (day, accesses, night, break_glass)
      SELECT t, sum(n), sum(night), sum(bg) FROM ${PRE} WHERE kind = 'access' GROUP BY t
    ON CONFLICT (day) DO UPDATE SET accesses = accesses + excluded.accesses, night = night + excluded.night,
      break_glass = break_glass + excluded.break_glass`,
  `DELETE FROM ${PRE}`,
];

/** One pre-grouped row: [kind, t, a, b, c, d, n, f, night, bg]. */
type Pre = [string, number, unknown, unknown, unknown, unknown, number, number, number, number];

/** Unambiguous key part of a value: type, length and text (a separator inside a string cannot fake another key). */
function part(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return `s${v.length}:${v}`;
  return `n${String(v)}`;
}

class Groups {
  readonly map = new Map<string, Pre>();
  add(key: string, kind: string, t: number, a: unknown, b: unknown, c: unknown, d: unknown, n: number, fail: number, night: number, bg: number): void {
    const g = this.map.get(key);
    if (g) {
      g[6] += n;
      g[7] += fail;
      g[8] += night;
      g[9] += bg;
    } else {
      this.map.set(key, [kind, t, a, b, c, d, n, fail, night, bg]);
    }
  }
}

const weekOfDay = (day: number) => Math.trunc((day - MONDAY_SHIFT) / WEEK) * WEEK + MONDAY_SHIFT;

/** Groups `rows` (arrays in INSERT_COLUMNS order) per rollup key; the JSON sent to `rollup_pre`. */
export function aggregateRollups(rows: readonly (readonly unknown[])[], c: RollupColumns): Pre[] {
  // Per event only the finest groups (hour, day × entity, access, break-glass); days and weeks are then
  // summed from those groups, which are far fewer than the events.
  const hour = new Groups();
  const entities = { user: new Groups(), ip: new Groups(), host: new Groups() };
  const other = new Groups();
  const entity = (g: Groups, day: number, v: unknown, fail: number) => {
    if (v !== null && v !== undefined) g.add(`${day}|${part(v)}`, '', day, v, null, null, null, 1, fail, 0, 0);
  };
  for (const r of rows) {
    const ts = r[c.ts] as number;
    const h = Math.trunc(ts / HOUR) * HOUR;
    const day = Math.trunc(ts / DAY) * DAY;
    const service = r[c.service];
    const severity = r[c.severity];
    const outcome = r[c.outcome];
    const category = r[c.category];
    const fail = outcome === 'failure' ? 1 : 0;
    hour.add(`${h}|${part(service)}|${part(severity)}|${part(outcome)}|${part(category)}`, 'hour', h, service, severity, outcome, category, 1, 0, 0, 0);
    const user = r[c.user_name];
    entity(entities.user, day, user, fail);
    entity(entities.ip, day, r[c.source_ip], fail);
    entity(entities.host, day, r[c.host], fail);
    const bg = r[c.break_glass] === 1 ? 1 : 0;
    const u = user ?? '';
    const patient = r[c.patient];
    if (patient !== null && patient !== undefined) {
      other.add(`a|${day}|${part(u)}|${part(patient)}`, 'access', day, u, patient, null, null, 1, 0, isNight(ts) ? 1 : 0, bg);
    }
    if (bg === 1) other.add(`b|${h}|${part(service)}|${part(u)}`, 'break_glass', h, service, u, null, null, 1, 0, 0, 0);
  }
  const out: Pre[] = [];
  const day = new Groups();
  for (const g of hour.map.values()) {
    out.push(g);
    const d = Math.trunc(g[1] / DAY) * DAY;
    day.add(`${d}|${part(g[2])}|${part(g[3])}|${part(g[4])}|${part(g[5])}`, 'day', d, g[2], g[3], g[4], g[5], g[6], 0, 0, 0);
  }
  out.push(...day.map.values());
  for (const [name, groups] of Object.entries(entities)) {
    const week = new Groups();
    for (const g of groups.map.values()) {
      out.push([`${name}_day`, g[1], g[2], null, null, null, g[6], g[7], 0, 0]);
      const w = weekOfDay(g[1]);
      week.add(`${w}|${part(g[2])}`, `${name}_week`, w, g[2], null, null, null, g[6], g[7], 0, 0);
    }
    out.push(...week.map.values());
  }
  out.push(...other.map.values());
  return out;
}

/**
 * Adds `rows` (exactly the rows this transaction inserted, duplicates left out) to every rollup: one
 * statement with the groups, one exec for the upserts.
 */
export async function maintainRollups(tx: Db, rows: readonly (readonly unknown[])[], columns: RollupColumns): Promise<void> {
  await tx.run(CREATE_PRE);
  await tx.run(FILL_PRE, [JSON.stringify(aggregateRollups(rows, columns))]);
  await tx.exec(APPLY.join(';\n'));
}
