import { describe, expect, it } from "vitest";
import { mergeCatalogue, runbookById, runbooksForRule } from "./catalogue";
import type { Runbook } from "./types";

const runbook = (
  id: string,
  appliesTo: string[],
  source: Runbook["source"],
  title = id,
): Runbook => ({
  id,
  title,
  summary: "s",
  appliesTo,
  variables: [],
  steps: [],
  source,
  contentHash: "0".repeat(64),
});

const file = (id: string, appliesTo: string[] = [], title?: string) =>
  runbook(id, appliesTo, { kind: "file", path: `runbooks/${id}.md` }, title);
const custom = (id: string, appliesTo: string[] = [], version = 1) =>
  runbook(id, appliesTo, { kind: "custom", version });

describe("mergeCatalogue", () => {
  it("puts file and custom runbooks in one catalogue, sorted by title", () => {
    const catalogue = mergeCatalogue(
      [file("b", [], "Beta"), file("a", [], "Alpha")],
      [custom("c")],
    );
    expect(catalogue.runbooks.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(catalogue.problems).toEqual([]);
  });

  it("does not let a custom runbook take a file runbook's id", () => {
    const catalogue = mergeCatalogue(
      [file("md-replace-member", ["md.degraded"])],
      [custom("md-replace-member", [], 4)],
    );
    expect(catalogue.runbooks).toHaveLength(1);
    expect(catalogue.runbooks[0]?.source.kind).toBe("file");
    expect(catalogue.problems).toEqual([
      {
        runbookId: "md-replace-member",
        message:
          'custom runbook "md-replace-member" is ignored: runbooks/md-replace-member.md already has that id',
      },
    ]);
  });

  it("reports two files with one id", () => {
    const twin = { ...file("x"), source: { kind: "file" as const, path: "runbooks/y.md" } };
    expect(mergeCatalogue([file("x"), twin], []).problems).toEqual([
      { runbookId: "x", message: "runbooks/y.md has the same id as runbooks/x.md" },
    ]);
  });
});

describe("runbooksForRule / runbookById", () => {
  const catalogue = mergeCatalogue(
    [file("a", ["md.degraded"]), file("b", ["md.degraded", "md.inactive"])],
    [custom("c", ["md.inactive"])],
  );

  it("lists the runbooks that apply to a rule", () => {
    expect(runbooksForRule(catalogue, "md.inactive").map((r) => r.id)).toEqual(["b", "c"]);
    expect(runbooksForRule(catalogue.runbooks, "md.degraded").map((r) => r.id)).toEqual(["a", "b"]);
    expect(runbooksForRule(catalogue, "nfs.soft_rw")).toEqual([]);
  });

  it("finds by id", () => {
    expect(runbookById(catalogue, "c")?.source).toEqual({ kind: "custom", version: 1 });
    expect(runbookById(catalogue, "zz")).toBeUndefined();
  });
});
