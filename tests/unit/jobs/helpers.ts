import { Job, type JobContext } from '../../../main/jobs/job';
import type { Logger, LogLevel, LogMeta } from '../../../main/logging/logger';

export interface Captured {
  level: LogLevel;
  component: string;
  message: string;
  meta?: LogMeta | Error;
}

/** A Logger that keeps what it is given, for assertions. */
export function captureLogger(entries: Captured[] = [], component = 'test'): Logger & { entries: Captured[] } {
  const log = (level: LogLevel, message: string, meta?: LogMeta | Error) => entries.push({ level, component, message, meta });
  return {
    entries,
    log,
    error: (m, meta) => log('error', m, meta),
    warn: (m, meta) => log('warn', m, meta),
    info: (m, meta) => log('info', m, meta),
    debug: (m, meta) => log('debug', m, meta),
    child: (c) => captureLogger(entries, c),
  };
}

/** A job whose body is a function; counts its runs. */
export class FnJob extends Job {
  readonly description = 'tâche de test';
  override readonly requiresVault: boolean;
  calls: JobContext[] = [];

  constructor(
    readonly name: string,
    readonly schedule: string,
    private readonly body: (ctx: JobContext) => Promise<string | void> = async () => 'ok',
    requiresVault = false,
  ) {
    super();
    this.requiresVault = requiresVault;
  }

  async run(ctx: JobContext): Promise<string | void> {
    this.calls.push(ctx);
    return this.body(ctx);
  }
}

export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
