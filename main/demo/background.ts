/** Ordinary day-to-day traffic of the hub: the noise the scenarios hide in. */
import type { NormalizedEvent } from '../events/types';
import { SERVICE_WEIGHTS, SRI_CLIENTS, STRUCTURES } from './catalog';
import { userIp, type DemoCtx } from './common';
import { portalAccess, rorEvent, teleconsultation } from './fhir-sources';
import { pickPatient, pickUser, type DemoUser } from './people';
import { mssMail, pacsRetrieve, pacsStore, sriLogin, sriLogout, sriMfa, type SriMethod } from './syslog-sources';
import { Rng } from './rng';
import { DAY, HOUR, HOUR_WEIGHTS, MINUTE, parisClock, WEEKEND_FACTOR } from './time';

/** Mean events per hour at full weekday activity (≈ 300 events a weekday). */
const PEAK_PER_HOUR = 23;

function sri(ctx: DemoCtx, ts: number): NormalizedEvent[] {
  const { rng } = ctx;
  const user = pickUser(rng, ctx.users, ['médecin', 'infirmier', 'secrétaire médicale', 'administrateur']);
  const ip = userIp(rng, user);
  const r = rng.next();
  if (r < 0.12) return [sriLogout(ctx, ts, { user, ip })];
  const method: SriMethod =
    user.role === 'administrateur' ? 'password' : user.role === 'secrétaire médicale' || rng.chance(0.35) ? 'psc-ecps' : 'psc-cps';
  const client = user.role === 'administrateur' ? rng.pick(['security-admin-console', 'ror-ihm']) : rng.pick(SRI_CLIENTS);
  if (r < 0.17) {
    const error = method === 'password' ? 'invalid_user_credentials' : rng.pick(['access_denied', 'expired_code'] as const);
    return [sriLogin(ctx, ts, { user, ip, outcome: 'failure', method, client, error })];
  }
  const login = sriLogin(ctx, ts, { user, ip, outcome: 'success', method, client });
  if (method === 'psc-cps') return [login];
  // e-CPS and admin logins carry a second factor, validated a few seconds before the session opens.
  const mfaOk = rng.chance(0.96);
  const mfa = sriMfa(ctx, ts - rng.int(5, 40) * 1000, { user, ip, outcome: mfaOk ? 'success' : 'failure' });
  return mfaOk ? [mfa, login] : [mfa];
}

function telemedecine(ctx: DemoCtx, ts: number): NormalizedEvent[] {
  const { rng } = ctx;
  const user = pickUser(rng, ctx.users, ['médecin']);
  const patient = pickPatient(rng, ctx.patients, user.structure);
  const ip = userIp(rng, user);
  const encounter = `Encounter/tlc-${rng.hex(8)}`;
  const minutes = rng.int(8, 35);
  return [
    teleconsultation(ctx, ts, { user, patient, ip, encounter, phase: 'start' }),
    teleconsultation(ctx, ts + minutes * MINUTE + rng.int(0, 59) * 1000, { user, patient, ip, encounter, phase: 'end', minutes }),
  ];
}

function portal(ctx: DemoCtx, ts: number): NormalizedEvent[] {
  const { rng } = ctx;
  const user: DemoUser = pickUser(rng, ctx.users, ['médecin', 'infirmier', 'secrétaire médicale']);
  const patient = pickPatient(rng, ctx.patients, user.structure);
  const ip = userIp(rng, user);
  const r = rng.next();
  const kind = r < 0.74 ? 'read' : r < 0.985 ? 'update' : 'export';
  const breakGlass = kind === 'read' && user.role !== 'secrétaire médicale' && rng.chance(0.008);
  const denied = !breakGlass && kind === 'read' && rng.chance(0.015);
  return [portalAccess(ctx, ts, { user, patient, ip, kind, purpose: breakGlass ? 'ETREAT' : 'TREAT', denied })];
}

function one(ctx: DemoCtx, ts: number): NormalizedEvent[] {
  const { rng } = ctx;
  switch (rng.weighted(SERVICE_WEIGHTS)) {
    case 'SRI':
      return sri(ctx, ts);
    case 'Portail-Coordination':
      return portal(ctx, ts);
    case 'MSSante': {
      const user = pickUser(rng, ctx.users, ['médecin', 'secrétaire médicale', 'infirmier']);
      const direction = rng.chance(0.55) ? 'receive' : 'send';
      return [mssMail(ctx, ts, { user, direction, bounced: direction === 'send' && rng.chance(0.03) })];
    }
    case 'ROR': {
      const user = pickUser(rng, ctx.users, ['médecin', 'infirmier', 'secrétaire médicale', 'administrateur']);
      const kind = user.role === 'administrateur' && rng.chance(0.5) ? 'update' : rng.chance(0.6) ? 'search' : 'read';
      return [rorEvent(ctx, ts, { user, ip: userIp(rng, user), kind })];
    }
    case 'PACS': {
      if (rng.chance(0.45)) {
        const structure = rng.pick(STRUCTURES);
        return [pacsStore(ctx, ts, { structure, patient: pickPatient(rng, ctx.patients, structure) })];
      }
      const user = pickUser(rng, ctx.users, ['médecin']);
      return [pacsRetrieve(ctx, ts, { user, patient: pickPatient(rng, ctx.patients, user.structure), ip: userIp(rng, user) })];
    }
    case 'Telemedecine':
      return telemedecine(ctx, ts);
  }
}

/**
 * Background events for every hour of the UTC days covering [start, end): a
 * Poisson number per hour following office hours in Paris time, quieter at
 * weekends. Each day has its own random stream derived from the seed and the
 * day, so a day's traffic is the same whatever window it is generated in.
 */
export function backgroundEvents(cast: Omit<DemoCtx, 'rng'>, seed: number, start: number, end: number): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
    const ctx: DemoCtx = { ...cast, rng: Rng.derive(seed, `day:${day}`) };
    for (let h = day; h < day + DAY; h += HOUR) {
      const { hour, weekday } = parisClock(h);
      const weekend = weekday === 0 || weekday === 6;
      const n = ctx.rng.poisson(PEAK_PER_HOUR * HOUR_WEIGHTS[hour] * (weekend ? WEEKEND_FACTOR : 1));
      for (let i = 0; i < n; i++) out.push(...one(ctx, h + ctx.rng.int(0, HOUR - 1)));
    }
  }
  return out;
}
