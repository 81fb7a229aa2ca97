/**
 * Datagrams the kernel dropped before Vigie could read them (receive buffer
 * full), read from Linux `/proc/net/udp{,6}` (`drops` column of the socket
 * bound to the port). Lets the UDP listener count losses that would
 * otherwise be invisible. Returns null where unavailable (other systems).
 */
import { readFile } from 'node:fs/promises';

export async function kernelUdpDrops(port: number, ipv6: boolean): Promise<number | null> {
  if (process.platform !== 'linux') return null;
  let table: string;
  try {
    table = await readFile(ipv6 ? '/proc/net/udp6' : '/proc/net/udp', 'utf8');
  } catch {
    return null;
  }
  const suffix = ':' + port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13 || !cols[1].endsWith(suffix)) continue;
    const drops = Number(cols[cols.length - 1]);
    return Number.isFinite(drops) ? drops : null;
  }
  return null;
}
