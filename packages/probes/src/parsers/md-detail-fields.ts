/*
 * The `Key : value` fields and device rows of `mdadm --detail`, applied to an MdadmDetail.
 * Field names and formats follow mdadm Detail.c and the superswitch detail_super() functions
 * (super0.c, super1.c, super-ddf.c, super-intel.c).
 */
import type { MdadmDetail, MdadmDetailDevice } from "@holmes/core";
import {
  isStateWord,
  parseEvents,
  parseKibSuffix,
  parsePercentComplete,
  parseSize,
  splitLocalToHost,
  toCount,
} from "./md-fields";

/** Every field starts as "not reported". A plain literal: spreading a shared constant of this
 * size is ~80x slower in V8, and this runs once per parse. */
export function emptyDetail(format: MdadmDetail["format"]): MdadmDetail {
  // biome-ignore format: one property per line would push a plain data literal past 40 lines
  return {
    format, device: null, devName: null, version: null, container: null, member: null,
    creationTime: null, raidLevel: null, arraySizeKb: null, usedDevSizeKb: null,
    raidDevices: null, totalDevices: null, preferredMinor: null, persistence: null,
    intentBitmap: null, updateTime: null, state: null, stateFlags: [], activeDevices: null,
    workingDevices: null, failedDevices: null, spareDevices: null, layout: null,
    chunkSizeKb: null, roundingKb: null, consistencyPolicy: null, rebuildStatusPercent: null,
    resyncStatusPercent: null, reshapeStatusPercent: null, checkStatusPercent: null,
    name: null, localToHost: null, uuid: null, events: null, eventsRaw: null,
    containerGuid: null, memberArrays: [], reshapeActive: null, devices: [], otherFields: {},
  };
}

type CountKey =
  | "raidDevices"
  | "totalDevices"
  | "preferredMinor"
  | "activeDevices"
  | "workingDevices"
  | "failedDevices"
  | "spareDevices";
type TextKey =
  | "version"
  | "creationTime"
  | "raidLevel"
  | "persistence"
  | "intentBitmap"
  | "updateTime"
  | "layout"
  | "consistencyPolicy";
type PercentKey =
  | "rebuildStatusPercent"
  | "resyncStatusPercent"
  | "reshapeStatusPercent"
  | "checkStatusPercent";

/** A field handler returns false when the value is not in the format mdadm prints. */
type Field = { expected: string; apply: (detail: MdadmDetail, value: string) => boolean };

function countField(key: CountKey): Field {
  return {
    expected: "a device count",
    apply: (detail, value) => {
      detail[key] = toCount(value);
      return detail[key] !== null;
    },
  };
}

function textField(key: TextKey): Field {
  return {
    expected: "text",
    apply: (detail, value) => {
      detail[key] = value;
      return true;
    },
  };
}

function percentField(key: PercentKey): Field {
  return {
    expected: '"<n>% complete"',
    apply: (detail, value) => {
      detail[key] = parsePercentComplete(value);
      return detail[key] !== null;
    },
  };
}

function kibSize(value: string): number | null {
  const size = parseSize(value);
  return size && size.unit !== "sectors" ? size.amount : null;
}

/** `clean, degraded, recovering`; `resyncing (DELAYED)` yields `resyncing` and `DELAYED`. */
export function splitDetailState(value: string): string[] {
  const flags: string[] = [];
  for (const part of value.split(",")) {
    const item = part.trim();
    const paren = item.lastIndexOf(" (");
    if (paren > 0 && item.endsWith(")")) {
      flags.push(item.slice(0, paren).trim(), item.slice(paren + 2, -1).trim());
    } else {
      flags.push(item);
    }
  }
  return flags.filter((flag) => flag !== "");
}

const FIELD_TABLE: Record<string, Field> = {
  Version: textField("version"),
  "Creation Time": textField("creationTime"),
  "Raid Level": textField("raidLevel"),
  Persistence: textField("persistence"),
  "Intent Bitmap": textField("intentBitmap"),
  "Update Time": textField("updateTime"),
  Layout: textField("layout"),
  "Consistency Policy": textField("consistencyPolicy"),
  "Raid Devices": countField("raidDevices"),
  "Total Devices": countField("totalDevices"),
  "Preferred Minor": countField("preferredMinor"),
  "Active Devices": countField("activeDevices"),
  "Working Devices": countField("workingDevices"),
  "Failed Devices": countField("failedDevices"),
  "Spare Devices": countField("spareDevices"),
  "Rebuild Status": percentField("rebuildStatusPercent"),
  "Resync Status": percentField("resyncStatusPercent"),
  "Reshape Status": percentField("reshapeStatusPercent"),
  "Check Status": percentField("checkStatusPercent"),
  "Array Size": {
    expected: '"<KiB> (<human size>)"',
    apply: (detail, value) => {
      detail.arraySizeKb = kibSize(value);
      return detail.arraySizeKb !== null;
    },
  },
  "Used Dev Size": {
    expected: '"<KiB> (<human size>)" or "unknown"',
    apply: (detail, value) => {
      detail.usedDevSizeKb = kibSize(value);
      return value === "unknown" || detail.usedDevSizeKb !== null;
    },
  },
  "Chunk Size": {
    expected: '"<n>K"',
    apply: (detail, value) => {
      detail.chunkSizeKb = parseKibSuffix(value);
      return detail.chunkSizeKb !== null;
    },
  },
  Rounding: {
    expected: '"<n>K"',
    apply: (detail, value) => {
      detail.roundingKb = parseKibSuffix(value);
      return detail.roundingKb !== null;
    },
  },
  State: {
    expected: "array state",
    apply: (detail, value) => {
      detail.state = value;
      detail.stateFlags = splitDetailState(value);
      return true;
    },
  },
  Container: {
    expected: '"<container>, member <n>"',
    apply: (detail, value) => {
      const match = /^(\S+), member (\S+)$/.exec(value);
      detail.container = match?.[1] ?? null;
      detail.member = match?.[2] ?? null;
      return match !== null;
    },
  },
  Name: {
    expected: "array name",
    apply: (detail, value) => {
      const { value: name, host } = splitLocalToHost(value);
      detail.name = name;
      detail.localToHost = host ?? detail.localToHost;
      return true;
    },
  },
  UUID: {
    expected: "UUID",
    apply: (detail, value) => {
      const { value: uuid, host } = splitLocalToHost(value);
      detail.uuid = uuid;
      detail.localToHost = host ?? detail.localToHost;
      return /^[0-9A-Fa-f:]+$/.test(uuid);
    },
  },
  Events: {
    expected: 'event count ("<n>" or "<hi>.<lo>")',
    apply: (detail, value) => {
      detail.eventsRaw = value;
      detail.events = parseEvents(value);
      return detail.events !== null;
    },
  },
  "Container GUID": {
    expected: "GUID",
    apply: (detail, value) => {
      detail.containerGuid = value;
      return value !== "";
    },
  },
  "Member Arrays": {
    expected: "member array devices",
    apply: (detail, value) => {
      detail.memberArrays = value.split(/\s+/).filter(Boolean);
      return true;
    },
  },
};

// Looked up in a Map: a key cut from the line costs one hash probe there, where a property
// lookup by such a string first has to find its internalized copy.
const FIELDS = new Map(Object.entries(FIELD_TABLE));

/** Returns the expected-format text when the value is malformed, null when applied. */
export function applyDetailField(
  detail: MdadmDetail,
  others: Array<[string, string]>,
  key: string,
  value: string,
): string | null {
  const field = FIELDS.get(key);
  if (!field) {
    others.push([key, value]);
    return null;
  }
  return field.apply(detail, value) ? null : `${key} as ${field.expected}`;
}

const ROW = /^\s*(-|\d+)\s+(\d+)\s+(\d+)\s+(-|\d+)(?:\s+(.*))?$/;

/** `   2     254        2        1      active sync writemostly   /dev/vda2` */
export function parseDetailRow(line: string): MdadmDetailDevice | null {
  const match = ROW.exec(line);
  if (!match) return null;
  const number = match[1] === "-" ? null : toCount(match[1] ?? "");
  const major = toCount(match[2] ?? "");
  const minor = toCount(match[3] ?? "");
  const raidDevice = match[4] === "-" ? null : toCount(match[4] ?? "");
  if (major === null || minor === null) return null;
  if ((match[1] !== "-" && number === null) || (match[4] !== "-" && raidDevice === null)) {
    return null;
  }
  const rest = (match[5] ?? "").trim();
  const words = rest === "" ? [] : rest.split(/\s+/);
  const last = words[words.length - 1];
  // The device column is a path, or `missing` when mdadm cannot map major:minor to a node.
  const hasDevice = last !== undefined && (last.startsWith("/") || last === "missing");
  if (hasDevice) words.pop();
  if (!words.every(isStateWord)) return null;
  const device = hasDevice && last !== "missing" ? last : null;
  return { number, major, minor, raidDevice, stateFlags: words, device, sysName: null };
}
