import { AppError } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import {
  applyHostImport,
  type ImportedHost,
  listImportTargets,
  pinImportedHostKeys,
  staleImport,
} from "@holmes/db/queries/inventory";
import {
  type ImportFormat,
  type InventoryImportPlan,
  planInventoryImport,
  plannedChanges,
} from "@holmes/inventory";

export type ImportRequest = { format: ImportFormat; text: string };

/** What the import would do against the inventory as it is now; writes nothing. */
export async function previewImport(
  db: Database,
  request: ImportRequest,
): Promise<InventoryImportPlan> {
  return planInventoryImport(request.format, request.text, await listImportTargets(db));
}

export type ImportResult = { added: string[]; updated: string[]; pinned: string[] };

/**
 * Applies an import the admin previewed. The text is parsed and planned again here: the browser
 * only says which hosts it showed, and if the plan no longer matches (the inventory changed in
 * between), nothing is written and the admin is asked to preview again.
 */
export async function applyImport(
  db: Database,
  request: ImportRequest & { confirmed: string[] },
): Promise<ImportResult> {
  const plan = await previewImport(db, request);
  const planned = plannedChanges(plan);
  if (planned.length === 0) {
    throw new AppError("BAD_REQUEST", { userMessage: "This import changes nothing." });
  }
  if (!sameNames(planned, request.confirmed)) throw staleImport();
  const { added, updated } =
    plan.add.length + plan.update.length > 0
      ? await applyHostImport(db, {
          add: plan.add.map(toImportedHost),
          update: plan.update.map(toImportedHost),
        })
      : { added: [], updated: [] };
  const pinned = plan.pin.length > 0 ? await pinImportedHostKeys(db, plan.pin, new Date()) : [];
  return { added, updated, pinned };
}

/** Only the columns: the plan's line numbers and change lists stay out of the write. */
function toImportedHost(host: InventoryImportPlan["add"][number]): ImportedHost {
  const { name, address, port, user, identityFile, groups } = host;
  return { name, address, port, user, identityFile, groups };
}

function sameNames(planned: readonly string[], confirmed: readonly string[]): boolean {
  const sorted = [...new Set(confirmed)].sort();
  return planned.length === sorted.length && planned.every((name, i) => name === sorted[i]);
}
