import { describeParseError, type MdadmExamine, MdadmExamineSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { parseMdadmExamine } from "./mdadm-examine";

// The project's own --examine captures (no ../shared needed) and malformed inputs.

function parseOk(text: string): MdadmExamine {
  const result = parseMdadmExamine(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdadmExamineSchema.parse(result.value);
}

const own = (name: string) => parseOk(ownFixture(`mdadm-examine/${name}`));

describe("parseMdadmExamine on own fixtures", () => {
  it("reads a 1.2 raid6 member with bad blocks and a wrong checksum", () => {
    expect(own("v1.2-raid6-bad-blocks-checksum-mismatch.txt")).toMatchObject({
      device: "/dev/sdc1",
      featureMap: "0x9",
      arrayUuid: "5b1d6a2c:8e3f4a71:9c2b0d45:e7f81a36",
      name: "nas01:0",
      localToHost: "nas01",
      raidLevel: "raid6",
      raidDevices: 6,
      availDevSizeSectors: 7813855232,
      usedDevSizeSectors: 7813853184,
      arraySizeKb: 15627706368,
      dataOffsetSectors: 264192,
      superOffsetSectors: 8,
      internalBitmap: "8 sectors from superblock",
      badBlockLog: "512 entries available at offset 40 sectors - bad blocks present.",
      badBlocksPresent: true,
      checksum: "7a3c91e4",
      checksumCorrect: false,
      checksumExpected: "7a3c91e5",
      events: 483198,
      layout: "left-symmetric",
      chunkSizeKb: 512,
      deviceRole: 2,
      deviceRoleSlot: 2,
      arrayState: "AAA.AA",
      arrayStateSlots: ["active", "active", "active", "missing", "active", "active"],
      otherFields: { "Unused Space": "before=264112 sectors, after=2048 sectors" },
    });
  });

  it("derives a 0.90 spare's role from its `this` row; KiB sizes become sectors", () => {
    const ex = own("v0.90-raid5-degraded-this-is-spare.txt");
    expect(ex).toMatchObject({
      version: "0.90.00",
      arrayUuid: "4de9c6a6:ce05eada:96fc04a8:108a4af7",
      localToHost: null,
      usedDevSizeSectors: 408576,
      arraySizeKb: 408576,
      activeDevices: 2,
      workingDevices: 3,
      failedDevices: 1,
      spareDevices: 1,
      events: 57,
      deviceRole: "spare",
      deviceRoleSlot: null,
      deviceRoleRaw: null,
      thisDevice: {
        index: null,
        number: 3,
        major: 8,
        minor: 49,
        raidDevice: 3,
        stateFlags: ["spare"],
        device: "/dev/sdd1",
      },
    });
    expect(
      ex.deviceTable.map((r) => [r.index, r.raidDevice, r.stateFlags.join(","), r.device]),
    ).toEqual([
      [0, 0, "active,sync", "/dev/sda1"],
      [1, 1, "faulty,removed", null],
      [2, 2, "active,sync", "/dev/sdc1"],
      [3, 3, "spare", "/dev/sdd1"],
    ]);
  });

  it("reads a raid5 write-journal device", () => {
    expect(own("v1.2-raid5-journal-device.txt")).toMatchObject({
      featureMap: "0x200",
      availDevSizeSectors: 16758784,
      usedDevSizeSectors: 3906762752,
      arraySizeKb: 3906762752,
      chunkSizeKb: 64,
      deviceRole: "journal",
      deviceRoleSlot: null,
      deviceRoleRaw: "Journal",
      arrayStateSlots: ["active", "active", "active"],
    });
  });

  it("keeps imsm per-disk and per-volume keys out of the top-level fields", () => {
    const ex = own("imsm-container-member-disk.txt");
    expect(ex).toMatchObject({
      magic: "Intel Raid ISM Cfg Sig.",
      version: "1.3.00",
      creationTime: "Unknown",
      arrayUuid: "0f0c6b0a:8d27a6c5:bf9aa9cd:8f1b4c1f",
      checksum: "1a2b3c4d",
      checksumCorrect: true,
      state: null,
      raidDevices: null,
      ddf: null,
    });
    expect(ex.otherFields).toMatchObject({
      "RAID Devices": "1",
      "Disk00.Serial": "S4EWNX0R123456",
      "Disk00.State": "active",
      "Volume0.UUID": "8f2c4e1a:6b3d9f07:e5a1c284:0d7b6e93",
      "Volume0.Slots": "[UU]",
      "Volume0.Map State": "normal",
      "Disk01.Serial": "S4EWNX0R654321",
    });
  });

  it("names the line of a truncated Device Role", () => {
    expect(
      parseMdadmExamine(ownFixture("mdadm-examine/malformed-truncated-device-role.txt")),
    ).toEqual({
      ok: false,
      error: {
        code: "PARSE_FAILED",
        line: 23,
        expected: 'Device Role as "Active device N", "Replacement device N", "spare" or "Journal"',
        got: "Active dev",
      },
    });
  });
});

describe("parseMdadmExamine malformed input", () => {
  const head = "/dev/sda1:\n          Magic : a92b4efc\n        Version : 1.2\n";
  it.each([
    ["", 1, '"Magic : …" superblock line', ""],
    ["/dev/sda1:\n", 2, '"Magic : …" superblock line', ""],
    [
      "/dev/sda1:\n     Raid Level : raid1",
      2,
      '"Magic : …" superblock line (mdadm --examine output)',
      "Raid Level : raid1",
    ],
    ["garbage", 1, '"Key : value" line or device table', "garbage"],
    [
      "      Number   Major   Minor   RaidDevice State",
      1,
      '"Magic : …" superblock line',
      "Number   Major   Minor   RaidDevice State",
    ],
    [
      "/dev/sda1:\n          Magic : a",
      2,
      '"Magic : …" superblock line (mdadm --examine output)',
      "Magic : a",
    ],
    [`${head}   Raid Devices : x`, 4, "Raid Devices as a count", "x"],
    [`${head}    Data Offset : 2048 KiB`, 4, 'Data Offset as "<n> sectors"', "2048 KiB"],
    [
      `${head}       Checksum : 1234`,
      4,
      'Checksum as "<hex> - correct" or "<hex> - expected <hex>"',
      "1234",
    ],
    [`${head}    Feature Map : 9`, 4, 'Feature Map as "0x<hex>"', "9"],
    [`${head}   Array State : XYZ`, 4, 'Array State as "AA.R" slot flags', "XYZ"],
    [
      `${head}   Device Role : Active device x`,
      4,
      'Device Role as "Active device N", "Replacement device N", "spare" or "Journal"',
      "Active device x",
    ],
    [
      `${head}      Number   Major   Minor   RaidDevice State\n  0  0`,
      5,
      '"[this|n] Number Major Minor RaidDevice State" row',
      "0  0",
    ],
    [`${head}random words here`, 4, '"Key : value" line or device table', "random words here"],
    ["/dev/vda:\n          Magic : de11de11\n            Seq : xyz", 3, "valid DDF Seq", "xyz"],
  ])("rejects %j at line %i", (text, line, expected, got) => {
    expect(parseMdadmExamine(text)).toEqual({
      ok: false,
      error: { code: "PARSE_FAILED", line, expected, got },
    });
  });

  it("reads old mdadm formats: hi.lo events, unit-less 1.x sizes, Uu array state", () => {
    const ex = parseOk(
      `${head}  Used Dev Size : 2048 (1.00 MiB 1.05 MB)\n         Events : 1.5\n   Array State : Uu_`,
    );
    expect(ex).toMatchObject({
      usedDevSizeSectors: 2048,
      events: 4294967301,
      eventsRaw: "1.5",
      arrayState: "Uu_",
      arrayStateSlots: ["active", "active", "missing"],
    });
  });
});
