import type { AppRouter } from "@holmes/api";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;

export type InventoryHost = Outputs["inventory"]["list"][number];
export type Credential = Outputs["inventory"]["credentials"]["list"][number];
export type ImportPlan = Outputs["inventory"]["previewImport"];
export type ImportFormat = ImportPlan["format"];

/** How a host's key is shown: a path, a stored credential's name, or the collector default. */
export function keyLabel(host: { identityFile: string | null; credentialName: string | null }) {
  if (host.credentialName !== null) return `credential ${host.credentialName}`;
  return host.identityFile ?? "default key";
}
