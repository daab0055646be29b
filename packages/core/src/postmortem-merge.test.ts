import { describe, expect, it } from "vitest";
import { changedFields, type EditorDraft, rebaseDraft } from "./postmortem-merge";
import { POSTMORTEM_SECTIONS, type PostmortemSections } from "./postmortems";

const empty = Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, ""])) as PostmortemSections;
const draft = (over: Partial<PostmortemSections>, keys = ["a", "b"], title = "T"): EditorDraft => ({
  title,
  sections: { ...empty, ...over },
  keptTimelineKeys: keys,
});

describe("rebaseDraft", () => {
  it("takes their change where I changed nothing and keeps mine where they changed nothing", () => {
    const base = draft({ summary: "s0", impact: "i0" });
    const mine = draft({ summary: "s0", impact: "i-mine" });
    const theirs = draft({ summary: "s-theirs", impact: "i0" }, ["a"]);
    const { merged, conflicts } = rebaseDraft(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.sections.summary).toBe("s-theirs");
    expect(merged.sections.impact).toBe("i-mine");
    expect(merged.keptTimelineKeys).toEqual(["a"]);
  });

  it("reports a field both changed differently, with both texts, and keeps mine meanwhile", () => {
    const base = draft({ rootCauses: "r0" }, ["a", "b"], "T0");
    const mine = draft({ rootCauses: "mine" }, ["b"], "T0");
    const theirs = draft({ rootCauses: "theirs" }, ["a"], "T1");
    const { merged, conflicts } = rebaseDraft(base, mine, theirs);
    expect(conflicts).toEqual([{ field: "rootCauses", mine: "mine", theirs: "theirs" }]);
    expect(merged.sections.rootCauses).toBe("mine");
    expect(merged.title).toBe("T1");
    expect(merged.keptTimelineKeys).toEqual(["b"]);
  });

  it("is no conflict when both typed the same text", () => {
    const { conflicts } = rebaseDraft(draft({}), draft({ trigger: "x" }), draft({ trigger: "x" }));
    expect(conflicts).toEqual([]);
  });
});

describe("changedFields", () => {
  it("sends only what differs from the saved version", () => {
    const saved = draft({ summary: "a" });
    expect(changedFields(saved, saved).isEmpty).toBe(true);
    const next = changedFields(saved, draft({ summary: "b" }, ["b", "a"]));
    expect(next).toEqual({
      sections: { summary: "b" },
      title: undefined,
      keptTimelineKeys: undefined,
      isEmpty: false,
    });
  });
});
