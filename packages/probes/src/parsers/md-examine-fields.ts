/*
 * `Key : value` fields of `mdadm --examine` for native superblocks, following mdadm super0.c
 * (examine_super0) and super1.c (examine_super1). Units differ per field and per metadata
 * version: 1.x prints sizes/offsets in 512-byte sectors, 0.90 prints KiB without a unit.
 */
import type { MdadmExamine, MdadmExamineSlot } from "@holmes/core";
import {
  lookup,
  parseEvents,
  parseKibSuffix,
  parseSize,
  splitLocalToHost,
  toCount,
} from "./md-fields";

type Field = { expected: string; apply: (ex: MdadmExamine, value: string) => boolean };
type CountKey =
  | "raidDevices"
  | "totalDevices"
  | "preferredMinor"
  | "activeDevices"
  | "workingDevices"
  | "failedDevices"
  | "spareDevices";
type TextKey = "version" | "creationTime" | "raidLevel" | "state" | "updateTime" | "layout";
type SectorKey =
  | "availDevSizeSectors"
  | "dataOffsetSectors"
  | "superOffsetSectors"
  | "recoveryOffsetSectors";

function countField(key: CountKey): Field {
  return {
    expected: "a count",
    apply: (ex, value) => {
      ex[key] = toCount(value);
      return ex[key] !== null;
    },
  };
}

function textField(key: TextKey): Field {
  return {
    expected: "text",
    apply: (ex, value) => {
      ex[key] = value;
      return true;
    },
  };
}

function sectorField(key: SectorKey): Field {
  return {
    expected: '"<n> sectors"',
    apply: (ex, value) => {
      const size = parseSize(value);
      ex[key] = size && size.unit !== "KiB" && size.unit !== "K" ? size.amount : null;
      return ex[key] !== null;
    },
  };
}

/** 0.90 prints KiB without a unit; old 1.x prints sectors without a unit; new 1.x says so. */
function usedDevSize(ex: MdadmExamine, value: string): boolean {
  const size = parseSize(value);
  if (!size) return false;
  const isKib = size.unit === "KiB" || (size.unit === null && (ex.version ?? "").startsWith("0."));
  const sectors = isKib ? size.amount * 2 : size.amount;
  ex.usedDevSizeSectors = Number.isSafeInteger(sectors) ? sectors : null;
  return ex.usedDevSizeSectors !== null;
}

function uuidField(ex: MdadmExamine, value: string): boolean {
  const { value: uuid, host } = splitLocalToHost(value);
  ex.arrayUuid = uuid;
  ex.localToHost = host ?? ex.localToHost;
  return /^[0-9A-Fa-f:]+$/.test(uuid);
}

/** `f141a577 - correct`, `e55a076b - expected 1234abcd`; imsm omits the dash. */
function checksumField(ex: MdadmExamine, value: string): boolean {
  const match = /^([0-9A-Fa-f]+)(?:\s+-)?\s+(correct|incorrect|expected\s+([0-9A-Fa-f]+))$/.exec(
    value,
  );
  if (!match) return false;
  ex.checksum = match[1] ?? null;
  ex.checksumCorrect = match[2] === "correct";
  ex.checksumExpected = match[3] ?? null;
  return true;
}

function deviceRoleField(ex: MdadmExamine, value: string): boolean {
  ex.deviceRoleRaw = value;
  const slotted = /^(Active|Replacement) device (\d+)$/.exec(value);
  if (slotted) {
    const slot = toCount(slotted[2] ?? "");
    ex.deviceRoleSlot = slot;
    ex.deviceRole = slotted[1] === "Active" ? slot : "replacement";
    return slot !== null;
  }
  const word = value.toLowerCase();
  if (word !== "spare" && word !== "journal") return false;
  ex.deviceRole = word;
  return true;
}

const SLOT: Record<string, MdadmExamineSlot> = {
  A: "active",
  U: "active",
  u: "active",
  ".": "missing",
  _: "missing",
  R: "replacing",
  "?": "unknown",
};

/** `AA.R ('A' == active, '.' == missing, 'R' == replacing)`; mdadm 3.0 printed `Uu_`. */
function arrayStateField(ex: MdadmExamine, value: string): boolean {
  const match = /^([AUu._R?]+)(?:\s.*)?$/.exec(value);
  if (!match) return false;
  ex.arrayState = match[1] ?? null;
  ex.arrayStateSlots = [...(match[1] ?? "")].map((flag) => lookup(SLOT, flag) ?? "unknown");
  return true;
}

function simple(expected: string, apply: Field["apply"]): Field {
  return { expected, apply };
}

export const EXAMINE_FIELDS: Record<string, Field> = {
  Version: textField("version"),
  "Creation Time": textField("creationTime"),
  "Raid Level": textField("raidLevel"),
  State: textField("state"),
  "Update Time": textField("updateTime"),
  Layout: textField("layout"),
  "Raid Devices": countField("raidDevices"),
  "Total Devices": countField("totalDevices"),
  "Preferred Minor": countField("preferredMinor"),
  "Active Devices": countField("activeDevices"),
  "Working Devices": countField("workingDevices"),
  "Failed Devices": countField("failedDevices"),
  "Spare Devices": countField("spareDevices"),
  "Avail Dev Size": sectorField("availDevSizeSectors"),
  "Data Offset": sectorField("dataOffsetSectors"),
  "Super Offset": sectorField("superOffsetSectors"),
  "Recovery Offset": sectorField("recoveryOffsetSectors"),
  "Used Dev Size": simple('"<n> [sectors] (<human size>)"', usedDevSize),
  "Device Size": simple('"<KiB> (<human size>)"', usedDevSize),
  "Array UUID": simple("UUID", uuidField),
  UUID: simple("UUID", uuidField),
  Checksum: simple('"<hex> - correct" or "<hex> - expected <hex>"', checksumField),
  "Device Role": simple(
    '"Active device N", "Replacement device N", "spare" or "Journal"',
    deviceRoleField,
  ),
  "Array State": simple('"AA.R" slot flags', arrayStateField),
  "Feature Map": simple('"0x<hex>"', (ex, value) => {
    ex.featureMap = value;
    return /^0x[0-9A-Fa-f]+$/.test(value);
  }),
  "Array Size": simple('"<KiB> [KiB] (<human size>)"', (ex, value) => {
    const size = parseSize(value);
    ex.arraySizeKb = size && size.unit !== "sectors" ? size.amount : null;
    return ex.arraySizeKb !== null;
  }),
  Name: simple("array name", (ex, value) => {
    const { value: name, host } = splitLocalToHost(value);
    ex.name = name;
    ex.localToHost = host ?? ex.localToHost;
    return true;
  }),
  "Device UUID": simple("UUID", (ex, value) => {
    ex.deviceUuid = value;
    return /^[0-9A-Fa-f:]+$/.test(value);
  }),
  Flags: simple("device flags", (ex, value) => {
    ex.flags = value.split(/\s+/).filter(Boolean);
    return true;
  }),
  "Internal Bitmap": simple("bitmap location", (ex, value) => {
    ex.internalBitmap = value;
    return true;
  }),
  "Bad Block Log": simple("bad block log summary", (ex, value) => {
    ex.badBlockLog = value;
    ex.badBlocksPresent = value.includes("bad blocks present");
    return true;
  }),
  Events: simple('event count ("<n>" or "<hi>.<lo>")', (ex, value) => {
    ex.eventsRaw = value;
    ex.events = parseEvents(value);
    return ex.events !== null;
  }),
  "Chunk Size": simple('"<n>K"', (ex, value) => {
    ex.chunkSizeKb = parseKibSuffix(value);
    return ex.chunkSizeKb !== null;
  }),
  Rounding: simple('"<n>K"', (ex, value) => {
    ex.roundingKb = parseKibSuffix(value);
    return ex.roundingKb !== null;
  }),
};

/** Every field starts as "not reported" (a plain literal; see emptyDetail on why not a spread). */
export function emptyExamine(): MdadmExamine {
  // biome-ignore format: one property per line would push a plain data literal past 40 lines
  return {
    device: null, magic: "", version: null, featureMap: null, arrayUuid: null, name: null,
    localToHost: null, creationTime: null, raidLevel: null, raidDevices: null,
    totalDevices: null, preferredMinor: null, availDevSizeSectors: null,
    usedDevSizeSectors: null, arraySizeKb: null, dataOffsetSectors: null,
    superOffsetSectors: null, recoveryOffsetSectors: null, state: null, deviceUuid: null,
    flags: [], internalBitmap: null, updateTime: null, badBlockLog: null,
    badBlocksPresent: false, checksum: null, checksumCorrect: null, checksumExpected: null,
    events: null, eventsRaw: null, layout: null, chunkSizeKb: null, roundingKb: null,
    deviceRole: null, deviceRoleSlot: null, deviceRoleRaw: null, arrayState: null,
    arrayStateSlots: [], activeDevices: null, workingDevices: null, failedDevices: null,
    spareDevices: null, thisDevice: null, deviceTable: [], ddf: null, otherFields: {},
  };
}
