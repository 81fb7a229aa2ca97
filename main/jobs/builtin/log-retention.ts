import fs from 'node:fs/promises';
import path from 'node:path';
import { Job, type JobContext } from '../job';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Files written by the logger: vigie-YYYY-MM-DD.log, size-rotated .N suffixes, optional .gz. */
const LOG_FILE = /^vigie-.+\.log(\.\d+)?(\.gz)?$/;

export interface LogRetentionOptions {
  logDir: string;
  /** Files whose last modification is older than this many days are deleted (default 30). */
  keepDays?: number;
}

/**
 * Deletes the engine's log files older than the retention period, daily at
 * 03:30. Independent of the rotating transport's own clean-up (which only
 * knows files it created during this process's lifetime). Runs with the
 * vault locked: it touches only the log folder.
 */
export class LogRetentionJob extends Job {
  readonly name = 'log-retention';
  readonly description = 'Supprime les fichiers de journal de Vigie plus anciens que la durée de conservation.';
  readonly schedule = '30 3 * * *';
  override readonly requiresVault = false;
  private readonly logDir: string;
  private readonly keepDays: number;

  constructor(opts: LogRetentionOptions) {
    super();
    const keepDays = opts.keepDays ?? 30;
    if (!Number.isFinite(keepDays) || keepDays < 1) throw new Error('keepDays must be at least 1');
    this.logDir = opts.logDir;
    this.keepDays = keepDays;
  }

  async run(ctx: JobContext): Promise<string> {
    const removed = await this.purge(ctx.now, ctx.signal);
    return `${removed} fichier(s) de journal supprimé(s) (conservation ${this.keepDays} j)`;
  }

  /** Deletes the expired files; returns how many were removed. */
  async purge(now: Date, signal?: AbortSignal): Promise<number> {
    const cutoff = now.getTime() - this.keepDays * DAY_MS;
    let names: string[];
    try {
      names = await fs.readdir(this.logDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      if (signal?.aborted) break;
      if (!LOG_FILE.test(name)) continue;
      const file = path.join(this.logDir, name);
      const st = await fs.lstat(file).catch(() => null);
      if (!st || !st.isFile() || st.mtimeMs >= cutoff) continue;
      try {
        await fs.unlink(file);
        removed++;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return removed;
  }
}
