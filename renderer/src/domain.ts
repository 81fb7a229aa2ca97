import type { AlertRow, IncidentRow, Role, Severity } from '@contract';

/*
 * Runtime lists mirroring the contract's unions. The contract module is
 * imported for types only (it carries zod); `satisfies` keeps these lists
 * complete and exact at compile time.
 */
function keysOf<K extends string>(record: Record<K, true>): K[] {
  return Object.keys(record) as K[];
}

export const ROLE_LIST: Role[] = keysOf({ admin: true, rssi: true, taskforce: true, dpo: true } satisfies Record<Role, true>);

export const SEVERITY_LIST: Severity[] = keysOf({
  info: true,
  low: true,
  medium: true,
  high: true,
  critical: true,
} satisfies Record<Severity, true>);

export const ALERT_STATUS_LIST: AlertRow['status'][] = keysOf({
  nouvelle: true,
  prise_en_compte: true,
  faux_positif: true,
  vrai_positif: true,
  close: true,
} satisfies Record<AlertRow['status'], true>);

export const PHASE_LIST: IncidentRow['phase'][] = keysOf({
  detection: true,
  qualification: true,
  confinement: true,
  eradication: true,
  remediation: true,
  cloture: true,
} satisfies Record<IncidentRow['phase'], true>);

/** Roles allowed to load demo data and see jobs (mirrors the contract's role lists). */
export const OPERATOR_ROLES: readonly Role[] = ['admin', 'rssi', 'taskforce'];
export const canLoadDemo = (role: Role | undefined) => !!role && OPERATOR_ROLES.includes(role);
export const canSeeJobs = canLoadDemo;
export const canRunJobs = (role: Role | undefined) => role === 'admin';
/**
 * Roles that may change data (the contract's WRITERS: every role but the read-only DPO): incidents and their legal
 * records, sources, imports, the quarantine. The one definition; pages do not keep their own copy.
 */
export const roleCanWrite = (role: Role | undefined) => !!role && OPERATOR_ROLES.includes(role);
