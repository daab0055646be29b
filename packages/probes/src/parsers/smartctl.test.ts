import { type SmartReport, SmartReportSchema } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture, ownFixtureNames } from "../testing/fixtures";
import { decodeSmartctlExitStatus, parseSmartctl } from "./smartctl";

function parseOwn(file: string): SmartReport {
  const result = parseSmartctl(ownFixture(`smartctl-json/${file}`));
  if (!result.ok) expect.fail(`${file}: ${JSON.stringify(result.error)}`);
  return SmartReportSchema.parse(result.value);
}

const NO_EXIT_BITS = decodeSmartctlExitStatus(0);

describe("parseSmartctl on own fixtures", () => {
  it("has a test for every own fixture", () => {
    expect(ownFixtureNames("smartctl-json")).toEqual([
      "ata-hdd-failing-reallocated-pending.json",
      "ata-ssd-x-extended-logs-hours-wrapped.json",
      "ata-standby-nocheck.json",
      "nvme-critical-warning-failed-selftest.json",
      "open-failed-no-such-device.json",
      "scsi-sas-grown-defects-uncorrected.json",
    ]);
  });

  it("reads a failing ATA disk: reallocated and pending sectors, failed self-test", () => {
    const report = parseOwn("ata-hdd-failing-reallocated-pending.json");
    expect(report).toMatchObject({
      protocol: "ATA",
      model: "ST4000NM0035-1V4107",
      modelFamily: "Seagate Enterprise Capacity 3.5 HDD",
      serial: "ZC1A2B3C",
      wwn: "5000c500b312349c",
      firmware: "TN03",
      capacityBytes: 4000787030016,
      rotationRate: 7200,
      passed: false,
      temperatureC: 41,
      powerOnHours: 41234,
      powerCycleCount: 38,
      errorLogCount: 1473,
      selfTestErrorCount: 1,
      lastSelfTestHours: 41200,
      hoursSinceLastSelfTest: 34,
    });
    expect(report.exitStatus).toEqual({
      ...NO_EXIT_BITS,
      raw: 248,
      isDiskFailing: true,
      hasPrefailAtOrBelowThreshold: true,
      hasAttributesBelowThresholdInPast: true,
      hasErrorLogErrors: true,
      hasSelfTestLogErrors: true,
    });
    const byId = new Map(report.attributes.map((a) => [a.id, a]));
    expect(report.attributes).toHaveLength(15);
    expect(byId.get(5)).toEqual({
      id: 5,
      name: "Reallocated_Sector_Ct",
      value: 1,
      worst: 1,
      threshold: 10,
      raw: 4088,
      rawString: "4088",
      whenFailed: "now",
      isPrefailure: true,
    });
    expect(byId.get(190)).toMatchObject({ whenFailed: "past", raw: 41, isPrefailure: false });
    expect(byId.get(188)).toMatchObject({ raw: 4295032833, rawString: "1 1 1" });
    expect([byId.get(197)?.raw, byId.get(198)?.raw, byId.get(187)?.raw]).toEqual([312, 312, 1473]);
    expect(report.selfTests).toEqual([
      {
        type: "Extended offline",
        status: "Completed: read failure",
        statusCode: 119,
        passed: false,
        lifetimeHours: 41200,
        remainingPercent: 70,
        failingLba: 1876539362,
      },
      {
        type: "Short offline",
        status: "Completed without error",
        statusCode: 0,
        passed: true,
        lifetimeHours: 41000,
        remainingPercent: null,
        failingLba: null,
      },
      {
        type: "Short offline",
        status: "Interrupted (host reset)",
        statusCode: 33,
        passed: null,
        lifetimeHours: 40832,
        remainingPercent: 10,
        failingLba: null,
      },
    ]);
    expect(report.errorLogEntries).toEqual([
      {
        errorNumber: 1473,
        lifetimeHours: 41231,
        description: "Error: UNC at LBA = 0x6fd9b7ea = 1876539370",
      },
      {
        errorNumber: 1472,
        lifetimeHours: 41231,
        description: "Error: UNC at LBA = 0x6fd9b7e2 = 1876539362",
      },
    ]);
  });

  it("reads a disk skipped in STANDBY by --nocheck=standby (exit 2, minimal JSON)", () => {
    expect(parseOwn("ata-standby-nocheck.json")).toEqual({
      protocol: "ATA",
      device: { name: "/dev/sdd", infoName: "/dev/sdd [SAT]", type: "sat" },
      smartctlVersion: "7.4",
      model: null,
      modelFamily: null,
      serial: null,
      wwn: null,
      firmware: null,
      capacityBytes: null,
      logicalBlockSize: null,
      rotationRate: null,
      isSmartAvailable: null,
      isSmartEnabled: null,
      passed: null,
      temperatureC: null,
      powerOnHours: null,
      powerCycleCount: null,
      attributes: [],
      selfTests: [],
      lastSelfTestHours: null,
      hoursSinceLastSelfTest: null,
      selfTestErrorCount: null,
      errorLogCount: null,
      errorLogEntries: [],
      nvme: null,
      scsi: null,
      exitStatus: { ...NO_EXIT_BITS, raw: 2, hasDeviceOpenFailed: true },
      messages: ["Device is in STANDBY mode, exit(2)"],
      skippedPowerMode: "STANDBY",
    });
  });

  it("reads an NVMe with critical warnings, worn out, and a failed self-test", () => {
    const report = parseOwn("nvme-critical-warning-failed-selftest.json");
    expect(report).toMatchObject({
      protocol: "NVMe",
      model: "Samsung SSD 970 EVO Plus 1TB",
      serial: "S4EWNX0R123456A",
      wwn: null,
      capacityBytes: 1000204886016,
      rotationRate: null,
      passed: false,
      temperatureC: 58,
      powerOnHours: 30112,
      lastSelfTestHours: 30100,
      hoursSinceLastSelfTest: 12,
      attributes: [],
    });
    expect(report.exitStatus).toMatchObject({
      raw: 200,
      isDiskFailing: true,
      hasSelfTestLogErrors: true,
    });
    expect(report.nvme).toEqual({
      criticalWarning: 5,
      criticalWarningBits: {
        availableSpareLow: true,
        temperature: false,
        reliabilityDegraded: true,
        readOnly: false,
        volatileMemoryBackupFailed: false,
        persistentMemoryRegionUnreliable: false,
      },
      mediaErrors: 17,
      percentageUsed: 103,
      availableSpare: 3,
      availableSpareThreshold: 10,
      unsafeShutdowns: 97,
      powerCycles: 211,
      dataUnitsRead: 912345678,
      dataUnitsWritten: 1523456789,
      numErrLogEntries: 1042,
      warningTempMinutes: 312,
      criticalTempMinutes: 4,
    });
    expect(report.selfTests.map((t) => [t.type, t.statusCode, t.passed, t.lifetimeHours])).toEqual([
      ["Extended", 7, false, 30100],
      ["Short", 0, true, 29950],
      ["Short", 2, null, 29800],
    ]);
    expect(report.selfTests[0]?.failingLba).toBe(1234567890);
  });

  it("reads a SAS disk with a grown defect list and uncorrected read errors", () => {
    const report = parseOwn("scsi-sas-grown-defects-uncorrected.json");
    expect(report).toMatchObject({
      protocol: "SCSI",
      model: "SEAGATE ST8000NM0075",
      wwn: "5000c500a1b2c3d4",
      firmware: "E004",
      passed: true,
      powerOnHours: 52011,
      temperatureC: 39,
    });
    expect(report.scsi).toMatchObject({
      vendor: "SEAGATE",
      product: "ST8000NM0075",
      revision: "E004",
      grownDefects: 1264,
      startStopCycles: 61,
      specifiedStartStopCycles: 10000,
      loadUnloadCycles: 2409,
      specifiedLoadUnloadCycles: 300000,
    });
    expect(report.scsi?.errorCounters.read).toEqual({
      errorsCorrectedByEccFast: 2872245571,
      errorsCorrectedByEccDelayed: 1411,
      errorsCorrectedByRereadsRewrites: 52,
      totalErrorsCorrected: 2872247034,
      correctionAlgorithmInvocations: 2872247034,
      gigabytesProcessed: 512344.901,
      totalUncorrectedErrors: 3,
    });
    expect(report.scsi?.errorCounters.verify?.totalErrorsCorrected).toBe(81241);
  });

  it("reads an open failure: no device object, exit bit 1, the message kept", () => {
    const report = parseOwn("open-failed-no-such-device.json");
    expect(report.protocol).toBeNull();
    expect(report.device).toBeNull();
    expect(report.exitStatus).toEqual({ ...NO_EXIT_BITS, raw: 2, hasDeviceOpenFailed: true });
    expect(report.messages).toEqual(["Smartctl open device: /dev/sdz failed: No such device"]);
    expect(report.skippedPowerMode).toBeNull();
  });

  it("prefers -x extended logs and corrects the 16-bit self-test hour wrap", () => {
    const report = parseOwn("ata-ssd-x-extended-logs-hours-wrapped.json");
    expect(report.powerOnHours).toBe(70012);
    expect(report.selfTests.map((t) => [t.type, t.lifetimeHours, t.passed])).toEqual([
      ["Short offline", 4470, true],
      ["Extended offline", 4300, true],
    ]);
    expect([report.lastSelfTestHours, report.hoursSinceLastSelfTest]).toEqual([4470, 6]);
    expect(report.errorLogCount).toBe(3);
    expect(report.errorLogEntries[0]).toEqual({
      errorNumber: 3,
      lifetimeHours: 4460,
      description: "Error: ABRT",
    });
    expect(report.attributes.find((a) => a.id === 9)).toMatchObject({
      raw: 70012,
      rawString: "70012h+05m+12.340s",
    });
    expect(report.exitStatus).toEqual({ ...NO_EXIT_BITS, raw: 64, hasErrorLogErrors: true });
  });
});
