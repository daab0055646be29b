/*
 * ATA sections of `smartctl --json -a` / `-x`: the vendor attribute table, the self-test log and
 * the error log. Shapes follow smartmontools 7.x ataprint.cpp (JSON format version 1.0):
 *
 *   "ata_smart_attributes": { "revision": 16, "table": [ { "id": 5,
 *       "name": "Reallocated_Sector_Ct", "value": 100, "worst": 100, "thresh": 10,
 *       "when_failed": "", "flags": { "value": 51, "prefailure": true, … },
 *       "raw": { "value": 0, "string": "0" } } ] },
 *   "ata_smart_self_test_log": { "standard": { "table": [ { "type": { "string": … },
 *       "status": { "value": 121, "string": "Completed: read failure", "passed": false },
 *       "lifetime_hours": 16402, "lba": 494591083 } ], "error_count_total": 1 } }
 */
import type { SmartAtaAttribute, SmartErrorLogEntry, SmartSelfTestEntry } from "@holmes/core";
import type { JsonFieldReader, JsonObject } from "./json-fields";

const WHEN_FAILED: ReadonlySet<string> = new Set(["", "now", "past"]);

export function readAtaAttributes(r: JsonFieldReader, doc: JsonObject): SmartAtaAttribute[] {
  const section = r.object(doc, "ata_smart_attributes", "");
  const tablePath = "ata_smart_attributes.table";
  const rows = r.objects(r.array(section, "table", "ata_smart_attributes"), tablePath);
  return rows.map((row, i) => readAttribute(r, row, r.path(tablePath, i)));
}

function readAttribute(r: JsonFieldReader, row: JsonObject, path: string): SmartAtaAttribute {
  const raw = r.object(row, "raw", path);
  const rawPath = r.path(path, "raw");
  const whenFailed = r.string(row, "when_failed", path);
  if (whenFailed !== null && !WHEN_FAILED.has(whenFailed)) {
    r.fail(r.path(path, "when_failed"), '"", "now" or "past"', whenFailed);
  }
  return {
    id: r.requiredInteger(row, "id", path),
    name: r.requiredString(row, "name", path),
    value: r.requiredInteger(row, "value", path),
    worst: r.requiredInteger(row, "worst", path),
    // Drives without a valid threshold table get neither "thresh" nor "when_failed" from smartctl.
    threshold: r.integer(row, "thresh", path),
    raw: r.requiredInteger(raw, "value", rawPath),
    rawString: r.requiredString(raw, "string", rawPath),
    whenFailed:
      whenFailed === "" || whenFailed === "now" || whenFailed === "past" ? whenFailed : null,
    isPrefailure: r.boolean(r.object(row, "flags", path), "prefailure", r.path(path, "flags")),
  };
}

export type AtaSelfTestLog = { entries: SmartSelfTestEntry[]; errorCount: number | null };

export function readAtaSelfTestLog(r: JsonFieldReader, doc: JsonObject): AtaSelfTestLog {
  const log = r.object(doc, "ata_smart_self_test_log", "");
  // -x reads the GP ("extended") log, which keeps more entries than the SMART ("standard") one.
  const key = r.value(log, "extended") !== null ? "extended" : "standard";
  const path = `ata_smart_self_test_log.${key}`;
  const section = r.object(log, key, "ata_smart_self_test_log");
  const tablePath = `${path}.table`;
  const rows = r.objects(r.array(section, "table", path), tablePath);
  return {
    entries: rows.map((row, i) => readSelfTest(r, row, r.path(tablePath, i))),
    errorCount: r.integer(section, "error_count_total", path),
  };
}

function readSelfTest(r: JsonFieldReader, row: JsonObject, path: string): SmartSelfTestEntry {
  const typePath = r.path(path, "type");
  const statusPath = r.path(path, "status");
  const status = r.object(row, "status", path);
  return {
    type: r.requiredString(r.object(row, "type", path), "string", typePath),
    status: r.requiredString(status, "string", statusPath),
    statusCode: r.integer(status, "value", statusPath),
    passed: r.boolean(status, "passed", statusPath),
    lifetimeHours: r.integer(row, "lifetime_hours", path),
    remainingPercent: r.integer(status, "remaining_percent", statusPath),
    failingLba: r.integer(row, "lba", path),
  };
}

export type AtaErrorLog = { count: number | null; entries: SmartErrorLogEntry[] };

export function readAtaErrorLog(r: JsonFieldReader, doc: JsonObject): AtaErrorLog {
  const log = r.object(doc, "ata_smart_error_log", "");
  const key = r.value(log, "extended") !== null ? "extended" : "summary";
  const path = `ata_smart_error_log.${key}`;
  const section = r.object(log, key, "ata_smart_error_log");
  const tablePath = `${path}.table`;
  const rows = r.objects(r.array(section, "table", path), tablePath);
  const entries = rows.map((row, i) => {
    const rowPath = r.path(tablePath, i);
    return {
      errorNumber: r.integer(row, "error_number", rowPath),
      lifetimeHours: r.integer(row, "lifetime_hours", rowPath),
      description: r.string(row, "error_description", rowPath),
    };
  });
  return { count: r.integer(section, "count", path), entries };
}
