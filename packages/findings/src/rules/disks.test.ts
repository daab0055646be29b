import { describe, expect, it } from "vitest";
import {
  ataAttribute,
  disk,
  hostState,
  nvmeDisk,
  run,
  scsiDisk,
  single,
  withAttributes,
} from "../testing/host-state";
import { ataPredictors, errorLog, selfTestOverdue, smartFailed, temperature } from "./disks";

const withDisks = (...disks: Parameters<typeof disk>[0][]) =>
  hostState({ disks: disks.map((overrides) => disk(overrides)) });

describe("disk.smart_failed", () => {
  it("is critical when the drive's own verdict is FAILED, naming model and serial", () => {
    const finding = single(run(smartFailed, withDisks({ name: "sdb", smartPassed: false })));
    expect(finding).toMatchObject({
      ruleId: "disk.smart_failed",
      severity: "critical",
      objectKind: "disk",
      objectName: "sdb",
      title: "sdb reports SMART overall-health FAILED",
    });
    expect(finding.explanation).toContain("WDC WD40EFRX-68N32N0 · serial SER-sdb");
  });

  it("says nothing for PASSED, unknown, or a disk asleep at the read", () => {
    const state = withDisks(
      {},
      { name: "sdb", smartPassed: null },
      { name: "sdc", smartPassed: false, isStandby: true },
    );
    expect(run(smartFailed, state)).toEqual([]);
  });
});

const predictors = (
  attributes: ReturnType<typeof ataAttribute>[],
  previous: Record<string, number> | null = null,
) => withDisks({ attributes: withAttributes(...attributes), previousCounters: previous });

describe("disk.ata_predictors", () => {
  it.each([
    [1, "warning"],
    [9, "warning"],
    [10, "warning"],
    [99, "warning"],
    [100, "critical"],
  ] as const)("scores %i reallocated sectors as %s", (raw, severity) => {
    const finding = single(run(ataPredictors, predictors([ataAttribute(5, raw)])));
    expect(finding).toMatchObject({
      ruleId: "disk.ata_predictors",
      severity,
      objectKind: "disk",
      objectName: "sda",
    });
    expect(finding.title).toBe(`sda: reallocated sectors ${raw}`);
    expect(finding.evidence.values["raw 5"]).toBe(raw);
  });

  it("takes the worst bucket across attributes and words each of them", () => {
    const finding = single(
      run(ataPredictors, predictors([ataAttribute(5, 3), ataAttribute(197, 240)])),
    );
    expect(finding.severity).toBe("critical");
    expect(finding.title).toBe("sda: reallocated sectors 3, current pending sectors 240");
  });

  it("words an increase within a bucket and keeps it at least a warning", () => {
    const finding = single(run(ataPredictors, predictors([ataAttribute(197, 5)], { ata197: 3 })));
    expect(finding.severity).toBe("warning");
    expect(finding.title).toBe("sda: current pending sectors 5 (up from 3)");
    expect(finding.explanation).toContain("went up since the previous read");
    expect(finding.evidence.values).toMatchObject({ "raw 197": 5, "previous 197": 3 });
  });

  it("keeps a severe count critical when it rises further", () => {
    const finding = single(run(ataPredictors, predictors([ataAttribute(5, 160)], { ata5: 150 })));
    expect(finding.severity).toBe("critical");
    expect(finding.title).toContain("(up from 150)");
  });

  it("does not call a steady count rising", () => {
    const finding = single(run(ataPredictors, predictors([ataAttribute(188, 2)], { ata188: 2 })));
    expect(finding.title).toBe("sda: command timeouts 2");
    expect(finding.explanation).not.toContain("went up");
  });

  it("says nothing when every predictor is zero, even if one was higher before", () => {
    expect(run(ataPredictors, predictors([], { ata197: 4 }))).toEqual([]);
    expect(run(ataPredictors, predictors([ataAttribute(9, 40_000)]))).toEqual([]);
  });
});

describe("disk.temperature", () => {
  it.each([
    ["an HDD", disk, 55, "warning"],
    ["an HDD", disk, 64, "warning"],
    ["an HDD", disk, 65, "critical"],
    ["an NVMe drive", nvmeDisk, 70, "warning"],
    ["an NVMe drive", nvmeDisk, 81, "critical"],
  ] as const)("rates %s at %i °C as %s", (_kind, build, temperatureC, severity) => {
    const state = hostState({ disks: [build({ temperatureC })] });
    const finding = single(run(temperature, state));
    expect(finding).toMatchObject({ ruleId: "disk.temperature", severity, objectKind: "disk" });
    expect(finding.title).toContain(`at ${temperatureC} °C`);
  });

  it("holds NVMe to its own thresholds: 60 °C is fine for it, not for an HDD", () => {
    expect(run(temperature, hostState({ disks: [nvmeDisk({ temperatureC: 60 })] }))).toEqual([]);
    const hdd = single(run(temperature, hostState({ disks: [disk({ temperatureC: 60 })] })));
    expect(hdd.evidence.values).toMatchObject({ warning: 55, critical: 65 });
  });

  it("says nothing below the threshold or without a reading", () => {
    expect(
      run(temperature, withDisks({ temperatureC: 54 }, { name: "sdb", temperatureC: null })),
    ).toEqual([]);
  });

  it("follows overridden settings", () => {
    expect(
      run(temperature, withDisks({ temperatureC: 50 }), { diskTemperatureWarningC: 45 }),
    ).toHaveLength(1);
  });
});

describe("disk.self_test_overdue", () => {
  it("is info when no self-test was ever recorded", () => {
    const finding = single(run(selfTestOverdue, withDisks({ hoursSinceLastSelfTest: null })));
    expect(finding).toMatchObject({
      ruleId: "disk.self_test_overdue",
      severity: "info",
      objectName: "sda",
      title: "sda has no recorded self-test",
    });
  });

  it("is info when the last one is older than the configured age", () => {
    const finding = single(run(selfTestOverdue, withDisks({ hoursSinceLastSelfTest: 30 })));
    expect(finding.title).toBe("sda: last self-test 30 h ago");
    expect(finding.explanation).toContain("Threshold: 24 h");
    expect(
      run(selfTestOverdue, withDisks({ hoursSinceLastSelfTest: 30 }), { selfTestMaxAgeHours: 48 }),
    ).toEqual([]);
  });

  it("says nothing after a recent test, or for SCSI and sleeping disks", () => {
    const state = hostState({
      disks: [
        disk({ hoursSinceLastSelfTest: 24 }),
        scsiDisk({ hoursSinceLastSelfTest: null }),
        disk({ name: "sdd", hoursSinceLastSelfTest: null, isStandby: true }),
      ],
    });
    expect(run(selfTestOverdue, state)).toEqual([]);
  });
});

describe("disk.error_log", () => {
  it("is a warning for ATA error log entries", () => {
    const finding = single(run(errorLog, withDisks({ errorLogCount: 1473 })));
    expect(finding).toMatchObject({
      ruleId: "disk.error_log",
      severity: "warning",
      objectName: "sda",
      title: "sda: 1473 errors in the ATA error log",
    });
  });

  it("adds up SCSI grown defects and uncorrected errors", () => {
    const state = hostState({
      disks: [scsiDisk({ scsi: { grownDefects: 12, uncorrected: { read: 2, verify: 1 } } })],
    });
    const finding = single(run(errorLog, state));
    expect(finding.title).toBe("sdc: 12 grown defects, 3 uncorrected errors");
    expect(finding.evidence.values).toMatchObject({ grownDefects: 12, uncorrectedErrors: 3 });
  });

  it("says nothing for clean logs, unknown counts or missing SCSI counter pages", () => {
    const blank = scsiDisk();
    if (blank.scsi) blank.scsi.errorCounters = { read: null, write: null, verify: null };
    const state = hostState({
      disks: [disk(), disk({ name: "sdb", errorLogCount: null }), scsiDisk({ name: "sde" }), blank],
    });
    expect(run(errorLog, state)).toEqual([]);
  });
});
