import { RULE_CATALOGUE } from "@holmes/findings";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RUNBOOK_DIRECTORY, loadRunbookDirectory, type RunbookDirectory } from "./files";
import { renderStep } from "./render-text";
import type { Bindings, RunbookVariable } from "./types";

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

  it("every step's text renders with nothing bound, and with every variable bound, leaving no {{", () => {
    const leftovers = shipped.runbooks.flatMap((runbook) => {
      const full = Object.fromEntries(runbook.variables.map((v) => [v.name, sampleValue(v)]));
      return runbook.steps.flatMap((step) =>
        [{}, full].flatMap((bindings: Bindings) => {
          const rendered = renderStep(step, bindings);
          const texts = [
            rendered.title,
            rendered.bodyMarkdown,
            rendered.destructive?.reason ?? "",
            rendered.command ?? "",
            ...rendered.checks.map((check) => check.description),
          ];
          return texts
            .filter((text) => text.includes("{{") || text.includes("}}"))
            .map((text) => `${runbook.id} step ${step.index + 1}: ${text.slice(0, 80)}`);
        }),
      );
    });
    expect(leftovers).toEqual([]);
  });

  it("a dry run is never behind a gate (vgcfgrestore --test is its own step)", () => {
    const gatedDryRuns = shipped.runbooks.flatMap((runbook) =>
      runbook.steps
        .filter(
          (step) => step.destructive && /vgcfgrestore\s+(?:--test|-t)\b/.test(step.command ?? ""),
        )
        .map((step) => `${runbook.id}: ${step.title}`),
    );
    expect(gatedDryRuns).toEqual([]);
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

/** A value of the variable's kind, for rendering every step as a run would show it. */
function sampleValue(variable: RunbookVariable): string | string[] {
  switch (variable.kind) {
    case "block-devices":
      return ["/dev/sdb1", "/dev/sdc1"];
    case "md-device":
      return "/dev/md1";
    case "block-device":
      return "/dev/sdb1";
    case "integer":
      return "4";
    default:
      return variable.defaultValue ?? "sample";
  }
}
