/** Per-migration tests 007 onwards: migrate to N-1, insert representative rows, migrate to N, check schema and data. */
import { expect } from 'vitest';
import { migrate } from '../../../main/store/migrate';
import { MIGRATIONS } from '../../../main/store/migrations';
import { eventToRow, INSERT_COLUMNS } from '../../../main/events/columns';
import { writeEvents } from '../../../main/events/writer';
import { prng } from '../events/factory';
import { actualRollups, expectedRollups, FINE_ROLLUPS, pick, richEvents } from '../events/rollup-expect';
import { HOUR, insertEvent, migratedTo, T0, tables } from './migration-db';

export const lateMigrationCases: Record<number, () => Promise<void>> = {
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
  12: async () => {
    const db = await migratedTo(11);
    await writeEvents(db, richEvents(prng(1212), 400));
    const before = await db.all('SELECT * FROM rollup_access_user_day ORDER BY day, user_name');
    expect(before.length).toBeGreaterThan(0);
    expect(await migrate(db, MIGRATIONS.slice(0, 12))).toEqual({ from: 11, to: 12 });
    // Same rows; the narrow user index is replaced by one that carries the figures.
    expect(await db.all('SELECT * FROM rollup_access_user_day ORDER BY day, user_name')).toEqual(before);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'rollup_access_user_day_user'")).toBeUndefined();
    const plan = await db.all<{ detail: string }>(
      "EXPLAIN QUERY PLAN SELECT user_name, sum(patients) FROM rollup_access_user_day WHERE user_name = 'a' AND day >= 0 GROUP BY user_name",
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX rollup_access_user_day_baseline/);
    // The writer keeps maintaining the table (and its index) afterwards.
    await writeEvents(db, richEvents(prng(1213), 200));
    expect(await actualRollups(db)).toEqual(await expectedRollups(db));
    expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  },
};
