import { describe, expect, it } from "vitest";
import { sideBySideDiff } from "./evidence-diff";

describe("sideBySideDiff", () => {
  it("pairs a replaced line as changed and keeps line numbers on both sides", () => {
    const rows = sideBySideDiff("a\nseqno = 9\nc\n", "a\nseqno = 2\nc\nd\n");
    expect(rows).toEqual([
      { kind: "same", left: { line: 1, text: "a" }, right: { line: 1, text: "a" } },
      {
        kind: "changed",
        left: { line: 2, text: "seqno = 9" },
        right: { line: 2, text: "seqno = 2" },
      },
      { kind: "same", left: { line: 3, text: "c" }, right: { line: 3, text: "c" } },
      { kind: "added", left: null, right: { line: 4, text: "d" } },
    ]);
  });

  it("shows what was removed when a text became empty (an array that is gone)", () => {
    expect(sideBySideDiff("x\ny\n", "")).toEqual([
      { kind: "removed", left: { line: 1, text: "x" }, right: null },
      { kind: "removed", left: { line: 2, text: "y" }, right: null },
    ]);
    expect(sideBySideDiff("same\n", "same\n").map((r) => r.kind)).toEqual(["same"]);
  });
});
