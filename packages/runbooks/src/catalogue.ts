import type { Catalogue, CatalogueProblem, Runbook } from "./types";

/**
 * One catalogue from the shipped files and the runbooks admins added in the UI. Ids are unique
 * across both: a custom runbook may not take a file runbook's id (findings point at file ids, and
 * a lookalike must not hijack them), so a clash drops the custom one with a problem to show.
 */
export function mergeCatalogue(
  fileRunbooks: readonly Runbook[],
  customRunbooks: readonly Runbook[],
): Catalogue {
  const byId = new Map<string, Runbook>();
  const problems: CatalogueProblem[] = [];
  for (const runbook of fileRunbooks) {
    const other = byId.get(runbook.id);
    if (other) {
      problems.push({
        runbookId: runbook.id,
        message: `${describe(runbook)} has the same id as ${describe(other)}`,
      });
      continue;
    }
    byId.set(runbook.id, runbook);
  }
  for (const runbook of customRunbooks) {
    const other = byId.get(runbook.id);
    if (other) {
      problems.push({
        runbookId: runbook.id,
        message: `custom runbook "${runbook.id}" is ignored: ${describe(other)} already has that id`,
      });
      continue;
    }
    byId.set(runbook.id, runbook);
  }
  const runbooks = [...byId.values()].sort((a, b) => a.title.localeCompare(b.title));
  return { runbooks, problems };
}

function describe(runbook: Runbook): string {
  return runbook.source.kind === "file"
    ? runbook.source.path
    : `custom runbook "${runbook.id}" v${runbook.source.version}`;
}

/** The runbooks that say they apply to a finding rule, in catalogue order. */
export function runbooksForRule(
  catalogue: Catalogue | readonly Runbook[],
  ruleId: string,
): Runbook[] {
  const runbooks = "runbooks" in catalogue ? catalogue.runbooks : catalogue;
  return runbooks.filter((runbook) => runbook.appliesTo.includes(ruleId));
}

export function runbookById(
  catalogue: Catalogue | readonly Runbook[],
  id: string,
): Runbook | undefined {
  const runbooks = "runbooks" in catalogue ? catalogue.runbooks : catalogue;
  return runbooks.find((runbook) => runbook.id === id);
}
