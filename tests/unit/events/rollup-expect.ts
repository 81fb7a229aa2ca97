/**
 * Every rollup recomputed in JavaScript from the rows of `events` (Paris
 * night from the tz database through Intl, not from Vigie's own helpers), and
 * read back from the rollup tables, both in the same canonical order.
 */
import type { Severity } from '../../../main/api/contract';
import { SEVERITIES } from '../../../main/api/contract';
import type { NormalizedEvent } from '../../../main/events/types';
import type { Db } from '../../../main/store/db';
import { makeEvent } from './factory';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const parisHourFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' });
export const parisHourIntl = (ms: number) => Number(parisHourFmt.format(new Date(ms)));
export const nightIntl = (ms: number) => {
  const h = parisHourIntl(ms);
  return h >= 20 || h < 7;
};

interface Row {
  ts: number;
  service: string;
  severity: number;
  outcome: string;
  category: string;
  user_name: string | null;
  source_ip: string | null;
  host: string | null;
  patient: string | null;
  break_glass: number;
}

type Table = Record<string, unknown>[];
export type Rollups = Record<string, Table>;

function sortRows(rows: Table): Table {
  return rows.map((r) => ({ ...r })).sort((a, b) => (JSON.stringify(Object.values(a)) < JSON.stringify(Object.values(b)) ? -1 : 1));
}

function tally<K extends string>(rows: Row[], key: (r: Row) => unknown[] | null, names: string[], values: Record<K, (r: Row) => number>): Table {
  const m = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const id = JSON.stringify(k);
    const acc = m.get(id) ?? Object.fromEntries([...names.map((n, i) => [n, k[i]]), ...Object.keys(values).map((v) => [v, 0])]);
    for (const [v, f] of Object.entries(values) as [K, (r: Row) => number][]) acc[v] = (acc[v] as number) + f(r);
    m.set(id, acc);
  }
  return sortRows([...m.values()]);
}

export async function expectedRollups(db: Db): Promise<Rollups> {
  const rows = await db.all<Row>(
    'SELECT ts, service, severity, outcome, category, user_name, source_ip, host, patient, break_glass FROM events',
  );
  const hour = (r: Row) => Math.floor(r.ts / HOUR) * HOUR;
  const day = (r: Row) => Math.floor(r.ts / DAY) * DAY;
  // Monday 00:00 UTC, from the calendar (getUTCDay: 0 = Sunday), not from Vigie's arithmetic.
  const monday = (r: Row) => day(r) - ((new Date(r.ts).getUTCDay() + 6) % 7) * DAY;
  const one = () => 1;
  const fail = (r: Row) => (r.outcome === 'failure' ? 1 : 0);
  const access = rows.filter((r) => r.patient !== null);
  const accessUserDay = tally(access, (r) => [day(r), r.user_name ?? ''], ['day', 'user_name'], {
    accesses: one,
    night: (r) => (nightIntl(r.ts) ? 1 : 0),
    break_glass: (r) => r.break_glass,
  }).map((u): Record<string, unknown> => ({
    ...u,
    patients: new Set(access.filter((r) => day(r) === u.day && (r.user_name ?? '') === u.user_name).map((r) => r.patient)).size,
  }));
  return {
    rollup_hour: tally(rows, (r) => [hour(r), r.service, r.severity, r.outcome, r.category], ['bucket', 'service', 'severity', 'outcome', 'category'], { count: one }),
    rollup_user_day: tally(rows, (r) => (r.user_name === null ? null : [day(r), r.user_name]), ['day', 'user_name'], { count: one, failures: fail }),
    rollup_ip_day: tally(rows, (r) => (r.source_ip === null ? null : [day(r), r.source_ip]), ['day', 'source_ip'], { count: one, failures: fail }),
    rollup_host_day: tally(rows, (r) => (r.host === null ? null : [day(r), r.host]), ['day', 'host'], { count: one, failures: fail }),
    rollup_access_day: tally(access, (r) => [day(r), r.user_name ?? '', r.patient], ['day', 'user_name', 'patient'], {
      count: one,
      night: (r) => (nightIntl(r.ts) ? 1 : 0),
      break_glass: (r) => r.break_glass,
    }),
    rollup_access_user_day: sortRows(accessUserDay.map(({ day: d, user_name, accesses, patients, night, break_glass }) => ({ day: d, user_name, accesses, patients, night, break_glass }))),
    rollup_break_glass_hour: tally(rows, (r) => (r.break_glass ? [hour(r), r.service, r.user_name ?? ''] : null), ['bucket', 'service', 'user_name'], { count: one }),
    // Coarse level (migration 011): per day and per Monday-based UTC week.
    rollup_day: tally(rows, (r) => [day(r), r.service, r.severity, r.outcome, r.category], ['day', 'service', 'severity', 'outcome', 'category'], { count: one }),
    rollup_user_week: tally(rows, (r) => (r.user_name === null ? null : [monday(r), r.user_name]), ['week', 'user_name'], { count: one, failures: fail }),
    rollup_ip_week: tally(rows, (r) => (r.source_ip === null ? null : [monday(r), r.source_ip]), ['week', 'source_ip'], { count: one, failures: fail }),
    rollup_host_week: tally(rows, (r) => (r.host === null ? null : [monday(r), r.host]), ['week', 'host'], { count: one, failures: fail }),
    rollup_access_total_day: tally(access, (r) => [day(r)], ['day'], {
      accesses: one,
      night: (r) => (nightIntl(r.ts) ? 1 : 0),
      break_glass: (r) => r.break_glass,
    }),
  };
}

const COLUMNS: Record<string, string> = {
  rollup_hour: 'bucket, service, severity, outcome, category, count',
  rollup_user_day: 'day, user_name, count, failures',
  rollup_ip_day: 'day, source_ip, count, failures',
  rollup_host_day: 'day, host, count, failures',
  rollup_access_day: 'day, user_name, patient, count, night, break_glass',
  rollup_access_user_day: 'day, user_name, accesses, patients, night, break_glass',
  rollup_break_glass_hour: 'bucket, service, user_name, count',
  rollup_day: 'day, service, severity, outcome, category, count',
  rollup_user_week: 'week, user_name, count, failures',
  rollup_ip_week: 'week, source_ip, count, failures',
  rollup_host_week: 'week, host, count, failures',
  rollup_access_total_day: 'day, accesses, night, break_glass',
};

/** The rollups of migration 009 (before the coarse level of 011). */
export const FINE_ROLLUPS = [
  'rollup_hour', 'rollup_user_day', 'rollup_ip_day', 'rollup_host_day', 'rollup_access_day', 'rollup_access_user_day', 'rollup_break_glass_hour',
];

export function pick(r: Rollups, tables: readonly string[]): Rollups {
  return Object.fromEntries(tables.map((t) => [t, r[t]]));
}

export async function actualRollups(db: Db, tables: readonly string[] = Object.keys(COLUMNS)): Promise<Rollups> {
  const out: Rollups = {};
  for (const table of tables) out[table] = sortRows(await db.all(`SELECT ${COLUMNS[table]} FROM ${table}`));
  return out;
}

const SERVICES = ['SRI', 'ROR', 'PACS', 'Portail-Coordination'];
const CATEGORIES = ['authentication', 'database', 'file', 'session'];
const USERS = ['alice', 'bob', 'chloe', 'Dr. Émile', null];
const HOSTS = ['sri-idp-01', 'pacs-ch-26', null];
const IPS = ['10.0.0.1', '10.0.0.2', '185.220.101.47', null];

/**
 * Random events around a DST change (2026-03-29 01:00 UTC) and over every
 * hour of the day: varied services, categories, severities, outcomes, users,
 * hosts, addresses, patients (a small pool, so users meet the same patients
 * again) and break-glass accesses.
 */
export function richEvents(rand: () => number, count: number, patients = 25): NormalizedEvent[] {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const start = Date.parse('2026-03-26T00:00:00Z');
  return Array.from({ length: count }, () => {
    const ts = start + Math.floor(rand() * 6 * DAY);
    const id = Math.floor(rand() * 1e9);
    const hasPatient = rand() < 0.6;
    const breakGlass = rand() < 0.07;
    const severity: Severity = pick(SEVERITIES);
    return makeEvent(0, {
      '@timestamp': new Date(ts),
      'service.name': pick(SERVICES),
      'event.category': pick(CATEGORIES),
      'event.severity': severity,
      'event.outcome': pick(['success', 'failure', 'unknown'] as const),
      'user.name': pick(USERS),
      'host.name': pick(HOSTS),
      'source.ip': pick(IPS),
      'health.patient.pseudonym': hasPatient ? `P-${String(Math.floor(rand() * patients)).padStart(16, 'A').replace(/[0-9]/g, (d) => 'BCDEFGHIJK'[Number(d)])}` : null,
      'health.purpose_of_use': breakGlass ? 'ETREAT' : 'TREAT',
      message: `random ${id}`,
      'event.original': `raw ${id}`,
    });
  });
}
