/**
 * Disks and their SMART state. ATA attribute tables follow what the catalog's drives report
 * (ids, names, thresholds, flag bits); normalised values fall as the raw counts climb, the way
 * firmware does it, so a wearing disk eventually crosses its threshold and fails the health check.
 */
import type { DriveSpec } from "./catalog";
import type { AtaAttribute, DiskModel, SmartState } from "./model";
import type { Rng } from "./prng";

export type WearCounts = {
  reallocated: number;
  pending: number;
  offlineUncorrectable: number;
  reportedUncorrect: number;
  commandTimeout: number;
  reallocEvents: number;
};

export const NO_WEAR: WearCounts = {
  reallocated: 0,
  pending: 0,
  offlineUncorrectable: 0,
  reportedUncorrect: 0,
  commandTimeout: 0,
  reallocEvents: 0,
};

// [id, name, thresh, flags]: flags 0x33 = prefail + online + event count + auto-keep, etc.
type AttributeSpec = [number, string, number, number];

const HDD_ATTRIBUTES: readonly AttributeSpec[] = [
  [1, "Raw_Read_Error_Rate", 44, 0x0f],
  [3, "Spin_Up_Time", 0, 0x03],
  [4, "Start_Stop_Count", 20, 0x32],
  [5, "Reallocated_Sector_Ct", 10, 0x33],
  [7, "Seek_Error_Rate", 45, 0x0f],
  [9, "Power_On_Hours", 0, 0x32],
  [10, "Spin_Retry_Count", 97, 0x13],
  [12, "Power_Cycle_Count", 20, 0x32],
  [187, "Reported_Uncorrect", 0, 0x32],
  [188, "Command_Timeout", 0, 0x32],
  [190, "Airflow_Temperature_Cel", 40, 0x22],
  [193, "Load_Cycle_Count", 0, 0x32],
  [194, "Temperature_Celsius", 0, 0x22],
  [196, "Reallocated_Event_Count", 0, 0x32],
  [197, "Current_Pending_Sector", 0, 0x12],
  [198, "Offline_Uncorrectable", 0, 0x10],
  [199, "UDMA_CRC_Error_Count", 0, 0x3e],
];

const SSD_ATTRIBUTES: readonly AttributeSpec[] = [
  [5, "Reallocated_Sector_Ct", 10, 0x33],
  [9, "Power_On_Hours", 0, 0x32],
  [12, "Power_Cycle_Count", 0, 0x32],
  [177, "Wear_Leveling_Count", 0, 0x13],
  [179, "Used_Rsvd_Blk_Cnt_Tot", 10, 0x13],
  [181, "Program_Fail_Cnt_Total", 10, 0x32],
  [182, "Erase_Fail_Count_Total", 10, 0x32],
  [183, "Runtime_Bad_Block", 10, 0x13],
  [187, "Reported_Uncorrect", 0, 0x32],
  [190, "Airflow_Temperature_Cel", 0, 0x32],
  [195, "Hardware_ECC_Recovered", 0, 0x1a],
  [199, "UDMA_CRC_Error_Count", 0, 0x3e],
  [235, "Unknown_Attribute", 0, 0x12],
  [241, "Total_LBAs_Written", 0, 0x32],
];

function serialFrom(pattern: string, rng: Rng): string {
  let out = "";
  for (const ch of pattern) {
    if (ch === "#") out += String(rng.int(0, 9));
    else if (ch === "@") out += String.fromCharCode(65 + rng.int(0, 25));
    else out += ch;
  }
  return out;
}

export type DiskPlacement = { name: string; major: number; minor: number };

export function buildDisk(spec: DriveSpec, at: DiskPlacement, rng: Rng): DiskModel {
  const powerOnHours = rng.int(2_000, 38_000);
  const temperatureC = spec.kind === "nvme" ? rng.int(36, 48) : rng.int(29, 41);
  const smart: SmartState = {
    passed: true,
    temperatureC,
    powerOnHours,
    powerCycles: rng.int(8, 120),
    attributes: [],
    selfTests: healthySelfTests(powerOnHours, rng),
    errorLogCount: 0,
    nvme: spec.kind === "nvme" ? healthyNvme(powerOnHours, rng) : null,
    scsi: spec.kind === "sas" ? healthyScsi(powerOnHours, rng) : null,
  };
  if (spec.protocol === "ATA") smart.attributes = ataAttributes(spec, smart, NO_WEAR);
  return {
    name: at.name,
    major: at.major,
    minor: at.minor,
    protocol: spec.protocol,
    transport: spec.kind === "nvme" ? "nvme" : spec.kind === "sas" ? "sas" : "sata",
    vendor: spec.vendor,
    model: spec.model,
    serial: serialFrom(spec.serialPattern, rng),
    wwn: `${spec.wwnPrefix}${rng.hex(8)}`,
    firmware: spec.firmware,
    capacityBytes: spec.capacityBytes,
    logicalBlockSize: 512,
    physicalBlockSize: spec.physicalBlockSize,
    rotationRate: spec.rotationRate,
    smart,
    isStandby: false,
    partitionTable: null,
    partitions: [],
    fstype: null,
  };
}

function healthySelfTests(powerOnHours: number, rng: Rng): SmartState["selfTests"] {
  const newest = powerOnHours - rng.int(1, 160);
  return [0, 1, 2].map((weeks) => ({
    type: weeks === 2 ? "Extended offline" : "Short offline",
    statusValue: 0,
    status: "Completed without error",
    lifetimeHours: newest - weeks * 168,
  }));
}

function healthyNvme(powerOnHours: number, rng: Rng): NonNullable<SmartState["nvme"]> {
  const written = powerOnHours * rng.int(200, 900);
  return {
    criticalWarning: 0,
    availableSpare: 100,
    availableSpareThreshold: 10,
    percentageUsed: Math.min(20, Math.floor(written / 2_000_000)),
    dataUnitsRead: written * 2,
    dataUnitsWritten: written,
    hostReads: written * 40,
    hostWrites: written * 18,
    controllerBusyTime: Math.floor(powerOnHours / 3),
    unsafeShutdowns: rng.int(0, 9),
    mediaErrors: 0,
    numErrLogEntries: 0,
    warningTempMinutes: 0,
    criticalTempMinutes: 0,
  };
}

function healthyScsi(powerOnHours: number, rng: Rng): NonNullable<SmartState["scsi"]> {
  return {
    grownDefects: 0,
    startStopCycles: rng.int(10, 60),
    loadUnloadCycles: rng.int(200, 900),
    readCorrected: powerOnHours * rng.int(10, 40),
    readUncorrected: 0,
    gigabytesRead: Math.round(powerOnHours * 9.7 * 1000) / 1000,
    gigabytesWritten: Math.round(powerOnHours * 3.1 * 1000) / 1000,
  };
}

/** The whole ATA table from the counts; normalised values follow the raw ones. */
export function ataAttributes(
  spec: DriveSpec,
  smart: SmartState,
  wear: WearCounts,
): AtaAttribute[] {
  const table = spec.kind === "ssd" ? SSD_ATTRIBUTES : HDD_ATTRIBUTES;
  return table.map(([id, name, thresh, flags]) => {
    const { raw, value, rawString } = attributeReading(id, smart, wear);
    const attribute: AtaAttribute = { id, name, value, worst: value, thresh, flags, raw };
    if (rawString !== undefined) attribute.rawString = rawString;
    return attribute;
  });
}

type Reading = { raw: number; value: number; rawString?: string };

function attributeReading(id: number, smart: SmartState, wear: WearCounts): Reading {
  const t = smart.temperatureC;
  switch (id) {
    case 5:
      // Firmware maps the spare-sector pool onto 100..1; 3,600 remaps reach the threshold.
      return { raw: wear.reallocated, value: clamp(100 - Math.floor(wear.reallocated / 40)) };
    case 9:
      return { raw: smart.powerOnHours, value: clamp(100 - Math.floor(smart.powerOnHours / 876)) };
    case 4:
    case 12:
      return { raw: smart.powerCycles, value: 100 };
    case 187:
      return { raw: wear.reportedUncorrect, value: clamp(100 - wear.reportedUncorrect) };
    case 188:
      return { raw: wear.commandTimeout, value: 100 };
    case 190:
      // Packed as max<<32 | min<<16 | current, which smartctl prints as "(Min/Max …)".
      return {
        raw: (t + 8) * 2 ** 32 + (t - 9) * 2 ** 16 + t,
        value: 100 - t,
        rawString: `${t} (Min/Max ${t - 9}/${t + 8})`,
      };
    case 194:
      // Seagate keeps the lifetime minimum in byte 2; smartctl prints all six raw bytes.
      return { raw: (t - 12) * 2 ** 16 + t, value: t, rawString: `${t} (0 ${t - 12} 0 0 0)` };
    case 196:
      return { raw: wear.reallocEvents, value: clamp(100 - Math.floor(wear.reallocEvents / 40)) };
    case 197:
      return { raw: wear.pending, value: 100 };
    case 198:
      return { raw: wear.offlineUncorrectable, value: 100 };
    case 199:
      return { raw: 0, value: 200 };
    default:
      return { raw: 0, value: 100 };
  }
}

function clamp(value: number): number {
  return Math.max(1, Math.min(100, value));
}

/** Attributes that follow power-on hours, power cycles and temperature. */
const DERIVED_IDS: ReadonlySet<number> = new Set([4, 9, 12, 190, 194]);
/** Attributes a wearing disk moves: remaps, pending and uncorrectable sectors, timeouts. */
const WEAR_IDS: ReadonlySet<number> = new Set([5, 187, 188, 196, 197, 198]);

export function refreshDerivedAttributes(smart: SmartState): AtaAttribute[] {
  return updateAttributes(smart, NO_WEAR, DERIVED_IDS);
}

export function withWear(smart: SmartState, wear: WearCounts): AtaAttribute[] {
  return updateAttributes(smart, wear, WEAR_IDS);
}

function updateAttributes(smart: SmartState, wear: WearCounts, ids: ReadonlySet<number>) {
  return smart.attributes.map((attribute) => {
    if (!ids.has(attribute.id)) return attribute;
    const { raw, value, rawString } = attributeReading(attribute.id, smart, wear);
    const next: AtaAttribute = {
      ...attribute,
      raw,
      value,
      worst: Math.min(attribute.worst, value),
    };
    if (rawString !== undefined) next.rawString = rawString;
    return next;
  });
}
