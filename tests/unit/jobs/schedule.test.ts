import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../main/jobs/registry';
import { MemoryJobRunStore } from '../../../main/jobs/run-store';
import { captureLogger, FnJob } from './helpers';

describe('JobRegistry.start (real node-cron)', () => {
  it('triggers jobs on their schedule until stopped', async () => {
    const store = new MemoryJobRunStore();
    const registry = new JobRegistry({ store, logger: captureLogger(), isVaultOpen: () => true });
    const job = new FnJob('every-second', '* * * * * *');
    registry.register(job);
    registry.start();
    await new Promise((r) => setTimeout(r, 2500));
    await registry.stop();
    const runs = await store.recent(100);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.trigger === 'schedule' && r.outcome === 'success')).toBe(true);
    const count = job.calls.length;
    await new Promise((r) => setTimeout(r, 1300));
    expect(job.calls.length).toBe(count);
  });
});
