import { z } from "zod";
import { importAnsibleIni } from "./ansible-ini";
import { importAnsibleYaml } from "./ansible-yaml";
import type { ImportPreview, ImportProblem } from "./host-entry";
import {
  type HostKeyPlan,
  type KeyedHost,
  type PlannedPin,
  planHostKeyPins,
} from "./host-key-plan";
import {
  type ExistingHost,
  type PlannedHost,
  type PlannedUpdate,
  planHostImport,
  type SkippedHost,
} from "./import-plan";
import { importSshConfig } from "./ssh-config";

export const ImportFormatSchema = z.enum([
  "ssh-config",
  "ansible-ini",
  "ansible-yaml",
  "known-hosts",
]);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** One shape for every format, so the preview and the apply need no per-format branches. */
export type InventoryImportPlan = {
  format: ImportFormat;
  add: PlannedHost[];
  update: PlannedUpdate[];
  /** known_hosts only: host keys pinned before the first poll. */
  pin: PlannedPin[];
  skip: SkippedHost[];
  problems: ImportProblem[];
};

export type ImportTarget = ExistingHost & KeyedHost;

const HOST_IMPORTERS: Record<
  Exclude<ImportFormat, "known-hosts">,
  (text: string) => ImportPreview
> = {
  "ssh-config": importSshConfig,
  "ansible-ini": importAnsibleIni,
  "ansible-yaml": importAnsibleYaml,
};

/** What importing `text` would do to an inventory holding `existing`; pure, changes nothing. */
export function planInventoryImport(
  format: ImportFormat,
  text: string,
  existing: readonly ImportTarget[],
): InventoryImportPlan {
  if (format === "known-hosts") {
    const keys: HostKeyPlan = planHostKeyPins(text, existing);
    return { format, add: [], update: [], ...keys };
  }
  const hosts = planHostImport(HOST_IMPORTERS[format](text), existing);
  return { format, ...hosts, pin: [] };
}

/** The hosts an apply would change: what the admin confirmed, checked again by the server. */
export function plannedChanges(plan: InventoryImportPlan): string[] {
  return [...plan.add, ...plan.update, ...plan.pin].map((host) => host.name).sort();
}
