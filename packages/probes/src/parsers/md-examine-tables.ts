/*
 * The tabular and indexed parts of `mdadm --examine`: the 0.90 device table (super0.c
 * examine_super0) and the DDF container dump (super-ddf.c examine_vds/examine_vd/examine_pds):
 *
 *   this     0     254        1        0      active sync   /dev/vda1
 *       VD GUID[0] : 4C696E75:782D4D44:DEADBEEF:00000000:502D01DF:DBFB2605
 *    Raid Devices[0] : 2 (1@0K 0@0K)
 *            0    d32b14d7    786432K /dev/vda        active/Online
 */
import type {
  MdadmDdf,
  MdadmDdfPhysicalDisk,
  MdadmDdfVirtualDisk,
  MdadmExamine,
  MdadmExamineDeviceRow,
} from "@holmes/core";
import { isStateWord, lookup, toCount } from "./md-fields";

const ROW_090 = /^\s*(this|\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)(?:\s+(.*))?$/;

export function parseDeviceRow090(line: string): MdadmExamineDeviceRow | null {
  const match = ROW_090.exec(line);
  if (!match) return null;
  const index = match[1] === "this" ? null : toCount(match[1] ?? "");
  const [number, major, minor, raidDevice] = [2, 3, 4, 5].map((i) => toCount(match[i] ?? ""));
  if (number == null || major == null || minor == null || raidDevice == null) return null;
  if (match[1] !== "this" && index === null) return null;
  const words = (match[6] ?? "").split(/\s+/).filter(Boolean);
  const last = words[words.length - 1];
  const device = last?.startsWith("/") ? last : null;
  const stateFlags = device ? words.slice(0, -1) : words;
  if (!stateFlags.every(isStateWord)) return null;
  return { index, number, major, minor, raidDevice, stateFlags, device };
}

/** 0.90 has no `Device Role` line; the `this` row says what this member is. */
export function roleFromThisRow(ex: MdadmExamine, row: MdadmExamineDeviceRow): void {
  if (row.stateFlags.includes("faulty")) ex.deviceRole = "faulty";
  else if (row.stateFlags.includes("sync")) ex.deviceRole = row.raidDevice;
  else if (row.stateFlags.includes("spare")) ex.deviceRole = "spare";
  ex.deviceRoleSlot = typeof ex.deviceRole === "number" ? ex.deviceRole : null;
}

export function emptyDdf(): MdadmDdf {
  return {
    controllerGuid: null,
    containerGuid: null,
    seq: null,
    redundantHeader: null,
    virtualDiskCount: null,
    virtualDisks: [],
    physicalDiskCount: null,
    physicalDisks: [],
  };
}

/** Top-level DDF keys; returns null when the key is not one, else whether the value was valid. */
export function applyDdfField(ddf: MdadmDdf, key: string, value: string): boolean | null {
  switch (key) {
    case "Controller GUID":
      ddf.controllerGuid = value;
      return value !== "";
    case "Container GUID":
      ddf.containerGuid = value;
      return value !== "";
    case "Seq":
      ddf.seq = value;
      return /^[0-9A-Fa-f]+$/.test(value);
    case "Redundant hdr":
      ddf.redundantHeader = value === "yes" ? true : value === "no" ? false : null;
      return ddf.redundantHeader !== null;
    case "Virtual Disks":
      ddf.virtualDiskCount = toCount(value);
      return ddf.virtualDiskCount !== null;
    case "Physical Disks":
      ddf.physicalDiskCount = toCount(value);
      return ddf.physicalDiskCount !== null;
    default:
      return null;
  }
}

function virtualDisk(ddf: MdadmDdf, index: number): MdadmDdfVirtualDisk {
  const found = ddf.virtualDisks.find((disk) => disk.index === index);
  if (found) return found;
  const created: MdadmDdfVirtualDisk = {
    index,
    guid: null,
    unit: null,
    state: null,
    initState: null,
    access: null,
    name: null,
    raidDevices: null,
    raidLevel: null,
    chunkSizeSectors: null,
    deviceSizeKb: null,
    arraySizeKb: null,
  };
  ddf.virtualDisks.push(created);
  return created;
}

type VdText = "guid" | "state" | "initState" | "access" | "name" | "raidLevel";
type VdCount = "unit" | "raidDevices" | "chunkSizeSectors" | "deviceSizeKb" | "arraySizeKb";
const VD_TEXT: Record<string, VdText> = {
  "VD GUID": "guid",
  state: "state",
  "init state": "initState",
  access: "access",
  Name: "name",
  "Raid Level": "raidLevel",
};
// Counts lead the value: `2 (1@0K 0@0K)`, `64 sectors`, `786432`.
const VD_COUNT: Record<string, VdCount> = {
  unit: "unit",
  "Raid Devices": "raidDevices",
  "Chunk Size": "chunkSizeSectors",
  "Device Size": "deviceSizeKb",
  "Array Size": "arraySizeKb",
};

/** `Raid Devices[1] : 2 (1@1024K 0@1024K)`; null when the base key is not a VD field. */
export function applyVdField(ddf: MdadmDdf, key: string, value: string): boolean | null {
  const match = /^(.+)\[(\d+)\]$/.exec(key);
  const index = match ? toCount(match[2] ?? "") : null;
  const base = match?.[1] ?? "";
  const textKey = lookup(VD_TEXT, base);
  const countKey = lookup(VD_COUNT, base);
  if (index === null || (!textKey && !countKey)) return null;
  const disk = virtualDisk(ddf, index);
  if (textKey) {
    disk[textKey] = value;
    return true;
  }
  const amount = toCount(/^(\d+)(?:\s|$)/.exec(value)?.[1] ?? "");
  if (countKey) disk[countKey] = amount;
  return amount !== null;
}

const PD_ROW = /^\s*(\d+)\s+([0-9A-Fa-f]{8})\s+(\d+)K\s+(?:(\/\S+)\s+)?(\S.*)$/;

/** `   0    d32b14d7    786432K /dev/vda        active/Online` (device blank when absent). */
export function parsePhysicalDiskRow(line: string): MdadmDdfPhysicalDisk | null {
  const match = PD_ROW.exec(line.trimEnd());
  if (!match) return null;
  const number = toCount(match[1] ?? "");
  const sizeKb = toCount(match[3] ?? "");
  const typeState = match[5] ?? "";
  const slash = typeState.indexOf("/");
  if (number === null || sizeKb === null || slash < 0) return null;
  return {
    number,
    refNo: match[2] ?? "",
    sizeKb,
    device: match[4] ?? null,
    type: typeState.slice(0, slash).trim(),
    state: typeState.slice(slash + 1).trim(),
  };
}
