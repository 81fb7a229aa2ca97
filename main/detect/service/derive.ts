/**
 * Derived fields, computed before matching so that Sigma rules can test what
 * no single event says (see resources/rules/health/README.md):
 *
 * | Field (in `attributes`) | Value |
 * | --- | --- |
 * | `vigie.weekday` | ISO day of the week in the detection time zone (1 Monday … 7 Sunday) |
 * | `vigie.off_hours` | true outside the configured working hours (working-hours.ts), else false |
 * | `vigie.off_hours_period` | outside working hours only: the period (`YYYY-MM-DD` of the evening or day off it starts on) |
 * | `event.code` | DICOM/FHIR codes of the audit record (ATNA EventID and EventTypeCodes, FHIR type/subtype) |
 * | `health.care_relationship` | only for users present in the imported care-relationship list: true/false |
 * | `health.same_family_name` | true when the (user, patient) pair is on the watch-list as a relative, or when the source gives keyed hashes of both family names (`user.family_hash`, `health.patient.family_hash`) and they are equal |
 * | `health.new_source_ip` | for events with user and address: true when the user has at least `learningMs` of history and was never seen from that address before this event |
 */
import { DateTime } from 'luxon';
import type { NormalizedEvent } from '../../events/types';
import type { Db } from '../../store/db';
import { fieldText } from './fields';
import { loadWorkingHours, offHoursPeriodAt, type WorkingHours } from './working-hours';

export const DEFAULT_LEARNING_MS = 7 * 86_400_000;
const MAX_CACHED_USERS = 20_000;
const SEP = '\u0001';

export interface DeriveLists {
  /** user → patients with a care relationship (only users present in the list). */
  care: Map<string, Set<string>>;
  /** `user SEP pseudonym` of relatives declared on the watch-list. */
  relatives: Set<string>;
  workingHours: WorkingHours;
}

export async function loadDeriveLists(db: Db): Promise<DeriveLists> {
  const care = new Map<string, Set<string>>();
  for (const r of await db.all<{ user_name: string; patient: string }>('SELECT user_name, patient FROM care_relationships')) {
    let s = care.get(r.user_name);
    if (!s) care.set(r.user_name, (s = new Set()));
    s.add(r.patient);
  }
  const relatives = new Set(
    (await db.all<{ user_name: string; pseudonym: string }>("SELECT user_name, pseudonym FROM watchlist WHERE user_name <> ''")).map(
      (r) => r.user_name + SEP + r.pseudonym,
    ),
  );
  return { care, relatives, workingHours: await loadWorkingHours(db) };
}

interface UserIps {
  first: number;
  ips: Map<string, number>;
}

function codesOf(attrs: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const take = (v: unknown) => {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x && typeof x === 'object' && typeof (x as { code?: unknown }).code === 'string') out.add((x as { code: string }).code);
    }
  };
  for (const k of ['atna.event_id', 'atna.event_types', 'fhir.type', 'fhir.subtype']) take(attrs[k]);
  return [...out];
}

export class Deriver {
  private readonly users = new Map<string, UserIps>();
  private pending = new Map<string, { user: string; ip: string; first: number; last: number; count: number }>();

  constructor(
    private lists: DeriveLists,
    private readonly opts: { timezone: string; learningMs: number },
  ) {}

  setLists(lists: DeriveLists): void {
    this.lists = lists;
  }

  /** Loads the seen addresses of the batch's users not yet cached. */
  async prefetch(db: Db, events: readonly NormalizedEvent[]): Promise<void> {
    const missing = [...new Set(events.map((e) => e['user.name']).filter((u): u is string => !!u && !this.users.has(u)))];
    if (this.users.size + missing.length > MAX_CACHED_USERS) this.users.clear();
    for (let i = 0; i < missing.length; i += 400) {
      const chunk = missing.slice(i, i + 400);
      for (const u of chunk) this.users.set(u, { first: Number.POSITIVE_INFINITY, ips: new Map() });
      const rows = await db.all<{ user_name: string; ip: string; first_seen: number }>(
        `SELECT user_name, ip, first_seen FROM user_source_ips WHERE user_name IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) {
        const u = this.users.get(r.user_name) as UserIps;
        u.ips.set(r.ip, r.first_seen);
        u.first = Math.min(u.first, r.first_seen);
      }
    }
  }

  /** Adds the derived fields to `ev.attributes` (events must be fed in time order for new_source_ip). */
  derive(ev: NormalizedEvent, ms: number): void {
    const attrs = (ev.attributes ??= {});
    if (Number.isFinite(ms)) {
      const local = DateTime.fromMillis(ms, { zone: this.opts.timezone });
      attrs['vigie.weekday'] = local.weekday;
      const period = offHoursPeriodAt(local, this.lists.workingHours);
      attrs['vigie.off_hours'] = period !== null;
      if (period !== null) attrs['vigie.off_hours_period'] = period;
    }
    if (attrs['event.code'] === undefined) {
      const codes = codesOf(attrs);
      if (codes.length) attrs['event.code'] = codes;
    }
    const user = ev['user.name'] ?? null;
    const patient = ev['health.patient.pseudonym'] ?? null;
    if (user && patient) {
      const rel = this.lists.care.get(user);
      if (rel) attrs['health.care_relationship'] = rel.has(patient);
      const uh = fieldText(ev, 'user.family_hash');
      const ph = fieldText(ev, 'health.patient.family_hash');
      if (this.lists.relatives.has(user + SEP + patient)) attrs['health.same_family_name'] = true;
      else if (uh && ph) attrs['health.same_family_name'] = uh === ph;
    }
    const ip = ev['source.ip'] ?? null;
    if (user && ip && Number.isFinite(ms)) {
      const u = this.users.get(user) ?? { first: Number.POSITIVE_INFINITY, ips: new Map<string, number>() };
      this.users.set(user, u);
      const seen = u.ips.get(ip);
      attrs['health.new_source_ip'] = ms - u.first >= this.opts.learningMs && (seen === undefined || seen >= ms);
      if (seen === undefined || ms < seen) u.ips.set(ip, ms);
      u.first = Math.min(u.first, ms);
      const key = user + SEP + ip;
      const p = this.pending.get(key);
      if (p) {
        p.first = Math.min(p.first, ms);
        p.last = Math.max(p.last, ms);
        p.count++;
      } else this.pending.set(key, { user, ip, first: ms, last: ms, count: 1 });
    }
  }

  /** Writes the addresses seen since the last call (inside the caller's transaction). */
  async persist(db: Db): Promise<void> {
    const rows = [...this.pending.values()];
    this.pending = new Map();
    for (const r of rows) {
      await db.run(
        `INSERT INTO user_source_ips (user_name, ip, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_name, ip) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
           last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`,
        [r.user, r.ip, r.first, r.last, r.count],
      );
    }
  }

  /** Drops what would be persisted (read-only runs such as "test on the last N days"). */
  discard(): void {
    this.pending = new Map();
  }
}
