/**
 * Syslog over UDP (RFC 5426): one datagram = one message. Datagrams longer
 * than `maxMessageBytes` are quarantined (too-long, first bytes kept);
 * when the write queue is full, datagrams are dropped and counted; datagrams
 * the kernel itself dropped (receive buffer full) are read back from
 * /proc/net/udp on Linux and counted as received + dropped.
 */
import dgram from 'node:dgram';
import type { SyslogUdpConfig } from '../config';
import type { HealthTracker } from '../health';
import type { ListenerSink } from './sink';
import { kernelUdpDrops } from './udp-drops';

/** Receive buffer asked of the kernel (capped by net.core.rmem_max). */
const RECV_BUFFER = 4 * 1024 * 1024;

export interface UdpListener {
  readonly port: number;
  readonly address: string;
  /** Adds kernel drops since the last call to the counters (Linux). */
  sampleKernelDrops(): Promise<void>;
  close(): Promise<void>;
}

export function bindUdp(address: string, port: number): Promise<dgram.Socket> {
  const socket = dgram.createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', recvBufferSize: RECV_BUFFER });
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      socket.close();
      reject(e);
    };
    socket.once('error', onError);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

export async function startUdpListener(
  config: SyslogUdpConfig,
  sink: ListenerSink,
  health: HealthTracker,
  onError: (e: Error) => void,
): Promise<UdpListener> {
  const socket = await bindUdp(config.bindAddress, config.port);
  const bound = socket.address();
  const ipv6 = config.bindAddress.includes(':');
  let baseline = (await kernelUdpDrops(bound.port, ipv6)) ?? 0;

  socket.on('message', (msg, rinfo) => {
    const peer = `${rinfo.address}:${rinfo.port}`;
    if (msg.length > config.maxMessageBytes) {
      sink.offer(Buffer.from(msg.subarray(0, config.maxMessageBytes)), peer, {
        code: 'too-long',
        reason: `datagramme de ${msg.length} octets (maximum ${config.maxMessageBytes}) ; premiers octets conservés`,
      });
      return;
    }
    sink.offer(msg, peer);
  });
  socket.on('error', onError);

  return {
    port: bound.port,
    address: bound.address,
    async sampleKernelDrops() {
      const now = await kernelUdpDrops(bound.port, ipv6);
      if (now === null || now <= baseline) return;
      health.add({ received: now - baseline, dropped: now - baseline });
      baseline = now;
    },
    close: () =>
      new Promise<void>((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve();
        }
      }),
  };
}
