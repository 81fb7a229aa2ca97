/** Per-migration tests 001–006: migrate to N-1, insert representative rows, migrate to N, check schema and data. */
import { expect } from 'vitest';
import { migrate } from '../../../main/store/migrate';
import { MIGRATIONS } from '../../../main/store/migrations';
import { DAY, freshDb, HOUR, insertEvent, migratedTo, T0, tables } from './migration-db';

export const earlyMigrationCases: Record<number, () => Promise<void>> = {
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

};
