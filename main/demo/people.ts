import type { Pseudonymiser } from '../privacy/pseudonym';
import {
  asciiLogin, FIRST_NAMES, HOME_PREFIXES, LAST_NAMES, ROLES, STRUCTURES, type DemoRole, type Structure,
} from './catalog';
import type { Rng } from './rng';

export interface DemoUser {
  /** idNat_PS: `8` + RPPS for health professionals, `3` + FINESS + `/` + local id for other staff. */
  id: string;
  login: string;
  fullName: string;
  role: DemoRole;
  structure: Structure;
  /** Workstation address in the hospital network. */
  officeIp: string;
  /** Broadband address when teleworking, for some staff only. */
  homeIp: string | null;
  /** Relative activity (some users are much busier than others). */
  weight: number;
}

export interface DemoPatient {
  /** The fake INS (NIR + key) — kept in memory only, NEVER written to the vault. */
  identifier: string;
  pseudonym: string;
  structure: Structure;
}

/** Identifier system under which the fake INS are pseudonymised. */
export const INS_SYSTEM = 'INS-NIR';

export function makeUsers(rng: Rng): DemoUser[] {
  const users: DemoUser[] = [];
  const logins = new Set<string>();
  let local = 40;
  for (const structure of STRUCTURES) {
    for (const role of ROLES) {
      for (let n = 0; n < structure.staff[role]; n++) {
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        let login = asciiLogin(first, last);
        for (let k = 2; logins.has(login); k++) login = `${asciiLogin(first, last)}${k}`;
        logins.add(login);
        const professional = role === 'médecin' || role === 'infirmier';
        const id = professional ? `810${rng.digits(9)}` : `3${structure.finess}/${role === 'administrateur' ? 'ADM' : 'SEC'}${String(local++).padStart(4, '0')}`;
        users.push({
          id,
          login,
          fullName: `${first} ${last.toUpperCase()}`,
          role,
          structure,
          officeIp: `10.${structure.subnet}.${rng.int(1, 40)}.${rng.int(10, 250)}`,
          homeIp: role === 'médecin' && rng.chance(0.35) ? `${rng.pick(HOME_PREFIXES)}.${rng.int(1, 254)}.${rng.int(1, 254)}` : null,
          weight: 0.3 + rng.next() * 1.7,
        });
      }
    }
  }
  return users;
}

/** A fake NIR: sex, birth year and month, département, commune, order, then the 97-modulus key. */
export function fakeNir(rng: Rng, dept: string): string {
  const body = `${rng.int(1, 2)}${String(rng.int(30, 99)).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}` +
    `${dept}${String(rng.int(1, 400)).padStart(3, '0')}${String(rng.int(1, 999)).padStart(3, '0')}`;
  const key = 97 - (Number(body) % 97);
  return body + String(key).padStart(2, '0');
}

export function makePatients(rng: Rng, count: number, pseudonymiser: Pseudonymiser): DemoPatient[] {
  const patients: DemoPatient[] = [];
  const seen = new Set<string>();
  while (patients.length < count) {
    const structure = rng.pick(STRUCTURES);
    const dept = structure.finess.slice(0, 2);
    const identifier = fakeNir(rng, dept);
    if (seen.has(identifier)) continue;
    seen.add(identifier);
    patients.push({ identifier, pseudonym: pseudonymiser.pseudonymise(identifier, INS_SYSTEM), structure });
  }
  return patients;
}

/** Picks an active user with the given roles, weighted by activity. */
export function pickUser(rng: Rng, users: readonly DemoUser[], roles: readonly DemoRole[]): DemoUser {
  const pool = users.filter((u) => roles.includes(u.role));
  return rng.weighted(pool.map((u) => [u, u.weight] as const));
}

/** A patient, usually one followed in the user's own structure. */
export function pickPatient(rng: Rng, patients: readonly DemoPatient[], structure: Structure): DemoPatient {
  if (rng.chance(0.8)) {
    const local = patients.filter((p) => p.structure === structure);
    if (local.length) return rng.pick(local);
  }
  return rng.pick(patients);
}
