import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLoadResult } from '../../../main/api/contract';
import { DEMO_ACTOR } from '../../../main/demo/demo-alerts';
import { generateDemo, loadDemo } from '../../../main/demo/generate';
import { ATTACKER_IP } from '../../../main/demo/scenarios';
import { dashboardSummary } from '../../../main/events/queries';
import { PSEUDONYM_PATTERN, Pseudonymiser } from '../../../main/privacy/pseudonym';
import type { Db } from '../../../main/store/db';
import { openTempVault } from '../events/vault-fixture';

const NOW = new Date('2026-03-18T15:20:00Z');
const SEED = 2026;
let db: Db;
let dispose: () => Promise<void>;
let first: DemoLoadResult;
const progress: { step: string; done: number; total: number }[] = [];

beforeAll(async () => {
  ({ db, dispose } = await openTempVault());
  first = await loadDemo(db, { seed: SEED, days: 14, now: NOW, onProgress: (p) => progress.push(p) });
}, 120_000);
afterAll(async () => dispose());

const count = async (sql: string, params: unknown[] = []) => (await db.get<{ n: number }>(sql, params))!.n;

describe('loadDemo', () => {
  it('loads a fortnight of events across the hub services', async () => {
    expect(first.events).toBeGreaterThanOrEqual(3000);
    expect(first.events).toBeLessThanOrEqual(5000);
    expect(await count('SELECT count(*) AS n FROM events')).toBe(first.events);
    expect(first.services).toEqual(['MSSante', 'PACS', 'Portail-Coordination', 'ROR', 'SRI', 'Telemedecine']);
    const perService = await db.all<{ service: string; n: number }>('SELECT service, count(*) AS n FROM events GROUP BY service');
    for (const r of perService) expect(r.n).toBeGreaterThan(100);
    expect(await count('SELECT max(ts) AS n FROM events')).toBeLessThanOrEqual(NOW.getTime());
    expect(await count('SELECT min(ts) AS n FROM events')).toBeGreaterThanOrEqual(Date.parse('2026-03-05T00:00:00Z'));
  });

  it('looks like real traffic: mostly info/low, office hours, quiet weekends, some break-glass', async () => {
    const sev = await db.all<{ severity: number; n: number }>('SELECT severity, count(*) AS n FROM events GROUP BY severity');
    const total = first.events;
    const infoLow = sev.filter((r) => r.severity <= 1).reduce((s, r) => s + r.n, 0);
    expect(infoLow / total).toBeGreaterThan(0.9);
    expect(await count('SELECT count(*) AS n FROM events WHERE break_glass = 1 AND purpose = ?', ['ETREAT'])).toBeGreaterThanOrEqual(2);
    // Paris is UTC+1 in early March: 08–17 local = 07–16 UTC; night 00–05 local = 23–04 UTC.
    const hourOf = "CAST(strftime('%H', ts / 1000, 'unixepoch') AS INTEGER)";
    const office = await count(`SELECT count(*) AS n FROM events WHERE ${hourOf} BETWEEN 7 AND 16`);
    const night = await count(`SELECT count(*) AS n FROM events WHERE ${hourOf} IN (23, 0, 1, 2, 3, 4)`);
    expect(office).toBeGreaterThan(night * 5);
    const dow = "strftime('%w', ts / 1000, 'unixepoch')";
    const saturday = await count(`SELECT count(*) AS n FROM events WHERE ${dow} = '6' AND ts < ?`, [Date.parse('2026-03-08T00:00:00Z')]);
    const tuesday = await count(`SELECT count(*) AS n FROM events WHERE ${dow} = '2' AND ts < ?`, [Date.parse('2026-03-11T00:00:00Z')]);
    expect(tuesday).toBeGreaterThan(saturday * 2);
    expect(await count("SELECT count(*) AS n FROM events WHERE patient IS NOT NULL AND patient NOT GLOB 'P-*'")).toBe(0);
  });

  it('contains the injected scenarios', async () => {
    const failures = await count("SELECT count(*) AS n FROM events WHERE source_ip = ? AND outcome = 'failure'", [ATTACKER_IP]);
    expect(failures).toBeGreaterThanOrEqual(30);
    const success = await db.get<{ ts: number }>(
      "SELECT ts FROM events WHERE source_ip = ? AND action = 'user-login' AND outcome = 'success'", [ATTACKER_IP]);
    const lastFailure = await count("SELECT max(ts) AS n FROM events WHERE source_ip = ? AND outcome = 'failure'", [ATTACKER_IP]);
    expect(success!.ts).toBeGreaterThan(lastFailure);
    const night = await db.all<{ user_name: string; patients: number; span: number }>(
      `SELECT user_name, count(DISTINCT patient) AS patients, max(ts) - min(ts) AS span FROM events
       WHERE action = 'patient-record-read' AND CAST(strftime('%H', ts / 1000, 'unixepoch') AS INTEGER) IN (22, 23)
       GROUP BY user_name, ts / 3600000 HAVING patients >= 30`);
    expect(night.length).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT max(json_extract(attrs, '$.\"export.records\"')) AS n FROM events WHERE action = 'patient-record-export'")).toBeGreaterThan(1000);
  });

  it('creates grouped alerts linked to their events, and one open incident', async () => {
    expect(first.alerts).toBeGreaterThanOrEqual(6);
    expect(first.incidents).toBe(1);
    const alerts = await db.all<{ id: number; severity: number; status: string; event_count: number; incident_id: number | null; rule_id: string }>('SELECT * FROM alerts');
    expect(alerts).toHaveLength(first.alerts);
    expect(alerts.every((a) => a.rule_id.startsWith('demo.'))).toBe(true);
    expect(alerts.some((a) => a.severity >= 3)).toBe(true);
    expect(new Set(alerts.map((a) => a.status)).size).toBeGreaterThanOrEqual(4);
    for (const a of alerts) {
      expect(a.event_count).toBeGreaterThan(0);
      expect(await count('SELECT count(*) AS n FROM alert_events WHERE alert_id = ?', [a.id])).toBe(a.event_count);
    }
    const incidents = await db.all<Record<string, unknown>>("SELECT * FROM incidents WHERE phase <> 'cloture'");
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ phase: 'qualification', tlp: 'AMBER', severity: 4, structure: 'CH de Montélimar', created_by: DEMO_ACTOR });
    expect(incidents[0].finess).toMatch(/^\d{9}$/);
    expect(await count('SELECT count(*) AS n FROM incident_history WHERE incident_id = ?', [incidents[0].id])).toBeGreaterThanOrEqual(3);
    expect(alerts.filter((a) => a.incident_id === incidents[0].id)).toHaveLength(1);
    const s = await dashboardSummary(db, { from: '2026-03-05T00:00:00Z', to: '2026-03-19T00:00:00Z' });
    expect(s.totalEvents).toBe(first.events);
    expect(s.openIncidents).toBe(1);
    expect(s.breakGlass).toBeGreaterThanOrEqual(2);
  });

  it('reported its progress up to the last event', () => {
    const events = progress.filter((p) => p.step === 'demo.progress.events');
    expect(events.at(-1)).toEqual({ step: 'demo.progress.events', done: events.at(-1)!.total, total: events.at(-1)!.total });
    const done = events.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)?.step).toBe('demo.progress.alerts');
  });

  it('never stores a raw patient identifier, only pseudonyms', async () => {
    const data = generateDemo({ seed: SEED, days: 14, now: NOW }, await Pseudonymiser.fromDb(db));
    const bodies = new Set(data.patients.map((p) => p.identifier.slice(0, 13)));
    expect(bodies.size).toBeGreaterThan(400);
    const rows = await db.all<Record<string, unknown>>('SELECT * FROM events');
    let scanned = 0;
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (typeof value !== 'string') continue;
        scanned++;
        for (const run of value.match(/\d{13,}/g) ?? []) {
          for (let i = 0; i + 13 <= run.length; i++) expect(bodies.has(run.slice(i, i + 13))).toBe(false);
        }
      }
    }
    expect(scanned).toBeGreaterThan(rows.length * 10);
    for (const p of data.patients.slice(0, 25)) {
      expect(await count('SELECT count(*) AS n FROM events WHERE instr(original, ?) > 0 OR instr(message, ?) > 0', [p.identifier, p.identifier])).toBe(0);
    }
    const used = await db.all<{ patient: string }>('SELECT DISTINCT patient FROM events WHERE patient IS NOT NULL');
    const pseudonyms = new Set(data.patients.map((p) => p.pseudonym));
    expect(used.length).toBeGreaterThan(100);
    for (const u of used) {
      expect(u.patient).toMatch(PSEUDONYM_PATTERN);
      expect(pseudonyms.has(u.patient)).toBe(true);
    }
  });

  it('adds nothing when loaded again the same day', async () => {
    const before = await db.all('SELECT * FROM rollup_hour ORDER BY 1, 2, 3, 4');
    const again = await loadDemo(db, { seed: SEED, days: 14, now: new Date(NOW.getTime() - 60_000) });
    expect(again).toMatchObject({ events: 0, alerts: 0, incidents: 0 });
    expect(await count('SELECT count(*) AS n FROM events')).toBe(first.events);
    expect(await count('SELECT count(*) AS n FROM alerts')).toBe(first.alerts);
    expect(await count('SELECT count(*) AS n FROM incidents')).toBe(1);
    expect(await db.all('SELECT * FROM rollup_hour ORDER BY 1, 2, 3, 4')).toEqual(before);
  }, 60_000);

  it('a load the next day adds that day only, and no second set of alerts', async () => {
    const next = await loadDemo(db, { seed: SEED, days: 14, now: new Date(NOW.getTime() + 86_400_000) });
    expect(next.events).toBeGreaterThan(100);
    expect(next.events).toBeLessThan(800);
    expect(next).toMatchObject({ alerts: 0, incidents: 0 });
    expect(await count('SELECT count(*) AS n FROM incidents')).toBe(1);
    expect(await count('SELECT sum(count) AS n FROM rollup_hour')).toBe(await count('SELECT count(*) AS n FROM events'));
  }, 60_000);
});

describe('generateDemo', () => {
  const p = Pseudonymiser.fromKey(Buffer.alloc(32, 9));
  it('is deterministic for a seed and day, and changes with the seed', () => {
    const a = generateDemo({ seed: 1, days: 3, now: NOW }, p);
    const b = generateDemo({ seed: 1, days: 3, now: new Date(NOW.getTime() + 3_600_000) }, p);
    const c = generateDemo({ seed: 2, days: 3, now: NOW }, p);
    const originals = (d: typeof a) => d.events.map((e) => e['event.original']);
    // A later `now` the same day only adds the events of the extra hour.
    const later = new Set(originals(b));
    expect(originals(a).every((o) => later.has(o))).toBe(true);
    expect(b.events.length).toBeGreaterThan(a.events.length);
    expect(originals(generateDemo({ seed: 1, days: 3, now: NOW }, p))).toEqual(originals(a));
    expect(originals(c)).not.toEqual(originals(a));
  });

  it('keeps every story inside a short window ending early in the day', () => {
    const early = new Date('2026-03-18T00:40:00Z');
    const d = generateDemo({ seed: 5, days: 1, now: early }, p);
    const times = d.events.map((e) => Date.parse(String(e['@timestamp'] instanceof Date ? e['@timestamp'].toISOString() : e['@timestamp'])));
    expect(Math.max(...times)).toBeLessThanOrEqual(early.getTime());
    expect(d.scenarios.events.bruteforce.length).toBeGreaterThan(30);
  });
});
