import { describe, expect, it } from "vitest";
import { draftFor, formatMinutes } from "./rule";

describe("formatMinutes", () => {
  it.each([
    [0, "0 min"],
    [-5, "0 min"],
    [35.4, "35 min"],
    [59.6, "1 h"],
    [125, "2 h 5 min"],
    [47 * 60 + 59, "47 h 59 min"],
    [48 * 60, "2 d 0 h"],
    [3 * 24 * 60 + 250, "3 d 4 h"],
  ])("%f minutes reads %s", (minutes, words) => {
    expect(formatMinutes(minutes)).toBe(words);
  });
});

describe("draftFor", () => {
  it("fills in the rule's id and runbook, and empty evidence", () => {
    const rule = { id: "md.degraded", runbookId: "md-degraded-array" };
    const fields = {
      severity: "info",
      objectKind: "array",
      objectName: "md0",
      title: "t",
      explanation: "e",
    } as const;
    expect(draftFor(rule, fields)).toEqual({
      ruleId: "md.degraded",
      runbookId: "md-degraded-array",
      ...fields,
      evidence: { values: {}, lines: [] },
    });
  });
});
