import { describe, expect, it } from "vitest";
import {
  affectedComponentNames,
  derivedComponentStatus,
  impactOfSeverity,
  mentions,
  publicIncidentTitle,
  StatusComponentEditSchema,
  worstComponentStatus,
} from "./status-page";

describe("status page derivation", () => {
  it("maps SEV1 to a major outage, SEV2 to a partial one, SEV3 and SEV4 to degraded", () => {
    expect([1, 2, 3, 4].map(impactOfSeverity)).toEqual([
      "major_outage",
      "partial_outage",
      "degraded",
      "degraded",
    ]);
  });

  it("takes the worst status, operational when there is none", () => {
    expect(worstComponentStatus([])).toBe("operational");
    expect(worstComponentStatus(["degraded", "major_outage", "partial_outage"])).toBe(
      "major_outage",
    );
  });

  it("counts only incidents on hosts in the component's groups", () => {
    const open = [
      { severity: 3, groups: new Set(["nfs"]) },
      { severity: 1, groups: new Set(["db", "rack-b"]) },
    ];
    expect(derivedComponentStatus(["nfs"], open)).toBe("degraded");
    expect(derivedComponentStatus(["nfs", "rack-b"], open)).toBe("major_outage");
    expect(derivedComponentStatus(["web"], open)).toBe("operational");
    expect(derivedComponentStatus([], open)).toBe("operational");
  });

  it("names the affected components in page order", () => {
    const components = [
      { name: "Databases", hostGroups: ["db"] },
      { name: "Files", hostGroups: ["nfs"] },
      { name: "Web", hostGroups: ["web"] },
    ];
    expect(affectedComponentNames(components, new Set(["nfs", "db"]))).toEqual([
      "Databases",
      "Files",
    ]);
  });

  it("leaves omitted fields out of an edit instead of defaulting them", () => {
    expect(StatusComponentEditSchema.parse({ name: " Files " })).toEqual({ name: "Files" });
  });
});

describe("public incident titles", () => {
  const incident = { impact: "partial_outage" as const, components: ["File storage"] };

  it("finds a name only as a whole word, ignoring case", () => {
    expect(mentions("STOR-A07: md2 degraded", "stor-a07")).toBe(true);
    expect(mentions("stor-a070 is fine", "stor-a07")).toBe(false);
    expect(mentions("the db is slow", "db")).toBe(true);
    expect(mentions("dbx is slow", "db")).toBe(false);
    expect(mentions("anything", " ")).toBe(false);
  });

  it("replaces a title naming a host or finding with the impact and components", () => {
    const names = ["stor-a07", "md2 lost its last spare"];
    expect(publicIncidentTitle({ ...incident, title: "stor-a07: md2 degraded" }, names)).toBe(
      "Partial outage: File storage",
    );
    expect(
      publicIncidentTitle(
        { ...incident, title: "Fix: md2 lost its last spare", components: [] },
        names,
      ),
    ).toBe("Partial outage");
    expect(publicIncidentTitle({ ...incident, title: "File shares are slow" }, names)).toBe(
      "File shares are slow",
    );
  });
});
