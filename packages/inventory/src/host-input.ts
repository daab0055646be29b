/*
 * What an admin types into the "Add host" and "Edit host" forms, checked with the same field
 * rules the importers apply, so a host added by hand and one imported are held to one standard.
 */
import { z } from "zod";
import {
  checkAddress,
  checkIdentityFile,
  checkLabel,
  checkUser,
  DEFAULT_SSH_PORT,
  normalizeGroups,
  reasonOf,
} from "./host-fields";

const GROUPS_MAX = 64;

/** Where the collector gets the host's private key. */
export const HostIdentitySchema = z.discriminatedUnion("kind", [
  /** The collector's HOLMES_SSH_KEY_PATH. */
  z.object({ kind: z.literal("default") }),
  /** A path on the collector's machine, kept as written (`~` allowed). */
  z.object({
    kind: z.literal("file"),
    path: z.string().trim().superRefine(reasonOf(checkIdentityFile)),
  }),
  /** A private key stored sealed in the database. */
  z.object({ kind: z.literal("credential"), credentialId: z.uuid() }),
]);
export type HostIdentity = z.infer<typeof HostIdentitySchema>;

export const HostFieldsSchema = z.object({
  address: z.string().trim().superRefine(reasonOf(checkAddress)),
  port: z.number().int().min(1).max(65535).default(DEFAULT_SSH_PORT),
  /** null: the collector's default user (HOLMES_SSH_USER). */
  user: z.string().trim().superRefine(reasonOf(checkUser)).nullable(),
  identity: HostIdentitySchema,
  groups: z
    .array(
      z
        .string()
        .trim()
        .superRefine(reasonOf((group) => checkLabel(group, "group name"))),
    )
    .max(GROUPS_MAX)
    .transform(normalizeGroups),
});
export type HostFields = z.infer<typeof HostFieldsSchema>;

export const CreateHostInputSchema = HostFieldsSchema.extend({
  name: z.string().trim().superRefine(reasonOf(checkLabel)),
});
export type CreateHostInput = z.infer<typeof CreateHostInputSchema>;

export const UpdateHostInputSchema = HostFieldsSchema.extend({ id: z.uuid() });
export type UpdateHostInput = z.infer<typeof UpdateHostInputSchema>;
