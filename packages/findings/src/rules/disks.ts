import type { DiskState, FindingDraft, FindingSeverity } from "@holmes/core";
import { draftFor, type Rule } from "../rule";
import { BUCKET_SEVERITY, predictorReadings } from "../smart-buckets";

const RUNBOOK_REPLACE = "md-replace-member";

const label = (disk: DiskState) =>
  [disk.name, disk.model, disk.serial ? `serial ${disk.serial}` : null].filter(Boolean).join(" · ");

const identity = (disk: DiskState) => ({ model: disk.model, serial: disk.serial });

/** Disks asleep at the last read kept their previous data; rules only judge what was read. */
const readable = (disks: DiskState[]) => disks.filter((disk) => !disk.isStandby);

export const smartFailed: Rule = {
  id: "disk.smart_failed",
  summary: "The drive's own SMART verdict is FAILED",
  runbookId: RUNBOOK_REPLACE,
  evaluate: (state) =>
    readable(state.disks)
      .filter((disk) => disk.smartPassed === false)
      .map((disk) =>
        draftFor(smartFailed, {
          severity: "critical",
          objectKind: "disk",
          objectName: disk.name,
          title: `${disk.name} reports SMART overall-health FAILED`,
          explanation: `The drive itself predicts its failure (${label(disk)}). Replace it; if it is in an array, make sure the array's other members are healthy first.`,
          values: identity(disk),
        }),
      ),
};

const maxSeverity = (severities: FindingSeverity[]): FindingSeverity =>
  severities.includes("critical")
    ? "critical"
    : severities.includes("warning")
      ? "warning"
      : "info";

export const ataPredictors: Rule = {
  id: "disk.ata_predictors",
  summary: "Failure-predicting SMART attributes (5, 187, 188, 196, 197, 198) non-zero or rising",
  runbookId: RUNBOOK_REPLACE,
  evaluate: (state) =>
    readable(state.disks).flatMap((disk): FindingDraft[] => {
      const readings = predictorReadings(disk);
      if (readings.length === 0) return [];
      const rising = readings.filter((r) => r.previous !== null && r.raw > r.previous);
      const severity = maxSeverity(
        readings.map((r) => BUCKET_SEVERITY[r.bucket] ?? (rising.includes(r) ? "warning" : "info")),
      );
      const worded = readings.map(
        (r) =>
          `${r.name} ${r.raw}${r.previous !== null && r.raw > r.previous ? ` (up from ${r.previous})` : ""}`,
      );
      return [
        draftFor(ataPredictors, {
          severity,
          objectKind: "disk",
          objectName: disk.name,
          title: `${disk.name}: ${worded.join(", ")}`,
          explanation: `Backblaze found these counters above zero on most drives that went on to fail, and rarely on drives that did not. ${rising.length > 0 ? "They went up since the previous read: the drive is still degrading. " : ""}Plan to replace ${label(disk)}; in a mirror or parity array, check the other members first.`,
          values: {
            ...identity(disk),
            ...Object.fromEntries(readings.map((r) => [`raw ${r.id}`, r.raw])),
            ...Object.fromEntries(
              rising.map((r) => [`previous ${r.id}`, r.previous ?? null] as const),
            ),
          },
        }),
      ];
    }),
};

export const selfTestOverdue: Rule = {
  id: "disk.self_test_overdue",
  summary: "No SMART self-test within the configured age",
  runbookId: null,
  evaluate: (state, settings) =>
    readable(state.disks)
      .filter((disk) => disk.protocol === "ATA" || disk.protocol === "NVMe")
      .filter(
        (disk) =>
          disk.hoursSinceLastSelfTest === null ||
          disk.hoursSinceLastSelfTest > settings.selfTestMaxAgeHours,
      )
      .map((disk) =>
        draftFor(selfTestOverdue, {
          severity: "info",
          objectKind: "disk",
          objectName: disk.name,
          title:
            disk.hoursSinceLastSelfTest === null
              ? `${disk.name} has no recorded self-test`
              : `${disk.name}: last self-test ${disk.hoursSinceLastSelfTest} h ago`,
          explanation: `Self-tests find unreadable sectors before a rebuild does. Schedule a short test daily and a long one weekly (smartd -s), so a failing disk shows up while its array still has redundancy. Threshold: ${settings.selfTestMaxAgeHours} h.`,
          values: { ...identity(disk), hoursSinceLastSelfTest: disk.hoursSinceLastSelfTest },
        }),
      ),
};

export const errorLog: Rule = {
  id: "disk.error_log",
  summary: "The drive's error log has entries, or SCSI grown defects / uncorrected errors",
  runbookId: RUNBOOK_REPLACE,
  evaluate: (state) =>
    readable(state.disks).flatMap((disk): FindingDraft[] => {
      const scsi = disk.scsi;
      const uncorrected = scsi
        ? [scsi.errorCounters.read, scsi.errorCounters.write, scsi.errorCounters.verify].reduce(
            (sum, counters) => sum + (counters?.totalUncorrectedErrors ?? 0),
            0,
          )
        : 0;
      const values = {
        ...identity(disk),
        errorLogCount: disk.errorLogCount,
        grownDefects: scsi?.grownDefects ?? null,
        uncorrectedErrors: scsi ? uncorrected : null,
      };
      const problems = [
        (disk.errorLogCount ?? 0) > 0 && disk.protocol === "ATA"
          ? `${disk.errorLogCount} errors in the ATA error log`
          : null,
        (scsi?.grownDefects ?? 0) > 0 ? `${scsi?.grownDefects} grown defects` : null,
        uncorrected > 0 ? `${uncorrected} uncorrected errors` : null,
      ].filter((p): p is string => p !== null);
      if (problems.length === 0) return [];
      return [
        draftFor(errorLog, {
          severity: "warning",
          objectKind: "disk",
          objectName: disk.name,
          title: `${disk.name}: ${problems.join(", ")}`,
          explanation:
            "The drive recorded errors it could not hide. A few old entries can be harmless; a growing count means the drive is failing. Compare with the previous reads and the kernel log for this device.",
          values,
        }),
      ];
    }),
};

export const temperature: Rule = {
  id: "disk.temperature",
  summary: "Drive temperature above its warning or critical threshold",
  runbookId: null,
  evaluate: (state, settings) =>
    readable(state.disks).flatMap((disk): FindingDraft[] => {
      if (disk.temperatureC === null) return [];
      const isNvme = disk.protocol === "NVMe";
      const warning = isNvme ? settings.nvmeTemperatureWarningC : settings.diskTemperatureWarningC;
      const critical = isNvme
        ? settings.nvmeTemperatureCriticalC
        : settings.diskTemperatureCriticalC;
      if (disk.temperatureC < warning) return [];
      return [
        draftFor(temperature, {
          severity: disk.temperatureC >= critical ? "critical" : "warning",
          objectKind: "disk",
          objectName: disk.name,
          title: `${disk.name} at ${disk.temperatureC} °C`,
          explanation: `Above ${warning} °C drives age faster${isNvme ? " and NVMe controllers throttle" : ""}; above ${critical} °C they may shut down or lose data. Check the chassis fans and airflow, and whether neighbouring disks run hot too.`,
          values: { ...identity(disk), temperatureC: disk.temperatureC, warning, critical },
        }),
      ];
    }),
};
