import { describe, expect, it } from "vitest";
import {
  array,
  ataAttribute,
  disk,
  hostState,
  member,
  members,
  run,
  single,
  withAttributes,
} from "../testing/host-state";
import { mirrorPairAtRisk, redundancyExhausted } from "./redundancy";

/** A four-disk RAID5 that lost sdd: `[4/3] [UUU_]`. */
const raid5MissingOne = (overrides: Parameters<typeof array>[0] = {}) =>
  array({
    name: "md3",
    level: "raid5",
    layout: "left-symmetric",
    raidDisks: 4,
    activeDisks: 3,
    statusString: "UUU_",
    degraded: true,
    members: members(3),
    ...overrides,
  });

describe("md.redundancy_exhausted", () => {
  it("is critical for RAID5 missing a disk, with the rebuild ETA in the explanation", () => {
    const state = hostState({
      arrays: [
        raid5MissingOne({ syncAction: "recovery", syncPercent: 61.5, syncFinishMinutes: 142 }),
      ],
    });
    const finding = single(run(redundancyExhausted, state));
    expect(finding).toMatchObject({
      ruleId: "md.redundancy_exhausted",
      severity: "critical",
      objectKind: "array",
      objectName: "md3",
      title: "md3: one more failure loses data",
    });
    expect(finding.explanation).toContain("The rebuild needs about 2 h 22 min more.");
    expect(finding.evidence.values).toMatchObject({
      failuresLeft: 0,
      devices: "3/4",
      finishMinutes: 142,
    });
  });

  it("says nothing is rebuilding when nothing is, and says so when md gives no ETA", () => {
    const idle = single(run(redundancyExhausted, hostState({ arrays: [raid5MissingOne()] })));
    expect(idle.explanation).toContain("Nothing is rebuilding.");
    const noEta = hostState({ arrays: [raid5MissingOne({ syncAction: "recovery" })] });
    expect(single(run(redundancyExhausted, noEta)).explanation).toContain("md reports no ETA yet");
  });

  it("says nothing for RAID6 missing one disk: it still survives one more", () => {
    const raid6 = raid5MissingOne({
      level: "raid6",
      raidDisks: 5,
      activeDisks: 4,
      statusString: "UUUU_",
      members: members(4),
    });
    expect(run(redundancyExhausted, hostState({ arrays: [raid6] }))).toEqual([]);
  });

  it("is critical for RAID6 missing two", () => {
    const raid6 = raid5MissingOne({
      level: "raid6",
      raidDisks: 5,
      activeDisks: 3,
      statusString: "UUU__",
    });
    expect(single(run(redundancyExhausted, hostState({ arrays: [raid6] }))).severity).toBe(
      "critical",
    );
  });

  it("says data is lost when more are missing than the level survives", () => {
    const raid5 = raid5MissingOne({ activeDisks: 2, statusString: "UU__", members: members(2) });
    const finding = single(run(redundancyExhausted, hostState({ arrays: [raid5] })));
    expect(finding.title).toBe("md3 has lost more members than it can survive");
    expect(finding.evidence.values.failuresLeft).toBe(-1);
  });

  it("flags a RAID10 near=2 array whose pair is down to one copy, not the full array", () => {
    const raid10 = (statusString: string) =>
      array({
        name: "md4",
        level: "raid10",
        layout: "near=2",
        raidDisks: 4,
        degraded: true,
        activeDisks: 3,
        statusString,
      });
    expect(
      single(run(redundancyExhausted, hostState({ arrays: [raid10("UUU_")] }))).objectName,
    ).toBe("md4");
    const full = array({ name: "md4", level: "raid10", layout: "near=2", raidDisks: 4 });
    expect(run(redundancyExhausted, hostState({ arrays: [full] }))).toEqual([]);
  });

  it("says nothing for healthy, inactive or by-design arrays", () => {
    expect(run(redundancyExhausted, hostState({ arrays: [array()] }))).toEqual([]);
    const byDesign = raid5MissingOne({ isDegradedByDesign: true });
    const inactive = raid5MissingOne({ state: "inactive" });
    expect(run(redundancyExhausted, hostState({ arrays: [byDesign, inactive] }))).toEqual([]);
  });
});

/** sda and sdb report pending sectors; sdc and sdd are clean. */
const disks = () => [
  disk({ name: "sda", attributes: withAttributes(ataAttribute(197, 8)) }),
  disk({ name: "sdb", smartPassed: false }),
  disk({ name: "sdc" }),
  disk({ name: "sdd" }),
];
const raid10 = (raidDisks: number) =>
  array({ name: "md5", level: "raid10", layout: "near=2", raidDisks });

describe("md.mirror_at_risk", () => {
  it("is critical when both members of a RAID10 pair sit on at-risk disks", () => {
    const finding = single(
      run(mirrorPairAtRisk, hostState({ arrays: [raid10(4)], disks: disks() })),
    );
    expect(finding).toMatchObject({
      ruleId: "md.mirror_at_risk",
      severity: "critical",
      objectKind: "array",
      objectName: "md5/slots 0+1",
      title: "md5: every copy in slots 0 and 1 is on a disk at risk",
    });
    expect(finding.evidence.values.members).toBe("sda1 (SER-sda), sdb1 (SER-sdb)");
  });

  it("says nothing when the at-risk disks are in different pairs", () => {
    const spread = raid10(4);
    spread.members = [
      member({ device: "sda1", slot: 0 }),
      member({ device: "sdc1", slot: 1, diskSerial: "SER-sdc" }),
      member({ device: "sdb1", slot: 2, diskSerial: "SER-sdb" }),
      member({ device: "sdd1", slot: 3 }),
    ];
    expect(run(mirrorPairAtRisk, hostState({ arrays: [spread], disks: disks() }))).toEqual([]);
  });

  it("finds the shared set in a 3-device near=2 layout", () => {
    const findings = run(mirrorPairAtRisk, hostState({ arrays: [raid10(3)], disks: disks() }));
    expect(findings.map((f) => f.objectName)).toEqual(["md5/slots 0+1"]);
  });

  it("is critical when the last copy of a degraded RAID1 is on an at-risk disk", () => {
    const degraded = array({
      degraded: true,
      activeDisks: 1,
      statusString: "U_",
      members: [member({ device: "sda1", slot: 0 })],
    });
    expect(
      single(run(mirrorPairAtRisk, hostState({ arrays: [degraded], disks: disks() }))).objectName,
    ).toBe("md0/slots 0+1");
  });

  it("says nothing when a copy's disk is unknown, or the disks are healthy", () => {
    const unknown = raid10(4);
    unknown.members = members(4).map((m) => (m.slot === 1 ? { ...m, diskSerial: null } : m));
    expect(run(mirrorPairAtRisk, hostState({ arrays: [unknown], disks: disks() }))).toEqual([]);
    // [UU] but only sda1's member row came back: slot 1's copy may be fine.
    const partial = array({ members: [member({ device: "sda1", slot: 0 })] });
    expect(run(mirrorPairAtRisk, hostState({ arrays: [partial], disks: disks() }))).toEqual([]);
    const healthy = [disk({ name: "sda" }), disk({ name: "sdb" })];
    expect(run(mirrorPairAtRisk, hostState({ arrays: [array()], disks: healthy }))).toEqual([]);
  });
});
