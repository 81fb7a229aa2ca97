import type { Severity } from '../../../main/api/contract';
import { SEVERITIES } from '../../../main/api/contract';
import type { NormalizedEvent } from '../../../main/events/types';

/** Small seeded PRNG so failures reproduce. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const T0 = Date.parse('2026-03-02T00:00:00Z');
const SERVICES = ['SRI', 'ROR', 'MSSante', 'PACS'];
const USERS = ['alice', 'bob', 'chloe', null];

/** A plausible event; `n` makes it unique (its original line differs). */
export function makeEvent(n: number, over: Partial<NormalizedEvent> = {}): NormalizedEvent {
  const ts = T0 + n * 7 * 60_000;
  return {
    '@timestamp': new Date(ts).toISOString(),
    'event.dataset': 'sri.auth',
    'service.name': 'SRI',
    'host.name': 'sri-idp-01',
    'process.name': 'keycloak',
    'event.severity': 'info',
    'event.category': 'authentication',
    'event.action': 'user-login',
    'event.outcome': 'success',
    'user.id': 'u-1',
    'user.name': 'alice',
    'user.roles': ['médecin'],
    'source.ip': '10.0.0.1',
    message: `login ${n}`,
    'event.original': `<86>1 ${new Date(ts).toISOString()} sri-idp-01 keycloak - LOGIN - event ${n}`,
    ...over,
  };
}

/** Random events over `hours` hours after T0, varied service/severity/outcome/user. */
export function randomEvents(rand: () => number, count: number, hours = 96): NormalizedEvent[] {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  return Array.from({ length: count }, () => {
    const ts = T0 + Math.floor(rand() * hours * 3_600_000);
    const id = Math.floor(rand() * 1e9);
    const service = pick(SERVICES);
    const severity: Severity = pick(SEVERITIES);
    const breakGlass = rand() < 0.05;
    return makeEvent(0, {
      '@timestamp': new Date(ts),
      'service.name': service,
      'event.dataset': `${service.toLowerCase()}.audit`,
      'event.severity': severity,
      'event.outcome': pick(['success', 'failure', 'unknown'] as const),
      'user.name': pick(USERS),
      'health.purpose_of_use': breakGlass ? 'ETREAT' : 'TREAT',
      message: `random ${id}`,
      'event.original': `raw ${id}`,
    });
  });
}
