import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, openKeyed } from '../../../main/store/cipher';
import type { Db } from '../../../main/store/db';
import { assertMigrationList, migrate } from '../../../main/store/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../main/store/migrations';
import { eventToRow, INSERT_COLUMNS } from '../../../main/events/columns';
import { writeEvents } from '../../../main/events/writer';
import { prng } from '../events/factory';
import { actualRollups, expectedRollups, FINE_ROLLUPS, pick, richEvents } from '../events/rollup-expect';
import { rejection, tempDir, track } from './fixtures';

/** A fresh encrypted database with no schema at all (user_version 0). */
async function freshDb(): Promise<Db> {
  const file = path.join(await tempDir(), 'vault.db');
  const db = await openKeyed(file, randomBytes(32), true);
  track({ db });
  await configureConnection(db);
  return db;
}

async function migratedTo(version: number): Promise<Db> {
  const db = await freshDb();
  expect(await migrate(db, MIGRATIONS.slice(0, version))).toEqual({ from: 0, to: version });
  return db;
}

const version = async (db: Db) => (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version;
const tables = async (db: Db) =>
  (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r.name);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

async function insertEvent(db: Db, i: number, o: { ts: number; user?: string | null; outcome?: string; severity?: number; service?: string }) {
  await db.run(
    `INSERT INTO events (ts, ingested, dataset, service, severity, category, action, outcome, user_name, message, original, fingerprint)
     VALUES (?, ?, 'sri.auth', ?, ?, 'authentication', 'login', ?, ?, ?, ?, ?)`,
    [o.ts, o.ts, o.service ?? 'SRI', o.severity ?? 1, o.outcome ?? 'success', o.user ?? null, `m${i}`, `raw${i}`, `fp${i}`],
  );
}

/** One test per migration: migrate to N-1, insert representative rows, migrate to N, check schema and data. */
const perMigration: Record<number, () => Promise<void>> = {
  1: async () => {
    const db = await freshDb();
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(await tables(db)).toEqual(['audit_log', 'events', 'settings']);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await expect(insertEvent(db, 2, { ts: T0 }).then(() => insertEvent(db, 2, { ts: T0 }))).rejects.toThrow(/UNIQUE/);
    // STRICT tables refuse a wrongly typed value.
    await expect(db.run("UPDATE events SET ts = 'hier' WHERE id = 1")).rejects.toThrow(/cannot store TEXT value in INTEGER/);
    expect(await db.get('SELECT break_glass FROM events WHERE id = 1')).toEqual({ break_glass: 0 });
  },

  2: async () => {
    const db = await migratedTo(1);
    await insertEvent(db, 1, { ts: T0 + 5 * 60_000, user: 'dr.martin', outcome: 'failure' });
    await insertEvent(db, 2, { ts: T0 + 50 * 60_000, user: 'dr.martin', outcome: 'success' });
    await insertEvent(db, 3, { ts: T0 + HOUR + 1, user: 'dr.martin', outcome: 'failure' });
    await insertEvent(db, 4, { ts: T0 + 10, user: null, service: 'PACS', severity: 3 });
    await insertEvent(db, 5, { ts: T0 + DAY, user: 'ide.durand' });
    expect(await migrate(db, MIGRATIONS.slice(0, 2))).toEqual({ from: 1, to: 2 });
    expect(await db.all('SELECT bucket, service, severity, outcome, count FROM rollup_hour ORDER BY bucket, service, outcome')).toEqual([
      { bucket: T0, service: 'PACS', severity: 3, outcome: 'success', count: 1 },
      { bucket: T0, service: 'SRI', severity: 1, outcome: 'failure', count: 1 },
      { bucket: T0, service: 'SRI', severity: 1, outcome: 'success', count: 1 },
      { bucket: T0 + HOUR, service: 'SRI', severity: 1, outcome: 'failure', count: 1 },
      { bucket: T0 + DAY, service: 'SRI', severity: 1, outcome: 'success', count: 1 },
    ]);
    const day0 = Math.floor(T0 / DAY) * DAY;
    expect(await db.all('SELECT day, user_name, count, failures FROM rollup_user_day ORDER BY day, user_name')).toEqual([
      { day: day0, user_name: 'dr.martin', count: 3, failures: 2 },
      { day: day0 + DAY, user_name: 'ide.durand', count: 1, failures: 0 },
    ]);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 5 });
  },

  3: async () => {
    const db = await migratedTo(2);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await db.run("INSERT INTO rollup_hour VALUES (?, 'SRI', 1, 'success', 1)", [T0]);
    expect(await migrate(db, MIGRATIONS.slice(0, 3))).toEqual({ from: 2, to: 3 });
    const inc = await db.run(
      "INSERT INTO incidents (title, severity, category, created_by, created_at, updated_at) VALUES ('Rançongiciel', 4, 'malware', 'rssi', ?, ?)",
      [T0, T0],
    );
    expect(await db.get('SELECT tlp, phase FROM incidents')).toEqual({ tlp: 'AMBER', phase: 'detection' });
    const alert = await db.run(
      `INSERT INTO alerts (rule_id, title, severity, group_key, first_seen, last_seen, event_count, incident_id, created_at)
       VALUES ('bruteforce', 'Échecs répétés', 3, 'dr.martin', ?, ?, 1, ?, ?)`,
      [T0, T0, inc.lastID, T0],
    );
    await db.run('INSERT INTO alert_events VALUES (?, 1)', [alert.lastID]);
    expect(await db.get('SELECT status FROM alerts')).toEqual({ status: 'nouvelle' });
    await expect(db.run("UPDATE alerts SET status = 'ouverte'")).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.run("UPDATE incidents SET tlp = 'WHITE'")).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.run("UPDATE incidents SET phase = 'fini'")).rejects.toThrow(/CHECK constraint failed/);
    await expect(db.run('INSERT INTO alert_events VALUES (?, 999)', [alert.lastID])).rejects.toThrow(/FOREIGN KEY/);
    await db.run("UPDATE alerts SET status = 'vrai_positif'");
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
    expect(await db.get('SELECT count(*) AS n FROM rollup_hour')).toEqual({ n: 1 });
  },

  4: async () => {
    const db = await migratedTo(3);
    await insertEvent(db, 1, { ts: T0 });
    await db.run(
      "INSERT INTO incidents (title, severity, category, created_by, created_at, updated_at) VALUES ('x', 1, 'c', 'a', 1, 1)",
    );
    expect(await migrate(db, MIGRATIONS.slice(0, 4))).toEqual({ from: 3, to: 4 });
    const run = await db.run(
      "INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('retention', 'schedule', ?, 'running')",
      [T0],
    );
    await db.run("UPDATE job_runs SET ended_at = ?, outcome = 'success', message = '12 supprimés' WHERE id = ?", [T0 + 1, run.lastID]);
    expect(await db.get('SELECT job, trigger, outcome, ended_at FROM job_runs')).toEqual({
      job: 'retention', trigger: 'schedule', outcome: 'success', ended_at: T0 + 1,
    });
    await expect(db.run("INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('x', 'cron', 1, 'running')")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('x', 'manual', 1, 'ok')")).rejects.toThrow(/CHECK/);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
    expect(await db.get('SELECT count(*) AS n FROM incidents')).toEqual({ n: 1 });
  },

  5: async () => {
    const db = await migratedTo(4);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    expect(await migrate(db, MIGRATIONS.slice(0, 5))).toEqual({ from: 4, to: 5 });
    expect(await tables(db)).toEqual(expect.arrayContaining(['csv_mappings', 'imports', 'quarantine', 'secrets', 'sources']));
    const src = await db.run(
      "INSERT INTO sources (name, kind, config, created_at, updated_at) VALUES ('Dépôt SRI', 'folder', '{}', ?, ?)",
      [T0, T0],
    );
    await expect(db.run("INSERT INTO sources (name, kind, config, created_at, updated_at) VALUES ('x', 'ftp', '{}', 1, 1)")).rejects.toThrow(/CHECK/);
    const imp = await db.run(
      "INSERT INTO imports (source_id, origin, identity, format, status, started_at) VALUES (?, '/logs/sri.log', 'abc', 'auto', 'running', ?)",
      [src.lastID, T0],
    );
    expect(await db.get('SELECT bytes_done, records_in, stored, quarantined, duplicates FROM imports')).toEqual({
      bytes_done: 0, records_in: 0, stored: 0, quarantined: 0, duplicates: 0,
    });
    await expect(db.run("UPDATE imports SET status = 'paused'")).rejects.toThrow(/CHECK/);
    const q = (fp: string) =>
      db.run(
        `INSERT INTO quarantine (import_id, origin, position, raw, code, reason, created_at, fingerprint)
         VALUES (?, '/logs/sri.log', 'line 3', ?, 'invalid-utf8', 'octet 0xff', ?, ?)`,
        [imp.lastID, Buffer.from([0x61, 0xff]), T0, fp],
      );
    await q('fp-q1');
    await expect(q('fp-q1')).rejects.toThrow(/UNIQUE/);
    expect(await db.get('SELECT hex(raw) AS raw FROM quarantine')).toEqual({ raw: '61FF' });
    await expect(db.run('UPDATE quarantine SET resolved_event_id = 999')).rejects.toThrow(/FOREIGN KEY/);
    await db.run('UPDATE quarantine SET resolved_event_id = 1');
    await db.run("INSERT INTO csv_mappings (name, mapping, updated_at) VALUES ('export-dpi', '{}', 1)");
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
  },

  6: async () => {
    const db = await migratedTo(5);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await db.run("UPDATE events SET message = 'Échec de connexion pour dr.martin', source_ip = '10.38.4.12', object = 'DocumentReference/48213' WHERE id = 1");
    await insertEvent(db, 2, { ts: T0 + 1, user: 'ide.durand' });
    await db.run("UPDATE events SET patient = 'P-ABCDEFGHIJKLMNOP' WHERE id = 2");
    expect(await migrate(db, MIGRATIONS.slice(0, 6))).toEqual({ from: 5, to: 6 });
    const match = async (q: string) =>
      (await db.all<{ id: number }>('SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid', [q])).map((r) => r.id);
    // Backfilled, accents folded, user/IP columns indexed.
    expect(await match('echec')).toEqual([1]);
    expect(await match('"10.38.4.12"')).toEqual([1]);
    expect(await match('object : "DocumentReference/48213"')).toEqual([1]);
    expect(await match('action : login')).toEqual([1, 2]);
    expect(await match('patient : "P-ABCDEFGHIJKLMNOP"')).toEqual([2]);
    expect(await match('durand')).toEqual([2]);
    // Triggers keep the index in step with inserts, updates and deletes.
    await insertEvent(db, 3, { ts: T0 + 2, user: 'sec.roux' });
    expect(await match('roux')).toEqual([3]);
    await db.run("UPDATE events SET message = 'Déconnexion' WHERE id = 3");
    expect(await match('m3')).toEqual([]);
    expect(await match('deconnexion')).toEqual([3]);
    await db.run('DELETE FROM events WHERE id = 1');
    expect(await match('echec')).toEqual([]);
    expect(await db.get("SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'sri OR m2 OR durand'")).toEqual({ n: 1 });
    await db.run("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')");
    expect((await db.all("SELECT name FROM sqlite_master WHERE name IN ('events_break_glass_ts', 'events_source_ip_ts') ORDER BY 1")).length).toBe(2);
    const plan = await db.all<{ detail: string }>("EXPLAIN QUERY PLAN SELECT id FROM events WHERE source_ip = '10.0.0.1' AND ts > 0 ORDER BY ts DESC");
    expect(plan.map((r) => r.detail).join()).toMatch(/events_source_ip_ts/);
    // Saved searches: one name per owner.
    const save = (owner: string) =>
      db.run(
        "INSERT INTO saved_searches (name, query, range_from, range_to, owner, created_at, updated_at) VALUES ('Échecs', 'outcome:failure', 'now-24h', 'now', ?, 1, 1)",
        [owner],
      );
    await save('rssi');
    await save('dpo');
    await expect(save('rssi')).rejects.toThrow(/UNIQUE/);
    // Exports: append-only.
    const exp = (format: string) =>
      db.run(
        `INSERT INTO exports (ts, actor, query, range_from, range_to, format, rows, filename, sha256)
         VALUES (1, 'rssi', 'user:x', 0, 1, ?, 3, 'f.csv', 'ab')`,
        [format],
      );
    await exp('csv');
    await expect(exp('xlsx')).rejects.toThrow(/CHECK/);
    await expect(db.run('UPDATE exports SET rows = 0')).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM exports')).rejects.toThrow(/append-only/);
    expect(await db.get('SELECT count(*) AS n FROM exports')).toEqual({ n: 1 });
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 2 });
  },

  7: async () => {
    const db = await migratedTo(6);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await db.run(
      `INSERT INTO incidents (title, severity, category, phase, structure, finess, created_by, created_at, updated_at)
       VALUES ('Rançongiciel', 4, 'ransomware', 'qualification', 'CH de Montélimar', '260018734', 'rssi', ?, ?), ('Sans structure', 1, 'other', 'detection', NULL, NULL, 'rssi', ?, ?)`,
      [T0, T0, T0, T0],
    );
    await db.run("INSERT INTO incident_history (incident_id, ts, actor, field, to_value) VALUES (1, ?, 'rssi', 'created', 'Rançongiciel')", [T0]);
    await db.run(
      `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
       VALUES ('r', 'Alerte', 3, 'prise_en_compte', 'k', ?, ?, 1, ?)`,
      [T0, T0, T0 + 5],
    );
    expect(await migrate(db, MIGRATIONS.slice(0, 7))).toEqual({ from: 6, to: 7 });
    // Existing incidents keep their data; the structure is backfilled into the list table; PAP defaults to AMBER.
    expect(await db.get('SELECT title, phase, pap, parent_id, merged_into FROM incidents WHERE id = 1')).toEqual({
      title: 'Rançongiciel', phase: 'qualification', pap: 'AMBER', parent_id: null, merged_into: null,
    });
    expect(await db.all('SELECT incident_id, name, finess, position FROM incident_structures')).toEqual([
      { incident_id: 1, name: 'CH de Montélimar', finess: '260018734', position: 0 },
    ]);
    await expect(
      db.run("INSERT INTO incidents (title, severity, category, pap, created_by, created_at, updated_at) VALUES ('x', 1, 'other', 'WHITE', 'a', 1, 1)"),
    ).rejects.toThrow(/CHECK/);
    // A traced column cannot change without a history row for it since the last change.
    await expect(db.run("UPDATE incidents SET phase = 'confinement', updated_at = ? WHERE id = 1", [T0 + 10])).rejects.toThrow(/without a history row/);
    await db.run("INSERT INTO incident_history (incident_id, ts, actor, field, from_value, to_value) VALUES (1, ?, 'rssi', 'phase', 'qualification', 'confinement')", [T0 + 10]);
    await db.run("UPDATE incidents SET phase = 'confinement', updated_at = ? WHERE id = 1", [T0 + 10]);
    await db.run('UPDATE incidents SET updated_at = ? WHERE id = 1', [T0 + 20]);
    await expect(db.run("UPDATE incidents SET phase = 'eradication', updated_at = ? WHERE id = 1", [T0 + 30])).rejects.toThrow(/without a history row/);
    // History and custody are append-only.
    await expect(db.run("UPDATE incident_history SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM incident_history')).rejects.toThrow(/append-only/);
    await db.run("INSERT INTO incident_evidence (incident_id, name, size, sha256, status, added_by, added_at) VALUES (1, 'a.txt', 1, 'ab', 'stored', 'rssi', 1)");
    await db.run("INSERT INTO evidence_custody (evidence_id, ts, actor, action, verified) VALUES (1, 1, 'rssi', 'added', 1)");
    await expect(db.run('UPDATE evidence_custody SET verified = 0')).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM evidence_custody')).rejects.toThrow(/append-only/);
    await expect(db.run("INSERT INTO evidence_custody (evidence_id, ts, actor, action) VALUES (1, 1, 'x', 'edited')")).rejects.toThrow(/CHECK/);
    // Observables and tasks: checked vocabularies, one playbook task per key.
    await expect(db.run("INSERT INTO incident_observables (incident_id, type, value, added_by, added_at) VALUES (1, 'mac', 'x', 'a', 1)")).rejects.toThrow(/CHECK/);
    const task = "INSERT INTO incident_tasks (incident_id, title, playbook_id, playbook_key, created_by, created_at, updated_at) VALUES (1, 't', 'ransomware', 'isoler', 'a', 1, 1)";
    await db.run(task);
    await expect(db.run(task)).rejects.toThrow(/UNIQUE/);
    await expect(db.run('INSERT INTO incident_events (incident_id, event_id, origin, added_by, added_at) VALUES (1, 99, \'manual\', \'a\', 1)')).rejects.toThrow(/FOREIGN KEY/);
    // Alert acknowledgements: at insert when already acknowledged, at the first status change otherwise.
    expect(await db.all('SELECT alert_id, ts FROM alert_acks')).toEqual([]);
    await db.run(
      `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
       VALUES ('r', 'Alerte 2', 3, 'vrai_positif', 'k2', ?, ?, 1, ?), ('r', 'Alerte 3', 3, 'nouvelle', 'k3', ?, ?, 1, ?)`,
      [T0, T0, T0 + 7, T0, T0, T0 + 8],
    );
    expect(await db.all('SELECT alert_id, ts FROM alert_acks')).toEqual([{ alert_id: 2, ts: T0 + 7 }]);
    const before = Date.now();
    await db.run("UPDATE alerts SET status = 'prise_en_compte' WHERE id = 3");
    await db.run("UPDATE alerts SET status = 'close' WHERE id = 3");
    const ack = await db.get<{ ts: number }>('SELECT ts FROM alert_acks WHERE alert_id = 3');
    expect(ack?.ts).toBeGreaterThanOrEqual(before - 1000);
    expect(ack?.ts).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
  },

  8: async () => {
    const db = await migratedTo(7);
    await db.run(
      "INSERT INTO incidents (title, severity, category, created_by, created_at, updated_at) VALUES ('Fuite', 3, 'patient-data-leak', 'rssi', ?, ?)",
      [T0, T0],
    );
    await db.run("INSERT INTO incident_tasks (incident_id, title, created_by, created_at, updated_at) VALUES (1, 'Isoler', 'rssi', 1, 1)");
    expect(await migrate(db, MIGRATIONS.slice(0, 8))).toEqual({ from: 7, to: 8 });
    const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    // Existing rows are backfilled with a UUID v4; new rows get one on insert; it never changes.
    const first = await db.get<{ uuid: string }>('SELECT uuid FROM incidents WHERE id = 1');
    expect(first?.uuid).toMatch(UUID4);
    expect((await db.get<{ uuid: string }>('SELECT uuid FROM incident_tasks WHERE id = 1'))?.uuid).toMatch(UUID4);
    await db.run("INSERT INTO incidents (title, severity, category, created_by, created_at, updated_at) VALUES ('B', 1, 'other', 'a', 1, 1)");
    const second = await db.get<{ uuid: string }>('SELECT uuid FROM incidents WHERE id = 2');
    expect(second?.uuid).toMatch(UUID4);
    expect(second?.uuid).not.toBe(first?.uuid);
    await expect(db.run("UPDATE incidents SET uuid = 'x' WHERE id = 1")).rejects.toThrow(/cannot change/);
    await db.run("INSERT INTO incidents (uuid, title, severity, category, created_by, created_at, updated_at) VALUES ('6f1c1f0e-8f0a-4e2b-9c1d-2a3b4c5d6e7f', 'C', 1, 'other', 'a', 1, 1)");
    expect(await db.get('SELECT uuid FROM incidents WHERE id = 3')).toEqual({ uuid: '6f1c1f0e-8f0a-4e2b-9c1d-2a3b4c5d6e7f' });
    await expect(db.run("INSERT INTO incidents (uuid, title, severity, category, created_by, created_at, updated_at) VALUES (?, 'D', 1, 'other', 'a', 1, 1)", [first?.uuid])).rejects.toThrow(/UNIQUE/);
    // Timeline and evidence TLP: NULL (incident's) or a TLP 2.0 label.
    await expect(db.run("INSERT INTO incident_timeline (incident_id, ts, title, origin, dedup, created_by, created_at, tlp) VALUES (1, 1, 't', 'manual', 'd', 'a', 1, 'WHITE')")).rejects.toThrow(/CHECK/);
    // The breach register: never deleted, no change without a history row, late notification needs reasons.
    const insertBreach = (notifiedAt: number | null, reasons: string) =>
      db.run(
        `INSERT INTO breaches (ref, incident_id, aware_at, notified_at, delay_reasons, created_by, created_at, updated_by, updated_at)
         VALUES ('VIOL-2025-001', 1, ?, ?, ?, 'dpo', ?, 'dpo', ?)`,
        [T0, notifiedAt, reasons, T0, T0],
      );
    await expect(insertBreach(T0 + 73 * HOUR, '')).rejects.toThrow(/CHECK/);
    await insertBreach(T0 + 73 * HOUR, 'Périmètre inconnu avant la fin de l’analyse.');
    await expect(db.run('DELETE FROM breaches')).rejects.toThrow(/keeps every breach/);
    await expect(db.run("UPDATE breaches SET nature = 'x', updated_at = ?", [T0 + 1])).rejects.toThrow(/without a history row/);
    await db.run("INSERT INTO legal_history (incident_id, kind, ts, actor, field, to_value) VALUES (1, 'gdpr', ?, 'dpo', 'nature', 'x')", [T0 + 1]);
    await db.run("UPDATE breaches SET nature = 'x', updated_at = ?", [T0 + 1]);
    await expect(db.run("UPDATE legal_history SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM legal_history')).rejects.toThrow(/append-only/);
    await expect(db.run("UPDATE breaches SET nature = 'y'")).rejects.toThrow(/without a history row/);
    await db.run("INSERT INTO legal_history (incident_id, kind, ts, actor, field, to_value) VALUES (1, 'gdpr', ?, 'dpo', 'delayReasons', '')", [T0 + 2]);
    await expect(db.run("UPDATE breaches SET delay_reasons = ' ', updated_at = ?", [T0 + 2])).rejects.toThrow(/CHECK/);
    // ARS declarations: same guard; notifications logged once per threshold.
    await db.run("INSERT INTO ars_declarations (incident_id, discovered_at, created_by, created_at, updated_by, updated_at) VALUES (1, ?, 'rssi', ?, 'rssi', ?)", [T0, T0, T0]);
    await expect(db.run("UPDATE ars_declarations SET qualification = 'grave', updated_at = ?", [T0 + 5])).rejects.toThrow(/without a history row/);
    await db.run("INSERT INTO legal_history (incident_id, kind, ts, actor, field, to_value) VALUES (1, 'ars', ?, 'rssi', 'qualification', 'grave')", [T0 + 5]);
    await expect(db.run("UPDATE ars_declarations SET qualification = 'majeur', updated_at = ?", [T0 + 5])).rejects.toThrow(/CHECK/);
    await db.run("UPDATE ars_declarations SET qualification = 'grave', updated_at = ?", [T0 + 5]);
    const notif = () => db.run("INSERT INTO legal_notifications (incident_id, kind, threshold, ref_at, sent_at, delivered) VALUES (1, 'cnil', '6h', 5, 6, 1)");
    await notif();
    await expect(notif()).rejects.toThrow(/UNIQUE/);
    // Bundle imports: append-only provenance.
    await db.run(
      `INSERT INTO incident_imports (incident_id, bundle_sha256, source_member, imported_at, imported_by, created_incident, counts)
       VALUES (1, 'ab', 'm.durand (CHU)', 1, 'rssi', 0, '{}')`,
    );
    await expect(db.run('DELETE FROM incident_imports')).rejects.toThrow(/append-only/);
    expect(await db.get('SELECT count(*) AS n FROM incidents')).toEqual({ n: 3 });
  },

  9: async () => {
    const db = await migratedTo(8);
    // Events written before 009 (raw rows, as the old writer left them): around a DST change, with patients and break-glass.
    const events = richEvents(prng(909), 600);
    await db.insertMany('events', [...INSERT_COLUMNS], events.map((e, i) => eventToRow(e, { ingested: T0, sourceId: null, fingerprint: `fp9-${i}` })), { onConflict: 'ignore' });
    const stored = (await db.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
    expect(await migrate(db, MIGRATIONS.slice(0, 9))).toEqual({ from: 8, to: 9 });
    // Backfilled: every rollup equals the events, recomputed independently (Paris night from the tz database).
    expect(await actualRollups(db, FINE_ROLLUPS)).toEqual(pick(await expectedRollups(db), FINE_ROLLUPS));
    expect(await db.get('SELECT sum(count) AS n FROM rollup_hour')).toEqual({ n: stored });
    expect((await db.all<{ name: string }>('PRAGMA table_info(rollup_hour)')).map((c) => c.name)).toEqual([
      'bucket', 'service', 'severity', 'outcome', 'category', 'count',
    ]);
    // (The writer maintaining them from where the backfill left them is checked after 011, the schema it writes.)
    await expect(db.run("INSERT INTO rollup_ip_day VALUES (1, '10.0.0.1', 'x', 0)")).rejects.toThrow(/cannot store TEXT/);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'rollup_access_user_day_user'")).toEqual({ name: 'rollup_access_user_day_user' });
  },

  10: async () => {
    const db = await migratedTo(9);
    await insertEvent(db, 1, { ts: T0, user: 'dr.martin' });
    await db.run(
      `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
       VALUES ('r1', 'Alerte', 3, 'nouvelle', 'user.name=dr.martin', ?, ?, 1, ?)`,
      [T0, T0, T0],
    );
    expect(await migrate(db, MIGRATIONS.slice(0, 10))).toEqual({ from: 9, to: 10 });
    expect(await tables(db)).toEqual(expect.arrayContaining([
      'alert_comments', 'alert_history', 'alert_suppressions', 'care_relationships', 'detection_builtin_state',
      'detection_rules', 'detection_state', 'user_source_ips', 'watchlist',
    ]));
    // Existing alerts keep their rows and gain an empty assignee.
    expect(await db.get('SELECT assignee, event_count FROM alerts WHERE id = 1')).toEqual({ assignee: null, event_count: 1 });
    await db.run("INSERT INTO alert_history (alert_id, ts, actor, field, from_value, to_value) VALUES (1, ?, 'rssi', 'status', 'nouvelle', 'close')", [T0]);
    await expect(db.run("UPDATE alert_history SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM alert_history')).rejects.toThrow(/append-only/);
    await expect(db.run("INSERT INTO alert_history (alert_id, ts, actor, field) VALUES (1, 1, 'a', 'title')")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO alert_comments (alert_id, ts, author, text) VALUES (1, 1, 'a', '  ')")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO alert_comments (alert_id, ts, author, text) VALUES (99, 1, 'a', 'x')")).rejects.toThrow(/FOREIGN KEY/);
    await expect(db.run("INSERT INTO alert_suppressions (rule_id, fields, reason, expires_at, created_by, created_at) VALUES ('r1', '{}', ' ', 1, 'a', 1)")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO alert_suppressions (rule_id, fields, reason, created_by, created_at) VALUES ('r1', '{}', 'x', 'a', 1)")).rejects.toThrow(/NOT NULL/);
    await db.run("INSERT INTO watchlist (pseudonym, category, added_by, added_at) VALUES ('P-AAAAAAAAAAAAAAAA', 'vip', 'dpo', 1)");
    await expect(db.run("INSERT INTO watchlist (pseudonym, category, added_by, added_at) VALUES ('P-AAAAAAAAAAAAAAAA', 'vip', 'dpo', 1)")).rejects.toThrow(/UNIQUE/);
    await expect(db.run("INSERT INTO watchlist (pseudonym, category, added_by, added_at) VALUES ('P-B', 'ami', 'dpo', 1)")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO detection_rules (id, yaml, origin, imported_at, updated_at, updated_by) VALUES ('x', 'y', 'builtin', 1, 1, 'a')")).rejects.toThrow(/CHECK/);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'alert_events_event'")).toEqual({ name: 'alert_events_event' });
  },

  11: async () => {
    const db = await migratedTo(8);
    // Events written before 009 and 011: 009 backfills the fine rollups from them, 011 the coarse ones from those.
    const events = richEvents(prng(1111), 700);
    await db.insertMany('events', [...INSERT_COLUMNS], events.map((e, i) => eventToRow(e, { ingested: T0, sourceId: null, fingerprint: `fp11-${i}` })), { onConflict: 'ignore' });
    expect(await migrate(db, MIGRATIONS.slice(0, 10))).toEqual({ from: 8, to: 10 });
    expect(await migrate(db, MIGRATIONS.slice(0, 11))).toEqual({ from: 10, to: 11 });
    const rollups = await actualRollups(db);
    for (const t of ['rollup_day', 'rollup_user_week', 'rollup_ip_week', 'rollup_host_week', 'rollup_access_total_day']) {
      expect(rollups[t].length, t).toBeGreaterThan(0);
    }
    expect(rollups).toEqual(await expectedRollups(db));
    // Then the writer maintains every level from where the backfills left them (duplicates included).
    await writeEvents(db, [...richEvents(prng(1112), 300), ...events.slice(0, 50)]);
    expect(await actualRollups(db)).toEqual(await expectedRollups(db));
    await expect(db.run("INSERT INTO rollup_user_week VALUES (1, 'alice', 'x', 0)")).rejects.toThrow(/cannot store TEXT/);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'rollup_access_user_day_flaggable'")).toEqual({
      name: 'rollup_access_user_day_flaggable',
    });
  },
};

describe('each migration', () => {
  it('has its own test (add one to perMigration for every new migration)', () => {
    expect(Object.keys(perMigration).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });
  for (const m of MIGRATIONS) {
    it(`${String(m.version).padStart(3, '0')} ${m.name}`, async () => {
      await perMigration[m.version]?.();
    });
  }
});

describe('migrate()', () => {
  it('migrates a fresh database to the latest version and is idempotent', async () => {
    const db = await freshDb();
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(await migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(await version(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a failing migration rolls back every pending migration; user_version stays', async () => {
    const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE half_done (a INTEGER); INSERT INTO nope VALUES (1);' };
    const db = await freshDb();
    const err = await rejection(migrate(db, [...MIGRATIONS.slice(0, 2), broken]));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/migration 3 « broken »/);
    expect(err.details).toMatchObject({ migration: 3, technical: expect.stringMatching(/no such table: nope/) });
    expect(await version(db)).toBe(0);
    expect(await tables(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('a failing later migration leaves an up-to-date vault exactly at its old version', async () => {
    const db = await migratedTo(LATEST_SCHEMA_VERSION);
    await insertEvent(db, 1, { ts: T0 });
    const next = LATEST_SCHEMA_VERSION + 1;
    const broken: Migration = { version: next, name: 'broken', sql: 'DROP TABLE events; SELECT * FROM missing;' };
    expect((await rejection(migrate(db, [...MIGRATIONS, broken]))).code).toBe('INTERNAL');
    expect(await version(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 1 });
    expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
  });

  it('refuses a database newer than the list (VAULT_TOO_NEW) without changing it', async () => {
    const db = await migratedTo(2);
    expect((await rejection(migrate(db, MIGRATIONS.slice(0, 1)))).code).toBe('VAULT_TOO_NEW');
    expect(await version(db)).toBe(2);
  });

  it('validates that the list is numbered 1..N in order', async () => {
    const [m1, m2, m3] = MIGRATIONS;
    expect(() => assertMigrationList(MIGRATIONS)).not.toThrow();
    expect(() => assertMigrationList([m1, m3])).toThrow(/position 1 has version 3/);
    expect(() => assertMigrationList([m2, m1])).toThrow(/1\.\.N/);
    expect(() => assertMigrationList([m1, m1])).toThrow(/1\.\.N/);
    expect(() => assertMigrationList([{ version: 1, name: 'empty', sql: '  ' }])).toThrow(/no SQL/);
    const db = await freshDb();
    await expect(migrate(db, [m1, m3])).rejects.toThrow(/1\.\.N/);
    expect(await version(db)).toBe(0);
  });
});
