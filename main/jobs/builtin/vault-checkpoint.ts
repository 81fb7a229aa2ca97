import { Job, type JobContext } from '../job';

/** What the checkpoint needs from the open vault (the store's `Db` satisfies it). */
export interface CheckpointTarget {
  exec(sql: string): Promise<unknown> | unknown;
}

/**
 * Folds the vault's write-ahead log back into the database file and truncates
 * it, every 15 minutes, so the WAL never grows unbounded and a crash loses
 * nothing already checkpointed. Needs the open vault.
 */
export class VaultCheckpointJob extends Job {
  readonly name = 'vault-checkpoint';
  readonly description = 'Consolide le journal WAL du coffre dans la base chiffrée (checkpoint TRUNCATE).';
  readonly schedule = '*/15 * * * *';

  /** `target` is the open vault, or a function returning it (null when locked) when the vault is reopened over time. */
  constructor(private readonly target: CheckpointTarget | (() => CheckpointTarget | null)) {
    super();
  }

  async run(ctx: JobContext): Promise<string> {
    const db = typeof this.target === 'function' ? this.target() : this.target;
    if (!db) throw new Error('coffre non ouvert');
    if (ctx.signal.aborted) throw new Error('annulé');
    const t0 = Date.now();
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return `checkpoint WAL effectué en ${Date.now() - t0} ms`;
  }
}
