import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentRow, Page } from '../../../main/api/contract';
import type {
  CustodyRow,
  EvidenceContent,
  EvidenceRow,
  FileExport,
  IncidentDetail,
  IncidentMetrics,
  IrisImportResult,
  ObservableRow,
  PlaybookApplyResult,
  SightingsResult,
} from '../../../main/api/ops/incidents';
import type { Role } from '../../../main/api/ops/define';
import { writeOperator } from '../../../main/engine/settings';
import { openVault } from '../../../main/store/vault';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

let t: Awaited<ReturnType<typeof tempEngine>>;
afterEach(async () => t?.dispose());

/** Locks the engine, runs `fn` on the vault directly (as another process would), unlocks again. */
async function offline(fn: (db: Awaited<ReturnType<typeof openVault>>['db']) => Promise<void>): Promise<void> {
  await t.ok('vault.lock');
  const { db, key } = await openVault(t.dataDir, STRONG_PASSPHRASE);
  key.fill(0);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
  await t.ok('vault.unlock', { passphrase: STRONG_PASSPHRASE });
}

const asOperator = (name: string, role: Role) => offline((db) => writeOperator(db, { name, role }));

describe('incident operations through the engine', () => {
  it('run the workflow with the session operator as actor; a DPO reads (and is traced) but changes nothing', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Chloé Bernard', role: 'rssi' } });

    const created = await t.ok<IncidentDetail>('incidents.create', {
      title: 'Rançongiciel au CH de Montélimar',
      severity: 'high',
      category: 'ransomware',
      structures: [{ name: 'CH de Montélimar', finess: '260018734' }],
      services: ['PACS'],
    });
    expect(created).toMatchObject({ createdBy: 'Chloé Bernard', tlp: 'AMBER', pap: 'AMBER', phase: 'detection', structures: [{ name: 'CH de Montélimar', finess: '260018734' }] });
    const id = created.id;
    expect(await t.call('incidents.create', { title: 'x', severity: 'high', category: 'ransomware', structures: [{ name: 'X', finess: '260018735' }] })).toMatchObject({
      ok: false, error: { code: 'VALIDATION' },
    });
    expect(await t.call('incidents.create', { title: 'x', severity: 'high', category: 'malware' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const updated = await t.ok<IncidentDetail>('incidents.update', { id, phase: 'qualification', tlp: 'RED', assignees: ['Alice', 'Bruno'] });
    expect(updated.history.slice(1).map((h) => [h.actor, h.field, h.to])).toEqual([
      ['Chloé Bernard', 'tlp', 'RED'],
      ['Chloé Bernard', 'phase', 'qualification'],
      ['Chloé Bernard', 'assignee', 'Alice'],
      ['Chloé Bernard', 'assignee', 'Bruno'],
    ]);

    const applied = await t.ok<PlaybookApplyResult>('incidents.playbooks.apply', { incidentId: id, playbookId: 'ransomware' });
    expect((await t.ok<PlaybookApplyResult>('incidents.playbooks.apply', { incidentId: id, playbookId: 'ransomware' })).created).toBe(0);
    const task = applied.tasks[0];
    expect(await t.ok('incidents.tasks.update', { taskId: task.id, status: 'done' })).toMatchObject({ status: 'done' });

    const small = Buffer.from('note de rançon : vos fichiers sont chiffrés');
    const ev = await t.ok<EvidenceRow>('incidents.evidence.add', { incidentId: id, name: 'C:\\Users\\x\\README.txt', dataBase64: small.toString('base64') });
    expect(ev).toMatchObject({ name: 'README.txt', size: small.length, addedBy: 'Chloé Bernard' });
    const big = randomBytes(1024 * 1024 + 77);
    const { uploadId } = await t.ok<{ uploadId: string }>('incidents.evidence.begin', { incidentId: id, name: 'memoire.raw', size: big.length });
    for (let seq = 0, off = 0; off < big.length; seq++, off += 512 * 1024) {
      await t.ok('incidents.evidence.chunk', { uploadId, seq, data: big.subarray(off, off + 512 * 1024).toString('base64') });
    }
    const bigRow = await t.ok<EvidenceRow>('incidents.evidence.commit', { uploadId });
    expect(bigRow.sha256).toBe(createHash('sha256').update(big).digest('hex'));
    expect(await t.call('incidents.evidence.add', { incidentId: id, name: 'x', dataBase64: 'pas du base64 !' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const obs = await t.ok<ObservableRow>('incidents.observables.add', { incidentId: id, value: '185.220.101.47', tlp: 'GREEN' });
    expect(await t.ok<SightingsResult>('incidents.observables.sightings', { observableId: obs.id })).toMatchObject({ total: 0, method: 'ip' });

    await t.ok('incidents.timeline.add', { incidentId: id, at: '2026-03-10T09:00:00+01:00', title: 'Appel du directeur' });
    const csv = await t.ok<FileExport>('incidents.timeline.exportIris', { incidentId: id, automatic: false });
    expect(csv.content.split('\n')[0]).toBe('event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags');
    expect(await t.ok<IrisImportResult>('incidents.timeline.importIris', { incidentId: id, csv: csv.content })).toEqual({ imported: 0, duplicates: 1, rejected: [] });

    const yaml = await t.ok<FileExport>('incidents.playbooks.export', { id: 'phishing' });
    expect(await t.ok('incidents.playbooks.save', { yaml: yaml.content.replace('title: Hameçonnage', 'title: Hameçonnage (région)') })).toMatchObject({ source: 'modified', updatedBy: 'Chloé Bernard' });

    // Same vault, opened by a DPO.
    await asOperator('Camille Martin (DPO)', 'dpo');
    const detail = await t.ok<IncidentDetail>('incidents.get', { id });
    expect(detail).toMatchObject({ tlp: 'RED', evidence: [{ id: ev.id }, { id: bigRow.id }], observables: [{ value: '185.220.101.47' }] });
    expect(detail.tasks.find((x) => x.id === task.id)?.status).toBe('done');
    const content = await t.ok<EvidenceContent>('incidents.evidence.get', { evidenceId: ev.id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(small)).toBe(true);
    const custody = await t.ok<CustodyRow[]>('incidents.evidence.custody', { evidenceId: ev.id });
    expect(custody.map((c) => [c.actor, c.action, c.verified])).toEqual([
      ['Chloé Bernard', 'added', true],
      ['Camille Martin (DPO)', 'viewed', true],
    ]);
    expect(await t.ok<Page<IncidentRow>>('incidents.list', {})).toMatchObject({ total: 1 });
    await t.ok('incidents.playbooks.list');
    await t.ok<IncidentMetrics>('incidents.metrics', { from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
    for (const [op, input] of [
      ['incidents.update', { id, title: 'x' }],
      ['incidents.create', { title: 'x', severity: 'low', category: 'other' }],
      ['incidents.tasks.add', { incidentId: id, title: 'x' }],
      ['incidents.evidence.add', { incidentId: id, name: 'x', dataBase64: '' }],
      ['incidents.playbooks.save', { yaml: 'id: x' }],
      ['incidents.playbooks.apply', { incidentId: id, playbookId: 'ddos' }],
      ['incidents.observables.sightings', { observableId: obs.id }],
      ['incidents.merge', { sourceId: id, targetId: id + 1 }],
    ] as const) {
      expect(await t.call(op, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await t.ok<IncidentDetail>('incidents.get', { id })).history.at(-1)?.actor).toBe('Chloé Bernard');
  });

  it('opens an incident from an alert and attaches others; the alert’s events follow', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Task force (astreinte)', role: 'taskforce' } });
    await offline(async (db) => {
      for (let i = 0; i < 2; i++) {
        await db.run(
          `INSERT INTO events (ts, ingested, dataset, service, severity, category, action, outcome, source_ip, message, original, fingerprint)
           VALUES (?, ?, 'sri.auth', 'SRI', 2, 'authentication', 'login', 'failure', '185.220.101.47', 'échec', 'raw', ?)`,
          [Date.UTC(2026, 2, 10, 7, i), Date.UTC(2026, 2, 10, 7, i), `fp${i}`],
        );
        await db.run(
          `INSERT INTO alerts (rule_id, title, severity, group_key, first_seen, last_seen, event_count, created_at)
           VALUES ('sri.bruteforce', 'Force brute sur le SRI depuis 185.220.101.47', 3, 'k${i}', ?, ?, 1, ?)`,
          [Date.UTC(2026, 2, 10, 7), Date.UTC(2026, 2, 10, 7, 5), Date.UTC(2026, 2, 10, 7, 6)],
        );
        await db.run('INSERT INTO alert_events VALUES (?, ?)', [i + 1, i + 1]);
      }
    });
    const inc = await t.ok<IncidentDetail>('incidents.createFromAlert', { alertId: 1 });
    expect(inc).toMatchObject({ title: 'Force brute sur le SRI depuis 185.220.101.47', severity: 'high', category: 'account-compromise', createdBy: 'Task force (astreinte)' });
    expect(inc.alerts.map((a) => [a.id, a.incidentId])).toEqual([[1, inc.id]]);
    expect(inc.events.map((e) => [e.eventId, e.origin])).toEqual([[1, 'alert']]);
    expect(await t.call('incidents.createFromAlert', { alertId: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const linked = await t.ok<IncidentDetail>('incidents.linkAlert', { incidentId: inc.id, alertId: 2 });
    expect(linked.alerts.map((a) => a.id)).toEqual([1, 2]);
    expect(linked.eventCount).toBe(2);
    expect(linked.history.filter((h) => h.field === 'alert').map((h) => h.to)).toEqual(['1', '2']);
    expect(await t.call('incidents.linkAlert', { incidentId: inc.id, alertId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
