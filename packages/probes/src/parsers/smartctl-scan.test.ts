import { SmartScanDeviceSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseSmartctlAny, parseSmartctlScan } from "./smartctl";

describe("parseSmartctlScan on own fixtures and malformed input", () => {
  it("has a test for every own fixture", () => {
    expect(ownFixtureNames("smartctl-scan-json")).toEqual([
      "scan-no-devices.json",
      "scan-open-megaraid-nvme-open-error.json",
    ]);
  });

  it("reads --scan-open with RAID passthrough devices and an open error", () => {
    const result = parseSmartctlScan(
      ownFixture("smartctl-scan-json/scan-open-megaraid-nvme-open-error.json"),
    );
    if (!result.ok) expect.fail(JSON.stringify(result.error));
    expect(result.value.map((d) => SmartScanDeviceSchema.parse(d))).toEqual([
      {
        name: "/dev/sda",
        infoName: "/dev/sda [SAT]",
        type: "sat",
        protocol: "ATA",
        openError: null,
      },
      {
        name: "/dev/bus/0",
        infoName: "/dev/bus/0 [megaraid_disk_00] [SAT]",
        type: "sat+megaraid,0",
        protocol: "ATA",
        openError: null,
      },
      {
        name: "/dev/bus/0",
        infoName: "/dev/bus/0 [megaraid_disk_01]",
        type: "megaraid,1",
        protocol: "SCSI",
        openError: null,
      },
      {
        name: "/dev/nvme0",
        infoName: "/dev/nvme0",
        type: "nvme",
        protocol: "NVMe",
        openError: null,
      },
      {
        name: "/dev/sdb",
        infoName: "/dev/sdb",
        type: "scsi",
        protocol: "SCSI",
        openError: "INQUIRY failed",
      },
    ]);
  });

  it("reads a scan that found nothing (no devices key) as an empty list", () => {
    expect(parseSmartctlScan(ownFixture("smartctl-scan-json/scan-no-devices.json"))).toEqual({
      ok: true,
      value: [],
    });
  });

  it.each([
    ["devices not an array", '{"smartctl": {"exit_status": 0}, "devices": {}}', "devices"],
    [
      "a device without name",
      '{"smartctl": {"exit_status": 0}, "devices": [{"type": "sat"}]}',
      "devices[0].name",
    ],
    [
      "a device that is not an object",
      '{"smartctl": {"exit_status": 0}, "devices": [1]}',
      "devices[0]",
    ],
    ["no smartctl object", '{"devices": []}', "smartctl.exit_status"],
  ])("names the field for %s", (_name, text, field) => {
    const result = parseSmartctlScan(text);
    expect(result.ok ? null : result.error.field).toBe(field);
  });
});

const SCANS = [
  ["netdata-scan-nvme.json", [["/dev/nvme0", "/dev/nvme0", "nvme", "NVMe"]]],
  [
    "netdata-scan-sat.json",
    [
      ["/dev/sda", "/dev/sda [SAT]", "sat", "ATA"],
      ["/dev/sdc", "/dev/sdc [SAT]", "sat", "ATA"],
    ],
  ],
  ["netdata-scan-scsi.json", [["/dev/sda", "/dev/sda", "scsi", "SCSI"]]],
] as const;

describe.runIf(hasSharedFixtures("smartctl-scan-json"))(
  "parseSmartctlScan on the shared captures",
  () => {
    it("has a row for every capture", () => {
      expect(SCANS.map((row) => row[0])).toEqual(fixtureNames("smartctl-scan-json"));
    });

    it.each(SCANS)("%s", (file, devices) => {
      const result = parseSmartctlScan(fixture(`smartctl-scan-json/${file}`));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const expected = devices.map(([name, infoName, type, protocol]) => ({
        name,
        infoName,
        type,
        protocol,
        openError: null,
      }));
      expect(result.value).toEqual(expected);
    });
  },
);

describe("parseSmartctlAny", () => {
  const scan = '{"smartctl":{"exit_status":0},"devices":[{"name":"/dev/sda","protocol":"ATA"}]';
  const report = '{"smartctl":{"exit_status":0},"device":{"name":"/dev/sda","protocol":"ATA"}}';

  it("reads a device list as a scan and a device report as a report", () => {
    expect(parseSmartctlAny(`${scan}}`)).toEqual(parseSmartctlScan(`${scan}}`));
    const result = parseSmartctlAny(report);
    expect(result.ok && !Array.isArray(result.value) && result.value.device?.name).toBe("/dev/sda");
  });

  it('decides on the text "device", so a key spelled with an escape does not count', () => {
    // \u0064 is "d": JSON.parse sees a "device" key, the text never says "device".
    const escaped = `${scan},"\\u0064evice":{"name":"/dev/sdb"}}`;
    expect(parseSmartctlAny(escaped)).toEqual(parseSmartctlScan(escaped));
    const named = `${scan},"device":{"name":"/dev/sdb"}}`;
    const result = parseSmartctlAny(named);
    expect(result.ok && !Array.isArray(result.value) && result.value.device?.name).toBe("/dev/sdb");
  });
});
