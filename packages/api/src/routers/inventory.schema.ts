import { GROUP_POLL_INTERVAL_FIELDS, SMART_NOT_SHORTER } from "@holmes/core";
import { ImportFormatSchema } from "@holmes/inventory";
import { z } from "zod";

/** Big enough for an inventory of thousands of hosts; the whole text lands in the audit log. */
const IMPORT_TEXT_MAX = 512 * 1024;

export const ImportInputSchema = z.object({
  format: ImportFormatSchema,
  text: z.string().max(IMPORT_TEXT_MAX, "The file is larger than 512 KB: split it"),
});

export const ApplyImportInputSchema = ImportInputSchema.extend({
  /** The hosts the preview showed as added, updated or pinned: the server plans again and compares. */
  confirmed: z.array(z.string()).max(100_000),
});

export const SetEnabledInputSchema = z.object({ id: z.uuid(), isEnabled: z.boolean() });

export const CreateCredentialInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, ".", "_" and "-" only'),
  /** Redacted from the audit log by name (trpc.ts redactSecrets); never echoed back. */
  privateKey: z.string().min(1).max(16_384, "That is too long for a private key"),
});

export const SetGroupIntervalsInputSchema = z
  .object({
    // The same rule as a host's groups (@holmes/inventory host-fields LABEL_PATTERN).
    group: z
      .string()
      .trim()
      .min(1, "Name the group")
      .max(253, "The group name is longer than 253 characters")
      .regex(/^[A-Za-z0-9._-]+$/, 'A group name has letters, digits, ".", "_" and "-" only'),
    ...GROUP_POLL_INTERVAL_FIELDS,
  })
  .refine(SMART_NOT_SHORTER.check, SMART_NOT_SHORTER.params);
