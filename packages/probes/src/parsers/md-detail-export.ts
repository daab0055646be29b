/*
 * `mdadm --detail --export /dev/mdX`: shell-style KEY=VALUE lines (mdadm Detail.c, c->export).
 *
 *   MD_LEVEL=raid1
 *   MD_DEVICES=2
 *   MD_METADATA=1.2
 *   MD_UUID=e054553a:fbccdcfe:0ae80bc8:9379377a
 *   MD_DEVICE_dev_sda1_ROLE=0
 *   MD_DEVICE_dev_sda1_DEV=/dev/sda1
 *
 * Containers print MD_LEVEL=container and MD_DEVICES = member disks; container members print
 * MD_CONTAINER/MD_MEMBER instead of MD_METADATA. Device keys carry the sysfs name with every
 * non-alphanumeric replaced by `_`. Seen in mdadm 4.x sources.
 */
import {
  type MdadmDetail,
  type MdadmDetailDevice,
  type ParseResult,
  parsed,
  parseFailure,
} from "@holmes/core";
import { emptyDetail } from "./md-detail-fields";
import { lookup, toCount, toRecord } from "./md-fields";
import { lineEnd, trimmedSlice } from "./text-lines";

const LINE = /^(MD_[A-Za-z0-9_]+)=(.*)$/;
const DEVICE_KEY = /^MD_DEVICE_(\w+)_(ROLE|DEV)$/;

/** True when the first non-blank line is an MD_*=… assignment. */
export function looksLikeExport(text: string): boolean {
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    const first = trimmedSlice(text, start, end);
    // Text output starts with `/dev/md0:` or a field: the prefix check spares it the regex.
    if (first !== "") return first.startsWith("MD_") && LINE.test(first);
    start = end + 1;
  }
  return false;
}

type Apply = (detail: MdadmDetail, value: string) => boolean;

const FIELDS: Record<string, Apply> = {
  MD_LEVEL: (d, v) => {
    d.raidLevel = v;
    return v !== "";
  },
  MD_DEVICES: (d, v) => {
    d.raidDevices = toCount(v);
    return d.raidDevices !== null;
  },
  MD_METADATA: (d, v) => {
    d.version = v;
    return v !== "";
  },
  MD_UUID: (d, v) => {
    d.uuid = v;
    return /^[0-9A-Fa-f:]+$/.test(v);
  },
  MD_DEVNAME: (d, v) => {
    d.devName = v;
    return v !== "";
  },
  MD_NAME: (d, v) => {
    d.name = v;
    return v !== "";
  },
  MD_CONTAINER: (d, v) => {
    d.container = v;
    return v !== "";
  },
  MD_MEMBER: (d, v) => {
    d.member = v;
    return v !== "";
  },
  MD_RESHAPE_ACTIVE: (d, v) => {
    d.reshapeActive = v === "True" ? true : v === "False" ? false : null;
    return d.reshapeActive !== null;
  },
};

export function parseDetailExport(lines: string[]): ParseResult<MdadmDetail> {
  const detail = emptyDetail("export");
  const others: Array<[string, string]> = [];
  const devices = new Map<string, MdadmDetailDevice>();
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? "").trim();
    if (line === "") continue;
    const match = LINE.exec(line);
    if (!match) return parseFailure("MD_<KEY>=<value> line", line, { line: index + 1 });
    const key = match[1] ?? "";
    const value = match[2] ?? "";
    const ok = DEVICE_KEY.test(key)
      ? applyDevice(devices, key, value)
      : applyField(detail, others, key, value);
    if (!ok) return parseFailure(`valid ${key} value`, line, { line: index + 1 });
  }
  detail.devices = [...devices.values()];
  detail.otherFields = toRecord(others);
  // A container reports its member-disk count in MD_DEVICES, not raid devices.
  if (detail.raidLevel === "container") {
    detail.totalDevices = detail.raidDevices;
    detail.raidDevices = null;
  }
  return parsed(detail);
}

function applyField(
  detail: MdadmDetail,
  others: Array<[string, string]>,
  key: string,
  value: string,
): boolean {
  const apply = lookup(FIELDS, key);
  if (apply) return apply(detail, value);
  others.push([key, value]);
  return true;
}

function applyDevice(devices: Map<string, MdadmDetailDevice>, key: string, value: string): boolean {
  const match = DEVICE_KEY.exec(key);
  const sysName = match?.[1] ?? "";
  const device = devices.get(sysName) ?? {
    number: null,
    major: null,
    minor: null,
    raidDevice: null,
    stateFlags: [],
    device: null,
    sysName,
  };
  devices.set(sysName, device);
  if (match?.[2] === "DEV") {
    device.device = value.startsWith("/") ? value : null;
    return device.device !== null;
  }
  // ROLE is the raid slot, or `spare` for anything outside the slots.
  const slot = toCount(value);
  if (slot !== null) {
    device.raidDevice = slot;
    return true;
  }
  if (!/^[a-z]+$/.test(value)) return false;
  device.stateFlags = [value];
  return true;
}
