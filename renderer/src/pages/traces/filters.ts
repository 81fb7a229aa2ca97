import type { OpInput } from '@contract';
import { rangeBounds, type TraceRange } from './range';

export interface TraceFilters {
  range: TraceRange;
  /** `datetime-local` values (Europe/Paris) when range is 'custom'. */
  from: string;
  to: string;
  user: string;
  patient: string;
  service: string;
  breakGlassOnly: boolean;
}

export const NO_FILTER: TraceFilters = { range: 'all', from: '', to: '', user: '', patient: '', service: '', breakGlassOnly: false };

/** Shape of a patient pseudonym (keyed HMAC, base32): the engine refuses anything else. */
export const PSEUDONYM = /^P-[A-Z2-7]{16}$/;

export function isFiltered(f: TraceFilters): boolean {
  return f.range !== 'all' || !!f.user || !!f.patient || !!f.service || f.breakGlassOnly;
}

export function tracesInput(f: TraceFilters, now: number, limit: number, offset: number): OpInput<'traces.list'> {
  const patient = f.patient.trim().toUpperCase();
  return {
    limit,
    offset,
    ...rangeBounds(f.range, now, f.from, f.to),
    ...(f.user.trim() ? { user: f.user.trim() } : {}),
    ...(PSEUDONYM.test(patient) ? { patient } : {}),
    ...(f.service.trim() ? { service: f.service.trim() } : {}),
    breakGlassOnly: f.breakGlassOnly,
  };
}
