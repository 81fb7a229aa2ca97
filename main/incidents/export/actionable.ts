/**
 * Whether an observable is an indicator others may act on (MISP `to_ids`,
 * STIX `indicator`): not for addresses that are not routable on the internet
 * (private, loopback, link-local… — they are the hospital's own machines), nor
 * for accounts (the victims' own accounts), nor for e-mail addresses outside
 * a phishing incident (usually targets, not senders).
 */
import ipaddr from 'ipaddr.js';
import type { SnapshotObservable } from './snapshot';

export function isPublicIp(value: string): boolean {
  try {
    const ip = ipaddr.process(value);
    return ip.range() === 'unicast';
  } catch {
    return false;
  }
}

export function ipVersion(value: string): 4 | 6 | null {
  try {
    return ipaddr.process(value).kind() === 'ipv4' ? 4 : 6;
  } catch {
    return null;
  }
}

export function isActionable(o: SnapshotObservable, incidentCategory: string): boolean {
  switch (o.type) {
    case 'ip':
      return isPublicIp(o.value);
    case 'domain':
    case 'url':
    case 'hash':
      return true;
    case 'email':
      return incidentCategory === 'phishing';
    case 'account':
      return false;
  }
}
