/**
 * What FHIR and REST connectors share: the run's dependencies and result,
 * and `commitPage`, which stores one fetched page AND moves the cursor (and
 * the source's counters) in the same transaction, so a crash between pages
 * neither refetches a stored page nor skips an unstored one.
 */
import type { FormatChoice, ParseContext } from '../../ingest/types';
import type { Db } from '../../store/db';
import type { HealthTracker } from '../health';
import { ingestBatch, type BatchOutcome, type RawRecord } from '../ingest-batch';
import { addCounters, writeState, type SourceRecord } from '../repository';
import type { Cursor, CursorItem } from './cursor';

export interface PullDeps {
  db: Db;
  /** The source as stored now (its state holds the cursor). */
  source: SourceRecord;
  /** Its credential (bearer token, basic password), read from the vault just before the run. */
  secret: string | null;
  makeContext: (receivedAt: Date) => ParseContext;
  health?: HealthTracker;
  signal?: AbortSignal;
  /** Called after each committed page (tests simulate a crash by throwing). */
  afterPage?: (page: number) => void | Promise<void>;
}

export interface PullResult {
  pages: number;
  /** Items returned by the server. */
  fetched: number;
  /** Items already stored at the cursor's timestamp, recognised and not counted again. */
  skipped: number;
  received: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  cursor: string | null;
  /** False when the run stopped at maxPagesPerRun with more to fetch. */
  complete: boolean;
}

export function emptyResult(cursor: string | null): PullResult {
  return { pages: 0, fetched: 0, skipped: 0, received: 0, stored: 0, duplicates: 0, quarantined: 0, cursor, complete: true };
}

export interface PageItem {
  record: RawRecord;
  cursor: CursorItem;
}

/** Stores one page and its cursor atomically; updates `result` and the cursor. */
export async function commitPage(
  deps: PullDeps,
  cursor: Cursor,
  items: readonly PageItem[],
  format: FormatChoice,
  result: PullResult,
): Promise<BatchOutcome> {
  const fresh = items.filter((i) => !cursor.alreadyStored(i.cursor));
  const next = cursor.next(items.map((i) => i.cursor));
  const now = Date.now();
  const outcome = await ingestBatch(
    deps.db,
    fresh.map((i) => i.record),
    {
      sourceId: deps.source.id,
      origin: deps.source.name,
      format,
      ctx: deps.makeContext(new Date(now)),
      keyIdentifies: true,
      inTransaction: async (tx, o) => {
        const state = { ...deps.source.state, ...next };
        await writeState(tx, deps.source.id, state);
        await addCounters(
          tx,
          deps.source.id,
          { received: o.received, stored: o.stored, duplicates: o.duplicates, quarantined: o.quarantined, dropped: 0 },
          { lastOkAt: now, lastError: null },
        );
        deps.source.state = state;
      },
    },
  );
  cursor.commit(next);
  deps.health?.addPersisted(outcome);
  deps.health?.ok(now);
  result.pages += 1;
  result.fetched += items.length;
  result.skipped += items.length - fresh.length;
  result.received += outcome.received;
  result.stored += outcome.stored;
  result.duplicates += outcome.duplicates;
  result.quarantined += outcome.quarantined;
  result.cursor = cursor.value;
  return outcome;
}

export function summary(kind: string, r: PullResult): string {
  const more = r.complete ? '' : ' (suite au prochain passage)';
  return (
    `${kind} : ${r.stored} nouveaux événements, ${r.quarantined} en quarantaine, ${r.duplicates} doublons, ` +
    `${r.skipped} déjà connus, ${r.pages} page(s)${more}`
  );
}
