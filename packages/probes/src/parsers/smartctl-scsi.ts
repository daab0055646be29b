/*
 * SCSI/SAS sections of `smartctl --json -a` (scsiprint.cpp, smartmontools 7.x):
 *
 *   "scsi_grown_defect_list": 0,
 *   "scsi_error_counter_log": { "read": { "errors_corrected_by_eccfast": 647707,
 *     "errors_corrected_by_eccdelayed": 29, "errors_corrected_by_rereads_rewrites": 0,
 *     "total_errors_corrected": 647736, "correction_algorithm_invocations": 586730,
 *     "gigabytes_processed": "36537.378", "total_uncorrected_errors": 0 }, "write": {…} },
 *   "scsi_start_stop_cycle_counter": { "accumulated_start_stop_cycles": 4, … }
 */
import type { SmartScsi, SmartScsiErrorCounters } from "@holmes/core";
import { type FieldStep, fieldStep, type JsonFieldReader, type JsonObject } from "./json-fields";

export function readScsi(r: JsonFieldReader, doc: JsonObject): SmartScsi {
  const counters = r.object(doc, "scsi_error_counter_log", "");
  const cycles = r.object(doc, "scsi_start_stop_cycle_counter", "");
  const cyclesPath = "scsi_start_stop_cycle_counter";
  const transport = r.object(doc, "scsi_transport_protocol", "");
  return {
    vendor: r.string(doc, "scsi_vendor", ""),
    product: r.string(doc, "scsi_product", ""),
    revision: r.string(doc, "scsi_revision", ""),
    transportProtocol: r.string(transport, "name", "scsi_transport_protocol"),
    grownDefects: r.integer(doc, "scsi_grown_defect_list", ""),
    errorCounters: {
      read: readCounters(r, counters, "read"),
      write: readCounters(r, counters, "write"),
      verify: readCounters(r, counters, "verify"),
    },
    startStopCycles: r.integer(cycles, "accumulated_start_stop_cycles", cyclesPath),
    specifiedStartStopCycles: r.integer(
      cycles,
      "specified_cycle_count_over_device_lifetime",
      cyclesPath,
    ),
    loadUnloadCycles: r.integer(cycles, "accumulated_load_unload_cycles", cyclesPath),
    specifiedLoadUnloadCycles: r.integer(
      cycles,
      "specified_load_unload_count_over_device_lifetime",
      cyclesPath,
    ),
  };
}

function readCounters(
  r: JsonFieldReader,
  log: JsonObject | null,
  key: "read" | "write" | "verify",
): SmartScsiErrorCounters | null {
  const path = fieldStep("scsi_error_counter_log", key);
  const row = r.object(log, key, "scsi_error_counter_log");
  if (row === null) return null;
  return {
    errorsCorrectedByEccFast: r.number(row, "errors_corrected_by_eccfast", path),
    errorsCorrectedByEccDelayed: r.number(row, "errors_corrected_by_eccdelayed", path),
    errorsCorrectedByRereadsRewrites: r.number(row, "errors_corrected_by_rereads_rewrites", path),
    totalErrorsCorrected: r.number(row, "total_errors_corrected", path),
    correctionAlgorithmInvocations: r.number(row, "correction_algorithm_invocations", path),
    gigabytesProcessed: readGigabytes(r, row, path),
    totalUncorrectedErrors: r.number(row, "total_uncorrected_errors", path),
  };
}

// smartctl prints gigabytes_processed as a string with three decimals ("36537.378").
function readGigabytes(r: JsonFieldReader, row: JsonObject, path: FieldStep): number | null {
  const value = r.value(row, "gigabytes_processed");
  if (value === null) return null;
  const number = typeof value === "string" && /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isFinite(number)) return number;
  return r.failAt(path, "gigabytes_processed", "a decimal number", value);
}
