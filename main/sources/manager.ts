/**
 * Runs the enabled sources of the open vault: syslog listeners (bound while
 * they run), pull connectors (run by the `source-pull` job, see pull-job.ts)
 * and watched drop folders (started through `folderStarter`). One manager
 * per unlocked vault: the engine creates it after unlock, calls `startAll()`,
 * and `stopAll()` before the vault closes. Counters are persisted every
 * `healthIntervalMs` and on stop, each time with a `source.health` event.
 */
import type { SourceHealth } from '../api/contract';
import { VigieError } from '../api/errors';
import type { EventBus } from '../engine/bus';
import { createParseContext } from '../ingest/registry';
import type { JobRegistry } from '../jobs/registry';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/db';
import { CONNECTOR_KINDS, LISTENER_KINDS, type FhirConfig, type RestConfig, type SourceKind } from './config';
import { pullFhir } from './connectors/fhir-pull';
import type { PullDeps, PullResult } from './connectors/pull';
import { summary } from './connectors/pull';
import { pullRest } from './connectors/rest-pull';
import { startFolderSource, type FolderStarter } from './folder';
import { HealthTracker } from './health';
import { bindErrorMessage } from './listeners/bind-errors';
import { startListener, type ListenerDeps, type ListenerHandle } from './listeners/start';
import { findSource, getSource, listSources, writeState, type SourceRecord } from './repository';
import { getSecret } from './secrets';
import { isDue, registerSourcePullJob, setActiveRunner, type PullRunner } from './pull-job';

export interface SourceManagerOptions {
  db: Db;
  bus: EventBus;
  jobs: JobRegistry;
  logger: Logger;
  pseudonymiser: { pseudonymise(identifier: string, system?: string): string };
  /** Watched-folder starter (default: the ingest pipeline's drop-folder watcher). */
  folderStarter?: FolderStarter;
  healthIntervalMs?: number;
  sink?: ListenerDeps['sink'];
}

interface Runtime {
  kind: SourceKind;
  health: HealthTracker;
  listener?: ListenerHandle;
  folder?: { stop(): Promise<void> };
  running?: Promise<PullResult>;
  controller?: AbortController;
}

const managers = new WeakMap<JobRegistry, SourceManager>();

/** The manager currently running for the vault behind `jobs` (handlers reach it through their context's registry). */
export function activeSourceManager(jobs: JobRegistry): SourceManager | undefined {
  return managers.get(jobs);
}

const isListener = (k: SourceKind) => (LISTENER_KINDS as readonly string[]).includes(k);
const isConnector = (k: SourceKind) => (CONNECTOR_KINDS as readonly string[]).includes(k);

export class SourceManager implements PullRunner {
  private readonly runtimes = new Map<number, Runtime>();
  private readonly queues = new Map<number, Promise<unknown>>();
  private readonly timer: NodeJS.Timeout;
  private readonly logger: Logger;
  private stopped = false;

  constructor(private readonly opts: SourceManagerOptions) {
    this.logger = opts.logger.child('sources');
    registerSourcePullJob(opts.jobs);
    setActiveRunner(opts.jobs, this);
    managers.set(opts.jobs, this);
    this.timer = setInterval(() => void this.tick(), opts.healthIntervalMs ?? 5000);
    this.timer.unref();
  }

  /** Starts every enabled source; a source that cannot start is marked in error, the others still start. */
  async startAll(): Promise<void> {
    for (const s of await listSources(this.opts.db)) if (s.enabled) await this.start(s.id);
  }

  start(id: number): Promise<void> {
    return this.serial(id, () => this.doStart(id));
  }

  stop(id: number): Promise<void> {
    return this.serial(id, () => this.doStop(id));
  }

  /** Stops and restarts (if enabled) after a config, secret or enable change. */
  reload(id: number): Promise<void> {
    return this.serial(id, async () => {
      await this.doStop(id);
      await this.doStart(id);
    });
  }

  /** Stops everything (vault about to lock); the manager cannot be used afterwards. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.runtimes.keys()].map((id) => this.stop(id)));
    if (managers.get(this.opts.jobs) === this) {
      managers.delete(this.opts.jobs);
      setActiveRunner(this.opts.jobs, null);
    }
  }

  /** Live health of a running source (undefined when it is not running). */
  health(id: number): SourceHealth | undefined {
    return this.runtimes.get(id)?.health.snapshot();
  }

  /** Where a running listener listens. */
  listening(id: number): { address: string; port: number } | undefined {
    const l = this.runtimes.get(id)?.listener;
    return l ? { address: l.address, port: l.port } : undefined;
  }

  /** Runs one connector now (unless it is already running); updates its health. */
  async runConnector(id: number, extra: Pick<PullDeps, 'signal' | 'afterPage'> = {}): Promise<PullResult> {
    const rt = this.runtimes.get(id);
    if (!rt || !isConnector(rt.kind)) throw new VigieError('NOT_FOUND', `Connecteur inactif ou inconnu : ${id}`);
    if (rt.running) throw new VigieError('CONFLICT', 'Collecte déjà en cours pour cette source.');
    const controller = new AbortController();
    rt.controller = controller;
    const signal = extra.signal ? AbortSignal.any([extra.signal, controller.signal]) : controller.signal;
    rt.running = this.pull(id, rt, { signal, afterPage: extra.afterPage });
    try {
      return await rt.running;
    } finally {
      rt.running = undefined;
      rt.controller = undefined;
    }
  }

  /** The `source-pull` job: runs every connector whose schedule has a slot since its last run. */
  async runDue(now: Date, signal: AbortSignal): Promise<string> {
    if (this.stopped) return 'sources arrêtées';
    const due = (await listSources(this.opts.db)).filter((s) => {
      const rt = this.runtimes.get(s.id);
      return rt && isConnector(s.kind) && !rt.running && isDue((s.config as FhirConfig | RestConfig).schedule, s.state.lastRunAt, now);
    });
    if (due.length === 0) return 'aucun connecteur à exécuter';
    const results = await Promise.allSettled(due.map((s) => this.runConnector(s.id, { signal })));
    const lines = results.map((r, i) =>
      r.status === 'fulfilled' ? `${due[i].name} — ${summary(due[i].kind, r.value)}` : `${due[i].name} — échec : ${(r.reason as Error).message}`,
    );
    return lines.join(' ; ');
  }

  // ---------------------------------------------------------------- internals

  private serial<T>(id: number, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }

  private async doStart(id: number): Promise<void> {
    if (this.stopped || this.runtimes.has(id)) return;
    const source = await findSource(this.opts.db, id);
    if (!source || !source.enabled) return;
    const health = new HealthTracker(id, source, 'starting');
    const rt: Runtime = { kind: source.kind, health };
    this.runtimes.set(id, rt);
    try {
      if (source.configError) throw new Error(`configuration invalide : ${source.configError}`);
      if (isListener(source.kind)) {
        rt.listener = await this.bind(source, health);
        health.ok();
        this.logger.info('listener started', { sourceId: id, kind: source.kind, address: rt.listener.address, port: rt.listener.port });
      } else if (source.kind === 'folder') {
        const startFolder = this.opts.folderStarter ?? startFolderSource;
        rt.folder = await startFolder(source, { db: this.opts.db, bus: this.opts.bus, logger: this.logger, health });
        health.ok();
      } else {
        health.setStatus(source.lastError ? 'error' : 'ok');
      }
    } catch (e) {
      health.error(e instanceof Error ? e.message : String(e));
      this.logger.warn('source could not start', { sourceId: id, kind: source.kind, reason: health.snapshot().lastError });
    }
    await health.persist(this.opts.db, this.opts.bus, true).catch((e) => this.logger.error('health not saved', { sourceId: id, error: e }));
  }

  private async bind(source: SourceRecord, health: HealthTracker): Promise<ListenerHandle> {
    const secret = source.kind === 'syslog-tls' ? await getSecret(this.opts.db, String(source.config.secretRef ?? '')) : null;
    const config = source.config as { bindAddress: string; port: number };
    try {
      return await startListener(source, health, {
        db: this.opts.db,
        logger: this.logger,
        pseudonymise: (i, s) => this.opts.pseudonymiser.pseudonymise(i, s),
        secret,
        sink: this.opts.sink,
      });
    } catch (e) {
      if (e instanceof VigieError) throw e;
      const proto = source.kind === 'syslog-udp' ? 'UDP' : source.kind === 'syslog-tls' ? 'TLS' : 'TCP';
      throw new Error(bindErrorMessage(e, proto, config.bindAddress, config.port));
    }
  }

  private async doStop(id: number): Promise<void> {
    const rt = this.runtimes.get(id);
    if (!rt) return;
    this.runtimes.delete(id);
    rt.controller?.abort();
    await rt.running?.catch(() => undefined);
    try {
      await rt.listener?.stop();
      await rt.folder?.stop();
    } catch (e) {
      this.logger.error('source did not stop cleanly', { sourceId: id, error: e });
    }
    rt.health.setStatus('paused');
    await rt.health.persist(this.opts.db, this.opts.bus, true).catch((e) => this.logger.error('health not saved', { sourceId: id, error: e }));
    if (rt.listener) this.logger.info('listener stopped', { sourceId: id });
  }

  private async pull(id: number, rt: Runtime, extra: Pick<PullDeps, 'signal' | 'afterPage'>): Promise<PullResult> {
    const { db } = this.opts;
    const startedAt = Date.now();
    const source = await getSource(db, id);
    const config = source.config as FhirConfig | RestConfig;
    const secret = config.secretRef ? await getSecret(db, config.secretRef) : null;
    const deps: PullDeps = {
      db,
      source,
      secret,
      health: rt.health,
      ...extra,
      makeContext: (receivedAt) =>
        createParseContext({
          pseudonymise: (i, s) => this.opts.pseudonymiser.pseudonymise(i, s),
          timezone: config.timezone,
          receivedAt,
          service: config.service,
          dataset: config.dataset,
        }),
    };
    try {
      const result = source.kind === 'fhir' ? await pullFhir(deps) : await pullRest(deps);
      rt.health.ok();
      this.logger.info('connector run', { sourceId: id, pages: result.pages, stored: result.stored, quarantined: result.quarantined });
      return result;
    } catch (e) {
      rt.health.error(e instanceof Error ? e.message : String(e));
      this.logger.warn('connector run failed', { sourceId: id, reason: rt.health.snapshot().lastError });
      throw e instanceof VigieError ? e : new VigieError('UNAVAILABLE', rt.health.snapshot().lastError ?? 'échec de la collecte');
    } finally {
      try {
        const fresh = await findSource(db, id);
        if (fresh) await writeState(db, id, { ...fresh.state, lastRunAt: startedAt });
        await rt.health.persist(db, this.opts.bus, true);
      } catch (e) {
        this.logger.error('connector state not saved', { sourceId: id, error: e });
      }
    }
  }

  private async tick(): Promise<void> {
    for (const [id, rt] of this.runtimes) {
      try {
        await rt.listener?.tick();
        await rt.health.persist(this.opts.db, this.opts.bus);
      } catch (e) {
        this.logger.warn('health tick failed', { sourceId: id, error: e });
      }
    }
  }
}
