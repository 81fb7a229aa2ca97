/**
 * Where a listener puts what it receives: a bounded queue written in batches
 * (up to `maxBatch` records, or every `maxDelayMs`) through `ingestBatch`.
 *
 * Accounting (records): every frame/datagram is `received` once, then ends
 * `stored`, `duplicates`, `quarantined` or `dropped` (queue full for UDP, or
 * the vault write failed). Backpressure: `offer` refuses when the queue is
 * full (UDP drops and counts); `push` always accepts and the stream listener
 * pauses its socket while `full`, resuming on `drain`.
 *
 * Fingerprints: `s<source>:<run>:<sequence>:<sha256(raw)>` where `run` is
 * unique per listener start: the same line received twice is two events
 * (syslog has no message id; a sender that repeats a line meant it twice).
 */
import { randomBytes } from 'node:crypto';
import type { FormatChoice, ParseContext, QuarantineCode } from '../../ingest/types';
import type { Logger } from '../../logging/logger';
import type { Db } from '../../store/db';
import type { HealthTracker } from '../health';
import { ingestBatch, type RawRecord } from '../ingest-batch';

export interface SinkOptions {
  db: Db;
  sourceId: number;
  /** Listener name: quarantine `origin`. */
  origin: string;
  format: FormatChoice;
  /** A parse context for a batch received now. */
  makeContext: (receivedAt: Date) => ParseContext;
  health: HealthTracker;
  logger: Logger;
  maxBatch?: number;
  maxDelayMs?: number;
  /** Records queued at most (beyond: `offer` refuses, `full` is true). */
  maxQueue?: number;
}

export class ListenerSink {
  private queue: RawRecord[] = [];
  private seq = 0;
  private readonly run = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private drainWaiters: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly maxQueue: number;
  private closed = false;

  constructor(private readonly opts: SinkOptions) {
    this.maxBatch = opts.maxBatch ?? 2000;
    this.maxDelayMs = opts.maxDelayMs ?? 200;
    this.maxQueue = opts.maxQueue ?? 20_000;
  }

  get queued(): number {
    return this.queue.length;
  }

  get full(): boolean {
    return this.queue.length >= this.maxQueue;
  }

  /** Enqueues unless the queue is full; a refused record is counted received + dropped. */
  offer(raw: Buffer, note?: string, reject?: { code: QuarantineCode; reason: string }): boolean {
    if (this.closed || this.full) {
      this.seq++;
      this.opts.health.add({ received: 1, dropped: 1 });
      return false;
    }
    this.push(raw, note, reject);
    return true;
  }

  /** Enqueues always (stream listeners pause their socket while `full`). */
  push(raw: Buffer, note?: string, reject?: { code: QuarantineCode; reason: string }): void {
    const n = ++this.seq;
    this.opts.health.add({ received: 1 });
    if (this.closed) {
      this.opts.health.add({ dropped: 1 });
      return;
    }
    this.queue.push({ raw, key: `${this.run}:${n.toString(16).padStart(12, '0')}`, position: note ? `frame ${n} (${note})` : `frame ${n}`, reject });
    if (this.queue.length >= this.maxBatch) this.kick();
    else if (!this.timer && !this.flushing) {
      this.timer = setTimeout(() => this.kick(), this.maxDelayMs);
    }
  }

  /** Resolves when the queue is below the bound again (immediately if it is). */
  onDrain(fn: () => void): void {
    if (!this.full) fn();
    else this.drainWaiters.push(fn);
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    this.kick();
    while (this.flushing) await this.flushing;
  }

  /** Stops accepting, writes what is queued. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.releaseDrain();
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = this.drainQueue().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      if (!this.full) this.releaseDrain();
      await this.write(batch);
    }
  }

  private async write(batch: RawRecord[]): Promise<void> {
    const { opts } = this;
    try {
      const out = await ingestBatch(opts.db, batch, {
        sourceId: opts.sourceId,
        origin: opts.origin,
        format: opts.format,
        ctx: opts.makeContext(new Date()),
      });
      opts.health.add({ stored: out.stored, duplicates: out.duplicates, quarantined: out.quarantined });
      opts.health.ok();
    } catch (e) {
      opts.health.add({ dropped: batch.length });
      const message = e instanceof Error ? e.message : String(e);
      opts.health.error(`écriture impossible, ${batch.length} messages perdus : ${message}`);
      opts.logger.error('listener batch write failed', { sourceId: opts.sourceId, records: batch.length, error: e });
    }
  }

  private releaseDrain(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const fn of waiters) fn();
  }
}
