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
import {
  type FieldPath,
  fieldStep,
  type JsonFieldReader,
  type JsonObject,
  RowPath,
} from "./json-fields";

// Each row's fields are read in the same order as always: when a document has several bad
// fields, the first one read is the one the error names. A field of an object inside the row is
// named by a dotted key below the row ("raw.value"), so one RowPath serves every row.

export function readAtaAttributes(r: JsonFieldReader, doc: JsonObject): SmartAtaAttribute[] {
  const section = r.asObject(doc.ata_smart_attributes, "", "ata_smart_attributes");
  const tablePath = "ata_smart_attributes.table";
  const rows = r.objects(r.asArray(section?.table, "ata_smart_attributes", "table"), tablePath);
  const rowPath = new RowPath(tablePath);
  return rows.map((row, i) => readAttribute(r, row, rowPath.at(i)));
}

function readAttribute(r: JsonFieldReader, row: JsonObject, path: FieldPath): SmartAtaAttribute {
  const raw = r.asObject(row.raw, path, "raw");
  const whenFailed = r.asString(row.when_failed, path, "when_failed");
  const isKnownWhenFailed = whenFailed === "" || whenFailed === "now" || whenFailed === "past";
  if (whenFailed !== null && !isKnownWhenFailed) {
    r.failAt(path, "when_failed", '"", "now" or "past"', whenFailed);
  }
  return {
    id: r.asRequiredInteger(row.id, path, "id"),
    name: r.asRequiredString(row.name, path, "name"),
    value: r.asRequiredInteger(row.value, path, "value"),
    worst: r.asRequiredInteger(row.worst, path, "worst"),
    // Drives without a valid threshold table get neither "thresh" nor "when_failed" from smartctl.
    threshold: r.asInteger(row.thresh, path, "thresh"),
    raw: r.asRequiredInteger(raw?.value, path, "raw.value"),
    rawString: r.asRequiredString(raw?.string, path, "raw.string"),
    whenFailed: isKnownWhenFailed ? whenFailed : null,
    isPrefailure: r.asBoolean(
      r.asObject(row.flags, path, "flags")?.prefailure,
      path,
      "flags.prefailure",
    ),
  };
}

export type AtaSelfTestLog = { entries: SmartSelfTestEntry[]; errorCount: number | null };

export function readAtaSelfTestLog(r: JsonFieldReader, doc: JsonObject): AtaSelfTestLog {
  const logKey = "ata_smart_self_test_log";
  const log = r.asObject(doc.ata_smart_self_test_log, "", logKey);
  // -x reads the GP ("extended") log, which keeps more entries than the SMART ("standard") one.
  const extended = log?.extended;
  const key = extended !== undefined && extended !== null ? "extended" : "standard";
  const section = r.asObject(key === "extended" ? extended : log?.standard, logKey, key);
  const path = fieldStep(logKey, key);
  const tablePath = fieldStep(path, "table");
  const rows = r.objects(r.asArray(section?.table, path, "table"), tablePath);
  const rowPath = new RowPath(tablePath);
  return {
    entries: rows.map((row, i) => readSelfTest(r, row, rowPath.at(i))),
    errorCount: r.asInteger(section?.error_count_total, path, "error_count_total"),
  };
}

function readSelfTest(r: JsonFieldReader, row: JsonObject, path: FieldPath): SmartSelfTestEntry {
  const status = r.asObject(row.status, path, "status");
  const type = r.asObject(row.type, path, "type");
  return {
    type: r.asRequiredString(type?.string, path, "type.string"),
    status: r.asRequiredString(status?.string, path, "status.string"),
    statusCode: r.asInteger(status?.value, path, "status.value"),
    passed: r.asBoolean(status?.passed, path, "status.passed"),
    lifetimeHours: r.asInteger(row.lifetime_hours, path, "lifetime_hours"),
    remainingPercent: r.asInteger(status?.remaining_percent, path, "status.remaining_percent"),
    failingLba: r.asInteger(row.lba, path, "lba"),
  };
}

export type AtaErrorLog = { count: number | null; entries: SmartErrorLogEntry[] };

export function readAtaErrorLog(r: JsonFieldReader, doc: JsonObject): AtaErrorLog {
  const logKey = "ata_smart_error_log";
  const log = r.asObject(doc.ata_smart_error_log, "", logKey);
  const extended = log?.extended;
  const key = extended !== undefined && extended !== null ? "extended" : "summary";
  const section = r.asObject(key === "extended" ? extended : log?.summary, logKey, key);
  const path = fieldStep(logKey, key);
  const tablePath = fieldStep(path, "table");
  const rows = r.objects(r.asArray(section?.table, path, "table"), tablePath);
  const rowPath = new RowPath(tablePath);
  const entries = rows.map((row, i) => {
    const entryPath = rowPath.at(i);
    return {
      errorNumber: r.asInteger(row.error_number, entryPath, "error_number"),
      lifetimeHours: r.asInteger(row.lifetime_hours, entryPath, "lifetime_hours"),
      description: r.asString(row.error_description, entryPath, "error_description"),
    };
  });
  return { count: r.asInteger(section?.count, path, "count"), entries };
}
