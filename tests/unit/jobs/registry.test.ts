import { describe, expect, it } from 'vitest';
import type { JobRun } from '../../../main/api/contract';
import { VigieError } from '../../../main/api/errors';
import { EventBus } from '../../../main/engine/bus';
import { JobRegistry, SKIP_LOCKED, SKIP_RUNNING } from '../../../main/jobs/registry';
import { MemoryJobRunStore } from '../../../main/jobs/run-store';
import { captureLogger, deferred, FnJob } from './helpers';

const HOUR = 3600_000;

function setup(opts: { vaultOpen?: boolean; now?: () => Date; store?: MemoryJobRunStore } = {}) {
  const store = opts.store ?? new MemoryJobRunStore();
  const bus = new EventBus();
  const events: JobRun[] = [];
  bus.subscribe('job.run', (r) => events.push(r));
  const logger = captureLogger();
  let vaultOpen = opts.vaultOpen ?? true;
  const registry = new JobRegistry({ store, logger, bus, isVaultOpen: () => vaultOpen, now: opts.now });
  return { store, bus, events, logger, registry, setVault: (open: boolean) => (vaultOpen = open) };
}

describe('JobRegistry.trigger', () => {
  it('runs the job and records start, end, outcome and message', async () => {
    const { registry, store, events } = setup();
    const job = new FnJob('hello', '0 * * * *', async (ctx) => `ran (${ctx.trigger})`);
    registry.register(job);
    const run = await registry.trigger('hello', 'manual');
    expect(run).toMatchObject({ job: 'hello', trigger: 'manual', outcome: 'success', message: 'ran (manual)' });
    expect(run.id).toBeGreaterThan(0);
    expect(Date.parse(run.endedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect(await store.last('hello')).toEqual(run);
    expect(events.map((e) => e.outcome)).toEqual(['running', 'success']);
    expect(events[0]).toMatchObject({ id: run.id, endedAt: null, message: null });
    expect(job.calls).toHaveLength(1);
    expect(job.calls[0].signal.aborted).toBe(false);
  });

  it('records failures with the redacted error message and keeps working', async () => {
    const { registry, store, events, logger } = setup();
    registry.register(new FnJob('boom', '0 * * * *', async () => {
      throw new Error('cannot open with passphrase=hunter2');
    }));
    registry.register(new FnJob('fine', '0 * * * *'));
    const run = await registry.trigger('boom');
    expect(run.outcome).toBe('failure');
    expect(run.message).toBe('cannot open with passphrase=[REDACTED]');
    expect((await store.last('boom'))?.outcome).toBe('failure');
    expect(events.at(-1)?.outcome).toBe('failure');
    expect(logger.entries.some((e) => e.level === 'error' && e.message === 'job failed')).toBe(true);
    expect((await registry.trigger('fine')).outcome).toBe('success');
    expect((await registry.trigger('boom')).outcome).toBe('failure');
  });

  it('never overlaps: a trigger while running is recorded as skipped', async () => {
    const { registry, store } = setup();
    const gate = deferred();
    const job = new FnJob('slow', '0 * * * *', async () => {
      await gate.promise;
      return 'done';
    });
    registry.register(job);
    const first = registry.trigger('slow', 'schedule');
    const second = await registry.trigger('slow', 'manual');
    expect(second).toMatchObject({ outcome: 'skipped', message: SKIP_RUNNING, trigger: 'manual' });
    expect((await registry.list())[0].running).toBe(true);
    gate.resolve();
    expect((await first).outcome).toBe('success');
    expect(job.calls).toHaveLength(1);
    const runs = await store.recent(10);
    expect(runs.map((r) => r.outcome).sort()).toEqual(['skipped', 'success']);
    expect((await registry.list())[0].running).toBe(false);
    expect((await registry.trigger('slow')).outcome).toBe('success');
  });

  it('skips vault jobs while the vault is locked and runs the others', async () => {
    const { registry, store, events, setVault } = setup({ vaultOpen: false });
    const vaultJob = new FnJob('needs-vault', '0 * * * *', async () => 'x', true);
    const freeJob = new FnJob('free', '0 * * * *', async () => 'y', false);
    registry.register(vaultJob);
    registry.register(freeJob);
    const skipped = await registry.trigger('needs-vault', 'schedule');
    expect(skipped).toMatchObject({ outcome: 'skipped', message: SKIP_LOCKED });
    expect(vaultJob.calls).toHaveLength(0);
    expect(await store.last('needs-vault')).toMatchObject({ outcome: 'skipped', message: 'coffre verrouillé' });
    expect(events.filter((e) => e.job === 'needs-vault').map((e) => e.outcome)).toEqual(['skipped']);
    expect((await registry.trigger('free')).outcome).toBe('success');
    setVault(true);
    expect((await registry.trigger('needs-vault')).outcome).toBe('success');
  });

  it('rejects unknown jobs, duplicate names and invalid schedules', async () => {
    const { registry } = setup();
    await expect(registry.trigger('nope')).rejects.toBeInstanceOf(VigieError);
    registry.register(new FnJob('a', '*/5 * * * *'));
    expect(() => registry.register(new FnJob('a', '*/5 * * * *'))).toThrow(/already registered/);
    expect(() => registry.register(new FnJob('b', 'every day'))).toThrow(/invalid schedule/);
    expect(() => registry.register(new FnJob('c', '61 * * * *'))).toThrow();
  });
});

describe('JobRegistry.catchUp', () => {
  const NOW = new Date('2024-05-10T12:20:00Z');

  it('runs a job once when scheduled slots were missed (last run two days ago, hourly)', async () => {
    const store = new MemoryJobRunStore();
    const id = await store.start('hourly', 'schedule', new Date(NOW.getTime() - 48 * HOUR));
    await store.finish(id, 'success', new Date(NOW.getTime() - 48 * HOUR + 1000), 'ok');
    const { registry } = setup({ store, now: () => NOW });
    const job = new FnJob('hourly', '0 * * * *');
    registry.register(job);
    const runs = await registry.catchUp(NOW);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: 'hourly', trigger: 'catch-up', outcome: 'success', startedAt: NOW.toISOString() });
    expect(job.calls).toHaveLength(1);
    // Caught up: calling again does nothing.
    expect(await registry.catchUp(NOW)).toEqual([]);
    expect(job.calls).toHaveLength(1);
  });

  it('does nothing when the last run is after the most recent slot', async () => {
    const store = new MemoryJobRunStore();
    const id = await store.start('hourly', 'schedule', new Date('2024-05-10T12:00:00.100Z'));
    await store.finish(id, 'success', new Date('2024-05-10T12:00:01Z'), null);
    const { registry } = setup({ store, now: () => NOW });
    const job = new FnJob('hourly', '0 * * * *');
    registry.register(job);
    expect(await registry.catchUp(NOW)).toEqual([]);
    expect(job.calls).toHaveLength(0);
  });

  it('a slot exactly at `now` counts as due', async () => {
    const store = new MemoryJobRunStore();
    const id = await store.start('hourly', 'schedule', new Date('2024-05-10T11:00:00Z'));
    await store.finish(id, 'success', new Date('2024-05-10T11:00:01Z'), null);
    const at = new Date('2024-05-10T12:00:00Z');
    const { registry } = setup({ store, now: () => at });
    registry.register(new FnJob('hourly', '0 * * * *'));
    expect(await registry.catchUp(at)).toHaveLength(1);
  });

  it('never-run jobs are caught up only for slots after their registration', async () => {
    let clock = new Date('2024-05-10T12:20:00Z');
    const { registry } = setup({ now: () => clock });
    const job = new FnJob('hourly', '0 * * * *');
    registry.register(job); // registered 12:20: the 12:00 slot predates it
    expect(await registry.catchUp(clock)).toEqual([]);
    clock = new Date('2024-05-10T15:05:00Z'); // 13:00, 14:00, 15:00 missed → one run
    const runs = await registry.catchUp(clock);
    expect(runs.map((r) => r.trigger)).toEqual(['catch-up']);
    expect(job.calls).toHaveLength(1);
  });

  it('ignores skipped records and leaves vault jobs for after unlock', async () => {
    const store = new MemoryJobRunStore();
    const old = await store.start('vault-job', 'schedule', new Date(NOW.getTime() - 3 * HOUR));
    await store.finish(old, 'success', new Date(NOW.getTime() - 3 * HOUR), null);
    const { registry, setVault } = setup({ store, now: () => NOW, vaultOpen: false });
    const job = new FnJob('vault-job', '0 * * * *', async () => 'ok', true);
    registry.register(job);
    await registry.trigger('vault-job', 'schedule'); // recorded as skipped (locked)
    expect(await registry.catchUp(NOW)).toEqual([]);
    expect(job.calls).toHaveLength(0);
    setVault(true);
    const runs = await registry.catchUp(NOW);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'catch-up', outcome: 'success' });
  });
});

describe('JobRegistry.list and stores', () => {
  it('lists jobs with last run and next run', async () => {
    const now = new Date('2024-05-10T12:20:00Z');
    const { registry } = setup({ now: () => now });
    registry.register(new FnJob('quarter', '*/15 * * * *'));
    registry.register(new FnJob('never', '0 0 1 1 *'));
    const run = await registry.trigger('quarter');
    const list = await registry.list();
    expect(list).toEqual([
      { name: 'quarter', description: 'tâche de test', schedule: '*/15 * * * *', running: false, lastRun: run, nextRun: '2024-05-10T12:30:00.000Z' },
      expect.objectContaining({ name: 'never', lastRun: null, running: false }),
    ]);
    expect(Date.parse(list[1].nextRun!)).toBeGreaterThan(now.getTime());
  });

  it('setStore closes stale running runs of the new store; a run in flight finishes in its own store', async () => {
    const { registry, store: first } = setup();
    const gate = deferred();
    registry.register(new FnJob('slow', '0 * * * *', async () => {
      await gate.promise;
    }));
    const second = new MemoryJobRunStore();
    const staleId = await second.start('slow', 'schedule', new Date(Date.now() - HOUR));
    const inflight = registry.trigger('slow');
    await new Promise((r) => setTimeout(r, 10));
    await registry.setStore(second);
    gate.resolve();
    const run = await inflight;
    expect(await first.last('slow')).toEqual(run);
    const recorded = await second.recent(10);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ id: staleId, outcome: 'failure' });
    expect(recorded[0].endedAt).not.toBeNull();
  });

  it('stop() aborts running jobs and waits for them', async () => {
    const { registry } = setup();
    let sawAbort = false;
    registry.register(new FnJob('long', '0 * * * *', (ctx) =>
      new Promise<string>((resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new Error('annulé'));
        });
      }),
    ));
    const run = registry.trigger('long');
    await new Promise((r) => setTimeout(r, 10));
    await registry.stop();
    expect(sawAbort).toBe(true);
    expect(await run).toMatchObject({ outcome: 'failure', message: 'annulé' });
  });
});
