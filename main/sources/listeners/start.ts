/**
 * Starts one syslog listener (UDP, TCP or TLS) for a source record: its sink
 * (batching, accounting) and its socket server. Returns a handle the manager
 * keeps until it stops the source.
 */
import { createParseContext } from '../../ingest/registry';
import type { Logger } from '../../logging/logger';
import type { Db } from '../../store/db';
import type { StreamListenerConfig, SyslogUdpConfig } from '../config';
import type { HealthTracker } from '../health';
import type { SourceRecord } from '../repository';
import { parseTlsBundle } from '../secrets';
import { ListenerSink } from './sink';
import { startStreamListener } from './syslog-tcp';
import { startUdpListener } from './syslog-udp';

export interface ListenerDeps {
  db: Db;
  logger: Logger;
  pseudonymise: (identifier: string, system?: string) => string;
  /** The source's secret (TLS: PEM bundle). */
  secret: string | null;
  /** Sink tuning (tests, bench). */
  sink?: { maxBatch?: number; maxDelayMs?: number; maxQueue?: number };
}

export interface ListenerHandle {
  address: string;
  port: number;
  /** Periodic work (kernel drop sampling). */
  tick(): Promise<void>;
  /** Stops receiving, writes what was received, resolves when done. */
  stop(): Promise<void>;
}

export async function startListener(source: SourceRecord, health: HealthTracker, deps: ListenerDeps): Promise<ListenerHandle> {
  const config = source.config as SyslogUdpConfig | StreamListenerConfig;
  const maxRecordBytes = 'maxFrameBytes' in config ? config.maxFrameBytes : config.maxMessageBytes;
  const sink = new ListenerSink({
    db: deps.db,
    sourceId: source.id,
    origin: source.name,
    format: config.format,
    makeContext: (receivedAt) =>
      createParseContext({
        pseudonymise: deps.pseudonymise,
        timezone: config.timezone,
        receivedAt,
        service: config.service,
        dataset: config.dataset,
        limits: { maxRecordBytes, maxDepth: 64 },
      }),
    health,
    logger: deps.logger,
    ...deps.sink,
  });
  const onError = (e: Error) => {
    health.error(`erreur du port d’écoute : ${e.message}`);
    deps.logger.error('listener error', { sourceId: source.id, error: e });
  };

  if (source.kind === 'syslog-udp') {
    const udp = await startUdpListener(config as SyslogUdpConfig, sink, health, onError);
    return {
      address: udp.address,
      port: udp.port,
      tick: () => udp.sampleKernelDrops(),
      async stop() {
        await udp.sampleKernelDrops();
        await udp.close();
        await sink.close();
      },
    };
  }

  const material = source.kind === 'syslog-tls' ? parseTlsBundle(deps.secret ?? '') : undefined;
  let refused = 0;
  const stream = await startStreamListener(
    config as StreamListenerConfig,
    sink,
    {
      onError,
      onConnectionRefused: (peer) => {
        refused++;
        // One line per 100 refusals: a flood must not flood the log.
        if (refused % 100 === 1) deps.logger.warn('connection refused: limit reached', { sourceId: source.id, peer, refused });
      },
    },
    material,
  );
  return {
    address: stream.address,
    port: stream.port,
    tick: async () => undefined,
    async stop() {
      await stream.close();
      await sink.close();
    },
  };
}
