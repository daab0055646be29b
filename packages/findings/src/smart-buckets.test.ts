import { describe, expect, it } from "vitest";
import { BUCKET_SEVERITY, bucketOf, isDiskAtRisk, predictorReadings } from "./smart-buckets";
import { ataAttribute, disk, nvmeDisk, withAttributes } from "./testing/host-state";

describe("bucketOf", () => {
  it.each([
    [0, "none", null],
    [1, "elevated", "warning"],
    [9, "elevated", "warning"],
    [10, "high", "warning"],
    [99, "high", "warning"],
    [100, "severe", "critical"],
    [65_535, "severe", "critical"],
  ] as const)("raw %i is %s (%s)", (raw, bucket, severity) => {
    expect(bucketOf(raw)).toBe(bucket);
    expect(BUCKET_SEVERITY[bucketOf(raw)]).toBe(severity);
  });

  it("puts a garbled negative or NaN raw in none rather than scoring it", () => {
    expect(bucketOf(-1)).toBe("none");
    expect(bucketOf(Number.NaN)).toBe("none");
  });
});

describe("predictorReadings", () => {
  it("keeps only non-zero predictors, with their previous value", () => {
    const worn = disk({
      attributes: withAttributes(ataAttribute(5, 12), ataAttribute(9, 40_000)),
      previousCounters: { ata5: 8, ata197: 0 },
    });
    expect(predictorReadings(worn)).toEqual([
      { id: 5, name: "reallocated sectors", raw: 12, previous: 8, bucket: "high" },
    ]);
  });

  it("is empty for a healthy drive, and for pending sectors that went back to zero", () => {
    expect(predictorReadings(disk())).toEqual([]);
    expect(predictorReadings(disk({ previousCounters: { ata197: 4 } }))).toEqual([]);
  });
});

describe("isDiskAtRisk", () => {
  it("is true for a failed verdict, an NVMe critical warning or any predictor above zero", () => {
    expect(isDiskAtRisk(disk({ smartPassed: false }))).toBe(true);
    expect(isDiskAtRisk(nvmeDisk({ nvme: { criticalWarning: 4 } }))).toBe(true);
    expect(isDiskAtRisk(disk({ attributes: withAttributes(ataAttribute(198, 1)) }))).toBe(true);
  });

  it("is false for a healthy disk, and for an unknown verdict with clean counters", () => {
    expect(isDiskAtRisk(disk())).toBe(false);
    expect(isDiskAtRisk(disk({ smartPassed: null }))).toBe(false);
    expect(isDiskAtRisk(nvmeDisk())).toBe(false);
  });
});
