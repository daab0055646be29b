import { RULE_CATALOGUE } from "@holmes/findings";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RUNBOOK_DIRECTORY, loadRunbookDirectory, type RunbookDirectory } from "./files";

/**
 * The runbooks in the repository's runbooks/: every file parses, every finding rule's runbook
 * exists, every runbook's rules exist. A failure prints `runbooks/<file>.md:<line>: <message>`,
 * the form editors and terminals jump to.
 */
let shipped: RunbookDirectory;

beforeAll(async () => {
  shipped = await loadRunbookDirectory(DEFAULT_RUNBOOK_DIRECTORY);
});

describe("runbooks/", () => {
  it("every file parses", () => {
    const report = shipped.problems.map(
      (problem) => `${problem.file}:${problem.line}: ${problem.message}`,
    );
    expect(report.join("\n")).toBe("");
  });

  it("ships the runbooks the issue asks for", () => {
    expect(shipped.runbooks.map((runbook) => runbook.id).sort()).toEqual(
      expect.arrayContaining([
        "md-create-busy",
        "md-replace-member",
        "md-superblock-recovery",
        "nfs-failover",
        "md-grow-raid6",
        "xfs-shutdown-loop",
      ]),
    );
  });

  it("every runbook has at least one automated check", () => {
    const withoutChecks = shipped.runbooks
      .filter((runbook) => runbook.steps.every((step) => step.checks.length === 0))
      .map((runbook) => (runbook.source.kind === "file" ? runbook.source.path : runbook.id));
    expect(withoutChecks).toEqual([]);
  });

  it("every runbookId a finding rule names is a shipped runbook", () => {
    const ids = new Set(shipped.runbooks.map((runbook) => runbook.id));
    const dangling = RULE_CATALOGUE.filter(
      (rule) => rule.runbookId !== null && !ids.has(rule.runbookId),
    ).map((rule) => `${rule.id} → ${rule.runbookId}`);
    expect(dangling).toEqual([]);
  });

  it("every rule a runbook applies to exists, and lists that runbook among its own", () => {
    const rules = new Set(RULE_CATALOGUE.map((rule) => rule.id));
    const unknown = shipped.runbooks.flatMap((runbook) =>
      runbook.appliesTo
        .filter((ruleId) => !rules.has(ruleId))
        .map((ruleId) => `${runbook.id}: ${ruleId}`),
    );
    expect(unknown).toEqual([]);
  });

  it("a rule's own runbook applies to that rule (so the finding page lists it)", () => {
    const byId = new Map(shipped.runbooks.map((runbook) => [runbook.id, runbook]));
    const unlisted = RULE_CATALOGUE.filter((rule) => rule.runbookId !== null)
      .filter((rule) => !byId.get(rule.runbookId ?? "")?.appliesTo.includes(rule.id))
      .map((rule) => `${rule.runbookId} does not list ${rule.id} in applies_to`);
    expect(unlisted).toEqual([]);
  });
});
