import type { DiskState, FindingSeverity } from "@holmes/core";

/**
 * The ATA attributes Backblaze found to predict drive failure: "When the RAW value for one of
 * these five attributes is greater than zero, we have a reason to investigate" (5, 187, 188, 197,
 * 198; Backblaze, "What SMART Stats Tell Us About Hard Drives", 2016-10-06, and "Hard Drive SMART
 * Stats", 2014-11-12, whose charts show the failure rate climbing with the raw count). 196
 * (reallocation events) moves with 5 on most drives and is scored the same way.
 *
 * The bucket edges are Holmes's, set by those observations, not taken from a published table:
 *   0       → none      no finding
 *   1–9     → elevated  warning: "reason to investigate", a few remapped sectors
 *   10–99   → high      warning: the drive is remapping steadily; plan its replacement
 *   ≥ 100   → severe    critical: replace it; in an array, before a second disk goes
 * Any increase since the previous SMART read is at least a warning, whatever the bucket.
 */
export const PREDICTOR_ATTRIBUTES: Record<number, string> = {
  5: "reallocated sectors",
  187: "reported uncorrectable errors",
  188: "command timeouts",
  196: "reallocation events",
  197: "current pending sectors",
  198: "offline uncorrectable sectors",
};

export type RiskBucket = "none" | "elevated" | "high" | "severe";

export function bucketOf(raw: number): RiskBucket {
  if (!(raw > 0)) return "none";
  if (raw < 10) return "elevated";
  if (raw < 100) return "high";
  return "severe";
}

export const BUCKET_SEVERITY: Record<RiskBucket, FindingSeverity | null> = {
  none: null,
  elevated: "warning",
  high: "warning",
  severe: "critical",
};

export type PredictorReading = {
  id: number;
  name: string;
  raw: number;
  previous: number | null;
  bucket: RiskBucket;
};

/** The failure-predictor attributes of an ATA disk that are non-zero or went up. */
export function predictorReadings(disk: DiskState): PredictorReading[] {
  return disk.attributes.flatMap((attribute) => {
    const name = PREDICTOR_ATTRIBUTES[attribute.id];
    if (!name || !Number.isFinite(attribute.raw)) return [];
    const previous = disk.previousCounters?.[`ata${attribute.id}`] ?? null;
    const bucket = bucketOf(attribute.raw);
    if (bucket === "none" && !(previous !== null && attribute.raw > previous)) return [];
    return [{ id: attribute.id, name, raw: attribute.raw, previous, bucket }];
  });
}

/**
 * A disk whose own verdict is "failing", or that reports any predictor above zero: the definition
 * of "at risk" the redundancy rules use when they ask whether a mirror still has a good copy.
 */
export function isDiskAtRisk(disk: DiskState): boolean {
  if (disk.smartPassed === false) return true;
  if ((disk.nvme?.criticalWarning ?? 0) > 0) return true;
  return predictorReadings(disk).some((reading) => reading.bucket !== "none");
}
