import { writeEvents } from '../../events/writer';
import type { Db } from '../../store/db';
import type { ImportOptions, Totals } from './imports';
import { insertQuarantine, type QuarantineOrigin } from './quarantine';
import type { Batch } from './records';

/**
 * Writes batches, one transaction each: events (writeEvents, nested as a
 * savepoint), quarantine entries, and the import row's resume point and
 * totals — so after a crash the row says exactly what is in the vault.
 *
 * `submit` waits for the previous batch to be committed, then starts this
 * one and returns without waiting for it: SQLCipher works in the thread pool
 * while the caller parses the next batch. At most one batch is in flight.
 */
export class Committer {
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  totals: Totals;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly from: QuarantineOrigin,
    private readonly sourceId: number | null,
    private readonly options: ImportOptions,
    start: Totals,
  ) {
    this.totals = { ...start };
  }

  /** `offset`/`line`: the resume point once this batch is in. */
  async submit(batch: Batch, offset: number, line: number): Promise<void> {
    await this.drain();
    this.inFlight = this.commit(batch, offset, line).catch((e: unknown) => {
      this.failure = e;
    });
  }

  /** Waits for the batch in flight; rethrows its failure. */
  async drain(): Promise<void> {
    await this.inFlight;
    if (this.failure !== null) throw this.failure;
  }

  private async commit(batch: Batch, offset: number, line: number): Promise<void> {
    const t = this.totals;
    const blank = t.blank + batch.blank;
    const options = JSON.stringify({ ...this.options, line, blankLines: blank });
    const next = await this.db.transaction(async (tx) => {
      const fps = batch.fingerprints;
      const w =
        batch.events.length > 0
          ? await writeEvents(tx, batch.events, { sourceId: this.sourceId, fingerprint: (_e, i) => fps[i], validated: true })
          : { stored: 0, duplicates: 0 };
      const q = await insertQuarantine(tx, this.from, batch.quarantine);
      const n: Totals = {
        recordsIn: t.recordsIn + batch.items,
        stored: t.stored + w.stored,
        quarantined: t.quarantined + q,
        duplicates: t.duplicates + w.duplicates + (batch.quarantine.length - q),
        blank,
      };
      await tx.run(
        `UPDATE imports SET bytes_done = ?, records_in = ?, stored = ?, quarantined = ?, duplicates = ?, options = ?
         WHERE id = ?`,
        [offset, n.recordsIn, n.stored, n.quarantined, n.duplicates, options, this.importId],
      );
      return n;
    });
    this.totals = next;
  }
}
