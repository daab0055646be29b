/*
 * `smartctl --json -a DEVICE` (or `-x`) for ATA/SATA, NVMe and SCSI/SAS disks, and
 * `smartctl --scan --json` / `--scan-open --json`:
 *
 *   { "json_format_version": [1, 0],
 *     "smartctl": { "version": [7, 3], "argv": ["smartctl", "--json", "-a", "/dev/sda"],
 *                   "messages": [ { "string": "Device is in STANDBY mode, exit(2)", … } ],
 *                   "exit_status": 2 },
 *     "device": { "name": "/dev/sda", "info_name": "/dev/sda [SAT]", "type": "sat",
 *                 "protocol": "ATA" }, "model_name": …, "smart_status": { "passed": true }, … }
 *
 * Source: smartctl(8) ("EXIT STATUS"), smartmontools ataprint.cpp / nvmeprint.cpp / scsiprint.cpp.
 * Seen: smartctl 7.1, 7.3, 7.4 (JSON format 1.0), including smartctl_exporter's redacted captures.
 * The exit status is a bitmask, not an error code: a FAILING disk still prints a full report.
 */
import {
  type ParseResult,
  parseFailure,
  type SmartDevice,
  type SmartExitStatus,
  type SmartProtocol,
  type SmartReport,
  type SmartScanDevice,
  type SmartSelfTestEntry,
} from "@holmes/core";
import {
  isJsonObject,
  JsonFieldReader,
  type JsonObject,
  notAnObject,
  parseJsonText,
  RowPath,
} from "./json-fields";
import { readAtaAttributes, readAtaErrorLog, readAtaSelfTestLog } from "./smartctl-ata";
import { readSmartDevice, readSmartHealth, readSmartIdentity } from "./smartctl-identity";
import { readNvmeHealth, readNvmeSelfTests } from "./smartctl-nvme";
import { readScsi } from "./smartctl-scsi";

/** Decodes smartctl's exit bitmask (man smartctl, "EXIT STATUS"); higher bits are ignored. */
export function decodeSmartctlExitStatus(n: number): SmartExitStatus {
  return {
    raw: n,
    hasCommandLineError: isBitSet(n, 0),
    hasDeviceOpenFailed: isBitSet(n, 1),
    hasSmartCommandFailed: isBitSet(n, 2),
    isDiskFailing: isBitSet(n, 3),
    hasPrefailAtOrBelowThreshold: isBitSet(n, 4),
    hasAttributesBelowThresholdInPast: isBitSet(n, 5),
    hasErrorLogErrors: isBitSet(n, 6),
    hasSelfTestLogErrors: isBitSet(n, 7),
  };
}

// A module-level helper, not a closure over `n`: a closure is a new function object on every
// report (and under tsx, which keeps function names, a defineProperty call as well).
function isBitSet(n: number, bit: number): boolean {
  return (n & (1 << bit)) !== 0;
}

export function parseSmartctl(jsonText: string): ParseResult<SmartReport> {
  const root = readSmartctlRoot(jsonText);
  return root.ok ? reportFrom(root.value) : root;
}

/**
 * One device's report or the `--scan` device list, whichever `jsonText` is. The document is
 * parsed once for either, where deciding on the text first and then parsing read it twice.
 */
export function parseSmartctlAny(jsonText: string): ParseResult<SmartReport | SmartScanDevice[]> {
  const root = readSmartctlRoot(jsonText);
  if (!root.ok) return root;
  return isScanListing(jsonText, root.value.doc) ? scanFrom(root.value) : reportFrom(root.value);
}

/**
 * A device report always names "device"; only the scan lists "devices". The test is on the text
 * (`"device"` anywhere, as it always was), but a document with a top-level "device" key and no
 * backslash at all (so no escaped key) must contain that text, which a one-character search
 * shows without reading the document for an eight-character needle.
 */
function isScanListing(jsonText: string, doc: JsonObject): boolean {
  if (Object.hasOwn(doc, "device") && !jsonText.includes("\\")) return false;
  return !jsonText.includes('"device"') && jsonText.includes('"devices"');
}

function reportFrom(root: SmartctlRoot): ParseResult<SmartReport> {
  const { doc, exitStatus, r } = root;
  const device = readSmartDevice(r, doc);
  // Without a device object smartctl never got as far as identifying the disk; that is only
  // legitimate when the exit status says so (bad arguments, open failed).
  if (device === null && !exitStatus.hasCommandLineError && !exitStatus.hasDeviceOpenFailed) {
    return parseFailure("a device object (exit status does not report an open failure)", "absent", {
      field: "device",
    });
  }
  return r.finish(assembleReport(root, device));
}

function assembleReport(root: SmartctlRoot, device: SmartDevice | null): SmartReport {
  const { doc, exitStatus, r } = root;
  const identity = readSmartIdentity(r, doc);
  const health = readSmartHealth(r, doc);
  const logs = readLogs(r, doc, identity.protocol, health.powerOnHours);
  const messages = readMessages(r, r.asObject(doc.smartctl, "", "smartctl"));
  // Built key by key: object spread of these records is several times slower in V8.
  return {
    protocol: identity.protocol,
    device,
    smartctlVersion: readVersion(r, doc),
    model: identity.model,
    modelFamily: identity.modelFamily,
    serial: identity.serial,
    wwn: identity.wwn,
    firmware: identity.firmware,
    capacityBytes: identity.capacityBytes,
    logicalBlockSize: identity.logicalBlockSize,
    rotationRate: identity.rotationRate,
    isSmartAvailable: health.isSmartAvailable,
    isSmartEnabled: health.isSmartEnabled,
    passed: health.passed,
    temperatureC: health.temperatureC,
    powerOnHours: health.powerOnHours,
    powerCycleCount: health.powerCycleCount,
    attributes: logs.attributes,
    selfTests: logs.selfTests,
    lastSelfTestHours: logs.lastSelfTestHours,
    hoursSinceLastSelfTest: logs.hoursSinceLastSelfTest,
    selfTestErrorCount: logs.selfTestErrorCount,
    errorLogCount: logs.errorLogCount,
    errorLogEntries: logs.errorLogEntries,
    nvme: readNvmeHealth(r, doc),
    scsi: identity.protocol === "SCSI" ? readScsi(r, doc) : null,
    exitStatus,
    messages,
    skippedPowerMode: findSkippedPowerMode(messages),
  };
}

type SmartctlRoot = { doc: JsonObject; exitStatus: SmartExitStatus; r: JsonFieldReader };

// Every smartctl JSON document, whatever went wrong, carries smartctl.exit_status.
function readSmartctlRoot(jsonText: string): ParseResult<SmartctlRoot> {
  const json = parseJsonText(jsonText);
  if (!json.ok) return json;
  const doc = json.value;
  if (!isJsonObject(doc)) return notAnObject("a smartctl JSON object", doc);
  const r = new JsonFieldReader();
  const exit = r.asInteger(
    r.asObject(doc.smartctl, "", "smartctl")?.exit_status,
    "smartctl",
    "exit_status",
  );
  if (r.error !== undefined) return { ok: false, error: r.error };
  if (exit === null || exit < 0) {
    return parseFailure("smartctl's exit status (a non-negative integer)", String(exit), {
      field: "smartctl.exit_status",
    });
  }
  return { ok: true, value: { doc, exitStatus: decodeSmartctlExitStatus(exit), r } };
}

function readVersion(r: JsonFieldReader, doc: JsonObject): string | null {
  const version = r.asArray(
    r.asObject(doc.smartctl, "", "smartctl")?.version,
    "smartctl",
    "version",
  );
  if (version === null) return null;
  if (version.every((part) => typeof part === "number" && Number.isSafeInteger(part))) {
    return version.join(".");
  }
  return r.fail("smartctl.version", "an array of integers", version);
}

type SmartLogs = Pick<
  SmartReport,
  | "attributes"
  | "selfTests"
  | "lastSelfTestHours"
  | "hoursSinceLastSelfTest"
  | "selfTestErrorCount"
  | "errorLogCount"
  | "errorLogEntries"
>;

function readLogs(
  r: JsonFieldReader,
  doc: JsonObject,
  protocol: SmartProtocol | null,
  powerOnHours: number | null,
): SmartLogs {
  const ata = readAtaSelfTestLog(r, doc);
  const nvmeTests = readNvmeSelfTests(r, doc);
  const selfTests: SmartSelfTestEntry[] = ata.entries.length > 0 ? ata.entries : nvmeTests;
  // Both logs list the newest test first.
  const lastSelfTestHours = selfTests[0]?.lifetimeHours ?? null;
  const errorLog = readAtaErrorLog(r, doc);
  return {
    attributes: readAtaAttributes(r, doc),
    selfTests,
    lastSelfTestHours,
    hoursSinceLastSelfTest: hoursSince(powerOnHours, lastSelfTestHours, protocol),
    selfTestErrorCount: ata.errorCount,
    errorLogCount: errorLog.count,
    errorLogEntries: errorLog.entries,
  };
}

/**
 * The ATA self-test log stores power-on hours in 16 bits, so past 65535 h the logged value has
 * wrapped. We then assume the newest test ran less than 65536 h (7.5 years) ago.
 */
function hoursSince(
  powerOnHours: number | null,
  testHours: number | null,
  protocol: SmartProtocol | null,
): number | null {
  if (powerOnHours === null || testHours === null || powerOnHours < 0 || testHours < 0) return null;
  if (protocol !== "NVMe" && powerOnHours > 0xffff && testHours <= 0xffff) {
    return (powerOnHours - testHours) % 0x10000;
  }
  return powerOnHours >= testHours ? powerOnHours - testHours : null;
}

function readMessages(r: JsonFieldReader, smartctl: JsonObject | null): string[] {
  const path = "smartctl.messages";
  const rows = r.objects(r.asArray(smartctl?.messages, "smartctl", "messages"), path);
  const rowPath = new RowPath(path);
  return rows.map((row, i) => r.asRequiredString(row.string, rowPath.at(i), "string"));
}

const LOW_POWER_SKIP = /^(?:\S+: )?Device is in (.+?) mode, exit\(\d+\)$/;

function findSkippedPowerMode(messages: string[]): string | null {
  for (const message of messages) {
    const match = LOW_POWER_SKIP.exec(message);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

export function parseSmartctlScan(jsonText: string): ParseResult<SmartScanDevice[]> {
  const root = readSmartctlRoot(jsonText);
  return root.ok ? scanFrom(root.value) : root;
}

function scanFrom(root: SmartctlRoot): ParseResult<SmartScanDevice[]> {
  const { doc, r } = root;
  // smartctl writes no "devices" key at all when the scan found nothing.
  const rows = r.objects(r.asArray(doc.devices, "", "devices"), "devices");
  const rowPath = new RowPath("devices");
  const devices = rows.map((row, i): SmartScanDevice => {
    const path = rowPath.at(i);
    const protocol = r.asString(row.protocol, path, "protocol");
    return {
      name: r.asRequiredString(row.name, path, "name"),
      infoName: r.asString(row.info_name, path, "info_name"),
      type: r.asString(row.type, path, "type"),
      protocol: protocol === "ATA" || protocol === "NVMe" || protocol === "SCSI" ? protocol : null,
      openError: r.asString(row.open_error, path, "open_error"),
    };
  });
  return r.finish(devices);
}
