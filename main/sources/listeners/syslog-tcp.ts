/**
 * Syslog over TCP (RFC 6587) and TLS (RFC 5425): one server, frames cut by
 * the shared framer (LF-terminated or octet-counted, detected per frame),
 * at most `maxConnections` clients, idle connections closed after
 * `idleTimeoutSeconds`. Over-long frames are quarantined (too-long) with
 * their first bytes. Backpressure: while the write queue is full the socket
 * is paused (TCP flow control slows the sender); nothing is dropped.
 * TLS uses the certificate chain and key stored as the source's secret.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { StreamListenerConfig } from '../config';
import type { TlsMaterial } from '../secrets';
import { SyslogFramer, type FrameInfo } from '../../ingest/parsers/framing';
import type { ListenerSink } from './sink';

/** A TLS handshake must finish within this delay. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface StreamListener {
  readonly port: number;
  readonly address: string;
  connections(): number;
  /** Stops accepting, closes every connection (pending partial frames are kept) and resolves when done. */
  close(): Promise<void>;
}

export interface StreamListenerEvents {
  onError: (e: Error) => void;
  onConnectionRefused?: (peer: string) => void;
}

function listen(server: net.Server, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Probes that `address:port` can be bound for TCP, then releases it. */
export async function probeTcpBind(address: string, port: number): Promise<void> {
  const server = net.createServer();
  await listen(server, address, port);
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function startStreamListener(
  config: StreamListenerConfig,
  sink: ListenerSink,
  events: StreamListenerEvents,
  material?: TlsMaterial,
): Promise<StreamListener> {
  const sockets = new Set<net.Socket>();
  const handle = (socket: net.Socket) => {
    const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    sockets.add(socket);
    const framer = new SyslogFramer({ maxFrameBytes: config.maxFrameBytes });
    const deliver = (frames: FrameInfo[]) => {
      for (const { frame, offset, end } of frames) {
        if (Buffer.isBuffer(frame)) {
          sink.push(frame, peer);
        } else {
          const size = frame.declaredLength ?? end - offset;
          sink.push(frame.bytes, peer, {
            code: 'too-long',
            reason: `trame de ${size} octets (maximum ${config.maxFrameBytes}) ; premiers octets conservés`,
          });
        }
      }
      if (sink.full && !socket.isPaused()) {
        socket.pause();
        sink.onDrain(() => {
          if (!socket.destroyed) socket.resume();
        });
      }
    };
    if (config.idleTimeoutSeconds > 0) {
      socket.setTimeout(config.idleTimeoutSeconds * 1000, () => socket.destroy());
    }
    socket.on('data', (chunk: Buffer) => deliver(framer.pushDetailed(chunk)));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      deliver(framer.endDetailed());
    });
  };

  const server: net.Server = material
    ? tls.createServer(
        { cert: material.cert, key: material.key, minVersion: 'TLSv1.2', handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
        handle,
      )
    : net.createServer(handle);
  server.maxConnections = config.maxConnections;
  server.on('drop', (d?: { remoteAddress?: string; remotePort?: number }) =>
    events.onConnectionRefused?.(`${d?.remoteAddress ?? '?'}:${d?.remotePort ?? '?'}`),
  );
  if (material) server.on('tlsClientError', () => undefined); // a bad handshake only concerns that client
  await listen(server, config.bindAddress, config.port);
  server.on('error', events.onError);
  const bound = server.address() as net.AddressInfo;

  return {
    port: bound.port,
    address: bound.address,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
