import { describeParseError, type MdadmScanEntry, MdadmScanSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { parseMdadmDetailScan } from "./mdadm-detail";

function parseOk(text: string): MdadmScanEntry[] {
  const result = parseMdadmDetailScan(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdadmScanSchema.parse(result.value);
}

const entry = (fields: Partial<MdadmScanEntry>): MdadmScanEntry => ({
  device: null,
  inactive: false,
  metadata: null,
  level: null,
  numDevices: null,
  name: null,
  uuid: null,
  container: null,
  member: null,
  spares: null,
  bitmap: null,
  devices: [],
  otherFields: {},
  ...fields,
});

describe("parseMdadmDetailScan", () => {
  it("reads native arrays, a spares count and an INACTIVE-ARRAY", () => {
    expect(parseOk(ownFixture("mdadm-detail-scan/native-arrays-spares-inactive.txt"))).toEqual([
      entry({
        device: "/dev/md/root",
        metadata: "1.2",
        name: "web01:root",
        uuid: "3aaa0122:29827cfa:5331ad66:ca767371",
      }),
      entry({
        device: "/dev/md/data",
        metadata: "1.2",
        spares: 1,
        name: "web01:data",
        uuid: "b7c9e0d2:41f3a865:0c2d7e19:9a4f6b30",
      }),
      entry({ device: "/dev/md0", metadata: "0.90", uuid: "3f720601:29af5283:96fc04a8:108a4af7" }),
      entry({
        device: "/dev/md127",
        inactive: true,
        metadata: "1.2",
        name: "web01:scratch",
        uuid: "6e1d0f3b:c28a7d54:9b3e6f01:d4a2c8e7",
      }),
    ]);
  });

  it("reads --verbose output: container, member, quoted name, bitmap and devices= lines", () => {
    const nvme = ["/dev/nvme0n1", "/dev/nvme1n1"];
    expect(
      parseOk(ownFixture("mdadm-detail-scan/verbose-imsm-container-member-quoted-name.txt")),
    ).toEqual([
      entry({
        device: "/dev/md/imsm0",
        level: "container",
        numDevices: 2,
        metadata: "imsm",
        uuid: "0f0c6b0a:8d27a6c5:bf9aa9cd:8f1b4c1f",
        devices: nvme,
      }),
      entry({
        device: "/dev/md/Volume0_0",
        level: "raid1",
        numDevices: 2,
        container: "/dev/md/imsm0",
        member: "0",
        uuid: "8f2c4e1a:6b3d9f07:e5a1c284:0d7b6e93",
        devices: nvme,
      }),
      entry({
        device: "/dev/md/backup",
        level: "raid5",
        numDevices: 3,
        metadata: "1.2",
        bitmap: "/var/lib/mdadm/backup.bitmap",
        name: "nas01:backup set",
        uuid: "c3a1f9e2:7d4b0c58:e16f2a93:5b8d0e47",
        devices: ["/dev/sda1", "/dev/sdb1", "/dev/sdc1"],
      }),
    ]);
  });

  it("reads examine-style lines without a device and keeps unknown keys", () => {
    expect(parseOk("ARRAY metadata=ddf UUID=01234567:89abcdef:01234567:89abcdef auto=yes")).toEqual(
      [
        entry({
          metadata: "ddf",
          uuid: "01234567:89abcdef:01234567:89abcdef",
          otherFields: { auto: "yes" },
        }),
      ],
    );
  });

  it("returns no entries for empty output (no arrays)", () => {
    expect(parseOk("")).toEqual([]);
  });

  it.each([
    [ownFixture("mdadm-detail-scan/malformed-bare-uuid-token.txt"), 2, "key=value", "UUID"],
    ["mdadm: No arrays found", 1, '"ARRAY <device> key=value…" line', "mdadm: No arrays found"],
    ["ARRAY /dev/md0 spares=x", 1, "spares=<count>", "spares=x"],
    [
      'ARRAY /dev/md0 name="unterminated',
      1,
      "balanced quotes",
      'ARRAY /dev/md0 name="unterminated',
    ],
    ["   devices=/dev/sda", 1, '"ARRAY <device> key=value…" line', "devices=/dev/sda"],
  ])("rejects %j at line %i", (text, line, expected, got) => {
    expect(parseMdadmDetailScan(text)).toEqual({
      ok: false,
      error: { code: "PARSE_FAILED", line, expected, got },
    });
  });
});
