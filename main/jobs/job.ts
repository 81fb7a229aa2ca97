/**
 * What a scheduled job is. The registry owns scheduling, overlap prevention,
 * the vault check, recording and events; a job only does its work.
 */
import type { JobRun } from '../api/contract';
import type { Logger } from '../logging/logger';

export type JobTrigger = JobRun['trigger'];
export type JobOutcome = JobRun['outcome'];

export interface JobContext {
  /** When the run started (the registry's clock). */
  now: Date;
  trigger: JobTrigger;
  /** Aborted when the registry stops; long jobs should check it between steps. */
  signal: AbortSignal;
  /** Logger tagged with the job's component (`job:<name>`). */
  logger: Logger;
}

export abstract class Job {
  /** Unique, stable identifier (kebab-case); it is what `job_runs.job` stores. */
  abstract readonly name: string;
  /** One French sentence shown in the jobs screen. */
  abstract readonly description: string;
  /** Cron expression, 5 fields (minute…) or 6 (second…), in the registry's time zone. */
  abstract readonly schedule: string;
  /** False for jobs that may run while the vault is locked (they must not touch the vault). */
  readonly requiresVault: boolean = true;

  /** Does the work. The returned string (if any) is the run's message; a throw records a failure. */
  abstract run(ctx: JobContext): Promise<string | void>;
}
