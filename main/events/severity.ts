import { SEVERITIES, type Severity } from '../api/contract';

/** Severity as stored in integer columns: 0 info, 1 low, 2 medium, 3 high, 4 critical. */
export function severityToInt(s: Severity): number {
  const i = SEVERITIES.indexOf(s);
  if (i < 0) throw new RangeError(`Unknown severity: ${String(s)}`);
  return i;
}

export function severityFromInt(n: number): Severity {
  const s = SEVERITIES[n];
  if (s === undefined) throw new RangeError(`Unknown severity level: ${n}`);
  return s;
}

export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}

/** A zeroed record with one entry per severity, in contract order. */
export function emptyBySeverity(): Record<Severity, number> {
  return { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
}
