/**
 * Health of one running source: counters (totals since the source was
 * created), status, last success and last error. Deltas accumulate in memory
 * and are persisted to the `sources` row periodically (`persist`), each time
 * followed by a `source.health` event on the bus.
 */
import type { SourceHealth } from '../api/contract';
import type { EventBus } from '../engine/bus';
import { redactString } from '../logging/redact';
import type { Db } from '../store/db';
import { addCounters, COUNTER_NAMES, ZERO_COUNTERS, type Counters, type SourceRecord } from './repository';

export type SourceStatus = SourceHealth['status'];

export class HealthTracker {
  private totals: Counters;
  private pending: Counters = { ...ZERO_COUNTERS };
  private lastOkAt: number | null;
  private lastError: string | null;
  private statusDirty = false;
  private okDirty = false;

  constructor(
    readonly sourceId: number,
    from: Pick<SourceRecord, 'counters' | 'lastOkAt' | 'lastError'>,
    private status: SourceStatus = 'starting',
  ) {
    this.totals = { ...from.counters };
    this.lastOkAt = from.lastOkAt;
    this.lastError = from.lastError;
  }

  add(delta: Partial<Counters>): void {
    for (const c of COUNTER_NAMES) {
      const v = delta[c] ?? 0;
      if (v !== 0) {
        this.totals[c] += v;
        this.pending[c] += v;
      }
    }
  }

  /** Records a success (data flowed or a run completed); clears the error. */
  ok(at = Date.now()): void {
    this.lastOkAt = at;
    this.okDirty = true;
    if (this.lastError !== null || this.status !== 'ok') this.statusDirty = true;
    this.lastError = null;
    this.status = 'ok';
  }

  /** Records an error (message redacted, short). */
  error(message: string): void {
    this.lastError = redactString(message).slice(0, 1000);
    this.status = 'error';
    this.statusDirty = true;
  }

  setStatus(status: SourceStatus): void {
    if (status !== this.status) this.statusDirty = true;
    this.status = status;
  }

  get dirty(): boolean {
    return this.statusDirty || this.okDirty || COUNTER_NAMES.some((c) => this.pending[c] !== 0);
  }

  counters(): Counters {
    return { ...this.totals };
  }

  snapshot(): SourceHealth {
    return {
      sourceId: this.sourceId,
      status: this.status,
      ...this.totals,
      lastOkAt: this.lastOkAt === null ? null : new Date(this.lastOkAt).toISOString(),
      lastError: this.lastError,
    };
  }

  /** Writes pending deltas and status to the row, then emits `source.health`. No-op when nothing changed. */
  async persist(db: Db, bus?: EventBus, force = false): Promise<void> {
    if (!this.dirty && !force) return;
    const delta = this.pending;
    this.pending = { ...ZERO_COUNTERS };
    const status: { lastOkAt?: number; lastError?: string | null } = { lastError: this.lastError };
    if (this.lastOkAt !== null) status.lastOkAt = this.lastOkAt;
    this.statusDirty = false;
    this.okDirty = false;
    try {
      await addCounters(db, this.sourceId, delta, status);
    } catch (e) {
      // Keep the deltas for the next attempt.
      for (const c of COUNTER_NAMES) this.pending[c] += delta[c];
      this.statusDirty = true;
      throw e;
    }
    bus?.emit('source.health', this.snapshot());
  }

  /** For connectors: counters already written in the page's transaction, only the totals move. */
  addPersisted(delta: Partial<Counters>): void {
    for (const c of COUNTER_NAMES) this.totals[c] += delta[c] ?? 0;
  }
}

/** Health of a source that is not running (paused, or never started), from its row. */
export function healthFromRecord(r: SourceRecord, status: SourceStatus): SourceHealth {
  return {
    sourceId: r.id,
    status,
    ...r.counters,
    lastOkAt: r.lastOkAt === null ? null : new Date(r.lastOkAt).toISOString(),
    lastError: r.lastError,
  };
}
