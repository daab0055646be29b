import { z } from "zod";
import {
  checkAddress,
  checkIdentityFile,
  checkLabel,
  checkUser,
  compareText,
  DEFAULT_SSH_PORT,
  LABEL_MAX,
  LABEL_PATTERN,
  reasonOf,
} from "./host-fields";

const LabelSchema = z.string().min(1).max(LABEL_MAX).regex(LABEL_PATTERN);

export const ImportSourceKindSchema = z.enum(["ssh-config", "ansible-ini", "ansible-yaml"]);
export type ImportSourceKind = z.infer<typeof ImportSourceKindSchema>;

export const InventoryHostSchema = z.object({
  /** Unique label Holmes shows and keys on; the ssh alias or the Ansible inventory name. */
  name: z.string().superRefine(reasonOf(checkLabel)),
  address: z.string().superRefine(reasonOf(checkAddress)),
  port: z.number().int().min(1).max(65535).default(DEFAULT_SSH_PORT),
  /** null means "the collector's default user". */
  user: z.string().superRefine(reasonOf(checkUser)).nullable().default(null),
  /** A path reference as written (`~` unexpanded); the key material is never read here. */
  identityFile: z.string().superRefine(reasonOf(checkIdentityFile)).nullable().default(null),
  groups: z
    .array(LabelSchema)
    .default([])
    .refine(
      (groups) => groups.every((g, i) => i === 0 || compareText(groups[i - 1] ?? "", g) < 0),
      {
        message: "groups must be sorted and unique",
      },
    ),
  source: z.object({
    kind: ImportSourceKindSchema,
    line: z.number().int().min(1).nullable(),
  }),
});
export type InventoryHost = z.infer<typeof InventoryHostSchema>;

/** "error": the line or host was not imported. "warning": imported, something was ignored. */
export const ImportProblemSeveritySchema = z.enum(["error", "warning"]);
export type ImportProblemSeverity = z.infer<typeof ImportProblemSeveritySchema>;

export const ImportProblemSchema = z.object({
  /** 1-based line in the imported text; null when the problem concerns the whole file. */
  line: z.number().int().min(1).nullable(),
  severity: ImportProblemSeveritySchema,
  message: z.string(),
  /** The offending line as written (trimmed), so the preview can show it. */
  text: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export const ImportPreviewSchema = z.object({
  hosts: z.array(InventoryHostSchema),
  problems: z.array(ImportProblemSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** `line 12: Port "abc" is not a port number from 1 to 65535` — the form the UI lists. */
export function formatImportProblem(problem: ImportProblem): string {
  return problem.line === null ? problem.message : `line ${problem.line}: ${problem.message}`;
}
