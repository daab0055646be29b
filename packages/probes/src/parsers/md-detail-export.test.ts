import { describeParseError, type MdadmDetail, MdadmDetailSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { emptyDetail } from "./md-detail-fields";
import { parseMdadmDetail } from "./mdadm-detail";

function parseOk(text: string): MdadmDetail {
  const result = parseMdadmDetail(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdadmDetailSchema.parse(result.value);
}

const device = (
  sysName: string,
  raidDevice: number | null,
  path: string,
  flags: string[] = [],
) => ({
  number: null,
  major: null,
  minor: null,
  raidDevice,
  stateFlags: flags,
  device: path,
  sysName,
});

describe("parseMdadmDetail --export form", () => {
  it("reads a raid1 with a spare", () => {
    expect(parseOk(ownFixture("mdadm-detail/export-raid1-with-spare.txt"))).toEqual({
      ...emptyDetail("export"),
      raidLevel: "raid1",
      raidDevices: 2,
      version: "1.2",
      uuid: "3aaa0122:29827cfa:5331ad66:ca767371",
      devName: "root",
      reshapeActive: false,
      name: "web01:root",
      devices: [
        device("dev_sda1", 0, "/dev/sda1"),
        device("dev_sdb1", 1, "/dev/sdb1"),
        device("dev_sdc1", null, "/dev/sdc1", ["spare"]),
      ],
    });
  });

  it("reads an imsm member: MD_CONTAINER/MD_MEMBER instead of MD_METADATA", () => {
    expect(parseOk(ownFixture("mdadm-detail/export-imsm-member.txt"))).toEqual({
      ...emptyDetail("export"),
      raidLevel: "raid1",
      raidDevices: 2,
      container: "/dev/md/imsm0",
      member: "0",
      uuid: "8f2c4e1a:6b3d9f07:e5a1c284:0d7b6e93",
      devName: "Volume0_0",
      reshapeActive: false,
      devices: [device("dev_nvme0n1", 0, "/dev/nvme0n1"), device("dev_nvme1n1", 1, "/dev/nvme1n1")],
    });
  });

  it("reads a container, whose MD_DEVICES counts member disks", () => {
    expect(parseOk(ownFixture("mdadm-detail/export-imsm-container.txt"))).toEqual({
      ...emptyDetail("export"),
      raidLevel: "container",
      totalDevices: 2,
      version: "imsm",
      uuid: "0f0c6b0a:8d27a6c5:bf9aa9cd:8f1b4c1f",
      devName: "imsm0",
      devices: [
        device("dev_nvme0n1", null, "/dev/nvme0n1", ["spare"]),
        device("dev_nvme1n1", null, "/dev/nvme1n1", ["spare"]),
      ],
    });
  });

  it("keeps unknown MD_ keys and parses CRLF the same", () => {
    const text = "MD_LEVEL=raid1\r\nMD_DEVICES=2\r\nMD_CLUSTER_NAME=ha\r\n";
    const detail = parseOk(text);
    expect(detail.otherFields).toEqual({ MD_CLUSTER_NAME: "ha" });
    expect(detail).toEqual(parseOk(text.replace(/\r/g, "")));
  });

  it.each([
    [
      ownFixture("mdadm-detail/export-malformed-devices.txt"),
      2,
      "valid MD_DEVICES value",
      "MD_DEVICES=two",
    ],
    ["MD_LEVEL=raid1\nnot an assignment", 2, "MD_<KEY>=<value> line", "not an assignment"],
    [
      "MD_LEVEL=raid1\nMD_DEVICE_dev_sda_ROLE=-1",
      2,
      "valid MD_DEVICE_dev_sda_ROLE value",
      "MD_DEVICE_dev_sda_ROLE=-1",
    ],
    [
      "MD_LEVEL=raid1\nMD_DEVICE_dev_sda_DEV=sda",
      2,
      "valid MD_DEVICE_dev_sda_DEV value",
      "MD_DEVICE_dev_sda_DEV=sda",
    ],
    ["MD_RESHAPE_ACTIVE=maybe", 1, "valid MD_RESHAPE_ACTIVE value", "MD_RESHAPE_ACTIVE=maybe"],
  ])("rejects %j at line %i", (text, line, expected, got) => {
    expect(parseMdadmDetail(text)).toEqual({
      ok: false,
      error: { code: "PARSE_FAILED", line, expected, got },
    });
  });
});
