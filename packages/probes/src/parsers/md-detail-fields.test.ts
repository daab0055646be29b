import {
  describeParseError,
  type MdadmDetail,
  type MdadmDetailDevice,
  MdadmDetailSchema,
} from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { emptyDetail } from "./md-detail-fields";
import { parseMdadmDetail } from "./mdadm-detail";

// `mdadm --detail` on the project's own captures (no ../shared needed) and on malformed input.

type Expected = Partial<Omit<MdadmDetail, "devices">> & { devices: string[] };

function parseOk(text: string): MdadmDetail {
  const result = parseMdadmDetail(text);
  if (!result.ok) throw new Error(describeParseError(result.error));
  return MdadmDetailSchema.parse(result.value);
}

function deviceText(d: MdadmDetailDevice): string {
  const numbers = `${d.number ?? "-"} ${d.major ?? "-"}:${d.minor ?? "-"} ${d.raidDevice ?? "-"}`;
  return `${numbers} ${d.stateFlags.join(",") || "-"} ${d.device ?? "-"}`;
}

/** Compares every field: anything the expectation leaves out must be null/empty. */
function expectDetail(detail: MdadmDetail, expected: Expected): void {
  const { devices, ...rest } = detail;
  expect({ ...rest, devices: devices.map(deviceText) }).toEqual({
    ...emptyDetail("text"),
    ...expected,
  });
}

const PERSISTENT = { persistence: "Superblock is persistent" };
const counts = (active: number, working: number, failed: number, spare: number) => ({
  activeDevices: active,
  workingDevices: working,
  failedDevices: failed,
  spareDevices: spare,
});
const events = (n: number) => ({ events: n, eventsRaw: String(n) });

const SDX = (n: number, minor: number, slot: number, dev: string) =>
  `${n} 8:${minor} ${slot} active,sync /dev/${dev}`;

describe("parseMdadmDetail on own fixtures", () => {
  it("reads a raid6 growing from 5 to 6 devices", () => {
    expectDetail(parseOk(ownFixture("mdadm-detail/raid6-grow-reshape-5-to-6.txt")), {
      ...PERSISTENT,
      device: "/dev/md0",
      version: "1.2",
      creationTime: "Mon Mar  4 10:12:55 2024",
      raidLevel: "raid6",
      arraySizeKb: 11720779776,
      usedDevSizeKb: 3906926592,
      raidDevices: 6,
      totalDevices: 6,
      intentBitmap: "Internal",
      updateTime: "Thu Nov  7 03:41:09 2024",
      state: "clean, reshaping",
      stateFlags: ["clean", "reshaping"],
      ...counts(6, 6, 0, 0),
      layout: "left-symmetric",
      chunkSizeKb: 512,
      consistencyPolicy: "bitmap",
      reshapeStatusPercent: 37,
      name: "nas01:0",
      localToHost: "nas01",
      uuid: "5b1d6a2c:8e3f4a71:9c2b0d45:e7f81a36",
      ...events(483201),
      otherFields: { "Delta Devices": "1, (5->6)" },
      devices: [
        SDX(0, 0, 0, "sda"),
        SDX(1, 16, 1, "sdb"),
        SDX(2, 32, 2, "sdc"),
        SDX(3, 48, 3, "sdd"),
        SDX(5, 80, 4, "sdf"),
        SDX(6, 64, 5, "sde"),
      ],
    });
  });

  it("reads a FAILED raid5 with two removed slots and two faulty disks", () => {
    expectDetail(parseOk(ownFixture("mdadm-detail/raid5-failed-two-faulty-removed.txt")), {
      ...PERSISTENT,
      device: "/dev/md1",
      version: "1.2",
      creationTime: "Sat Jan 13 18:02:41 2024",
      raidLevel: "raid5",
      arraySizeKb: 5860270080,
      usedDevSizeKb: 1953423360,
      raidDevices: 4,
      totalDevices: 4,
      intentBitmap: "Internal",
      updateTime: "Fri Nov  8 22:17:30 2024",
      state: "clean, FAILED",
      stateFlags: ["clean", "FAILED"],
      ...counts(2, 2, 2, 0),
      layout: "left-symmetric",
      chunkSizeKb: 512,
      consistencyPolicy: "bitmap",
      name: "backup02:1",
      localToHost: "backup02",
      uuid: "0d6c3a5e:71b2f9c4:a8e40d13:6f5b2c97",
      ...events(91844),
      devices: [
        SDX(0, 17, 0, "sdb1"),
        "- 0:0 1 removed -",
        SDX(2, 49, 2, "sdd1"),
        "- 0:0 3 removed -",
        "1 8:33 - faulty /dev/sdc1",
        "4 8:65 - faulty /dev/sde1",
      ],
    });
  });

  it("reads raid10 set-A/set-B flags, a DELAYED resync and a `missing` device node", () => {
    expectDetail(
      parseOk(ownFixture("mdadm-detail/raid10-near2-sets-resync-delayed-missing-node.txt")),
      {
        ...PERSISTENT,
        device: "/dev/md2",
        version: "1.2",
        creationTime: "Wed Jun 12 09:30:00 2024",
        raidLevel: "raid10",
        arraySizeKb: 1953260544,
        usedDevSizeKb: 976630272,
        raidDevices: 4,
        totalDevices: 4,
        updateTime: "Tue Nov 12 06:00:01 2024",
        state: "active, resyncing (DELAYED)",
        stateFlags: ["active", "resyncing", "DELAYED"],
        ...counts(4, 4, 0, 0),
        layout: "near=2",
        chunkSizeKb: 512,
        consistencyPolicy: "resync",
        name: "db03:2",
        uuid: "9a7e2c41:3d5f8b06:c1e94a72:5b0d3f18",
        ...events(1207),
        devices: [
          "0 259:1 0 active,sync,set-A /dev/nvme0n1p1",
          "1 259:3 1 active,sync,set-B /dev/nvme1n1p1",
          "2 259:5 2 active,sync,set-A /dev/nvme2n1p1",
          "3 259:7 3 active,sync,set-B -",
        ],
      },
    );
  });

  it("names the line of a truncated device row", () => {
    expect(parseMdadmDetail(ownFixture("mdadm-detail/malformed-truncated-device-row.txt"))).toEqual(
      {
        ok: false,
        error: {
          code: "PARSE_FAILED",
          line: 9,
          expected: '"Number Major Minor RaidDevice [State] [device]" row',
          got: "1       8",
        },
      },
    );
  });
});

describe("parseMdadmDetail malformed input", () => {
  const head = "/dev/md0:\n           Version : 1.2\n";
  it.each([
    ["", 1, 'mdadm --detail "Key : value" fields', ""],
    ["/dev/md0:\n", 2, 'mdadm --detail "Key : value" fields', ""],
    ["garbage", 1, '"Key : value" line or device table', "garbage"],
    [`${head}      Raid Devices : two`, 3, "Raid Devices as a device count", "two"],
    [`${head}        Array Size : 12 GB`, 3, 'Array Size as "<KiB> (<human size>)"', "12 GB"],
    [`${head}        Chunk Size : 512`, 3, 'Chunk Size as "<n>K"', "512"],
    [
      `${head}    Rebuild Status : 120% complete`,
      3,
      'Rebuild Status as "<n>% complete"',
      "120% complete",
    ],
    [
      `${head}            Events : 1.2.3`,
      3,
      'Events as event count ("<n>" or "<hi>.<lo>")',
      "1.2.3",
    ],
    [`${head}              UUID : not-a-uuid`, 3, "UUID as UUID", "not-a-uuid"],
    [
      `${head}         Container : /dev/md0`,
      3,
      'Container as "<container>, member <n>"',
      "/dev/md0",
    ],
    [
      `${head}          Magic : a92b4efc`,
      3,
      "mdadm --detail field (this looks like --examine output)",
      "Magic : a92b4efc",
    ],
  ])("rejects %j at line %i", (text, line, expected, got) => {
    expect(parseMdadmDetail(text)).toEqual({
      ok: false,
      error: { code: "PARSE_FAILED", line, expected, got },
    });
  });

  it("keeps unknown fields instead of failing", () => {
    const detail = parseOk(
      `${head}     New Chunksize : 256K\n  Reshape pos'n : 1024 (1.00 MiB 1.05 MB)`,
    );
    expect(detail.otherFields).toEqual({
      "New Chunksize": "256K",
      "Reshape pos'n": "1024 (1.00 MiB 1.05 MB)",
    });
  });

  it("accepts `Used Dev Size : unknown` as not reported", () => {
    expect(parseOk(`${head}     Used Dev Size : unknown`).usedDevSizeKb).toBeNull();
  });
});
