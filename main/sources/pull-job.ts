/**
 * Scheduling of pull connectors through the engine's JobRegistry.
 *
 * The registry has no way to remove a job, and connectors come and go with
 * the user's edits, so ONE job, `source-pull`, runs every minute and starts
 * each enabled connector whose own cron schedule has a slot later than its
 * last run (so a slot missed while the app was closed or asleep runs once,
 * like the registry's catch-up). The job finds the running SourceManager of
 * its registry through `activeSourceManager`.
 */
import { CronExpressionParser } from 'cron-parser';
import { Job, type JobContext } from '../jobs/job';
import type { JobRegistry } from '../jobs/registry';

export const SOURCE_PULL_JOB = 'source-pull';

/** What the job needs from the manager. */
export interface PullRunner {
  runDue(now: Date, signal: AbortSignal): Promise<string>;
}

const runners = new WeakMap<JobRegistry, PullRunner>();

export function setActiveRunner(jobs: JobRegistry, runner: PullRunner | null): void {
  if (runner) runners.set(jobs, runner);
  else runners.delete(jobs);
}

export function activeRunner(jobs: JobRegistry): PullRunner | undefined {
  return runners.get(jobs);
}

export class SourcePullJob extends Job {
  readonly name = SOURCE_PULL_JOB;
  readonly description = 'Collecte des connecteurs (FHIR AuditEvent, REST) selon leur planification';
  readonly schedule = '* * * * *';

  constructor(private readonly jobs: JobRegistry) {
    super();
  }

  async run(ctx: JobContext): Promise<string> {
    const runner = runners.get(this.jobs);
    if (!runner) return 'aucune source active';
    return runner.runDue(ctx.now, ctx.signal);
  }
}

/** Registers `source-pull` once per registry (idempotent). */
export function registerSourcePullJob(jobs: JobRegistry): void {
  if (!jobs.names().includes(SOURCE_PULL_JOB)) jobs.register(new SourcePullJob(jobs));
}

/** True when `schedule` has a slot in (lastRunAt, now]; never run = due. */
export function isDue(schedule: string, lastRunAt: number | undefined, now: Date): boolean {
  if (lastRunAt === undefined) return true;
  try {
    const prev = CronExpressionParser.parse(schedule, { currentDate: new Date(now.getTime() + 1) }).prev().getTime();
    return prev > lastRunAt;
  } catch {
    return false;
  }
}
