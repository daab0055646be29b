/*
 * What an import would do to the inventory: the hosts it adds, the fields it changes on hosts
 * already there, and the hosts it leaves alone. The rule an admin can predict: an import sets
 * the fields its file states and never clears one (an ssh config has no groups, so an ssh-config
 * import keeps a host's groups; a host without `User` keeps the user it has).
 */
import type { ImportPreview, ImportProblem, InventoryHost } from "./host-entry";

/** A host as the inventory holds it, reduced to what an import can compare. */
export type ExistingHost = {
  name: string;
  address: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  credentialName: string | null;
  groups: string[];
  isSimulated: boolean;
};

export type HostField = "address" | "port" | "user" | "identity" | "groups";
export type HostChange = { field: HostField; from: string; to: string };

export type PlannedHost = {
  name: string;
  line: number | null;
  address: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  groups: string[];
};
export type PlannedUpdate = PlannedHost & { changes: HostChange[] };
export type SkippedHost = { name: string; line: number | null; reason: string };

export type HostImportPlan = {
  add: PlannedHost[];
  update: PlannedUpdate[];
  skip: SkippedHost[];
  problems: ImportProblem[];
};

export function planHostImport(
  preview: ImportPreview,
  existing: readonly ExistingHost[],
): HostImportPlan {
  const byName = new Map(existing.map((host) => [host.name, host]));
  const plan: HostImportPlan = { add: [], update: [], skip: [], problems: preview.problems };
  for (const host of preview.hosts) {
    const planned = toPlanned(host);
    const current = byName.get(host.name);
    if (current === undefined) {
      plan.add.push(planned);
    } else if (current.isSimulated) {
      plan.skip.push(skip(planned, "a simulated host: imports never change it"));
    } else {
      const merged = mergeInto(current, planned);
      const changes = diff(current, merged);
      if (changes.length === 0) plan.skip.push(skip(planned, "already in the inventory as is"));
      else plan.update.push({ ...merged, changes });
    }
  }
  return plan;
}

function toPlanned(host: InventoryHost): PlannedHost {
  const { name, address, port, user, identityFile, groups } = host;
  return { name, line: host.source.line, address, port, user, identityFile, groups };
}

function skip(host: PlannedHost, reason: string): SkippedHost {
  return { name: host.name, line: host.line, reason };
}

/** The host after the import: stated fields replace, absent ones (null, no groups) are kept. */
function mergeInto(current: ExistingHost, imported: PlannedHost): PlannedHost {
  return {
    ...imported,
    user: imported.user ?? current.user,
    identityFile: imported.identityFile ?? current.identityFile,
    groups: imported.groups.length > 0 ? imported.groups : current.groups,
  };
}

function diff(current: ExistingHost, next: PlannedHost): HostChange[] {
  const currentIdentity = identityLabel(current.identityFile, current.credentialName);
  // A stored credential stays unless the import names a key file, which then replaces it.
  const nextIdentity =
    next.identityFile === current.identityFile
      ? currentIdentity
      : identityLabel(next.identityFile, null);
  const pairs: Array<[HostField, string, string]> = [
    ["address", current.address, next.address],
    ["port", String(current.port), String(next.port)],
    ["user", current.user ?? "(default)", next.user ?? "(default)"],
    ["identity", currentIdentity, nextIdentity],
    ["groups", current.groups.join(", "), next.groups.join(", ")],
  ];
  return pairs
    .filter(([, from, to]) => from !== to)
    .map(([field, from, to]) => ({ field, from, to }));
}

export function identityLabel(identityFile: string | null, credentialName: string | null): string {
  if (credentialName !== null) return `credential ${credentialName}`;
  return identityFile ?? "(default key)";
}
