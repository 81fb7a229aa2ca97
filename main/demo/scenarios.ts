/** The stories injected into the demo traffic, each returned with its events so alerts can point at them. */
import type { NormalizedEvent } from '../events/types';
import { STRUCTURES } from './catalog';
import type { DemoCtx } from './common';
import { portalAccess, rorEvent } from './fhir-sources';
import { pickPatient, type DemoUser } from './people';
import { pacsStore, sriLogin, sriMfa } from './syslog-sources';
import { MINUTE, parisTime } from './time';

export const ATTACKER_IP = '185.220.101.47';
export const SCENARIO_KEYS = ['bruteforce', 'afterBruteforce', 'pacsFailures', 'nightReading', 'bulkExport', 'breakGlass', 'unusualIp'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export interface Scenarios {
  events: Record<ScenarioKey, NormalizedEvent[]>;
  /** The users at the heart of each story (for alert titles and group keys). */
  actors: { admin: DemoUser; nightReader: DemoUser; exporter: DemoUser; emergency: DemoUser; traveller: DemoUser };
  /** When the PACS failures began: the incident is opened a little later. */
  pacsFailuresAt: number;
}

function staff(ctx: DemoCtx, structureIndex: number, role: DemoUser['role']): DemoUser {
  const s = STRUCTURES[structureIndex];
  const found = ctx.users.find((u) => u.structure === s && u.role === role);
  if (!found) throw new Error(`demo catalog has no ${role} at ${s.name}`);
  return found;
}

/**
 * Each story is anchored at a Paris wall-clock time some days before the day
 * of `now`. When that falls outside [start, now] (short window, or too early
 * in the day) the same wall-clock time on a more recent day is tried, then on
 * older days; failing all, the story is squeezed just before `now`.
 */
function placer(rng: DemoCtx['rng'], dayStart: number, start: number, now: number) {
  return (daysBack: number, hour: number, minute: number, duration: number): number => {
    const jitter = rng.int(0, 59_999);
    const candidates = [...Array.from({ length: daysBack + 1 }, (_, i) => daysBack - i), ...Array.from({ length: 7 }, (_, i) => daysBack + 1 + i)];
    for (const d of candidates) {
      const t = parisTime(dayStart, d, hour, minute) + jitter;
      if (t >= start && t + duration <= now) return t;
    }
    return now - duration - 5 * MINUTE;
  };
}

export function buildScenarios(ctx: DemoCtx, window: { dayStart: number; start: number; now: number }): Scenarios {
  const { rng } = ctx;
  const at = placer(rng, window.dayStart, window.start, window.now);
  const admin = staff(ctx, 0, 'administrateur');
  const nightReader = staff(ctx, 1, 'infirmier');
  const exporter = staff(ctx, 2, 'secrétaire médicale');
  const emergency = staff(ctx, 3, 'médecin');
  const traveller = staff(ctx, 4, 'médecin');

  // 1. Brute force on the SRI admin realm from one public address, then a success without second factor.
  const bruteforce: NormalizedEvent[] = [];
  let t = at(1, 2, 7, 20 * MINUTE);
  const guesses = ['admin', 'administrateur', 'root', 'sri-admin', 'test'];
  for (let i = 0; i < 42; i++) {
    t += rng.int(4000, 14999);
    const targeted = rng.chance(0.7);
    bruteforce.push(sriLogin(ctx, t, targeted
      ? { user: admin, ip: ATTACKER_IP, outcome: 'failure', method: 'password', client: 'security-admin-console', error: 'invalid_user_credentials' }
      : { user: null, login: rng.pick(guesses), ip: ATTACKER_IP, outcome: 'failure', method: 'password', client: 'security-admin-console', error: 'user_not_found' }));
  }
  t += rng.int(36_000, 40_000);
  const afterBruteforce = [
    sriLogin(ctx, t, { user: admin, ip: ATTACKER_IP, outcome: 'success', method: 'password', client: 'security-admin-console', note: 'second facteur non configuré' }),
    rorEvent(ctx, t + 3 * MINUTE, { user: admin, ip: ATTACKER_IP, kind: 'search' }),
    rorEvent(ctx, t + 4 * MINUTE, { user: admin, ip: ATTACKER_IP, kind: 'read' }),
    rorEvent(ctx, t + 6 * MINUTE, { user: admin, ip: ATTACKER_IP, kind: 'update' }),
  ];

  // 2. Four hours later the CH's PACS can no longer write studies: its storage is being encrypted.
  const pacsFailures: NormalizedEvent[] = [];
  const montelimar = STRUCTURES[0];
  const pacsFailuresAt = at(1, 6, 40, 35 * MINUTE);
  t = pacsFailuresAt;
  const errors = ['write failed: /var/local/dcm4chee/fs1 (Input/output error)', 'cannot create file: Permission denied', 'storage fs1 unavailable'];
  for (let i = 0; i < 24; i++) {
    t += rng.int(30_000, 110_000);
    pacsFailures.push(pacsStore(ctx, t, { structure: montelimar, patient: pickPatient(rng, ctx.patients, montelimar), error: rng.pick(errors) }));
  }

  // 3. A nurse reads 60 different patient records in 20 minutes, late at night.
  const nightReading: NormalizedEvent[] = [];
  t = at(3, 23, 36, 22 * MINUTE);
  const read = new Set<string>();
  while (nightReading.length < 60) {
    const patient = rng.pick(ctx.patients);
    if (read.has(patient.pseudonym)) continue;
    read.add(patient.pseudonym);
    t += rng.int(12_000, 28_000);
    nightReading.push(portalAccess(ctx, t, { user: nightReader, patient, ip: nightReader.officeIp, kind: 'read' }));
  }

  // 4. A bulk export at the end of the day: one whole patient list, then record after record.
  t = at(2, 19, 12, 12 * MINUTE);
  const bulkExport = [
    portalAccess(ctx, t, { user: exporter, patient: null, ip: exporter.officeIp, kind: 'export', cohort: { object: 'Group/file-active-cardiologie', records: 1843 } }),
  ];
  for (let i = 0; i < 11; i++) {
    t += rng.int(25_000, 60_000);
    bulkExport.push(portalAccess(ctx, t, { user: exporter, patient: pickPatient(rng, ctx.patients, exporter.structure), ip: exporter.officeIp, kind: 'export' }));
  }

  // 5. A legitimate break-glass at night in the emergency department.
  t = at(4, 3, 12, 10 * MINUTE);
  const urgentPatient = pickPatient(rng, ctx.patients, emergency.structure);
  const breakGlass = [
    portalAccess(ctx, t, { user: emergency, patient: urgentPatient, ip: emergency.officeIp, kind: 'read', purpose: 'ETREAT' }),
    portalAccess(ctx, t + 6 * MINUTE, { user: emergency, patient: urgentPatient, ip: emergency.officeIp, kind: 'update', purpose: 'ETREAT' }),
  ];

  // 6. A doctor on leave signs in from an unusual public address (a false positive).
  t = at(5, 21, 34, 15 * MINUTE);
  const travelIp = '2.7.143.88';
  const unusualIp = [
    sriMfa(ctx, t, { user: traveller, ip: travelIp, outcome: 'success' }),
    sriLogin(ctx, t + 12_000, { user: traveller, ip: travelIp, outcome: 'success', method: 'psc-ecps', client: 'portail-coordination' }),
  ];
  for (let i = 0; i < 3; i++) {
    unusualIp.push(portalAccess(ctx, t + (2 + 3 * i) * MINUTE, { user: traveller, patient: pickPatient(rng, ctx.patients, traveller.structure), ip: travelIp, kind: 'read' }));
  }

  return {
    events: { bruteforce, afterBruteforce, pacsFailures, nightReading, bulkExport, breakGlass, unusualIp },
    actors: { admin, nightReader, exporter, emergency, traveller },
    pacsFailuresAt,
  };
}
