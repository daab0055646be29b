import { describe, expect, it } from "vitest";
import { array, members } from "../testing/host-state";
import { failuresLeft, inSyncSlots, mirrorSets } from "./redundancy";

/** The layout arithmetic behind md.redundancy_exhausted and md.mirror_at_risk. */

describe("mirrorSets", () => {
  it("pairs RAID10 near=2 over 4 devices as (0,1) and (2,3)", () => {
    expect(mirrorSets("raid10", "near=2", 4)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("rotates RAID10 near=2 over 3 devices: every two devices share some chunks", () => {
    // Chunk c lives on devices 2c and 2c+1 (mod 3): 0+1, 2+0, 1+2, then it repeats.
    expect(mirrorSets("raid10", "near=2", 3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it("makes windows of adjacent devices for far and offset layouts", () => {
    const windows = [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ];
    expect(mirrorSets("raid10", "far=2", 4)).toEqual(windows);
    expect(mirrorSets("raid10", "offset=2", 4)).toEqual(windows);
  });

  it("has one set for RAID1 and none for parity or striping", () => {
    expect(mirrorSets("raid1", null, 3)).toEqual([[0, 1, 2]]);
    expect(mirrorSets("raid5", "left-symmetric", 4)).toBeNull();
    expect(mirrorSets("raid0", null, 2)).toBeNull();
    expect(mirrorSets("raid1", null, 0)).toBeNull();
  });
});

describe("failuresLeft", () => {
  const raid10 = (raidDisks: number, statusString: string) =>
    array({
      level: "raid10",
      layout: "near=2",
      raidDisks,
      statusString,
      activeDisks: statusString.split("U").length - 1,
    });

  it("counts the weakest mirror set", () => {
    expect(failuresLeft(array())).toBe(1);
    expect(failuresLeft(raid10(4, "UUUU"))).toBe(1);
    expect(failuresLeft(raid10(4, "U_UU"))).toBe(0);
    expect(failuresLeft(raid10(3, "UU_"))).toBe(0);
    expect(failuresLeft(array({ raidDisks: 3 }))).toBe(2);
  });

  it("counts parity tolerance minus missing devices", () => {
    expect(failuresLeft(array({ level: "raid5", raidDisks: 4 }))).toBe(1);
    expect(
      failuresLeft(array({ level: "raid5", raidDisks: 4, activeDisks: 3, statusString: "UUU_" })),
    ).toBe(0);
    expect(
      failuresLeft(array({ level: "raid6", raidDisks: 6, activeDisks: 5, statusString: "UUUUU_" })),
    ).toBe(1);
    expect(failuresLeft(array({ level: "raid0" }))).toBeNull();
  });

  it("trusts mdstat's [U_] over a member list without roles (mdadm --detail missing)", () => {
    // sdb1 re-added with its old descriptor number [1] and rebuilding: mdstat alone cannot mark it.
    const rebuilding = array({
      degraded: true,
      activeDisks: 1,
      statusString: "U_",
      members: members(2).map((m) => ({ ...m, role: null })),
    });
    expect([...inSyncSlots(rebuilding)]).toEqual([0]);
    expect(failuresLeft(rebuilding)).toBe(0);
  });
});
