import { describe, expect, it } from "vitest";
import { array, hostState, member, members, run, single } from "../testing/host-state";
import { degradedArray, failedMember, inactiveArray, splitArray, syncRunning } from "./arrays";

/** md1 as mdstat shows it with sdb1 gone: `[2/1] [U_]`. */
const degradedMirror = (overrides: Parameters<typeof array>[0] = {}) =>
  array({
    name: "md1",
    degraded: true,
    activeDisks: 1,
    statusString: "U_",
    members: [member({ device: "sda1", slot: 0 })],
    ...overrides,
  });

const recovering = {
  syncAction: "recovery",
  syncPercent: 42.13,
  syncSpeedKbps: 100_352,
  syncFinishMinutes: 35.2,
} as const;

describe("md.degraded", () => {
  it("is critical when a member is missing and nothing rebuilds", () => {
    const finding = single(run(degradedArray, hostState({ arrays: [degradedMirror()] })));
    expect(finding).toMatchObject({
      ruleId: "md.degraded",
      severity: "critical",
      objectKind: "array",
      objectName: "md1",
      runbookId: "md-replace-member",
    });
    expect(finding.title).toBe("md1 is degraded and not rebuilding");
    expect(finding.evidence.values).toMatchObject({ devices: "1/2", status: "U_" });
  });

  it("is a warning with progress, speed and ETA while recovering", () => {
    const state = hostState({ arrays: [degradedMirror(recovering)] });
    const finding = single(run(degradedArray, state));
    expect(finding.severity).toBe("warning");
    expect(finding.title).toBe(
      "md1 is degraded and rebuilding (42.1% done at 98 MB/s about 35 min left)",
    );
    expect(finding.evidence.values).toMatchObject({ percent: 42.13, finishMinutes: 35.2 });
  });

  it("says so when a recovery reports no progress yet (recovery=DELAYED)", () => {
    const state = hostState({ arrays: [degradedMirror({ syncAction: "recovery" })] });
    const finding = single(run(degradedArray, state));
    expect(finding.severity).toBe("warning");
    expect(finding.title).toContain("progress not reported");
  });

  it("stays critical during a resync or check: neither restores the missing member", () => {
    for (const syncAction of ["resync", "check"]) {
      const state = hostState({ arrays: [degradedMirror({ ...recovering, syncAction })] });
      expect(single(run(degradedArray, state)).severity).toBe("critical");
    }
  });

  it("is only info when a responder marked the array degraded by design", () => {
    const state = hostState({ arrays: [degradedMirror({ isDegradedByDesign: true })] });
    const finding = single(run(degradedArray, state));
    expect(finding.severity).toBe("info");
    expect(finding.title).toBe("md1 is degraded by design");
  });

  it("says nothing about the same array when it is not degraded", () => {
    const state = hostState({
      arrays: [
        degradedMirror({
          degraded: false,
          activeDisks: 2,
          statusString: "UU",
          members: members(2),
        }),
      ],
    });
    expect(run(degradedArray, state)).toEqual([]);
  });

  it("says nothing when a faulty member is attached but every slot is in sync", () => {
    // sdc1[2](F) with [2/2] [UU]: a spare took over, redundancy is intact.
    const state = hostState({
      arrays: [
        array({
          degraded: true,
          members: [...members(2), member({ device: "sdc1", slot: null, isFaulty: true })],
        }),
      ],
    });
    expect(run(degradedArray, state)).toEqual([]);
    expect(single(run(failedMember, state)).objectName).toBe("md0/sdc1");
  });

  it("leaves inactive arrays to md.inactive", () => {
    const state = hostState({ arrays: [degradedMirror({ state: "inactive" })] });
    expect(run(degradedArray, state)).toEqual([]);
  });
});

describe("md.member_failed", () => {
  const withFaulty = array({
    members: [
      member({ device: "sda1", slot: 0 }),
      member({ device: "sdb1", slot: 1, isFaulty: true, diskSerial: "WD-WCC4E1234567" }),
    ],
  });

  it("names the faulty member, its array and its disk serial", () => {
    const finding = single(run(failedMember, hostState({ arrays: [withFaulty] })));
    expect(finding).toMatchObject({
      ruleId: "md.member_failed",
      severity: "warning",
      objectKind: "member",
      objectName: "md0/sdb1",
      title: "sdb1 failed in md0 (serial WD-WCC4E1234567)",
    });
    expect(finding.evidence.values).toMatchObject({ slot: 1, serial: "WD-WCC4E1234567" });
  });

  it("leaves the serial out when it is unknown", () => {
    const unknown = array({
      members: [member({ device: "sdb1", isFaulty: true, diskSerial: null })],
    });
    expect(single(run(failedMember, hostState({ arrays: [unknown] }))).title).toBe(
      "sdb1 failed in md0",
    );
  });

  it("says nothing when every member is healthy, spares included", () => {
    const healthy = array({
      members: [
        ...members(2),
        member({ device: "sdc1", slot: null, isSpare: true, role: "spare" }),
      ],
    });
    expect(run(failedMember, hostState({ arrays: [healthy] }))).toEqual([]);
  });
});

/** The md0 + md127 pattern: udev assembled two members as md0 and parked the other two. */
const splitPair = () => [
  array({
    name: "md0",
    level: "raid10",
    raidDisks: 4,
    activeDisks: 2,
    statusString: "UU__",
    degraded: true,
    members: members(2),
  }),
  array({
    name: "md127",
    level: null,
    state: "inactive",
    raidDisks: null,
    activeDisks: null,
    statusString: null,
    members: [
      member({ device: "sdc1", slot: null, isSpare: true }),
      member({ device: "sdd1", slot: null, isSpare: true }),
    ],
  }),
];

describe("md.inactive", () => {
  it("is critical for an inactive array and lists its members", () => {
    const finding = single(run(inactiveArray, hostState({ arrays: splitPair() })));
    expect(finding).toMatchObject({
      ruleId: "md.inactive",
      severity: "critical",
      objectKind: "array",
      objectName: "md127",
      title: "md127 is inactive",
    });
    expect(finding.evidence.values.members).toBe("sdc1 sdd1");
    expect(finding.explanation).toContain("Do not zero or re-create");
  });

  it("says nothing about active arrays, degraded or not", () => {
    expect(run(inactiveArray, hostState({ arrays: [array(), degradedMirror()] }))).toEqual([]);
  });
});

describe("md.split_uuid", () => {
  it("is critical for md0 and an inactive md127 sharing one UUID, alongside md.inactive", () => {
    const state = hostState({ arrays: splitPair() });
    const finding = single(run(splitArray, state));
    expect(finding).toMatchObject({
      ruleId: "md.split_uuid",
      severity: "critical",
      objectName: "md0",
      title: "Array 3f1a9c2e:5b7d4e10:8c6a2f93:0d4b7e21 is split across md0 and md127",
    });
    expect(finding.evidence.values.states).toBe("md0:active md127:inactive");
    expect(run(inactiveArray, state)).toHaveLength(1);
  });

  it("says nothing when each array has its own UUID, or no UUID is known", () => {
    const [md0, md127] = splitPair();
    if (!md0 || !md127) throw new Error("fixture");
    const distinct = hostState({ arrays: [md0, { ...md127, uuid: "0000:1111:2222:3333" }] });
    expect(run(splitArray, distinct)).toEqual([]);
    const unknown = hostState({
      arrays: [
        { ...md0, uuid: null },
        { ...md127, uuid: null },
      ],
    });
    expect(run(splitArray, unknown)).toEqual([]);
  });
});

describe("md.sync_running", () => {
  it("is info with the action and its progress on a healthy array", () => {
    const checking = array({
      name: "md2",
      syncAction: "check",
      syncPercent: 7,
      syncSpeedKbps: 204_800,
      syncFinishMinutes: 125,
    });
    const finding = single(run(syncRunning, hostState({ arrays: [checking] })));
    expect(finding).toMatchObject({
      ruleId: "md.sync_running",
      severity: "info",
      objectName: "md2",
      title: "md2: check running (7.0% done at 200 MB/s about 2 h 5 min left)",
    });
    expect(finding.evidence.values.action).toBe("check");
  });

  it("leaves a degraded array's recovery to md.degraded but still reports its reshape", () => {
    expect(run(syncRunning, hostState({ arrays: [degradedMirror(recovering)] }))).toEqual([]);
    const reshaping = degradedMirror({ syncAction: "reshape", syncPercent: 3 });
    expect(single(run(syncRunning, hostState({ arrays: [reshaping] }))).title).toContain("reshape");
  });

  it("says nothing when no sync action runs", () => {
    expect(run(syncRunning, hostState({ arrays: [array()] }))).toEqual([]);
  });
});
