/*
 * NVMe sections of `smartctl --json -a`: the SMART / Health Information log (page 02h) and, from
 * smartmontools 7.4, the self-test log (page 06h).
 *
 *   "nvme_smart_health_information_log": { "critical_warning": 0, "temperature": 36,
 *     "available_spare": 100, "available_spare_threshold": 5, "percentage_used": 0,
 *     "data_units_read": 202, "unsafe_shutdowns": 2, "media_errors": 0, … },
 *   "nvme_self_test_log": { "table": [ { "self_test_code": { "value": 1, "string": "Short" },
 *     "self_test_result": { "value": 0, "string": "Completed without error" },
 *     "power_on_hours": 4733 } ] }
 */
import type {
  SmartNvmeCriticalWarningBits,
  SmartNvmeHealth,
  SmartSelfTestEntry,
} from "@holmes/core";
import { type JsonFieldReader, type JsonObject, RowPath } from "./json-fields";

/** Critical Warning bits, NVMe base spec "SMART / Health Information", byte 0. */
export function decodeNvmeCriticalWarning(value: number): SmartNvmeCriticalWarningBits {
  return {
    availableSpareLow: (value & 0x01) !== 0,
    temperature: (value & 0x02) !== 0,
    reliabilityDegraded: (value & 0x04) !== 0,
    readOnly: (value & 0x08) !== 0,
    volatileMemoryBackupFailed: (value & 0x10) !== 0,
    persistentMemoryRegionUnreliable: (value & 0x20) !== 0,
  };
}

export function readNvmeHealth(r: JsonFieldReader, doc: JsonObject): SmartNvmeHealth | null {
  const path = "nvme_smart_health_information_log";
  const log = r.object(doc, path, "");
  if (log === null) return null;
  const criticalWarning = r.integer(log, "critical_warning", path);
  return {
    criticalWarning,
    criticalWarningBits:
      criticalWarning === null ? null : decodeNvmeCriticalWarning(criticalWarning),
    mediaErrors: r.number(log, "media_errors", path),
    percentageUsed: r.number(log, "percentage_used", path),
    availableSpare: r.number(log, "available_spare", path),
    availableSpareThreshold: r.number(log, "available_spare_threshold", path),
    unsafeShutdowns: r.number(log, "unsafe_shutdowns", path),
    powerCycles: r.number(log, "power_cycles", path),
    dataUnitsRead: r.number(log, "data_units_read", path),
    dataUnitsWritten: r.number(log, "data_units_written", path),
    numErrLogEntries: r.number(log, "num_err_log_entries", path),
    warningTempMinutes: r.number(log, "warning_temp_time", path),
    criticalTempMinutes: r.number(log, "critical_comp_time", path),
  };
}

// Self-test result codes 5-7 are failures; 1-4, 8, 9 are aborts, which say nothing about the media.
const NVME_FAILED_RESULTS: ReadonlySet<number> = new Set([5, 6, 7]);

export function readNvmeSelfTests(r: JsonFieldReader, doc: JsonObject): SmartSelfTestEntry[] {
  const log = r.asObject(doc.nvme_self_test_log, "", "nvme_self_test_log");
  const tablePath = "nvme_self_test_log.table";
  const rows = r.objects(r.asArray(log?.table, "nvme_self_test_log", "table"), tablePath);
  // Fields of the objects inside a row are named by dotted keys, so one RowPath serves every row.
  const rowPath = new RowPath(tablePath);
  return rows.map((row, i) => {
    const path = rowPath.at(i);
    const result = r.asObject(row.self_test_result, path, "self_test_result");
    const statusCode = r.asInteger(result?.value, path, "self_test_result.value");
    const code = r.asObject(row.self_test_code, path, "self_test_code");
    return {
      type: r.asRequiredString(code?.string, path, "self_test_code.string"),
      status: r.asRequiredString(result?.string, path, "self_test_result.string"),
      statusCode,
      passed: nvmeSelfTestPassed(statusCode),
      lifetimeHours: r.asInteger(row.power_on_hours, path, "power_on_hours"),
      remainingPercent: null,
      failingLba: r.asInteger(row.lba, path, "lba"),
    };
  });
}

function nvmeSelfTestPassed(code: number | null): boolean | null {
  if (code === 0) return true;
  if (code !== null && NVME_FAILED_RESULTS.has(code)) return false;
  return null;
}
