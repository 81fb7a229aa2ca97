/**
 * The job registry: knows every job, schedules them with node-cron (cron
 * only triggers, the registry runs), prevents overlapping runs, refuses
 * vault jobs while the vault is locked, records every run in a JobRunStore,
 * announces runs on the bus and catches up runs missed while the app was
 * closed or asleep. A job's failure never escapes the registry.
 */
import { CronExpressionParser } from 'cron-parser';
import cron, { type ScheduledTask } from 'node-cron';
import type { JobInfo, JobRun } from '../api/contract';
import { VigieError } from '../api/errors';
import type { EventBus } from '../engine/bus';
import type { Logger } from '../logging/logger';
import { redactString } from '../logging/redact';
import type { Job, JobTrigger } from './job';
import type { FinalOutcome, JobRunStore } from './run-store';

export const SKIP_RUNNING = 'previous run still running';
export const SKIP_LOCKED = 'coffre verrouillé';
export const STALE_RUN = 'interrompu (arrêt ou verrouillage pendant l’exécution)';

export interface JobRegistryOptions {
  store: JobRunStore;
  logger: Logger;
  bus?: EventBus;
  isVaultOpen: () => boolean;
  now?: () => Date;
  /** IANA time zone for schedules; default: the system's. */
  timezone?: string;
}

interface Entry {
  job: Job;
  registeredAt: Date;
  task?: ScheduledTask;
  running?: { controller: AbortController; done: Promise<JobRun> };
}

export class JobRegistry {
  private readonly entries = new Map<string, Entry>();
  private store: JobRunStore;
  /** Settles once the current store's stale runs are closed; every store access waits for it. */
  private storeReady: Promise<void> = Promise.resolve();
  private readonly logger: Logger;
  private readonly bus?: EventBus;
  private readonly isVaultOpen: () => boolean;
  private readonly now: () => Date;
  private readonly timezone?: string;
  private started = false;

  constructor(opts: JobRegistryOptions) {
    this.store = opts.store;
    this.logger = opts.logger.child('jobs');
    this.bus = opts.bus;
    this.isVaultOpen = opts.isVaultOpen;
    this.now = opts.now ?? (() => new Date());
    this.timezone = opts.timezone;
  }

  register(job: Job): void {
    if (this.entries.has(job.name)) throw new Error(`job already registered: ${job.name}`);
    if (!cron.validate(job.schedule)) throw new Error(`invalid schedule for job ${job.name}: ${job.schedule}`);
    CronExpressionParser.parse(job.schedule, { tz: this.timezone }); // throws on what node-cron accepts but cron-parser does not
    const entry: Entry = { job, registeredAt: this.now() };
    this.entries.set(job.name, entry);
    if (this.started) this.schedule(entry);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Starts the cron schedules (idempotent). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const entry of this.entries.values()) this.schedule(entry);
  }

  /** Stops the schedules, aborts running jobs and waits for them to settle. */
  async stop(): Promise<void> {
    this.started = false;
    const pending: Promise<unknown>[] = [];
    for (const entry of this.entries.values()) {
      if (entry.task) {
        pending.push(Promise.resolve(entry.task.destroy()));
        entry.task = undefined;
      }
      if (entry.running) {
        entry.running.controller.abort();
        pending.push(entry.running.done);
      }
    }
    await Promise.allSettled(pending);
  }

  /**
   * Switches where runs are recorded (memory ↔ vault). Runs left 'running' in
   * the new store by an earlier process or an earlier unlock are closed as failures.
   */
  setStore(store: JobRunStore): Promise<void> {
    if (store === this.store) return this.storeReady;
    this.store = store;
    this.storeReady = (async () => {
      try {
        const n = await store.closeStale(this.now(), STALE_RUN);
        if (n > 0) this.logger.warn('interrupted job runs closed', { count: n });
      } catch (err) {
        this.logger.error('could not close interrupted job runs', { error: err });
      }
    })();
    return this.storeReady;
  }

  /** The current store, once its clean-up is done. */
  private async readyStore(): Promise<JobRunStore> {
    let ready: Promise<void>;
    do {
      ready = this.storeReady;
      await ready;
    } while (ready !== this.storeReady);
    return this.store;
  }

  /** Runs a job now unless it is already running or needs the locked vault (then records 'skipped'). */
  async trigger(name: string, trigger: JobTrigger = 'manual'): Promise<JobRun> {
    const entry = this.entries.get(name);
    if (!entry) throw new VigieError('NOT_FOUND', `Tâche inconnue : ${name}`);
    if (entry.running) return this.recordSkipped(entry.job, trigger, SKIP_RUNNING);
    if (entry.job.requiresVault && !this.isVaultOpen()) return this.recordSkipped(entry.job, trigger, SKIP_LOCKED);

    const controller = new AbortController();
    const done = this.execute(entry.job, trigger, controller.signal);
    entry.running = { controller, done };
    try {
      return await done;
    } finally {
      entry.running = undefined;
    }
  }

  /**
   * Runs once, with trigger 'catch-up', every job whose most recent scheduled
   * time (≤ now) is later than its last real run (or, never run, later than
   * its registration). Jobs already running, and vault jobs while the vault is
   * locked, are left for a later call (e.g. after unlock).
   */
  async catchUp(now: Date = this.now()): Promise<JobRun[]> {
    const due: Entry[] = [];
    for (const entry of this.entries.values()) {
      if (entry.running) continue;
      if (entry.job.requiresVault && !this.isVaultOpen()) continue;
      const slot = this.previousSlot(entry.job.schedule, now);
      if (!slot) continue;
      let last: JobRun | null;
      try {
        last = await (await this.readyStore()).last(entry.job.name, { excludeSkipped: true });
      } catch (err) {
        this.logger.error('catch-up: cannot read last run', { job: entry.job.name, error: err });
        continue;
      }
      const reference = last ? new Date(last.startedAt) : entry.registeredAt;
      const missed = last ? slot.getTime() > reference.getTime() : slot.getTime() >= reference.getTime();
      if (missed) due.push(entry);
    }
    const runs: JobRun[] = [];
    for (const entry of due) {
      if (entry.running) continue; // started meanwhile: nothing left to catch up
      this.logger.info('catching up missed run', { job: entry.job.name });
      runs.push(await this.trigger(entry.job.name, 'catch-up'));
    }
    return runs;
  }

  async list(): Promise<JobInfo[]> {
    const now = this.now();
    const store = await this.readyStore();
    const infos: JobInfo[] = [];
    for (const { job, running } of this.entries.values()) {
      let lastRun: JobRun | null = null;
      try {
        lastRun = await store.last(job.name);
      } catch (err) {
        this.logger.warn('cannot read last run', { job: job.name, error: err });
      }
      infos.push({
        name: job.name,
        description: job.description,
        schedule: job.schedule,
        running: running !== undefined,
        lastRun,
        nextRun: this.nextSlot(job.schedule, now)?.toISOString() ?? null,
      });
    }
    return infos;
  }

  // ---------------------------------------------------------------- internals

  private schedule(entry: Entry): void {
    const name = entry.job.name;
    entry.task = cron.schedule(
      entry.job.schedule,
      () => {
        this.trigger(name, 'schedule').catch((err: unknown) =>
          this.logger.error('scheduled trigger failed', { job: name, error: err }),
        );
      },
      {
        name: `vigie:${name}`,
        ...(this.timezone ? { timezone: this.timezone } : {}),
        logger: {
          info: (m) => this.logger.debug(String(m), { job: name }),
          warn: (m) => this.logger.warn(String(m), { job: name }),
          error: (m, e) => this.logger.error(String(m instanceof Error ? m.message : m), { job: name, error: e }),
          debug: (m) => this.logger.debug(String(m instanceof Error ? m.message : m), { job: name }),
        },
      },
    );
  }

  private async execute(job: Job, trigger: JobTrigger, signal: AbortSignal): Promise<JobRun> {
    // Finish on the store the run started in, even if it is switched meanwhile.
    const store = await this.readyStore();
    const startedAt = this.now();
    let id: number;
    try {
      id = await store.start(job.name, trigger, startedAt);
    } catch (err) {
      this.logger.error('cannot record job start; run abandoned', { job: job.name, error: err });
      return this.runOf(0, job.name, trigger, startedAt, this.now(), 'failure', `journal des tâches indisponible : ${errorMessage(err)}`);
    }
    this.emit(this.runOf(id, job.name, trigger, startedAt, null, 'running', null));
    this.logger.info('job started', { job: job.name, trigger, runId: id });

    let outcome: FinalOutcome = 'success';
    let message: string | null = null;
    try {
      const result = await job.run({ now: startedAt, trigger, signal, logger: this.logger.child(`job:${job.name}`) });
      if (typeof result === 'string') message = redactString(result);
    } catch (err) {
      outcome = 'failure';
      message = errorMessage(err);
      this.logger.error('job failed', { job: job.name, trigger, runId: id, error: err });
    }
    const endedAt = this.now();
    try {
      await store.finish(id, outcome, endedAt, message);
    } catch (err) {
      this.logger.error('cannot record job end', { job: job.name, runId: id, error: err });
    }
    const run = this.runOf(id, job.name, trigger, startedAt, endedAt, outcome, message);
    this.emit(run);
    if (outcome === 'success') {
      this.logger.info('job finished', { job: job.name, runId: id, ms: endedAt.getTime() - startedAt.getTime() });
    }
    return run;
  }

  private async recordSkipped(job: Job, trigger: JobTrigger, message: string): Promise<JobRun> {
    const store = await this.readyStore();
    const at = this.now();
    let id = 0;
    try {
      id = await store.start(job.name, trigger, at);
      await store.finish(id, 'skipped', at, message);
    } catch (err) {
      this.logger.error('cannot record skipped run', { job: job.name, error: err });
    }
    this.logger.info('job skipped', { job: job.name, trigger, reason: message });
    const run = this.runOf(id, job.name, trigger, at, at, 'skipped', message);
    this.emit(run);
    return run;
  }

  private runOf(
    id: number,
    job: string,
    trigger: JobTrigger,
    startedAt: Date,
    endedAt: Date | null,
    outcome: JobRun['outcome'],
    message: string | null,
  ): JobRun {
    return {
      id,
      job,
      trigger,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt ? endedAt.toISOString() : null,
      outcome,
      message,
    };
  }

  private emit(run: JobRun): void {
    try {
      this.bus?.emit('job.run', run);
    } catch (err) {
      this.logger.error('job.run listener failed', { job: run.job, error: err });
    }
  }

  /** Most recent scheduled time ≤ `now`. */
  private previousSlot(schedule: string, now: Date): Date | null {
    try {
      // prev() is strictly before currentDate: nudge by 1 ms so a slot exactly at `now` counts.
      const expr = CronExpressionParser.parse(schedule, { currentDate: new Date(now.getTime() + 1), tz: this.timezone });
      return expr.prev().toDate();
    } catch {
      return null;
    }
  }

  private nextSlot(schedule: string, now: Date): Date | null {
    try {
      return CronExpressionParser.parse(schedule, { currentDate: now, tz: this.timezone }).next().toDate();
    } catch {
      return null;
    }
  }
}

function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return redactString(text).slice(0, 2000) || 'erreur inconnue';
}
