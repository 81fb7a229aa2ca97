/**
 * Where job runs are recorded: in memory while the vault is locked (and in
 * the CLI), in the vault's `job_runs` table (migration 004) once it is open.
 * Timestamps are stored as epoch milliseconds and surfaced as ISO strings.
 */
import type { JobRun } from '../api/contract';
import type { JobTrigger } from './job';

export type FinalOutcome = Exclude<JobRun['outcome'], 'running'>;

export interface LastRunOptions {
  /** Ignore 'skipped' records: "when did this job last actually run?" (catch-up). */
  excludeSkipped?: boolean;
}

export interface JobRunStore {
  /** Records a run as 'running'; returns its id. */
  start(job: string, trigger: JobTrigger, startedAt: Date): Promise<number>;
  finish(id: number, outcome: FinalOutcome, endedAt: Date, message: string | null): Promise<void>;
  /** The job's most recent run (by start time), or null. */
  last(job: string, options?: LastRunOptions): Promise<JobRun | null>;
  /** Most recent runs of all jobs, newest first. */
  recent(limit: number): Promise<JobRun[]>;
  /** Marks every run still 'running' as failed (left over by a crash or a lock); returns how many. */
  closeStale(endedAt: Date, message: string): Promise<number>;
}

// ---------------------------------------------------------------- memory

interface StoredRun {
  id: number;
  job: string;
  trigger: JobTrigger;
  startedAt: number;
  endedAt: number | null;
  outcome: JobRun['outcome'];
  message: string | null;
}

function toJobRun(r: StoredRun): JobRun {
  return {
    id: r.id,
    job: r.job,
    trigger: r.trigger,
    startedAt: new Date(r.startedAt).toISOString(),
    endedAt: r.endedAt === null ? null : new Date(r.endedAt).toISOString(),
    outcome: r.outcome,
    message: r.message,
  };
}

const newestFirst = (a: StoredRun, b: StoredRun): number => b.startedAt - a.startedAt || b.id - a.id;

/** Bounded in-memory store (oldest runs dropped beyond `capacity`). */
export class MemoryJobRunStore implements JobRunStore {
  private readonly runs = new Map<number, StoredRun>();
  private nextId = 1;

  constructor(private readonly capacity = 1000) {}

  async start(job: string, trigger: JobTrigger, startedAt: Date): Promise<number> {
    const id = this.nextId++;
    this.runs.set(id, { id, job, trigger, startedAt: startedAt.getTime(), endedAt: null, outcome: 'running', message: null });
    if (this.runs.size > this.capacity) {
      const oldest = this.runs.keys().next().value;
      if (oldest !== undefined) this.runs.delete(oldest);
    }
    return id;
  }

  async finish(id: number, outcome: FinalOutcome, endedAt: Date, message: string | null): Promise<void> {
    const run = this.runs.get(id);
    if (!run) return;
    run.outcome = outcome;
    run.endedAt = endedAt.getTime();
    run.message = message;
  }

  async last(job: string, options: LastRunOptions = {}): Promise<JobRun | null> {
    const runs = [...this.runs.values()]
      .filter((r) => r.job === job && !(options.excludeSkipped && r.outcome === 'skipped'))
      .sort(newestFirst);
    return runs.length > 0 ? toJobRun(runs[0]) : null;
  }

  async recent(limit: number): Promise<JobRun[]> {
    return [...this.runs.values()].sort(newestFirst).slice(0, Math.max(0, limit)).map(toJobRun);
  }

  async closeStale(endedAt: Date, message: string): Promise<number> {
    let n = 0;
    for (const run of this.runs.values()) {
      if (run.outcome !== 'running') continue;
      run.outcome = 'failure';
      run.endedAt = endedAt.getTime();
      run.message = message;
      n++;
    }
    return n;
  }
}

// ---------------------------------------------------------------- SQL

/** The slice of the vault database this store needs (structurally matches `main/store/db.ts`'s `Db`). */
export interface JobRunDb {
  run(sql: string, params?: readonly unknown[]): Promise<{ lastID: number }>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

interface RunRow {
  id: number;
  job: string;
  trigger: JobTrigger;
  started_at: number;
  ended_at: number | null;
  outcome: JobRun['outcome'];
  message: string | null;
}

const COLUMNS = 'id, job, trigger, started_at, ended_at, outcome, message';

function rowToRun(r: RunRow): JobRun {
  return toJobRun({
    id: Number(r.id),
    job: r.job,
    trigger: r.trigger,
    startedAt: Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    outcome: r.outcome,
    message: r.message,
  });
}

/** The `job_runs` table of the open vault. */
export class SqlJobRunStore implements JobRunStore {
  constructor(private readonly db: JobRunDb) {}

  async start(job: string, trigger: JobTrigger, startedAt: Date): Promise<number> {
    const res = await this.db.run(
      "INSERT INTO job_runs (job, trigger, started_at, outcome) VALUES (?, ?, ?, 'running')",
      [job, trigger, startedAt.getTime()],
    );
    return res.lastID;
  }

  async finish(id: number, outcome: FinalOutcome, endedAt: Date, message: string | null): Promise<void> {
    await this.db.run('UPDATE job_runs SET outcome = ?, ended_at = ?, message = ? WHERE id = ?', [
      outcome,
      endedAt.getTime(),
      message,
      id,
    ]);
  }

  async last(job: string, options: LastRunOptions = {}): Promise<JobRun | null> {
    const filter = options.excludeSkipped ? " AND outcome <> 'skipped'" : '';
    const row = await this.db.get<RunRow>(
      `SELECT ${COLUMNS} FROM job_runs WHERE job = ?${filter} ORDER BY started_at DESC, id DESC LIMIT 1`,
      [job],
    );
    return row ? rowToRun(row) : null;
  }

  async recent(limit: number): Promise<JobRun[]> {
    const rows = await this.db.all<RunRow>(
      `SELECT ${COLUMNS} FROM job_runs ORDER BY started_at DESC, id DESC LIMIT ?`,
      [Math.max(0, Math.floor(limit))],
    );
    return rows.map(rowToRun);
  }

  async closeStale(endedAt: Date, message: string): Promise<number> {
    const row = await this.db.get<{ n: number }>("SELECT count(*) AS n FROM job_runs WHERE outcome = 'running'", []);
    const n = Number(row?.n ?? 0);
    if (n > 0) {
      await this.db.run("UPDATE job_runs SET outcome = 'failure', ended_at = ?, message = ? WHERE outcome = 'running'", [
        endedAt.getTime(),
        message,
      ]);
    }
    return n;
  }
}
