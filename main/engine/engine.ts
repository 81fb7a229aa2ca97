import { mkdir } from 'node:fs/promises';
import { platform } from 'node:process';
import type { AppInfo } from '../api/contract';
import { createDispatcher } from '../api/dispatcher';
import { handlers } from '../api/handlers';
import type { HandlerCtx } from '../api/handlers';
import { DeadlineJob } from '../jobs/builtin/deadlines';
import { LogRetentionJob } from '../jobs/builtin/log-retention';
import { collectDeadlineNotifications } from '../incidents/legal/notify';
import { VaultCheckpointJob } from '../jobs/builtin/vault-checkpoint';
import { JobRegistry } from '../jobs/registry';
import { MemoryJobRunStore, SqlJobRunStore } from '../jobs/run-store';
import { closeLogger, configureLogger, setLogPseudonymiser } from '../logging/logger';
import { Pseudonymiser } from '../privacy/pseudonym';
import { SourceManager } from '../sources/manager';
import { markInterruptedImports } from '../ingest/pipeline/imports';
import { stopIngest } from '../ingest/pipeline/runtime';
import type { Db } from '../store/db';
import { startDetection, type DetectionService } from '../detect/service';
import { EventBus } from './bus';
import { logDirFor, PRODUCT_NAME } from './paths';
import { VaultSession } from './session';
import type { CallContext, EngineApi, EngineHost, PowerEvent } from './types';
import { VERSION } from './version';

/** A gap this long between two heartbeats means the machine slept: catch up missed jobs. */
const HEARTBEAT_MS = 30_000;
const SLEEP_GAP_MS = 2 * 60_000;
/** Log files are kept this long (rotation and the retention job agree). */
const LOG_KEEP_DAYS = 90;

/**
 * Starts the engine for one host (Electron, browser-mode bridge or CLI):
 * logging, vault session, job registry, and the dispatcher over the contract.
 */
export async function startEngine(host: EngineHost): Promise<EngineApi> {
  await mkdir(host.dataDir, { recursive: true, mode: 0o700 });
  const logDir = logDirFor(host.dataDir);
  const logger = configureLogger({ logDir, console: host.logToConsole ?? false, keepDays: LOG_KEEP_DAYS }).child('engine');
  const bus = new EventBus();

  let sources: SourceManager | null = null;
  let openDb: Db | null = null;
  let detection: DetectionService | null = null;
  const session: VaultSession = new VaultSession({
    dataDir: host.dataDir,
    bus,
    keyStore: host.keyStore,
    fastKdf: process.env.VIGIE_KDF_FAST === '1',
    onOpen: async (db) => {
      openDb = db;
      // First: imports left 'running' by a crash become 'interrupted' (resumable) before anything new starts.
      await markInterruptedImports(db);
      const pseudonymiser = await Pseudonymiser.fromDb(db);
      setLogPseudonymiser((id) => pseudonymiser.pseudonymise(id));
      void jobs.setStore(new SqlJobRunStore(db));
      detection = await startDetection({ db, bus, logger: logger.child('detect') }).catch((e) => {
        logger.error('detection failed to start', { error: e });
        return null;
      });
      sources = new SourceManager({ db, bus, jobs, logger, pseudonymiser });
      await sources.startAll().catch((e) => logger.error('sources failed to start', { error: e }));
      void jobs.catchUp().catch((e) => logger.error('job catch-up failed', { error: e }));
    },
    onClose: async () => {
      // Before the database closes: queues written, counters saved, ports released.
      await sources?.stopAll();
      sources = null;
      // Imports, uploads and drop folders end at a batch boundary as 'interrupted' before the db closes.
      if (openDb) await stopIngest(openDb);
      openDb = null;
      await detection?.stop();
      detection = null;
      setLogPseudonymiser(undefined);
      await jobs.setStore(new MemoryJobRunStore());
    },
  });
  const jobs = new JobRegistry({
    store: new MemoryJobRunStore(),
    logger: logger.child('jobs'),
    bus,
    isVaultOpen: () => session.unlocked,
  });
  if (process.env.VIGIE_KDF_FAST === '1') logger.warn('VIGIE_KDF_FAST=1: cheap key derivation for automated tests');

  jobs.register(new VaultCheckpointJob({ exec: (sql) => session.db().exec(sql) }));
  jobs.register(new LogRetentionJob({ logDir, keepDays: LOG_KEEP_DAYS }));
  jobs.register(
    new DeadlineJob({
      check: (now) => collectDeadlineNotifications(session.db(), now.getTime()),
      notifier: host.notifier,
      onNotification: (n) => bus.emit('legal.deadline', n),
    }),
  );
  jobs.start();

  // Every new alert goes to the shell's notifier, which keeps high and critical ones and groups bursts.
  const unsubscribeAlerts = bus.subscribe('alert.new', (alert) => {
    if (alert.severity === 'high' || alert.severity === 'critical') {
      host.notifier?.notify({ kind: 'alert', title: 'Vigie : nouvelle alerte', body: alert.title, severity: alert.severity });
    }
  });

  const info: AppInfo = {
    name: PRODUCT_NAME,
    version: VERSION,
    mode: host.mode,
    platform,
    dataDir: host.dataDir,
    logDir,
  };

  const dispatcher = createDispatcher<HandlerCtx>(
    handlers,
    () => ({ unlocked: session.unlocked, role: session.operator?.role, touch: () => session.touch() }),
    logger,
  );

  let lastBeat = Date.now();
  const heartbeat = setInterval(() => {
    const now = Date.now();
    if (now - lastBeat > SLEEP_GAP_MS) power('resume');
    lastBeat = now;
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function power(event: PowerEvent): void {
    logger.info('power event', { event });
    if (event === 'suspend' || event === 'lock-screen') void session.lock('power');
    if (event === 'resume') void jobs.catchUp().catch((e) => logger.error('job catch-up failed', { error: e }));
  }

  logger.info('engine started', { mode: host.mode, version: VERSION });
  return {
    dispatch: (op: string, input: unknown, call: CallContext) =>
      dispatcher(op, input, { call, host, session, bus, jobs, logger, info }),
    subscribe: (name, listener) => bus.subscribe(name, listener),
    power,
    async stop() {
      clearInterval(heartbeat);
      unsubscribeAlerts();
      await jobs.stop();
      await session.lock('shutdown');
      logger.info('engine stopped');
      await closeLogger();
    },
  };
}
