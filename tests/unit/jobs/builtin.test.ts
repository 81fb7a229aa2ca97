import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogRetentionJob } from '../../../main/jobs/builtin/log-retention';
import { VaultCheckpointJob } from '../../../main/jobs/builtin/vault-checkpoint';
import type { JobContext } from '../../../main/jobs/job';
import { JobRegistry } from '../../../main/jobs/registry';
import { MemoryJobRunStore } from '../../../main/jobs/run-store';
import { configureConnection, openKeyed } from '../../../main/store/cipher';
import { migrate } from '../../../main/store/migrate';
import { captureLogger } from './helpers';

const DAY = 24 * 3600_000;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'vigie-builtin-'));
  dirs.push(d);
  return d;
}
function ctx(now = new Date()): JobContext {
  return { now, trigger: 'manual', signal: new AbortController().signal, logger: captureLogger() };
}

describe('LogRetentionJob', () => {
  it('deletes only Vigie log files older than the retention period', async () => {
    const dir = await tempDir();
    const now = new Date('2024-06-30T03:30:00Z');
    const files: Record<string, number> = {
      'vigie-2024-04-01.log': 90,
      'vigie-2024-05-20.log': 41,
      'vigie-2024-05-20.log.1': 41,
      'vigie-2024-05-21.log.gz': 40,
      'vigie-2024-06-25.log': 5,
      'vigie-2024-06-30.log': 0,
      'other-2024-01-01.log': 100,
      'notes.txt': 100,
      '.vigie-log-audit.json': 100,
    };
    for (const [name, ageDays] of Object.entries(files)) {
      const file = join(dir, name);
      await writeFile(file, 'x');
      const t = new Date(now.getTime() - ageDays * DAY);
      await utimes(file, t, t);
    }
    const job = new LogRetentionJob({ logDir: dir, keepDays: 30 });
    expect(job.requiresVault).toBe(false);
    const message = await job.run(ctx(now));
    expect(message).toMatch(/^4 fichier/);
    expect((await readdir(dir)).sort()).toEqual(
      ['.vigie-log-audit.json', 'notes.txt', 'other-2024-01-01.log', 'vigie-2024-06-25.log', 'vigie-2024-06-30.log'].sort(),
    );
    expect(await job.purge(now)).toBe(0);
  });

  it('does not follow symlinks and tolerates a missing folder', async () => {
    const dir = await tempDir();
    const target = join(dir, 'precious.txt');
    await writeFile(target, 'keep');
    const old = new Date(Date.now() - 100 * DAY);
    await utimes(target, old, old);
    await symlink(target, join(dir, 'vigie-2020-01-01.log'));
    const job = new LogRetentionJob({ logDir: dir, keepDays: 1 });
    expect(await job.purge(new Date())).toBe(0);
    expect((await stat(target)).isFile()).toBe(true);
    expect(await new LogRetentionJob({ logDir: join(dir, 'absent') }).purge(new Date())).toBe(0);
    expect(() => new LogRetentionJob({ logDir: dir, keepDays: 0 })).toThrow();
  });

  it('runs through the registry while the vault is locked', async () => {
    const dir = await tempDir();
    const registry = new JobRegistry({ store: new MemoryJobRunStore(), logger: captureLogger(), isVaultOpen: () => false });
    registry.register(new LogRetentionJob({ logDir: dir }));
    expect(await registry.trigger('log-retention')).toMatchObject({ outcome: 'success', message: expect.stringMatching(/^0 fichier/) });
  });
});

describe('VaultCheckpointJob', () => {
  it('runs the TRUNCATE checkpoint through its dependency', async () => {
    const seen: string[] = [];
    const job = new VaultCheckpointJob({ exec: async (sql: string) => void seen.push(sql) });
    expect(job.name).toBe('vault-checkpoint');
    expect(job.schedule).toBe('*/15 * * * *');
    expect(job.requiresVault).toBe(true);
    expect(await job.run(ctx())).toMatch(/checkpoint/);
    expect(seen).toEqual(['PRAGMA wal_checkpoint(TRUNCATE)']);
  });

  it('fails clearly when its target is gone, and the failure is recorded', async () => {
    const registry = new JobRegistry({ store: new MemoryJobRunStore(), logger: captureLogger(), isVaultOpen: () => true });
    registry.register(new VaultCheckpointJob(() => null));
    expect(await registry.trigger('vault-checkpoint')).toMatchObject({ outcome: 'failure', message: 'coffre non ouvert' });
  });

  it('empties the WAL of a real encrypted vault', async () => {
    const dir = await tempDir();
    const file = join(dir, 'vault.db');
    const db = await openKeyed(file, randomBytes(32), true);
    try {
      await configureConnection(db);
      await migrate(db);
      for (let i = 0; i < 50; i++) {
        await db.run("INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES ('x', 'manual', ?, 'success')", [i]);
      }
      expect((await stat(file + '-wal')).size).toBeGreaterThan(0);
      await new VaultCheckpointJob(db).run(ctx());
      expect((await stat(file + '-wal')).size).toBe(0);
    } finally {
      await db.close();
    }
  });
});
