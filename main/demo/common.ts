import type { NormalizedEvent } from '../events/types';
import type { DemoPatient, DemoUser } from './people';
import type { Rng } from './rng';

/** What event builders share: the random stream and the cast. */
export interface DemoCtx {
  rng: Rng;
  users: readonly DemoUser[];
  patients: readonly DemoPatient[];
}

/** ECS user fields and organisation attributes of a demo user. */
export function userFields(u: DemoUser): Pick<NormalizedEvent, 'user.id' | 'user.name' | 'user.roles'> {
  return { 'user.id': u.id, 'user.name': u.login, 'user.roles': [u.role] };
}

export function orgAttributes(u: DemoUser): Record<string, unknown> {
  return {
    'organization.id': u.structure.finess,
    'organization.name': u.structure.name,
    'user.full_name': u.fullName,
  };
}

/** MSSanté mailbox of a user: `<login>@<structure>.mssante.fr`. */
export function mssAddress(u: DemoUser): string {
  return `${u.login}@${u.structure.domain.replace(/\.fr$/, '')}.mssante.fr`;
}

/** The address a user connects from: the office, or home for teleworking doctors now and then. */
export function userIp(rng: Rng, u: DemoUser): string {
  return u.homeIp && rng.chance(0.15) ? u.homeIp : u.officeIp;
}
