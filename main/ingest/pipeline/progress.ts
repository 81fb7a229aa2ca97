import type { ImportProgress } from '../../api/contract';
import type { ImportStatus } from '../../api/ops/ingest';
import type { Totals } from './imports';

/** Builds `import.progress` payloads, at most one every `minMs` while running (and always the last one). */
export class ProgressReporter {
  private readonly t0 = Date.now();
  private last = 0;
  private readonly startBytes: number;
  private readonly startItems: number;

  constructor(
    private readonly base: { importId: number; origin: string; bytesTotal: number | null },
    private readonly emit: ((p: ImportProgress) => void) | undefined,
    private readonly minMs: number,
    start: { bytes: number; totals: Totals },
  ) {
    this.startBytes = start.bytes;
    this.startItems = start.totals.recordsIn;
  }

  tick(bytesDone: number, totals: Totals): void {
    if (!this.emit) return;
    const now = Date.now();
    if (now - this.last < this.minMs) return;
    this.last = now;
    this.emit(this.payload('running', bytesDone, totals, null));
  }

  final(status: ImportStatus, bytesDone: number, totals: Totals, message: string | null): ImportProgress {
    const p = this.payload(status, bytesDone, totals, message);
    this.emit?.(p);
    return p;
  }

  private payload(status: ImportStatus, bytesDone: number, totals: Totals, message: string | null): ImportProgress {
    const seconds = Math.max(0.001, (Date.now() - this.t0) / 1000);
    const total = this.base.bytesTotal;
    const byteRate = (bytesDone - this.startBytes) / seconds;
    const eta =
      status === 'running' && total !== null && byteRate > 0 ? Math.max(0, Math.round((total - bytesDone) / byteRate)) : null;
    return {
      ...this.base,
      status,
      bytesDone: total !== null && status === 'done' ? Math.max(bytesDone, total) : bytesDone,
      recordsIn: totals.recordsIn,
      stored: totals.stored,
      quarantined: totals.quarantined,
      duplicates: totals.duplicates,
      blankLines: totals.blank,
      eventsPerSecond: Math.round((totals.recordsIn - this.startItems) / seconds),
      etaSeconds: eta,
      message,
    };
  }
}
