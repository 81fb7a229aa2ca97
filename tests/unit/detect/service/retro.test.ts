/** Retro-hunts over stored events (the demo's injected stories), with progress, cancel and de-duplication. */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../../main/api/contract';
import { generateDemo, loadDemo } from '../../../../main/demo/generate';
import { Pseudonymiser } from '../../../../main/privacy/pseudonym';
import { EventBus } from '../../../../main/engine/bus';
import { startDetection, type DetectionService } from '../../../../main/detect/service';
import type { Db } from '../../../../main/store/db';
import { openTempVault } from '../../events/vault-fixture';
import { afterAll, beforeAll } from 'vitest';
import { RULES } from './fixture';

const NOW = new Date('2026-03-12T15:00:00Z');
const DAY = 86_400_000;

describe('retro-hunt over the demo dataset', () => {
  let db: Db;
  let service: DetectionService;
  let dispose: () => Promise<void>;
  const progress: ProgressEvent[] = [];

  beforeAll(async () => {
    const v = await openTempVault();
    db = v.db;
    dispose = v.dispose;
    await loadDemo(db, { seed: 2026, days: 14, now: NOW });
    const bus = new EventBus();
    bus.subscribe('progress', (p) => progress.push(p));
    // Started after the load: live detection skips the existing events, only the hunt sees them.
    service = await startDetection({ db, bus });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await dispose?.();
  });

  const actors = async () => {
    const p = await Pseudonymiser.fromDb(db);
    return generateDemo({ seed: 2026, days: 14, now: NOW }, p).scenarios.actors;
  };
  const detectionAlerts = (ruleId: string) =>
    db.all<{ id: number; group_key: string; event_count: number }>('SELECT id, group_key, event_count FROM alerts WHERE rule_id = ? ORDER BY id', [ruleId]);

  it('raises an alert for each injected story: brute force then success, night mass access, bulk export', async () => {
    const before = (await db.get<{ n: number }>("SELECT count(*) AS n FROM alerts WHERE rule_id NOT LIKE 'demo.%'"))!.n;
    expect(before).toBe(0);
    const taskId = service.retro.start({ from: new Date(NOW.getTime() - 15 * DAY).toISOString(), to: NOW.toISOString() });
    const task = await service.retro.wait(taskId);
    expect(task).toMatchObject({ status: 'done' });
    expect(task.scanned).toBe(task.total);
    expect(task.alertsCreated).toBeGreaterThan(0);
    expect(task).toMatchObject({ matchesInExisting: 0, existingAlerts: 0 });
    const { admin, nightReader, exporter } = await actors();
    expect((await detectionAlerts(RULES.loginAfterFailures)).map((a) => a.group_key)).toContain(`user.name=${admin.login}`);
    expect((await detectionAlerts(RULES.bruteForceIp)).map((a) => a.group_key)).toContain('source.ip=185.220.101.47');
    expect((await detectionAlerts(RULES.massAccess)).map((a) => a.group_key)).toContain(`user.name=${nightReader.login}`);
    const night = (await detectionAlerts(RULES.offHours)).map((a) => a.group_key);
    expect(night.some((k) => k.startsWith(`user.name=${nightReader.login}, vigie.off_hours_period=`))).toBe(true);
    expect((await detectionAlerts(RULES.bulkExportLarge)).map((a) => a.group_key)).toEqual([`user.name=${exporter.login}`]);
    expect((await detectionAlerts(RULES.bulkExportRepeated)).map((a) => a.group_key)).toContain(`user.name=${exporter.login}`);
    // A handful of meaningful alerts per rule over the fortnight, not a flood.
    const perRule = await db.all<{ rule_id: string; n: number }>("SELECT rule_id, count(*) AS n FROM alerts WHERE rule_id NOT LIKE 'demo.%' GROUP BY rule_id");
    for (const r of perRule) expect({ rule: r.rule_id, n: r.n }).toEqual({ rule: r.rule_id, n: expect.toBeOneOf([1, 2, 3, 4, 5, 6, 7, 8]) });
    expect(night.length).toBeLessThanOrEqual(3);
    const mine = progress.filter((p) => p.task === `detection.retroHunt:${taskId}`);
    expect(mine.length).toBeGreaterThan(2);
    expect(mine[mine.length - 1]).toMatchObject({ step: 'detection.progress.done', done: task.total, total: task.total });
    expect((await service.status()).tasks.map((t) => t.taskId)).toContain(taskId);
  });

  it('a second hunt over the same range re-alerts nothing (events already linked to an alert of the rule)', async () => {
    const count = async () => (await db.get<{ n: number; e: number }>('SELECT count(*) AS n, sum(event_count) AS e FROM alerts'))!;
    const before = await count();
    const taskId = service.retro.start({ from: new Date(NOW.getTime() - 15 * DAY).toISOString(), to: NOW.toISOString() });
    const task = await service.retro.wait(taskId);
    expect(task.status).toBe('done');
    expect(task.alertsCreated).toBe(0);
    // Every match is reported as grouped into the alerts of the first hunt.
    expect(task.matchesInExisting).toBe(task.hits);
    expect(task.existingAlerts).toBe((await db.get<{ n: number }>("SELECT count(*) AS n FROM alerts WHERE rule_id NOT LIKE 'demo.%'"))!.n);
    expect(await count()).toEqual(before);
  });

  it('limited to some rules, and cancellable', async () => {
    const taskId = service.retro.start({ from: new Date(NOW.getTime() - 15 * DAY).toISOString(), to: NOW.toISOString(), ruleIds: [RULES.breakGlass] });
    expect(service.retro.cancel(taskId)).toBe(true);
    const task = await service.retro.wait(taskId);
    expect(task.status).toBe('cancelled');
    expect(task.scanned).toBeLessThan(task.total);
    expect(service.retro.cancel(taskId)).toBe(false);
    expect(() => service.retro.start({ from: NOW.toISOString(), to: NOW.toISOString() })).toThrow(/commencer avant/);
    expect(() => service.retro.start({ from: new Date(0).toISOString(), to: NOW.toISOString(), ruleIds: ['nope'] })).toThrow(/non chargée/);
  });
});
