/**
 * Engine logging: JSON lines in daily-rotated files (`vigie-YYYY-MM-DD.log`),
 * optionally mirrored to the console. Every entry goes through `redact`
 * before any transport sees it, so no secret, key or patient identifier can
 * reach a file or a terminal.
 *
 * One logger per process: `getLogger()` hands out the process-wide logger
 * (silent until `configureLogger` gives it real transports); loggers handed
 * out before configuration keep working afterwards since only the transports
 * are swapped. `createLogger` builds an independent logger (tests, tools).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { redact, redactString } from './redact';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogMeta = Record<string, unknown>;

export interface Logger {
  error(message: string, meta?: LogMeta | Error): void;
  warn(message: string, meta?: LogMeta | Error): void;
  info(message: string, meta?: LogMeta | Error): void;
  debug(message: string, meta?: LogMeta | Error): void;
  log(level: LogLevel, message: string, meta?: LogMeta | Error): void;
  /** Same destination, entries tagged `component`. */
  child(component: string): Logger;
}

export interface ClosableLogger extends Logger {
  /** Flushes and closes the files. The logger must not be used afterwards. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** Folder of the log files (the user-data folder's `logs/`). Created 0700 if missing. */
  logDir: string;
  level?: LogLevel;
  /** Mirror entries to stdout/stderr (CLI, development). */
  console?: boolean;
  /** Days the rotating transport keeps files (default 30); `LogRetentionJob` enforces it too. */
  keepDays?: number;
  /** Keyed pseudonymisation of patient identifiers; without it they are logged as '[PATIENT]'. */
  pseudonymise?: (id: string) => string;
}

export const LOG_FILE_PREFIX = 'vigie-';
export const LOG_FILE_PATTERN = 'vigie-%DATE%.log';
const DEFAULT_COMPONENT = 'engine';
/** triple-beam's MESSAGE symbol: the serialised line a transport writes. */
const MESSAGE = Symbol.for('message');

interface RedactState {
  pseudonymise?: (id: string) => string;
}

// ---------------------------------------------------------------- formats

/** Runs `redact` over the message and every meta field, in place (winston needs the same object). */
const redactFormat = winston.format((info, opts) => {
  const state = (opts ?? {}) as RedactState;
  const record = info as Record<string, unknown>;
  const message = record.message;
  record.message = typeof message === 'string' ? redactString(message) : JSON.stringify(redact(message, state) ?? null);
  const metaKeys = Object.keys(record).filter((k) => k !== 'level' && k !== 'message');
  if (metaKeys.length > 0) {
    const meta: Record<string, unknown> = {};
    for (const k of metaKeys) meta[k] = record[k];
    const clean = redact(meta, state) as Record<string, unknown>;
    for (const k of metaKeys) record[k] = clean[k];
  }
  return info;
});

const jsonLine = winston.format((info) => {
  const { timestamp, level, message, component, ...rest } = info as Record<string, unknown>;
  (info as Record<symbol, unknown>)[MESSAGE] = JSON.stringify({ timestamp, level, message, component, ...rest });
  return info;
});

const consoleLine = winston.format((info) => {
  const { timestamp, level, message, component, ...rest } = info as Record<string, unknown>;
  const extra = Object.keys(rest).length > 0 ? ' ' + JSON.stringify(rest) : '';
  (info as Record<symbol, unknown>)[MESSAGE] = `${String(timestamp)} ${String(level)} [${String(component)}] ${String(message)}${extra}`;
  return info;
});

function baseFormat(state: RedactState): winston.Logform.Format {
  return winston.format.combine(
    winston.format.errors({ stack: true }),
    redactFormat(state),
    winston.format.timestamp(),
    jsonLine(),
  );
}

// ---------------------------------------------------------------- transports

function fileTransport(logDir: string, keepDays: number): DailyRotateFile {
  fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
  const transport = new DailyRotateFile({
    dirname: logDir,
    filename: LOG_FILE_PATTERN,
    datePattern: 'YYYY-MM-DD',
    maxSize: '20m',
    maxFiles: `${keepDays}d`,
    auditFile: path.join(logDir, '.vigie-log-audit.json'),
    // Honoured on POSIX when the file is created; ignored on Windows.
    options: { flags: 'a', mode: 0o600 },
  });
  let reported = false;
  transport.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    process.stderr.write(`vigie: log file unavailable in ${logDir}: ${redactString(err.message)}\n`);
  });
  return transport;
}

function buildTransports(opts: LoggerOptions): winston.transport[] {
  const transports: winston.transport[] = [fileTransport(opts.logDir, Math.max(1, Math.floor(opts.keepDays ?? 30)))];
  if (opts.console) {
    transports.push(
      new winston.transports.Console({
        format: consoleLine(),
        stderrLevels: ['error', 'warn'],
      }),
    );
  }
  return transports;
}

/** Discards everything: the unconfigured process logger must not print nor warn about missing transports. */
function nullTransport(): winston.transport {
  return new winston.transports.Stream({
    stream: new Writable({
      write(_chunk, _enc, cb) {
        cb();
      },
    }),
  });
}

/**
 * Detaches `transports` from `target` now (later entries no longer reach them)
 * and resolves once their files are flushed and closed.
 */
function detachTransports(target: winston.Logger, transports: winston.transport[]): Promise<void> {
  return Promise.all(
    transports.map((t) => {
      if (!(t instanceof DailyRotateFile)) {
        target.remove(t);
        return Promise.resolve();
      }
      const finished = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        timer.unref();
        t.once('finish', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      target.remove(t); // unpipe → transport.close() → stream end → 'finish'
      return finished;
    }),
  ).then(() => undefined);
}

/** Lets entries already accepted by the logger reach its transports, then detaches them. */
async function drainAndDetach(target: winston.Logger, transports: winston.transport[]): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await detachTransports(target, transports);
}

// ---------------------------------------------------------------- wrapper

class ComponentLogger implements Logger {
  constructor(
    private readonly target: () => winston.Logger,
    private readonly component: string,
  ) {}

  log(level: LogLevel, message: string, meta?: LogMeta | Error): void {
    const fields: LogMeta = meta instanceof Error ? { error: meta } : { ...meta };
    this.target().log({ ...fields, level, message, component: this.component });
  }
  error(message: string, meta?: LogMeta | Error): void {
    this.log('error', message, meta);
  }
  warn(message: string, meta?: LogMeta | Error): void {
    this.log('warn', message, meta);
  }
  info(message: string, meta?: LogMeta | Error): void {
    this.log('info', message, meta);
  }
  debug(message: string, meta?: LogMeta | Error): void {
    this.log('debug', message, meta);
  }
  child(component: string): Logger {
    return new ComponentLogger(this.target, component);
  }
}

/** An independent logger writing to `opts.logDir` (and the console if asked). */
export function createLogger(opts: LoggerOptions): ClosableLogger {
  const state: RedactState = { pseudonymise: opts.pseudonymise };
  const transports = buildTransports(opts);
  const w = winston.createLogger({ level: opts.level ?? 'info', format: baseFormat(state), transports });
  const logger = new ComponentLogger(() => w, DEFAULT_COMPONENT) as ComponentLogger & ClosableLogger;
  logger.close = () => drainAndDetach(w, transports);
  return logger;
}

// ---------------------------------------------------------------- process logger

const rootState: RedactState = {};
let rootTransports: winston.transport[] = [nullTransport()];
const root = winston.createLogger({ level: 'info', format: baseFormat(rootState), transports: rootTransports });
const rootLogger = new ComponentLogger(() => root, DEFAULT_COMPONENT);

/** The process logger (silent until `configureLogger`), optionally for one component. */
export function getLogger(component?: string): Logger {
  return component ? rootLogger.child(component) : rootLogger;
}

/** Gives the process logger its real transports (replacing previous ones) and level. */
export function configureLogger(opts: LoggerOptions): Logger {
  const previous = rootTransports;
  rootState.pseudonymise = opts.pseudonymise;
  root.level = opts.level ?? 'info';
  rootTransports = buildTransports(opts);
  for (const t of rootTransports) root.add(t);
  void detachTransports(root, previous);
  return rootLogger;
}

/** Sets (or clears, when the vault locks) the keyed pseudonymiser used for patient identifiers. */
export function setLogPseudonymiser(pseudonymise: ((id: string) => string) | undefined): void {
  rootState.pseudonymise = pseudonymise;
}

/** Flushes and closes the process logger's files; it goes back to silent. */
export async function closeLogger(): Promise<void> {
  const previous = rootTransports;
  rootTransports = [nullTransport()];
  for (const t of rootTransports) root.add(t);
  await drainAndDetach(root, previous);
}

export interface RendererLogEntry {
  level: LogLevel;
  message: string;
  context?: Record<string, unknown>;
}

/** Entry sent by the UI (`log.write`): tagged `origin: 'renderer'`, redacted like everything else. */
export function logFromRenderer(entry: RendererLogEntry): void {
  const meta: LogMeta = { origin: 'renderer' };
  if (entry.context !== undefined) meta.context = entry.context;
  getLogger('renderer').log(entry.level, String(entry.message).slice(0, 4000), meta);
}
