/**
 * Building blocks of the contract: roles, the phantom-typed `op()` definer and
 * the schemas many operations share. zod only (the renderer imports types).
 */
import { z } from 'zod';

export const ROLES = ['admin', 'rssi', 'taskforce', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

/** `public`: callable while the vault is locked. `any`: any unlocked role. */
export type Access = 'public' | 'any' | readonly Role[];

/** Roles that may change data (everyone but the read-only DPO profile; admin always may). */
export const WRITERS: readonly Role[] = ['admin', 'rssi', 'taskforce'];

export const isoDate = z.iso.datetime({ offset: true });
export const timeRange = z.object({ from: isoDate, to: isoDate }).strict();
export const passphrase = z.string().min(1).max(1024);
export const pageInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

// Phantom-typed operation definition: `_out` only carries the output type.
export interface OpDef<I extends z.ZodType, O> {
  input: I;
  roles: Access;
  /** True when a call counts as user activity (resets the idle lock). */
  activity: boolean;
  readonly _out?: O;
}
export function op<O>() {
  return <I extends z.ZodType>(input: I, roles: Access, activity = true): OpDef<I, O> => ({
    input,
    roles,
    activity,
  });
}
export const none = z.object({}).strict();

