import { z } from "zod";

/** Roles in increasing order of power: each role may do everything the ones before it may. */
export const ROLES = ["viewer", "responder", "admin"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who may call a procedure: anyone (`public`) or a signed-in user of at least this role. */
export const AUDIENCES = ["public", ...ROLES] as const;
export type Audience = (typeof AUDIENCES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when a user holding `held` may act where `required` is asked for. */
export function hasRole(held: Role, required: Role): boolean {
  return roleRank(held) >= roleRank(required);
}

export function isRole(value: unknown): value is Role {
  return RoleSchema.safeParse(value).success;
}
