/** Alert, suppression and watch-list operations through the engine (contract validation, roles, audit). */
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRow, Page } from '../../../main/api/contract';
import type { AlertDetail, SuppressionRow, WatchlistEntry } from '../../../main/api/ops/detection';
import { writeOperator } from '../../../main/engine/settings';
import { openVault } from '../../../main/store/vault';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

let t: Awaited<ReturnType<typeof tempEngine>>;
afterEach(async () => t?.dispose());

describe('alert operations through the engine', () => {
  it('triage, promote, suppress and watch; strict inputs; a DPO reads but changes nothing', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Claire Roux', role: 'rssi' } });
    await t.ok('demo.load', { days: 3 });
    const alerts = await t.ok<Page<AlertRow>>('alerts.list', { limit: 50 });
    // An alert raised by live detection on the demo's events (the demo's own `demo.*` alerts have another history).
    const alert = alerts.items.find((a) => a.incidentId === null && a.status === 'nouvelle' && !a.ruleId.startsWith('demo.')) as AlertRow;
    expect(alert).toBeDefined();

    const updated = await t.ok<AlertDetail>('alerts.update', { id: alert.id, status: 'prise_en_compte', assignee: 'Paul' });
    expect(updated).toMatchObject({ status: 'prise_en_compte', assignee: 'Paul' });
    // The history starts with the creation by detection, then every change by its author.
    expect(updated.history.map((h) => [h.actor, h.field, h.to])).toEqual([
      ['Vigie (détection)', 'created', 'nouvelle'],
      ['Claire Roux', 'status', 'prise_en_compte'],
      ['Claire Roux', 'assignee', 'Paul'],
    ]);
    expect((await t.call('alerts.update', { id: alert.id, status: 'ouverte' })).ok).toBe(false);
    expect((await t.call('alerts.update', { id: alert.id, extra: 1 })).ok).toBe(false);
    await t.ok('alerts.comment', { id: alert.id, text: 'Appel au cadre de santé.' });
    const { incidentId } = await t.ok<{ incidentId: number }>('alerts.promote', { id: alert.id });
    const detail = await t.ok<AlertDetail>('alerts.get', { id: alert.id });
    expect(detail).toMatchObject({ incidentId, comments: [expect.objectContaining({ author: 'Claire Roux' })] });
    expect(detail.events.length).toBe(detail.eventCount);

    const s = await t.ok<SuppressionRow>('alerts.suppressions.create', {
      ruleId: alert.ruleId, fields: { 'user.name': 'dr.x' }, reason: 'Astreinte', expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await t.call('alerts.suppressions.create', { ruleId: 'r', fields: { a: 'b' }, reason: 'Astreinte' })).ok).toBe(false);
    expect(await t.ok<SuppressionRow[]>('alerts.suppressions.list', {})).toEqual([expect.objectContaining({ id: s.id })]);

    const w = await t.ok<WatchlistEntry>('watchlist.add', { identifier: '1 84 09 75 108 123', system: 'INS-NIR', category: 'vip', label: 'Élu' });
    expect(w.pseudonym).toMatch(/^P-[A-Z2-7]{16}$/);
    expect(JSON.stringify(await t.ok('watchlist.list'))).not.toContain('108123');
    expect((await t.call('watchlist.add', { pseudonym: w.pseudonym, identifier: 'x', category: 'vip' })).ok).toBe(false);
    expect(await t.ok('careRelationships.import', { csv: `user;patient\ndr.x;${w.pseudonym}\n` })).toMatchObject({ imported: 1, users: 1 });

    // Working hours: one setting for every off-hours rule.
    expect(await t.ok('detection.workingHours.get')).toEqual({ start: 7, end: 20, days: [1, 2, 3, 4, 5] });
    expect(await t.ok('detection.workingHours.set', { start: 8, end: 19, days: [6, 1, 2, 3, 4, 5] })).toEqual({ start: 8, end: 19, days: [1, 2, 3, 4, 5, 6] });
    expect(await t.ok('detection.workingHours.get')).toEqual({ start: 8, end: 19, days: [1, 2, 3, 4, 5, 6] });
    expect((await t.call('detection.workingHours.set', { start: 19, end: 8, days: [] })).ok).toBe(false);
    expect((await t.call('detection.workingHours.set', { start: 8, end: 19, days: [8] })).ok).toBe(false);

    // A DPO reads but cannot change.
    await t.ok('vault.lock');
    const { db, key } = await openVault(t.dataDir, STRONG_PASSPHRASE);
    key.fill(0);
    await writeOperator(db, { name: 'Delphine (DPO)', role: 'dpo' });
    await db.close();
    await t.ok('vault.unlock', { passphrase: STRONG_PASSPHRASE });
    expect((await t.ok<AlertDetail>('alerts.get', { id: alert.id })).id).toBe(alert.id);
    const denied = await t.call('alerts.update', { id: alert.id, status: 'close' });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    expect((await t.call('watchlist.remove', { id: w.id })).ok).toBe(false);
    expect(await t.ok('detection.workingHours.get')).toMatchObject({ start: 8 });
    expect((await t.call('detection.workingHours.set', { start: 7, end: 20, days: [1] })).ok).toBe(false);
  });
});
