/**
 * The detection service of an open vault: compiles the enabled rules once
 * (again on every change), and runs them on every newly written event.
 *
 * Live detection never slows ingestion down: `writeEvents` only wakes the
 * service (main/events/after-write.ts); the service then reads the new rows
 * after its cursor (the last event id examined, kept in `detection_state`),
 * in batches, and turns hits into alerts. The store is the queue: memory stays
 * bounded by one batch, a burst only makes the service lag, and it catches up
 * (also after a restart — events written while the vault was open elsewhere,
 * by the CLI for instance, are examined at the next start). Streaming
 * correlation state lives in memory and is flushed (windows closed, alerts
 * written) when the service stops, i.e. at lock.
 */
import type { DetectionStatus } from '../../api/ops/detection';
import type { EventBus } from '../../engine/bus';
import { recordHits, type RecordResult } from '../../alerts/record';
import { onAfterWrite } from '../../events/after-write';
import type { Logger } from '../../logging/logger';
import type { Db } from '../../store/db';
import { Detector } from '../sigma/detector';
import type { Hit } from '../sigma/types';
import { listRuleUnits, type RuleUnit } from '../rules-store';
import { DEFAULT_LEARNING_MS, Deriver, loadDeriveLists } from './derive';
import { toAlertHit } from './hits';
import { globalWatchlist } from './lists';
import { RetroHunts } from './retro';
import { type CompiledSet, compileRuleSet } from './ruleset';
import { eventsAfter, latestEventId, type StoredEvent } from './scan';

const CURSOR_KEY = 'live.cursor';

export interface DetectionOptions {
  db: Db;
  bus: EventBus;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  timezone?: string;
  /** History a user needs before "new source address" applies. Default 7 days. */
  learningMs?: number;
  /** Events read per batch. Default 1,000. */
  batchSize?: number;
  /** Where live detection starts when the vault has no cursor yet: 'latest' (default) skips the existing events. */
  startAt?: 'latest' | 'beginning';
  /** Called once the service has stopped (the registry forgets it). */
  onStop?: () => void;
}

export class DetectionService {
  readonly db: Db;
  readonly bus: EventBus;
  readonly timezone: string;
  readonly learningMs: number;
  readonly retro: RetroHunts = new RetroHunts(this);
  private readonly logger?: DetectionOptions['logger'];
  private readonly batchSize: number;
  private readonly onStop?: () => void;
  private compiled!: CompiledSet;
  private units: RuleUnit[] = [];
  private detector!: Detector;
  private deriver!: Deriver;
  private cursor = 0;
  private processedCount = 0;
  private errorText: string | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private dirty = true;
  private loopDone: Promise<void> = Promise.resolve();
  private chain: Promise<unknown> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;

  private constructor(opts: DetectionOptions) {
    this.db = opts.db;
    this.bus = opts.bus;
    this.logger = opts.logger;
    this.timezone = opts.timezone ?? 'Europe/Paris';
    this.learningMs = opts.learningMs ?? DEFAULT_LEARNING_MS;
    this.batchSize = opts.batchSize ?? 1000;
    this.onStop = opts.onStop;
  }

  static async start(opts: DetectionOptions): Promise<DetectionService> {
    const s = new DetectionService(opts);
    await s.compile();
    const stored = await s.db.get<{ value: string }>('SELECT value FROM detection_state WHERE key = ?', [CURSOR_KEY]);
    s.cursor = stored ? Number(stored.value) : opts.startAt === 'beginning' ? 0 : await latestEventId(s.db);
    if (!stored) await s.saveCursor(s.db, s.cursor);
    s.unsubscribe = onAfterWrite((db) => {
      if (db === s.db) s.notify();
    });
    s.loopDone = s.loop();
    return s;
  }

  get set(): CompiledSet {
    return this.compiled;
  }

  get ruleUnits(): readonly RuleUnit[] {
    return this.units;
  }

  get processed(): number {
    return this.processedCount;
  }

  get lastError(): string | null {
    return this.errorText;
  }

  get position(): number {
    return this.cursor;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Runs `fn` alone (live batches, recompiles): the detector is never swapped in the middle of a batch. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Wakes live detection (called after every write). */
  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** Builds what live detection runs from the vault: rules, watch-list, derived-field lists. */
  private async compile(): Promise<void> {
    this.units = await listRuleUnits(this.db);
    const enabled = this.units.filter((u) => u.enabled);
    this.compiled = compileRuleSet(enabled, await globalWatchlist(this.db), this.timezone);
    this.detector = new Detector(this.compiled.load);
    const lists = await loadDeriveLists(this.db);
    if (this.deriver) this.deriver.setLists(lists);
    else this.deriver = new Deriver(lists, { timezone: this.timezone, learningMs: this.learningMs });
    for (const r of this.compiled.load.rejected) this.logger?.warn('detection rule rejected', { file: r.file, id: r.id, code: r.code });
  }

  /** Recompiles after a change of rules or lists; open correlation windows are closed first (their alerts written). */
  reload(): Promise<void> {
    return this.exclusive(async () => {
      await this.record(this.detector.flush());
      await this.compile();
    });
  }

  /** Turns hits into alerts and announces the new ones. */
  async record(hits: readonly Hit[], db: Db = this.db): Promise<RecordResult> {
    const alertHits = hits.map((h) => toAlertHit(h, this.compiled)).filter((h): h is NonNullable<typeof h> => h !== null);
    const result = await recordHits(db, alertHits);
    if (!db.inTransaction) this.announce(result);
    return result;
  }

  announce(result: RecordResult): void {
    for (const a of result.created) this.bus.emit('alert.new', a);
  }

  private async saveCursor(db: Db, id: number): Promise<void> {
    await db.run('INSERT INTO detection_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [CURSOR_KEY, String(id)]);
  }

  /** One batch after the cursor; false when there was nothing to do. */
  private async step(): Promise<boolean> {
    const { events, lastId } = await eventsAfter(this.db, this.cursor, this.batchSize);
    if (events.length === 0) return false;
    await this.deriver.prefetch(this.db, events.map((e) => e.event));
    const hits = this.evaluate(events);
    let result: RecordResult | undefined;
    await this.db.transaction(async (tx) => {
      await this.deriver.persist(tx);
      const alertHits = hits.map((h) => toAlertHit(h, this.compiled)).filter((h): h is NonNullable<typeof h> => h !== null);
      result = await recordHits(tx, alertHits);
      await this.saveCursor(tx, lastId);
    });
    this.cursor = lastId;
    this.processedCount += events.length;
    if (result) this.announce(result);
    return true;
  }

  private evaluate(events: StoredEvent[]): Hit[] {
    const hits: Hit[] = [];
    for (const e of events) {
      this.deriver.derive(e.event, e.ts);
      for (const h of this.detector.process(e.event, e.id)) hits.push(h);
    }
    return hits;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (!this.dirty) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        continue;
      }
      this.dirty = false;
      try {
        let more = true;
        while (more && !this.stopped && this.db.isOpen) {
          more = await this.exclusive(() => this.step());
          if (more) await new Promise<void>((r) => setImmediate(r)); // let writers in between batches
        }
        this.errorText = null;
      } catch (e) {
        this.errorText = e instanceof Error ? e.message : String(e);
        this.logger?.error('live detection failed', { error: e });
        await new Promise<void>((r) => setTimeout(r, 1000).unref());
        this.dirty = true;
      }
    }
  }

  /** Resolves once every event stored so far has been examined (tests, CLI). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.cursor >= (await latestEventId(this.db))) {
        await this.exclusive(async () => undefined);
        if (this.cursor >= (await latestEventId(this.db))) return;
      }
      if (this.stopped) return;
      this.notify();
      await new Promise<void>((r) => setTimeout(r, 10));
    }
  }

  async status(): Promise<DetectionStatus> {
    const latest = await latestEventId(this.db);
    return {
      running: !this.stopped,
      rules: this.compiled.load.rules.length,
      correlations: this.compiled.load.correlations.length,
      rejected: this.compiled.load.rejected.length,
      cursor: this.cursor,
      latestEventId: latest,
      lag: Math.max(0, latest - this.cursor),
      processed: this.processedCount,
      lastError: this.errorText,
      tasks: this.retro.list(),
    };
  }

  /** Stops live detection: retro-hunts are cancelled, the current batch ends, open correlation windows are flushed into alerts. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.retro.stopAll();
    this.unsubscribe();
    this.wake?.();
    await this.loopDone;
    try {
      await this.exclusive(async () => {
        if (this.db.isOpen) await this.record(this.detector.flush());
      });
    } finally {
      this.onStop?.();
    }
  }
}
