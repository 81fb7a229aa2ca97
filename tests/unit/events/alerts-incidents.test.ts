import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAlerts } from '../../../main/alerts/queries';
import { dashboardSummary } from '../../../main/events/queries';
import { listIncidents } from '../../../main/incidents/list';
import { createIncident } from '../../../main/incidents/queries';
import { parseAlertQuery } from '../../../renderer/src/pages/alerts/listQuery';
import type { Db } from '../../../main/store/db';
import { openTempVault } from './vault-fixture';

let db: Db;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ db, dispose } = await openTempVault());
});
afterEach(async () => dispose());

describe('listAlerts', () => {
  it('maps rows to the contract, most recently active first, paged', async () => {
    const inc = await createIncident(db, { title: 'X', severity: 'high', category: 'ransomware' }, 'tester');
    for (let i = 0; i < 5; i++) {
      await db.run(
        `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, incident_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [`rule.${i}`, `Alerte ${i}`, i % 5, i === 2 ? 'close' : 'nouvelle', `k=${i}`, 1000 * i, 1000 * i + 500, i, i === 4 ? inc.id : null, 0],
      );
    }
    const page = await listAlerts(db, { limit: 2, offset: 0 });
    expect(page.total).toBe(5);
    expect(page.items).toEqual([
      { id: 5, ruleId: 'rule.4', title: 'Alerte 4', severity: 'critical', status: 'nouvelle', groupKey: 'k=4',
        firstSeen: new Date(4000).toISOString(), lastSeen: new Date(4500).toISOString(), eventCount: 4, incidentId: inc.id },
      expect.objectContaining({ ruleId: 'rule.3', severity: 'high', incidentId: null }),
    ]);
    const rest = await listAlerts(db, { limit: 10, offset: 2 });
    expect(rest.items.map((a) => a.ruleId)).toEqual(['rule.2', 'rule.1', 'rule.0']);
    expect(rest.items[0].status).toBe('close');
  });
});

describe('listAlerts filters (the dashboard alert panels drill down into the alert list)', () => {
  it('each alert panel bar, read back from its query, lists exactly the alerts it counts', async () => {
    const DAY = 86_400_000;
    const now = Date.parse('2026-03-20T12:00:00Z');
    const statuses = ['nouvelle', 'prise_en_compte', 'faux_positif', 'vrai_positif', 'close'];
    for (let i = 0; i < 60; i++) {
      const first = now - (i % 20) * DAY - (i % 7) * 3_600_000;
      await db.run(
        `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [`rule.${i % 4}`, `Alerte ${i}`, (i * 7) % 5, statuses[(i * 3) % 5], `k=${i}`, first, first + (i % 3) * DAY, 1, first],
      );
    }
    const s = await dashboardSummary(db, { from: new Date(now - 7 * DAY).toISOString(), to: new Date(now).toISOString() }, { now });
    const bars = [...s.alertsBySeverity, ...s.alertsByStatus];
    expect(bars.some((b) => b.count > 0)).toBe(true);
    for (const bar of bars) {
      const filter = parseAlertQuery(bar.query);
      expect(filter, bar.query).not.toBeNull();
      const page = await listAlerts(db, { limit: 500, offset: 0, ...filter });
      expect([bar.query, page.total]).toEqual([bar.query, bar.count]);
    }
    const high = await listAlerts(db, { limit: 500, offset: 0, severities: ['high'], statuses: ['nouvelle'] });
    expect(high.items.every((a) => a.severity === 'high' && a.status === 'nouvelle')).toBe(true);
    // A query the list cannot honour is refused as a whole, never half-applied.
    expect(parseAlertQuery('severity:high AND user.name:alice')).toBeNull();
    expect(parseAlertQuery('severity:(high OR énorme)')).toBeNull();
    expect(parseAlertQuery('')).toEqual({});
  });
});

describe('incidents', () => {
  it('creates an incident with its first history row and lists it', async () => {
    const at = new Date('2026-03-10T08:30:00Z');
    const inc = await createIncident(
      db,
      { title: '  Rançongiciel au CH  ', severity: 'critical', tlp: 'AMBER', category: 'ransomware', phase: 'qualification', structure: 'CH de Montélimar', finess: '260018734' },
      'Alice (task force)',
      { at },
    );
    expect(inc).toEqual({
      id: 1, title: 'Rançongiciel au CH', severity: 'critical', tlp: 'AMBER', category: 'ransomware', phase: 'qualification',
      structure: 'CH de Montélimar', createdAt: at.toISOString(), updatedAt: at.toISOString(),
    });
    expect(await db.all('SELECT incident_id, ts, actor, field, from_value, to_value FROM incident_history')).toEqual([
      { incident_id: 1, ts: at.getTime(), actor: 'Alice (task force)', field: 'created', from_value: null, to_value: 'Rançongiciel au CH' },
    ]);
    expect(await db.get('SELECT finess, created_by FROM incidents')).toEqual({ finess: '260018734', created_by: 'Alice (task force)' });
    await createIncident(db, { title: 'Phishing', severity: 'low', category: 'phishing' }, 'Bob');
    const list = await listIncidents(db, { limit: 10, offset: 0 });
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ title: 'Phishing', tlp: 'AMBER', phase: 'detection', structure: null });
  });

  it('validates its input and writes nothing when invalid', async () => {
    await expect(createIncident(db, { title: ' ', severity: 'low', category: 'x' }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createIncident(db, { title: 't', severity: 'low', category: 'x', finess: '12' }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createIncident(db, { title: 't', severity: 'low', category: 'x', tlp: 'PINK' as never }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.get('SELECT count(*) AS n FROM incidents')).toEqual({ n: 0 });
  });
});
