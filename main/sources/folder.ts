/**
 * A `folder` source: the ingest pipeline's watched drop folder
 * (`startDropFolder`), with its imports counted in the source's health
 * (records in → received; stored, quarantined, duplicates as the import says).
 */
import type { EventBus } from '../engine/bus';
import { startDropFolder } from '../ingest/pipeline/drop-folder';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/db';
import type { FolderConfig } from './config';
import type { HealthTracker } from './health';
import type { SourceRecord } from './repository';

/** Starts a watched drop folder for a source; resolves to its stop function. */
export type FolderStarter = (
  source: SourceRecord,
  ctx: { db: Db; bus: EventBus; logger: Logger; health: HealthTracker },
) => Promise<{ stop(): Promise<void> }>;

export const startFolderSource: FolderStarter = async (source, { db, bus, health }) => {
  const config = source.config as FolderConfig;
  const watcher = startDropFolder({
    db,
    bus,
    folder: config.path,
    intervalMs: config.pollSeconds * 1000,
    moveProcessed: config.moveProcessed,
    processedFolder: config.processedPath,
    sourceId: source.id,
    format: config.format,
    timezone: config.timezone,
    csvMapping: config.csvMapping,
    service: config.service,
    dataset: config.dataset,
    onImported: (row) => {
      health.add({ received: row.recordsIn, stored: row.stored, quarantined: row.quarantined, duplicates: row.duplicates });
      if (row.status === 'done') health.ok();
      else health.error(`${row.origin} : import ${row.status}${row.message ? ` (${row.message})` : ''}`);
    },
    onError: (message) => health.error(message),
  });
  return { stop: () => watcher.stop() };
};
